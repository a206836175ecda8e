import type { ConsoleMessage, Page } from 'playwright-core';

/** Errors that say nothing about the product: Chromium asks every origin for a favicon. */
const EXPECTED: readonly RegExp[] = [/\/favicon\.ico\b/];

/**
 * Collects console errors and uncaught exceptions from `page` and every frame in it, each with
 * the URL it came from. CSP violations are console errors in Chromium ("Refused to …"), so they
 * count too.
 */
export function watchBrowserErrors(page: Page) {
  let errors: string[] = [];
  const add = (text: string) => {
    if (!EXPECTED.some((pattern) => pattern.test(text))) errors.push(text);
  };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') add(`console.error: ${message.text()} (at ${message.location().url})`);
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
