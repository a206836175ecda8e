import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePostgres } from '../db/describe-each-database.js';
import { jobs, orphanFiles, referenceImages } from '../db/schema.js';
import { KEPT_IMAGE_TYPES, prepareReferenceImage } from '../images/index.js';
import { MAX_REFERENCE_BYTES } from '../references/index.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { filesOn } from '../testing/files-on.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import type { Role } from '../vocabulary/index.js';

interface ReferenceImageView {
  id: string;
  label: string;
  brandKitId: string | null;
  contentType: string;
  bytes: number;
  url: string;
  createdAt: string;
}

const KIT = { name: 'Cat Cafe', colors: { primary: '#112233', secondary: '#445566', accent: '#778899' } };
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let studio: TestStudio;
beforeAll(async () => {
  studio = await createTestStudio({ worker: false });
});
afterAll(() => studio.close());

const image = (format: 'png' | 'jpeg' | 'webp', background = '#9146ff') =>
  sharp({ create: { width: 48, height: 32, channels: 3, background } })
    .toFormat(format)
    .toBuffer();

async function upload(
  channelId: string,
  data: Uint8Array | string,
  query: { label?: string; brandKitId?: string } = { label: 'Mochi' },
  options: { contentType?: string; role?: Role } = {},
) {
  const search = new URLSearchParams(
    Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][],
  );
  return studio.app.request(`/api/v1/reference-images?${search}`, {
    method: 'POST',
    body: typeof data === 'string' ? data : new Uint8Array(data),
    headers: {
      Authorization: `Bearer ${studio.token(channelId, options.role ?? 'broadcaster')}`,
      'Content-Type': options.contentType ?? 'image/png',
    },
  });
}

async function uploaded(channelId: string, query?: { label?: string; brandKitId?: string }) {
  const response = await upload(channelId, await image('png'), query);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as ReferenceImageView;
}

async function list(channelId: string, brandKitId?: string): Promise<ReferenceImageView[]> {
  const query = brandKitId ? `?brandKitId=${brandKitId}` : '';
  const response = await studio.call(`/api/v1/reference-images${query}`, { token: studio.token(channelId) });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { items: ReferenceImageView[] }).items;
}

async function createKit(channelId: string): Promise<string> {
  const response = await studio.call('/api/v1/brand-kits', { token: studio.token(channelId), body: KIT });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const remove = (channelId: string, id: string, role: Role = 'broadcaster') =>
  studio.call(`/api/v1/reference-images/${id}`, { method: 'DELETE', token: studio.token(channelId, role) });

const fetchUrl = (url: string) => {
  const { pathname, search } = new URL(url);
  return studio.app.request(pathname + search);
};

/** The stored reference files on disk, as `private/references/<id>.<ext>`. */
const referenceFiles = async () =>
  (await filesOn(studio.dataDir)).filter((file) => file.includes('references/'));

const storageKeyOf = async (id: string) =>
  (await studio.database.db.select().from(referenceImages).where(eq(referenceImages.id, id)))[0]?.storageKey;

describe('POST /api/v1/reference-images', () => {
  it.each([
    ['png', 'image/png', 'png'],
    ['jpeg', 'image/jpeg', 'jpg'],
    ['webp', 'image/webp', 'webp'],
  ] as const)(
    'stores a %s privately (201) and lists it with a signed URL that serves it',
    async (format, contentType, ext) => {
      const channel = `refs-format-${format}`;
      const data = await image(format);
      // Kept as the server prepares every upload: upright, fitted, without metadata.
      const stored = await prepareReferenceImage(data, KEPT_IMAGE_TYPES[format]);
      const response = await upload(channel, data, { label: '  Mochi,   my cat ' }, { contentType });
      expect(response.status, await response.clone().text()).toBe(201);
      const made = (await response.json()) as ReferenceImageView;
      expect(Object.keys(made).sort()).toEqual([
        'brandKitId',
        'bytes',
        'contentType',
        'createdAt',
        'id',
        'label',
        'url',
      ]);
      expect(made).toMatchObject({
        label: 'Mochi, my cat',
        brandKitId: null,
        contentType,
        bytes: stored.length,
      });
      expect(new URL(made.url).pathname).toBe(`/files/private/references/${made.id}.${ext}`);
      const served = await fetchUrl(made.url);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);
      expect((await list(channel)).map((item) => item.id)).toEqual([made.id]);
      // The private file is not reachable without the signature.
      expect((await studio.app.request(new URL(made.url).pathname)).status).not.toBe(200);
    },
  );

  it('trusts the bytes, not the Content-Type: a JPEG sent as image/png is stored as JPEG', async () => {
    const response = await upload(
      'refs-sniff',
      await image('jpeg'),
      { label: 'photo' },
      { contentType: 'image/png' },
    );
    expect(response.status).toBe(201);
    expect(((await response.json()) as ReferenceImageView).contentType).toBe('image/jpeg');
  });

  it.each([
    ['a text file', 'hello, I am not a picture', 'text/plain'],
    [
      'a PNG signature on garbage',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]),
      'image/png',
    ],
    ['an SVG', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', 'image/png'],
    ['an empty body', '', 'image/png'],
    ['JSON', '{"label":"cat"}', 'application/json'],
  ])('refuses %s with 400 INVALID_INPUT and stores nothing', async (_label, body, contentType) => {
    const channel = 'refs-refused';
    const before = await referenceFiles();
    await expectApiError(
      await upload(channel, body, { label: 'cat' }, { contentType }),
      400,
      'INVALID_INPUT',
    );
    expect(await list(channel)).toEqual([]);
    expect(await referenceFiles()).toEqual(before);
  });

  it.each([
    ['one byte over 5 MB', MAX_REFERENCE_BYTES + 1],
    ['8 MB', 8 * 1024 * 1024],
  ])('refuses %s with 413 PAYLOAD_TOO_LARGE and stores nothing', async (_label, bytes) => {
    const channel = 'refs-large';
    const before = await referenceFiles();
    await expectApiError(await upload(channel, new Uint8Array(bytes)), 413, 'PAYLOAD_TOO_LARGE');
    expect(await list(channel)).toEqual([]);
    expect(await referenceFiles()).toEqual(before);
  });

  it('accepts a real PNG over the 2 MB every other body is held to, just under 5 MB', async () => {
    // Random pixels, stored uncompressed: about 4.3 MB whatever the pixels are.
    const size = 1200;
    const data = await sharp(randomBytes(size * size * 3), {
      raw: { width: size, height: size, channels: 3 },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(data.length).toBeGreaterThan(4_000_000);
    expect(data.length).toBeLessThanOrEqual(MAX_REFERENCE_BYTES);
    const response = await upload('refs-near-limit', data);
    expect(response.status, await response.clone().text()).toBe(201);
    const stored = await prepareReferenceImage(data, KEPT_IMAGE_TYPES.png);
    expect(((await response.json()) as ReferenceImageView).bytes).toBe(stored.length);
  });

  it('refuses a body over 5 MB sent without Content-Length (streamed) with 413', async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 7) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await studio.app.request('/api/v1/reference-images?label=stream', {
      method: 'POST',
      body,
      headers: { Authorization: `Bearer ${studio.token('refs-stream')}`, 'Content-Type': 'image/png' },
      duplex: 'half',
    } as RequestInit);
    await expectApiError(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(await list('refs-stream')).toEqual([]);
  });

  it.each([
    ['missing', {}],
    ['empty', { label: '' }],
    ['blank once cleaned', { label: ' \u200b\t ' }],
    ['81 characters', { label: 'x'.repeat(81) }],
  ])('refuses a label that is %s with 400 naming label', async (_what, query) => {
    const error = await expectApiError(
      await upload('refs-label', await image('png'), query),
      400,
      'INVALID_INPUT',
    );
    expect(JSON.stringify(error.details)).toContain('label');
    expect(await list('refs-label')).toEqual([]);
  });

  it('cleans the label like user text: controls and template syntax go', async () => {
    const made = await uploaded('refs-label-clean', { label: 'Mo{{chi}}\u0007 the «cat»' });
    expect(made.label).toBe('Mochi the cat');
  });

  it('refuses a brandKitId that is unknown, another channel’s, or not an id, with 400 naming it', async () => {
    const theirs = await createKit('refs-kit-theirs');
    for (const brandKitId of [MISSING_ID, theirs, 'not-a-uuid']) {
      const response = await upload('refs-kit-mine', await image('png'), { label: 'cat', brandKitId });
      const error = await expectApiError(response, 400, 'INVALID_INPUT');
      expect(JSON.stringify(error.details)).toContain('brandKitId');
    }
    expect(await list('refs-kit-mine')).toEqual([]);
    expect(await list('refs-kit-theirs')).toEqual([]);
  });

  it('attaches an image to a kit of the channel, and lists by kit', async () => {
    const channel = 'refs-kit-list';
    const kit = await createKit(channel);
    const loose = await uploaded(channel, { label: 'loose' });
    const kitted = await uploaded(channel, { label: 'kitted', brandKitId: kit });
    expect(kitted.brandKitId).toBe(kit);
    expect((await list(channel)).map((item) => item.id)).toEqual([loose.id, kitted.id]);
    expect((await list(channel, kit)).map((item) => item.id)).toEqual([kitted.id]);
    expect(await list(channel, MISSING_ID)).toEqual([]);
  });
});

describe('reference image caps', () => {
  it('holds a kit to 6 with 409 REFERENCE_LIMIT, leaving room on the channel and other kits', async () => {
    const channel = 'refs-cap-kit';
    const kit = await createKit(channel);
    for (let i = 0; i < 6; i++) await uploaded(channel, { label: `pic ${i}`, brandKitId: kit });
    const before = await referenceFiles();
    const error = await expectApiError(
      await upload(channel, await image('png'), { label: 'seventh', brandKitId: kit }),
      409,
      'REFERENCE_LIMIT',
    );
    expect(error.details).toEqual({ scope: 'brand_kit', limit: 6 });
    expect(await referenceFiles()).toEqual(before);
    expect(await list(channel, kit)).toHaveLength(6);
    await uploaded(channel, { label: 'no kit' });
    await uploaded(channel, { label: 'other kit', brandKitId: await createKit(channel) });
  });

  it('holds a channel to 24 with 409 REFERENCE_LIMIT; a delete makes room again', async () => {
    const channel = 'refs-cap-channel';
    const made: ReferenceImageView[] = [];
    for (let i = 0; i < 24; i++) made.push(await uploaded(channel, { label: `pic ${i}` }));
    const error = await expectApiError(
      await upload(channel, await image('png'), { label: 'one more' }),
      409,
      'REFERENCE_LIMIT',
    );
    expect(error.details).toEqual({ scope: 'channel', limit: 24 });
    expect(await list(channel)).toHaveLength(24);
    expect((await remove(channel, made[0]!.id)).status).toBe(204);
    await uploaded(channel, { label: 'one more' });
  });

  it('lets only as many concurrent uploads in as the cap has room for', async () => {
    const channel = 'refs-cap-race';
    const kit = await createKit(channel);
    const data = await image('png');
    const statuses = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        upload(channel, data, { label: `race ${i}`, brandKitId: kit }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(6);
    expect(statuses.filter((status) => status === 409)).toHaveLength(3);
    expect(await list(channel, kit)).toHaveLength(6);
  });
});

describe('DELETE /api/v1/reference-images/:id', () => {
  it('deletes the row and the file (204), and then answers 404', async () => {
    const channel = 'refs-delete';
    const made = await uploaded(channel);
    const key = await storageKeyOf(made.id);
    expect(await studio.storage.read(key!, 'private')).not.toBeNull();
    expect((await remove(channel, made.id)).status).toBe(204);
    expect(await list(channel)).toEqual([]);
    expect(await studio.storage.read(key!, 'private')).toBeNull();
    expect(
      await studio.database.db.select().from(orphanFiles).where(eq(orphanFiles.storageKey, key!)),
    ).toEqual([]);
    await expectApiError(await fetchUrl(made.url), 404, 'NOT_FOUND');
    await expectApiError(await remove(channel, made.id), 404, 'NOT_FOUND');
  });

  it('answers 404 for another channel’s image and leaves it be', async () => {
    const theirs = await uploaded('refs-delete-theirs');
    await expectApiError(await remove('refs-delete-mine', theirs.id), 404, 'NOT_FOUND');
    expect((await list('refs-delete-theirs')).map((item) => item.id)).toEqual([theirs.id]);
    expect(await list('refs-delete-mine')).toEqual([]);
  });

  it('deleting a brand kit deletes its reference images and their files, and no others', async () => {
    const channel = 'refs-kit-delete';
    const kit = await createKit(channel);
    const kitted = [
      await uploaded(channel, { label: 'a', brandKitId: kit }),
      await uploaded(channel, { label: 'b', brandKitId: kit }),
    ];
    const loose = await uploaded(channel, { label: 'loose' });
    const keys = await Promise.all(kitted.map((item) => storageKeyOf(item.id)));
    const deleting = await studio.call(`/api/v1/brand-kits/${kit}`, {
      method: 'DELETE',
      token: studio.token(channel),
    });
    expect(deleting.status).toBe(204);
    expect((await list(channel)).map((item) => item.id)).toEqual([loose.id]);
    for (const key of keys) expect(await studio.storage.read(key!, 'private')).toBeNull();
    expect(await studio.storage.read((await storageKeyOf(loose.id))!, 'private')).not.toBeNull();
    const left = await studio.database.db.select().from(orphanFiles);
    expect(left.filter((orphan) => keys.includes(orphan.storageKey))).toEqual([]);
  });
});

describe('who may use reference images', () => {
  it.each(['moderator', 'viewer'] as const)('refuses a %s with 403 on every route', async (role) => {
    const channel = `refs-role-${role}`;
    const made = await uploaded(channel);
    await expectApiError(
      await upload(channel, await image('png'), { label: 'x' }, { role }),
      403,
      'FORBIDDEN',
    );
    await expectApiError(
      await studio.call('/api/v1/reference-images', { token: studio.token(channel, role) }),
      403,
      'FORBIDDEN',
    );
    await expectApiError(await remove(channel, made.id, role), 403, 'FORBIDDEN');
    expect(await list(channel)).toHaveLength(1);
  });

  it('answers 401 without credentials', async () => {
    await expectApiError(await studio.app.request('/api/v1/reference-images'), 401, 'UNAUTHORIZED');
  });

  it('lists only the caller’s channel', async () => {
    await uploaded('refs-scope-a');
    expect(await list('refs-scope-b')).toEqual([]);
  });
});

describe('POST /api/v1/generate with referenceImageIds', () => {
  const generate = (channelId: string, body: object, headers: Record<string, string> = {}) =>
    studio.call('/api/v1/generate', {
      token: studio.token(channelId),
      body: { assetType: 'emote', prompt: 'my cat as a wizard', ...body },
      headers,
    });

  it('stores the named images on the job and shows them in its JSON', async () => {
    const channel = 'refs-gen-stored';
    const a = await uploaded(channel, { label: 'a' });
    const b = await uploaded(channel, { label: 'b' });
    const response = await generate(channel, { referenceImageIds: [b.id, a.id] });
    expect(response.status, await response.clone().text()).toBe(202);
    const job = (await response.json()) as { id: string; referenceImageIds?: string[] };
    expect(job.referenceImageIds).toEqual([b.id, a.id]);
    const read = (await (
      await studio.call(`/api/v1/jobs/${job.id}`, { token: studio.token(channel) })
    ).json()) as Record<string, unknown>;
    expect(read.referenceImageIds).toEqual([b.id, a.id]);
  });

  it('leaves referenceImageIds out of the job JSON when none were named', async () => {
    const channel = 'refs-gen-none';
    for (const body of [{}, { referenceImageIds: [] }]) {
      const response = await generate(channel, body);
      expect(response.status).toBe(202);
      expect(await response.json()).not.toHaveProperty('referenceImageIds');
    }
  });

  it.each([
    ['an unknown id', () => Promise.resolve([MISSING_ID])],
    ['another channel’s image', async () => [(await uploaded('refs-gen-theirs')).id]],
    ['an id that is not a uuid', () => Promise.resolve(['cat'])],
    ['the same image twice', async () => Array(2).fill((await uploaded('refs-gen-refused')).id)],
    [
      'five images',
      async () => Promise.all(Array.from({ length: 5 }, async () => (await uploaded('refs-gen-refused')).id)),
    ],
  ])('refuses %s with 400 naming referenceImageIds and queues nothing', async (_what, ids) => {
    const channel = 'refs-gen-refused';
    const referenceImageIds = await ids();
    const error = await expectApiError(await generate(channel, { referenceImageIds }), 400, 'INVALID_INPUT');
    expect(JSON.stringify(error.details)).toContain('referenceImageIds');
    const jobs = (await (await studio.call('/api/v1/jobs', { token: studio.token(channel) })).json()) as {
      items: unknown[];
    };
    expect(jobs.items).toEqual([]);
  });

  it('fingerprints an Idempotency-Key with the named images only when there are some', async () => {
    const channel = 'refs-gen-idempotent';
    const image = await uploaded(channel);
    const key = { 'Idempotency-Key': 'refs-key-1' };
    const first = await generate(channel, {}, key);
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };
    // An empty list is the same request as none; naming an image is a different one.
    const again = await generate(channel, { referenceImageIds: [] }, key);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(id);
    await expectApiError(
      await generate(channel, { referenceImageIds: [image.id] }, key),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    // A request without images is fingerprinted as before reference images existed.
    const [row] = await studio.database.db.select().from(jobs).where(eq(jobs.id, id));
    const before = createHash('sha256')
      .update(JSON.stringify(['emote', 'my cat as a wizard', null, 'private']))
      .digest('base64url');
    expect(row?.idempotencyFingerprint).toBe(before);

    const named = { 'Idempotency-Key': 'refs-key-2' };
    const withImage = await generate(channel, { referenceImageIds: [image.id] }, named);
    expect(withImage.status).toBe(202);
    const replay = await generate(channel, { referenceImageIds: [image.id] }, named);
    expect(replay.status).toBe(200);
    await expectApiError(await generate(channel, {}, named), 422, 'IDEMPOTENCY_KEY_REUSED');
  });
});

describePostgres('reference images under concurrency', ({ database }) => {
  let pg: TestStudio;
  beforeAll(async () => {
    pg = await createTestStudio({ worker: false, database: database() });
  });
  afterAll(() => pg.close());
  const pgFiles = async () => (await filesOn(pg.dataDir)).filter((file) => file.includes('references/'));

  const send = async (channelId: string, data: Buffer, query: Record<string, string>) =>
    pg.app.request(`/api/v1/reference-images?${new URLSearchParams(query)}`, {
      method: 'POST',
      body: new Uint8Array(data),
      headers: { Authorization: `Bearer ${pg.token(channelId)}`, 'Content-Type': 'image/png' },
    });

  it('lets exactly as many concurrent uploads in as the kit has room for', async () => {
    const channel = 'refs-pg-race';
    const kit = (await (
      await pg.call('/api/v1/brand-kits', { token: pg.token(channel), body: KIT })
    ).json()) as {
      id: string;
    };
    const data = await image('png');
    const before = await pgFiles();
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(channel, data, { label: `race ${i}`, brandKitId: kit.id }).then((r) => r.status),
      ),
    );
    expect(statuses.sort()).toEqual([...Array(6).fill(201), ...Array(4).fill(409)]);
    const rows = await pg.database.db
      .select()
      .from(referenceImages)
      .where(eq(referenceImages.brandKitId, kit.id));
    expect(rows).toHaveLength(6);
    // The refused uploads' files are gone too: only the six rows' files are left.
    const added = (await pgFiles()).filter((file) => !before.includes(file));
    expect(added.sort()).toEqual(rows.map((row) => `assets/private/${row.storageKey}`).sort());
  });

  it('a kit deleted while uploads to it run leaves no reference file behind', async () => {
    const channel = 'refs-pg-delete-race';
    const kit = (await (
      await pg.call('/api/v1/brand-kits', { token: pg.token(channel), body: KIT })
    ).json()) as {
      id: string;
    };
    const data = await image('png');
    const before = await pgFiles();
    const uploads = Array.from({ length: 5 }, (_, i) =>
      send(channel, data, { label: `r ${i}`, brandKitId: kit.id }),
    );
    const deleting = pg.call(`/api/v1/brand-kits/${kit.id}`, { method: 'DELETE', token: pg.token(channel) });
    const statuses = await Promise.all(uploads.map((r) => r.then((response) => response.status)));
    expect((await deleting).status).toBe(204);
    expect(statuses.every((status) => status === 201 || status === 400)).toBe(true);
    expect(
      await pg.database.db.select().from(referenceImages).where(eq(referenceImages.channelId, channel)),
    ).toEqual([]);
    expect(await pgFiles()).toEqual(before);
  });
});
