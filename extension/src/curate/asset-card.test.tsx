import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../client/index.js';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { asset, capabilities } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { AssetCard } from './asset-card.js';

afterEach(cleanup);

const publicCopy = (a: Asset): Asset => ({
  ...a,
  visibility: 'public',
  files: a.files.map((file) => ({
    ...file,
    url: `http://studio.test/files/public/${a.id}/${file.width}.png`,
  })),
});

async function card(a: Asset) {
  const found = await waitFor(() => {
    const element = document.querySelector(`[data-asset-id="${a.id}"]`);
    if (!(element instanceof HTMLElement)) throw new Error('no card yet');
    return element;
  });
  return within(found);
}

describe('<AssetCard>', () => {
  it('previews a transparent asset at every size on a dark and a light tile', async () => {
    const emote = asset();
    renderView(<AssetCard asset={emote} />);
    const images = (await card(emote)).getAllByRole('img') as HTMLImageElement[];
    expect(images.map((img) => img.alt)).toEqual([
      'Emote at 112×112 on dark',
      'Emote at 56×56 on dark',
      'Emote at 28×28 on dark',
      'Emote at 112×112 on light',
      'Emote at 56×56 on light',
      'Emote at 28×28 on light',
    ]);
    expect(images.map((img) => img.width)).toEqual([112, 56, 28, 112, 56, 28]);
    expect(images[0]?.src).toBe(emote.files[0]?.url);
  });

  it('previews an opaque asset once, at its own size', async () => {
    const banner = asset({
      assetType: 'panel',
      files: [{ width: 320, height: 160, bytes: 9000, contentType: 'image/png', url: 'http://x/p.png' }],
    });
    renderView(<AssetCard asset={banner} />);
    const images = (await card(banner)).getAllByRole('img') as HTMLImageElement[];
    expect(images.map((img) => [img.alt, img.width, img.height])).toEqual([
      ['Panel at 320×160 on dark', 320, 160],
    ]);
  });

  it('publishes a private asset and hides it again', async () => {
    const emote = asset();
    const server = new FakeServer().on('PUT /api/v1/assets/:id/visibility', ({ body }) => ({
      json: (body as { visibility: string }).visibility === 'public' ? publicCopy(emote) : emote,
    }));
    renderView(<AssetCard asset={emote} />, { server });
    const view = await card(emote);
    const words = () => document.querySelector(`[data-asset-id="${emote.id}"]`)?.textContent;
    expect(words()).toMatch(/\bPrivate\b/);
    fireEvent.click(view.getByRole('button', { name: 'Publish' }));
    await view.findByText('Public');
    expect(words()).toMatch(/\bPublic\b/);
    expect((view.getAllByRole('img')[0] as HTMLImageElement).src).toBe(
      `http://studio.test/asset/${emote.id}?size=112x112`,
    );
    fireEvent.click(view.getByRole('button', { name: 'Hide' }));
    await view.findByText('Private');
    expect(server.callsTo('PUT', `/api/v1/assets/${emote.id}/visibility`).map((call) => call.body)).toEqual([
      { visibility: 'public' },
      { visibility: 'private' },
    ]);
  });

  it('says why publishing was refused', async () => {
    const emote = asset();
    const server = new FakeServer().on(
      'PUT /api/v1/assets/:id/visibility',
      apiError(403, 'FORBIDDEN', 'only the broadcaster may publish'),
    );
    renderView(<AssetCard asset={emote} />, { server });
    fireEvent.click((await card(emote)).getByRole('button', { name: 'Publish' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not allowed: only the broadcaster may publish.',
    );
    expect(screen.getByText('Private')).toBeTruthy();
  });

  it('deletes only after confirmation, and Keep backs out', async () => {
    const emote = asset();
    const server = new FakeServer().on('DELETE /api/v1/assets/:id', { status: 204 });
    const deleted: string[] = [];
    renderView(<AssetCard asset={emote} onDeleted={(id) => deleted.push(id)} />, { server });
    const view = await card(emote);
    fireEvent.click(view.getByRole('button', { name: 'Delete' }));
    expect(document.activeElement).toBe(view.getByRole('button', { name: 'Keep' }));
    fireEvent.click(view.getByRole('button', { name: 'Keep' }));
    expect(server.callsTo('DELETE', `/api/v1/assets/${emote.id}`)).toEqual([]);
    fireEvent.click(view.getByRole('button', { name: 'Delete' }));
    fireEvent.click(view.getByRole('button', { name: 'Confirm delete' }));
    await waitFor(() => expect(document.querySelector('[data-asset-id]')).toBeNull());
    expect(server.callsTo('DELETE', `/api/v1/assets/${emote.id}`)).toHaveLength(1);
    expect(deleted).toEqual([emote.id]);
  });

  it('shows neither publish nor delete to a moderator, who may still download', async () => {
    const emote = asset();
    renderView(<AssetCard asset={emote} />, { me: capabilities('moderator') });
    const view = await card(emote);
    expect(view.queryByRole('button')).toBeNull();
    expect(view.getByRole('link', { name: 'Download all sizes' })).toBeTruthy();
  });

  it('asks for a signed zip link as the pointer reaches "Download all sizes", so the click opens it in a new tab', async () => {
    const emote = asset();
    const url = `http://studio.test/download/${emote.id}?channel=local&expires=1&signature=s`;
    const server = new FakeServer().on('POST /api/v1/assets/:id/download-link', ({ params }) => ({
      json: {
        url: url.replace(emote.id, params.id!),
        expiresAt: new Date(Date.now() + 300_000).toISOString(),
      },
    }));
    renderView(<AssetCard asset={emote} />, { server });
    const link = (await card(emote)).getByRole('link', { name: 'Download all sizes' }) as HTMLAnchorElement;
    expect(server.callsTo('POST', `/api/v1/assets/${emote.id}/download-link`)).toEqual([]);
    fireEvent.pointerEnter(link);
    await waitFor(() => expect(link.href).toBe(url));
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener');
    fireEvent.focus(link);
    expect(server.callsTo('POST', `/api/v1/assets/${emote.id}/download-link`)).toHaveLength(1);
  });

  it('opens the link once it arrives when the click came first, and says why when it cannot', async () => {
    const emote = asset();
    const opened: unknown[][] = [];
    const open = window.open;
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
    try {
      let refuse = false;
      const server = new FakeServer().on('POST /api/v1/assets/:id/download-link', () =>
        refuse
          ? apiError(404, 'NOT_FOUND', 'no such asset on this channel')
          : {
              json: {
                url: 'http://studio.test/download/x',
                expiresAt: new Date(Date.now() + 300_000).toISOString(),
              },
            },
      );
      renderView(<AssetCard asset={emote} />, { server });
      const view = await card(emote);
      fireEvent.click(view.getByRole('link', { name: 'Download all sizes' }));
      await waitFor(() => expect(opened).toEqual([['http://studio.test/download/x', '_blank', 'noopener']]));
      cleanup();
      refuse = true;
      renderView(<AssetCard asset={emote} />, { server });
      const again = await card(emote);
      fireEvent.click(again.getByRole('link', { name: 'Download all sizes' }));
      expect(await again.findByRole('alert')).toBeTruthy();
      expect(opened).toHaveLength(1);
    } finally {
      window.open = open;
    }
  });

  it('follows the channel’s events: published elsewhere, hidden elsewhere, deleted elsewhere', async () => {
    const emote = asset();
    const server = new FakeServer().on('GET /api/v1/assets/:id', { json: emote });
    renderView(<AssetCard asset={emote} />, { server });
    const view = await card(emote);
    await waitFor(() => expect(server.openStreams).toBe(1));
    server.push('asset.deleted', { id: asset().id });
    server.push('asset.updated', publicCopy(emote));
    await view.findByText('Public');
    server.push('asset.updated', { id: emote.id, visibility: 'private' });
    await view.findByText('Private');
    await waitFor(() => expect(server.callsTo('GET', `/api/v1/assets/${emote.id}`)).toHaveLength(1));
    server.push('asset.deleted', { id: emote.id });
    await waitFor(() => expect(document.querySelector('[data-asset-id]')).toBeNull());
  });

  it('never points a preview at the public URLs a hide from elsewhere has moved away', async () => {
    const emote = asset();
    const published = publicCopy(emote);
    let answer!: (value: { json: Asset }) => void;
    const server = new FakeServer().on(
      'GET /api/v1/assets/:id',
      () =>
        new Promise<{ json: Asset }>((resolve) => {
          answer = resolve;
        }),
    );
    renderView(<AssetCard asset={published} />, { server });
    const view = await card(published);
    await waitFor(() => expect(server.openStreams).toBe(1));
    const sources = () => (view.getAllByRole('img') as HTMLImageElement[]).map((img) => img.src);
    const before = sources();
    server.push('asset.updated', { id: emote.id, visibility: 'private' });
    await waitFor(() => expect(server.callsTo('GET', `/api/v1/assets/${emote.id}`)).toHaveLength(1));
    expect(sources()).toEqual(before);
    answer({ json: emote });
    await view.findByText('Private');
    expect(sources()).toEqual(
      emote.files.flatMap((file) => [file.url]).concat(emote.files.map((file) => file.url)),
    );
  });

  it('shows a hidden asset as private without previews when it cannot be read again', async () => {
    const published = publicCopy(asset());
    const server = new FakeServer().on('GET /api/v1/assets/:id', apiError(503, 'INTERNAL_ERROR', 'down'));
    renderView(<AssetCard asset={published} />, { server });
    const view = await card(published);
    await waitFor(() => expect(server.openStreams).toBe(1));
    server.push('asset.updated', { id: published.id, visibility: 'private' });
    await view.findByText('Private');
    expect(view.queryAllByRole('img')).toEqual([]);
  });

  it('reads the asset again when a preview fails to load (its signed URL expired), at most once a minute', async () => {
    const emote = asset();
    const renewed = { ...emote, files: emote.files.map((file) => ({ ...file, url: `${file.url}&renewed` })) };
    const server = new FakeServer().on('GET /api/v1/assets/:id', { json: renewed });
    renderView(<AssetCard asset={emote} />, { server });
    const view = await card(emote);
    fireEvent.error(view.getAllByRole('img')[0]!);
    await waitFor(() =>
      expect((view.getAllByRole('img')[0] as HTMLImageElement).src).toBe(`${emote.files[0]?.url}&renewed`),
    );
    fireEvent.error(view.getAllByRole('img')[1]!);
    expect(server.callsTo('GET', `/api/v1/assets/${emote.id}`)).toHaveLength(1);
  });
});
