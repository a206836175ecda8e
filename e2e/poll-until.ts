import { expect } from 'vitest';

/** Polls `read` until `ended` holds for what it answers, and gives that answer; fails after `timeout` ms. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  ended: (value: T) => boolean,
  timeout: number,
): Promise<T> {
  let last: T | undefined;
  await expect
    .poll(
      async () => {
        last = await read();
        return last;
      },
      { interval: 100, timeout },
    )
    .toSatisfy(ended);
  return last as T;
}
