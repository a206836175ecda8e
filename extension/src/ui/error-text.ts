import { StudioApiError } from '../../../client/index.js';

/** What a refused or failed call means, in a sentence a streamer can act on. */
export function errorText(error: unknown): string {
  if (!(error instanceof StudioApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.code) {
    case 'NETWORK_ERROR':
      return 'Streamer Studio could not be reached. Check that the server is running and try again.';
    case 'UNAUTHORIZED':
      return 'Twitch sign-in was not accepted. Wait a moment for a fresh token, then try again.';
    case 'FORBIDDEN':
      return `Not allowed: ${error.message}.`;
    case 'RATE_LIMITED':
    case 'QUEUE_FULL':
      return `Slow down: ${error.message}.`;
    default:
      return error.message;
  }
}
