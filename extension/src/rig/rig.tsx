import { useEffect, useRef, useState } from 'preact/hooks';
import { RIG_SOURCE, type RigMessage, type RigRole } from './rig-protocol.js';

interface Frame {
  readonly title: string;
  readonly page: string;
  readonly role: RigRole;
  readonly width: number;
  readonly height: number;
}

/** Where Twitch shows each view, at the sizes it gives them. */
const FRAMES: readonly Frame[] = [
  {
    title: 'Dashboard · broadcaster (live_config)',
    page: 'live_config.html',
    role: 'broadcaster',
    width: 620,
    height: 760,
  },
  { title: 'Panel · broadcaster', page: 'panel.html', role: 'broadcaster', width: 318, height: 500 },
  { title: 'Panel · viewer', page: 'panel.html', role: 'viewer', width: 318, height: 500 },
  { title: 'Configuration · broadcaster', page: 'config.html', role: 'broadcaster', width: 620, height: 760 },
];

/** Sends a message to every framed view, as Twitch's helper would learn of it. */
function tellViews(message: RigMessage) {
  for (const frame of document.querySelectorAll('iframe'))
    frame.contentWindow?.postMessage(message, location.origin);
}

/**
 * The local rig: every view of the extension side by side, each as the role Twitch would give it,
 * with tokens signed by this server (local mode only). No Twitch account needed.
 */
export function Rig() {
  const [theme, setTheme] = useState<'dark' | 'light'>('dark');
  const first = useRef(true);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    if (first.current) {
      first.current = false;
      return;
    }
    tellViews({ source: RIG_SOURCE, type: 'context', theme });
  }, [theme]);

  return (
    <div class="rig">
      <header class="rig-bar">
        <h1>Streamer Studio · local rig</h1>
        <span class="muted small">channel “local”, tokens signed by this server</span>
        <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
        <button type="button" onClick={() => tellViews({ source: RIG_SOURCE, type: 'renew-token' })}>
          Renew tokens
        </button>
      </header>
      <div class="rig-frames">
        {FRAMES.map((frame) => (
          <section class="rig-frame" key={`${frame.page}-${frame.role}`}>
            <h2 class="small muted">{frame.title}</h2>
            <iframe
              title={frame.title}
              name={`${frame.page.replace('.html', '')}-${frame.role}`}
              src={`${frame.page}?role=${frame.role}`}
              width={frame.width}
              height={frame.height}
            />
          </section>
        ))}
      </div>
    </div>
  );
}
