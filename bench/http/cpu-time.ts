import { readFileSync } from 'node:fs';

/** The kernel's clock tick for /proc times (USER_HZ), 100 on every Linux the bench runs on. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time process `pid` has used so far, all its threads, user and system, in seconds; NaN
 * where there is no /proc. Unlike requests per second, it does not move when a neighbour on the
 * host takes the cores: what a request costs the server, measured on a machine that is not quiet.
 */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state is field 3, utime 14, stime 15 (proc(5)); comm may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
