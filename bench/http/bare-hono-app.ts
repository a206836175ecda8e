/**
 * The baseline: a tiny Hono app on @hono/node-server answering a job-shaped JSON (and a file), in a process of
 * its own like the server, so every route's ratio compares two servers under the same load.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/** Bytes the size of the bench's emote PNG (13.8 KB), not text: what a file route sends. */
export const BARE_FILE_BYTES = 14_131;
const file = new Uint8Array(BARE_FILE_BYTES).map((_, i) => (i * 7919) % 251);

const app = new Hono()
  .get('/file', (c) =>
    c.body(file, 200, { 'Content-Type': 'image/png', 'Content-Length': String(file.byteLength) }),
  )
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/jobs/:id', (c) =>
    c.json({
      id: c.req.param('id'),
      channelId: 'local',
      assetType: 'emote',
      prompt: 'a bench cat',
      status: 'completed',
      progress: 100,
      retryCount: 0,
      createdAt: '2025-05-01T18:30:00.000Z',
      updatedAt: '2025-05-01T18:30:04.000Z',
      completedAt: '2025-05-01T18:30:04.000Z',
    }),
  );

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
