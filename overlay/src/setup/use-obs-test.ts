import { useCallback, useState } from 'preact/hooks';
import type { ObsSocket } from '../obs/obs-socket.js';
import type { ObsTarget } from '../url/overlay-config.js';
import { type ObsTestResult, testObsConnection } from './test-obs-connection.js';

/** The OBS connection test behind the button: its last result, and the scenes of the last success. */
export function useObsTest(createSocket?: () => ObsSocket) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ObsTestResult | null>(null);
  const [scenes, setScenes] = useState<{ names: readonly string[]; current: string } | null>(null);
  const run = useCallback(
    async (target: ObsTarget) => {
      setBusy(true);
      setResult(null);
      const outcome = await testObsConnection(target, createSocket ? { createSocket } : {});
      setResult(outcome);
      if (outcome.ok) setScenes({ names: outcome.scenes, current: outcome.currentScene });
      setBusy(false);
    },
    [createSocket],
  );
  return { busy, result, scenes, run };
}
