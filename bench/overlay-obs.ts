/**
 * Bench: from a job's completion on the server to its picture in a real OBS's scene. The server
 * runs as `npm start` runs it, the overlay page in headless Chromium, OBS headless under Xvfb
 * (../shared/obs/start-obs.sh). Each public emote is made one at a time; a watcher of our own
 * polls OBS for the emote slot's input settings and notes when each asset's URL first appears
 * there. The latency is that moment minus the job's `completedAt` (one machine, one clock).
 * Bounded in count and in time; nothing passes or fails.
 */
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { createStudioApi } from '../client/index.js';
import { chromiumMissing } from '../e2e/describe-with-chromium.js';
import { type GeneratedAsset, generateAsset } from '../e2e/generated-asset.js';
import { launchChromium } from '../e2e/launch-chromium.js';
import { connectObsScene, type ObsScene } from '../e2e/obs-scene.js';
import { type StudioProcess, startStudioProcess } from '../e2e/start-studio-process.js';
import { inputNameFor } from '../overlay/src/obs/scene-sync.js';
import { freePort, type ObsProcess, obsMissing, startObs } from '../overlay/src/obs/testing/obs-process.js';
import { OVERLAY_MANIFEST } from '../overlay/src/overlay-manifest.js';
import { overlayUrl, parseOverlayConfig } from '../overlay/src/url/overlay-config.js';
import { BENCH_LIMITS } from './load.js';

const ASSETS = Number(process.env.BENCH_OVERLAY_ASSETS ?? 50);
const BUDGET_MS = Number(process.env.BENCH_OVERLAY_SECONDS ?? 180) * 1000;
/** OBS ports shared with the e2e suite (the first free one is taken, so both can run at once). */
const OBS_PORTS = [4471, 4479] as const;
const OBS_PASSWORD = 'bench-obs-password';
const SCENE = 'Bench Scene';
const GOAL_P99_MS = 100;
/** How long one asset may take to reach OBS before it counts as missed. */
const ARRIVAL_MS = 10_000;
const INPUT = inputNameFor({ name: 'emote' });

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? Number.NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const sleep = (wait: number) => new Promise((resolve) => setTimeout(resolve, wait));

/**
 * Polls the slot's input as fast as OBS answers (with a 1 ms breath) and keeps, for each `file`
 * it has shown, when it was first seen (`Date.now()`, the clock `completedAt` is on).
 */
function watchInput(scene: ObsScene) {
  const firstSeen = new Map<string, number>();
  let polls = 0;
  let running = true;
  const started = performance.now();
  const done = (async () => {
    while (running) {
      const settings = await scene.inputSettings(INPUT).catch(() => null);
      const file = String(settings?.file ?? settings?.url ?? '');
      if (file && !firstSeen.has(file)) firstSeen.set(file, Date.now());
      polls++;
      await sleep(1);
    }
  })();
  return {
    /** When a URL of `assetId` first showed in OBS, once it has (or undefined after `timeout`). */
    async seen(assetId: string, timeout: number): Promise<number | undefined> {
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        for (const [file, at] of firstSeen) if (file.includes(`/asset/${assetId}`)) return at;
        await sleep(5);
      }
      return undefined;
    },
    /** The mean time between two looks at OBS, the figures' resolution. */
    meanPollMs: () => (performance.now() - started) / Math.max(1, polls),
    async stop() {
      running = false;
      await done;
    },
  };
}

async function viewerToken(studio: StudioProcess): Promise<string> {
  const response = await fetch(`${studio.url}/api/v1/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${studio.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'overlay bench', role: 'viewer' }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!token) throw new Error(`POST /api/v1/tokens answered ${response.status} without a token`);
  return token;
}

/** Runs the bench and prints its figures, or one line saying why it was skipped. */
export async function runOverlayObsBench(): Promise<void> {
  const title = 'overlay → OBS: job completed → its picture in a real OBS scene';
  const missing = obsMissing() ?? chromiumMissing();
  if (missing) {
    console.log(`${title}: skipped: ${missing}`);
    return;
  }
  let obs: ObsProcess | undefined;
  let studio: StudioProcess | undefined;
  let browser: Browser | undefined;
  let scene: ObsScene | undefined;
  let watcher: ReturnType<typeof watchInput> | undefined;
  try {
    obs = await startObs(await freePort(...OBS_PORTS), OBS_PASSWORD);
    studio = await startStudioProcess({ env: BENCH_LIMITS });
    const server = studio;
    const api = createStudioApi({ baseUrl: server.url, getToken: () => server.token });
    const token = await viewerToken(server);
    const config = parseOverlayConfig(
      new URL(`${server.url}/overlay?token=${token}&scene=${encodeURIComponent(SCENE)}&slots=emote`),
      OVERLAY_MANIFEST,
    );
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(
      overlayUrl(
        `${server.url}/overlay`,
        { ...config, obs: { url: obs.url, password: obs.password } },
        OVERLAY_MANIFEST,
      ),
    );
    scene = await connectObsScene(obs.url, obs.password);
    watcher = watchInput(scene);

    const deadline = Date.now() + BUDGET_MS;
    const arrival = async (asset: GeneratedAsset) => {
      const seenAt = await watcher!.seen(asset.assetId, ARRIVAL_MS);
      return seenAt === undefined ? undefined : seenAt - asset.completedAt;
    };
    // The first one makes the scene and the input; the rest update it, which is what a stream sees.
    const first = await arrival(await generateAsset(api, 'a bench cat, first', { pollMs: 20 }));
    const latencies: number[] = [];
    let missed = 0;
    for (let n = 1; n <= ASSETS && Date.now() < deadline; n++) {
      const latency = await arrival(await generateAsset(api, `a bench cat number ${n}`, { pollMs: 20 }));
      if (latency === undefined) missed++;
      else latencies.push(latency);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const p99 = percentile(sorted, 0.99);
    console.log(`${title} (${INPUT}, image_source)`);
    console.log(
      `  ${sorted.length} assets: p50 ${ms(percentile(sorted, 0.5))}, p99 ${ms(p99)}, max ${ms(sorted.at(-1) ?? Number.NaN)} (goal: p99 < ${GOAL_P99_MS} ms${sorted.length > 0 ? (p99 < GOAL_P99_MS ? ', met' : ', missed') : ''})`,
    );
    if (sorted.length > 0 && sorted.length < 100)
      console.log(
        `  (of ${sorted.length} figures the p99 is the slowest: BENCH_OVERLAY_ASSETS=200 for a p99 with room)`,
      );
    console.log(
      `  first asset (creates the scene and input): ${first === undefined ? 'never arrived' : ms(first)}; ${missed} not in OBS within ${ARRIVAL_MS / 1000} s; OBS polled every ${ms(watcher.meanPollMs())} on average (the figures' resolution)`,
    );
  } finally {
    await watcher?.stop();
    await scene?.close().catch(() => undefined);
    await browser?.close();
    await studio?.stop();
    await obs?.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runOverlayObsBench();
