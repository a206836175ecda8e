import { and, eq, gt, lt } from 'drizzle-orm';
import type { Visibility } from '../assets/asset.js';
import type { Db } from '../db/database.js';
import { events } from '../db/schema.js';
import { InvalidInputError } from '../errors/index.js';
import type { EventType, StudioEvent } from './studio-event.js';

/** An event to append to a channel's stream. */
export interface NewEvent {
  readonly channelId: string;
  readonly type: EventType;
  readonly audience: Visibility;
  readonly data: unknown;
}

type EventRow = typeof events.$inferSelect;

function toEvent(row: EventRow): StudioEvent {
  return {
    id: row.id.toString(),
    channelId: row.channelId,
    type: row.type,
    audience: row.audience,
    data: row.data,
    createdAt: row.createdAt,
  };
}

/** Appends an event; in a transaction it appears only if the change it describes commits. */
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
  return toEvent(row!);
}

/** One stored event by id, or null once it has been pruned. */
export async function getEvent(db: Db, id: string): Promise<StudioEvent | null> {
  const [row] = await db
    .select()
    .from(events)
    .where(eq(events.id, eventId(id)));
  return row ? toEvent(row) : null;
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
