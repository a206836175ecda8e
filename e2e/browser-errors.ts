import type { ConsoleMessage, Page, Request } from 'playwright-core';

/** The name of the frame that asked for `request` (the rig names its iframes after view and role). */
function frameOf(request: Request): string {
  try {
    return request.frame().name() || 'rig page';
  } catch {
    return 'a worker';
  }
}

/**
 * Collects console errors and uncaught exceptions from `page` and every frame in it, each with
 * the URL it came from and, for a failed load, the frame that asked. CSP violations are console
 * errors in Chromium ("Refused to …"), so they count too.
 */
export function watchBrowserErrors(page: Page) {
  let errors: string[] = [];
  const requestedBy = new Map<string, string>();
  const add = (text: string) => {
    errors.push(text);
  };
  page.on('request', (request) => requestedBy.set(request.url(), frameOf(request)));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    const frame = requestedBy.get(url);
    add(`console.error${frame ? ` in ${frame}` : ''}: ${message.text()} (at ${url})`);
  });
  page.on('pageerror', (error) => add(`uncaught: ${error.stack ?? error.message}`));
  page.on('crash', () => add('the page crashed'));
  return {
    /** The errors since the last call, which starts a fresh list. */
    take(): string[] {
      const taken = errors;
      errors = [];
      return taken;
    },
  };
}
