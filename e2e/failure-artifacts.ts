import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where a failing e2e test leaves its screenshots and logs (ignored by git, kept by CI). */
export const ARTIFACTS_DIR = join(import.meta.dirname, '..', 'test-artifacts', 'e2e');

const fileSafe = (text: string) =>
  text
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/**
 * Saves what a failing test saw: the whole page, each named frame on its own, and `extra` text
 * files (the server's output, the browser errors). Never throws: a screenshot that cannot be
 * taken must not hide the failure that asked for it.
 */
export async function saveFailureArtifacts(
  page: Page,
  testName: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const dir = join(ARTIFACTS_DIR, fileSafe(testName));
  await mkdir(dir, { recursive: true });
  const shots = [page.screenshot({ path: join(dir, 'page.png'), fullPage: true, timeout: 10_000 })];
  for (const frame of page.frames())
    if (frame !== page.mainFrame() && frame.name())
      shots.push(
        frame
          .locator('html')
          .screenshot({ path: join(dir, `frame-${fileSafe(frame.name())}.png`), timeout: 10_000 }),
      );
  const files = Object.entries(extra).map(([name, text]) => writeFile(join(dir, name), text));
  const results = await Promise.allSettled([...shots, ...files]);
  for (const result of results)
    if (result.status === 'rejected')
      console.warn(`e2e: could not save an artefact in ${dir}:`, result.reason);
  return dir;
}
