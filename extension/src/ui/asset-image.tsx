import type { Asset } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';

type AssetFile = Asset['files'][number];

export interface AssetImageProps {
  readonly asset: Asset;
  /** Which of the asset's files to show (default: the largest). */
  readonly file?: AssetFile;
  /** The box to fit it in, in CSS pixels; the file is never scaled up past its own size. */
  readonly maxWidth?: number;
  readonly alt?: string;
}

/** The size that fits `file` inside `maxWidth` without enlarging it. */
function fitted(file: AssetFile, maxWidth: number | undefined) {
  if (!maxWidth || file.width <= maxWidth) return { width: file.width, height: file.height };
  return { width: maxWidth, height: Math.round((file.height * maxWidth) / file.width) };
}

/**
 * One of an asset's files, loaded lazily. Public files come from `/asset/:id?size=` (cacheable by
 * anyone, so a raid of viewers costs the server little); private ones from their signed URL.
 */
export function AssetImage({ asset, file = asset.files[0], maxWidth, alt }: AssetImageProps) {
  const { api } = useStudio();
  if (!file) return null;
  const size = `${file.width}x${file.height}`;
  const src = asset.visibility === 'public' ? api.publicFileUrl(asset.id, size) : file.url;
  return (
    <img
      class="asset-image"
      src={src}
      {...fitted(file, maxWidth)}
      loading="lazy"
      decoding="async"
      alt={alt ?? `${asset.assetType.replace(/_/g, ' ')} at ${size}`}
    />
  );
}
