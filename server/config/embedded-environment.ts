/**
 * Settings that take a server off its embedded defaults (Postgres, Supabase, Gemini, real Twitch)
 * or off the address it was started on. A server a test or the bench starts as a child process
 * must run on what it was given, whatever the developer's shell exports.
 */
export const NON_EMBEDDED_SETTINGS = [
  'DATABASE_URL',
  'DATABASE_DIRECT_URL',
  'DATABASE_POOL_MODE',
  'STORAGE_DRIVER',
  'SUPABASE_URL',
  'SUPABASE_SERVICE_ROLE_KEY',
  'SUPABASE_BUCKET',
  'GEMINI_API_KEY',
  'GEMINI_BASE_URL',
  'TWITCH_EXTENSION_SECRET',
  'TWITCH_EXTENSION_CLIENT_ID',
  'TWITCH_CLIENT_ID',
  'TWITCH_CLIENT_SECRET',
  'PUBLIC_BASE_URL',
  'HOST',
  'PORT',
] as const;

/** `environment` without the settings above, then `settings` over it: a child server's whole environment. */
export function embeddedEnvironment(
  environment: NodeJS.ProcessEnv,
  settings: Record<string, string>,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...environment };
  for (const name of NON_EMBEDDED_SETTINGS) delete env[name];
  return Object.assign(env, settings);
}
