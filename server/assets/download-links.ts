import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a download link works: long enough to click, short enough that a shared one soon dies. */
export const DOWNLOAD_LINK_TTL_SECONDS = 5 * 60;

const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/** What a download link names: one asset of one channel, until a time. */
export interface DownloadGrant {
  readonly channelId: string;
  readonly assetId: string;
  /** Unix seconds. */
  readonly expires: number;
}

/**
 * Signed links to an asset's zip of every size. A browser opens them in a new tab, where no
 * `Authorization` header can follow (Twitch's sandboxed extension frame lets popups escape to
 * download), so the link itself carries the permission, bound to the channel, asset and expiry.
 */
export class DownloadLinks {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length < 16) throw new TypeError('download link key must be at least 16 bytes');
    this.#key = Buffer.from(key);
  }

  /** The query that grants `grant`: `{ channel, expires, signature }`. */
  sign(grant: DownloadGrant): { channel: string; expires: string; signature: string } {
    return { channel: grant.channelId, expires: String(grant.expires), signature: this.#mac(grant) };
  }

  /** True when `signature` was made for exactly this grant and it has not expired at `nowMs`. */
  verify(grant: DownloadGrant, signature: string, nowMs: number = Date.now()): boolean {
    if (!Number.isSafeInteger(grant.expires) || !SIGNATURE.test(signature)) return false;
    if (grant.expires * 1000 <= nowMs) return false;
    const expected = Buffer.from(this.#mac(grant));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  #mac(grant: DownloadGrant): string {
    return createHmac('sha256', this.#key)
      .update(`download/${grant.channelId}/${grant.assetId}:${grant.expires}`)
      .digest('base64url');
  }
}

/**
 * The links of a server whose extension secret is `extensionSecret` (base64): every process signs
 * alike. Each `kind` signs under a key of its own, so a pack's link never opens an asset's zip.
 */
export function downloadLinksFor(extensionSecret: string, kind: 'asset' | 'pack' = 'asset'): DownloadLinks {
  const purpose = kind === 'asset' ? 'download-links' : 'pack-download-links';
  const key = createHmac('sha256', Buffer.from(extensionSecret, 'base64'))
    .update(`streamer-studio/${purpose}`)
    .digest();
  return new DownloadLinks(key);
}
