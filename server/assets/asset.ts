import type { AssetType } from '../catalogue/index.js';
import type { Visibility } from '../vocabulary/index.js';

/** One stored file of an asset: one catalogue size. */
export interface AssetFile {
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly contentType: string;
  /** Where the storage driver keeps it; built from server-made ids only, never from user input. */
  readonly storageKey: string;
}

/**
 * The provider's original image, before it was cut to sizes: kept on the private side whatever
 * the asset's visibility, never listed in `files` and never moved, so a refinement can edit it.
 */
export interface AssetSource {
  readonly storageKey: string;
  readonly contentType: string;
}

/** A finished asset: the files one job made. */
export interface Asset {
  readonly id: string;
  readonly jobId: string;
  readonly channelId: string;
  readonly assetType: AssetType;
  readonly visibility: Visibility;
  readonly files: readonly AssetFile[];
  readonly createdAt: Date;
  /** The asset this one refines; null for a fresh generation (or once the parent is deleted). */
  readonly parentAssetId: string | null;
  /** Null for assets made before sources were kept. */
  readonly source: AssetSource | null;
}
