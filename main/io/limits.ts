/**
 * How much one load may take. Loaded columns cost 4 bytes per cell (categories) to 8 (numbers), so the cell
 * limit keeps a table under about 1.6 GB; the byte limit stops files that are surely beyond it before reading
 * (a 2 GB CSV of short numbers is already ~200 million cells).
 * 200 million cells is 4 million rows × 50 columns, four times the 1,000,000 × 50 the budget asks to load.
 */
export interface LoadLimits {
  readonly maxBytes: number;
  readonly maxCells: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxBytes: 2 * 1024 ** 3,
  maxCells: 200_000_000,
};
