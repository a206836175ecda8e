import type { JobStatus } from './job-status.js';

/**
 * Whether a job moving `from` → `to` gives its unit of the daily generation budget back: it ends
 * without an image. A failed job made none; a job cancelled while queued never reached the image
 * service. One cancelled while processing keeps its unit, since the service may already be
 * drawing (and billing) it; a completed job keeps its unit.
 */
export function givesBudgetBack(from: JobStatus, to: JobStatus): boolean {
  return to === 'failed' || (to === 'cancelled' && from === 'queued');
}
