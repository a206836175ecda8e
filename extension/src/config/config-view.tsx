import { useStudio } from '../studio/studio-context.js';
import { Notice } from '../ui/notice.js';
import { BrandKitsSection } from './brand-kits-section.js';
import { BudgetSetting } from './budget-setting.js';
import { ChatSettingsSection } from './chat-settings-section.js';
import { ModeratorSetting } from './moderator-setting.js';
import { RewardsSection } from './rewards-section.js';
import { TwitchSetting } from './twitch-setting.js';

/**
 * The extension's configuration: brand kits, who may generate from the panel, the daily budget,
 * the channel's Twitch connection, its chat commands and channel-point rewards. Twitch shows it
 * to the broadcaster only, but what it offers still follows what the server says the caller may do.
 */
export function ConfigView() {
  const { permissions } = useStudio().capabilities;
  const canChange = permissions['brand_kit.write'] && permissions['channel.write'];
  const canRead = permissions['brand_kit.read'] || permissions['channel.read'];
  return (
    <main class="view config">
      {!canRead && (
        <Notice title="This page is for the broadcaster">
          Only the channel’s broadcaster configures Streamer Studio.
        </Notice>
      )}
      {canRead && !canChange && (
        <Notice title="Read only">Only the channel’s broadcaster can change these settings.</Notice>
      )}
      {permissions['brand_kit.read'] && <BrandKitsSection readOnly={!permissions['brand_kit.write']} />}
      {permissions['channel.read'] && <ModeratorSetting readOnly={!permissions['channel.write']} />}
      {permissions['channel.read'] && <BudgetSetting readOnly={!permissions['channel.write']} />}
      {permissions['twitch.read'] && (
        <TwitchSetting
          canConnect={permissions['twitch.connect']}
          canDisconnect={permissions['twitch.disconnect']}
        />
      )}
      {permissions['channel.read'] && <ChatSettingsSection readOnly={!permissions['channel.write']} />}
      {permissions['channel.read'] && permissions['twitch.read'] && (
        <RewardsSection readOnly={!permissions['channel.write']} />
      )}
    </main>
  );
}
