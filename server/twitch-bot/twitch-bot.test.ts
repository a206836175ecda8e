import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generationsUsed } from '../limits/index.js';
import { eventually } from '../testing/eventually.js';
import { listTwitchCredentials } from '../twitch/twitch-connection-store.js';
import { getChannelReward, insertWantedReward } from '../twitch/twitch-reward-store.js';
import { type BotHarness, CHANNEL, chatter, startBotHarness, streamer } from './twitch-bot-harness.js';

let bot: BotHarness;

beforeAll(async () => {
  bot = await startBotHarness();
  await bot.listening();
}, 60_000);

afterAll(async () => {
  await bot?.close();
});

/** Says `text` in the streamer's chat as chatter `n` with `badges`; the event's message id. */
function say(n: number, text: string, ...badges: string[]): string {
  const who = chatter(n, ...badges);
  return bot.twitch.chat({ broadcaster: streamer, chatter: who.user, text, badges: who.badges }).event
    .message_id;
}

/** What the bot said in reply to message `messageId`, in order. */
const repliesTo = (messageId: string) =>
  bot.twitch.chatMessages
    .filter((sent) => sent.replyParentMessageId === messageId)
    .map((sent) => sent.message);

/** Waits for the `count`th reply to `messageId`, and gives all of them. */
const replies = (messageId: string, count = 1) =>
  eventually(
    () => {
      const said = repliesTo(messageId);
      expect(said.length).toBeGreaterThanOrEqual(count);
      return said;
    },
    { timeoutMs: 20_000 },
  );

/**
 * One channel's lines are handled in order: once a later line is answered, every line before it
 * has been handled, so "no reply" to those can be checked.
 */
async function afterEverythingBefore(n: number, prefix = '!gen'): Promise<void> {
  await replies(say(n, `${prefix} help`));
}

const db = () => bot.server.deps.database.db;

describe('chat commands over EventSub WebSocket (the Twitch stand-in, through twurple)', () => {
  it('turns a command into a job, acknowledges it in a thread with its place in the queue, and replies with the public link when done', async () => {
    await bot.settings({
      who: 'everyone',
      userCooldownSeconds: 0,
      channelCooldownSeconds: 0,
      publishAtOnce: true,
    });
    const id = say(1, '!gen emote a cat in sunglasses');
    const [ack, done] = await replies(id, 2);
    expect(ack).toMatch(/^@Chatter1 on it: emote #\d+ in the queue$/);
    expect(done).toMatch(new RegExp(`^@Chatter1 your emote is ready: ${bot.server.url}/asset/[\\w-]+$`));
    const sent = bot.twitch.chatMessages.find((message) => message.message === done)!;
    expect([sent.broadcasterId, sent.senderId, sent.clientId]).toEqual([
      streamer.id,
      streamer.id,
      'studio-bot-client',
    ]);
    const image = await fetch(done!.slice(done!.indexOf('http')));
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/png']);
  });

  it('keeps a private result private: the reply says the streamer will look, with no link', async () => {
    await bot.settings({
      who: 'everyone',
      userCooldownSeconds: 0,
      channelCooldownSeconds: 0,
      publishAtOnce: false,
    });
    const [, done] = await replies(say(2, '!gen badge a golden shield'), 2);
    expect(done).toMatch(/^@Chatter2 your [\w ]+ is ready; the streamer will look at it before it goes up$/);
  });

  it('answers help, status and a word that names no type', async () => {
    await bot.settings({ who: 'everyone', prefix: '!art', aliases: ['!make'] });
    const [help] = await replies(say(3, '!ART help'));
    expect(help).toContain('!art <type> <description>');
    const [unknown] = await replies(say(4, '!make dragon a red one'));
    expect(unknown).toMatch(/^@Chatter4 unknown type 'dragon': try /);
    const [status] = await replies(say(5, '!art status'));
    expect(status).toMatch(/^@Chatter5 \d+ in the queue, \d+ generations? left today$/);
    // The old prefix is no command here any more.
    const ignored = say(6, '!gen emote a cat');
    await afterEverythingBefore(7, '!art');
    expect(repliesTo(ignored)).toEqual([]);
  });

  it('refuses chatters below the channel’s audience, telling each once per window', async () => {
    await bot.settings({ who: 'subscribers', userCooldownSeconds: 30, channelCooldownSeconds: 0 });
    const first = say(8, '!gen emote a frog');
    expect(await replies(first)).toEqual([
      '@Chatter8 only subscribers, VIPs and moderators can generate here',
    ]);
    const again = say(8, '!gen emote a frog, please');
    const vip = say(9, '!gen emote a frog', 'vip');
    expect((await replies(vip))[0]).toMatch(/^@Chatter9 on it/);
    expect(repliesTo(again)).toEqual([]);
  });

  it('holds a chatter to their cooldown, saying so once and then keeping quiet', async () => {
    await bot.settings({ who: 'everyone', userCooldownSeconds: 60, channelCooldownSeconds: 0 });
    const started = say(10, '!gen emote a fox');
    expect((await replies(started))[0]).toMatch(/on it/);
    const second = say(10, '!gen emote another fox');
    expect(await replies(second)).toEqual([
      expect.stringMatching(/^@Chatter10 on cooldown, (59 s|1 min) left$/),
    ]);
    const third = say(10, '!gen emote a third fox');
    await afterEverythingBefore(11);
    expect(repliesTo(third)).toEqual([]);
  });

  it('refuses with the budget’s words and when it resets, once the channel’s day is spent', async () => {
    await bot.settings({ who: 'everyone', userCooldownSeconds: 0, channelCooldownSeconds: 0 });
    await bot.budget(await generationsUsed(db(), CHANNEL));
    try {
      const [refused] = await replies(say(12, '!gen emote an owl'));
      // The wait to midnight UTC as chat words: "11 h" on the hour, "10 h 59 min" just after.
      expect(refused).toMatch(
        /^@Chatter12 your emote failed: the channel’s daily budget is used up \(try again in (\d+ h)?( ?\d+ min)?( ?\d+ s)?\)$/,
      );
    } finally {
      await bot.budget(null);
    }
  });

  it('acts once on a notification Twitch delivers twice, under a new envelope or the same', async () => {
    await bot.settings({
      who: 'everyone',
      userCooldownSeconds: 0,
      channelCooldownSeconds: 0,
      publishAtOnce: true,
    });
    const who = chatter(13);
    const { event, sent } = bot.twitch.chat({
      broadcaster: streamer,
      chatter: who.user,
      text: '!gen emote a moth',
    });
    bot.twitch.notify('channel.chat.message', event);
    bot.twitch.resend(sent[0]!.messageId);
    await replies(event.message_id, 2);
    await afterEverythingBefore(14);
    expect(repliesTo(event.message_id)).toHaveLength(2);
    expect(repliesTo(event.message_id)[0]).toMatch(/on it/);
  });

  it('loses nothing across session_reconnect, and listens again after a dropped socket', async () => {
    const welcomes = bot.twitch.eventSub.welcomes;
    bot.twitch.reconnect();
    const inTheGap = say(17, '!gen emote while reconnecting');
    await eventually(() => expect(bot.twitch.eventSub.welcomes).toBe(welcomes + 1));
    expect((await replies(inTheGap))[0]).toMatch(/on it/);
    expect((await replies(say(15, '!gen emote after a reconnect')))[0]).toMatch(/on it/);
    // What Twitch sends while no socket is open is lost, on Twitch too: the next line waits for the new session.
    const before = new Set(bot.twitch.subscriptions.map((subscription) => subscription.id));
    bot.twitch.drop();
    await eventually(() =>
      expect(
        bot.twitch.subscriptions.filter(
          (subscription) => !before.has(subscription.id) && subscription.status === 'enabled',
        ),
      ).toHaveLength(2),
    );
    expect((await replies(say(16, '!gen emote after a drop')))[0]).toMatch(/on it/);
  });
});

describe('channel-point rewards', () => {
  it('creates the reward on Twitch, fulfils a redemption when its job completes and cancels one that fails', async () => {
    const wanted = await insertWantedReward(db(), {
      channelId: CHANNEL,
      title: 'Make an emote',
      cost: 500,
      assetType: 'emote',
    });
    const reward = await eventually(async () => {
      const now = await getChannelReward(db(), CHANNEL, wanted.id);
      expect(now?.status).toBe('active');
      return now!;
    });
    const onTwitch = bot.twitch.helix.rewards.get(reward.twitchRewardId!);
    expect(onTwitch).toMatchObject({ title: 'Make an emote', cost: 500, broadcasterId: streamer.id });

    const viewer = chatter(20).user;
    bot.twitch.addUser(viewer);
    const { redemption } = bot.twitch.redeem(reward.twitchRewardId!, viewer, 'a dragon with a tiny hat');
    await eventually(() => expect(redemption.status).toBe('FULFILLED'), { timeoutMs: 20_000 });
    // The redemption is settled before the reply is sent: the reply may still be on its way.
    await eventually(() => {
      const said = bot.twitch.chatMessages
        .map((message) => message.message)
        .filter((text) => text.startsWith('@Chatter20'));
      expect(said).toEqual([
        expect.stringMatching(/on it: emote #\d+/),
        expect.stringMatching(/your emote is ready: http/),
      ]);
    });

    const { redemption: failing } = bot.twitch.redeem(reward.twitchRewardId!, viewer, 'FAILME please');
    await eventually(() => expect(failing.status).toBe('CANCELED'), { timeoutMs: 20_000 });
    await eventually(() =>
      expect(bot.twitch.chatMessages.at(-1)?.message).toBe(
        '@Chatter20 your emote failed: the image model refused that description',
      ),
    );
  });

  it('cancels at once, giving the points back, when the channel’s budget is spent', async () => {
    const wanted = await insertWantedReward(db(), {
      channelId: CHANNEL,
      title: 'Make a badge',
      cost: 100,
      assetType: 'sub_badge',
    });
    const reward = await eventually(async () => {
      const now = await getChannelReward(db(), CHANNEL, wanted.id);
      expect(now?.status).toBe('active');
      return now!;
    });
    await bot.budget(await generationsUsed(db(), CHANNEL));
    const viewer = chatter(21).user;
    bot.twitch.addUser(viewer);
    const { redemption } = bot.twitch.redeem(reward.twitchRewardId!, viewer, 'a shield');
    await eventually(() => expect(redemption.status).toBe('CANCELED'));
    await bot.budget(null);
  });
});

describe('the daily budget, shared by chat and the API', () => {
  it('holds exactly under 500 near-simultaneous triggers from both: no overspend, no unit lost', async () => {
    await bot.settings({ who: 'everyone', userCooldownSeconds: 0, channelCooldownSeconds: 0 });
    const before = await generationsUsed(db(), CHANNEL);
    const BUDGET = 200;
    await bot.budget(before + BUDGET);
    const from = bot.twitch.chatMessages.length;
    const chatIds = Array.from({ length: 250 }, (_, i) => say(100 + i, `!gen emote cat number ${i}`));
    // Each API call carries an Idempotency-Key and is sent again if its connection drops, as a
    // real client does: on a loaded machine a socket can be reset under 250 connections at once,
    // and the key is what makes the second try count once whether or not the first got through.
    let resent = 0;
    const generate = async (
      i: number,
    ): Promise<{ status: number; body: { id?: string; error?: { code?: string } } }> => {
      const request = () =>
        fetch(`${bot.server.url}/api/v1/generate`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${bot.server.localToken}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': `budget-race-${i}`,
          },
          body: JSON.stringify({ assetType: 'emote', prompt: `api cat number ${i}` }),
        });
      const response = await request().catch(() => {
        resent += 1;
        return request();
      });
      return { status: response.status, body: (await response.json()) as { id?: string } };
    };
    const apiAnswers = await Promise.all(Array.from({ length: 250 }, (_, i) => generate(i)));
    if (resent > 0)
      console.info(`budget race: ${resent} of 250 API calls sent again after a dropped connection`);
    // Every line answered, each with its acknowledgement or its refusal.
    await eventually(
      () =>
        expect(
          chatIds.filter(
            (id) => !repliesTo(id).some((text) => / on it: |daily budget is used up/.test(text)),
          ),
        ).toHaveLength(0),
      { timeoutMs: 60_000 },
    );
    // Any reply, not the first: the acknowledgement goes out after the line's turn, and a quick
    // job's "ready" may reach Helix before it.
    const saidTo = (pattern: RegExp) =>
      chatIds.filter((id) => repliesTo(id).some((text) => pattern.test(text)));
    const chatQueued = saidTo(/ on it: /).length;
    const chatRefused = saidTo(/daily budget is used up/).length;
    // A resent call whose first try got through answers 200 with the same job: count jobs, not answers.
    const apiQueued = new Set(
      apiAnswers
        .filter((answer) => answer.status === 202 || answer.status === 200)
        .map((answer) => answer.body.id),
    ).size;
    const apiRefused = apiAnswers.filter(
      (answer) => answer.status === 429 && answer.body.error?.code === 'BUDGET_EXHAUSTED',
    ).length;
    expect(chatQueued + apiQueued).toBe(BUDGET);
    expect(chatRefused + apiRefused).toBe(500 - BUDGET);
    expect(await generationsUsed(db(), CHANNEL)).toBe(before + BUDGET);
    expect(bot.twitch.chatMessages.length - from).toBeGreaterThanOrEqual(250);
    await bot.budget(null);
  }, 120_000);
});

describe('the channel’s Twitch tokens', () => {
  it('writes a refreshed token back, and marks the connection broken when Twitch refuses the refresh token', async () => {
    const cipher = bot.server.deps.twitch.cipher;
    const stored = async () => (await listTwitchCredentials(db(), cipher, CHANNEL))[0];
    const first = (await stored())!.token;
    // Every access token the account has, whichever one the provider holds right now.
    bot.twitch.tokens.expireUser(streamer.id);
    expect((await replies(say(30, '!gen help')))[0]).toContain('<type> <description>');
    const refreshed = await eventually(async () => {
      const now = (await stored())!.token;
      expect(now.accessToken, 'the refreshed token, written back').not.toBe(first.accessToken);
      return now;
    });
    expect(bot.twitch.tokens.valid(refreshed.accessToken)?.userId).toBe(streamer.id);

    // The broadcaster disconnects the app in Twitch's settings: no token of theirs works any more.
    bot.twitch.tokens.revokeUser(streamer.id);
    say(31, '!gen help');
    await eventually(
      async () => expect(await stored(), 'the connection, once its refresh was refused').toBeUndefined(),
      { timeoutMs: 30_000 },
    );
    // Nothing retries it: the listener lets the channel go until the broadcaster connects again.
    await eventually(() =>
      expect(bot.server.twitchBot?.session?.channels.size, 'channels listened to after the break').toBe(0),
    );
  });
});
