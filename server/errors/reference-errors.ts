import { StudioError } from './studio-error.js';

/** Where a reference image cap applies: one brand kit, or the whole channel. */
export type ReferenceLimitScope = 'brand_kit' | 'channel';

/** A brand kit or a channel already holds as many reference images as it may; one must go first. */
export class ReferenceLimitError extends StudioError {
  constructor(scope: ReferenceLimitScope, limit: number) {
    super(
      'REFERENCE_LIMIT',
      scope === 'brand_kit'
        ? `a brand kit may hold ${limit} reference images; delete one of this kit's first`
        : `a channel may hold ${limit} reference images; delete one first`,
      { details: { scope, limit } },
    );
  }
}
