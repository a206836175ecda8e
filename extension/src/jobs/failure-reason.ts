import type { Job } from '../../../client/index.js';
import type { ErrorCode } from '../../../server/vocabulary/index.js';

/** What each code a job can fail with means for the streamer, and what to do about it. */
const REASONS: Partial<Record<ErrorCode, string>> = {
  CONTENT_POLICY: "Gemini's safety filters declined this description: reword it.",
  PROVIDER_REJECTED:
    'The image service refused the server’s key or model: the server’s owner should check them.',
  RATE_LIMITED: 'The image service’s quota is used up for now: try again in a few minutes.',
  PROVIDER_UNAVAILABLE: 'The image service is down at the moment: try again shortly.',
  PROVIDER_TIMEOUT: 'The image service took too long to answer: try again shortly.',
  NO_IMAGE: 'The image service answered without a usable image: try again, or reword it.',
  INVALID_IMAGE: 'The image that came back could not be read: try again.',
  ASSET_TOO_LARGE: 'The image stayed over Twitch’s file size limit: try a simpler description.',
  WORKER_LOST: 'The server stopped while making it: try again.',
  INTERNAL_ERROR: 'Something went wrong on the server: try again.',
};

/** Why a job failed (or why its last attempt did), in a sentence a streamer can act on. */
export function failureReason(job: Job): string {
  const known = job.errorCode ? REASONS[job.errorCode as ErrorCode] : undefined;
  return known ?? (job.errorMessage || 'It failed for a reason the server did not give.');
}
