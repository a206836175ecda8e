import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../client/index.js';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { asset, capabilities } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { Gallery } from './gallery.js';

afterEach(cleanup);

const at = (minute: number, overrides: Partial<Asset> = {}) =>
  asset({
    visibility: 'public',
    createdAt: `2026-12-01T18:${String(minute).padStart(2, '0')}:00.000Z`,
    ...overrides,
  });

/** The channel's public gallery, where a viewer's gallery comes from. */
const PUBLIC_GALLERY = 'GET /public/v1/channels/:channelId/assets';
/** The authenticated asset list, where the broadcaster's and a moderator's come from. */
const ASSETS = 'GET /api/v1/assets';

/** A server whose public gallery answers `pages` in turn, recording each request's query. */
function serving(...pages: { items: Asset[]; nextCursor?: string }[]) {
  const server = new FakeServer();
  const queries: Record<string, string>[] = [];
  server.on(PUBLIC_GALLERY, ({ url }) => {
    queries.push(Object.fromEntries(url.searchParams));
    const page = pages[Math.min(queries.length - 1, pages.length - 1)]!;
    return { json: { items: page.items, nextCursor: page.nextCursor ?? null } };
  });
  return { server, queries };
}

const shownIds = () =>
  Array.from(
    screen.getByRole('list', { name: 'Gallery' }).querySelectorAll('li'),
    (li) => li.dataset.assetId,
  );

async function viewerGallery(server: FakeServer) {
  const view = renderView(<Gallery visibility="public" />, { server, me: capabilities('viewer') });
  await waitFor(() => expect(server.openStreams).toBe(1));
  return view;
}

describe('<Gallery>', () => {
  it('reads a viewer’s gallery, page after page, from the channel’s public route, with no token', async () => {
    const [a, b] = [at(20), at(10)];
    const { server } = serving({ items: [a], nextCursor: 'page-2' }, { items: [b] });
    renderView(<Gallery visibility="public" />, { server, me: capabilities('viewer'), channelId: 'chan-42' });
    fireEvent.click(await screen.findByRole('button', { name: 'More' }));
    await waitFor(() => expect(shownIds()).toEqual([a.id, b.id]));

    const reads = server.calls.filter((call) => call.path.includes('/assets'));
    expect(reads.map((call) => `${call.method} ${call.path}${call.search}`)).toEqual([
      'GET /public/v1/channels/chan-42/assets?limit=24',
      'GET /public/v1/channels/chan-42/assets?limit=24&cursor=page-2',
    ]);
    for (const call of reads) {
      expect(call.token).toBeUndefined();
      // A CORS simple request with no credentials: no preflight, and a CDN may answer it.
      expect(call.headers).toEqual([]);
      expect(call.credentials).toBe('omit');
    }
    // The rest of the viewer's calls still carry Twitch's JWT.
    expect(server.callsTo('GET', '/api/v1/me')[0]?.token).toBe('jwt-1');
  });

  it.each(['broadcaster', 'moderator'] as const)(
    'reads the %s’s gallery from the authenticated API, with the JWT',
    async (role) => {
      const server = new FakeServer();
      server.on(ASSETS, { json: { items: [at(10)], nextCursor: null } });
      renderView(<Gallery visibility="public" />, { server, me: capabilities(role), channelId: 'chan-42' });
      await screen.findByRole('list', { name: 'Gallery' });
      const reads = server.calls.filter((call) => call.path.includes('/assets'));
      expect(reads.map((call) => `${call.path}${call.search} ${call.token}`)).toEqual([
        '/api/v1/assets?visibility=public&limit=24 jwt-1',
      ]);
    },
  );

  it('says it is loading until the first page is here', async () => {
    const server = new FakeServer();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.on(ASSETS, async () => {
      await answered;
      return { json: { items: [at(10)], nextCursor: null } };
    });
    renderView(<Gallery visibility="public" />, { server });
    await screen.findByText('Loading the gallery…');
    answer();
    await screen.findByRole('list', { name: 'Gallery' });
    expect(screen.queryByText('Loading the gallery…')).toBeNull();
  });

  it('tells a viewer the streamer has published nothing yet', async () => {
    const { server } = serving({ items: [] });
    await viewerGallery(server);
    await screen.findByText('Nothing here yet');
    expect(screen.getByText(/The streamer hasn’t published any assets yet/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Gallery' })).toBeNull();
  });

  it('shows public assets newest first, and appends the next page on "More" until there is none', async () => {
    const [a, b, c] = [at(30), at(20), at(10)];
    const { server, queries } = serving({ items: [a, b], nextCursor: 'page-2' }, { items: [c] });
    await viewerGallery(server);
    await screen.findByRole('list', { name: 'Gallery' });
    expect(shownIds()).toEqual([a.id, b.id]);
    expect(queries[0]).toEqual({ limit: '24' });
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    await waitFor(() => expect(shownIds()).toEqual([a.id, b.id, c.id]));
    expect(queries[1]).toEqual({ limit: '24', cursor: 'page-2' });
    expect(screen.queryByRole('button', { name: 'More' })).toBeNull();
  });

  it('shows each thumbnail at the size of its tile, from the public file route, with its type on hover', async () => {
    const emote = at(20);
    const thumbnail = at(10, {
      assetType: 'thumbnail',
      files: [{ width: 1280, height: 720, bytes: 1, contentType: 'image/png', url: 'http://x/t.png' }],
    });
    const { server } = serving({ items: [emote, thumbnail] });
    await viewerGallery(server);
    await screen.findByRole('list', { name: 'Gallery' });
    const [emoteImage, thumbnailImage] = screen.getAllByRole('img');
    expect(emoteImage!.getAttribute('src')).toBe(`http://studio.test/asset/${emote.id}?size=56x56`);
    expect([emoteImage!.getAttribute('width'), emoteImage!.getAttribute('height')]).toEqual(['56', '56']);
    expect(thumbnailImage!.getAttribute('src')).toBe(
      `http://studio.test/asset/${thumbnail.id}?size=1280x720`,
    );
    expect([thumbnailImage!.getAttribute('width'), thumbnailImage!.getAttribute('height')]).toEqual([
      '80',
      '45',
    ]);
    expect(screen.getByTitle('Thumbnail')).toBeTruthy();
  });

  it('asks again from the first page, for that type only, when the type filter changes', async () => {
    const { server, queries } = serving({ items: [at(10)], nextCursor: 'page-2' }, { items: [] });
    await viewerGallery(server);
    await screen.findByRole('list', { name: 'Gallery' });
    const select = screen.getByRole('combobox', { name: 'Type' }) as HTMLSelectElement;
    expect(select.options[0]!.text).toBe('All types');
    expect(select.options[0]!.value).toBe('');
    fireEvent.change(select, { target: { value: 'sub_badge' } });
    await screen.findByText('Nothing here yet');
    expect(queries[1]).toEqual({ assetType: 'sub_badge', limit: '24' });
    expect(screen.getByText(/Nothing of this type/)).toBeTruthy();
  });

  it('shows an asset made public at the top as it happens, without asking for the page again', async () => {
    const older = at(10);
    const { server } = serving({ items: [older] });
    await viewerGallery(server);
    await screen.findByRole('list', { name: 'Gallery' });
    const fresh = at(20);
    server.push('asset.updated', fresh);
    await waitFor(() => expect(shownIds()).toEqual([fresh.id, older.id]));
    const newest = at(30);
    server.push('asset.created', newest);
    await waitFor(() => expect(shownIds()).toEqual([newest.id, fresh.id, older.id]));
    expect(server.callsTo('GET', '/public/v1/channels/local/assets')).toHaveLength(1);
  });

  it('fills an empty gallery from a live event', async () => {
    const { server } = serving({ items: [] });
    await viewerGallery(server);
    await screen.findByText('Nothing here yet');
    const fresh = at(20);
    server.push('asset.created', fresh);
    await waitFor(() => expect(shownIds()).toEqual([fresh.id]));
  });

  it('keeps what happened while the first page was on its way', async () => {
    const [kept, gone] = [at(20), at(10)];
    const server = new FakeServer();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.on(PUBLIC_GALLERY, async () => {
      await answered;
      return { json: { items: [kept, gone], nextCursor: null } };
    });
    await viewerGallery(server);
    const fresh = at(30);
    server.push('asset.created', fresh);
    server.push('asset.deleted', { id: gone.id });
    await new Promise((resolve) => setTimeout(resolve, 20));
    answer();
    await waitFor(() => expect(shownIds()).toEqual([fresh.id, kept.id]));
  });

  it('takes away an asset as it is hidden, and another as it is deleted', async () => {
    const [a, b, c] = [at(30), at(20), at(10)];
    const { server } = serving({ items: [a, b, c] });
    await viewerGallery(server);
    await screen.findByRole('list', { name: 'Gallery' });
    server.push('asset.updated', { id: b.id, visibility: 'private' });
    await waitFor(() => expect(shownIds()).toEqual([a.id, c.id]));
    server.push('asset.deleted', { id: a.id });
    await waitFor(() => expect(shownIds()).toEqual([c.id]));
  });

  it('never shows a viewer a private asset, whether a page or an event carries it', async () => {
    const secretInPage = at(30, { visibility: 'private' });
    const shown = at(10);
    const { server } = serving({ items: [secretInPage, shown] });
    await viewerGallery(server);
    await screen.findByRole('list', { name: 'Gallery' });
    expect(shownIds()).toEqual([shown.id]);
    const secretEvent = at(40, { visibility: 'private' });
    server.push('asset.created', secretEvent);
    server.push('asset.updated', secretEvent);
    const marker = at(50);
    server.push('asset.created', marker);
    await waitFor(() => expect(shownIds()).toEqual([marker.id, shown.id]));
  });

  it('says why the gallery could not load, and loads it on "Try again"', async () => {
    const server = new FakeServer();
    let up = false;
    server.on(ASSETS, () =>
      up
        ? { json: { items: [at(10)], nextCursor: null } }
        : apiError(503, 'UNAVAILABLE', 'the database is busy'),
    );
    renderView(<Gallery visibility="public" />, { server });
    await screen.findByText('The gallery could not load');
    expect(screen.getByText('the database is busy')).toBeTruthy();
    up = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('list', { name: 'Gallery' });
  });

  it('says why "More" failed, and keeps what is shown', async () => {
    const first = at(20);
    const server = new FakeServer();
    server.on(ASSETS, ({ url }) =>
      url.searchParams.has('cursor')
        ? apiError(429, 'RATE_LIMITED', 'too many requests')
        : { json: { items: [first], nextCursor: 'page-2' } },
    );
    renderView(<Gallery visibility="public" />, { server });
    fireEvent.click(await screen.findByRole('button', { name: 'More' }));
    await screen.findByText('Slow down: too many requests.');
    expect(shownIds()).toEqual([first.id]);
  });

  it('opens a detail with the largest file and every size, which closes with its asset', async () => {
    const emote = at(10);
    const { server } = serving({ items: [emote] });
    await viewerGallery(server);
    fireEvent.click(await screen.findByTitle('Emote'));
    const dialog = await screen.findByRole('dialog', { name: 'Emote' });
    expect(within(dialog).getByRole('img').getAttribute('src')).toBe(
      `http://studio.test/asset/${emote.id}?size=112x112`,
    );
    expect(within(dialog).getByText('112×112 · 56×56 · 28×28')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.click(screen.getByTitle('Emote'));
    await screen.findByRole('dialog', { name: 'Emote' });
    server.push('asset.deleted', { id: emote.id });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
