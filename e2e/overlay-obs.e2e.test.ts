import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createStudioApi, type StudioApi } from '../client/index.js';
import { inputNameFor } from '../overlay/src/obs/scene-sync.js';
import { freePort, type ObsProcess, obsMissing, startObs } from '../overlay/src/obs/testing/obs-process.js';
import { OVERLAY_MANIFEST } from '../overlay/src/overlay-manifest.js';
import { type OverlayConfig, overlayUrl, parseOverlayConfig } from '../overlay/src/url/overlay-config.js';
import { watchBrowserErrors } from './browser-errors.js';
import { chromiumMissing, describeUnlessMissing } from './describe-with-chromium.js';
import { saveFailureArtifacts } from './failure-artifacts.js';
import { type GeneratedAsset, generateAsset } from './generated-asset.js';
import { launchChromium } from './launch-chromium.js';
import { connectObsScene, type ObsScene } from './obs-scene.js';
import { pollUntil } from './poll-until.js';
import { boxPixels } from './scene-pixels.js';
import { recordShownAssets, shownAssets } from './shown-assets.js';
import { type StudioProcess, startStudioProcess } from './start-studio-process.js';

/** The OBS ports of the e2e suite and the overlay bench (the scene sync's own suite keeps to 4461–4469). */
const E2E_OBS_PORTS = [4471, 4479] as const;
const OBS_PASSWORD = 'e2e-obs-password';
const SCENE = 'E2E Scene';
/** A kit whose primary no other pixel of the empty scene has: a green badge means the emote is drawn. */
const KIT_COLOURS = { primary: '#00e060', secondary: '#1f1f23', accent: '#ffb31a' };
/** From a job's end to OBS showing it: the goal is 100 ms; a slow shared machine gets far more. */
const OBS_MS = 15_000;
/** OBS restarted: the page's backoff has to come round again. */
const RECONNECT_MS = 30_000;
const JOB_MS = 30_000;

const EMOTE_SLOT = OVERLAY_MANIFEST.slots.emote!;
const EMOTE_INPUT = inputNameFor({ name: 'emote' });

/** A browser opening an obs-websocket to an OBS that is not listening logs this itself; expected while OBS is down. */
const REFUSED_SOCKET = /WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/?' failed/;

describeUnlessMissing(
  'the OBS overlay against a real OBS (headless Chromium, npm start, start-obs.sh)',
  obsMissing() ?? chromiumMissing(),
  () => {
    let obsPort: number;
    let obs: ObsProcess | undefined;
    let scene: ObsScene | undefined;
    let studio: StudioProcess;
    let api: StudioApi;
    let viewerToken: string;
    let browser: Browser;
    let page: Page;
    let errors: ReturnType<typeof watchBrowserErrors>;
    /** Pages a test opened besides the overlay (the wrong password's), saved too when it fails. */
    let otherPages: Page[] = [];
    /** Browser errors a test expects, such as refused sockets while OBS is stopped. */
    let expectedErrors: RegExp[] = [];

    async function startOurObs() {
      obs = await startObs(obsPort, OBS_PASSWORD);
      scene = await connectObsScene(obs.url, obs.password);
    }

    async function stopOurObs() {
      await scene?.close().catch(() => undefined);
      scene = undefined;
      await obs?.stop();
      obs = undefined;
    }

    const config = (password: string): OverlayConfig => ({
      ...parseOverlayConfig(
        // One second on screen per asset, not eight: the page shows a burst one at a time.
        new URL(`${studio.url}/overlay?token=${viewerToken}&scene=${encodeURIComponent(SCENE)}&show=1`),
        OVERLAY_MANIFEST,
      ),
      obs: { url: `ws://127.0.0.1:${obsPort}`, password },
    });

    /** Opens the overlay with `password` for OBS, watched for errors and for the assets it shows from its first script on. */
    async function openOverlay(password: string) {
      const opened = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      opened.setDefaultTimeout(OBS_MS);
      const watched = watchBrowserErrors(opened);
      await recordShownAssets(opened);
      await opened.goto(overlayUrl(`${studio.url}/overlay`, config(password), OVERLAY_MANIFEST));
      return { page: opened, errors: watched };
    }

    async function makeViewerToken(): Promise<string> {
      const response = await fetch(`${studio.url}/api/v1/tokens`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${studio.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'overlay', role: 'viewer' }),
      });
      const body = (await response.json()) as { token?: string };
      if (response.status !== 201 && response.status !== 200)
        throw new Error(`POST /api/v1/tokens answered ${response.status}: ${JSON.stringify(body)}`);
      if (!body.token?.startsWith('sst_')) throw new Error(`no API token in ${JSON.stringify(body)}`);
      return body.token;
    }

    /** The emote slot's items in the scene. */
    const emoteItems = async () =>
      (await (scene ?? fail('no OBS')).items(SCENE)).filter((item) => item.sourceName === EMOTE_INPUT);
    /** Which asset the emote slot's input points at (its `file`), or null without the input. */
    const emoteFile = async () => {
      const settings = await (scene ?? fail('no OBS')).inputSettings(EMOTE_INPUT);
      return settings ? String(settings.file ?? settings.url ?? '') : null;
    };
    const pointsAt = (file: string | null, assetId: string) => file?.includes(`/asset/${assetId}`) ?? false;

    /** The status dot's words, as a person (or a screen reader) gets them. */
    const statusText = async (on: Page) => (await on.getByRole('status').allInnerTexts()).join(' ');

    beforeAll(async () => {
      obsPort = await freePort(...E2E_OBS_PORTS);
      await startOurObs();
      studio = await startStudioProcess();
      api = createStudioApi({ baseUrl: studio.url, getToken: () => studio.token });
      await api.createBrandKit({ name: 'OBS kit', colors: KIT_COLOURS, active: true });
      viewerToken = await makeViewerToken();
      browser = await launchChromium();
      ({ page, errors } = await openOverlay(OBS_PASSWORD));
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await studio?.stop();
      await stopOurObs();
    });

    afterEach(async ({ task }) => {
      if (!page) return;
      const seen = errors.take();
      const unexpected = seen.filter((error) => !expectedErrors.some((pattern) => pattern.test(error)));
      expectedErrors = [];
      if (task.result?.state === 'fail' || unexpected.length > 0) {
        const dir = await saveFailureArtifacts(page, task.name, {
          'server-output.txt': studio.output(),
          'browser-errors.txt': seen.join('\n\n'),
          'obs.log': (await obs?.log()) ?? 'OBS was not running',
        });
        for (const [at, other] of otherPages.entries())
          await other
            .screenshot({ path: join(dir, `other-page-${at + 1}.png`), timeout: 10_000 })
            .catch(() => undefined);
        const shot = await scene?.screenshot(SCENE).catch(() => undefined);
        if (shot) await writeFile(join(dir, 'obs-scene.png'), shot);
        console.warn(`e2e: screenshots of the overlay and of OBS's scene for "${task.name}" are in ${dir}`);
      }
      for (const other of otherPages) await other.close().catch(() => undefined);
      otherPages = [];
      expect(unexpected, 'console errors, uncaught exceptions or CSP violations in the overlay').toEqual([]);
    });

    async function arrives(asset: GeneratedAsset, timeout = OBS_MS): Promise<void> {
      await pollUntil(emoteFile, (file) => pointsAt(file, asset.assetId), timeout);
    }

    /** Waits for the overlay page to show `asset` (after those queued before it). */
    async function onPage(asset: GeneratedAsset): Promise<void> {
      await pollUntil(
        () => shownAssets(page),
        (ids) => ids.includes(asset.assetId),
        OBS_MS,
      );
    }

    it('puts a published emote into the scene as the slot’s one input, pointing at its public file', async () => {
      // Made private, then published: the page learns of it from the asset's update, not its creation.
      const first = await generateAsset(api, 'a green frog waving', {
        visibility: 'private',
        timeoutMs: JOB_MS,
      });
      await api.setVisibility(first.assetId, 'public');
      await arrives(first);
      const items = await emoteItems();
      expect(items, `${EMOTE_INPUT} in ${SCENE}`).toHaveLength(1);
      expect(items[0]!.inputKind).toMatch(/^(image_source|browser_source)$/);
      await onPage(first);
    }, 60_000);

    it('updates the same input for the next published emote, never adding a second', async () => {
      const before = await emoteItems();
      const second = await generateAsset(api, 'a green owl winking', { timeoutMs: JOB_MS });
      await arrives(second);
      const after = await emoteItems();
      expect(after).toHaveLength(1);
      expect(after[0]!.sceneItemId).toBe(before[0]!.sceneItemId);
      // And no input of that name anywhere but this one item.
      expect(
        (await scene!.items(SCENE)).filter((item) => item.sourceName.startsWith('Streamer Studio')),
      ).toEqual(after);
    }, 60_000);

    it('shows the emote’s pixels in OBS inside the slot’s box, and nothing outside it', async () => {
      const { box } = EMOTE_SLOT;
      // The image loads asynchronously inside OBS after its settings change: poll the picture.
      const measured = await pollUntil(
        async () => boxPixels(await scene!.screenshot(SCENE), box, [KIT_COLOURS.primary]),
        (pixels) => pixels.colourInBox > 0.05,
        OBS_MS,
      );
      // The badge is a primary-to-accent gradient over about half the box.
      expect(measured.colourInBox).toBeGreaterThan(0.05);
      expect(measured.litOutside, 'non-black pixels outside the emote slot').toBe(0);
      expect(measured.litBounds, 'where the scene is drawn at all').not.toBeNull();
      const lit = measured.litBounds!;
      expect(lit.x).toBeGreaterThanOrEqual(box.x - 3);
      expect(lit.y).toBeGreaterThanOrEqual(box.y - 3);
      expect(lit.x + lit.width).toBeLessThanOrEqual(box.x + box.width + 3);
      expect(lit.y + lit.height).toBeLessThanOrEqual(box.y + box.height + 3);
      // Scaled into the box, not left at the file's size (the largest emote file is 112 px).
      expect(Math.max(lit.width, lit.height)).toBeGreaterThan(120);
    }, 30_000);

    it('never shows a private asset, on the page or in OBS', async () => {
      const seenInObs = new Set<string>();
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          const file = await emoteFile().catch(() => null);
          if (file) seenInObs.add(file);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      try {
        const hidden = await generateAsset(api, 'a secret green cat', {
          visibility: 'private',
          timeoutMs: JOB_MS,
        });
        // Events reach the page in order: once a later public emote is in OBS, the private one had its chance.
        const after = await generateAsset(api, 'a green bird singing', { timeoutMs: JOB_MS });
        await arrives(after);
        // The page shows assets in the order they came: the private one would have come first.
        await onPage(after);
        expect([...seenInObs].filter((file) => pointsAt(file, hidden.assetId))).toEqual([]);
        expect(await shownAssets(page)).not.toContain(hidden.assetId);
        expect(await emoteItems()).toHaveLength(1);
      } finally {
        watching = false;
        await watcher;
      }
    }, 60_000);

    it('says on the status dot, in words, that OBS refused the password, and shows neither secret', async () => {
      const { page: wrong } = await openOverlay('not-the-password');
      otherPages.push(wrong);
      const text = await pollUntil(
        () => statusText(wrong),
        (shown) => shown.includes('OBS refused the password'),
        OBS_MS,
      );
      expect(text).not.toContain('not-the-password');
      expect(text).not.toContain(viewerToken);
      const visible = await wrong.locator('body').innerText();
      expect(visible).not.toContain('not-the-password');
      expect(visible).not.toContain(viewerToken);
      // The page with the right password is still connected and says nothing of the kind.
      expect(await statusText(page)).not.toMatch(/password/i);
    }, 30_000);

    it('brings an emote published while OBS was stopped into OBS once it is back', async () => {
      expectedErrors = [REFUSED_SOCKET];
      await stopOurObs();
      await pollUntil(
        () => statusText(page),
        (shown) => shown.includes(`OBS is not running at ws://127.0.0.1:${obsPort}`),
        OBS_MS,
      );
      const meanwhile = await generateAsset(api, 'a green turtle sleeping', { timeoutMs: JOB_MS });
      await onPage(meanwhile);

      await startOurObs();
      // A fresh OBS (a new config dir) has no such scene: the page makes it and the slot's input again.
      // Read together and polled to the end state, so a failure shows both halves as OBS last had them.
      const inObs = async () => ({ file: await emoteFile(), items: (await emoteItems()).length });
      await pollUntil(
        inObs,
        (seen) => pointsAt(seen.file, meanwhile.assetId) && seen.items === 1,
        RECONNECT_MS,
      );
    }, 90_000);
  },
);

function fail(message: string): never {
  throw new Error(message);
}
