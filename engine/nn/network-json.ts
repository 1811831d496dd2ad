/**
 * A trained network as plain JSON: its spec and every param's values (base64 of little-endian float32, so a
 * loaded network predicts bit-identically). The full model file (recipe, schema, TF.js topology) wraps this.
 */
import { UserFacingError } from '../errors.ts';
import { base64ToFloat32, float32ToBase64 } from './base64.ts';
import { Network } from './network.ts';
import type { NetworkSpec } from './network-spec.ts';
import { Rng } from './rng.ts';

export const NETWORK_FORMAT = 'layerlab-network';
export const NETWORK_FORMAT_VERSION = 1;

export interface WeightJSON {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32';
  readonly data: string;
}

export interface NetworkJSON {
  readonly format: typeof NETWORK_FORMAT;
  readonly version: number;
  readonly spec: NetworkSpec;
  readonly weights: readonly WeightJSON[];
}

export function networkToJSON(network: Network): NetworkJSON {
  return {
    format: NETWORK_FORMAT,
    version: NETWORK_FORMAT_VERSION,
    spec: network.spec,
    weights: network.params().map((p) => ({ name: p.name, shape: [...p.shape], dtype: 'float32', data: float32ToBase64(p.value) })),
  };
}

function invalid(field: string, expected: string, got: unknown): never {
  const shown = got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 60);
  throw new UserFacingError('invalid-network-json', `Invalid network: "${field}" should be ${expected}, found ${shown}.`);
}

export function networkFromJSON(json: unknown): Network {
  if (typeof json !== 'object' || json === null) invalid('(root)', 'an object', json);
  const j = json as Partial<NetworkJSON>;
  if (j.format !== NETWORK_FORMAT) invalid('format', `"${NETWORK_FORMAT}"`, j.format);
  if (typeof j.version !== 'number') invalid('version', 'a number', j.version);
  if (j.version > NETWORK_FORMAT_VERSION) {
    throw new UserFacingError('network-too-new', `This network was saved by a newer Layerlab (format version ${j.version}; this one reads up to ${NETWORK_FORMAT_VERSION}). Update Layerlab to open it.`);
  }
  if (typeof j.spec !== 'object' || j.spec === null) invalid('spec', 'an object', j.spec);
  if (!Array.isArray(j.weights)) invalid('weights', 'a list', j.weights);
  // Initial values are irrelevant: every param is overwritten below.
  const network = new Network(j.spec, new Rng(0));
  const params = network.params();
  if (j.weights.length !== params.length) invalid('weights', `${params.length} entries for this spec`, `${j.weights.length} entries`);
  params.forEach((p, i) => {
    const w = j.weights![i] as Partial<WeightJSON> | undefined;
    const where = `weights[${i}]`;
    if (!w || w.name !== p.name) invalid(`${where}.name`, `"${p.name}"`, w?.name);
    if (!Array.isArray(w.shape) || w.shape.join(',') !== p.shape.join(',')) invalid(`${where}.shape`, `[${p.shape.join(', ')}]`, w.shape);
    if (w.dtype !== 'float32') invalid(`${where}.dtype`, '"float32"', w.dtype);
    if (typeof w.data !== 'string') invalid(`${where}.data`, 'base64 text', w.data);
    let values: Float32Array;
    try {
      values = base64ToFloat32(w.data);
    } catch (error) {
      invalid(`${where}.data`, 'valid base64 of float32 values', (error as Error).message);
    }
    if (values.length !== p.value.length) invalid(`${where}.data`, `${p.value.length} float32 values`, `${values.length}`);
    p.value.set(values);
  });
  return network;
}
