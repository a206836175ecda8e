import type { Asset } from '../assets/asset.js';
import { listAssetsForJob } from '../assets/asset-store.js';
import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import type { CursorPosition, Page } from '../db/cursor.js';
import { NotFoundError } from '../errors/index.js';
import type { Job } from '../jobs/job.js';
import type { JobStatus } from '../jobs/job-status.js';
import { applyJobEvent, getJob, listJobs } from '../jobs/job-store.js';
import { authorize, can } from '../policy/index.js';
import type { Services } from './services.js';

function found(job: Job | null): Job {
  if (!job) throw new NotFoundError('no such job on this channel');
  return job;
}

/** One of the caller's channel's jobs (from memory while nothing changed on the channel: the panel polls this). */
export async function readJob(services: Services, caller: Caller, id: string): Promise<Job> {
  authorize(caller, 'job.read');
  const { channelId } = caller;
  const job = await services.reads.jobs.load(id, async () => {
    const job = await getJob(services.database.db, channelId, id);
    return job && { value: job, channelId };
  });
  return found(ownJob(job, channelId));
}

/**
 * The job as `readJob` would answer it, when that needs nothing but memory: the caller may read
 * jobs and the job is held in the hot reads. Undefined otherwise, including every refusal;
 * `readJob` is the one to give those.
 */
export function peekJob(services: Services, caller: Caller, id: string): Job | undefined {
  if (!can(caller, 'job.read')) return undefined;
  return ownJob(services.reads.jobs.peek(id), caller.channelId) ?? undefined;
}

/** Ids are unique across channels: another channel's job held under this id is not the caller's. */
const ownJob = (job: Job | null | undefined, channelId: string) =>
  job?.channelId === channelId ? job : null;

/** The channel's jobs, newest first, a page at a time. */
export function readJobs(
  services: Services,
  caller: Caller,
  query: {
    status?: JobStatus | undefined;
    limit?: number | undefined;
    after?: CursorPosition | undefined;
  },
): Promise<Page<Job>> {
  authorize(caller, 'job.read');
  return listJobs(services.database.db, caller.channelId, query);
}

/** The assets one of the channel's jobs made. */
export async function readJobAssets(services: Services, caller: Caller, id: string): Promise<Asset[]> {
  authorize(caller, 'job.read');
  found(await getJob(services.database.db, caller.channelId, id));
  return listAssetsForJob(services.database.db, caller.channelId, id);
}

/**
 * Cancels a queued or running job (`INVALID_TRANSITION` once it has ended). The cancel and its
 * event commit together; the event reaches whichever server process runs the job, which aborts it.
 */
export async function cancelJob(services: Services, caller: Caller, id: string): Promise<Job> {
  authorize(caller, 'job.cancel');
  return services.database.db.transaction(async (tx) => {
    const { job } = await applyJobEvent(tx, caller.channelId, id, { type: 'cancel' });
    await recordAudit(tx, caller, 'job.cancel', job.id);
    return job;
  });
}
