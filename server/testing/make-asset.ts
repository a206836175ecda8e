import type { AssetView } from '../assets/asset-view.js';
import type { AssetType } from '../catalogue/index.js';
import type { Visibility } from '../vocabulary/index.js';
import type { TestStudio } from './test-studio.js';

export interface MakeAssetOptions {
  readonly visibility: Visibility;
  readonly assetType?: AssetType;
  readonly brandKitId?: string;
}

/** Generates an asset the way a broadcaster does (POST /generate, wait for the job) and returns its JSON. */
export async function makeAsset(
  studio: TestStudio,
  channelId: string,
  options: MakeAssetOptions,
): Promise<AssetView> {
  const token = studio.token(channelId);
  const response = await studio.call('/api/v1/generate', {
    token,
    body: {
      assetType: options.assetType ?? 'emote',
      prompt: 'a test asset',
      visibility: options.visibility,
      ...(options.brandKitId ? { brandKitId: options.brandKitId } : {}),
    },
  });
  if (response.status !== 202)
    throw new Error(`generate answered ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  const job = await studio.settle(channelId, id);
  if (job.status !== 'completed')
    throw new Error(`job ${id} ended ${job.status}: ${String(job.errorMessage)}`);
  const assets = (await (await studio.call(`/api/v1/jobs/${id}/assets`, { token })).json()) as {
    items: AssetView[];
  };
  if (assets.items.length !== 1) throw new Error(`job ${id} made ${assets.items.length} assets`);
  return assets.items[0]!;
}
