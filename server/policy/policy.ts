import type { Caller } from '../auth/caller.js';
import { ForbiddenError } from '../errors/index.js';
import type { Role } from '../vocabulary/index.js';

/** Everything a caller may ask to do on their channel. */
export const ACTIONS = [
  'job.create',
  'job.read',
  'job.cancel',
  'asset.read_public',
  'asset.read_private',
  'asset.change_visibility',
  'asset.delete',
  'brand_kit.read',
  'brand_kit.write',
  'reference_image.read',
  'reference_image.write',
  'token.read',
  'token.create',
  'token.revoke',
  'channel.read',
  'channel.write',
  'audit.read',
  'twitch.connect',
  'twitch.read',
  'twitch.disconnect',
] as const;

export type Action = (typeof ACTIONS)[number];

/**
 * `yes`, `no`, `jwt` (yes, but only through the Twitch extension JWT: an API token cannot mint or
 * manage tokens, so a leaked one cannot outlive its revocation), or `setting` (yes when the
 * channel lets moderators generate).
 */
export type Rule = 'yes' | 'no' | 'jwt' | 'setting';

/** The channel settings the policy reads. */
export interface PolicySettings {
  readonly allowModeratorGenerate: boolean;
}

/** Who may do what: the one table every route and use case asks. */
export const POLICY: Readonly<Record<Action, Readonly<Record<Role, Rule>>>> = {
  'job.create': { broadcaster: 'yes', moderator: 'setting', viewer: 'no' },
  'job.read': { broadcaster: 'yes', moderator: 'yes', viewer: 'no' },
  'job.cancel': { broadcaster: 'yes', moderator: 'yes', viewer: 'no' },
  'asset.read_public': { broadcaster: 'yes', moderator: 'yes', viewer: 'yes' },
  'asset.read_private': { broadcaster: 'yes', moderator: 'yes', viewer: 'no' },
  'asset.change_visibility': { broadcaster: 'yes', moderator: 'no', viewer: 'no' },
  'asset.delete': { broadcaster: 'yes', moderator: 'no', viewer: 'no' },
  'brand_kit.read': { broadcaster: 'yes', moderator: 'yes', viewer: 'no' },
  'brand_kit.write': { broadcaster: 'yes', moderator: 'no', viewer: 'no' },
  // Photos of the streamer's pet or family: only the broadcaster sees or sends them.
  'reference_image.read': { broadcaster: 'yes', moderator: 'no', viewer: 'no' },
  'reference_image.write': { broadcaster: 'yes', moderator: 'no', viewer: 'no' },
  'token.read': { broadcaster: 'yes', moderator: 'no', viewer: 'no' },
  'token.create': { broadcaster: 'jwt', moderator: 'no', viewer: 'no' },
  'token.revoke': { broadcaster: 'jwt', moderator: 'no', viewer: 'no' },
  'channel.read': { broadcaster: 'yes', moderator: 'yes', viewer: 'no' },
  'channel.write': { broadcaster: 'yes', moderator: 'no', viewer: 'no' },
  'audit.read': { broadcaster: 'yes', moderator: 'no', viewer: 'no' },
  // Handing the channel's Twitch account to the server is the broadcaster's own act, never a script's.
  'twitch.connect': { broadcaster: 'jwt', moderator: 'no', viewer: 'no' },
  'twitch.read': { broadcaster: 'yes', moderator: 'yes', viewer: 'no' },
  'twitch.disconnect': { broadcaster: 'yes', moderator: 'no', viewer: 'no' },
};

/** Why a refusal happened, in words for the caller. */
const REFUSALS: Readonly<Record<Exclude<Rule, 'yes'>, string>> = {
  no: 'your role on this channel may not do this',
  jwt: 'API tokens cannot do this (manage API tokens, connect Twitch); use the extension as the broadcaster',
  setting: 'the broadcaster has not allowed moderators to generate on this channel',
};

/** True when the rule for `action` needs the channel's settings to decide. */
export function needsSettings(caller: Caller, action: Action): boolean {
  return POLICY[action][caller.role] === 'setting';
}

function decide(caller: Caller, action: Action, settings: PolicySettings | null): Rule | 'yes' {
  const rule = POLICY[action][caller.role];
  if (rule === 'jwt') return caller.via === 'extension_jwt' ? 'yes' : 'jwt';
  if (rule === 'setting') return settings?.allowModeratorGenerate ? 'yes' : 'setting';
  return rule;
}

/** Whether `caller` may do `action`; `settings` is read only for rules that depend on the channel. */
export function can(caller: Caller, action: Action, settings: PolicySettings | null = null): boolean {
  return decide(caller, action, settings) === 'yes';
}

/** Throws `ForbiddenError`, saying why, unless `caller` may do `action`. */
export function authorize(caller: Caller, action: Action, settings: PolicySettings | null = null): void {
  const decision = decide(caller, action, settings);
  if (decision !== 'yes') throw new ForbiddenError(REFUSALS[decision]);
}
