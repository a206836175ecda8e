import type { EventStreamStatus } from '../../../client/index.js';
import type { SceneSyncStatus } from '../obs/scene-sync.js';

/** The dot's colour: all well, on its way (connecting, reconnecting), or stuck until someone acts. */
export type StatusTone = 'good' | 'waiting' | 'bad';

/** What the dot shows: its colour, and the words beside it. */
export interface StatusSummary {
  readonly tone: StatusTone;
  readonly words: string;
}

const SETUP_HINT = 'make a new one at /overlay/setup';
const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} s`;

function streamPart(status: EventStreamStatus): StatusSummary {
  switch (status.state) {
    case 'open':
      return { tone: 'good', words: 'Live' };
    case 'connecting':
      return { tone: 'waiting', words: 'Connecting to Streamer Studio…' };
    case 'reconnecting':
      return {
        tone: 'waiting',
        words: `Streamer Studio connection lost (${status.reason}); reconnecting in ${seconds(status.delayMs)}`,
      };
    case 'closed':
      if (status.reason === 'closed') return { tone: 'bad', words: 'Stopped' };
      if (status.error.status === 401) return { tone: 'bad', words: `Token refused: ${SETUP_HINT}` };
      if (status.error.status === 403)
        return { tone: 'bad', words: `This token may not follow the channel: ${SETUP_HINT}` };
      return { tone: 'bad', words: `Streamer Studio refused the overlay: ${status.error.message}` };
  }
}

function obsPart(status: SceneSyncStatus): StatusSummary | null {
  switch (status.state) {
    case 'off':
      return null;
    case 'connecting':
      return { tone: 'waiting', words: status.attempt > 0 ? 'Reconnecting to OBS…' : 'Connecting to OBS…' };
    case 'connected':
      return { tone: 'good', words: `OBS scene “${status.scene}”` };
    case 'error':
      return {
        tone: 'bad',
        words:
          status.retryInMs === null
            ? status.message
            : `${status.message}; trying again in ${seconds(status.retryInMs)}`,
      };
  }
}

const RANK: Record<StatusTone, number> = { good: 0, waiting: 1, bad: 2 };

/**
 * Both connections in one colour and a line of words: the worst tone wins, and the words name what
 * is wrong (worst first), or, when all is well, that the page is live and which scene OBS fills.
 */
export function statusSummary(stream: EventStreamStatus, obs: SceneSyncStatus): StatusSummary {
  const parts = [streamPart(stream), obsPart(obs)].filter((part) => part !== null);
  const tone = parts.reduce<StatusTone>(
    (worst, part) => (RANK[part.tone] > RANK[worst] ? part.tone : worst),
    'good',
  );
  const shown = tone === 'good' ? parts : parts.filter((part) => part.tone !== 'good');
  const words = shown
    .sort((a, b) => RANK[b.tone] - RANK[a.tone])
    .map((part) => part.words)
    .join(' · ');
  return { tone, words };
}
