import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestStudio, type TestStudio } from '../server/testing/test-studio.js';
import { createStudioClient, unwrap } from './api-client.js';
import type { FetchLike, TokenGetter } from './fetch-like.js';
import { StudioApiError } from './studio-api-error.js';

describe('createStudioClient against an in-process server', () => {
  let studio: TestStudio;
  const clientFor = (getToken: TokenGetter, fetch?: FetchLike) =>
    createStudioClient({
      baseUrl: 'http://studio.test',
      getToken,
      fetch: fetch ?? ((input, init) => studio.app.fetch(new Request(input, init))),
    });

  beforeAll(async () => {
    studio = await createTestStudio({});
  });
  afterAll(() => studio.close());

  it('queues a job and reads it back', async () => {
    const client = clientFor(() => studio.token('chan-queue'));
    const job = await unwrap(
      client.api.v1.generate.$post({
        header: {},
        json: { assetType: 'emote', prompt: 'a cat in sunglasses' },
      }),
    );
    expect(job).toMatchObject({ channelId: 'chan-queue', assetType: 'emote', status: 'queued', progress: 0 });

    const read = await unwrap(client.api.v1.jobs[':id'].$get({ param: { id: job.id } }));
    expect(read).toMatchObject({ id: job.id, prompt: 'a cat in sunglasses' });
  });

  it('lists the assets a job made once it completes', async () => {
    const client = clientFor(() => studio.token('chan-assets'));
    const job = await unwrap(
      client.api.v1.generate.$post({
        header: {},
        json: { assetType: 'sub_badge', prompt: 'a shield', visibility: 'public' },
      }),
    );
    await studio.settle('chan-assets', job.id);

    const { items } = await unwrap(client.api.v1.jobs[':id'].assets.$get({ param: { id: job.id } }));
    expect(items).toHaveLength(1);
    expect(items[0]!.files.map((f) => [f.width, f.height])).toEqual([
      [72, 72],
      [36, 36],
      [18, 18],
    ]);

    const gallery = await unwrap(client.api.v1.assets.$get({ query: { visibility: 'public' } }));
    expect(gallery.items.map((a) => a.id)).toEqual([items[0]!.id]);
    expect(gallery.nextCursor).toBeNull();
  });

  it('gives undefined for an answer without a body (204)', async () => {
    const client = clientFor(() => studio.token('chan-delete'));
    const job = await unwrap(
      client.api.v1.generate.$post({ header: {}, json: { assetType: 'panel', prompt: 'about me' } }),
    );
    await studio.settle('chan-delete', job.id);
    const { items } = await unwrap(client.api.v1.jobs[':id'].assets.$get({ param: { id: job.id } }));

    await expect(unwrap(client.api.v1.assets[':id'].$delete({ param: { id: items[0]!.id } }))).resolves.toBe(
      undefined,
    );
    await expect(
      unwrap(client.api.v1.assets[':id'].$get({ param: { id: items[0]!.id } })),
    ).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('throws StudioApiError NOT_FOUND for an unknown job id', async () => {
    const client = clientFor(() => studio.token('chan-errors'));
    const error = await unwrap(
      client.api.v1.jobs[':id'].$get({ param: { id: '0f8fad5b-d9cb-469f-a165-70867728950e' } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioApiError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', name: 'StudioApiError' });
  });

  it('throws StudioApiError INVALID_INPUT naming the field for a bad body', async () => {
    const client = clientFor(() => studio.token('chan-errors'));
    const error = await unwrap(
      client.api.v1.generate.$post({ header: {}, json: { assetType: 'emote', prompt: '' } }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
    expect((error as StudioApiError).message).toContain('prompt');
    expect((error as StudioApiError).details).toEqual([expect.objectContaining({ path: 'prompt' })]);
  });

  it('asks for the token before every request, so a renewed token is used at once', async () => {
    let token = studio.token('chan-first');
    const getToken = vi.fn(() => token);
    const client = clientFor(getToken);

    expect((await unwrap(client.api.v1.channel.$get())).id).toBe('chan-first');
    token = studio.token('chan-second');
    expect((await unwrap(client.api.v1.channel.$get())).id).toBe('chan-second');
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('waits for a token getter that is async', async () => {
    const client = clientFor(async () => studio.token('chan-async'));
    expect((await unwrap(client.api.v1.channel.$get())).id).toBe('chan-async');
  });

  it('throws UNEXPECTED_RESPONSE when a proxy answers with HTML instead of the API', async () => {
    const client = clientFor(
      () => 't',
      () =>
        new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const error = await unwrap(client.api.v1.channel.$get()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioApiError);
    expect(error).toMatchObject({
      status: 502,
      code: 'UNEXPECTED_RESPONSE',
      details: { contentType: 'text/html', body: '<html>Bad Gateway</html>' },
    });
    expect((error as Error).message).toContain('502');
  });

  it('throws NETWORK_ERROR, with the cause, when the request never gets an answer', async () => {
    const offline = new TypeError('fetch failed');
    const client = clientFor(
      () => 't',
      () => {
        throw offline;
      },
    );
    const error = await unwrap(client.api.v1.channel.$get()).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR', cause: offline });
  });
});
