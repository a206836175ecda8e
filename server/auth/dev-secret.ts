import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { signExtensionJwt } from './extension-jwt.js';
import { decodeExtensionSecret } from './extension-secret.js';

const FILE_NAME = 'dev-secret';
const DAY_SECONDS = 24 * 60 * 60;

async function readSecret(file: string): Promise<string> {
  const secret = (await readFile(file, 'utf8')).trim();
  try {
    decodeExtensionSecret(secret);
  } catch (cause) {
    throw new Error(`${file} is not a usable dev secret; delete it to make a new one`, { cause });
  }
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return secret;
}

/**
 * Local mode's extension secret (base64 of 32 random bytes), kept in `<dataDir>/dev-secret` with
 * mode 0600 so tokens issued before a restart stay valid. Created once, atomically.
 */
export async function loadOrCreateDevSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, FILE_NAME);
  try {
    return await readSecret(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() fails if the file appeared meanwhile (another process starting): theirs wins, once.
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp);
  }
  return readSecret(file);
}

/** A broadcaster extension JWT for the local start banner and the rig. */
export function localBroadcasterToken(
  secret: string,
  channelId = 'local',
  ttlDays = 30,
  nowMs: number = Date.now(),
): string {
  return signExtensionJwt(
    {
      channel_id: channelId,
      opaque_user_id: `U${channelId}`,
      user_id: channelId,
      role: 'broadcaster',
      exp: Math.floor(nowMs / 1000) + Math.round(ttlDays * DAY_SECONDS),
    },
    secret,
  );
}
