/** The event names of DESIGN.md; every job and asset change is one of these on its channel's stream. */
export const EVENT_TYPES = [
  'job.queued',
  'job.progress',
  'job.completed',
  'job.failed',
  'job.cancelled',
  'asset.created',
  'asset.updated',
  'asset.deleted',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
