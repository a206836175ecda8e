/**
 * `npm run bench`: performance figures printed side by side with a baseline measured in the same
 * run, so the ratio means something on any machine. Nothing here passes or fails.
 */
import { runChatAckBench } from './chat-ack.js';
import { runGeminiQuotaBench } from './gemini-quota.js';
import { runHttpBench } from './http/index.js';
import { runOverlayObsBench } from './overlay-obs.js';
import { runPipelineThroughputBench } from './pipeline-throughput.js';

await runHttpBench();
console.log('');
await runPipelineThroughputBench();
console.log('');
await runGeminiQuotaBench();
console.log('');
await runChatAckBench();
console.log('');
await runOverlayObsBench();
// The chat bench's twurple listener leaves a 10-minute timer per notification behind (its dedupe), even closed.
process.exit(0);
