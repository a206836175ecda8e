import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Entrance } from '../../../manifest/overlay-slots.js';
import { ENTRANCE_MOTION } from './entrance-motion.js';

export interface EntranceFrameProps {
  readonly entrance: Entrance;
  readonly phase: 'in' | 'leaving';
  readonly assetId: string;
  /** How many images inside must load before the entrance plays. */
  readonly images: number;
  readonly children: ComponentChildren;
}

/**
 * One asset's time in its slot: enters by its slot's entrance, then plays its exit when it leaves.
 * The motion waits, invisible, until its images have loaded, so a pop never plays on an empty box
 * and a file that fails to load shows nothing rather than a broken image over the stream.
 */
export function EntranceFrame({ entrance, phase, assetId, images, children }: EntranceFrameProps) {
  const [loaded, setLoaded] = useState(0);
  const { enterMs, exitMs } = ENTRANCE_MOTION[entrance];
  const classes = ['entrance', `entrance-${entrance}`, phase === 'in' ? 'is-in' : 'is-leaving'];
  if (loaded >= images) classes.push('is-ready');
  return (
    <div
      class={classes.join(' ')}
      data-asset={assetId}
      data-phase={phase}
      style={{ '--enter-ms': `${enterMs}ms`, '--exit-ms': `${exitMs}ms` }}
      onLoadCapture={() => setLoaded((count) => count + 1)}
    >
      {children}
    </div>
  );
}
