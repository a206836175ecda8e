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

/** An `Idempotency-Key` that made a pack, sent again with another pack's request. */
export class PackKeyReusedError extends StudioError {
  constructor(packId: string) {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was already used for a different pack; use a new key for a new request',
      { details: { packId } },
    );
  }
}
