import type { AssetView } from '../assets/asset-view.js';
import type { JobView } from '../jobs/job-view.js';
import type { EventType, Visibility } from '../vocabulary/index.js';

/** What an asset event says when the asset was hidden: viewers learn only that it left the gallery. */
export interface AssetHidden {
  readonly id: string;
  readonly visibility: 'private';
}

/** Each event name with the JSON body its clients receive: the one map the server and the clients share. */
export interface StudioEventMap {
  'job.queued': JobView;
  'job.progress': JobView;
  'job.completed': JobView;
  'job.failed': JobView;
  'job.cancelled': JobView;
  'asset.created': AssetView;
  'asset.updated': AssetView | AssetHidden;
  'asset.deleted': { readonly id: string };
}

// Every event name has a payload, and the map names nothing else.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _mapCoversEveryEvent: Exact<keyof StudioEventMap, EventType> = true;
void _mapCoversEveryEvent;

/** An event to append to a channel's stream. */
export type NewEvent = {
  [K in EventType]: {
    readonly channelId: string;
    readonly type: K;
    /** Who on the channel may see it: viewers get `public` events only. */
    readonly audience: Visibility;
    /** The JSON body the client receives (the job or asset as the API shows it). */
    readonly data: StudioEventMap[K];
  };
}[EventType];

/** One event as it is stored and sent: `id` grows monotonically, so a client resumes with Last-Event-ID. */
export type StudioEvent = NewEvent & {
  readonly id: string;
  readonly createdAt: Date;
};
