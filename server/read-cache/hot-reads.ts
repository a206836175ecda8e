import type { EventAnnouncement } from '../events/event-store.js';
import type { Job } from '../jobs/job.js';
import type { EventType } from '../vocabulary/index.js';
import { BoundedCache } from './bounded-cache.js';
import type { RenderedAnswer } from './rendered-answer.js';

/**
 * A public file as `/asset/:id` answers it: the bytes here, the storage host's URL to redirect to,
 * or a public asset that has no file of the size asked for.
 */
export type PublicFile =
  | {
      readonly kind: 'bytes';
      readonly data: Uint8Array<ArrayBuffer>;
      readonly contentType: string;
      readonly etag: string;
    }
  | { readonly kind: 'redirect'; readonly url: string }
  | { readonly kind: 'absent' };

/** What `HotReads` needs of the event hub: every announcement of a type, as it is heard. */
export interface Announcements {
  subscribeAnnouncements(type: EventType, listener: (announced: EventAnnouncement) => void): () => void;
  /** Calls `listener` whenever announcements may have been missed (the listening connection came back). */
  onMissedAnnouncements(listener: () => void): () => void;
}

/** How long an entry may live if its channel's announcements stopped arriving unnoticed. */
const MAX_AGE_MS = 60_000;
/** Public files kept in memory: enough for a channel's emotes, badges and panels many times over. */
const PUBLIC_FILE_BYTES = 64 * 1024 * 1024;

/** The announcements of a change to a job: its status, progress, or a new one. */
export const JOB_EVENTS = [
  'job.queued',
  'job.progress',
  'job.completed',
  'job.failed',
  'job.cancelled',
] as const;
const ASSET_EVENTS = ['asset.created', 'asset.updated', 'asset.deleted'] as const;

/**
 * The server's hot reads, from memory: job status (what the panel polls), the public gallery and
 * public asset JSON (what every viewer of a channel loads), and public files (what OBS, chat links
 * and the panel's images fetch). Each change to a channel is announced on commit (NOTIFY, heard by
 * every server process), and the announcement drops what it made stale before the event is even
 * read, so whoever learns of a change (an SSE event, a chat reply, the answer to their own write:
 * see `hearOwnWrites`) reads it on their next request.
 */
export class HotReads {
  readonly jobs = new BoundedCache<Job>({ maxEntries: 10_000, maxAgeMs: MAX_AGE_MS });
  readonly galleries = new BoundedCache<RenderedAnswer>({ maxEntries: 2_000, maxAgeMs: MAX_AGE_MS });
  readonly publicAssets = new BoundedCache<RenderedAnswer>({ maxEntries: 10_000, maxAgeMs: MAX_AGE_MS });
  readonly publicFiles = new BoundedCache<PublicFile>({
    maxEntries: 10_000,
    maxWeight: PUBLIC_FILE_BYTES,
    weigh: (file) =>
      file.kind === 'bytes' ? file.data.length : file.kind === 'redirect' ? file.url.length : 0,
    maxAgeMs: MAX_AGE_MS,
  });

  constructor(announcements: Announcements) {
    const assetCaches = [this.galleries, this.publicAssets, this.publicFiles];
    // Followed for the hub's lifetime, which is the server's.
    for (const type of JOB_EVENTS)
      announcements.subscribeAnnouncements(type, ({ channelId }) => this.jobs.forgetChannel(channelId));
    for (const type of ASSET_EVENTS)
      announcements.subscribeAnnouncements(type, ({ channelId }) => {
        for (const cache of assetCaches) cache.forgetChannel(channelId);
      });
    announcements.onMissedAnnouncements(() => this.clear());
  }

  /** Drops everything cached. */
  clear(): void {
    for (const cache of [this.jobs, this.galleries, this.publicAssets, this.publicFiles]) cache.clear();
  }
}
