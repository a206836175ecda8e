import { act, cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStreamStatus } from '../../../client/index.js';
import { ManualClock } from '../live/testing/manual-clock.js';
import type { SceneSyncStatus } from '../obs/scene-sync.js';
import { SETTLE_MS, StatusDot } from './status-dot.js';

const open: EventStreamStatus = { state: 'open', channelId: 'local' };
const obsUp: SceneSyncStatus = { state: 'connected', scene: 'Main', inputKind: 'image_source' };

function renderDot(stream: EventStreamStatus, obs: SceneSyncStatus, secrets: string[] = []) {
  const clock = new ManualClock();
  const result = render(<StatusDot stream={stream} obs={obs} secrets={secrets} clock={clock} />);
  const dot = () => result.container.querySelector<HTMLElement>('.status')!;
  return { ...result, clock, dot };
}

afterEach(cleanup);

describe('the status dot', () => {
  it('fades to just the dot after all has been well for a while', () => {
    const { clock, dot } = renderDot(open, obsUp);
    expect(dot().dataset.tone).toBe('good');
    expect(dot().classList.contains('status-settled')).toBe(false);
    act(() => clock.advanceBy(SETTLE_MS - 1));
    expect(dot().classList.contains('status-settled')).toBe(false);
    act(() => clock.advanceBy(1));
    expect(dot().classList.contains('status-settled')).toBe(true);
  });

  it('shows its words again the moment something goes wrong', () => {
    const { clock, dot, rerender } = renderDot(open, obsUp);
    act(() => clock.advanceBy(SETTLE_MS));
    rerender(
      <StatusDot
        stream={open}
        obs={{ state: 'error', message: 'OBS refused the password', retryInMs: null }}
        secrets={[]}
        clock={clock}
      />,
    );
    expect(dot().dataset.tone).toBe('bad');
    expect(dot().classList.contains('status-settled')).toBe(false);
    expect(dot().textContent).toBe('OBS refused the password');
  });

  it('never settles while something is wrong', () => {
    const { clock, dot } = renderDot({ state: 'connecting', attempt: 0 }, obsUp);
    act(() => clock.advanceBy(SETTLE_MS * 10));
    expect(dot().dataset.tone).toBe('waiting');
    expect(dot().classList.contains('status-settled')).toBe(false);
  });

  it('masks a secret that a message quotes', () => {
    const { container } = renderDot(
      open,
      { state: 'error', message: 'OBS refused the password hunter2', retryInMs: null },
      ['hunter2'],
    );
    expect(container.innerHTML).not.toContain('hunter2');
    expect(container.textContent).toContain('OBS refused the password •••');
  });
});
