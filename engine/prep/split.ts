/**
 * Train / validation / test split, seeded. Stratified: each class is shuffled on its own and contributes its
 * share to every split, the shares rounded by largest remainder so the split sizes match the fractions of the
 * whole table (round(n · fraction)) while every class keeps its proportion within one row. A class always
 * keeps at least one training row. Rows come back in ascending order within each split.
 */
import { Rng } from '../nn/rng.ts';
import type { SplitSpec } from './types.ts';

export interface SplitRows {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

const TRAIN = 0;
const VALIDATION = 1;
const TEST = 2;

/** Integer shares of `total` proportional to `quotas`, largest fractional parts first (ties: lower index). */
function largestRemainder(quotas: readonly number[], total: number): number[] {
  const shares = quotas.map(Math.floor);
  let missing = total - shares.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => ({ i, rest: q - Math.floor(q) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; missing > 0 && k < order.length; k++, missing--) shares[order[k]!.i]!++;
  return shares;
}

function groupsOf(count: number, classes: Int32Array | undefined): Int32Array[] {
  if (!classes) return [Int32Array.from({ length: count }, (_, i) => i)];
  // Counted first, then filled in row order: a million rows into typed arrays, not a million pushes.
  const sizes: number[] = [];
  for (let row = 0; row < count; row++) sizes[classes[row]!] = (sizes[classes[row]!] ?? 0) + 1;
  const groups = Array.from(sizes, (n) => new Int32Array(n ?? 0));
  const filled = new Int32Array(groups.length);
  for (let row = 0; row < count; row++) {
    const c = classes[row]!;
    groups[c]![filled[c]!++] = row;
  }
  return groups.filter((g) => g.length > 0);
}

/**
 * Positions 0..count−1 split by `spec`. `classes` (a class index per row) stratifies; omit it for regression
 * or when stratification is off.
 */
export function splitRows(count: number, spec: SplitSpec, classes?: Int32Array): SplitRows {
  const rng = new Rng(spec.seed);
  const groups = groupsOf(count, spec.stratify ? classes : undefined);
  const sizes = groups.map((g) => g.length);
  const testShares = largestRemainder(sizes.map((n) => n * spec.test), Math.round(count * spec.test));
  const validationShares = largestRemainder(sizes.map((n) => n * spec.validation), Math.round(count * spec.validation));
  // Each row's split, then each split's rows read off in ascending order (no sort needed).
  const splitOf = new Uint8Array(count);
  const splitSizes = [0, 0, 0];
  groups.forEach((group, g) => {
    rng.shuffle(group);
    let nTest = testShares[g]!;
    let nValidation = validationShares[g]!;
    while (nTest + nValidation >= group.length && nTest + nValidation > 0) {
      if (nTest >= nValidation) nTest--;
      else nValidation--;
    }
    for (let i = 0; i < group.length; i++) splitOf[group[i]!] = i < nTest ? TEST : i < nTest + nValidation ? VALIDATION : TRAIN;
    splitSizes[TEST] += nTest;
    splitSizes[VALIDATION] += nValidation;
    splitSizes[TRAIN] += group.length - nTest - nValidation;
  });
  const rows = splitSizes.map((n) => new Int32Array(n));
  const at = [0, 0, 0];
  for (let row = 0; row < count; row++) {
    const s = splitOf[row]!;
    rows[s]![at[s]!++] = row;
  }
  return { train: rows[TRAIN]!, validation: rows[VALIDATION]!, test: rows[TEST]! };
}
