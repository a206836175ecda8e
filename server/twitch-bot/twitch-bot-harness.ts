import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessToken } from '@twurple/auth';
import { ensureChannel, setDailyGenerationBudget } from '../channels/channel-store.js';
import { type ChatSettings, DEFAULT_CHAT_SETTINGS, saveChatSettings } from '../chat/index.js';
import { StudioError } from '../errors/index.js';
import { createLogger } from '../logging/logger.js';
import type { ImageProvider } from '../providers/image-provider.js';
import { PreviewImageProvider } from '../providers/preview-provider.js';
import { type RunningServer, startServer } from '../start.js';
import { eventually } from '../testing/eventually.js';
import { TwitchStandIn, type TwitchUser } from '../testing/twitch/index.js';
import { TWITCH_SCOPES } from '../twitch/twitch-app.js';
import { saveTwitchConnection } from '../twitch/twitch-connection-store.js';

export const CLIENT_ID = 'studio-bot-client';
export const CLIENT_SECRET = 'studio-bot-secret';
export const CHANNEL = 'local';

export const streamer: TwitchUser = { id: '41001', login: 'streamer', displayName: 'Streamer' };

/** A chatter with the badge set ids given. */
export const chatter = (n: number, ...badges: string[]) => ({
  user: { id: String(50_000 + n), login: `chatter${n}`, displayName: `Chatter${n}` },
  badges: badges.map((set_id) => ({ set_id, id: '1', info: '' })),
});

/** The preview provider, except that a description containing "FAILME" is refused as the model would. */
export class FailingOnCue implements ImageProvider {
  readonly name = 'preview';
  readonly #preview = new PreviewImageProvider();
  generate(...args: Parameters<ImageProvider['generate']>) {
    if (args[0].prompt.includes('FAILME'))
      return Promise.reject(new StudioError('CONTENT_POLICY', 'the model refused this description'));
    return this.#preview.generate(...args);
  }
}

/** A real server (PGlite, preview images) with Twitch pointed at a stand-in and one connected channel. */
export interface BotHarness {
  readonly twitch: TwitchStandIn;
  readonly server: RunningServer;
  readonly token: AccessToken;
  /** Writes the channel's chat settings over the defaults. */
  settings(patch: Partial<ChatSettings>): Promise<void>;
  budget(daily: number | null): Promise<void>;
  /** Resolves once the listening process has a live subscription for chat and for redemptions. */
  listening(): Promise<void>;
  close(): Promise<void>;
}

export async function startBotHarness(env: Record<string, string> = {}): Promise<BotHarness> {
  const twitch = await TwitchStandIn.start();
  twitch.addClient(CLIENT_ID, CLIENT_SECRET);
  twitch.addUser(streamer);
  const previousPort = process.env.TWURPLE_MOCK_API_PORT;
  process.env.TWURPLE_MOCK_API_PORT = String(twitch.port);
  const dataDir = await mkdtemp(join(tmpdir(), 'studio-twitch-bot-'));
  const server = await startServer(
    {
      DATA_DIR: dataDir,
      PORT: '0',
      TWITCH_CLIENT_ID: CLIENT_ID,
      TWITCH_CLIENT_SECRET: CLIENT_SECRET,
      RATE_LIMIT_GENERATES_PER_MINUTE: '10000',
      MAX_QUEUED_JOBS: '10000',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '100000',
      ...env,
    },
    {
      logger: createLogger('silent'),
      provider: new FailingOnCue(),
      twitch: { leaseTtlMs: 1_500, pollMs: 100, settingsTtlMs: 0 },
    },
  );
  const db = server.deps.database.db;
  const issued = twitch.issueToken(CLIENT_ID, streamer, TWITCH_SCOPES);
  const token: AccessToken = {
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    expiresIn: 14_400,
    obtainmentTimestamp: Date.now(),
    scope: [...TWITCH_SCOPES],
  };
  await ensureChannel(db, CHANNEL);
  await saveTwitchConnection(db, server.deps.twitch.cipher, {
    channelId: CHANNEL,
    twitchUserId: streamer.id,
    login: streamer.login,
    token,
  });
  return {
    twitch,
    server,
    token,
    async settings(patch) {
      await saveChatSettings(db, CHANNEL, { ...DEFAULT_CHAT_SETTINGS, ...patch });
    },
    async budget(daily) {
      await setDailyGenerationBudget(db, CHANNEL, daily);
    },
    async listening() {
      await eventually(
        () => {
          const live = twitch.subscriptions.filter((s) => s.status === 'enabled').map((s) => s.type);
          if (
            !live.includes('channel.chat.message') ||
            !live.includes('channel.channel_points_custom_reward_redemption.add')
          )
            throw new Error(`listening to ${live.join(', ') || 'nothing'}`);
        },
        { timeoutMs: 15_000 },
      );
    },
    async close() {
      await server.close();
      await twitch.close();
      if (previousPort === undefined) delete process.env.TWURPLE_MOCK_API_PORT;
      else process.env.TWURPLE_MOCK_API_PORT = previousPort;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
