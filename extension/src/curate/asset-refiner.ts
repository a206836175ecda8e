import { createContext } from 'preact';
import type { Asset } from '../../../client/index.js';

/** Opens an asset's refine view. */
export type OpenRefiner = (asset: Asset) => void;

/**
 * Given by a view that offers refining (the dashboard), so its asset cards show "Refine"; absent
 * elsewhere, so the panel, which shares the cards, ships none of the refine code to its viewers.
 */
export const AssetRefiner = createContext<OpenRefiner | null>(null);
