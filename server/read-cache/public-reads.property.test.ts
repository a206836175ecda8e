import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAsset } from '../assets/asset-store.js';
import { toAssetView } from '../assets/asset-view.js';
import { assetSpec } from '../catalogue/index.js';
import { jobs } from '../db/schema.js';
import { appendEvent } from '../events/event-store.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import type { Visibility } from '../vocabulary/index.js';

let studio: TestStudio;
let png: Buffer;
beforeAll(async () => {
  studio = await createTestStudio({ worker: false });
  png = await sharp({ create: { width: 4, height: 4, channels: 4, background: '#f0f' } })
    .png()
    .toBuffer();
});
afterAll(() => studio.close());

/** An emote as the worker leaves it: job, files, asset row and `asset.created`, committed together. */
async function made(channelId: string, visibility: Visibility): Promise<string> {
  const id = randomUUID();
  const files = assetSpec('emote').sizes.map((size) => ({
    ...size,
    bytes: png.length,
    contentType: 'image/png',
    storageKey: `assets/${id}/${size.width}x${size.height}.png`,
  }));
  for (const file of files)
    await studio.storage.put({ key: file.storageKey, data: png, contentType: 'image/png', visibility });
  await studio.database.db.transaction(async (tx) => {
    const jobId = randomUUID();
    await tx.insert(jobs).values({
      id: jobId,
      channelId,
      assetType: 'emote',
      prompt: 'x',
      visibility,
      status: 'completed',
    });
    const asset = await insertAsset(tx, { id, jobId, channelId, assetType: 'emote', visibility, files });
    await appendEvent(tx, {
      channelId,
      type: 'asset.created',
      audience: visibility,
      data: await toAssetView(asset, studio.storage),
    });
  });
  return id;
}

type Write =
  | { kind: 'publish' | 'hide' | 'delete'; slot: number }
  | { kind: 'create'; visibility: Visibility };
/** Who reads the gallery: anyone on the public route (with gzip or without), or a viewer's token on the API. */
type Reader = 'anyone' | 'anyone, gzip' | 'viewer';
type Read = { kind: 'gallery'; as: Reader } | { kind: 'asset' | 'file'; slot: number };

const slot = fc.nat({ max: 7 });
const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constantFrom('publish' as const, 'hide' as const, 'delete' as const), slot }),
  fc.record({
    kind: fc.constant('create' as const),
    visibility: fc.constantFrom<Visibility>('public', 'private'),
  }),
);
const read: fc.Arbitrary<Read> = fc.oneof(
  fc.record({
    kind: fc.constant('gallery' as const),
    as: fc.constantFrom<Reader>('anyone', 'anyone, gzip', 'viewer'),
  }),
  fc.record({ kind: fc.constantFrom('asset' as const, 'file' as const), slot }),
);
/** Steps that run at once: reads in flight while writes commit, in any order the runtime picks. */
const group = fc.array(fc.oneof(write, read), { minLength: 1, maxLength: 4 });

describe('public reads from memory, under any interleaving of changes', () => {
  it('never list or serve an asset that stayed private, and are exact once the changes are answered', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(group, { minLength: 1, maxLength: 5 }), async (groups) => {
        const channelId = `prop-${run++}`;
        const token = studio.token(channelId);
        // The model: every asset made, and which are public.
        const all: string[] = [await made(channelId, 'public'), await made(channelId, 'private')];
        const isPublic = new Map(all.map((id, i) => [id, i === 0]));
        const deleted = new Set<string>();
        const seenEtags = new Map<string, string>(); // gallery ETag → the public set it was given for

        const gallery = async (as: Reader = 'anyone') => {
          const response =
            as === 'viewer'
              ? await studio.call('/api/v1/assets?limit=100', { token: studio.token(channelId, 'viewer') })
              : await studio.app.request(`/public/v1/channels/${channelId}/assets?limit=100`, {
                  headers: as === 'anyone, gzip' ? { 'Accept-Encoding': 'gzip' } : {},
                });
          expect(response.status).toBe(200);
          const bytes = Buffer.from(await response.arrayBuffer());
          const text = response.headers.get('content-encoding') === 'gzip' ? gunzipSync(bytes) : bytes;
          const ids = (JSON.parse(text.toString()) as { items: { id: string }[] }).items.map((a) => a.id);
          return { ids, etag: response.headers.get('etag')! };
        };
        const served = async (kind: 'asset' | 'file', id: string) => {
          const path = kind === 'asset' ? `/public/v1/assets/${id}` : `/asset/${id}?size=56x56`;
          const { status } = await studio.app.request(path);
          expect([200, 404]).toContain(status);
          return status === 200;
        };

        for (const steps of groups) {
          // At most one write per asset in a group, so the state after it is known.
          const targeted = new Set<string>();
          const writes: Promise<void>[] = [];
          const reads: Promise<string[]>[] = [];
          const everPublic = new Set([...isPublic].filter(([, shown]) => shown).map(([id]) => id));
          for (const step of steps) {
            if (step.kind === 'create') {
              writes.push(
                made(channelId, step.visibility).then((id) => {
                  all.push(id);
                  isPublic.set(id, step.visibility === 'public');
                  // Public from the moment it commits, which may be before a concurrent read ends.
                  if (step.visibility === 'public') everPublic.add(id);
                }),
              );
              continue;
            }
            if (step.kind === 'gallery') {
              reads.push(gallery(step.as).then(({ ids }) => ids));
              continue;
            }
            const id = all[step.slot % all.length]!;
            if (step.kind === 'asset' || step.kind === 'file') {
              reads.push(served(step.kind, id).then((shown) => (shown ? [id] : [])));
              continue;
            }
            if (targeted.has(id) || deleted.has(id)) continue;
            targeted.add(id);
            if (step.kind === 'publish') everPublic.add(id);
            const visibility = step.kind === 'publish' ? 'public' : 'private';
            const answer =
              step.kind === 'delete'
                ? studio.call(`/api/v1/assets/${id}`, { method: 'DELETE', token })
                : studio.call(`/api/v1/assets/${id}/visibility`, {
                    method: 'PUT',
                    body: { visibility },
                    token,
                  });
            writes.push(
              Promise.resolve(answer).then((response) => {
                expect(response.status).toBe(step.kind === 'delete' ? 204 : 200);
                if (step.kind === 'delete') {
                  deleted.add(id);
                  isPublic.set(id, false);
                } else isPublic.set(id, visibility === 'public');
              }),
            );
          }
          await Promise.all(writes);
          // Whatever a read overlapped, it showed only assets that were public at some moment of it.
          for (const ids of await Promise.all(reads))
            for (const id of ids)
              expect(everPublic.has(id), `${id} was private throughout, yet shown`).toBe(true);

          // Every change is answered: each read now is exact.
          const now = await gallery();
          const expected = all.filter((id) => isPublic.get(id));
          expect(new Set(now.ids)).toEqual(new Set(expected));
          expect(new Set((await gallery('viewer')).ids)).toEqual(new Set(expected));
          for (const id of all) {
            expect(await served('asset', id), `public asset ${id}`).toBe(isPublic.get(id));
            expect(await served('file', id), `file of ${id}`).toBe(isPublic.get(id));
          }
          // An ETag given for another set of public assets never gets a 304.
          const key = [...expected].sort().join(',');
          for (const [etag, givenFor] of seenEtags) {
            const conditional = await studio.app.request(
              `/public/v1/channels/${channelId}/assets?limit=100`,
              {
                headers: { 'If-None-Match': etag },
              },
            );
            expect(conditional.status).toBe(givenFor === key ? 304 : 200);
          }
          seenEtags.set(now.etag, key);
        }
      }),
      { numRuns: 100 },
    );
  }, 180_000);
});
