import { setFlagsFromString } from 'node:v8';
import { ConfigError } from './config/index.js';
import { banner, startServer } from './start.js';

/**
 * V8 lets the old generation grow to about four times what survived the last full collection
 * before collecting again. Under a raid of reads almost nothing survives (the server holds about
 * 30 MB live), yet the heap swelled to ~130 MB between collections: most of the RSS it gained
 * under load. Growing by half instead keeps that near 10 MB, at a full collection (3–8 ms,
 * mostly concurrent) every second or so under load. Read at each collection, so setting it here
 * applies however the server is started. The young generation's size is read only when V8
 * starts, so its flag (`--max-semi-space-size=4`) is in `npm start`'s command instead.
 */
setFlagsFromString('--heap-growing-percent=50');

/**
 * The embedded database is Postgres compiled to WebAssembly (PGlite). V8 compiles it twice: at
 * once with its baseline compiler, Liftoff, then again with TurboFan in background threads for
 * the functions that run hot. Those threads' malloc arenas kept ~70 MB after the recompilation
 * (idle RSS 233 → 161 MB without it) for 15–20% more throughput on the queries no cache answers:
 * the reads viewers make are answered from memory, so the server keeps Liftoff's code. Read when
 * a module is compiled, so setting it before the database opens is enough; with Postgres nothing
 * else the server runs is WebAssembly but undici's HTTP parser.
 */
setFlagsFromString('--liftoff-only');

/** `npm start`: the server, the worker, and a banner that says how to use them. */
try {
  const running = await startServer();
  process.stdout.write(banner(running));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write(`\n  ${signal}: finishing running jobs, then stopping…\n`);
      void running.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  // A setting at fault is the operator's to fix: say which, without a stack trace.
  if (error instanceof ConfigError) console.error(`streamer-studio: ${error.message}`);
  else console.error('streamer-studio: could not start:', error);
  process.exit(1);
}
