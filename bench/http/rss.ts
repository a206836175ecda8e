import { readFileSync } from 'node:fs';

/** The resident set of process `pid` in MB (VmRSS from /proc), or NaN where there is no /proc. */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples `pid`'s RSS every `everyMs` until `stop()`, which returns the largest seen. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let max = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (Number.isNaN(max) || now > max) max = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const last = rssMb(pid);
      return Number.isNaN(max) || last > max ? last : max;
    },
  };
}
