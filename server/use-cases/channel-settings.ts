import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import type { Channel } from '../channels/channel.js';
import { ensureChannel, setModeratorGenerate } from '../channels/channel-store.js';
import { authorize } from '../policy/index.js';
import type { Services } from './services.js';

/** What a broadcaster can change about their channel. */
export interface ChannelSettingsPatch {
  readonly allowModeratorGenerate?: boolean | undefined;
}

/** The caller's channel and its settings (created on first sight). */
export async function readChannel(services: Services, caller: Caller): Promise<Channel> {
  authorize(caller, 'channel.read');
  return ensureChannel(services.database.db, caller.channelId);
}

/** Changes the channel's settings. */
export async function updateChannel(
  services: Services,
  caller: Caller,
  patch: ChannelSettingsPatch,
): Promise<Channel> {
  authorize(caller, 'channel.write');
  const db = services.database.db;
  const channel = await ensureChannel(db, caller.channelId);
  if (patch.allowModeratorGenerate === undefined) return channel;
  const allow = patch.allowModeratorGenerate;
  return db.transaction(async (tx) => {
    const updated = (await setModeratorGenerate(tx, caller.channelId, allow)) ?? channel;
    await recordAudit(tx, caller, 'channel.update', caller.channelId, { allowModeratorGenerate: allow });
    return updated;
  });
}
