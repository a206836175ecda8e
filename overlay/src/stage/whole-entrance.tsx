import type { Asset } from '../../../client/index.js';
import type { OverlaySlot } from '../../../manifest/overlay-slots.js';
import { EntranceFrame } from './entrance-frame.js';
import { fileForBox } from './file-for-box.js';
import type { FileUrl } from './file-url.js';

export interface WholeEntranceProps {
  readonly asset: Asset;
  readonly phase: 'in' | 'leaving';
  readonly entrance: 'card' | 'fade';
  readonly box: OverlaySlot['box'];
  readonly fileUrl: FileUrl;
}

/** One image filling its slot's box, keeping its shape: an alert's card, a full frame's fade. */
export function WholeEntrance({ asset, phase, entrance, box, fileUrl }: WholeEntranceProps) {
  const file = fileForBox(asset, box.width, box.height)!;
  return (
    <EntranceFrame entrance={entrance} phase={phase} assetId={asset.id} images={1}>
      <img
        class="whole-image"
        src={fileUrl(asset.id, `${file.width}x${file.height}`)}
        width={file.width}
        height={file.height}
        alt=""
      />
    </EntranceFrame>
  );
}
