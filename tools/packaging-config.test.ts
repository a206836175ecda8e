import { describe, expect, it } from 'vitest';
import { ConfigError } from '../server/config/index.js';
import { isSecureUrl, packagingConfig } from './packaging-config.js';

/** The problems `packagingConfig` names for `env`, or fails the test when it accepts it. */
function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    packagingConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  expect.unreachable('the environment was accepted');
}

describe('the settings the extension is packaged with', () => {
  it('need PUBLIC_BASE_URL, though the server itself has a local default', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^PUBLIC_BASE_URL: is required to package/)]);
    expect(problemsOf({ PUBLIC_BASE_URL: ' ' })).toEqual([expect.stringMatching(/^PUBLIC_BASE_URL: /)]);
  });

  it('are checked as the server checks them', () => {
    expect(problemsOf({ PUBLIC_BASE_URL: 'studio.example.com' })).toEqual([
      expect.stringMatching(/^PUBLIC_BASE_URL: /),
    ]);
    expect(problemsOf({ PUBLIC_BASE_URL: 'https://studio.example.com', STORAGE_DRIVER: 'supabase' })).toEqual(
      [
        expect.stringMatching(/^SUPABASE_URL: is required when STORAGE_DRIVER=supabase/),
        expect.stringMatching(/^SUPABASE_SERVICE_ROLE_KEY: /),
      ],
    );
  });

  it('refuse a plain-http server elsewhere than this machine, saying Twitch needs HTTPS', () => {
    expect(problemsOf({ PUBLIC_BASE_URL: 'http://studio.example.com' })).toEqual([
      expect.stringMatching(/^PUBLIC_BASE_URL: must be https:\/\/: Twitch serves extensions over HTTPS/),
    ]);
    expect(
      problemsOf({
        PUBLIC_BASE_URL: 'https://studio.example.com',
        STORAGE_DRIVER: 'supabase',
        SUPABASE_URL: 'http://supabase.example.com',
        SUPABASE_SERVICE_ROLE_KEY: 'key',
      }),
    ).toEqual([expect.stringMatching(/^SUPABASE_URL: must be https:\/\//)]);
  });

  it('accept https anywhere and http on this machine', () => {
    expect(packagingConfig({ PUBLIC_BASE_URL: 'https://studio.example.com/' }).publicBaseUrl).toBe(
      'https://studio.example.com',
    );
    for (const url of ['http://localhost:8787', 'http://127.0.0.1:8787', 'http://[::1]:8787'])
      expect(isSecureUrl(url), url).toBe(true);
    for (const url of ['http://localhost.example.com', 'http://10.0.0.2', 'ftp://studio.example.com'])
      expect(isSecureUrl(url), url).toBe(false);
  });
});
