import type { Clock, EventStreamStatus } from '../../../client/index.js';
import type { SceneSyncStatus } from '../obs/scene-sync.js';
import { redact } from './redact.js';
import { statusSummary } from './status-summary.js';
import { useSettled } from './use-settled.js';

/** How long all must be well before the words fade and only a faint dot stays. */
export const SETTLE_MS = 10_000;

export interface StatusDotProps {
  readonly stream: EventStreamStatus;
  readonly obs: SceneSyncStatus;
  /** Never to be shown, whatever a message quotes: the token, the OBS password. */
  readonly secrets: readonly string[];
  readonly clock: Clock;
}

/** A small dot in the corner for both connections, with what is wrong in words beside it. */
export function StatusDot({ stream, obs, secrets, clock }: StatusDotProps) {
  const { tone, words } = statusSummary(stream, obs);
  const settled = useSettled(tone === 'good', SETTLE_MS, clock);
  const text = redact(words, secrets);
  return (
    <div
      class={`status status-${tone}${settled ? ' status-settled' : ''}`}
      data-tone={tone}
      role="status"
      aria-label={text}
    >
      <span class="status-dot" aria-hidden="true" />
      <span class="status-words">{text}</span>
    </div>
  );
}
