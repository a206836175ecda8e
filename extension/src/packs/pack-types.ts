import type { Pack } from '../../../client/index.js';

export type { Pack };
/** One piece of a pack's plan, and how far it got. */
export type PackPiece = Pack['pieces'][number];

const FINAL = new Set<PackPiece['status']>(['completed', 'failed', 'cancelled']);

/** True once a piece can change no more. */
export const isPieceFinal = (piece: PackPiece) => FINAL.has(piece.status);

/** True while a piece's job is queued or being made. */
export const isPieceActive = (piece: PackPiece) => piece.status === 'queued' || piece.status === 'processing';
