import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CursorPosition } from '../db/cursor.js';
import { InvalidInputError } from '../errors/index.js';

const MAC_BYTES = 16;
// Postgres timestamps end at year 294276; ours are made by the database, so 9999 is plenty.
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Page cursors as opaque, signed tokens: `base64url([createdAt, id]).base64url(mac)`. Only a
 * cursor this server handed out decodes, so a made-up one is a 400, never a database error.
 */
export class CursorCodec {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length < 16) throw new TypeError('cursor key must be at least 16 bytes');
    this.#key = Buffer.from(key);
  }

  encode(position: CursorPosition): string {
    const body = Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString(
      'base64url',
    );
    return `${body}.${this.#mac(body).toString('base64url')}`;
  }

  /** The position a cursor names; `InvalidInputError` for anything this codec did not make. */
  decode(cursor: string): CursorPosition {
    const [body, mac, ...rest] = cursor.split('.');
    if (!body || !mac || rest.length > 0) throw invalid();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== MAC_BYTES || !timingSafeEqual(given, this.#mac(body))) throw invalid();
    const [iso, id] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(iso);
    if (typeof id !== 'string' || Number.isNaN(createdAt.getTime()) || createdAt.getTime() > LATEST)
      throw invalid();
    return { createdAt, id };
  }

  #mac(body: string): Buffer {
    return createHmac('sha256', this.#key).update(body).digest().subarray(0, MAC_BYTES);
  }
}

function invalid(): InvalidInputError {
  return new InvalidInputError('invalid query field "cursor": it is not one this server handed out', [
    { path: 'cursor', message: 'not a cursor this server handed out' },
  ]);
}

const codecs = new Map<string, CursorCodec>();

/** The codec for a server's secret: its key is derived from it, so every process that shares the secret reads the others' cursors. */
export function cursorCodecFor(extensionSecret: string): CursorCodec {
  let codec = codecs.get(extensionSecret);
  if (!codec) {
    const key = createHmac('sha256', Buffer.from(extensionSecret, 'base64'))
      .update('streamer-studio/page-cursors')
      .digest();
    codec = new CursorCodec(key);
    codecs.set(extensionSecret, codec);
  }
  return codec;
}
