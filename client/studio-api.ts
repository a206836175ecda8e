import type { InferRequestType } from 'hono/client';
import { createStudioClient, type SuccessBody, unwrap } from './api-client.js';
import { type EventStream, type EventStreamOptions, openEventStream } from './event-stream.js';
import { authorization, type FetchLike, type TokenGetter } from './fetch-like.js';

export interface StudioApiOptions {
  /** Where the server is, e.g. `https://studio.example.com`. */
  readonly baseUrl: string;
  /** Asked before every request and stream connection but the public reads: Twitch renews the panel's JWT. */
  readonly getToken: TokenGetter;
  readonly fetch?: FetchLike;
}

type Client = ReturnType<typeof createStudioClient>;
type V1 = Client['api']['v1'];
type PublicV1 = Client['public']['v1'];

export type GenerateInput = InferRequestType<V1['generate']['$post']>['json'];
export type JobsQuery = Partial<InferRequestType<V1['jobs']['$get']>['query']>;
export type AssetsQuery = Partial<InferRequestType<V1['assets']['$get']>['query']>;
export type PublicGalleryQuery = Partial<
  InferRequestType<PublicV1['channels'][':channelId']['assets']['$get']>['query']
>;
export type PackInput = InferRequestType<V1['packs']['$post']>['json'];
export type PacksQuery = Partial<InferRequestType<V1['packs']['$get']>['query']>;
export type BrandKitInput = InferRequestType<V1['brand-kits']['$post']>['json'];
export type BrandKitPatch = InferRequestType<V1['brand-kits'][':id']['$put']>['json'];
export type ChannelPatch = InferRequestType<V1['channel']['$put']>['json'];
export type ChatSettingsPatch = InferRequestType<V1['chat']['settings']['$put']>['json'];
export type RewardInput = InferRequestType<V1['twitch']['rewards']['$post']>['json'];
export type Visibility = InferRequestType<V1['assets'][':id']['visibility']['$put']>['json']['visibility'];

export type Capabilities = SuccessBody<Awaited<ReturnType<V1['me']['$get']>>>;
export type Job = SuccessBody<Awaited<ReturnType<V1['jobs'][':id']['$get']>>>;
export type Asset = SuccessBody<Awaited<ReturnType<V1['assets'][':id']['$get']>>>;
export type AssetPage = SuccessBody<Awaited<ReturnType<V1['assets']['$get']>>>;
export type JobPage = SuccessBody<Awaited<ReturnType<V1['jobs']['$get']>>>;
export type Pack = SuccessBody<Awaited<ReturnType<V1['packs'][':id']['$get']>>>;
export type PackPage = SuccessBody<Awaited<ReturnType<V1['packs']['$get']>>>;
export type BrandKit = SuccessBody<Awaited<ReturnType<V1['brand-kits'][':id']['$get']>>>;
export type ChannelSettings = SuccessBody<Awaited<ReturnType<V1['channel']['$get']>>>;
export type TwitchConnection = SuccessBody<Awaited<ReturnType<V1['twitch']['connection']['$get']>>>;
export type ChatSettings = SuccessBody<Awaited<ReturnType<V1['chat']['settings']['$get']>>>;
export type TwitchReward = SuccessBody<Awaited<ReturnType<V1['twitch']['rewards']['$post']>>>;
/** A picture of the subject (PNG, JPEG or WebP) kept privately; `url` is signed and short-lived. */
export type ReferenceImage = SuccessBody<Awaited<ReturnType<V1['reference-images']['$post']>>>;

/** Drops `undefined` fields, so an optional filter left unset is not sent as `?assetType=undefined`. */
function defined<T extends object>(query: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as never;
}

/**
 * The API as named calls, for the extension and the overlay: each goes through the typed `hc`
 * client and answers with the route's JSON type, or throws a `StudioApiError`. The one place a
 * face learns a URL; components call these and never build one.
 */
export function createStudioApi(options: StudioApiOptions) {
  const client = createStudioClient(options);
  const v1 = client.api.v1;
  // The same client with no token: public reads must never carry the caller's credentials.
  const anyone = createStudioClient({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  }).public.v1;
  const id = (value: string) => ({ param: { id: value } });

  return {
    baseUrl: options.baseUrl,
    me: () => unwrap(v1.me.$get()),

    /** A public asset's file for anyone (`GET /asset/:id`), at one of its sizes (`112x112`) or the largest. */
    publicFileUrl: (assetId: string, size?: string) =>
      client.asset[':id'].$url({ param: { id: assetId }, query: size ? { size } : {} }).href,

    /** A channel's public gallery, newest first, the same for every viewer: sent without credentials. */
    publicGallery: (channelId: string, query: PublicGalleryQuery = {}) =>
      unwrap(anyone.channels[':channelId'].assets.$get({ param: { channelId }, query: defined(query) })),
    /** A public asset, as anyone may read it (`GET /public/v1/assets/:id`); 404 when private or gone. */
    publicAsset: (assetId: string) => unwrap(anyone.assets[':id'].$get(id(assetId))),

    generate: (input: GenerateInput, idempotencyKey?: string) =>
      unwrap(
        v1.generate.$post({
          header: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
          json: input,
        }),
      ),
    job: (jobId: string) => unwrap(v1.jobs[':id'].$get(id(jobId))),
    jobs: (query: JobsQuery = {}) => unwrap(v1.jobs.$get({ query: defined(query) })),
    jobAssets: (jobId: string) => unwrap(v1.jobs[':id'].assets.$get(id(jobId))),
    cancelJob: (jobId: string) => unwrap(v1.jobs[':id'].cancel.$post(id(jobId))),

    assets: (query: AssetsQuery = {}) => unwrap(v1.assets.$get({ query: defined(query) })),
    asset: (assetId: string) => unwrap(v1.assets[':id'].$get(id(assetId))),
    deleteAsset: (assetId: string) => unwrap(v1.assets[':id'].$delete(id(assetId))),
    /** A link to a zip of every size, for a new tab: it carries the permission for a few minutes. */
    downloadLink: (assetId: string) => unwrap(v1.assets[':id']['download-link'].$post(id(assetId))),
    setVisibility: (assetId: string, visibility: Visibility) =>
      unwrap(v1.assets[':id'].visibility.$put({ ...id(assetId), json: { visibility } })),
    /** Queues a refinement: the asset's source image edited by `instruction`, as a new linked asset. */
    refine: (assetId: string, instruction: string, idempotencyKey?: string) =>
      unwrap(
        v1.assets[':id'].refine.$post({
          ...id(assetId),
          header: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
          json: { instruction },
        }),
      ),
    /** The asset's version line: its first version and every refinement, oldest first. */
    versions: (assetId: string) => unwrap(v1.assets[':id'].versions.$get(id(assetId))),

    /** Plans a brand pack and starts it: the first piece now, the rest in its style once it is drawn. */
    createPack: (input: PackInput, idempotencyKey?: string) =>
      unwrap(
        v1.packs.$post({
          header: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
          json: input,
        }),
      ),
    /** One pack with each piece's status; job events carry `packId`/`packPiece` to fill it in live. */
    pack: (packId: string) => unwrap(v1.packs[':id'].$get(id(packId))),
    /** The channel's packs, newest first. */
    packs: (query: PacksQuery = {}) => unwrap(v1.packs.$get({ query: defined(query) })),
    /** Cancels its queued and running pieces and every piece not yet queued; finished ones are kept. */
    cancelPack: (packId: string) => unwrap(v1.packs[':id'].cancel.$post(id(packId))),
    /** A link to the pack's zip (every finished piece, named for Twitch's upload pages), for a new tab. */
    packDownloadLink: (packId: string) => unwrap(v1.packs[':id']['download-link'].$post(id(packId))),

    brandKits: () => unwrap(v1['brand-kits'].$get()),
    createBrandKit: (input: BrandKitInput) => unwrap(v1['brand-kits'].$post({ json: input })),
    updateBrandKit: (kitId: string, patch: BrandKitPatch) =>
      unwrap(v1['brand-kits'][':id'].$put({ ...id(kitId), json: patch })),
    deleteBrandKit: (kitId: string) => unwrap(v1['brand-kits'][':id'].$delete(id(kitId))),
    /** Sends the image's bytes as they are, labelled with its type (PNG, JPEG or WebP). */
    uploadLogo: (kitId: string, image: Blob) =>
      unwrap(
        v1['brand-kits'][':id'].logo.$put(id(kitId), {
          headers: async () => ({
            ...(await authorization(options.getToken)),
            'Content-Type': image.type || 'application/octet-stream',
          }),
          init: { body: image },
        }),
      ),

    /** The channel's reference images, oldest first: all of them, or one kit's. */
    referenceImages: (query: { brandKitId?: string } = {}) =>
      unwrap(v1['reference-images'].$get({ query: defined(query) })),
    /** Sends a picture of the subject as it is, labelled with its type; with `brandKitId`, every job of the kit sends it. */
    uploadReferenceImage: (image: Blob, upload: { label: string; brandKitId?: string }) =>
      unwrap(
        v1['reference-images'].$post(
          { query: defined({ label: upload.label, brandKitId: upload.brandKitId }) },
          {
            headers: async () => ({
              ...(await authorization(options.getToken)),
              'Content-Type': image.type || 'application/octet-stream',
            }),
            init: { body: image },
          },
        ),
      ),
    deleteReferenceImage: (imageId: string) => unwrap(v1['reference-images'][':id'].$delete(id(imageId))),

    channel: () => unwrap(v1.channel.$get()),
    /** Whether the channel's Twitch account is connected for chat and channel points. */
    twitchConnection: () => unwrap(v1.twitch.connection.$get()),
    /** Starts connecting it: Twitch's page to open in a new tab, with a state good once for ten minutes. */
    connectTwitch: () => unwrap(v1.twitch.connect.$post()),
    disconnectTwitch: () => unwrap(v1.twitch.connection.$delete()),
    updateChannel: (patch: ChannelPatch) => unwrap(v1.channel.$put({ json: patch })),

    /** How the channel's chat generates: the command's words, who may, the cooldowns. */
    chatSettings: () => unwrap(v1.chat.settings.$get()),
    /** Changes the fields `patch` names; the others stay as stored. */
    updateChatSettings: (patch: ChatSettingsPatch) => unwrap(v1.chat.settings.$put({ json: patch })),
    /** The channel-point rewards that generate, newest first, with where each stands on Twitch. */
    rewards: () => unwrap(v1.twitch.rewards.$get()),
    /** Adds a reward, `pending` until the server has made it on Twitch. */
    createReward: (input: RewardInput) => unwrap(v1.twitch.rewards.$post({ json: input })),
    /** Removes a reward: undefined when it is gone at once, the reward (`deleting`) while Twitch still has it. */
    deleteReward: (rewardId: string) => unwrap(v1.twitch.rewards[':id'].$delete(id(rewardId))),

    /** The channel's live events, resumed after `lastEventId` and reconnected with backoff. */
    events: (handlers: Omit<EventStreamOptions, 'baseUrl' | 'getToken' | 'fetch'>): EventStream =>
      openEventStream({
        ...handlers,
        baseUrl: options.baseUrl,
        getToken: options.getToken,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
  };
}

export type StudioApi = ReturnType<typeof createStudioApi>;
