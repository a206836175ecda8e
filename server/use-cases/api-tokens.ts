import { recordAudit } from '../audit/index.js';
import {
  type ApiTokenRecord,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../auth/api-token-store.js';
import type { Caller } from '../auth/caller.js';
import { ensureChannel } from '../channels/channel-store.js';
import { NotFoundError } from '../errors/index.js';
import { authorize } from '../policy/index.js';
import type { Role } from '../vocabulary/index.js';
import type { Services } from './services.js';

/** Makes an API token for the channel; the token itself is returned once and never again. */
export async function createToken(
  services: Services,
  caller: Caller,
  request: { name: string; role: Role },
): Promise<{ token: string; record: ApiTokenRecord }> {
  authorize(caller, 'token.create');
  const db = services.database.db;
  await ensureChannel(db, caller.channelId);
  return db.transaction(async (tx) => {
    const made = await createApiToken(tx, caller.channelId, request);
    await recordAudit(tx, caller, 'token.create', made.record.id, { name: request.name, role: request.role });
    return made;
  });
}

/** The channel's API tokens (never the tokens themselves). */
export function readTokens(services: Services, caller: Caller): Promise<ApiTokenRecord[]> {
  authorize(caller, 'token.read');
  return listApiTokens(services.database.db, caller.channelId);
}

/** Revokes one of the channel's API tokens; it stops working at once. */
export async function revokeToken(services: Services, caller: Caller, id: string): Promise<ApiTokenRecord> {
  authorize(caller, 'token.revoke');
  return services.database.db.transaction(async (tx) => {
    const record = await revokeApiToken(tx, caller.channelId, id);
    if (!record) throw new NotFoundError('no such API token on this channel');
    await recordAudit(tx, caller, 'token.revoke', id, { name: record.name });
    return record;
  });
}
