import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { chatSettings } from '../db/schema.js';
import { type ChatSettings, DEFAULT_CHAT_SETTINGS } from './chat-command-settings.js';

type ChatSettingsRow = typeof chatSettings.$inferSelect;

const toSettings = (row: ChatSettingsRow): ChatSettings => ({
  enabled: row.enabled,
  prefix: row.prefix,
  aliases: row.aliases,
  who: row.who,
  userCooldownSeconds: row.userCooldownSeconds,
  channelCooldownSeconds: row.channelCooldownSeconds,
  publishAtOnce: row.publishAtOnce,
});

/** The channel's chat settings; the defaults while its broadcaster has changed none. */
export async function getChatSettings(db: Db, channelId: string): Promise<ChatSettings> {
  const [row] = await db.select().from(chatSettings).where(eq(chatSettings.channelId, channelId));
  return row ? toSettings(row) : DEFAULT_CHAT_SETTINGS;
}

/** Writes the channel's chat settings whole (the channel must exist); returns what is stored. */
export async function saveChatSettings(
  db: Db,
  channelId: string,
  settings: ChatSettings,
): Promise<ChatSettings> {
  const values = { ...settings, aliases: [...settings.aliases], updatedAt: new Date() };
  const [row] = await db
    .insert(chatSettings)
    .values({ channelId, ...values })
    .onConflictDoUpdate({ target: chatSettings.channelId, set: values })
    .returning();
  return toSettings(row!);
}
