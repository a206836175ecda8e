import { redact } from '../status/redact.js';
import type { ObsTarget } from '../url/overlay-config.js';
import { obsErrorCode } from './obs-socket.js';

/** obs-websocket's close codes: a failed Identify (wrong or missing password), and a protocol it does not speak. */
const AUTHENTICATION_FAILED = 4009;
const UNSUPPORTED_RPC_VERSION = 4010;

/** OBS (or whatever is at its address) took the connection but never answered within `ms`. */
export class ObsNoAnswer extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'ObsNoAnswer';
  }
}

/** The address as people read it, without any user:password@ a streamer might have typed into it. */
export function obsAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

function inWords(error: unknown, target: ObsTarget): string {
  const address = obsAddress(target.url);
  const code = obsErrorCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof ObsNoAnswer)
    return `OBS at ${address} did not answer within ${Math.round(error.ms / 1000)} s`;
  if (error instanceof Error && error.name === 'SyntaxError')
    return `“${address}” is not a websocket address like ws://127.0.0.1:4455`;
  if (code === AUTHENTICATION_FAILED)
    return target.password
      ? 'OBS refused the password'
      : 'OBS asks for a password, and the overlay URL gives none';
  if (code === UNSUPPORTED_RPC_VERSION || /subprotocol/i.test(reason))
    return `Something answered at ${address}, but not obs-websocket 5 (OBS 28 or newer)`;
  if (code !== undefined && code >= 4000) return `OBS closed the connection: ${reason || `code ${code}`}`;
  return `OBS is not running at ${address} (or not reachable)`;
}

/**
 * Why connecting to OBS failed, in the words the status dot shows. obs-websocket-js rejects with a
 * close code (4009 for the password), or -1 with the socket's error (Node names ECONNREFUSED; a
 * browser says nothing and closes with 1006). OBS's own words are passed on with the password masked.
 */
export const obsFailureMessage = (error: unknown, target: ObsTarget): string =>
  redact(inWords(error, target), [target.password]);

/** Why a working connection ended (OBS quit, or closed it), in words, with the password masked. */
export function obsLostMessage(error: unknown, target: ObsTarget): string {
  const reason = error instanceof Error && error.message ? `: ${error.message}` : '';
  return redact(`Lost OBS at ${obsAddress(target.url)}${reason}`, [target.password]);
}
