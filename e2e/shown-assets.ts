import type { Page } from 'playwright-core';

const KEY = '__e2eShownAssets';

/**
 * Records, from before the page's own scripts run, every asset id its document ever names (an
 * `/asset/<id>` link or a `data-asset-id`), even one shown and cleared between two looks.
 */
export async function recordShownAssets(page: Page): Promise<void> {
  await page.addInitScript((key) => {
    const seen = new Set<string>();
    (window as unknown as Record<string, unknown>)[key] = seen;
    const scan = () => {
      const html = document.documentElement.outerHTML;
      for (const match of html.matchAll(/\/asset\/([\w-]+)|data-asset-id="([\w-]+)"/g))
        seen.add((match[1] ?? match[2])!);
    };
    new MutationObserver(scan).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  }, KEY);
}

/** The asset ids the page has named since it opened. */
export const shownAssets = (page: Page): Promise<string[]> =>
  page.evaluate((key) => [...((window as unknown as Record<string, Set<string>>)[key] ?? [])], KEY);
