import type { RouteLoad } from './load-route.js';
import type { TargetFigures } from './measure-target.js';

/** One server measured, or why it could not be. */
export interface TargetResult {
  readonly label: string;
  readonly figures?: TargetFigures;
  readonly failed?: string;
}

const NAME = 44;
const cell = (text: string, width: number) => text.padStart(width);
const num = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function loadCells(load: RouteLoad, bare: RouteLoad): string {
  return (
    cell(num(load.rps, 0), 8) +
    cell(num(load.p50Ms, 1), 8) +
    cell(num(load.p99Ms, 1), 8) +
    cell(String(load.errors), 7) +
    cell(`${num(load.rps / bare.rps, 2)}×`, 8) +
    cell(num(load.cpuUs, 0), 8) +
    cell(`${num(bare.cpuUs / load.cpuUs, 2)}×`, 8)
  );
}

const GROUP = 55;

/** The rows' notes (a response's size, unexpected statuses) once when all servers agree, else per server. */
function noteTrailer(targets: readonly TargetResult[], notes: readonly string[]): string {
  const said = [...new Set(notes.filter(Boolean))];
  if (said.length === 0) return '';
  if (said.length === 1 && notes.every((n) => n === said[0])) return `   (${said[0]})`;
  return `   (${targets
    .map((t, i) => (notes[i] ? `${t.label}: ${notes[i]}` : ''))
    .filter(Boolean)
    .join('; ')})`;
}

function routeLines(bare: RouteLoad, bareFile: RouteLoad, targets: readonly TargetResult[]): string[] {
  const ok = targets.filter((t) => t.figures);
  const names = ok[0]?.figures?.rows.map((r) => r.name) ?? [];
  const lines = [
    ''.padEnd(NAME) + ok.map((t) => cell(`— ${t.label} —`, GROUP)).join(''),
    'route'.padEnd(NAME) +
      ok
        .map(
          () =>
            `${cell('req/s', 8)}${cell('p50 ms', 8)}${cell('p99 ms', 8)}${cell('errors', 7)}${cell('× bare', 8)}${cell('µs cpu', 8)}${cell('× bare', 8)}`,
        )
        .join(''),
    'bare Hono JSON (a process of its own)'.padEnd(NAME) + ok.map(() => loadCells(bare, bare)).join(''),
    // What any server pays to send a file's bytes: the ceiling of the /asset rows.
    '  bare Hono, 13.8 KB of PNG-like bytes'.padEnd(NAME) + ok.map(() => loadCells(bareFile, bare)).join(''),
  ];
  names.forEach((name, i) => {
    const notes = ok.map((t) => {
      const row = t.figures!.rows[i];
      return [row?.load ? row.note : undefined, row?.load?.statuses].filter(Boolean).join(', ');
    });
    const cells = ok.map((t) => {
      const row = t.figures!.rows[i];
      return row?.load ? loadCells(row.load, row.bare ?? bare) : cell(row?.note ?? '—', GROUP);
    });
    lines.push(name.padEnd(NAME) + cells.join('') + noteTrailer(ok, notes));
  });
  const paired = ok.flatMap((t) => t.figures!.rows.flatMap((r) => (r.bare ? [r.bare.rps] : [])));
  if (paired.length > 0)
    lines.push(
      `  (each route's × bare is against bare Hono JSON loaded just before it: ${num(Math.min(...paired), 0)}–${num(Math.max(...paired), 0)} req/s over ${paired.length} runs;`,
      "   µs cpu: the server process's CPU time per answer, all threads, and bare Hono's per answer ÷ the route's)",
    );
  return lines;
}

function footprintLines(targets: readonly TargetResult[]): string[] {
  const ok = targets.filter((t) => t.figures).map((t) => t.figures!);
  const line = (name: string, value: (f: TargetFigures) => string) =>
    name.padEnd(NAME) + ok.map((f) => cell(value(f), GROUP)).join('');
  return [
    line('fresh start (new DATA_DIR), spawn → 200', (f) => `${num(f.freshStartMs / 1000, 2)} s`),
    line('  RSS 2 s after', (f) => `${num(f.freshRssMb, 0)} MB`),
    line('warm start (same DATA_DIR), spawn → 200', (f) => `${num(f.warmStartMs / 1000, 2)} s`),
    line('  idle RSS 2 s after', (f) => `${num(f.idleRssMb, 0)} MB`),
    line('RSS under the route load (max, every 100 ms)', (f) => `${num(f.loadRssMb, 0)} MB`),
    line('seeding 20 public emotes (preview)', (f) => `${num(f.seedSeconds, 1)} s`),
  ];
}

/** Prints one database's route table beside bare Hono, then start time and memory, per server. */
export function printSection(bare: RouteLoad, bareFile: RouteLoad, targets: readonly TargetResult[]): void {
  for (const t of targets) if (t.failed) console.log(`  ${t.label}: failed: ${t.failed}`);
  if (!targets.some((t) => t.figures)) return;
  for (const line of [...routeLines(bare, bareFile, targets), '', ...footprintLines(targets)])
    console.log(`  ${line}`);
}
