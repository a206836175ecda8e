import { ConfigError } from './config/index.js';
import { banner, startServer } from './start.js';

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
