import type { Job } from '../../../client/index.js';
import type { ErrorCode } from '../../../server/vocabulary/index.js';

/** What each code a job can fail with means for the streamer, and what to do about it. */
const REASONS: Partial<Record<ErrorCode, readonly [cause: string, advice: string]>> = {
  CONTENT_POLICY: ["Gemini's safety filters declined this description", 'reword it'],
  PROVIDER_REJECTED: [
    'The image service refused the server’s key or model',
    'the server’s owner should check them',
  ],
  RATE_LIMITED: ['The image service’s quota is used up for now', 'try again in a few minutes'],
  PROVIDER_UNAVAILABLE: ['The image service was down', 'try again shortly'],
  PROVIDER_TIMEOUT: ['The image service took too long to answer', 'try again shortly'],
  NO_IMAGE: ['The image service answered without a usable image', 'try again, or reword it'],
  INVALID_IMAGE: ['The image that came back could not be read', 'try again'],
  ASSET_TOO_LARGE: ['The image stayed over Twitch’s file size limit', 'try a simpler description'],
  WORKER_LOST: ['The server stopped while making it', 'try again'],
  STORAGE_UNAVAILABLE: ['The file storage was down', 'try again shortly'],
  STORAGE_REJECTED: [
    'The file storage refused the server’s files',
    'the server’s owner should check its storage settings',
  ],
  INTERNAL_ERROR: ['Something went wrong on the server', 'try again'],
};

const known = (job: Job) => (job.errorCode ? REASONS[job.errorCode as ErrorCode] : undefined);
const unknown = (job: Job) => job.errorMessage || 'It failed for a reason the server did not give';

/** Why a job failed, in a sentence a streamer can act on: `Gemini's safety filters declined this description: reword it.` */
export function failureReason(job: Job): string {
  const reason = known(job);
  return reason ? `${reason[0]}: ${reason[1]}.` : unknown(job);
}

/** Why the last attempt of a job the server is retrying failed, without advice: the server is on it. */
export function failureCause(job: Job): string {
  return known(job)?.[0] ?? unknown(job);
}
