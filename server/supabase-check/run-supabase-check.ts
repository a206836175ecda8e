import { ConfigError, loadConfig } from '../config/index.js';
import { checkDatabase, type DatabaseCheckOptions } from './check-database.js';
import { type CheckResult, failed, formatCheck, passed } from './check-result.js';
import { checkStorage, type StorageCheckOptions } from './check-storage.js';

/**
 * `npm run supabase:check`: reads the environment as the server's start does, checks the
 * database and Storage it would use, prints one line per check (a fix under each failure) and
 * answers the exit code: 0 when the server can go live, 1 otherwise.
 */
export async function runSupabaseCheck(
  environment: Record<string, string | undefined>,
  print: (line: string) => void,
  options: DatabaseCheckOptions & StorageCheckOptions = {},
): Promise<number> {
  print('Checking the configuration for going live on Supabase');
  const results = await check(environment, options);
  for (const result of results) print(formatCheck(result));
  const failures = results.filter((result) => !result.ok).length;
  print(
    failures === 0
      ? `All ${results.length} checks passed: start the server with npm start.`
      : `${failures} of ${results.length} checks failed.`,
  );
  return failures === 0 ? 0 : 1;
}

async function check(
  environment: Record<string, string | undefined>,
  options: DatabaseCheckOptions & StorageCheckOptions,
): Promise<CheckResult[]> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => failed('configuration', problem));
  }
  const unexpected = (area: string) => (error: unknown) => [
    failed(area, `the check itself failed: ${(error as Error).message}`),
  ];
  return [
    passed('configuration', `the environment parses (STORAGE_DRIVER=${config.storage.driver})`),
    ...(await checkDatabase(config, options).catch(unexpected('database'))),
    ...(await checkStorage(config, options).catch(unexpected('storage'))),
  ];
}
