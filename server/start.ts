import { mkdir } from 'node:fs/promises';
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import { join, resolve } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.js';
import { type AppDeps, createAppDeps } from './app-deps.js';
import { loadOrCreateDevSecret, localBroadcasterToken } from './auth/dev-secret.js';
import { decodeExtensionSecret } from './auth/extension-secret.js';
import { type Config, ConfigError, loadConfig } from './config/index.js';
import { openDatabase } from './db/open-database.js';
import { EventHub } from './events/event-hub.js';
import { FileReconciler } from './files/index.js';
import { type HotPath, hotPath } from './http/hot-path.js';
import { createLogger, type Logger } from './logging/logger.js';
import { PackAdvancer } from './pack-advancer/index.js';
import { loadPromptTemplates } from './prompts/index.js';
import { createProvider } from './providers/create-provider.js';
import type { ImageProvider } from './providers/index.js';
import { pruneExpired } from './retention/prune-expired.js';
import { openStorage } from './storage/create-storage.js';
import type { TwitchBot } from './twitch-bot/index.js';
import { JobWorker } from './worker/job-worker.js';

/** How long events stay replayable for reconnecting clients. */
const EVENT_RETENTION_MS = 15 * 60_000;

export interface RunningServer {
  readonly url: string;
  readonly config: Config;
  readonly deps: AppDeps;
  readonly worker: JobWorker;
  /** Chat commands and channel points; undefined without TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET. */
  readonly twitchBot: TwitchBot | undefined;
  /** The local-mode broadcaster token for channel `local`, when in local mode. */
  readonly localToken: string | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly logger?: Logger;
  readonly provider?: ImageProvider;
  /** Worker lease, for tests that simulate a crashed process. */
  readonly leaseMs?: number;
  /** The Twitch listener's lease and how often it looks for new connections; tests shorten both. */
  readonly twitch?: {
    readonly leaseTtlMs?: number;
    readonly pollMs?: number;
    readonly settingsTtlMs?: number;
  };
}

/** How long a dead process keeps the Twitch listener's lease before another takes over. */
const TWITCH_LEASE_MS = 15_000;
/** How soon a newly connected channel (or a new reward) is picked up by the listening process. */
const TWITCH_POLL_MS = 5_000;

/** Starts listening, or fails with a message that says which setting to change. */
function listen(
  config: Config,
  fetch: (request: Request) => Response | Promise<Response>,
  hot: HotPath,
): Promise<ServerType> {
  // Each request is offered to the hot path first; what it does not answer goes to the app.
  const withHotPath = ((options: ServerOptions, app: RequestListener) =>
    createServer(options, (request, response) => {
      if (!hot(request, response)) app(request, response);
    })) as typeof createServer;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host, createServer: withHotPath }, () =>
      resolve(server),
    );
    server.once('error', (error: NodeJS.ErrnoException) => {
      const problem =
        error.code === 'EADDRINUSE'
          ? `PORT: ${config.port} is already in use on ${config.host}; set PORT to a free port`
          : `HOST: cannot listen on ${config.host}:${config.port} (${error.code ?? error.message})`;
      reject(new ConfigError([problem]));
    });
  });
}

/** Opens the database and builds the worker and app deps; what it opened is closed again if a later step fails. */
async function buildStudio(config: Config, logger: Logger, options: StartOptions) {
  await mkdir(config.dataDir, { recursive: true });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    directUrl: config.databaseDirectUrl,
    transactionPooling: config.transactionPooling,
    dataDir: resolve(config.dataDir),
  });
  try {
    const templates = await loadPromptTemplates();
    const extensionSecret = config.twitch.extensionSecret ?? (await loadOrCreateDevSecret(config.dataDir));
    try {
      decodeExtensionSecret(extensionSecret);
    } catch (error) {
      throw new ConfigError([`TWITCH_EXTENSION_SECRET: ${(error as Error).message}`]);
    }
    const storage = await openStorage(config, { extensionSecret }, (change) =>
      logger.info(change, `storage bucket ${change.bucket} ${change.change}`),
    );
    const events = new EventHub(database, logger);
    const provider = options.provider ?? (await createProvider(config));
    const worker = new JobWorker({
      database,
      storage,
      provider,
      templates,
      events,
      logger,
      concurrency: config.workerConcurrency,
      ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    });
    const deps = createAppDeps({ config, database, storage, events, jobs: worker, logger, extensionSecret });
    const reconciler = new FileReconciler({ database, storage, logger });
    return { deps, worker, provider, reconciler };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Builds everything from the environment and starts serving and working off jobs. */
export async function startServer(
  environment = process.env,
  options: StartOptions = {},
): Promise<RunningServer> {
  const loaded = loadConfig(environment);
  // Local mode's dev secret signs tokens as Twitch's would, so it is redacted like the configured ones.
  const logger =
    options.logger ??
    createLogger(loaded.logLevel, {
      secrets: [
        ...loaded.secrets,
        loaded.localMode ? await loadOrCreateDevSecret(loaded.dataDir) : undefined,
      ],
    });
  // Listen first: with PORT=0 the real port is known only now, and every URL is built from it.
  let app: ReturnType<typeof createApp> | undefined;
  let hot: HotPath | undefined;
  const server = await listen(
    loaded,
    (request) => app?.fetch(request) ?? new Response(null, { status: 503 }),
    (request, response) => hot?.(request, response) ?? false,
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : loaded.port;
  const config: Config = environment.PUBLIC_BASE_URL
    ? loaded
    : { ...loaded, publicBaseUrl: loaded.publicBaseUrl.replace(/:\d+$/, `:${port}`) };
  const studio = await buildStudio(config, logger, options).catch((error) => {
    server.close();
    throw error;
  });
  const { deps, worker, provider, reconciler } = studio;
  app = createApp(deps);
  hot = hotPath(deps);
  await deps.events.start();
  deps.requestLimiter.start();
  // Finishes what a crash cut short (visibility changes, orphaned files) before taking new work.
  await reconciler.start();
  await worker.start();
  // Brand packs whose lead finished while no process ran get their next pieces now.
  const packAdvancer = new PackAdvancer({ services: deps, events: deps.events, logger });
  await packAdvancer.start();
  const twitchBot = await startTwitchBot(config, deps, logger, options);
  const retention = { eventsMs: EVENT_RETENTION_MS, auditDays: config.auditRetentionDays };
  const pruner = setInterval(
    () =>
      void pruneExpired(deps.database.db, retention).catch((err) => logger.warn({ err }, 'pruning failed')),
    60_000,
  );
  pruner.unref();
  const localToken = config.localMode ? localBroadcasterToken(deps.extensionSecret, 'local') : undefined;
  logger.info(
    {
      url: config.publicBaseUrl,
      database: deps.database.dialect,
      storage: deps.storage.name,
      provider: provider.name,
      ...(provider.model ? { model: provider.model } : {}),
      localMode: config.localMode,
    },
    'server started',
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      clearInterval(pruner);
      server.close();
      await twitchBot?.stop();
      await packAdvancer.stop();
      await worker.stop();
      await reconciler.stop();
      await deps.requestLimiter.stop();
      await deps.events.stop();
      await deps.database.close();
    })();
    return closing;
  };
  return { url: config.publicBaseUrl, config, deps, worker, twitchBot, localToken, close };
}

/**
 * Starts chat commands and channel points when our Twitch application is configured. The
 * EventSub client is loaded only then: a server without Twitch does not carry it (about 25 MB).
 */
async function startTwitchBot(config: Config, deps: AppDeps, logger: Logger, options: StartOptions) {
  const credentials = deps.twitch.credentials;
  if (!credentials) {
    logger.info('chat commands and channel points are off: set TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET');
    return undefined;
  }
  const { TwitchBot } = await import('./twitch-bot/index.js');
  const bot = new TwitchBot({
    services: deps,
    events: deps.events,
    cipher: deps.twitch.cipher,
    ...credentials,
    publicBaseUrl: config.publicBaseUrl,
    logger,
    leaseTtlMs: options.twitch?.leaseTtlMs ?? TWITCH_LEASE_MS,
    pollMs: options.twitch?.pollMs ?? TWITCH_POLL_MS,
    ...(options.twitch?.settingsTtlMs === undefined ? {} : { settingsTtlMs: options.twitch.settingsTtlMs }),
  });
  bot.start();
  return bot;
}

/** What a person sees in the terminal when the server is up. */
export function banner(running: RunningServer): string {
  const lines = [
    '',
    `  Streamer Studio is running at ${running.url}`,
    `  API reference:  ${running.url}/docs`,
    `  Health:         ${running.url}/healthz`,
    `  OBS overlay:    ${running.url}/overlay/setup  (builds the browser source's URL)`,
    `  Data:           ${join(resolve(running.config.dataDir))} (${running.deps.database.dialect}, ${running.deps.storage.name} files)`,
  ];
  if (running.localToken) {
    lines.push(
      `  Extension rig:  ${running.url}/rig/  (dashboard, panel and config views, no Twitch account needed)`,
      '',
      '  Local mode (no Twitch extension secret): a broadcaster token for channel "local", valid 30 days:',
      '',
      `  export TOKEN=${running.localToken}`,
      '',
      '  Try it:',
      `  curl -X POST ${running.url}/api/v1/generate -H "Authorization: Bearer $TOKEN" \\`,
      `       -H 'Content-Type: application/json' -d '{"assetType":"emote","prompt":"a cat in sunglasses"}'`,
    );
  }
  return `${lines.join('\n')}\n`;
}
