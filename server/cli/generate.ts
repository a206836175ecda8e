import { main } from './generate-command.js';

process.exitCode = await main(process.argv.slice(2));
