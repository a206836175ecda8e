import type { Asset } from '../../../client/index.js';
import type { SlotSettings } from '../url/overlay-config.js';
import type { FileUrl } from './file-url.js';
import { PopEntrance } from './pop-entrance.js';
import type { SlotQueue } from './slot-queue.js';
import { WholeEntrance } from './whole-entrance.js';

export interface SlotViewProps {
  readonly slot: SlotSettings;
  readonly queue: SlotQueue<Asset> | undefined;
  readonly fileUrl: FileUrl;
}

/** One slot's box on the 1920×1080 page, with the asset it shows now, if any. */
export function SlotView({ slot, queue, fileUrl }: SlotViewProps) {
  const { x, y, width, height } = slot.box;
  const showing = queue?.showing;
  // Keyed by asset, so each new asset mounts afresh and plays its own entrance.
  const content = !showing?.item.files.length ? null : slot.entrance === 'pop' ? (
    <PopEntrance key={showing.item.id} asset={showing.item} phase={showing.phase} fileUrl={fileUrl} />
  ) : (
    <WholeEntrance
      key={showing.item.id}
      asset={showing.item}
      phase={showing.phase}
      entrance={slot.entrance}
      box={slot.box}
      fileUrl={fileUrl}
    />
  );
  return (
    <div
      class={`slot slot-${slot.entrance}`}
      data-slot={slot.name}
      style={{ left: x, top: y, width, height }}
    >
      {content}
    </div>
  );
}
