import type { Job } from '../../../client/index.js';

const FINAL = new Set<Job['status']>(['completed', 'failed', 'cancelled']);

/** Which of two views of one job taken at the same instant is further along. */
function further(a: Job, b: Job): boolean {
  const finalA = FINAL.has(a.status);
  if (finalA !== FINAL.has(b.status)) return finalA;
  return a.progress > b.progress;
}

/** True when `incoming` says something newer about the job than `held`: a job never moves backwards. */
export function isNewer(incoming: Job, held: Job | undefined): boolean {
  if (!held) return true;
  const [next, last] = [Date.parse(incoming.updatedAt), Date.parse(held.updatedAt)];
  return next === last ? further(incoming, held) : next > last;
}

/**
 * The jobs with `incoming` added or updated, newest first; the same array when it is old news,
 * so events and the REST answer may arrive in any order and any number of times.
 */
export function upsertJob(jobs: readonly Job[], incoming: Job): readonly Job[] {
  const held = jobs.find((job) => job.id === incoming.id);
  if (!isNewer(incoming, held)) return jobs;
  const others = held ? jobs.filter((job) => job !== held) : jobs;
  return [...others, incoming].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}
