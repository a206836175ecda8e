import type { Credential, Role } from '../vocabulary/index.js';

/** Who is calling, resolved once by the auth middleware; every query is scoped to `channelId`. */
export interface Caller {
  readonly channelId: string;
  readonly role: Role;
  /** Twitch user id when the viewer shared it, or the opaque id. */
  readonly userId: string | null;
  /**
   * Who exactly is calling, stable across their requests: `token:<id>` for an API token,
   * `twitch:<opaque user id>` for an extension JWT. Rate limits and the audit trail key on it.
   */
  readonly principal: string;
  readonly via: Credential;
}
