import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../app-deps.js';
import type { StudioEvent } from '../events/studio-event.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { closeStreamLease, openStreamLease, renewStreamLease } from '../limits/index.js';
import { authorize, can } from '../policy/index.js';
import { ERRORS, security } from './schemas.js';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

/** Ids remembered per stream to drop duplicates; far more than replay and live can overlap by. */
const SENT_IDS_KEPT = 1000;

/** The largest id Postgres' bigint holds: a larger Last-Event-ID was never handed out. */
const MAX_EVENT_ID = 9_223_372_036_854_775_807n;

const EventId = z
  .string()
  .regex(/^\d{1,19}$/, 'an event id is a decimal number')
  .refine((id) => !/^\d+$/.test(id) || BigInt(id) <= MAX_EVENT_ID, 'no event has an id this large')
  .openapi({ example: '1042' });

const route = createRoute({
  method: 'get',
  path: '/events',
  summary: 'Server-Sent Events for the caller’s channel',
  description:
    'Job and asset events (`job.queued`, `job.progress`, `job.completed`, `job.failed`, `job.cancelled`, ' +
    '`asset.created`, `asset.updated`, `asset.deleted`), each with an id. Reconnect with `Last-Event-ID` ' +
    '(EventSource does it by itself) to be sent what was missed in the last minutes. Viewers receive ' +
    'public events only. EventSource cannot send headers: pass the token as `?token=`.',
  security,
  request: {
    headers: z.object({ 'last-event-id': EventId.optional() }),
    query: z.object({ token: z.string().optional(), lastEventId: EventId.optional() }),
  },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...ERRORS,
  },
});

/** `GET /events`: replays what a reconnecting client missed, then streams live events. */
export function eventRoutes(deps: AppDeps, options: { heartbeatMs?: number } = {}) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
    const caller = c.get('caller');
    authorize(caller, 'asset.read_public');
    const audience = can(caller, 'asset.read_private') ? 'all' : 'public';
    const visible = (event: StudioEvent) => audience === 'all' || event.audience === 'public';
    const lastEventId = c.req.valid('header')['last-event-id'] ?? c.req.valid('query').lastEventId;
    // Hono answers HEAD with the GET handler's headers and drops its body unread: a stream opened
    // here would never see an abort, and would hold its lease and subscription for good.
    if (c.req.method === 'HEAD') return c.body(null, 200, { 'Content-Type': 'text/event-stream' });
    const db = deps.database.db;
    // Counted across every server process; a 429 here is a plain JSON answer, before any stream starts.
    const lease = await openStreamLease(db, caller.principal, deps.limits.eventStreamsPerPrincipal);

    return streamSSE(
      c,
      async (stream) => {
        // Subscribe before reading the backlog, so nothing published in between is lost; ids dedupe.
        const live: StudioEvent[] = [];
        let wake: (() => void) | undefined;
        const unsubscribe = deps.events.subscribe(caller.channelId, (event) => {
          if (!visible(event)) return;
          live.push(event);
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        // Duplicates are found by id, not by "not newer": events other server processes announce
        // can arrive out of id order, and an older id may still be news to this client.
        const sent = new Set<string>();
        const send = async (event: StudioEvent) => {
          if (sent.has(event.id)) return;
          sent.add(event.id);
          if (sent.size > SENT_IDS_KEPT) sent.delete(sent.values().next().value!);
          await stream.writeSSE({ id: event.id, event: event.type, data: JSON.stringify(event.data) });
        };
        try {
          await stream.writeSSE({
            event: 'ready',
            data: JSON.stringify({ channelId: caller.channelId }),
            retry: 2000,
          });
          if (lastEventId)
            for (const event of await deps.events.replay(caller.channelId, lastEventId, audience))
              await send(event);
          const heartbeat = setInterval(() => {
            void stream.write(': keep-alive\n\n');
            void renewStreamLease(db, lease).catch((err) =>
              deps.logger.warn({ err }, 'renewing a stream lease failed'),
            );
          }, options.heartbeatMs ?? HEARTBEAT_MS);
          try {
            while (!stream.aborted) {
              while (live.length > 0) await send(live.shift()!);
              await new Promise<void>((resolve) => {
                wake = resolve;
              });
              wake = undefined;
            }
          } finally {
            clearInterval(heartbeat);
          }
        } finally {
          unsubscribe();
          await closeStreamLease(db, lease).catch((err) =>
            deps.logger.warn({ err }, 'closing a stream lease failed'),
          );
        }
      },
      // Errors inside an open stream go to the JSON log, never raw to stderr.
      async (err) => {
        deps.logger.warn({ err, channelId: caller.channelId }, 'event stream failed');
      },
    );
  });
}
