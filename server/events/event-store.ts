import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { events } from '../db/schema.js';
import { InvalidInputError } from '../errors/index.js';
import type { EventType } from '../vocabulary/index.js';
import type { NewEvent, StudioEvent } from './studio-event.js';

/** The Postgres NOTIFY channel on which every stored event is announced, on commit. */
export const EVENTS_NOTIFY_CHANNEL = 'studio_events';

type EventRow = typeof events.$inferSelect;

function toEvent(row: EventRow): StudioEvent {
  return {
    id: row.id.toString(),
    channelId: row.channelId,
    type: row.type,
    audience: row.audience,
    data: row.data,
    createdAt: row.createdAt,
  } as StudioEvent;
}

/** What a NOTIFY on `EVENTS_NOTIFY_CHANNEL` says: enough to decide whether to read the event. */
export interface EventAnnouncement {
  readonly id: string;
  readonly type: EventType;
  readonly channelId: string;
}

/** Reads an announcement's payload; null for one this version did not write. */
export function parseAnnouncement(payload: string): EventAnnouncement | null {
  const match = /^(\d{1,19}) ([a-z]+\.[a-z]+) (.+)$/s.exec(payload);
  if (!match) return null;
  return { id: match[1]!, type: match[2] as EventType, channelId: match[3]! };
}

/**
 * Appends an event and announces it with NOTIFY. Called inside the transaction of the change it
 * describes, so the change, its event and the announcement commit together or not at all.
 */
export async function appendEvent(db: Db, event: NewEvent): Promise<StudioEvent> {
  const [row] = await db
    .insert(events)
    .values({
      channelId: event.channelId,
      type: event.type,
      audience: event.audience,
      data: event.data,
      createdAt: new Date(),
    })
    .returning();
  const stored = toEvent(row!);
  const payload = `${stored.id} ${stored.type} ${stored.channelId}`;
  await db.execute(sql`select pg_notify(${EVENTS_NOTIFY_CHANNEL}, ${payload})`);
  return stored;
}

/** Stored events by id, in the order of `ids`; pruned ones are left out. */
export async function getEvents(db: Db, ids: readonly string[]): Promise<StudioEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(events)
    .where(inArray(events.id, ids.map(eventId)));
  const byId = new Map(rows.map((row) => [row.id.toString(), toEvent(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function eventId(afterId: string): bigint {
  if (!/^\d{1,19}$/.test(afterId))
    throw new InvalidInputError('an event id is a decimal number', { afterId });
  return BigInt(afterId);
}

/**
 * The channel's events after `afterId` ("0" for all), oldest first. `audience: 'public'` leaves
 * out what viewers may not see.
 */
export async function eventsSince(
  db: Db,
  channelId: string,
  afterId: string,
  options: { audience: 'public' | 'all'; limit: number },
): Promise<StudioEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        eq(events.channelId, channelId),
        gt(events.id, eventId(afterId)),
        options.audience === 'public' ? eq(events.audience, 'public') : undefined,
      ),
    )
    .orderBy(events.id)
    .limit(options.limit);
  return rows.map(toEvent);
}

/** Deletes events older than `olderThanMs`; the number deleted. */
export async function pruneEvents(db: Db, olderThanMs: number, now: Date = new Date()): Promise<number> {
  const deleted = await db
    .delete(events)
    .where(lt(events.createdAt, new Date(now.getTime() - olderThanMs)))
    .returning({ id: events.id });
  return deleted.length;
}
