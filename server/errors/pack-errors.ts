import { StudioError } from './studio-error.js';

/** A pack that has already ended cannot be cancelled (nor advanced). */
export class PackEndedError extends StudioError {
  constructor(packId: string, status: string) {
    super('INVALID_TRANSITION', `this pack has already ended (${status})`, { details: { packId, status } });
  }
}

/** A pack's zip was asked for before any piece finished. */
export class PackEmptyError extends StudioError {
  constructor(packId: string) {
    super('INVALID_TRANSITION', 'no piece of this pack has finished yet: download it once one has', {
      details: { packId },
    });
  }
}
