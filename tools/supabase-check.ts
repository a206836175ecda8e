/** `npm run supabase:check`: is this environment ready to go live on Supabase? Exit code 0 when it is. */
import { runSupabaseCheck } from '../server/supabase-check/index.js';

process.exitCode = await runSupabaseCheck(process.env, (line) => console.log(line));
