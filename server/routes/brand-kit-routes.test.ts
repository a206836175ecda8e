import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBrandKit } from '../brand/brand-kit-store.js';
import { setModeratorGenerate } from '../channels/channel-store.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { makeAsset } from '../testing/make-asset.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { MAX_LOGO_BYTES } from '../use-cases/index.js';
import type { Role } from '../vocabulary/index.js';

interface BrandKitView {
  id: string;
  name: string;
  colors: { primary: string; secondary: string; accent: string };
  fonts: string[];
  tone: string;
  styleWords: string[];
  logoDescription?: string;
  active: boolean;
  logo: { url: string; contentType: string; bytes: number } | null;
  createdAt: string;
  updatedAt: string;
}

const KIT = {
  name: 'Neon Frog',
  colors: { primary: '#00FF88', secondary: '#101820', accent: '#ff3366' },
  fonts: ['Bangers'],
  tone: 'loud and friendly',
  styleWords: ['neon', 'thick outlines'],
};
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let studio: TestStudio;
beforeAll(async () => {
  studio = await createTestStudio();
});
afterAll(() => studio.close());

const as = (channelId: string, role: Role = 'broadcaster') => ({ token: studio.token(channelId, role) });

async function createKit(channelId: string, body: object = KIT): Promise<BrandKitView> {
  const response = await studio.call('/api/v1/brand-kits', { body, ...as(channelId) });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as BrandKitView;
}

async function listKits(channelId: string): Promise<BrandKitView[]> {
  const response = await studio.call('/api/v1/brand-kits', as(channelId));
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: BrandKitView[] }).items;
}

const updateKit = (channelId: string, id: string, body: unknown, role: Role = 'broadcaster') =>
  studio.call(`/api/v1/brand-kits/${id}`, { method: 'PUT', body, ...as(channelId, role) });

const uploadLogo = (
  channelId: string,
  id: string,
  data: Uint8Array | string,
  contentType = 'image/png',
  role: Role = 'broadcaster',
) =>
  studio.app.request(`/api/v1/brand-kits/${id}/logo`, {
    method: 'PUT',
    body: typeof data === 'string' ? data : new Uint8Array(data),
    headers: { Authorization: `Bearer ${studio.token(channelId, role)}`, 'Content-Type': contentType },
  });

const image = (format: 'png' | 'jpeg' | 'webp', background = '#9146ff') =>
  sharp({ create: { width: 64, height: 64, channels: 3, background } })
    .toFormat(format)
    .toBuffer();

const fetchUrl = (url: string) => {
  const { pathname, search } = new URL(url);
  return studio.app.request(pathname + search);
};

/** The logo's storage key, read from the database (the API only shows a signed URL). */
const logoKey = async (channelId: string, id: string) =>
  (await getBrandKit(studio.database.db, channelId, id))?.logo?.storageKey;

describe('brand kit CRUD', () => {
  it('changes only the fields a PUT names: fonts, tone and style words survive a rename', async () => {
    const kit = await createKit('kits-crud-partial');
    const renamed = (await (
      await updateKit('kits-crud-partial', kit.id, { name: 'Renamed' })
    ).json()) as BrandKitView;
    expect(renamed).toEqual({ ...kit, name: 'Renamed', updatedAt: renamed.updatedAt });
    expect(renamed).toMatchObject({ fonts: KIT.fonts, tone: KIT.tone, styleWords: KIT.styleWords });
  });

  it('creates a kit (201) in the API’s shape, colours lower-cased, no channel id', async () => {
    const kit = await createKit('kits-crud-create');
    expect(Object.keys(kit).sort()).toEqual(
      [
        'active',
        'colors',
        'createdAt',
        'fonts',
        'id',
        'logo',
        'name',
        'styleWords',
        'tone',
        'updatedAt',
      ].sort(),
    );
    expect(kit).toMatchObject({
      name: 'Neon Frog',
      colors: { primary: '#00ff88', secondary: '#101820', accent: '#ff3366' },
      fonts: ['Bangers'],
      styleWords: ['neon', 'thick outlines'],
      active: true,
      logo: null,
    });
    expect(kit.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('fills defaults for the optional fields', async () => {
    const kit = await createKit('kits-crud-defaults', { name: 'Plain', colors: KIT.colors });
    expect(kit).toMatchObject({ fonts: [], tone: '', styleWords: [] });
    expect(kit).not.toHaveProperty('logoDescription');
  });

  it('lists, reads, updates and deletes a kit', async () => {
    const channel = 'kits-crud-cycle';
    expect(await listKits(channel)).toEqual([]);
    const kit = await createKit(channel);
    expect(await listKits(channel)).toEqual([kit]);

    const read = await studio.call(`/api/v1/brand-kits/${kit.id}`, as(channel));
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(kit);

    const updating = await updateKit(channel, kit.id, { name: 'Renamed', logoDescription: 'a green frog' });
    expect(updating.status).toBe(200);
    const updated = (await updating.json()) as BrandKitView;
    expect(updated).toMatchObject({ id: kit.id, name: 'Renamed', logoDescription: 'a green frog' });
    expect(updated.colors).toEqual(kit.colors);
    expect(updated.createdAt).toBe(kit.createdAt);
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(kit.updatedAt));
    expect(await listKits(channel)).toEqual([updated]);

    const deleting = await studio.call(`/api/v1/brand-kits/${kit.id}`, { method: 'DELETE', ...as(channel) });
    expect(deleting.status).toBe(204);
    expect(await deleting.text()).toBe('');
    await expectApiError(await studio.call(`/api/v1/brand-kits/${kit.id}`, as(channel)), 404, 'NOT_FOUND');
    expect(await listKits(channel)).toEqual([]);
    await expectApiError(
      await studio.call(`/api/v1/brand-kits/${kit.id}`, { method: 'DELETE', ...as(channel) }),
      404,
      'NOT_FOUND',
    );
    await expectApiError(await updateKit(channel, kit.id, { name: 'Ghost' }), 404, 'NOT_FOUND');
  });

  it('makes the channel’s first kit active, even when asked not to, and later ones inactive', async () => {
    const channel = 'kits-active-first';
    const first = await createKit(channel, { ...KIT, active: false });
    const second = await createKit(channel, { ...KIT, name: 'Second' });
    expect(first.active).toBe(true);
    expect(second.active).toBe(false);
  });

  it('moves the active flag with `active: true`, on update and on create', async () => {
    const channel = 'kits-active-move';
    const first = await createKit(channel);
    const second = await createKit(channel, { ...KIT, name: 'Second' });
    const activeIds = async () => (await listKits(channel)).filter((kit) => kit.active).map((kit) => kit.id);

    const response = await updateKit(channel, second.id, { active: true });
    expect(response.status).toBe(200);
    expect(((await response.json()) as BrandKitView).active).toBe(true);
    expect(await activeIds()).toEqual([second.id]);

    const third = await createKit(channel, { ...KIT, name: 'Third', active: true });
    expect(third.active).toBe(true);
    expect(await activeIds()).toEqual([third.id]);

    expect((await updateKit(channel, first.id, { active: true })).status).toBe(200);
    expect(await activeIds()).toEqual([first.id]);
  });

  it('does not touch another channel’s active kit', async () => {
    const mine = await createKit('kits-active-mine');
    const theirs = await createKit('kits-active-theirs');
    await createKit('kits-active-mine', { ...KIT, name: 'Newer', active: true });
    expect((await listKits('kits-active-theirs')).find((kit) => kit.id === theirs.id)?.active).toBe(true);
    expect((await listKits('kits-active-mine')).find((kit) => kit.id === mine.id)?.active).toBe(false);
  });
});

describe('brand kit validation', () => {
  const channel = 'kits-validation';

  it.each([
    ['colors.primary', { ...KIT, colors: { ...KIT.colors, primary: 'green' } }],
    ['colors.secondary', { ...KIT, colors: { ...KIT.colors, secondary: '#12345' } }],
    ['colors.accent', { ...KIT, colors: { ...KIT.colors, accent: '#gggggg' } }],
    ['name', { ...KIT, name: '' }],
    ['colors', { name: 'No colours' }],
    ['styleWords', { ...KIT, styleWords: Array.from({ length: 13 }, (_, i) => `word${i}`) }],
  ])('refuses a bad %s on create with 400 naming the field', async (field, body) => {
    const response = await studio.call('/api/v1/brand-kits', { body, ...as(channel) });
    const error = await expectApiError(response, 400, 'INVALID_INPUT');
    expect(error.message).toContain(`"${field}`);
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  });

  it('refuses a bad colour on update with 400 naming the field, and keeps the kit', async () => {
    const kit = await createKit(channel);
    const response = await updateKit(channel, kit.id, { colors: { ...KIT.colors, accent: 'rgb(1,2,3)' } });
    const error = await expectApiError(response, 400, 'INVALID_INPUT');
    expect(error.message).toContain('"colors.accent"');
    const read = (await (
      await studio.call(`/api/v1/brand-kits/${kit.id}`, as(channel))
    ).json()) as BrandKitView;
    expect(read.colors).toEqual(kit.colors);
  });

  it('answers 400 for a body that is not JSON, and 415 for one that is not declared JSON', async () => {
    await expectApiError(
      await studio.call('/api/v1/brand-kits', { body: '{"name":', ...as(channel) }),
      400,
      'INVALID_INPUT',
    );
    const response = await studio.call('/api/v1/brand-kits', {
      body: JSON.stringify(KIT),
      ...as(channel),
      headers: { 'Content-Type': 'text/plain' },
    });
    await expectApiError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400 for an id that is not a uuid', async () => {
    const error = await expectApiError(
      await studio.call('/api/v1/brand-kits/not-a-uuid', as(channel)),
      400,
      'INVALID_INPUT',
    );
    expect(error.details).toEqual([expect.objectContaining({ path: 'id' })]);
  });

  // Today unknown fields are dropped, not refused; what matters is that server-owned fields
  // (id, channel, logo, timestamps) in a body never reach the stored kit.
  it('refuses unknown and server-owned fields, naming them, and changes nothing', async () => {
    const created = await createKit(channel);
    for (const extra of [
      { colour: '#000000' },
      { id: MISSING_ID },
      { channelId: 'kits-validation-victim' },
      { logo: null },
    ]) {
      const create = await studio.call('/api/v1/brand-kits', { body: { ...KIT, ...extra }, ...as(channel) });
      const error = await expectApiError(create, 400, 'INVALID_INPUT');
      expect(JSON.stringify(error)).toContain(Object.keys(extra)[0]);
      await expectApiError(await updateKit(channel, created.id, extra), 400, 'INVALID_INPUT');
    }
    const misspelt = await updateKit(channel, created.id, {
      colors: { primary: '#000000', secondary: '#111111', accent: '#222222', glow: '#333333' },
    });
    await expectApiError(misspelt, 400, 'INVALID_INPUT');
    expect(await listKits('kits-validation-victim')).toEqual([]);
    const after = (await (
      await studio.call(`/api/v1/brand-kits/${created.id}`, as(channel))
    ).json()) as BrandKitView;
    expect(after).toEqual(created);
  });
});

describe('PUT /api/v1/brand-kits/:id/logo', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
  ] as const)('accepts a %s logo and serves it back through a signed URL', async (format, contentType) => {
    const channel = `kits-logo-${format}`;
    const kit = await createKit(channel);
    const data = await image(format);
    const response = await uploadLogo(channel, kit.id, data, contentType);
    expect(response.status, await response.clone().text()).toBe(200);
    const updated = (await response.json()) as BrandKitView;
    expect(updated.logo).toMatchObject({ contentType, bytes: data.length });

    const url = new URL(updated.logo!.url);
    expect(url.pathname).toMatch(new RegExp(`^/files/private/logos/${kit.id}/.+\\.(png|jpg|webp)$`));
    expect([...url.searchParams.keys()].sort()).toEqual(['expires', 'signature']);
    const served = await fetchUrl(updated.logo!.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe(contentType);
    expect(Buffer.from(await served.arrayBuffer()).equals(data)).toBe(true);
    // Without the signature the same file is not served.
    await expectApiError(await studio.app.request(url.pathname), 404, 'NOT_FOUND');
    // Reading the kit again hands out a URL for the same file.
    const read = (await (
      await studio.call(`/api/v1/brand-kits/${kit.id}`, as(channel))
    ).json()) as BrandKitView;
    expect(new URL(read.logo!.url).pathname).toBe(url.pathname);
  });

  it('refuses a small file that would decode to a huge image (16000×16000), reading only its header', async () => {
    const channel = 'kits-logo-pixels';
    const kit = await createKit(channel);
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([length, body, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(16_000, 0);
    header.writeUInt32BE(16_000, 4);
    header.set([8, 2, 0, 0, 0], 8);
    const bomb = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.alloc(1024))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    expect(bomb.length).toBeLessThan(2048);
    const error = await expectApiError(
      await uploadLogo(channel, kit.id, bomb, 'image/png'),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(error.message).toContain('16000×16000');
    expect((await listKits(channel))[0]?.logo).toBeNull();
  });

  it('trusts the bytes, not the Content-Type: a JPEG sent as image/png is stored as JPEG', async () => {
    const channel = 'kits-logo-sniff';
    const kit = await createKit(channel);
    const response = await uploadLogo(channel, kit.id, await image('jpeg'), 'image/png');
    expect(response.status).toBe(200);
    expect(((await response.json()) as BrandKitView).logo?.contentType).toBe('image/jpeg');
  });

  it.each([
    ['a text file', 'hello, I am not a picture'],
    ['an SVG', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'],
    ['an empty body', ''],
  ])('refuses %s sent as image/png with 400 and keeps the old logo', async (_label, body) => {
    const channel = 'kits-logo-refused';
    const kit = await createKit(channel);
    expect((await uploadLogo(channel, kit.id, await image('png'))).status).toBe(200);
    const before = await logoKey(channel, kit.id);
    await expectApiError(await uploadLogo(channel, kit.id, body, 'image/png'), 400, 'INVALID_INPUT');
    expect(await logoKey(channel, kit.id)).toBe(before);
    expect(await studio.storage.read(before!, 'private')).not.toBeNull();
  });

  it.each([
    ['a PNG', 'png'],
    ['text that is no JSON', 'not json'],
    ['JSON', '{"name":"a logo?"}'],
  ])(
    'answers %s labelled application/json with 400, not 500, and keeps the old logo',
    async (_label, body) => {
      // The text rule reads every body labelled JSON before any route does; the route must still read it.
      const channel = 'kits-logo-json';
      const kit = await createKit(channel);
      expect((await uploadLogo(channel, kit.id, await image('png'))).status).toBe(200);
      const before = await logoKey(channel, kit.id);
      const data = body === 'png' ? await image('png') : body;
      await expectApiError(await uploadLogo(channel, kit.id, data, 'application/json'), 400, 'INVALID_INPUT');
      expect(await logoKey(channel, kit.id)).toBe(before);
    },
  );

  it.each([
    ['one byte over 2 MB', MAX_LOGO_BYTES + 1],
    ['3 MB', 3 * 1024 * 1024],
  ])('refuses a logo of %s with 413 PAYLOAD_TOO_LARGE', async (_label, bytes) => {
    const channel = 'kits-logo-large';
    const kit = await createKit(channel);
    const response = await uploadLogo(channel, kit.id, new Uint8Array(bytes), 'image/png');
    await expectApiError(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(await logoKey(channel, kit.id)).toBeUndefined();
  });

  it('accepts a real PNG just under 2 MB', async () => {
    const channel = 'kits-logo-near-limit';
    const kit = await createKit(channel);
    // Random pixels, stored uncompressed: the PNG is about 2.07 MB whatever the pixels are.
    const size = 830;
    const data = await sharp(randomBytes(size * size * 3), {
      raw: { width: size, height: size, channels: 3 },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(data.length).toBeGreaterThan(2_000_000);
    expect(data.length).toBeLessThanOrEqual(MAX_LOGO_BYTES);
    const response = await uploadLogo(channel, kit.id, data);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(((await response.json()) as BrandKitView).logo?.bytes).toBe(data.length);
  });

  it('removes the old file when a logo is replaced', async () => {
    const channel = 'kits-logo-replace';
    const kit = await createKit(channel);
    const first = (await (await uploadLogo(channel, kit.id, await image('png'))).json()) as BrandKitView;
    const firstKey = await logoKey(channel, kit.id);
    expect(await studio.storage.read(firstKey!, 'private')).not.toBeNull();

    const second = (await (
      await uploadLogo(channel, kit.id, await image('webp', '#ff0000'), 'image/webp')
    ).json()) as BrandKitView;
    const secondKey = await logoKey(channel, kit.id);
    expect(secondKey).not.toBe(firstKey);
    expect(await studio.storage.read(firstKey!, 'private')).toBeNull();
    expect(await studio.storage.read(secondKey!, 'private')).not.toBeNull();
    await expectApiError(await fetchUrl(first.logo!.url), 404, 'NOT_FOUND');
    expect((await fetchUrl(second.logo!.url)).status).toBe(200);
  });

  it('removes the logo file when the kit is deleted', async () => {
    const channel = 'kits-logo-delete';
    const kit = await createKit(channel);
    const withLogo = (await (await uploadLogo(channel, kit.id, await image('png'))).json()) as BrandKitView;
    const key = await logoKey(channel, kit.id);
    const response = await studio.call(`/api/v1/brand-kits/${kit.id}`, { method: 'DELETE', ...as(channel) });
    expect(response.status).toBe(204);
    expect(await studio.storage.read(key!, 'private')).toBeNull();
    await expectApiError(await fetchUrl(withLogo.logo!.url), 404, 'NOT_FOUND');
  });

  it('answers 404 for a kit that does not exist', async () => {
    const response = await uploadLogo('kits-logo-missing', MISSING_ID, await image('png'));
    await expectApiError(response, 404, 'NOT_FOUND');
  });
});

describe('generating with a brand kit', () => {
  it('completes a job that names the kit (with its logo) by brandKitId', async () => {
    const channel = 'kits-generate';
    await createKit(channel, { ...KIT, name: 'Active one' });
    const kit = await createKit(channel, {
      ...KIT,
      name: 'Named one',
      colors: { ...KIT.colors, primary: '#ff0000' },
    });
    expect((await uploadLogo(channel, kit.id, await image('png'))).status).toBe(200);
    const asset = await makeAsset(studio, channel, { visibility: 'private', brandKitId: kit.id });
    expect(asset).toMatchObject({ channelId: channel, assetType: 'emote', visibility: 'private' });
  });
});

describe('who may manage brand kits', () => {
  const channel = 'kits-roles';
  let kit: BrandKitView;
  beforeAll(async () => {
    kit = await createKit(channel);
    // Even where moderators may generate, changing brand kits stays the broadcaster's.
    await setModeratorGenerate(studio.database.db, channel, true);
  });

  /** Every brand kit route, one after another, as `role` on `channelId`. */
  const callEveryRoute = async (channelId: string, role: Role) => {
    const logo = await image('png');
    const calls = [
      () => studio.call('/api/v1/brand-kits', as(channelId, role)),
      () => studio.call('/api/v1/brand-kits', { body: KIT, ...as(channelId, role) }),
      () => studio.call(`/api/v1/brand-kits/${kit.id}`, as(channelId, role)),
      () => updateKit(channelId, kit.id, { name: 'Taken over' }, role),
      () => studio.call(`/api/v1/brand-kits/${kit.id}`, { method: 'DELETE', ...as(channelId, role) }),
      () => uploadLogo(channelId, kit.id, logo, 'image/png', role),
    ];
    const responses: Response[] = [];
    for (const call of calls) responses.push(await call());
    return responses;
  };

  it('refuses a viewer every brand kit route with 403', async () => {
    for (const response of await callEveryRoute(channel, 'viewer')) {
      await expectApiError(response, 403, 'FORBIDDEN');
    }
    expect(await listKits(channel)).toEqual([kit]);
  });

  it('lets a moderator read the kits (to pick one when generating) but change none', async () => {
    const [list, create, get, ...changes] = await callEveryRoute(channel, 'moderator');
    expect(((await list!.json()) as { items: unknown[] }).items).toEqual([kit]);
    await expectApiError(create!, 403, 'FORBIDDEN');
    expect(await get!.json()).toEqual(kit);
    for (const response of changes) await expectApiError(response, 403, 'FORBIDDEN');
    expect(await listKits(channel)).toEqual([kit]);
  });

  it('answers 404 to another channel’s broadcaster and leaves the kit alone', async () => {
    const other = 'kits-roles-other';
    const [list, create, ...byId] = await callEveryRoute(other, 'broadcaster');
    expect(((await list!.json()) as { items: unknown[] }).items).toEqual([]);
    expect(create!.status).toBe(201);
    for (const response of byId) await expectApiError(response, 404, 'NOT_FOUND');
    expect(await listKits(channel)).toEqual([kit]);
  });
});
