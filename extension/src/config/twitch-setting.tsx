import type { TwitchConnection } from '../../../client/index.js';
import { Notice } from '../ui/notice.js';
import { useTwitchConnection } from './use-twitch-connection.js';

export interface TwitchSettingProps {
  readonly canConnect: boolean;
  readonly canDisconnect: boolean;
}

/** What the connection is, in a sentence. */
function describe(connection: TwitchConnection): string {
  if (connection.status === 'connected') return `Connected as ${connection.login ?? 'your account'}.`;
  if (connection.status === 'broken')
    return `The connection broke${connection.reason ? `: ${connection.reason}` : ''}. Connect again to mend it.`;
  return 'Not connected.';
}

/** "Twitch chat and channel points": whether the channel's account is connected, and the way to (dis)connect it. */
export function TwitchSetting({ canConnect, canDisconnect }: TwitchSettingProps) {
  const twitch = useTwitchConnection();
  const { connection } = twitch;
  return (
    <section class="card config-section" aria-labelledby="twitch-setting-title">
      <h2 id="twitch-setting-title">Twitch chat and channel points</h2>
      {!connection && !twitch.error && <Notice title="Reading the Twitch connection…" busy />}
      {connection && (
        <p class="twitch-status" role="status">
          {describe(connection)}
        </p>
      )}
      <p class="hint small muted">
        Connecting lets the channel’s chat (<code>!gen emote …</code>) and channel-point rewards make assets.
        It opens Twitch in a new tab; come back here when it says you are connected.
      </p>
      {twitch.error && (
        <p class="form-error" role="alert">
          {twitch.error}
        </p>
      )}
      <div class="row">
        {canConnect && connection?.status !== 'connected' && (
          <button type="button" class="primary" disabled={twitch.busy} onClick={() => void twitch.connect()}>
            {connection?.status === 'broken' ? 'Reconnect Twitch' : 'Connect Twitch'}
          </button>
        )}
        {canDisconnect && connection && connection.status !== 'not_connected' && (
          <button
            type="button"
            class="danger"
            disabled={twitch.busy}
            onClick={() => void twitch.disconnect()}
          >
            Disconnect
          </button>
        )}
      </div>
    </section>
  );
}
