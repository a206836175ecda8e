import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReferenceImage } from '../../../client/index.js';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { brandKit, capabilities } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { BrandKitsSection } from './brand-kits-section.js';
import { MAX_REFERENCES_PER_KIT } from './reference-rules.js';

afterEach(cleanup);

const kit = brandKit();
let counter = 0;
const reference = (overrides: Partial<ReferenceImage> = {}): ReferenceImage => {
  const id = `ref-${++counter}`;
  return {
    id,
    label: 'Mochi, my cat',
    brandKitId: kit.id,
    contentType: 'image/png',
    bytes: 9,
    url: `http://studio.test/files/private/references/${id}.png?sig=x`,
    createdAt: '2026-12-01T18:30:00.000Z',
    ...overrides,
  };
};

function serverWith(items: ReferenceImage[]) {
  return new FakeServer()
    .on('GET /api/v1/brand-kits', { json: { items: [kit] } })
    .on('GET /api/v1/reference-images', { json: { items } });
}

const section = async () => within(await screen.findByRole('region', { name: 'Reference images' }));
const listed = () =>
  [...document.querySelectorAll<HTMLElement>('[data-reference-id]')].map((li) => li.dataset.referenceId);
const chooseFile = (view: ReturnType<typeof within>, file: File) =>
  fireEvent.change(view.getByLabelText('Reference image'), { target: { files: [file] } });

describe('a brand kit’s reference images', () => {
  it('lists the kit’s references with their signed thumbnails, and deletes one', async () => {
    const mochi = reference();
    const mascot = reference({ label: 'The mascot' });
    const server = serverWith([mochi, mascot]).on('DELETE /api/v1/reference-images/:id', { status: 204 });
    renderView(<BrandKitsSection readOnly={false} />, { server });
    const view = await section();
    await waitFor(() => expect(listed()).toEqual([mochi.id, mascot.id]));
    expect(server.callsTo('GET', '/api/v1/reference-images')[0]?.search).toBe(`?brandKitId=${kit.id}`);
    expect(view.getByAltText('Mochi, my cat').getAttribute('src')).toBe(mochi.url);
    fireEvent.click(view.getByRole('button', { name: 'Delete Mochi, my cat' }));
    await waitFor(() => expect(listed()).toEqual([mascot.id]));
    expect(server.callsTo('DELETE', `/api/v1/reference-images/${mochi.id}`)).toHaveLength(1);
  });

  it('uploads a chosen image with its label to the kit and lists it', async () => {
    const added = reference({ label: 'Mochi asleep' });
    const server = serverWith([]).on('POST /api/v1/reference-images', ({ url, request }) => ({
      status: 201,
      json: {
        ...added,
        contentType: request.headers.get('content-type'),
        label: url.searchParams.get('label'),
      },
    }));
    renderView(<BrandKitsSection readOnly={false} />, { server });
    const view = await section();
    const upload = (await view.findByRole('button', { name: 'Upload reference' })) as HTMLButtonElement;
    expect(upload.disabled).toBe(true);
    chooseFile(view, new File(['PNG-BYTES'], 'mochi.png', { type: 'image/png' }));
    expect(upload.disabled).toBe(true);
    fireEvent.input(view.getByLabelText('What it shows'), { target: { value: 'Mochi asleep' } });
    expect(upload.disabled).toBe(false);
    fireEvent.click(upload);
    await waitFor(() => expect(listed()).toEqual([added.id]));
    const [call] = server.callsTo('POST', '/api/v1/reference-images');
    expect(new URLSearchParams(call?.search).get('brandKitId')).toBe(kit.id);
    expect(call?.body).toBe('PNG-BYTES');
    expect(view.getByAltText('Mochi asleep')).toBeTruthy();
    expect((view.getByLabelText('What it shows') as HTMLInputElement).value).toBe('');
  });

  it('refuses a file that is not PNG, JPEG or WebP before uploading, and shows the server’s refusal', async () => {
    const server = serverWith([]).on(
      'POST /api/v1/reference-images',
      apiError(400, 'INVALID_INPUT', 'the upload is not a PNG, JPEG or WebP image'),
    );
    renderView(<BrandKitsSection readOnly={false} />, { server });
    const view = await section();
    fireEvent.input(await view.findByLabelText('What it shows'), { target: { value: 'notes' } });
    chooseFile(view, new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect(view.getByText('A reference image must be a PNG, JPEG or WebP image.')).toBeTruthy();
    expect((view.getByRole('button', { name: 'Upload reference' }) as HTMLButtonElement).disabled).toBe(true);

    chooseFile(view, new File(['not really'], 'fake.png', { type: 'image/png' }));
    fireEvent.click(view.getByRole('button', { name: 'Upload reference' }));
    expect((await view.findByRole('alert')).textContent).toBe('the upload is not a PNG, JPEG or WebP image');
    expect(listed()).toEqual([]);
  });

  it(`offers no upload once the kit holds ${MAX_REFERENCES_PER_KIT}`, async () => {
    const full = Array.from({ length: MAX_REFERENCES_PER_KIT }, () => reference());
    renderView(<BrandKitsSection readOnly={false} />, { server: serverWith(full) });
    const view = await section();
    await waitFor(() => expect(listed()).toHaveLength(MAX_REFERENCES_PER_KIT));
    expect(view.queryByRole('button', { name: 'Upload reference' })).toBeNull();
  });

  it('is not shown to a moderator, who may read kits but not their references', async () => {
    const server = serverWith([reference()]);
    renderView(<BrandKitsSection readOnly />, { server, me: capabilities('moderator') });
    await waitFor(() => expect(server.callsTo('GET', '/api/v1/brand-kits')).toHaveLength(1));
    await screen.findByLabelText('Brand kit to edit');
    expect(screen.queryByRole('region', { name: 'Reference images' })).toBeNull();
    expect(server.callsTo('GET', '/api/v1/reference-images')).toEqual([]);
  });
});
