import { StorageApiError, StorageClient } from '@supabase/storage-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageStandIn } from './storage-stand-in.js';

let standIn: StorageStandIn;
let client: StorageClient;

const clientWith = (key: string) =>
  new StorageClient(`${standIn.url}/storage/v1`, { apikey: key, Authorization: `Bearer ${key}` });

beforeEach(async () => {
  standIn = await StorageStandIn.start();
  client = clientWith(standIn.serviceKey);
  await client.createBucket('pub', { public: true, allowedMimeTypes: ['image/png'], fileSizeLimit: 100 });
  await client.createBucket('priv', { public: false });
});
afterEach(() => standIn.close());

const png = (text: string) => Buffer.from(text);
const upload = (bucket: string, path: string, text: string, upsert = false) =>
  client.from(bucket).upload(path, png(text), { contentType: 'image/png', upsert, cacheControl: '300' });

/** The error storage-js hands back, as the fields our driver branches on. */
function apiError(error: unknown) {
  expect(error).toBeInstanceOf(StorageApiError);
  const { status, statusCode, message } = error as StorageApiError;
  return { status, statusCode, message };
}

describe('the Storage stand-in, through @supabase/storage-js', () => {
  it('creates, reads, lists and updates buckets; a second create is a 409 Duplicate in an HTTP 400', async () => {
    expect((await client.getBucket('pub')).data).toMatchObject({
      id: 'pub',
      public: true,
      allowed_mime_types: ['image/png'],
      file_size_limit: 100,
    });
    expect((await client.listBuckets()).data?.map((b) => b.id).sort()).toEqual(['priv', 'pub']);
    expect(apiError((await client.createBucket('pub', { public: true })).error)).toEqual({
      status: 400,
      statusCode: '409',
      message: 'The resource already exists',
    });
    await client.updateBucket('pub', { public: false });
    expect(standIn.bucket('pub')).toMatchObject({ public: false, allowedMimeTypes: ['image/png'] });
  });

  it('answers a missing bucket with NoSuchBucket: HTTP 400, statusCode "404"', async () => {
    expect(apiError((await client.getBucket('nope')).error)).toEqual({
      status: 400,
      statusCode: '404',
      message: 'Bucket not found',
    });
    expect(apiError((await upload('nope', 'a.png', 'x')).error).statusCode).toBe('404');
  });

  it('uploads with content type and cache-control, refuses an existing path unless x-upsert, overwrites with it', async () => {
    expect((await upload('pub', 'ch/a.png', 'one')).data).toMatchObject({
      path: 'ch/a.png',
      fullPath: 'pub/ch/a.png',
    });
    expect(apiError((await upload('pub', 'ch/a.png', 'two')).error)).toEqual({
      status: 400,
      statusCode: '409',
      message: 'The resource already exists',
    });
    expect((await upload('pub', 'ch/a.png', 'two', true)).error).toBeNull();
    const response = await fetch(client.from('pub').getPublicUrl('ch/a.png').data.publicUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('max-age=300');
    expect(await response.text()).toBe('two');
  });

  it('enforces the bucket’s allowed MIME types and file size limit', async () => {
    const gif = await client.from('pub').upload('a.gif', png('x'), { contentType: 'image/gif' });
    expect(apiError(gif.error).statusCode).toBe('415');
    expect(apiError((await upload('pub', 'big.png', 'x'.repeat(101))).error).statusCode).toBe('413');
    expect(standIn.objectNames('pub')).toEqual([]);
  });

  it('downloads with the key, and answers a missing object with NoSuchKey', async () => {
    await upload('priv', 'ch/p.png', 'secret');
    const { data } = await client.from('priv').download('ch/p.png');
    expect(await data?.text()).toBe('secret');
    expect(apiError((await client.from('priv').download('ch/none.png')).error)).toEqual({
      status: 400,
      statusCode: '404',
      message: 'Object not found',
    });
  });

  it('serves a private bucket’s public URL as a missing bucket, and its signed URL until it expires', async () => {
    await upload('priv', 'ch/p.png', 'secret');
    const publicResponse = await fetch(client.from('priv').getPublicUrl('ch/p.png').data.publicUrl);
    expect(publicResponse.status).toBe(400);
    expect(await publicResponse.json()).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });

    const { data } = await client.from('priv').createSignedUrl('ch/p.png', 60);
    expect(await (await fetch(data!.signedUrl)).text()).toBe('secret');
    const other = data!.signedUrl.replace('ch/p.png', 'ch/q.png');
    expect(await (await fetch(other)).json()).toMatchObject({ statusCode: '400', code: 'InvalidJWT' });
    standIn.advanceClock(61_000);
    const expired = await fetch(data!.signedUrl);
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({
      statusCode: '400',
      code: 'InvalidJWT',
      message: 'jwt expired',
    });
  });

  it('moves across buckets: the old public URL then fails', async () => {
    await upload('pub', 'ch/m.png', 'm');
    const url = client.from('pub').getPublicUrl('ch/m.png').data.publicUrl;
    expect((await fetch(url)).status).toBe(200);
    expect(
      (await client.from('pub').move('ch/m.png', 'ch/m.png', { destinationBucket: 'priv' })).error,
    ).toBeNull();
    expect(await (await fetch(url)).json()).toMatchObject({ code: 'NoSuchKey' });
    expect(standIn.objectNames('priv')).toEqual(['ch/m.png']);
    const again = await client.from('pub').move('ch/m.png', 'ch/m.png', { destinationBucket: 'priv' });
    expect(apiError(again.error).statusCode).toBe('404');
  });

  it('removes by prefixes, skipping names that do not exist', async () => {
    await upload('priv', 'a.png', 'a');
    await upload('priv', 'b.png', 'b');
    const { data } = await client.from('priv').remove(['a.png', 'none.png']);
    expect(data?.map((o) => o.name)).toEqual(['a.png']);
    expect(standIn.objectNames('priv')).toEqual(['b.png']);
  });

  it('refuses a wrong apikey at the gateway (401) and a wrong Bearer token at the server', async () => {
    const wrong = clientWith('not-the-key');
    const { error } = await wrong.listBuckets();
    expect(apiError(error)).toMatchObject({ status: 401, message: 'Invalid API key' });
    const bearer = new StorageClient(`${standIn.url}/storage/v1`, {
      apikey: standIn.serviceKey,
      Authorization: 'Bearer nope',
    });
    expect(apiError((await bearer.listBuckets()).error).statusCode).toBe('403');
  });

  it('injects faults: scripted 500s for the next calls, a slow reply, a dropped connection', async () => {
    standIn.inject({
      kind: 'error',
      times: 2,
      match: (r) => r.method === 'POST' && r.path.startsWith('/object/pub/'),
    });
    expect(apiError((await upload('pub', 'a.png', 'a')).error)).toMatchObject({
      status: 500,
      statusCode: '500',
    });
    expect(apiError((await upload('pub', 'a.png', 'a')).error).statusCode).toBe('500');
    expect((await upload('pub', 'a.png', 'a')).error).toBeNull();

    standIn.inject({ kind: 'slow', delayMs: 300 });
    const started = performance.now();
    expect((await client.getBucket('pub')).error).toBeNull();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    standIn.inject({ kind: 'drop' });
    const dropped = await client.getBucket('pub');
    expect(dropped.error?.name).toBe('StorageUnknownError');
    expect((await client.getBucket('pub')).error).toBeNull();
  });

  it('lets a fault skip the first matching requests', async () => {
    standIn.inject({ kind: 'error', skip: 1, match: (r) => r.method === 'POST' });
    expect((await upload('pub', 'a.png', 'a')).error).toBeNull();
    expect(apiError((await upload('pub', 'b.png', 'b')).error).statusCode).toBe('500');
    expect((await upload('pub', 'b.png', 'b')).error).toBeNull();
  });
});
