import type { GenerateInput, StudioApi, Visibility } from '../client/index.js';

/** An asset made through the API, with when its job completed on the server. */
export interface GeneratedAsset {
  readonly jobId: string;
  readonly assetId: string;
  /** The job's `completedAt`, in ms since the epoch (the server's clock). */
  readonly completedAt: number;
}

const FINAL = ['completed', 'failed', 'cancelled'];

/**
 * Queues a `type` asset for `prompt` and waits for its job to end: the asset it made, or an error
 * with the job's status and reason (a failed job fails at once, not at the timeout).
 */
export async function generateAsset(
  api: StudioApi,
  prompt: string,
  {
    visibility = 'public',
    type = 'emote',
    timeoutMs = 30_000,
    pollMs = 50,
  }: {
    visibility?: Visibility;
    type?: GenerateInput['assetType'];
    timeoutMs?: number;
    pollMs?: number;
  } = {},
): Promise<GeneratedAsset> {
  const { id } = await api.generate({ assetType: type, prompt, visibility });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await api.job(id);
    if (FINAL.includes(job.status)) {
      if (job.status !== 'completed' || !job.completedAt)
        throw new Error(`job ${id} ended ${job.status}: ${job.errorCode ?? ''} ${job.errorMessage ?? ''}`);
      const { items } = await api.jobAssets(id);
      if (items.length !== 1) throw new Error(`job ${id} made ${items.length} assets, not 1`);
      return { jobId: id, assetId: items[0]!.id, completedAt: Date.parse(job.completedAt) };
    }
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
