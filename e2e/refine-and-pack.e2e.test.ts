import { unzipSync } from 'fflate';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createStudioApi, type StudioApi } from '../client/index.js';
import { watchBrowserErrors } from './browser-errors.js';
import { describeWithChromium } from './describe-with-chromium.js';
import { saveFailureArtifacts } from './failure-artifacts.js';
import { generateAsset } from './generated-asset.js';
import { imagesLoaded } from './image-state.js';
import { launchChromium } from './launch-chromium.js';
import { type RigFrames, rigFrames } from './rig-frames.js';
import { type StudioProcess, startStudioProcess } from './start-studio-process.js';

/** A job takes 1–3 s on the preview provider; a slow shared machine gets ten times that. */
const JOB_MS = 30_000;
/** A pack with one emote subject is 14 pieces, three at a time after its lead. */
const PACK_MS = 180_000;
const UI_MS = 20_000;
const poll = { timeout: UI_MS, interval: 100 };

describeWithChromium('refining and brand packs in the local rig (headless Chromium, npm start)', () => {
  let studio: StudioProcess;
  let api: StudioApi;
  let browser: Browser;
  let page: Page;
  let views: RigFrames;
  let errors: ReturnType<typeof watchBrowserErrors>;
  let kitId: string;

  beforeAll(async () => {
    studio = await startStudioProcess();
    api = createStudioApi({ baseUrl: studio.url, getToken: () => studio.token });
    // A kit the config view can hold references for, made before the rig opens so it lists it.
    kitId = (
      await api.createBrandKit({
        name: 'Mochi kit',
        colors: { primary: '#9146ff', secondary: '#1f1f23', accent: '#ffb31a' },
        active: true,
      })
    ).id;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1100 } });
    page.setDefaultTimeout(UI_MS);
    errors = watchBrowserErrors(page);
    await page.goto(`${studio.url}/rig/`);
    views = rigFrames(page);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  afterEach(async ({ task }) => {
    if (!page) return;
    const unexpected = errors.take();
    if (task.result?.state === 'fail' || unexpected.length > 0) {
      const dir = await saveFailureArtifacts(page, task.name, {
        'server-output.txt': studio.output(),
        'browser-errors.txt': unexpected.join('\n\n'),
      });
      console.warn(`e2e: screenshots of the rig for "${task.name}" are in ${dir}`);
    }
    expect(unexpected, 'console errors, uncaught exceptions or CSP violations in the rig').toEqual([]);
  });

  const button = (scope: Frame | Locator, name: string) => scope.getByRole('button', { name, exact: true });
  const versionIds = (line: Locator) =>
    line.locator('li[data-version-id]').evaluateAll((items) => items.map((li) => li.dataset.versionId));

  it('refines an emote from its card in the dashboard and shows both versions in the line, the new one open', async () => {
    const { dashboard } = views;
    const { assetId } = await generateAsset(api, 'a cat in sunglasses', {
      visibility: 'private',
      timeoutMs: JOB_MS,
    });
    // Under its job (queued while the dashboard was open), or in Recent assets: wherever it shows.
    const card = dashboard.locator(`article[data-asset-id="${assetId}"]`);
    await expect.poll(() => card.count(), poll).toBe(1);
    await button(card, 'Refine').click();

    const dialog = dashboard.getByRole('dialog', { name: 'Refine Emote', exact: true });
    const line = dialog.getByRole('list', { name: 'Versions', exact: true });
    await expect.poll(() => versionIds(line), poll).toEqual([assetId]);
    const send = button(dialog, 'Refine');
    expect(await send.isDisabled()).toBe(true);
    await dialog.getByLabel('Instruction', { exact: true }).fill('make the sunglasses pink');
    await send.click();

    // The refinement is a job like any other: listed in the dashboard's jobs, followed in the dialog.
    let refined: string | undefined;
    await expect
      .poll(
        async () => {
          const ids = await versionIds(line);
          refined = ids[1];
          return ids.length;
        },
        { timeout: JOB_MS, interval: 100 },
      )
      .toBe(2);
    const versions = (await api.versions(assetId)).items;
    expect(versions.map((version) => [version.id, version.parentAssetId])).toEqual([
      [assetId, null],
      [refined, assetId],
    ]);
    await expect
      .poll(() => dialog.locator('[aria-current="true"]').getAttribute('aria-label'), poll)
      .toBe('Version 2');
    await expect.poll(() => dialog.locator(`[data-asset-id="${refined}"]`).count(), poll).toBe(1);
    await expect.poll(() => imagesLoaded(line), poll).toEqual([true, true]);
    expect(await dialog.getByText('Done', { exact: true }).count()).toBe(1);

    // The first version opens again from the line.
    await button(line, 'Version 1').click();
    await expect.poll(() => dialog.locator(`[data-asset-id="${assetId}"]`).count(), poll).toBe(1);
    expect(await dialog.locator('[aria-current="true"]').getAttribute('aria-label')).toBe('Version 1');
    await button(dialog, 'Close').click();
    await expect.poll(() => dialog.count(), poll).toBe(0);
  }, 120_000);

  it(
    'makes a brand pack from the dashboard, its pieces filling in until every one is done, and downloads it as one zip',
    async () => {
      const { dashboard } = views;
      const section = dashboard.getByRole('region', { name: 'Brand pack', exact: true });
      await section.getByLabel('Emote subjects (optional)', { exact: true }).fill('laughing');
      const started = Date.now();
      await button(section, 'Brand pack').click();
      const shown = section.locator('[data-pack-id]');
      await expect.poll(() => shown.count(), poll).toBe(1);
      const packId = (await shown.getAttribute('data-pack-id'))!;
      const pieces = section.locator('ul[aria-label="Pack pieces"] > li[data-piece-key]');
      const statuses = () => pieces.evaluateAll((items) => items.map((li) => li.dataset.status));
      // Filling in live: some piece is seen under way or done while others still wait.
      await expect
        .poll(
          async () => {
            const now = await statuses();
            return now.includes('completed') && now.some((status) => status !== 'completed');
          },
          { timeout: PACK_MS, interval: 100 },
        )
        .toBe(true);
      await expect
        .poll(() => shown.getAttribute('data-status'), { timeout: PACK_MS, interval: 250 })
        .toBe('completed');
      console.info(
        `e2e: a one-subject brand pack took ${((Date.now() - started) / 1000).toFixed(1)} s in the rig`,
      );

      const pack = await api.pack(packId);
      expect(pack.status).toBe('completed');
      expect(await statuses()).toEqual(pack.pieces.map(() => 'completed'));
      expect(pack.pieces.length).toBe(14);
      await expect.poll(() => section.locator('img').count(), poll).toBe(pack.pieces.length);
      await section.locator('ul[aria-label="Pack pieces"]').scrollIntoViewIfNeeded();
      await expect
        .poll(
          async () => (await imagesLoaded(section.locator('ul[aria-label="Pack pieces"]'))).every(Boolean),
          poll,
        )
        .toBe(true);
      expect(await button(section, 'Cancel').count()).toBe(0);

      const download = section.getByRole('link', { name: 'Download pack', exact: true });
      await download.hover();
      await expect.poll(() => download.getAttribute('href'), poll).toContain(packId);
      const zip = await fetch((await download.getAttribute('href'))!);
      expect(zip.status).toBe(200);
      expect(zip.headers.get('content-type')).toBe('application/zip');
      const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
      const names = Object.keys(files);
      // Every piece's files: one per size (an emote's and a badge's three, a panel's one).
      const expected = (await Promise.all(pack.pieces.map((piece) => api.asset(piece.assetId!)))).reduce(
        (sum, asset) => sum + asset.files.length,
        0,
      );
      expect(names).toHaveLength(expected);
      for (const name of names) expect(name).toMatch(/\.png$/);
      for (const data of Object.values(files)) expect([...data.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    },
    PACK_MS + 60_000,
  );

  it('uploads a reference image to a kit in the config view, shows its private thumbnail, refuses a non-image and deletes it', async () => {
    const { config } = views;
    await config.getByLabel('Brand kit to edit', { exact: true }).selectOption(kitId);
    const section = config.getByRole('region', { name: 'Reference images', exact: true });
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#d08040' } })
      .png()
      .toBuffer();
    await section.getByLabel('What it shows', { exact: true }).fill('Mochi, my cat');
    await section
      .getByLabel('Reference image', { exact: true })
      .setInputFiles({ name: 'mochi.png', mimeType: 'image/png', buffer: photo });
    await button(section, 'Upload reference').click();
    const thumb = section.getByRole('img', { name: 'Mochi, my cat', exact: true });
    await expect.poll(() => thumb.count(), poll).toBe(1);
    await expect
      .poll(() => imagesLoaded(section.locator('ul[aria-label="Reference images"]')), poll)
      .toEqual([true]);
    const [kept] = (await api.referenceImages({ brandKitId: kitId })).items;
    expect(kept).toMatchObject({ label: 'Mochi, my cat', contentType: 'image/png', brandKitId: kitId });

    // Named like a PNG, so only the server's sniffing can tell: its refusal is shown, nothing is kept.
    await section.getByLabel('What it shows', { exact: true }).fill('not a picture');
    await section
      .getByLabel('Reference image', { exact: true })
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text') });
    await button(section, 'Upload reference').click();
    await expect.poll(() => section.getByRole('alert').count(), poll).toBe(1);
    expect((await api.referenceImages({ brandKitId: kitId })).items).toHaveLength(1);
    errors.take(); // the refused upload's 4xx, which Chromium logs as a failed load

    await button(section, 'Delete Mochi, my cat').click();
    await expect.poll(() => thumb.count(), poll).toBe(0);
    expect((await api.referenceImages({ brandKitId: kitId })).items).toEqual([]);
  }, 60_000);
});
