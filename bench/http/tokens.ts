import { loadOrCreateDevSecret, localBroadcasterToken } from '../../server/auth/dev-secret.js';
import { signExtensionJwt } from '../../server/auth/extension-jwt.js';

/** Extension JWTs for channel `local`, as the panel sends them, signed with the server's dev secret. */
export interface BenchTokens {
  readonly broadcaster: string;
  readonly viewer: string;
}

/** Reads the dev secret the server wrote into `dataDir` and signs a broadcaster and a viewer token. */
export async function tokensFor(dataDir: string): Promise<BenchTokens> {
  const secret = await loadOrCreateDevSecret(dataDir);
  const viewer = signExtensionJwt(
    {
      channel_id: 'local',
      opaque_user_id: 'Ubench-viewer',
      role: 'viewer',
      exp: Math.floor(Date.now() / 1000) + 24 * 60 * 60,
    },
    secret,
  );
  return { broadcaster: localBroadcasterToken(secret), viewer };
}
