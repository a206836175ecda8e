import { useEffect, useRef, useState } from 'preact/hooks';
import type { TwitchReward } from '../../../client/index.js';
import { CATALOGUE } from '../../../server/catalogue/index.js';
import { ErrorLine } from '../ui/error-line.js';
import { useAction } from '../ui/use-action.js';
import { rewardStatusText } from './reward-status.js';

export interface RewardItemProps {
  readonly reward: TwitchReward;
  /** Absent for those who may only look. */
  readonly onRemove?: ((id: string) => Promise<void>) | undefined;
}

/** One reward: its title, cost and asset type, where it stands on Twitch, and Remove (asked again first). */
export function RewardItem({ reward, onRemove }: RewardItemProps) {
  const [asking, setAsking] = useState(false);
  const removing = useAction();
  const keep = useRef<HTMLButtonElement>(null);
  // The safe answer takes the focus, so a second Enter does not remove.
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);

  const canRemove = onRemove && reward.status !== 'deleting';
  return (
    <li class={`reward reward-${reward.status}`}>
      <div class="reward-line">
        <span class="reward-title">{reward.title}</span>
        <span class="small muted">
          {reward.cost.toLocaleString('en')} points · {CATALOGUE[reward.assetType].label}
        </span>
      </div>
      <p class="small reward-status">{rewardStatusText(reward)}</p>
      {canRemove && !asking && (
        <button type="button" class="danger" onClick={() => setAsking(true)}>
          Remove
        </button>
      )}
      {canRemove && asking && (
        <fieldset class="confirm-delete">
          <legend>Remove “{reward.title}”?</legend>
          <p class="small muted">Viewers can no longer redeem it; what it already made stays.</p>
          <div class="row">
            <button
              type="button"
              class="danger"
              disabled={removing.busy}
              onClick={() => void removing.run(() => onRemove(reward.id))}
            >
              Confirm remove
            </button>
            <button type="button" ref={keep} disabled={removing.busy} onClick={() => setAsking(false)}>
              Keep
            </button>
          </div>
        </fieldset>
      )}
      <ErrorLine error={removing.error} />
    </li>
  );
}
