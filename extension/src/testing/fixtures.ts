import type { Asset, BrandKit, Capabilities, Job } from '../../../client/index.js';
import { ACTIONS, can } from '../../../server/policy/policy.js';

/** What `/me` answers for each role, from the server's own policy table (a moderator the channel lets generate with `moderatorGenerates`). */
export function capabilities(
  role: 'broadcaster' | 'moderator' | 'viewer',
  options: { moderatorGenerates?: boolean } = {},
): Capabilities {
  const caller = { channelId: 'local', role, userId: null, principal: 'test', via: 'extension_jwt' } as const;
  const settings = { allowModeratorGenerate: options.moderatorGenerates ?? false };
  return {
    channelId: 'local',
    role,
    permissions: Object.fromEntries(
      ACTIONS.map((action) => [action, can(caller, action, settings)]),
    ) as Capabilities['permissions'],
  };
}

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
const NOW = '2026-12-01T18:30:00.000Z';

export function job(overrides: Partial<Job> = {}): Job {
  return {
    id: uuid(),
    channelId: 'local',
    assetType: 'emote',
    prompt: 'a cat in sunglasses',
    status: 'queued',
    progress: 0,
    retryCount: 0,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

export function asset(overrides: Partial<Asset> = {}): Asset {
  const id = overrides.id ?? uuid();
  return {
    id,
    jobId: uuid(),
    channelId: 'local',
    assetType: 'emote',
    visibility: 'private',
    files: [112, 56, 28].map((edge) => ({
      width: edge,
      height: edge,
      bytes: edge * 100,
      contentType: 'image/png',
      url: `http://studio.test/files/private/${id}/${edge}x${edge}.png?sig=x`,
    })),
    createdAt: NOW,
    parentAssetId: null,
    ...overrides,
  };
}

export function brandKit(overrides: Partial<BrandKit> = {}): BrandKit {
  return {
    id: uuid(),
    name: 'Cozy Cat Crew',
    colors: { primary: '#ff7ab6', secondary: '#2b1b3d', accent: '#ffd166' },
    fonts: ['Baloo 2'],
    tone: 'cosy and silly',
    styleWords: ['kawaii'],
    active: true,
    logo: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  } as BrandKit;
}
