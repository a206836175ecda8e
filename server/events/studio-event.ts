import type { Visibility } from '../assets/asset.js';

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

/** One event as it is stored and sent: `id` grows monotonically, so a client resumes with Last-Event-ID. */
export interface StudioEvent {
  readonly id: string;
  readonly channelId: string;
  readonly type: EventType;
  /** Who on the channel may see it: viewers get `public` events only. */
  readonly audience: Visibility;
  /** The JSON body the client receives (the job or asset as the API shows it). */
  readonly data: unknown;
  readonly createdAt: Date;
}
