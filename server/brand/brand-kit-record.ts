import type { BrandKit } from './brand-kit.js';

/** A brand kit's logo file, kept by the storage driver. */
export interface BrandKitLogo {
  readonly storageKey: string;
  readonly contentType: string;
  readonly bytes: number;
}

/** A stored brand kit: the kit itself and what the database knows about it. */
export type BrandKitRecord = BrandKit & {
  readonly id: string;
  readonly channelId: string;
  /** The kit prompts use when a request names none; at most one per channel. */
  readonly active: boolean;
  readonly logo: BrandKitLogo | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

/** A partial update; `logoDescription: null` removes the description, `active: true` makes it the channel's kit. */
export type BrandKitPatch = Partial<Omit<BrandKit, 'logoDescription'>> & {
  readonly logoDescription?: string | null;
  readonly active?: boolean;
};
