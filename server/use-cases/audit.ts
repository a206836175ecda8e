import { type AuditEntry, listAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import type { CursorPosition, Page } from '../db/cursor.js';
import { authorize } from '../policy/index.js';
import type { Services } from './services.js';

/** The channel's audit trail, newest first: who generated, cancelled, published, deleted, changed what. */
export function readAudit(
  services: Services,
  caller: Caller,
  query: { limit?: number | undefined; after?: CursorPosition | undefined },
): Promise<Page<AuditEntry>> {
  authorize(caller, 'audit.read');
  return listAudit(services.database.db, caller.channelId, query);
}
