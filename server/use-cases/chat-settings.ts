import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import { ensureChannel } from '../channels/channel-store.js';
import type { ChatSettings } from '../chat/chat-command-settings.js';
import { getChatSettings, saveChatSettings } from '../chat/chat-settings-store.js';
import { InvalidInputError } from '../errors/index.js';
import { authorize } from '../policy/index.js';
import type { Services } from './services.js';

/** What a broadcaster changes about chat commands: any of the settings, the rest kept as stored. */
export type ChatSettingsPatch = { readonly [K in keyof ChatSettings]?: ChatSettings[K] | undefined };

/** The fields of `patch` that are set, so an absent one never overwrites what is stored. */
function changesIn(patch: ChatSettingsPatch): Partial<ChatSettings> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

/**
 * Refuses settings whose prefix is also an alias (in any case): the route checks each field, but
 * only the merged settings show a new prefix meeting a stored alias. Names the field the patch set.
 */
function refuseAliasOfPrefix(settings: ChatSettings, changes: Partial<ChatSettings>): void {
  const prefix = settings.prefix.toLowerCase();
  if (!settings.aliases.some((alias) => alias.toLowerCase() === prefix)) return;
  const field = changes.aliases === undefined ? 'prefix' : 'aliases';
  const message =
    field === 'prefix' ? 'is already one of the aliases' : `must not repeat the prefix ${settings.prefix}`;
  throw new InvalidInputError(`invalid json field "${field}": ${message}`, [{ path: field, message }]);
}

/** The channel's chat command settings (the defaults until its broadcaster changes one). */
export async function readChatSettings(services: Services, caller: Caller): Promise<ChatSettings> {
  authorize(caller, 'channel.read');
  return getChatSettings(services.database.db, caller.channelId);
}

/** Merges `patch` over the stored settings and saves them whole, in one audited transaction. */
export async function updateChatSettings(
  services: Services,
  caller: Caller,
  patch: ChatSettingsPatch,
): Promise<ChatSettings> {
  authorize(caller, 'channel.write');
  const db = services.database.db;
  const changes = changesIn(patch);
  if (Object.keys(changes).length === 0) return getChatSettings(db, caller.channelId);
  await ensureChannel(db, caller.channelId);
  return db.transaction(async (tx) => {
    const settings = { ...(await getChatSettings(tx, caller.channelId)), ...changes };
    refuseAliasOfPrefix(settings, changes);
    const saved = await saveChatSettings(tx, caller.channelId, settings);
    await recordAudit(tx, caller, 'chat.update', caller.channelId, changes);
    return saved;
  });
}
