/**
 * A whole server process for the two-process Twitch test: started from the environment (its
 * DATABASE_URL, Twitch and TWURPLE_MOCK_API_PORT), with a short Twitch lease so a takeover is quick.
 * Prints `ready <url> <pid>`; SIGTERM closes it cleanly, SIGKILL is the crash under test.
 */
import { createLogger } from '../logging/logger.js';
import { startServer } from '../start.js';

const running = await startServer(process.env, {
  logger: createLogger('silent'),
  twitch: { leaseTtlMs: 1_500, pollMs: 100, settingsTtlMs: 0 },
});
console.log(`ready ${running.url} ${process.pid}`);
process.once('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
