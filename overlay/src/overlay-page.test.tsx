import { act, cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import type { Asset, FetchLike } from '../../client/index.js';
import { FakeServer } from '../../extension/src/testing/fake-server.js';
import { asset } from '../../extension/src/testing/fixtures.js';
import type { OverlayServices } from './live/overlay-services.js';
import { FakeSceneSync } from './live/testing/fake-scene-sync.js';
import { ManualClock } from './live/testing/manual-clock.js';
import { OverlayPage } from './overlay-page.js';
import { ENTRANCE_MOTION } from './stage/entrance-motion.js';

const TOKEN = 'sst_secret-token-4f9a';
const PASSWORD = 'obs-pass-7c21';
const POP_EXIT = ENTRANCE_MOTION.pop.exitMs;

interface StartOptions {
  readonly query?: string;
  readonly fetch?: FetchLike;
  readonly clock?: ManualClock;
  /** Sets the fake server's answers before the page opens. */
  readonly prepare?: (server: FakeServer) => void;
}

async function startOverlay({ query = '', fetch, clock = new ManualClock(), prepare }: StartOptions = {}) {
  const server = new FakeServer();
  prepare?.(server);
  const sync = new FakeSceneSync({ state: 'connecting', attempt: 0 });
  const services: OverlayServices = {
    pageUrl: `http://studio.test/overlay?token=${TOKEN}&${query}#obs=ws://127.0.0.1:4455&password=${PASSWORD}`,
    baseUrl: server.baseUrl,
    fetch: fetch ?? server.fetch,
    clock,
    createSceneSync: () => sync,
  };
  const { container } = render(<OverlayPage services={services} />);
  if (!fetch) await waitFor(() => expect(server.openStreams).toBe(1));
  /** The assets in `slot` now, as `id:phase`. */
  const inSlot = (slot: string) =>
    [...container.querySelectorAll<HTMLElement>(`[data-slot="${slot}"] [data-asset]`)].map(
      (element) => `${element.dataset.asset}:${element.dataset.phase}`,
    );
  const tick = (ms: number) => act(() => clock.advanceBy(ms));
  const dot = () => container.querySelector<HTMLElement>('.status');
  return { server, clock, sync, container, inSlot, tick, dot };
}

const publicAsset = (overrides: Partial<Asset> = {}) => asset({ visibility: 'public', ...overrides });

let consoleSpies: MockInstance[] = [];
beforeEach(() => {
  consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level),
  );
});
afterEach(() => {
  for (const spy of consoleSpies) {
    expect(JSON.stringify(spy.mock.calls)).not.toContain(TOKEN);
    expect(JSON.stringify(spy.mock.calls)).not.toContain(PASSWORD);
    spy.mockRestore();
  }
  cleanup();
});

describe('the overlay page', () => {
  it('shows a public asset in its slot, from its public file, and hands it to OBS', async () => {
    const { server, sync, container, inSlot } = await startOverlay();
    const emote = publicAsset();
    server.push('asset.created', emote);
    await waitFor(() => expect(inSlot('emote')).toEqual([`${emote.id}:in`]));
    const sources = [...container.querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(sources).toEqual([
      `http://studio.test/asset/${emote.id}?size=112x112`,
      `http://studio.test/asset/${emote.id}?size=28x28`,
    ]);
    expect(container.querySelector('.pop-chat')?.getAttribute('srcset')).toBe(
      `http://studio.test/asset/${emote.id}?size=56x56 2x`,
    );
    expect(sync.shown).toEqual([{ slot: 'emote', assetId: emote.id }]);
  });

  it('shows an asset published after it was made', async () => {
    const { server, sync, inSlot } = await startOverlay();
    const alert = publicAsset({ assetType: 'alert' });
    server.push('asset.updated', alert);
    await waitFor(() => expect(inSlot('alert')).toEqual([`${alert.id}:in`]));
    expect(sync.shown).toEqual([{ slot: 'alert', assetId: alert.id }]);
  });

  it('never shows a private asset, nor hands it to OBS', async () => {
    const { server, sync, container, inSlot } = await startOverlay();
    const secret = asset({ visibility: 'private' });
    const secretUpdate = asset({ visibility: 'private', assetType: 'alert' });
    server.push('asset.created', secret);
    server.push('asset.updated', secretUpdate);
    const marker = publicAsset({ assetType: 'overlay' });
    server.push('asset.created', marker);
    await waitFor(() => expect(inSlot('overlay')).toEqual([`${marker.id}:in`]));
    expect(inSlot('emote')).toEqual([]);
    expect(inSlot('alert')).toEqual([]);
    expect(container.innerHTML).not.toContain(secret.id);
    expect(sync.shown).toEqual([{ slot: 'overlay', assetId: marker.id }]);
  });

  it('takes away an asset hidden or deleted, from the screen, the queue and OBS', async () => {
    const { server, sync, inSlot } = await startOverlay();
    const [first, second, third] = [publicAsset(), publicAsset(), publicAsset()];
    for (const emote of [first!, second!, third!]) server.push('asset.created', emote);
    await waitFor(() => expect(sync.shown).toHaveLength(3));
    expect(inSlot('emote')).toEqual([`${first!.id}:in`]);
    server.push('asset.updated', { id: second!.id, visibility: 'private' });
    server.push('asset.deleted', { id: first!.id });
    await waitFor(() => expect(inSlot('emote')).toEqual([`${third!.id}:in`]));
    expect(sync.removed).toEqual([second!.id, first!.id]);
  });

  it('gives OBS each slot’s newest public asset when it opens, without playing it on screen', async () => {
    const older = publicAsset({ createdAt: '2026-12-01T10:00:00.000Z' });
    const badge = publicAsset({ assetType: 'sub_badge', createdAt: '2026-12-01T11:00:00.000Z' });
    const alert = publicAsset({ assetType: 'alert' });
    const newest: Record<string, Asset> = { emote: older, sub_badge: badge, alert };
    const { sync, inSlot, server } = await startOverlay({
      prepare: (fake) =>
        fake.on('GET /api/v1/assets', ({ url }) => {
          expect(url.searchParams.get('visibility')).toBe('public');
          const found = newest[url.searchParams.get('assetType') ?? ''];
          return { json: { items: found ? [found] : [], nextCursor: null } };
        }),
    });
    await waitFor(() => expect(sync.shown).toHaveLength(2));
    expect(sync.shown).toEqual(
      expect.arrayContaining([
        { slot: 'emote', assetId: badge.id },
        { slot: 'alert', assetId: alert.id },
      ]),
    );
    expect(inSlot('emote')).toEqual([]);
    expect(server.callsTo('GET', '/api/v1/assets').every((call) => call.token === TOKEN)).toBe(true);
  });

  it('asks the gallery once the stream is open, so an asset published while it connected still reaches OBS', async () => {
    const server = new FakeServer();
    const emote = publicAsset();
    let published = false;
    server.on('GET /api/v1/assets', ({ url }) => ({
      json: {
        items: published && url.searchParams.get('assetType') === 'emote' ? [emote] : [],
        nextCursor: null,
      },
    }));
    let open!: () => void;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    const gated: FetchLike = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/api/v1/events')) await opened;
      return server.fetch(input, init);
    };
    const { sync } = await startOverlay({ fetch: gated });
    await new Promise((resolve) => setTimeout(resolve, 20));
    published = true;
    open();
    await waitFor(() => expect(sync.shown).toEqual([{ slot: 'emote', assetId: emote.id }]));
  });

  it('lets news from the stream win over the gallery’s older answer', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const hidden = publicAsset({ assetType: 'alert' });
    const emote = publicAsset();
    const stale = publicAsset({ assetType: 'overlay' });
    const { sync, server } = await startOverlay({
      prepare: (fake) =>
        fake.on('GET /api/v1/assets', async ({ url }) => {
          await answered;
          const type = url.searchParams.get('assetType');
          const items = { alert: [hidden], emote: [publicAsset()], overlay: [stale] }[type ?? ''] ?? [];
          return { json: { items, nextCursor: null } };
        }),
    });
    server.push('asset.created', emote);
    server.push('asset.updated', { id: hidden.id, visibility: 'private' });
    await waitFor(() => expect(sync.removed).toEqual([hidden.id]));
    answer();
    // The overlay slot heard nothing live, so the gallery's answer reaches it: proof the answer was read.
    await waitFor(() => expect(sync.shown).toContainEqual({ slot: 'overlay', assetId: stale.id }));
    expect(sync.shown).toEqual([
      { slot: 'emote', assetId: emote.id },
      { slot: 'overlay', assetId: stale.id },
    ]);
  });

  it('plays a burst one after another, each for showSeconds, never two at once', async () => {
    const { server, inSlot, tick } = await startOverlay({ query: 'emote.show=5' });
    const burst = [publicAsset(), publicAsset({ assetType: 'sub_badge' }), publicAsset()];
    for (const emote of burst) server.push('asset.created', emote);
    await waitFor(() => expect(inSlot('emote')).toEqual([`${burst[0]!.id}:in`]));
    for (const [i, emote] of burst.entries()) {
      if (i > 0) expect(inSlot('emote')).toEqual([`${emote.id}:in`]);
      tick(4999);
      expect(inSlot('emote')).toEqual([`${emote.id}:in`]);
      tick(1);
      expect(inSlot('emote')).toEqual([`${emote.id}:leaving`]);
      tick(POP_EXIT);
    }
    expect(inSlot('emote')).toEqual([]);
  });

  it('plays on when the browser fires its timers a little early', async () => {
    const { server, inSlot, tick } = await startOverlay({ query: 'emote.show=1', clock: new ManualClock(2) });
    const [first, second] = [publicAsset(), publicAsset()];
    server.push('asset.created', first!);
    server.push('asset.created', second!);
    await waitFor(() => expect(inSlot('emote')).toEqual([`${first!.id}:in`]));
    const seen = new Set<string>();
    for (let step = 0; step < 40; step++) {
      tick(100);
      for (const shown of inSlot('emote')) seen.add(shown);
    }
    expect([...seen]).toContain(`${second!.id}:in`);
    expect(inSlot('emote')).toEqual([]);
  });

  it('runs two slots side by side, each in its own box', async () => {
    const { server, container, inSlot } = await startOverlay({ query: 'alert.box=100,50,400,300' });
    const emote = publicAsset();
    const alert = publicAsset({ assetType: 'alert' });
    server.push('asset.created', emote);
    server.push('asset.created', alert);
    await waitFor(() => expect(inSlot('alert')).toEqual([`${alert.id}:in`]));
    expect(inSlot('emote')).toEqual([`${emote.id}:in`]);
    const box = container.querySelector<HTMLElement>('[data-slot="alert"]')!.style;
    expect([box.left, box.top, box.width, box.height]).toEqual(['100px', '50px', '400px', '300px']);
  });

  it('keeps a showSeconds 0 asset until the next one', async () => {
    const { server, inSlot, tick } = await startOverlay({ query: 'overlay.show=0' });
    const [first, second] = [publicAsset({ assetType: 'overlay' }), publicAsset({ assetType: 'overlay' })];
    server.push('asset.created', first!);
    await waitFor(() => expect(inSlot('overlay')).toEqual([`${first!.id}:in`]));
    tick(3_600_000);
    expect(inSlot('overlay')).toEqual([`${first!.id}:in`]);
    server.push('asset.created', second!);
    await waitFor(() => expect(inSlot('overlay')).toEqual([`${first!.id}:leaving`]));
    tick(ENTRANCE_MOTION.fade.exitMs);
    expect(inSlot('overlay')).toEqual([`${second!.id}:in`]);
  });

  it('ignores asset types no slot of the page shows', async () => {
    const { server, sync, container, inSlot } = await startOverlay({ query: 'slots=emote' });
    const alert = publicAsset({ assetType: 'alert' });
    const panel = publicAsset({ assetType: 'panel' });
    const emote = publicAsset();
    for (const item of [alert, panel, emote]) server.push('asset.created', item);
    await waitFor(() => expect(inSlot('emote')).toEqual([`${emote.id}:in`]));
    expect(container.querySelectorAll('[data-asset]')).toHaveLength(1);
    expect(sync.shown).toEqual([{ slot: 'emote', assetId: emote.id }]);
  });
});

describe('the overlay page’s status dot', () => {
  it('is green once the stream is live and OBS connected, amber while either connects', async () => {
    const { sync, dot } = await startOverlay();
    await waitFor(() => expect(dot()?.dataset.tone).toBe('waiting'));
    expect(dot()?.textContent).toBe('Connecting to OBS…');
    act(() => sync.report({ state: 'connected', scene: 'Main', inputKind: 'image_source' }));
    expect(dot()?.dataset.tone).toBe('good');
    expect(dot()?.textContent).toBe('Live · OBS scene “Main”');
  });

  it('turns amber when the stream drops and reconnects', async () => {
    const { server, sync, dot } = await startOverlay();
    act(() => sync.report({ state: 'connected', scene: 'Main', inputKind: 'image_source' }));
    await waitFor(() => expect(dot()?.dataset.tone).toBe('good'));
    server.dropStreams();
    await waitFor(() => expect(dot()?.dataset.tone).toBe('waiting'));
    expect(dot()?.textContent).toMatch(
      /^Streamer Studio connection lost \(the server ended the stream\); reconnecting in \d+ s$/,
    );
  });

  it('turns red and says so when the token is refused', async () => {
    const refusing: FetchLike = async () =>
      new Response(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'unknown token' } }), {
        status: 401,
        headers: { 'Content-Type': 'application/json' },
      });
    const { dot } = await startOverlay({ fetch: refusing });
    await waitFor(() => expect(dot()?.dataset.tone).toBe('bad'));
    expect(dot()?.textContent).toContain('Token refused: make a new one at /overlay/setup');
  });

  it('turns red with OBS’s error in words', async () => {
    const { sync, dot } = await startOverlay();
    act(() => sync.report({ state: 'error', message: 'OBS refused the password', retryInMs: null }));
    await waitFor(() => expect(dot()?.dataset.tone).toBe('bad'));
    expect(dot()?.textContent).toBe('OBS refused the password');
  });

  it('is not there at all with status=off', async () => {
    const { sync, dot, container } = await startOverlay({ query: 'status=off' });
    act(() => sync.report({ state: 'error', message: 'OBS refused the password', retryInMs: null }));
    expect(dot()).toBeNull();
    expect(container.textContent).toBe('');
  });
});

describe('the overlay page’s secrets', () => {
  it('shows the token and the OBS password nowhere, even when a message quotes them', async () => {
    const { server, sync, inSlot } = await startOverlay();
    const emote = publicAsset();
    server.push('asset.created', emote);
    await waitFor(() => expect(inSlot('emote')).toHaveLength(1));
    act(() =>
      sync.report({
        state: 'error',
        message: `OBS refused the password ${PASSWORD} for ${TOKEN}`,
        retryInMs: 1000,
      }),
    );
    const page = document.documentElement.outerHTML;
    expect(page).toContain('OBS refused the password');
    expect(page).not.toContain(TOKEN);
    expect(page).not.toContain(PASSWORD);
    expect(document.title).not.toContain(TOKEN);
    expect(server.calls.every((call) => call.token === TOKEN)).toBe(true);
  });
});
