import type { StudioEventMap } from '../server/events/studio-event.js';

export type StudioEventType = keyof StudioEventMap;

/** One event of a channel's stream, narrowed by `type`: `if (e.type === 'job.completed') e.data.status`. */
export type StudioStreamEvent = {
  [K in StudioEventType]: { readonly id: string; readonly type: K; readonly data: StudioEventMap[K] };
}[StudioEventType];

// Typed against the server's map, so an event name added there fails to compile here until handled.
const EVENT_TYPES: Record<StudioEventType, true> = {
  'job.queued': true,
  'job.progress': true,
  'job.completed': true,
  'job.failed': true,
  'job.cancelled': true,
  'asset.created': true,
  'asset.updated': true,
  'asset.deleted': true,
};

/** True for the event names this client knows how to type; others (from a newer server) are skipped. */
export function isStudioEventType(name: string): name is StudioEventType {
  return Object.hasOwn(EVENT_TYPES, name);
}
