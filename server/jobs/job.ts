import type { AssetType } from '../catalogue/index.js';
import type { ErrorCode, ImageUsage, Visibility } from '../vocabulary/index.js';
import type { JobStatus } from './job-status.js';

/** One request for an asset, as the database holds it. */
export interface Job {
  readonly id: string;
  readonly channelId: string;
  readonly assetType: AssetType;
  /** The user's text as they sent it; sanitized when the prompt is built. */
  readonly prompt: string;
  readonly brandKitId: string | null;
  /** Set for a refinement: the asset whose source image the job edits (`prompt` is the change). */
  readonly parentAssetId: string | null;
  /** Reference images this request named (the brand kit's own are added when the job runs). */
  readonly referenceImageIds: readonly string[];
  /** Set for a piece of a brand pack: the pack, and the piece's key in its plan. */
  readonly packId: string | null;
  readonly packPiece: string | null;
  /** The visibility the finished asset gets. */
  readonly visibility: Visibility;
  readonly status: JobStatus;
  readonly progress: number;
  readonly retryCount: number;
  readonly errorCode: ErrorCode | null;
  readonly errorMessage: string | null;
  /** A queued job is not claimed before this time (backoff). */
  readonly runAt: Date;
  readonly idempotencyKey: string | null;
  readonly model: string | null;
  readonly usage: ImageUsage | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly completedAt: Date | null;
}
