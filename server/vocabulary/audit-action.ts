/** What the audit trail records, one name per kind of change a caller makes. */
export const AUDIT_ACTIONS = [
  'job.create',
  'job.cancel',
  'pack.create',
  'pack.cancel',
  'asset.publish',
  'asset.hide',
  'asset.delete',
  'brand_kit.create',
  'brand_kit.update',
  'brand_kit.delete',
  'brand_kit.logo',
  'reference_image.create',
  'reference_image.delete',
  'token.create',
  'token.revoke',
  'channel.update',
  'twitch.connect',
  'twitch.disconnect',
  'chat.update',
  'reward.create',
  'reward.delete',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
