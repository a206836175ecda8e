import type { SlotSettings } from '../url/overlay-config.js';
import type { FileUrl } from './file-url.js';
import { SlotView } from './slot-view.js';
import type { StageQueues } from './use-stage.js';

export interface StageProps {
  readonly slots: readonly SlotSettings[];
  readonly queues: StageQueues;
  readonly fileUrl: FileUrl;
}

/** The 1920×1080 canvas with every slot in its box; slots run side by side, each its own queue. */
export function Stage({ slots, queues, fileUrl }: StageProps) {
  return (
    <div class="stage">
      {slots.map((slot) => (
        <SlotView key={slot.name} slot={slot} queue={queues[slot.name]} fileUrl={fileUrl} />
      ))}
    </div>
  );
}
