/**
 * Weights as TF.js stores them: a list of `weightSpecs` (name, shape, dtype) and one buffer of little-endian
 * float32 values, concatenated in spec order. The model file holds that buffer as base64 (`weightData`), the
 * TF.js export as `weights.bin`.
 */
import { UserFacingError } from '../errors.ts';
import { base64ToFloat32 } from '../nn/base64.ts';
import type { NetworkJSON } from '../nn/network-json.ts';

export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32';
}

export interface PackedWeights {
  readonly weightSpecs: readonly WeightSpec[];
  readonly values: Float32Array;
}

/** A trained network's params, renamed to the topology's layer names (identical for what Layerlab writes). */
export function packWeights(network: NetworkJSON, names: readonly string[]): PackedWeights {
  if (names.length !== network.weights.length) throw new Error(`packWeights: ${names.length} names for ${network.weights.length} weights`);
  const arrays = network.weights.map((w) => base64ToFloat32(w.data));
  const values = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const array of arrays) {
    values.set(array, offset);
    offset += array.length;
  }
  return { weightSpecs: network.weights.map((w, i) => ({ name: names[i]!, shape: [...w.shape], dtype: 'float32' })), values };
}

function invalid(field: string, expected: string, found: string): never {
  throw new UserFacingError('invalid-model', `Invalid model file: "${field}" should be ${expected}, found ${found}.`);
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The value arrays for `expected` (name and shape of each param the topology needs, in network order), read by
 * name from the specs, as TF.js does: order in the file does not matter, but every weight must be used once.
 */
export function unpackWeights(specs: readonly WeightSpec[], values: Float32Array, expected: readonly { name: string; shape: readonly number[] }[], at: string): Float32Array[] {
  const total = specs.reduce((n, s) => n + sizeOf(s.shape), 0);
  if (total !== values.length) invalid(`${at}.weightData`, `${total * 4} bytes (${total} float32 values, as the weight specs add up to)`, `${values.length * 4} bytes`);
  const offsets = new Map<string, { index: number; offset: number }>();
  let offset = 0;
  specs.forEach((spec, index) => {
    if (offsets.has(spec.name)) invalid(`${at}.weightSpecs[${index}].name`, 'a name used once', `"${spec.name}" a second time`);
    offsets.set(spec.name, { index, offset });
    offset += sizeOf(spec.shape);
  });
  const arrays = expected.map(({ name, shape }) => {
    const found = offsets.get(name);
    if (!found) invalid(`${at}.weightSpecs`, `a list holding "${name}", which the topology needs`, `only ${[...offsets.keys()].map((n) => `"${n}"`).join(', ') || 'no weights'}`);
    const spec = specs[found.index]!;
    if (spec.shape.join(',') !== shape.join(',')) invalid(`${at}.weightSpecs[${found.index}].shape`, `[${shape.join(', ')}] for "${name}"`, `[${spec.shape.join(', ')}]`);
    offsets.delete(name);
    return values.slice(found.offset, found.offset + sizeOf(shape));
  });
  const unused = [...offsets.values()];
  if (unused.length > 0) invalid(`${at}.weightSpecs[${unused[0]!.index}].name`, 'the name of a weight the topology has', `"${specs[unused[0]!.index]!.name}"`);
  return arrays;
}
