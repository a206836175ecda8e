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

/** A finished asset: the files one job made. */
export interface Asset {
  readonly id: string;
  readonly jobId: string;
  readonly channelId: string;
  readonly assetType: AssetType;
  readonly visibility: Visibility;
  readonly files: readonly AssetFile[];
  readonly createdAt: Date;
}
