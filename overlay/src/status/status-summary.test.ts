import { describe, expect, it } from 'vitest';
import { type EventStreamStatus, StudioApiError } from '../../../client/index.js';
import type { SceneSyncStatus } from '../obs/scene-sync.js';
import { statusSummary } from './status-summary.js';

const open: EventStreamStatus = { state: 'open', channelId: 'local' };
const refused = (status: number, message = 'no'): EventStreamStatus => ({
  state: 'closed',
  reason: 'refused',
  error: new StudioApiError({ status, code: status === 401 ? 'UNAUTHORIZED' : 'NOT_FOUND', message }),
});
const reconnecting: EventStreamStatus = {
  state: 'reconnecting',
  attempt: 1,
  delayMs: 2600,
  reason: 'the server ended the stream',
};
const obsOff: SceneSyncStatus = { state: 'off' };
const obsUp: SceneSyncStatus = { state: 'connected', scene: 'Main', inputKind: 'image_source' };
const obsDown: SceneSyncStatus = {
  state: 'error',
  message: 'OBS is not running at ws://127.0.0.1:4455',
  retryInMs: 5000,
};

describe('the status summary', () => {
  it('is green and says live when the stream is open and OBS is off or connected', () => {
    expect(statusSummary(open, obsOff)).toEqual({ tone: 'good', words: 'Live' });
    expect(statusSummary(open, obsUp)).toEqual({ tone: 'good', words: 'Live · OBS scene “Main”' });
  });

  it('is amber while the stream connects or reconnects, saying when it tries again', () => {
    expect(statusSummary({ state: 'connecting', attempt: 0 }, obsOff)).toEqual({
      tone: 'waiting',
      words: 'Connecting to Streamer Studio…',
    });
    expect(statusSummary(reconnecting, obsUp)).toEqual({
      tone: 'waiting',
      words: 'Streamer Studio connection lost (the server ended the stream); reconnecting in 3 s',
    });
  });

  it('is amber while OBS connects', () => {
    expect(statusSummary(open, { state: 'connecting', attempt: 0 })).toEqual({
      tone: 'waiting',
      words: 'Connecting to OBS…',
    });
    expect(statusSummary(open, { state: 'connecting', attempt: 3 }).words).toBe('Reconnecting to OBS…');
  });

  it('is red when the token is refused, and says where to make a new one', () => {
    expect(statusSummary(refused(401), obsUp)).toEqual({
      tone: 'bad',
      words: 'Token refused: make a new one at /overlay/setup',
    });
    expect(statusSummary(refused(403), obsOff).words).toBe(
      'This token may not follow the channel: make a new one at /overlay/setup',
    );
    expect(statusSummary(refused(404, 'no route'), obsOff).words).toBe(
      'Streamer Studio refused the overlay: no route',
    );
  });

  it('is red with OBS’s error in words, and when it tries again', () => {
    expect(statusSummary(open, obsDown)).toEqual({
      tone: 'bad',
      words: 'OBS is not running at ws://127.0.0.1:4455; trying again in 5 s',
    });
    expect(
      statusSummary(open, { state: 'error', message: 'OBS refused the password', retryInMs: null }).words,
    ).toBe('OBS refused the password');
  });

  it('names the worst problem first when both are in trouble', () => {
    expect(statusSummary(reconnecting, obsDown)).toEqual({
      tone: 'bad',
      words:
        'OBS is not running at ws://127.0.0.1:4455; trying again in 5 s · Streamer Studio connection lost (the server ended the stream); reconnecting in 3 s',
    });
  });
});
