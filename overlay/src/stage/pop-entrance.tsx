import type { Asset } from '../../../client/index.js';
import { EntranceFrame } from './entrance-frame.js';
import { filesBySize } from './file-for-box.js';
import type { FileUrl } from './file-url.js';

export interface PopEntranceProps {
  readonly asset: Asset;
  readonly phase: 'in' | 'leaving';
  readonly fileUrl: FileUrl;
}

/**
 * An emote as chat will show it: its largest file (112 px) popping in, with its chat-size file
 * (28 px, the 56 px one on a dense screen) popping in just after, beneath it.
 */
export function PopEntrance({ asset, phase, fileUrl }: PopEntranceProps) {
  const files = filesBySize(asset);
  const large = files.at(-1)!;
  const chat = files[0]!;
  const chatDense = files.find((file) => file.width === chat.width * 2);
  const url = (file: typeof chat) => fileUrl(asset.id, `${file.width}x${file.height}`);
  return (
    <EntranceFrame entrance="pop" phase={phase} assetId={asset.id} images={2}>
      <img class="pop-large" src={url(large)} width={large.width} height={large.height} alt="" />
      <img
        class="pop-chat"
        src={url(chat)}
        srcset={chatDense ? `${url(chatDense)} 2x` : undefined}
        width={chat.width}
        height={chat.height}
        alt=""
      />
    </EntranceFrame>
  );
}
