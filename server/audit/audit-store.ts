import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Caller } from '../auth/caller.js';
import { type CursorPosition, type Page, pageSize, toPage } from '../db/cursor.js';
import type { Db } from '../db/database.js';
import { auditEvents } from '../db/schema.js';
import type { AuditAction, Credential, Role } from '../vocabulary/index.js';

/** One entry of a channel's audit trail: who did what to which thing, and when. */
export interface AuditEntry {
  readonly id: string;
  readonly channelId: string;
  readonly action: AuditAction;
  readonly principal: string;
  readonly role: Role;
  readonly via: Credential;
  readonly targetId: string | null;
  readonly details: Record<string, unknown> | null;
  readonly createdAt: Date;
}

type AuditRow = typeof auditEvents.$inferSelect;

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id.toString(),
    channelId: row.channelId,
    action: row.action,
    principal: row.principal,
    role: row.role,
    via: row.via,
    targetId: row.targetId,
    details: row.details,
    createdAt: row.at,
  };
}

/** Records that `caller` did `action` on their channel; in the change's own transaction, so neither happens alone. */
export async function recordAudit(
  db: Db,
  caller: Caller,
  action: AuditAction,
  targetId: string | null,
  details?: Record<string, unknown>,
): Promise<void> {
  await db.insert(auditEvents).values({
    channelId: caller.channelId,
    at: new Date(),
    action,
    principal: caller.principal,
    role: caller.role,
    via: caller.via,
    targetId,
    details: details ?? null,
  });
}

/** The channel's audit trail, newest first, a page at a time. */
export async function listAudit(
  db: Db,
  channelId: string,
  options: { limit?: number | undefined; after?: CursorPosition | undefined } = {},
): Promise<Page<AuditEntry>> {
  const size = pageSize(options.limit);
  const after = options.after;
  if (after && !/^\d{1,19}$/.test(after.id)) return { items: [], next: null };
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.channelId, channelId),
        after
          ? sql`(${auditEvents.at}, ${auditEvents.id}) < (${after.createdAt.toISOString()}::timestamptz, ${BigInt(after.id)})`
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(size + 1);
  return toPage(rows.map(toEntry), size);
}

/** Deletes entries older than `before`; the number deleted. */
export async function pruneAudit(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(auditEvents)
    .where(lt(auditEvents.at, before))
    .returning({ id: auditEvents.id });
  return deleted.length;
}
