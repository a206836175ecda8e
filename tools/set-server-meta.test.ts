import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { serverUrl } from '../extension/src/studio/server-url.js';
import { PackageError } from './package-error.js';
import { setServerMeta } from './set-server-meta.js';

const PAGE =
  '<!doctype html><html><head><meta charset="utf-8" /><meta name="streamer-studio-server" content="" /><title>x</title></head><body></body></html>';

/** The server URL a view reads from `html`, through the views' own `serverUrl`. */
function urlSeenByView(html: string): string {
  const window = new Window({ url: 'https://abc123.ext-twitch.tv/abc123/0.0.1/hash/panel.html' });
  window.document.write(html);
  return serverUrl(window.document as unknown as Document);
}

describe('the server URL written into a view', () => {
  it('is what the view then calls, instead of its own origin (Twitch’s CDN)', () => {
    expect(urlSeenByView(PAGE)).toBe('https://abc123.ext-twitch.tv');
    expect(urlSeenByView(setServerMeta('panel.html', PAGE, 'https://studio.example.com/base'))).toBe(
      'https://studio.example.com/base',
    );
  });

  it('is escaped, so a URL cannot end the attribute', () => {
    const html = setServerMeta('panel.html', PAGE, 'https://studio.example.com/?a=1&b="2"');
    expect(html).toContain('content="https://studio.example.com/?a=1&amp;b=&quot;2&quot;"');
    expect(urlSeenByView(html)).toBe('https://studio.example.com/?a=1&b="2"');
  });

  it('needs exactly one such meta in the page', () => {
    expect(() => setServerMeta('panel.html', '<html><head></head></html>', 'https://s.example.com')).toThrow(
      PackageError,
    );
    const twice = PAGE.replace('<title>', '<meta name="streamer-studio-server" content="" /><title>');
    expect(() => setServerMeta('panel.html', twice, 'https://s.example.com')).toThrow(/panel\.html has 2 /);
  });
});
