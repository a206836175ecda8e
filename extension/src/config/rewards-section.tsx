import { type RewardInput, StudioApiError, type TwitchConnection } from '../../../client/index.js';
import { Notice } from '../ui/notice.js';
import { NewRewardForm } from './new-reward-form.js';
import { RewardItem } from './reward-item.js';
import { useRewards } from './use-rewards.js';
import { useTwitchConnection } from './use-twitch-connection.js';

/** Why rewards cannot be added now, or null when they can. */
function notConnectedWords(connection: TwitchConnection): string | null {
  if (connection.status === 'connected') return null;
  if (connection.status === 'broken')
    return 'The Twitch connection broke: reconnect Twitch above to add or change rewards.';
  return 'Rewards are made on the channel’s Twitch account: connect Twitch above first.';
}

/**
 * "Channel-point rewards": the rewards whose redemptions generate from the viewer's text, where
 * each stands on Twitch, and, for the broadcaster with Twitch connected, a form to add one.
 */
export function RewardsSection({ readOnly }: { readonly readOnly: boolean }) {
  const { rewards, error, create, remove, retry } = useRewards();
  const twitch = useTwitchConnection();
  const blocked = twitch.connection ? notConnectedWords(twitch.connection) : null;

  const createOrRecheck = async (input: RewardInput) => {
    try {
      await create(input);
    } catch (failure) {
      // Disconnected meanwhile (in another tab, or the tokens broke): say so in place of the form.
      if (failure instanceof StudioApiError && failure.code === 'TWITCH_NOT_CONNECTED') twitch.read();
      throw failure;
    }
  };

  return (
    <section class="card config-section" aria-labelledby="rewards-title">
      <h2 id="rewards-title">Channel-point rewards</h2>
      <p class="hint small muted">
        A viewer redeems one with a description, and it becomes an asset of the reward’s type. Points are
        refunded when nothing could be made.
      </p>
      {!rewards && !error && <Notice title="Loading the rewards…" busy />}
      {error && (
        <Notice title="The rewards could not be loaded" tone="error">
          {error}{' '}
          <button type="button" onClick={retry}>
            Try again
          </button>
        </Notice>
      )}
      {rewards && rewards.length === 0 && <p class="small muted">No rewards yet.</p>}
      {rewards && rewards.length > 0 && (
        <ul class="reward-list">
          {rewards.map((reward) => (
            <RewardItem key={reward.id} reward={reward} onRemove={readOnly ? undefined : remove} />
          ))}
        </ul>
      )}
      {blocked && (
        <p class="small reward-blocked" role="status">
          {blocked}
        </p>
      )}
      {!readOnly && twitch.connection?.status === 'connected' && <NewRewardForm onCreate={createOrRecheck} />}
    </section>
  );
}
