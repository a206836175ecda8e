export const VISIBILITIES = ['public', 'private'] as const;

/** Public assets are served to anyone (and shown on stream); private ones only through signed URLs. */
export type Visibility = (typeof VISIBILITIES)[number];
