import { createHmac } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.js';
import type { AppDeps } from './app-deps.js';
import { loadOrCreateDevSecret, localBroadcasterToken } from './auth/dev-secret.js';
import { type Config, loadConfig } from './config/index.js';
import { openDatabase } from './db/open-database.js';
import { EventHub } from './events/event-hub.js';
import { pruneEvents } from './events/event-store.js';
import { createLogger, type Logger } from './logging/logger.js';
import { loadPromptTemplates } from './prompts/index.js';
import { type ImageProvider, PreviewImageProvider } from './providers/index.js';
import { LocalStorageDriver } from './storage/local-storage.js';
import type { StorageDriver } from './storage/storage-driver.js';
import { JobWorker } from './worker/job-worker.js';

/** How long events stay replayable for reconnecting clients. */
const EVENT_RETENTION_MS = 15 * 60_000;

export interface RunningServer {
  readonly url: string;
  readonly config: Config;
  readonly deps: AppDeps;
  readonly worker: JobWorker;
  /** The local-mode broadcaster token for channel `local`, when in local mode. */
  readonly localToken: string | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly logger?: Logger;
  readonly provider?: ImageProvider;
  /** Worker lease, for tests that simulate a crashed process. */
  readonly leaseMs?: number;
}

function createProvider(config: Config): ImageProvider {
  if (config.gemini) {
    // The Gemini provider arrives in its own change; until then a key must not silently fall back.
    throw new Error('GEMINI_API_KEY is set, but this build has only the preview provider; unset it for now');
  }
  return new PreviewImageProvider();
}

function createStorage(config: Config, extensionSecret: string): StorageDriver {
  if (config.storage.driver !== 'local') {
    throw new Error('STORAGE_DRIVER=supabase is not available in this build yet; use STORAGE_DRIVER=local');
  }
  // File URL signatures get their own key, derived so that it changes when the secret does.
  const signingKey = createHmac('sha256', Buffer.from(extensionSecret, 'base64'))
    .update('streamer-studio/file-urls')
    .digest();
  return new LocalStorageDriver({
    root: resolve(config.dataDir, 'assets'),
    publicBaseUrl: config.publicBaseUrl,
    signingKey,
  });
}

/** Builds everything from the environment and starts serving and working off jobs. */
export async function startServer(
  environment = process.env,
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = loadConfig(environment);
  const logger = options.logger ?? createLogger(config.logLevel);
  await mkdir(config.dataDir, { recursive: true });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: resolve(config.dataDir) });
  const templates = await loadPromptTemplates();
  const extensionSecret = config.twitch.extensionSecret ?? (await loadOrCreateDevSecret(config.dataDir));
  const storage = createStorage(config, extensionSecret);
  const events = new EventHub(database);
  const worker = new JobWorker({
    database,
    storage,
    provider: options.provider ?? createProvider(config),
    templates,
    events,
    logger,
    concurrency: config.workerConcurrency,
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
  const deps: AppDeps = { config, database, storage, events, jobs: worker, logger, extensionSecret };
  const app = createApp(deps);

  const server = await new Promise<ServerType>((ready) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => ready(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicBaseUrl.replace(/:\d+$/, `:${port}`);
  await worker.start();
  const pruner = setInterval(
    () =>
      void pruneEvents(database.db, EVENT_RETENTION_MS).catch((err) =>
        logger.warn({ err }, 'pruning events failed'),
      ),
    60_000,
  );
  pruner.unref();
  const localToken = config.localMode ? await localBroadcasterToken(extensionSecret, 'local') : undefined;
  logger.info(
    {
      url,
      database: database.dialect,
      storage: storage.name,
      provider: options.provider?.name ?? 'preview',
      localMode: config.localMode,
    },
    'server started',
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      clearInterval(pruner);
      server.close();
      await worker.stop();
      await database.close();
    })();
    return closing;
  };
  return { url, config, deps, worker, localToken, close };
}

/** What a person sees in the terminal when the server is up. */
export function banner(running: RunningServer): string {
  const lines = [
    '',
    `  Streamer Studio is running at ${running.url}`,
    `  API reference:  ${running.url}/docs`,
    `  Health:         ${running.url}/healthz`,
    `  Data:           ${join(resolve(running.config.dataDir))} (${running.deps.database.dialect}, ${running.deps.storage.name} files)`,
  ];
  if (running.localToken) {
    lines.push(
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
