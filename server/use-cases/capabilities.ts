import type { Caller } from '../auth/caller.js';
import { getChannel } from '../channels/channel-store.js';
import { ACTIONS, type Action, can, needsSettings } from '../policy/index.js';
import type { Role } from '../vocabulary/index.js';
import type { Services } from './services.js';

/** Who the caller is on their channel, and every action the policy lets them take there. */
export interface Capabilities {
  readonly channelId: string;
  readonly role: Role;
  readonly permissions: Readonly<Record<Action, boolean>>;
}

/**
 * The policy's answers for this caller, so a face shows only what the server would allow (the
 * server still decides each request). Reads the channel's settings only when a rule depends on them.
 */
export async function readCapabilities(services: Services, caller: Caller): Promise<Capabilities> {
  const settings = ACTIONS.some((action) => needsSettings(caller, action))
    ? await getChannel(services.database.db, caller.channelId)
    : null;
  const permissions = Object.fromEntries(ACTIONS.map((action) => [action, can(caller, action, settings)]));
  return {
    channelId: caller.channelId,
    role: caller.role,
    permissions: permissions as Record<Action, boolean>,
  };
}
