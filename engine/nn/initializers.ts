/**
 * Weight initializers with Keras' formulas. Truncated-normal schemes divide the standard deviation by
 * 0.87962566103423978 (the std of a unit normal truncated at ±2), exactly as Keras' VarianceScaling does, so the
 * drawn weights have the intended variance.
 */
import { UserFacingError } from '../errors.ts';
import type { Rng } from './rng.ts';

export const INITIALIZERS = ['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'lecun_normal', 'zeros', 'ones'] as const;
export type InitializerName = (typeof INITIALIZERS)[number];

const TRUNCATED_STD = 0.87962566103423978;

/** Fills `out` for a tensor whose fan-in and fan-out are given (a Dense kernel [in, units]: fanIn = in). */
export function initialize(name: InitializerName, out: Float32Array, fanIn: number, fanOut: number, rng: Rng): void {
  switch (name) {
    case 'zeros':
      out.fill(0);
      return;
    case 'ones':
      out.fill(1);
      return;
    case 'glorot_uniform':
      return uniform(out, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'he_uniform':
      return uniform(out, Math.sqrt(6 / fanIn), rng);
    case 'glorot_normal':
      return truncated(out, Math.sqrt(2 / (fanIn + fanOut)) / TRUNCATED_STD, rng);
    case 'he_normal':
      return truncated(out, Math.sqrt(2 / fanIn) / TRUNCATED_STD, rng);
    case 'lecun_normal':
      return truncated(out, Math.sqrt(1 / fanIn) / TRUNCATED_STD, rng);
    default:
      throw new UserFacingError('unknown-initializer', `Unknown initializer "${String(name)}". Choose one of: ${INITIALIZERS.join(', ')}.`);
  }
}

function uniform(out: Float32Array, limit: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-limit, limit);
}

function truncated(out: Float32Array, std: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = std * rng.truncatedNormal();
}

export function isInitializerName(name: unknown): name is InitializerName {
  return typeof name === 'string' && (INITIALIZERS as readonly string[]).includes(name);
}
