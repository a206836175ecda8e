import type { InferRequestType, InferResponseType } from 'hono/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { AssetView } from '../server/assets/asset-view.js';
import type { AssetType } from '../server/catalogue/index.js';
import type { ChatAudience } from '../server/chat/chat-permission.js';
import type { StudioEventMap } from '../server/events/studio-event.js';
import type { JobStatus } from '../server/jobs/job-status.js';
import type { JobView } from '../server/jobs/job-view.js';
import type { TwitchRewardStatus } from '../server/twitch/twitch-reward.js';
import type { ErrorCode, Visibility } from '../server/vocabulary/index.js';
import { createStudioClient, unwrap } from './api-client.js';
import type { Asset, AssetPage, PublicGalleryQuery, StudioApi } from './studio-api.js';
import type { ApiErrorBody, StudioApiError } from './studio-api-error.js';
import type { StudioStreamEvent } from './studio-stream-event.js';

// These checks run in `npx tsc --noEmit` (tsconfig includes client/): a type that drifts to
// `string`, `unknown` or `any` fails the type check, not the test run.

const client = createStudioClient({ baseUrl: 'http://studio.test', getToken: () => 'token' });
type Generate = typeof client.api.v1.generate.$post;
type GetJob = (typeof client.api.v1.jobs)[':id']['$get'];

/** Never called: it only has to compile. */
async function typedCalls() {
  const job = await unwrap(client.api.v1.jobs[':id'].$get({ param: { id: 'x' } }));
  expectTypeOf(job).toExtend<JobView>();
  expectTypeOf(job.status).toEqualTypeOf<JobStatus>();
  expectTypeOf(job.assetType).toEqualTypeOf<AssetType>();

  const assets = await unwrap(client.api.v1.assets.$get({ query: {} }));
  expectTypeOf(assets.items).items.toExtend<AssetView>();
  expectTypeOf(assets.items[0]!.visibility).toEqualTypeOf<Visibility>();
  expectTypeOf(assets.nextCursor).toEqualTypeOf<string | null>();

  const deleted = await unwrap(client.api.v1.assets[':id'].$delete({ param: { id: 'x' } }));
  expectTypeOf(deleted).toEqualTypeOf<undefined>();

  const reward = await unwrap(client.api.v1.twitch.rewards[':id'].$delete({ param: { id: 'x' } }));
  expectTypeOf(reward?.status).toEqualTypeOf<TwitchRewardStatus | undefined>();
  expectTypeOf(reward).extract<undefined>().toEqualTypeOf<undefined>();
  const chat = await unwrap(client.api.v1.chat.settings.$get());
  expectTypeOf(chat.who).toEqualTypeOf<ChatAudience>();

  // @ts-expect-error a reward's cost is a number
  await client.api.v1.twitch.rewards.$post({ json: { title: 'x', cost: '5', assetType: 'emote' } });
  // @ts-expect-error 'poster' is not in the asset catalogue
  await client.api.v1.generate.$post({ header: {}, json: { assetType: 'poster', prompt: 'x' } });
  // @ts-expect-error assetType is required
  await client.api.v1.generate.$post({ header: {}, json: { prompt: 'x' } });
  // @ts-expect-error a job is read by its id
  await client.api.v1.jobs[':id'].$get({ param: {} });
}

describe('the typed client (checked by tsc)', () => {
  it('types a job’s JSON as JobView, with the status union rather than string', () => {
    expectTypeOf<InferResponseType<GetJob, 200>>().toExtend<JobView>();
    expectTypeOf<InferResponseType<GetJob, 200>['status']>().toEqualTypeOf<JobStatus>();
    expectTypeOf<InferResponseType<GetJob, 200>['status']>().not.toEqualTypeOf<string>();
    expectTypeOf(typedCalls).returns.resolves.toBeVoid();
  });

  it('requires an assetType from the catalogue to generate', () => {
    expectTypeOf<InferRequestType<Generate>['json']['assetType']>().toEqualTypeOf<AssetType>();
    expectTypeOf<InferResponseType<Generate, 202>>().toExtend<JobView>();
  });

  it('types the public reads as the authenticated ones: the same assets, the same page', () => {
    expectTypeOf<Awaited<ReturnType<StudioApi['publicGallery']>>>().toEqualTypeOf<AssetPage>();
    expectTypeOf<Awaited<ReturnType<StudioApi['publicAsset']>>>().toEqualTypeOf<Asset>();
    expectTypeOf<PublicGalleryQuery['assetType']>().toEqualTypeOf<AssetType | undefined>();
  });

  it('types every route’s error answers as the API’s error body', () => {
    expectTypeOf<InferResponseType<GetJob, 404>>().toExtend<ApiErrorBody>();
    expectTypeOf<InferResponseType<Generate, 400>>().toExtend<ApiErrorBody>();
    expectTypeOf<ErrorCode>().toExtend<StudioApiError['code']>();
  });

  it('types the events by name, and narrows a stream event by its type', () => {
    expectTypeOf<StudioEventMap['asset.deleted']>().toEqualTypeOf<{ readonly id: string }>();
    expectTypeOf<StudioEventMap['job.completed']>().toEqualTypeOf<JobView>();
    expectTypeOf<Extract<StudioStreamEvent, { type: 'asset.created' }>['data']>().toEqualTypeOf<AssetView>();
    expectTypeOf<Extract<StudioStreamEvent, { type: 'job.progress' }>['data']['progress']>().toBeNumber();
    expectTypeOf<StudioStreamEvent['type']>().toEqualTypeOf<keyof StudioEventMap>();
  });
});
