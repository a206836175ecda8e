import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { InvalidInputError } from '../errors/index.js';

/** Where a newest-first page ended: the last row's creation time and id. */
export interface CursorPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/** One page of a list, and where the next one starts (`null` on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly next: CursorPosition | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The page size asked for, checked against 1..100; 20 when none is given. */
export function pageSize(limit: number | undefined): number {
  const size = limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`, { limit });
  }
  return size;
}

/** Rows strictly after `position` in newest-first (created_at, id) order. */
export function afterPosition(createdAt: PgColumn, id: PgColumn, position: CursorPosition): SQL {
  return sql`(${createdAt}, ${id}) < (${position.createdAt.toISOString()}::timestamptz, ${position.id})`;
}

/** Turns `size + 1` fetched rows into a page: the extra row only says that another page exists. */
export function toPage<T extends CursorPosition>(rows: T[], size: number): Page<T> {
  const items = rows.slice(0, size);
  const last = items.at(-1);
  return { items, next: rows.length > size && last ? { createdAt: last.createdAt, id: last.id } : null };
}
