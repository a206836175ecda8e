import { setFlagsFromString } from 'node:v8';
import { ConfigError } from './config/index.js';
import { banner, startServer } from './start.js';

/**
 * V8 lets the old generation grow to about four times what survived the last full collection
 * before collecting again. Under a raid of reads almost nothing survives (the server holds about
 * 30 MB live), yet the heap swelled to ~130 MB between collections: most of the RSS it gained
 * under load. Growing by half instead keeps that near 10 MB, at a full collection (3–8 ms,
 * mostly concurrent) every second or so under load. Read at each collection, so setting it here
 * applies however the server is started.
 */
setFlagsFromString('--heap-growing-percent=50');

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
