/**
 * Activation functions, each forward beside its derivative. Keras names and defaults.
 * `forward` maps pre-activations z to outputs a; `backward` turns dL/da into dL/dz. Both work on the first
 * rows × width values of row-major buffers and never allocate.
 */
import { UserFacingError } from '../errors.ts';

export const ACTIVATIONS = ['linear', 'relu', 'leaky_relu', 'elu', 'selu', 'gelu', 'tanh', 'sigmoid', 'softmax', 'softplus', 'swish'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export interface Activation {
  readonly name: ActivationName;
  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void;
  /** gradA and gradZ may be the same buffer. */
  backward(z: Float32Array, a: Float32Array, gradA: Float32Array, gradZ: Float32Array, rows: number, width: number): void;
}

/** keras.activations.leaky_relu's default negative slope. */
export const LEAKY_RELU_SLOPE = 0.2;
// SELU constants from Klambauer et al. 2017, as in Keras.
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;
const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

/** Overflow-free logistic function. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * The error function, |error| < 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit of erfc), well below
 * float32 resolution, which is what GELU's exact (non-tanh) form needs.
 */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc : erfc - 1;
}

/** Builds an element-wise activation from f(z) and f'(z) given both z and a = f(z). */
function elementwise(name: ActivationName, f: (z: number) => number, df: (z: number, a: number) => number): Activation {
  return {
    name,
    forward(z, a, rows, width) {
      const n = rows * width;
      for (let i = 0; i < n; i++) a[i] = f(z[i]!);
    },
    backward(z, a, gradA, gradZ, rows, width) {
      const n = rows * width;
      for (let i = 0; i < n; i++) gradZ[i] = gradA[i]! * df(z[i]!, a[i]!);
    },
  };
}

const linear: Activation = {
  name: 'linear',
  forward(z, a, rows, width) {
    if (a !== z) a.set(z.subarray(0, rows * width));
  },
  backward(_z, _a, gradA, gradZ, rows, width) {
    if (gradZ !== gradA) gradZ.set(gradA.subarray(0, rows * width));
  },
};

// ReLU is the common case: written out so the JIT sees plain comparisons, no calls.
const relu: Activation = {
  name: 'relu',
  forward(z, a, rows, width) {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      a[i] = v > 0 ? v : 0;
    }
  },
  backward(z, _a, gradA, gradZ, rows, width) {
    const n = rows * width;
    for (let i = 0; i < n; i++) gradZ[i] = z[i]! > 0 ? gradA[i]! : 0;
  },
};

/** Row-wise softmax, max-subtracted so large logits never overflow. */
const softmax: Activation = {
  name: 'softmax',
  forward(z, a, rows, width) {
    for (let r = 0; r < rows; r++) {
      const o = r * width;
      let max = -Infinity;
      for (let k = 0; k < width; k++) max = Math.max(max, z[o + k]!);
      let sum = 0;
      for (let k = 0; k < width; k++) {
        const e = Math.exp(z[o + k]! - max);
        a[o + k] = e;
        sum += e;
      }
      for (let k = 0; k < width; k++) a[o + k] = a[o + k]! / sum;
    }
  },
  // dz_k = a_k (da_k − Σ_j da_j a_j): the Jacobian-vector product without forming the Jacobian.
  backward(_z, a, gradA, gradZ, rows, width) {
    for (let r = 0; r < rows; r++) {
      const o = r * width;
      let dot = 0;
      for (let k = 0; k < width; k++) dot += gradA[o + k]! * a[o + k]!;
      for (let k = 0; k < width; k++) gradZ[o + k] = a[o + k]! * (gradA[o + k]! - dot);
    }
  },
};

const table: Record<ActivationName, Activation> = {
  linear,
  relu,
  softmax,
  leaky_relu: elementwise('leaky_relu', (z) => (z > 0 ? z : LEAKY_RELU_SLOPE * z), (z) => (z > 0 ? 1 : LEAKY_RELU_SLOPE)),
  elu: elementwise('elu', (z) => (z > 0 ? z : Math.expm1(z)), (z, a) => (z > 0 ? 1 : a + 1)),
  selu: elementwise(
    'selu',
    (z) => SELU_SCALE * (z > 0 ? z : SELU_ALPHA * Math.expm1(z)),
    (z) => (z > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(z)),
  ),
  // Keras' default GELU is the exact form x·Φ(x), not the tanh approximation.
  gelu: elementwise(
    'gelu',
    (z) => 0.5 * z * (1 + erf(z * INV_SQRT2)),
    (z) => 0.5 * (1 + erf(z * INV_SQRT2)) + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z),
  ),
  tanh: elementwise('tanh', Math.tanh, (_z, a) => 1 - a * a),
  sigmoid: elementwise('sigmoid', sigmoid, (_z, a) => a * (1 - a)),
  softplus: elementwise('softplus', softplus, (z) => sigmoid(z)),
  swish: elementwise(
    'swish',
    (z) => z * sigmoid(z),
    (z) => {
      const s = sigmoid(z);
      return s + z * s * (1 - s);
    },
  ),
};

export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === 'string' && (ACTIVATIONS as readonly string[]).includes(name);
}

export function getActivation(name: string): Activation {
  if (!isActivationName(name)) {
    throw new UserFacingError('unknown-activation', `Unknown activation "${name}". Choose one of: ${ACTIVATIONS.join(', ')}.`);
  }
  return table[name];
}
