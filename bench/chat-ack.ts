/**
 * Bench: from a chat command reaching the bot to its acknowledgement in chat. A real server
 * (PGlite, preview images) listens to the Twitch stand-in over EventSub WebSocket through twurple
 * (../server/twitch-bot/twitch-bot-harness.ts). Each `!gen emote …` line comes from its own
 * chatter; its latency runs from just before the stand-in sends the `channel.chat.message`
 * notification to the moment the stand-in records the bot's reply threaded under it (its Helix
 * `POST /chat/messages`), both on this process's `performance.now()`. First one line at a time
 * (the next once the last was acknowledged), then a burst sent at once. Nothing passes or fails.
 */
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chatter, startBotHarness, streamer } from '../server/twitch-bot/twitch-bot-harness.js';
import { BENCH_LIMITS } from './load.js';

const WARM_UP = Number(process.env.BENCH_CHAT_WARMUP ?? 20);
const SEQUENTIAL = Number(process.env.BENCH_CHAT_COMMANDS ?? 200);
const BURST = Number(process.env.BENCH_CHAT_BURST ?? 100);
/** How long one command may wait for its acknowledgement before it counts as missed. */
const ACK_TIMEOUT_MS = 30_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? Number.NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const ordinal = (n: number) => (n === 1 ? '' : `${n}${n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'} `);

interface Reply {
  /** `performance.now()` when the stand-in recorded it. */
  readonly at: number;
  readonly message: string;
}

interface Round {
  readonly latencies: number[];
  /** Answered, but not with "on it" (a refusal or an error). */
  readonly refused: string[];
  missed: number;
  /** The queue positions the acknowledgements told, the backlog each line joined. */
  readonly positions: number[];
  /** `performance.now()` of the last acknowledgement. */
  lastAt: number;
}

/** Runs the bench and prints its figures. */
export async function runChatAckBench(): Promise<void> {
  const bot = await startBotHarness({
    ...BENCH_LIMITS,
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  try {
    await bot.listening();
    await bot.settings({ who: 'everyone', userCooldownSeconds: 0, channelCooldownSeconds: 0 });

    // The first reply threaded under each message, timed as the stand-in pushes it (Helix handler).
    const firstReplies = new Map<string, Reply>();
    const waiting = new Map<string, (reply: Reply) => void>();
    const sent = bot.twitch.chatMessages;
    const push = sent.push.bind(sent);
    sent.push = (...items) => {
      const at = performance.now();
      for (const item of items) {
        const parent = item.replyParentMessageId;
        if (!parent || firstReplies.has(parent)) continue;
        const reply = { at, message: item.message };
        firstReplies.set(parent, reply);
        waiting.get(parent)?.(reply);
        waiting.delete(parent);
      }
      return push(...items);
    };
    const replyTo = (messageId: string) =>
      new Promise<Reply | undefined>((resolve) => {
        const already = firstReplies.get(messageId);
        if (already) return resolve(already);
        const timer = setTimeout(() => {
          waiting.delete(messageId);
          resolve(undefined);
        }, ACK_TIMEOUT_MS);
        waiting.set(messageId, (reply) => {
          clearTimeout(timer);
          resolve(reply);
        });
      });

    let n = 0;
    /** Says one command as a chatter never seen before; when it was sent and the wait for its reply. */
    const command = () => {
      n++;
      const who = chatter(1000 + n);
      const started = performance.now();
      const { event } = bot.twitch.chat({
        broadcaster: streamer,
        chatter: who.user,
        text: `!gen emote cat number ${n}`,
        badges: who.badges,
      });
      return { started, reply: replyTo(event.message_id) };
    };
    const tally = async (commands: ReturnType<typeof command>[]): Promise<Round> => {
      const round: Round = { latencies: [], refused: [], missed: 0, lastAt: Number.NaN, positions: [] };
      for (const { started, reply } of commands) {
        const got = await reply;
        if (!got) round.missed++;
        else if (!/ on it: /.test(got.message)) round.refused.push(got.message);
        else {
          round.positions.push(Number(/#(\d+) in the queue/.exec(got.message)?.[1] ?? Number.NaN));
          round.latencies.push(got.at - started);
          round.lastAt = Number.isNaN(round.lastAt) ? got.at : Math.max(round.lastAt, got.at);
        }
      }
      return round;
    };
    const oneAtATime = async (count: number) => {
      const commands: ReturnType<typeof command>[] = [];
      for (let i = 0; i < count; i++) {
        const next = command();
        commands.push(next);
        await next.reply;
      }
      return tally(commands);
    };

    await oneAtATime(WARM_UP);
    const sequential = await oneAtATime(SEQUENTIAL);
    const burstStarted = performance.now();
    const burst = await tally(Array.from({ length: BURST }, command));
    const burstSeconds = (burst.lastAt - burstStarted) / 1000;

    const cpu = cpus();
    console.log(
      'chat command → acknowledgement: `!gen emote …` notified over EventSub WebSocket → the bot’s threaded "on it" reply at the Twitch stand-in',
    );
    console.log(
      `  ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${bot.server.deps.database.dialect}, preview images, WORKER_CONCURRENCY=${bot.server.config.workerConcurrency}, chat settings read on every line (harness settingsTtlMs 0); ${WARM_UP} commands of warm-up`,
    );
    console.log(
      `${''.padEnd(34)}${'n'.padStart(6)}${'p50 ms'.padStart(9)}${'p90 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}`,
    );
    for (const [name, round] of [
      ['one at a time', sequential],
      [`burst of ${BURST} at once`, burst],
    ] as const) {
      const sorted = [...round.latencies].sort((a, b) => a - b);
      const cell = (v: number) => v.toFixed(1).padStart(9);
      console.log(
        `  ${name.padEnd(32)}${String(sorted.length).padStart(6)}${cell(percentile(sorted, 0.5))}${cell(percentile(sorted, 0.9))}${cell(percentile(sorted, 0.99))}${cell(sorted.at(-1) ?? Number.NaN)}`,
      );
      console.log(
        `    queue positions told: #${Math.min(...round.positions)}–#${Math.max(...round.positions)} (the preview worker runs the jobs meanwhile, on the same cores)`,
      );
      if (round.refused.length || round.missed)
        console.log(
          `    ${round.refused.length} answered with something else (first: ${round.refused[0] ?? '—'}), ${round.missed} unanswered within ${ACK_TIMEOUT_MS / 1000} s`,
        );
    }
    const fromTop = (count: number) => count - Math.ceil(count * 0.99) + 1;
    console.log(
      `  burst: the last acknowledgement ${ms(burstSeconds * 1000)} after the first line was sent, ${(burst.latencies.length / burstSeconds).toFixed(0)} acknowledgements/s`,
    );
    console.log(
      `  (the p99 of ${sequential.latencies.length} figures is the ${ordinal(fromTop(sequential.latencies.length))}slowest, of ${burst.latencies.length} the ${ordinal(fromTop(burst.latencies.length))}slowest)`,
    );
  } finally {
    await bot.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runChatAckBench();
  process.exit(0); // twurple keeps a 10-minute timer per notification it has seen (its dedupe), closed or not
}
