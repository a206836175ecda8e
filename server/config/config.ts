import { z } from 'zod';
import { detectPoolMode, withoutPoolerHint } from './pool-mode.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const integer = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const postgresUrl = optionalText.pipe(
  z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .refine((value) => URL.canParse(value), 'is not a valid URL')
    .optional(),
);

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: integer(8787, 0, 65535),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    PUBLIC_BASE_URL: z.url().optional(),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DATABASE_URL: postgresUrl,
    DATABASE_DIRECT_URL: postgresUrl,
    DATABASE_POOL_MODE: optionalText.pipe(z.enum(['session', 'transaction']).optional()),
    STORAGE_DRIVER: z.enum(['local', 'supabase']).default('local'),
    SUPABASE_URL: optionalText.pipe(z.url().optional()),
    SUPABASE_SERVICE_ROLE_KEY: optionalText,
    SUPABASE_BUCKET: z.string().trim().min(1).default('assets'),
    GEMINI_API_KEY: optionalText,
    GEMINI_MODEL: z.string().trim().min(1).default('gemini-2.5-flash-image'),
    GEMINI_BASE_URL: optionalText.pipe(z.url().optional()),
    GEMINI_TIMEOUT_MS: integer(60_000, 1000, 300_000),
    WORKER_CONCURRENCY: integer(2, 1, 32),
    TWITCH_CLIENT_ID: optionalText,
    TWITCH_CLIENT_SECRET: optionalText,
    TWITCH_TOKEN_KEY: optionalText.pipe(
      z
        .string()
        .refine(
          (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32,
          {
            message: 'must be 32 random bytes in base64 (openssl rand -base64 32)',
          },
        )
        .optional(),
    ),
    TWITCH_EXTENSION_CLIENT_ID: optionalText,
    TWITCH_EXTENSION_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be the base64 secret from the Twitch developer console')
        .optional(),
    ),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    RATE_LIMIT_REQUESTS_PER_MINUTE: integer(600, 1, 1_000_000),
    RATE_LIMIT_GENERATES_PER_MINUTE: integer(10, 1, 10_000),
    MAX_QUEUED_JOBS: integer(20, 1, 10_000),
    MAX_EVENT_STREAMS: integer(5, 1, 10_000),
    DAILY_GENERATION_BUDGET: integer(100, 0, 1_000_000),
    AUDIT_RETENTION_DAYS: integer(90, 1, 3650),
  })
  .superRefine((env, ctx) => {
    const need = (name: keyof typeof env, why: string) => {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `is required ${why}` });
    };
    checkDatabaseUrls(env, ctx);
    if (env.STORAGE_DRIVER === 'supabase') {
      need('SUPABASE_URL', 'when STORAGE_DRIVER=supabase');
      need('SUPABASE_SERVICE_ROLE_KEY', 'when STORAGE_DRIVER=supabase');
    }
    if (env.NODE_ENV === 'production') {
      need('TWITCH_EXTENSION_SECRET', 'in production (local mode is for development only)');
      need('TWITCH_EXTENSION_CLIENT_ID', 'in production');
      need('PUBLIC_BASE_URL', 'in production');
      if (env.TWITCH_CLIENT_ID) need('TWITCH_TOKEN_KEY', 'in production when TWITCH_CLIENT_ID is set');
    }
  });

type DatabaseEnv = {
  DATABASE_URL?: string | undefined;
  DATABASE_DIRECT_URL?: string | undefined;
  DATABASE_POOL_MODE?: 'session' | 'transaction' | undefined;
};

/**
 * A transaction-mode pooler cannot carry LISTEN or the migrations' advisory lock: without a
 * direct URL for those, events from other server processes would silently never arrive.
 */
function checkDatabaseUrls(env: DatabaseEnv, ctx: z.RefinementCtx): void {
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (!env.DATABASE_URL) {
    if (env.DATABASE_DIRECT_URL) problem('DATABASE_DIRECT_URL', 'is used only with DATABASE_URL; set both');
    return;
  }
  const pooling = detectPoolMode(env.DATABASE_URL, env.DATABASE_POOL_MODE);
  if (pooling.mode === 'transaction' && !env.DATABASE_DIRECT_URL)
    problem(
      'DATABASE_DIRECT_URL',
      `is required when DATABASE_URL goes through a transaction-mode pooler (${pooling.because}): ` +
        'LISTEN and the migrations need a session of their own. Set it to the "Direct connection" ' +
        'string (Supabase dashboard: Connect), or to the "Session pooler" one (port 5432) where the host has no IPv6',
    );
  if (
    env.DATABASE_DIRECT_URL &&
    detectPoolMode(env.DATABASE_DIRECT_URL, undefined, 'DATABASE_DIRECT_URL').mode === 'transaction'
  )
    problem(
      'DATABASE_DIRECT_URL',
      'must not be a transaction-mode pooler (port 6543 or pgbouncer=true): use the direct connection or the session pooler (port 5432)',
    );
}

/** Variables that hold credentials: their values are cut out of every log line. Add new secrets here. */
const SECRET_VARIABLES = [
  'GEMINI_API_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'TWITCH_CLIENT_SECRET',
  'TWITCH_EXTENSION_SECRET',
  'TWITCH_TOKEN_KEY',
] as const satisfies readonly (keyof z.infer<typeof ConfigSchema>)[];

/** The password inside a Postgres URL, as written and decoded, for the logger to redact. */
const passwordOf = (url: string | undefined): string[] => {
  const written = url ? new URL(url).password : '';
  return written ? [...new Set([written, decodeURIComponent(written)])] : [];
};

/** The server's settings, parsed once at start from the environment. */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly publicBaseUrl: string;
  readonly dataDir: string;
  /** Where queries go; with `transactionPooling`, possibly through a pooler that cannot hold a session. */
  readonly databaseUrl: string | undefined;
  /** Where LISTEN and the migrations' advisory lock go when set; DATABASE_URL otherwise. */
  readonly databaseDirectUrl: string | undefined;
  /** DATABASE_URL is a transaction-mode pooler: queries there are never prepared. */
  readonly transactionPooling: boolean;
  readonly storage:
    | { readonly driver: 'local' }
    | {
        readonly driver: 'supabase';
        readonly url: string;
        readonly serviceRoleKey: string;
        readonly bucket: string;
      };
  readonly gemini:
    | {
        readonly apiKey: string;
        readonly model: string;
        readonly baseUrl: string | undefined;
        readonly timeoutMs: number;
      }
    | undefined;
  readonly workerConcurrency: number;
  readonly twitch: {
    readonly clientId: string | undefined;
    readonly clientSecret: string | undefined;
    /** Base64 AES-256 key for the stored Twitch tokens; unset outside production, where one is derived. */
    readonly tokenKey: string | undefined;
    readonly extensionClientId: string | undefined;
    readonly extensionSecret: string | undefined;
  };
  /** The value of every secret variable that is set, for the logger to redact. */
  readonly secrets: readonly string[];
  /** No Twitch extension secret: the server makes its own and prints a ready token. */
  readonly localMode: boolean;
  readonly logLevel: string;
  readonly limits: Limits;
  /** How long the audit trail keeps an entry. */
  readonly auditRetentionDays: number;
}

/** What one caller or channel may use; counted in the database, so every server process shares them. */
export interface Limits {
  /** API requests per principal (a token, a Twitch user) per minute. */
  readonly requestsPerMinute: number;
  /** Generations queued per channel per minute, whatever triggered them. */
  readonly generatesPerMinute: number;
  /** Jobs of a channel queued or running at once. */
  readonly queuedJobsPerChannel: number;
  /** Event streams one principal may hold open at once. */
  readonly eventStreamsPerPrincipal: number;
  /** Generations a channel may queue per UTC day until its broadcaster sets its own budget. */
  readonly dailyGenerationBudget: number;
}

/** A setting that is missing or wrong; the message names every variable at fault. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a `Config`, or throws `ConfigError` naming each bad variable (never its value). */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const publicHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://${publicHost}:${env.PORT}`).replace(/\/+$/, ''),
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL && withoutPoolerHint(env.DATABASE_URL),
    databaseDirectUrl: env.DATABASE_DIRECT_URL,
    transactionPooling:
      env.DATABASE_URL !== undefined &&
      detectPoolMode(env.DATABASE_URL, env.DATABASE_POOL_MODE).mode === 'transaction',
    storage:
      env.STORAGE_DRIVER === 'supabase'
        ? {
            driver: 'supabase',
            url: env.SUPABASE_URL!,
            serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY!,
            bucket: env.SUPABASE_BUCKET,
          }
        : { driver: 'local' },
    gemini: env.GEMINI_API_KEY
      ? {
          apiKey: env.GEMINI_API_KEY,
          model: env.GEMINI_MODEL,
          baseUrl: env.GEMINI_BASE_URL,
          timeoutMs: env.GEMINI_TIMEOUT_MS,
        }
      : undefined,
    workerConcurrency: env.WORKER_CONCURRENCY,
    twitch: {
      clientId: env.TWITCH_CLIENT_ID,
      clientSecret: env.TWITCH_CLIENT_SECRET,
      tokenKey: env.TWITCH_TOKEN_KEY,
      extensionClientId: env.TWITCH_EXTENSION_CLIENT_ID,
      extensionSecret: env.TWITCH_EXTENSION_SECRET,
    },
    secrets: [
      ...SECRET_VARIABLES.flatMap((name) => env[name] ?? []),
      ...[env.DATABASE_URL, env.DATABASE_DIRECT_URL].flatMap(passwordOf),
    ],
    localMode: !env.TWITCH_EXTENSION_SECRET,
    logLevel: env.LOG_LEVEL,
    limits: {
      requestsPerMinute: env.RATE_LIMIT_REQUESTS_PER_MINUTE,
      generatesPerMinute: env.RATE_LIMIT_GENERATES_PER_MINUTE,
      queuedJobsPerChannel: env.MAX_QUEUED_JOBS,
      eventStreamsPerPrincipal: env.MAX_EVENT_STREAMS,
      dailyGenerationBudget: env.DAILY_GENERATION_BUDGET,
    },
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
  };
}
