import { randomBytes, randomUUID } from 'node:crypto';
import { desc } from 'drizzle-orm';
import sharp from 'sharp';
import type { NewAsset } from '../../assets/asset-store.js';
import { insertAsset } from '../../assets/asset-store.js';
import { signExtensionJwt } from '../../auth/extension-jwt.js';
import { assetSpec } from '../../catalogue/index.js';
import { brandKits, events, twitchRewards } from '../../db/schema.js';
import { insertWantedReward, markRewardActive, saveTwitchConnection } from '../../twitch/index.js';
import type { Visibility } from '../../vocabulary/index.js';
import type { TestStudio } from '../test-studio.js';
import type { ImageName } from './fuzz-request.js';

/** Ids of one kind: the fuzzed channel's, and another channel's (which must stay out of reach). */
export interface IdPool {
  readonly own: readonly string[];
  readonly other: readonly string[];
}

/** Someone a request can claim to be; `authorization` is the header sent, if any. */
export interface FuzzCaller {
  readonly name: string;
  readonly weight: number;
  readonly authorization?: string;
}

/** A channel with real jobs, assets, brand kits and tokens, so fuzzed ids sometimes name something. */
export interface FuzzWorld {
  readonly callers: readonly FuzzCaller[];
  readonly jobs: IdPool;
  readonly assets: IdPool;
  readonly brandKits: IdPool;
  readonly tokens: IdPool;
  /** Channel-point rewards: on Twitch (a DELETE marks them) and never made there (a DELETE removes them). */
  readonly rewards: IdPool;
  /** Public assets outside every pool, so no fuzzed hide or delete takes them from `/asset/:id`. */
  readonly publicFiles: readonly string[];
  /** `nextCursor`s the server handed out, for pages of jobs, assets and the audit trail. */
  readonly cursors: readonly string[];
  readonly eventIds: readonly string[];
  readonly images: Readonly<Record<ImageName, Uint8Array>>;
  /**
   * Puts back what a fuzzed request deleted: an asset, brand kit or reward of the pools under the
   * same id, or the Twitch connection.
   */
  restock(method: string, path: string, status: number): Promise<void>;
}

const OWN = '880001';
const OTHER = '880002';
const COLORS = { primary: '#9146ff', secondary: '#1f1f23', accent: '#ffb31a' };

async function makeImages(): Promise<Record<ImageName, Uint8Array>> {
  const pixels = sharp({ create: { width: 8, height: 8, channels: 4, background: '#9146ff' } });
  const png = await pixels.clone().png().toBuffer();
  // A PNG header that declares 16000×16000 pixels: small on the wire, 1 GiB decoded.
  const huge = Buffer.from(png.subarray(0, 33));
  huge.writeUInt32BE(16_000, 16);
  huge.writeUInt32BE(16_000, 20);
  return {
    png,
    jpeg: await pixels.clone().jpeg().toBuffer(),
    webp: await pixels.clone().webp().toBuffer(),
    gif: await pixels.clone().gif().toBuffer(),
    truncatedPng: png.subarray(0, png.length >> 1),
    hugePngHeader: huge,
    svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="99999" height="99999"/>'),
  };
}

async function json<T>(response: Response, expected: number): Promise<T> {
  const text = await response.text();
  if (response.status !== expected) throw new Error(`seeding answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Seeds `studio`'s database for the fuzz and describes what is in it. */
export async function seedFuzzWorld(studio: TestStudio): Promise<FuzzWorld> {
  const { call, token } = studio;
  const db = studio.database.db;
  const images = await makeImages();
  const generate = async (channelId: string, i: number) =>
    (
      await json<{ id: string }>(
        await call('/api/v1/generate', {
          token: token(channelId),
          body: { assetType: 'emote', prompt: `seed ${i}`, visibility: 'private' },
        }),
        202,
      )
    ).id;
  const kit = async (channelId: string, name: string) =>
    (
      await json<{ id: string }>(
        await call('/api/v1/brand-kits', { token: token(channelId), body: { name, colors: COLORS } }),
        201,
      )
    ).id;
  const apiToken = async (channelId: string, name: string, role: 'broadcaster' | 'viewer') =>
    json<{ id: string; token: string }>(
      await call('/api/v1/tokens', { token: token(channelId), body: { name, role } }),
      201,
    );

  const ownJobs = [
    await generate(OWN, 1),
    await generate(OWN, 2),
    await generate(OWN, 3),
    await generate(OWN, 4),
  ];
  const otherJobs = [await generate(OTHER, 1), await generate(OTHER, 2)];
  const ownKits = [await kit(OWN, 'First'), await kit(OWN, 'Second'), await kit(OWN, 'Third')];
  const otherKits = [await kit(OTHER, 'Theirs')];
  await json(
    await studio.app.request(`/api/v1/brand-kits/${ownKits[0]}/logo`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token(OWN)}`, 'Content-Type': 'image/png' },
      body: new Uint8Array(images.png),
    }),
    200,
  );

  const broadcasterKey = await apiToken(OWN, 'script', 'broadcaster');
  const viewerKey = await apiToken(OWN, 'overlay', 'viewer');
  const revokedKey = await apiToken(OWN, 'leaked', 'viewer');
  await json(await call(`/api/v1/tokens/${revokedKey.id}`, { method: 'DELETE', token: token(OWN) }), 200);
  const ownTokens = [
    (await apiToken(OWN, 'a', 'viewer')).id,
    (await apiToken(OWN, 'b', 'viewer')).id,
    revokedKey.id,
  ];
  const otherTokens = [(await apiToken(OTHER, 'theirs', 'viewer')).id];

  // Connected, so fuzzed rewards are made; an active one of each channel, and one never made on Twitch.
  const connectTwitch = () =>
    saveTwitchConnection(db, studio.deps.twitch.cipher, {
      channelId: OWN,
      twitchUserId: 'tw-fuzz',
      login: 'fuzzer',
      token: { accessToken: 'a', refreshToken: 'r', scope: [], expiresIn: null, obtainmentTimestamp: 0 },
    });
  await connectTwitch();
  const reward = async (channelId: string, title: string, twitchRewardId: string | null) => {
    const wanted = await insertWantedReward(db, { channelId, title, cost: 100, assetType: 'emote' });
    if (twitchRewardId) await markRewardActive(db, wanted.id, twitchRewardId);
    return wanted;
  };
  const ownRewards = [await reward(OWN, 'Live', 'tw-live'), await reward(OWN, 'Pending', null)];
  const otherRewards = [await reward(OTHER, 'Theirs', 'tw-theirs')];

  const assets = new Map<string, NewAsset>();
  const putAsset = async (asset: NewAsset) => {
    await insertAsset(db, asset);
    for (const file of asset.files)
      await studio.storage.put({
        key: file.storageKey,
        data: Buffer.from(images.png),
        contentType: 'image/png',
        visibility: asset.visibility,
      });
  };
  const addAsset = async (channelId: string, jobId: string, visibility: Visibility) => {
    const id = randomUUID();
    const files = assetSpec('emote').sizes.map((size) => ({
      ...size,
      bytes: images.png.length,
      contentType: 'image/png',
      storageKey: `assets/${id}/${size.width}x${size.height}.png`,
    }));
    const asset: NewAsset = { id, jobId, channelId, assetType: 'emote', visibility, files };
    await putAsset(asset);
    assets.set(id, asset);
    return id;
  };
  const ownAssets = [
    await addAsset(OWN, ownJobs[0]!, 'public'),
    await addAsset(OWN, ownJobs[0]!, 'private'),
    await addAsset(OWN, ownJobs[1]!, 'public'),
    await addAsset(OWN, ownJobs[1]!, 'private'),
  ];
  const otherAssets = [
    await addAsset(OTHER, otherJobs[0]!, 'public'),
    await addAsset(OTHER, otherJobs[0]!, 'private'),
  ];
  const publicFiles = [
    await addAsset(OWN, ownJobs[2]!, 'public'),
    await addAsset(OTHER, otherJobs[1]!, 'public'),
  ];

  const cursors: string[] = [];
  for (const path of ['/api/v1/jobs?limit=1', '/api/v1/assets?limit=1', '/api/v1/audit?limit=1']) {
    const page = await json<{ nextCursor: string | null }>(await call(path, { token: token(OWN) }), 200);
    if (page.nextCursor) cursors.push(page.nextCursor);
  }
  const eventIds = (await db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(3)).map(
    (row) => String(row.id),
  );

  const jwt = (role: 'moderator' | 'viewer' | 'external', secret = studio.deps.extensionSecret, exp = 3600) =>
    signExtensionJwt(
      { channel_id: OWN, opaque_user_id: `U-${role}`, role, exp: Math.floor(Date.now() / 1000) + exp },
      secret,
    );
  const callers: FuzzCaller[] = [
    { name: 'broadcaster (extension)', weight: 30, authorization: `Bearer ${token(OWN)}` },
    { name: 'broadcaster (API token)', weight: 6, authorization: `Bearer ${broadcasterKey.token}` },
    { name: 'moderator', weight: 1, authorization: `Bearer ${jwt('moderator')}` },
    { name: 'viewer', weight: 1, authorization: `Bearer ${jwt('viewer')}` },
    { name: 'external', weight: 1, authorization: `Bearer ${jwt('external')}` },
    { name: 'viewer (API token)', weight: 1, authorization: `Bearer ${viewerKey.token}` },
    { name: 'revoked API token', weight: 1, authorization: `Bearer ${revokedKey.token}` },
    { name: "another channel's broadcaster", weight: 1, authorization: `Bearer ${token(OTHER)}` },
    {
      name: 'expired',
      weight: 1,
      authorization: `Bearer ${jwt('viewer', studio.deps.extensionSecret, -60)}`,
    },
    {
      name: 'forged',
      weight: 1,
      authorization: `Bearer ${jwt('moderator', randomBytes(32).toString('base64'))}`,
    },
    { name: 'nobody', weight: 1 },
  ];

  const restock = async (method: string, path: string, status: number) => {
    if (method !== 'DELETE' || status >= 300) return;
    if (path.startsWith('/api/v1/twitch/connection')) await connectTwitch();
    // Only a well-formed uuid gets a DELETE through, so the last segment decodes.
    const id = decodeURIComponent(path.split('?')[0]!.split('/').pop()!).toLowerCase();
    const asset = assets.get(id);
    if (asset && path.startsWith('/api/v1/assets/')) await putAsset(asset);
    // Straight into the table: the store would make a new id, and the pools name this one.
    if (ownKits.includes(id) && path.startsWith('/api/v1/brand-kits/')) {
      const now = new Date();
      const row = {
        id,
        channelId: OWN,
        name: 'Restocked',
        colors: COLORS,
        fonts: [],
        tone: '',
        styleWords: [],
      };
      await db
        .insert(brandKits)
        .values({ ...row, createdAt: now, updatedAt: now })
        .onConflictDoNothing();
    }
    const gone = ownRewards.find((r) => r.id === id);
    if (gone && path.startsWith('/api/v1/twitch/rewards/'))
      await db
        .insert(twitchRewards)
        .values({ ...gone })
        .onConflictDoNothing();
  };

  return {
    callers,
    jobs: { own: ownJobs, other: otherJobs },
    assets: { own: ownAssets, other: otherAssets },
    brandKits: { own: ownKits, other: otherKits },
    tokens: { own: ownTokens, other: otherTokens },
    rewards: { own: ownRewards.map((r) => r.id), other: otherRewards.map((r) => r.id) },
    publicFiles,
    cursors,
    eventIds,
    images,
    restock,
  };
}
