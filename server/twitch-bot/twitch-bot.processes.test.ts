import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessToken } from '@twurple/auth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureChannel } from '../channels/channel-store.js';
import { DEFAULT_CHAT_SETTINGS, saveChatSettings } from '../chat/index.js';
import { describePostgres } from '../db/describe-each-database.js';
import { eventually } from '../testing/eventually.js';
import { TwitchStandIn } from '../testing/twitch/index.js';
import { TokenCipher } from '../twitch/token-cipher.js';
import { TWITCH_SCOPES } from '../twitch/twitch-app.js';
import { saveTwitchConnection } from '../twitch/twitch-connection-store.js';
import { leaseHolder } from './service-lease.js';
import { TWITCH_LEASE } from './twitch-bot.js';
import { CHANNEL, CLIENT_ID, CLIENT_SECRET, chatter, streamer } from './twitch-bot-harness.js';

describePostgres('two server processes on one Postgres', ({ database }) => {
  let twitch: TwitchStandIn;
  let dataDir: string;
  const children = new Map<number, ChildProcess>();
  const tokenKey = randomBytes(32).toString('base64');

  function startProcess(): Promise<number> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../testing/twitch-bot-process.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: database().url!,
          DATA_DIR: dataDir,
          PORT: '0',
          TWITCH_CLIENT_ID: CLIENT_ID,
          TWITCH_CLIENT_SECRET: CLIENT_SECRET,
          TWITCH_TOKEN_KEY: tokenKey,
          TWURPLE_MOCK_API_PORT: String(twitch.port),
          RATE_LIMIT_GENERATES_PER_MINUTE: '10000',
          MAX_QUEUED_JOBS: '10000',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    return new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const pid = /^ready \S+ (\d+)/m.exec(chunk.toString())?.[1];
        if (pid) {
          children.set(Number(pid), child);
          resolve(Number(pid));
        }
      });
      child.once('exit', (code) => reject(new Error(`server process exited early with ${code}`)));
    });
  }

  /** Live subscriptions: whichever process listens has one for chat and one for redemptions. */
  const enabled = () => twitch.subscriptions.filter((subscription) => subscription.status === 'enabled');

  /** Acknowledgements per command: "on it" replies threaded to each message id. */
  const acks = (messageId: string) =>
    twitch.chatMessages.filter(
      (sent) => sent.replyParentMessageId === messageId && / on it: /.test(sent.message),
    );

  function command(n: number): string {
    const who = chatter(n);
    return twitch.chat({ broadcaster: streamer, chatter: who.user, text: `!gen emote cat ${n}` }).event
      .message_id;
  }

  beforeAll(async () => {
    twitch = await TwitchStandIn.start();
    twitch.addClient(CLIENT_ID, CLIENT_SECRET);
    twitch.addUser(streamer);
    dataDir = await mkdtemp(join(tmpdir(), 'studio-twitch-two-'));
    const { db } = database();
    await ensureChannel(db, CHANNEL);
    await saveChatSettings(db, CHANNEL, {
      ...DEFAULT_CHAT_SETTINGS,
      who: 'everyone',
      userCooldownSeconds: 0,
      channelCooldownSeconds: 0,
    });
    const issued = twitch.issueToken(CLIENT_ID, streamer, TWITCH_SCOPES);
    const token: AccessToken = {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      expiresIn: 14_400,
      obtainmentTimestamp: Date.now(),
      scope: [...TWITCH_SCOPES],
    };
    await saveTwitchConnection(db, TokenCipher.fromConfig(tokenKey, ''), {
      channelId: CHANNEL,
      twitchUserId: streamer.id,
      login: streamer.login,
      token,
    });
    await Promise.all([startProcess(), startProcess()]);
  }, 90_000);

  afterAll(async () => {
    for (const child of children.values()) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await twitch?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('exactly one listens, each command is answered once, and the other takes over when the listener is killed', async () => {
    await eventually(() => expect(enabled()).toHaveLength(2), { timeoutMs: 30_000 });
    const first = Array.from({ length: 20 }, (_, i) => command(i));
    await eventually(() => expect(first.filter((id) => acks(id).length > 0)).toHaveLength(20), {
      timeoutMs: 30_000,
    });
    // Only one process ever subscribed, so only one socket heard the commands.
    expect(twitch.subscriptions).toHaveLength(2);

    const holder = await leaseHolder(database().db, TWITCH_LEASE);
    const listening = [...children.keys()].find((pid) => holder?.includes(`:${pid}:`));
    expect(listening, `the lease is held by ${holder}`).toBeDefined();
    const before = new Set(twitch.subscriptions.map((subscription) => subscription.id));
    children.get(listening!)!.kill('SIGKILL');
    await new Promise((resolve) => children.get(listening!)!.once('exit', resolve));
    children.delete(listening!);

    // The survivor takes the lease once it expires and subscribes on its own session.
    await eventually(
      () => expect(enabled().filter((subscription) => !before.has(subscription.id))).toHaveLength(2),
      { timeoutMs: 30_000 },
    );
    const second = Array.from({ length: 5 }, (_, i) => command(100 + i));
    await eventually(() => expect(second.filter((id) => acks(id).length > 0)).toHaveLength(5), {
      timeoutMs: 30_000,
    });
    // A line that is answered last has been handled after every other: none was answered twice.
    const last = command(200);
    await eventually(() => expect(acks(last)).toHaveLength(1));
    for (const id of [...first, ...second]) expect(acks(id)).toHaveLength(1);
  }, 120_000);
});
