import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { AssetType } from '../catalogue/index.js';
import type { ChatAudience } from '../chat/chat-permission.js';
import type { JobStatus } from '../jobs/job-status.js';
import type { PackPiece, PackStatus } from '../packs/pack-plan-types.js';
import type { TwitchRewardStatus } from '../twitch/twitch-reward.js';
import type {
  AuditAction,
  BrandColors,
  Credential,
  ErrorCode,
  EventType,
  ImageUsage,
  Role,
  TwitchConnectionStatus,
  Visibility,
} from '../vocabulary/index.js';

// Millisecond precision, so a timestamp read into a JS Date and written back (cursors) is the same value.
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** A Twitch channel (or `local`): every other row belongs to one. */
export const channels = pgTable(
  'channels',
  {
    id: text('id').primaryKey(),
    displayName: text('display_name').notNull(),
    allowModeratorGenerate: boolean('allow_moderator_generate').notNull().default(false),
    /** Whether the broadcaster chose a budget; until then `DAILY_GENERATION_BUDGET` applies. */
    dailyGenerationBudgetSet: boolean('daily_generation_budget_set').notNull().default(false),
    /** Generations a UTC day may queue, once set; null is unlimited. */
    dailyGenerationBudget: integer('daily_generation_budget'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [check('channels_daily_generation_budget_check', sql`${t.dailyGenerationBudget} >= 0`)],
);

/** A channel's brand kits; at most one is active. */
export const brandKits = pgTable(
  'brand_kits',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    colors: jsonb('colors').$type<BrandColors>().notNull(),
    fonts: jsonb('fonts').$type<string[]>().notNull(),
    tone: text('tone').notNull(),
    styleWords: jsonb('style_words').$type<string[]>().notNull(),
    logoDescription: text('logo_description'),
    logoStorageKey: text('logo_storage_key'),
    logoContentType: text('logo_content_type'),
    logoBytes: integer('logo_bytes'),
    active: boolean('active').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('brand_kits_one_active_per_channel').on(t.channelId).where(sql`${t.active}`),
    index('brand_kits_channel_idx').on(t.channelId, t.createdAt),
  ],
);

/** Generation jobs: the durable queue the worker claims from. */
export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id').notNull(),
    assetType: text('asset_type').$type<AssetType>().notNull(),
    prompt: text('prompt').notNull(),
    brandKitId: text('brand_kit_id'),
    visibility: text('visibility').$type<Visibility>().notNull(),
    status: text('status').$type<JobStatus>().notNull(),
    progress: integer('progress').notNull().default(0),
    retryCount: integer('retry_count').notNull().default(0),
    errorCode: text('error_code').$type<ErrorCode>(),
    errorMessage: text('error_message'),
    runAt: at('run_at').notNull().defaultNow(),
    idempotencyKey: text('idempotency_key'),
    /** A digest of the request that used `idempotencyKey`: the same key with another request is refused. */
    idempotencyFingerprint: text('idempotency_fingerprint'),
    model: text('model'),
    usage: jsonb('usage').$type<ImageUsage>(),
    lockedBy: text('locked_by'),
    lockedAt: at('locked_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    completedAt: at('completed_at'),
    /**
     * The UTC day whose generation budget this job took a unit of; null once the unit is given back
     * (a job that failed or was cancelled before it ran), so it is given back at most once.
     */
    budgetDay: date('budget_day'),
    /**
     * Set for a refinement: the asset whose kept source image the job edits. No foreign key, so a
     * parent deleted while the job waits leaves the job to fail with `SOURCE_MISSING`.
     */
    parentAssetId: text('parent_asset_id'),
    /** Reference images asked for with this request (besides the brand kit's own); sent as likeness references. */
    referenceImageIds: jsonb('reference_image_ids').$type<string[]>().notNull().default([]),
    /** Set for a piece of a brand pack; no foreign key, like `parentAssetId`. */
    packId: text('pack_id'),
    /** The pack piece's key (`PackPiece.key`). */
    packPiece: text('pack_piece'),
  },
  (t) => [
    index('jobs_pack_idx').on(t.packId),
    uniqueIndex('jobs_channel_idempotency_key')
      .on(t.channelId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('jobs_claim_idx').on(t.status, t.runAt, t.createdAt),
    index('jobs_channel_created_idx').on(t.channelId, t.createdAt, t.id),
    check(
      'jobs_status_check',
      sql`${t.status} in ('queued', 'processing', 'completed', 'failed', 'cancelled')`,
    ),
    check('jobs_visibility_check', sql`${t.visibility} in ('public', 'private')`),
    check('jobs_progress_check', sql`${t.progress} between 0 and 100`),
  ],
);

/** Finished assets: the files one job made. */
export const assets = pgTable(
  'assets',
  {
    id: text('id').primaryKey(),
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id),
    channelId: text('channel_id').notNull(),
    assetType: text('asset_type').$type<AssetType>().notNull(),
    visibility: text('visibility').$type<Visibility>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    /** The asset this one refines; null for a fresh generation, or once the parent is deleted. */
    parentAssetId: text('parent_asset_id'),
    /**
     * The provider's original image, kept privately whatever the asset's visibility (never in its
     * files, never moved): what a refinement edits. Null for assets made before sources were kept.
     */
    sourceKey: text('source_key'),
    sourceContentType: text('source_content_type'),
  },
  (t) => [
    index('assets_channel_created_idx').on(t.channelId, t.createdAt, t.id),
    index('assets_job_idx').on(t.jobId),
    index('assets_parent_idx').on(t.parentAssetId),
    foreignKey({ columns: [t.parentAssetId], foreignColumns: [t.id] }).onDelete('set null'),
    check('assets_visibility_check', sql`${t.visibility} in ('public', 'private')`),
  ],
);

/**
 * Pictures a streamer uploads (their cat, their mascot) for the model to keep the likeness of;
 * stored privately, never served publicly. A brand kit's images go with every job in that kit;
 * the others (no kit) are sent only when a request names them in `referenceImageIds`.
 */
export const referenceImages = pgTable(
  'reference_images',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    brandKitId: text('brand_kit_id').references(() => brandKits.id, { onDelete: 'cascade' }),
    /** The streamer's own words for what it shows ("Mochi, my cat"); shown in the config view. */
    label: text('label').notNull(),
    storageKey: text('storage_key').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('reference_images_channel_idx').on(t.channelId, t.createdAt),
    index('reference_images_brand_kit_idx').on(t.brandKitId),
  ],
);

/**
 * A brand pack: a planned set of pieces made in one style. Its lead piece is generated first;
 * every other piece is queued once the lead is done, with the lead's image as a style reference.
 */
export const packs = pgTable(
  'packs',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    brandKitId: text('brand_kit_id'),
    visibility: text('visibility').$type<Visibility>().notNull(),
    subjects: jsonb('subjects').$type<string[]>().notNull(),
    /** The plan, lead first. */
    pieces: jsonb('pieces').$type<PackPiece[]>().notNull(),
    status: text('status').$type<PackStatus>().notNull(),
    /** Why a pack stopped early (`BUDGET_EXHAUSTED`, the lead's failure code), as data. */
    stopCode: text('stop_code').$type<ErrorCode>(),
    stopMessage: text('stop_message'),
    /** Set once the pieces after the lead are queued, so a pack is expanded once. */
    expandedAt: at('expanded_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('packs_channel_created_idx').on(t.channelId, t.createdAt, t.id),
    check('packs_status_check', sql`${t.status} in ('running', 'completed', 'stopped', 'cancelled')`),
    check('packs_visibility_check', sql`${t.visibility} in ('public', 'private')`),
  ],
);

/** One stored file of an asset, one per catalogue size. */
export const assetFiles = pgTable(
  'asset_files',
  {
    assetId: text('asset_id').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    contentType: text('content_type').notNull(),
    storageKey: text('storage_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.assetId, t.width, t.height] }),
    foreignKey({ columns: [t.assetId], foreignColumns: [assets.id] }).onDelete('cascade'),
  ],
);

/** Per-channel API tokens for scripts and the overlay; only the SHA-256 of a token is kept. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role').$type<Role>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    index('api_tokens_channel_idx').on(t.channelId),
    check('api_tokens_role_check', sql`${t.role} in ('broadcaster', 'moderator', 'viewer')`),
  ],
);

/** The per-channel event stream; `id` only grows, so clients resume from the last one they saw. */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    channelId: text('channel_id').notNull(),
    type: text('type').$type<EventType>().notNull(),
    audience: text('audience').$type<Visibility>().notNull(),
    data: jsonb('data').$type<unknown>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('events_channel_id_idx').on(t.channelId, t.id),
    index('events_created_idx').on(t.createdAt),
    check('events_audience_check', sql`${t.audience} in ('public', 'private')`),
  ],
);

/**
 * Files no row owns, or may soon own: written before a file is stored or a row stops owning it,
 * so a crash at any line leaves a record the reconciler finishes. A file is removed (from both
 * sides when `visibility` is null) once `sweepAfter` has passed, unless the lease named by
 * `leaseHolder` still holds its job: a running attempt's files are its own until it ends.
 */
export const orphanFiles = pgTable(
  'orphan_files',
  {
    storageKey: text('storage_key').primaryKey(),
    visibility: text('visibility').$type<Visibility>(),
    jobId: text('job_id'),
    leaseHolder: text('lease_holder'),
    sweepAfter: at('sweep_after').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('orphan_files_sweep_idx').on(t.sweepAfter),
    check('orphan_files_visibility_check', sql`${t.visibility} in ('public', 'private')`),
  ],
);

/**
 * A visibility change asked for and not yet finished: committed before any file moves, so a
 * change cut short by a crash is finished by the reconciler (the latest request wins).
 */
export const assetMoves = pgTable(
  'asset_moves',
  {
    assetId: text('asset_id')
      .primaryKey()
      .references(() => assets.id, { onDelete: 'cascade' }),
    target: text('target').$type<Visibility>().notNull(),
    requestedAt: at('requested_at').notNull().defaultNow(),
  },
  (t) => [check('asset_moves_target_check', sql`${t.target} in ('public', 'private')`)],
);

/**
 * Requests counted per bucket (a principal, a channel's generations…) and fixed window, in the
 * database so every server process enforces one limit. Old windows are pruned.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    bucket: text('bucket').notNull(),
    windowStart: at('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.windowStart] }),
    index('rate_limit_counters_window_idx').on(t.windowStart),
  ],
);

/**
 * Generations each channel queued per UTC day, counted against its daily budget in the transaction
 * that creates the job, so every server process shares one count.
 */
export const generationBudgetDays = pgTable(
  'generation_budget_days',
  {
    channelId: text('channel_id').notNull(),
    day: date('day').notNull(),
    used: integer('used').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.day] }),
    index('generation_budget_days_day_idx').on(t.day),
    check('generation_budget_days_used_check', sql`${t.used} >= 0`),
  ],
);

/** Open event streams, each under a lease its connection renews: how streams per principal are capped across processes. */
export const eventStreams = pgTable(
  'event_streams',
  {
    id: text('id').primaryKey(),
    principal: text('principal').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('event_streams_principal_idx').on(t.principal, t.expiresAt)],
);

/** Who did what on a channel: every generate, cancel, publish, hide, delete, token and brand kit change. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    channelId: text('channel_id').notNull(),
    at: at('at').notNull().defaultNow(),
    action: text('action').$type<AuditAction>().notNull(),
    /** The API token's id, or the Twitch user (opaque) id behind an extension JWT. */
    principal: text('principal').notNull(),
    role: text('role').$type<Role>().notNull(),
    via: text('via').$type<Credential>().notNull(),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_events_channel_idx').on(t.channelId, t.at, t.id),
    index('audit_events_at_idx').on(t.at),
  ],
);

/**
 * A channel's Twitch account, connected for chat and channel points. Both tokens are stored
 * encrypted (AES-256-GCM, `TWITCH_TOKEN_KEY`); a refresh that Twitch refuses marks it `broken`
 * with the reason, and nothing uses it again until the broadcaster reconnects.
 */
export const twitchConnections = pgTable(
  'twitch_connections',
  {
    channelId: text('channel_id').primaryKey(),
    twitchUserId: text('twitch_user_id').notNull(),
    twitchLogin: text('twitch_login').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    accessToken: text('access_token').notNull(),
    refreshToken: text('refresh_token').notNull(),
    /** When the access token stops working; null when Twitch did not say. */
    expiresAt: at('expires_at'),
    /** When the access token was obtained (twurple's `obtainmentTimestamp`). */
    obtainedAt: at('obtained_at').notNull(),
    status: text('status').$type<TwitchConnectionStatus>().notNull(),
    brokenReason: text('broken_reason'),
    connectedAt: at('connected_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('twitch_connections_user_idx').on(t.twitchUserId),
    check('twitch_connections_status_check', sql`${t.status} in ('connected', 'broken')`),
  ],
);

/**
 * OAuth `state` values minted for a caller's channel, kept only as their SHA-256: each one is
 * taken (deleted) by the callback that uses it, so it works once and only before `expiresAt`.
 */
export const twitchOauthStates = pgTable(
  'twitch_oauth_states',
  {
    stateHash: text('state_hash').primaryKey(),
    channelId: text('channel_id').notNull(),
    principal: text('principal').notNull(),
    role: text('role').$type<Role>().notNull(),
    via: text('via').$type<Credential>().notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('twitch_oauth_states_expires_idx').on(t.expiresAt)],
);

/**
 * How a channel's chat may use the bot, set by its broadcaster (`/api/v1/chat/settings`). A channel
 * without a row uses the defaults in `server/chat/chat-settings.ts`.
 */
export const chatSettings = pgTable(
  'chat_settings',
  {
    channelId: text('channel_id')
      .primaryKey()
      .references(() => channels.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull(),
    prefix: text('prefix').notNull(),
    aliases: jsonb('aliases').$type<string[]>().notNull(),
    /** The lowest audience that may generate: everyone, subscribers, vips, moderators, broadcaster. */
    who: text('who').$type<ChatAudience>().notNull(),
    userCooldownSeconds: integer('user_cooldown_seconds').notNull(),
    channelCooldownSeconds: integer('channel_cooldown_seconds').notNull(),
    /** Whether what chat and channel points make goes public at once (on stream, in the panel). */
    publishAtOnce: boolean('publish_at_once').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    check(
      'chat_settings_cooldowns_check',
      sql`${t.userCooldownSeconds} >= 0 and ${t.channelCooldownSeconds} >= 0`,
    ),
  ],
);

/**
 * Twitch notifications already taken, by the id of what they carry (`chat:<message id>`,
 * `redemption:<redemption id>`): inserted in the same transaction as what they start, so each is
 * acted on once across resends, reconnects, restarts and a second process. Pruned after a day
 * (twurple drops notifications older than ten minutes anyway).
 */
export const twitchReceipts = pgTable(
  'twitch_receipts',
  {
    id: text('id').primaryKey(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [index('twitch_receipts_received_idx').on(t.receivedAt)],
);

/**
 * When each chatter last started a generation from chat and was last told to wait; the row with
 * an empty `twitch_user_id` is the channel's own (its channel-wide cooldown).
 */
export const chatCooldowns = pgTable(
  'chat_cooldowns',
  {
    channelId: text('channel_id').notNull(),
    twitchUserId: text('twitch_user_id').notNull(),
    lastStartedAt: at('last_started_at'),
    lastNoticeAt: at('last_notice_at'),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.twitchUserId] })],
);

/**
 * Jobs started from chat or a channel-point redemption, and whom to tell when each ends: the
 * chatter's message to reply to, or the redemption to fulfil or cancel. `settled_at` is set by
 * the one process that tells it, so a completion is answered once.
 */
export const twitchTriggers = pgTable(
  'twitch_triggers',
  {
    jobId: text('job_id')
      .primaryKey()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    channelId: text('channel_id').notNull(),
    kind: text('kind').$type<'chat' | 'redemption'>().notNull(),
    broadcasterId: text('broadcaster_id').notNull(),
    twitchUserId: text('twitch_user_id').notNull(),
    userName: text('user_name').notNull(),
    /** The chat message to thread the reply to. */
    messageId: text('message_id'),
    rewardId: text('reward_id'),
    redemptionId: text('redemption_id'),
    settledAt: at('settled_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('twitch_triggers_unsettled_idx').on(t.createdAt).where(sql`${t.settledAt} is null`),
    check('twitch_triggers_kind_check', sql`${t.kind} in ('chat', 'redemption')`),
  ],
);

/**
 * Channel-point rewards a broadcaster asked for, and where each stands on Twitch. The API only
 * writes what is wanted (`pending`, or `deleting`); the process that holds the Twitch lease makes it
 * so through Helix with the channel's token (the one process that uses it, so refresh tokens never
 * race) and records Twitch's reward id, or why Twitch refused (`failed`).
 */
export const twitchRewards = pgTable(
  'twitch_rewards',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** Twitch's id for the reward, once created there (a reward our client id owns, so it may fulfil it). */
    twitchRewardId: text('twitch_reward_id'),
    assetType: text('asset_type').$type<AssetType>().notNull(),
    title: text('title').notNull(),
    cost: integer('cost').notNull(),
    status: text('status').$type<TwitchRewardStatus>().notNull(),
    failureReason: text('failure_reason'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('twitch_rewards_channel_idx').on(t.channelId),
    uniqueIndex('twitch_rewards_twitch_id_idx').on(t.twitchRewardId),
    check('twitch_rewards_status_check', sql`${t.status} in ('pending', 'active', 'deleting', 'failed')`),
    check('twitch_rewards_cost_check', sql`${t.cost} >= 1`),
  ],
);

/**
 * Named leases that one server process holds at a time, renewed while it lives (the Twitch
 * listener's: exactly one process listens to EventSub). An expired lease is anyone's to take.
 */
export const serviceLeases = pgTable('service_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: at('expires_at').notNull(),
});
