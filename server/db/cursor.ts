import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { InvalidInputError } from '../errors/index.js';

/** Where a newest-first page ended: the last row's creation time and id. */
export interface CursorPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/** One page of a list, and the cursor for the next one (`null` on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** An opaque base64url token for a position. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

/** The position a cursor names; `InvalidInputError` for anything this module did not make. */
export function decodeCursor(cursor: string): CursorPosition {
  const invalid = () => new InvalidInputError('the cursor is not one this server handed out', { cursor });
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [iso, id] = parsed as unknown[];
  if (typeof iso !== 'string' || typeof id !== 'string' || id.length === 0) throw invalid();
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) throw invalid();
  return { createdAt, id };
}

/** The page size asked for, checked against 1..100; 20 when none is given. */
export function pageSize(limit: number | undefined): number {
  const size = limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`, { limit });
  }
  return size;
}

/** Rows strictly after `cursor` in newest-first (created_at, id) order. */
export function afterCursor(createdAt: PgColumn, id: PgColumn, cursor: string): SQL {
  const position = decodeCursor(cursor);
  return sql`(${createdAt}, ${id}) < (${position.createdAt.toISOString()}::timestamptz, ${position.id})`;
}

/** Turns `size + 1` fetched rows into a page: the extra row only says that another page exists. */
export function toPage<T extends CursorPosition>(rows: T[], size: number): Page<T> {
  const items = rows.slice(0, size);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > size && last ? encodeCursor(last) : null };
}
