import type { ErrorCode, Visibility } from '../vocabulary/index.js';
import type { PackPiece, PackStatus } from './pack-plan-types.js';

/** A brand pack as the database holds it: the plan, and how far it got. */
export interface Pack {
  readonly id: string;
  readonly channelId: string;
  /** The kit every piece is made in: the one asked for, else the channel's active kit when the pack was made. */
  readonly brandKitId: string | null;
  readonly visibility: Visibility;
  readonly subjects: readonly string[];
  /** The plan, lead first. */
  readonly pieces: readonly PackPiece[];
  readonly status: PackStatus;
  /** Why the pack stopped early; set while its last pieces still run, and kept once it has stopped. */
  readonly stopCode: ErrorCode | null;
  readonly stopMessage: string | null;
  /** When every piece had its job. */
  readonly expandedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
