import type { Frame } from 'playwright-core';

/** The status words a job's row shows, in the order a job moves through them. */
export const STATUS_WORDS = ['Queued', 'Processing', 'Done', 'Failed', 'Cancelled'] as const;
/** One of the words a job's row shows for its status. */
export type StatusWord = (typeof STATUS_WORDS)[number];

type Recorded = Record<string, StatusWord[]>;
const KEY = '__e2eJobStatuses';

/**
 * Records, inside `frame`, every status word each `li[data-job-id]` shows as it changes: a job
 * can go from Queued to Done in less time than a poll from outside would take to notice.
 */
export async function recordJobStatuses(frame: Frame): Promise<void> {
  await frame.evaluate(
    ({ key, words }) => {
      const seen: Record<string, string[]> = {};
      (window as unknown as Record<string, unknown>)[key] = seen;
      const pattern = new RegExp(`\\b(${words.join('|')})\\b`);
      const scan = () => {
        for (const row of document.querySelectorAll('li[data-job-id]')) {
          const word = (row.textContent ?? '').match(pattern)?.[1];
          const id = row.getAttribute('data-job-id');
          if (!word || !id) continue;
          const list = seen[id] ?? [];
          seen[id] = list;
          if (list.at(-1) !== word) list.push(word);
        }
      };
      new MutationObserver(scan).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
      scan();
    },
    { key: KEY, words: STATUS_WORDS as readonly string[] },
  );
}

/** The words job `jobId`'s row has shown since `recordJobStatuses`, oldest first. */
export async function jobStatuses(frame: Frame, jobId: string): Promise<StatusWord[]> {
  return frame.evaluate(
    ({ key, id }) => ((window as unknown as Record<string, Recorded | undefined>)[key]?.[id] ?? []) as never,
    { key: KEY, id: jobId },
  );
}
