/** What the route table reads: a finished job, and one public emote of the gallery. */
export interface Gallery {
  readonly jobId: string;
  readonly assetId: string;
  /** Seconds the seeding took (queue to last completed). */
  readonly seconds: number;
}

type Page<T> = { items: T[] };
type JobView = { id: string; status: string; errorCode?: string };

const FINAL = ['completed', 'failed', 'cancelled'];

/**
 * Makes `count` public emotes through the API as the broadcaster (the preview provider draws
 * them) and waits until every job has ended; a job that did not complete fails the seeding.
 */
export async function seedGallery(url: string, token: string, count: number): Promise<Gallery> {
  const started = performance.now();
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/api/v1/generate`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ assetType: 'emote', prompt: `a bench cat number ${i}`, visibility: 'public' }),
    });
    const job = (await response.json()) as { id?: string };
    if (!job.id) throw new Error(`POST /api/v1/generate answered ${response.status}: ${JSON.stringify(job)}`);
    ids.push(job.id);
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    const page = (await fetch(`${url}/api/v1/jobs?limit=100`, { headers }).then((r) =>
      r.json(),
    )) as Page<JobView>;
    const mine = page.items.filter((j) => ids.includes(j.id));
    const ended = mine.filter((j) => FINAL.includes(j.status));
    const bad = ended.find((j) => j.status !== 'completed');
    if (bad) throw new Error(`seeding: job ${bad.id} ended ${bad.status} ${bad.errorCode ?? ''}`);
    if (ended.length === ids.length) break;
    if (Date.now() > deadline)
      throw new Error(`seeding: ${ended.length} of ${ids.length} jobs ended in 120 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const jobId = ids[0]!;
  const assets = (await fetch(`${url}/api/v1/jobs/${jobId}/assets`, { headers }).then((r) =>
    r.json(),
  )) as Page<{ id: string }>;
  const assetId = assets.items[0]?.id;
  if (!assetId) throw new Error(`seeding: job ${jobId} has no asset`);
  return { jobId, assetId, seconds: (performance.now() - started) / 1000 };
}
