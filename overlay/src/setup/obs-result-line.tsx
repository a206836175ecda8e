import type { ObsTestResult } from './test-obs-connection.js';

/** How the last OBS connection test went, in words. */
export function ObsResultLine({ busy, result }: { busy: boolean; result: ObsTestResult | null }) {
  if (busy)
    return (
      <p class="small muted verdict" role="status">
        Connecting to OBS…
      </p>
    );
  if (!result) return null;
  if (!result.ok)
    return (
      <p class="small verdict verdict-error" role="alert">
        {result.message}
      </p>
    );
  const count = result.scenes.length;
  return (
    <p class="small verdict verdict-ok" role="status">
      ✓ Connected to OBS {result.obsVersion}. {count} {count === 1 ? 'scene' : 'scenes'} listed under Scene.
    </p>
  );
}
