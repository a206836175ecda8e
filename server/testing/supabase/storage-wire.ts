import { createHmac, timingSafeEqual } from 'node:crypto';

/** Supabase Storage's error body: the real code is a string in the body, the HTTP status is mostly 400. */
export interface StorageErrorBody {
  readonly statusCode: string;
  readonly error: string;
  readonly message: string;
  readonly code: string;
}

/** A refusal as the real server (supabase/storage 1.11) sends it: the HTTP status, then the body. */
export type StorageRefusal = readonly [httpStatus: number, body: StorageErrorBody];

const refusal = (statusCode: string, error: string, message: string, code: string): StorageRefusal => [
  400,
  { statusCode, error, message, code },
];

/** The answers the stand-in gives, worded as the real server words them (FACTS.md). */
export const REFUSALS = {
  noSuchBucket: refusal('404', 'Bucket not found', 'Bucket not found', 'NoSuchBucket'),
  noSuchKey: refusal('404', 'not_found', 'Object not found', 'NoSuchKey'),
  keyExists: refusal('409', 'Duplicate', 'The resource already exists', 'KeyAlreadyExists'),
  bucketExists: refusal('409', 'Duplicate', 'The resource already exists', 'BucketAlreadyExists'),
  jwtExpired: refusal('400', 'InvalidJWT', 'jwt expired', 'InvalidJWT'),
  jwtInvalid: refusal('400', 'InvalidJWT', 'invalid signature', 'InvalidJWT'),
  tokenMissing: refusal(
    '400',
    'Invalid Input',
    "querystring must have required property 'token'",
    'InvalidRequest',
  ),
  invalidRequest: (message: string) => refusal('400', 'Invalid Input', message, 'InvalidRequest'),
  // Our assumption for a request whose Bearer token is not the project's key (not checked against a real project).
  bearerRefused: refusal('403', 'Unauthorized', 'invalid signature', 'InvalidJWT'),
  tooLarge: refusal(
    '413',
    'Payload too large',
    'The object exceeded the maximum allowed size',
    'EntityTooLarge',
  ),
  mimeType: (type: string) =>
    refusal('415', 'invalid_mime_type', `mime type ${type} is not supported`, 'InvalidMimeType'),
  invalidKey: (key: string) => refusal('400', 'Invalid Input', `Invalid key: ${key}`, 'InvalidKey'),
  internal: [
    500,
    { statusCode: '500', error: 'internal', message: 'Internal Server Error', code: 'InternalError' },
  ] as StorageRefusal,
} as const;

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** Signs a signed-URL token as the real server does: an HS256 JWT whose `url` claim is `<bucket>/<path>`. */
export function signUrlToken(secret: Buffer, url: string, nowMs: number, expiresIn: number): string {
  const iat = Math.floor(nowMs / 1000);
  const head = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify({ url, iat, exp: iat + expiresIn }))}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** Checks a signed-URL token for `url`: null when it serves, else the refusal. */
export function checkUrlToken(
  secret: Buffer,
  token: string,
  url: string,
  nowMs: number,
): StorageRefusal | null {
  const [header, payload, signature, ...rest] = token.split('.');
  if (!header || !payload || !signature || rest.length > 0) return REFUSALS.jwtInvalid;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return REFUSALS.jwtInvalid;
  let claims: { url?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return REFUSALS.jwtInvalid;
  }
  if (claims.url !== url) return REFUSALS.jwtInvalid;
  if (typeof claims.exp !== 'number' || nowMs / 1000 >= claims.exp) return REFUSALS.jwtExpired;
  return null;
}
