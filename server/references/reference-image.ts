/** A picture of the subject (the streamer's cat, their mascot) kept privately to steer likeness. */
export interface ReferenceImageRecord {
  readonly id: string;
  readonly channelId: string;
  /** The kit it belongs to (sent with every job of that kit), or null: sent only when a request names it. */
  readonly brandKitId: string | null;
  /** The streamer's own words for it; shown in the config view, never put in a prompt. */
  readonly label: string;
  readonly storageKey: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly createdAt: Date;
}

/** The most reference images one brand kit holds: every job of the kit sends them all. */
export const MAX_REFERENCES_PER_KIT = 6;
/** The most reference images one channel holds, with a kit or without. */
export const MAX_REFERENCES_PER_CHANNEL = 24;
/** The most reference images one request may name (beside its kit's own). */
export const MAX_REFERENCES_PER_REQUEST = 4;
/** Reference images larger than this are refused: a phone photo fits, and the model needs no more. */
export const MAX_REFERENCE_BYTES = 5 * 1024 * 1024;
/** And ones with more pixels than this (a 48-megapixel photo fits): a small file can decode to gigabytes. */
export const MAX_REFERENCE_PIXELS = 8192 * 8192;
/** The most characters a label may have once cleaned. */
export const MAX_REFERENCE_LABEL = 80;
