/**
 * Losses with Keras semantics: each row's loss is averaged over its outputs, then
 * loss = Σ_r w_r · loss_r / rows ("sum over batch size", w_r = 1 without sample weights).
 * Cross-entropies fused with their output activation read the logits, which is both exact and stable:
 * sigmoid + binary CE → max(z,0) − z·y + log(1 + e^−|z|); softmax + CE → logsumexp(z) − Σ y_k z_k.
 */
import { sigmoid } from './activations.ts';
import type { ActivationName } from './activations.ts';
import { UserFacingError } from '../errors.ts';

export const LOSSES = ['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'mse', 'mae', 'huber'] as const;
export type LossKind = (typeof LOSSES)[number];

/** Keras' backend epsilon: probabilities are clipped to [ε, 1 − ε] when a cross-entropy is not fused. */
const EPSILON = 1e-7;
const HUBER_DELTA = 1;

export interface LossArgs {
  /** Network outputs, rows × width: logits when `fromLogits`, otherwise activated outputs. */
  pred: Float32Array;
  /** Targets: rows × width, or rows × 1 class indices for the sparse loss. */
  y: Float32Array;
  rows: number;
  width: number;
  fromLogits: boolean;
  /** When given, receives dLoss/dpred (rows × width). */
  grad: Float32Array | null;
  sampleWeights?: Float32Array | undefined;
  /**
   * With logits, receives what the fused activation outputs (rows × width), where the loss computes it anyway
   * (`activates`): the training batch's outputs then cost nothing more.
   */
  activated?: Float32Array | null;
}

export interface Loss {
  readonly kind: LossKind;
  /** The output activation this loss absorbs (reads logits instead), if any. */
  readonly fuses: ActivationName | null;
  /** With logits, fills `activated` with exactly what the fused activation would output. */
  readonly activates: boolean;
  /** Columns of y per row, given the network's output width. */
  targetWidth(outputWidth: number): number;
  compute(args: LossArgs): number;
}

type RowLoss = (pred: Float32Array, y: Float32Array, o: number, yo: number, width: number, fromLogits: boolean, grad: Float32Array | null, scale: number, activated: Float32Array | null) => number;

function make(kind: LossKind, fuses: ActivationName | null, sparse: boolean, rowLoss: RowLoss, activates = false): Loss {
  return {
    kind,
    fuses,
    activates,
    targetWidth: (w) => (sparse ? 1 : w),
    compute({ pred, y, rows, width, fromLogits, grad, sampleWeights, activated = null }) {
      const yw = sparse ? 1 : width;
      let total = 0;
      for (let r = 0; r < rows; r++) {
        const w = sampleWeights ? sampleWeights[r]! : 1;
        total += w * rowLoss(pred, y, r * width, r * yw, width, fromLogits, grad, w / rows, activated);
      }
      return total / rows;
    },
  };
}

const binaryCrossentropy = make('binary_crossentropy', 'sigmoid', false, (pred, y, o, yo, width, fromLogits, grad, scale, activated) => {
  let sum = 0;
  const s = scale / width;
  for (let k = 0; k < width; k++) {
    const t = y[yo + k]!;
    if (fromLogits) {
      const z = pred[o + k]!;
      sum += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
      if (grad || activated) {
        const p = sigmoid(z);
        if (grad) grad[o + k] = (p - t) * s;
        if (activated) activated[o + k] = p;
      }
    } else {
      const raw = pred[o + k]!;
      const p = Math.min(Math.max(raw, EPSILON), 1 - EPSILON);
      sum += -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
      if (grad) grad[o + k] = raw === p ? ((p - t) / (p * (1 - p))) * s : 0;
    }
  }
  return sum / width;
}, true);

function softmaxCrossentropy(kind: LossKind, sparse: boolean): Loss {
  return make(kind, 'softmax', sparse, (pred, y, o, yo, width, fromLogits, grad, scale) => {
    const target = (k: number): number => (sparse ? (k === y[yo]! ? 1 : 0) : y[yo + k]!);
    if (sparse) {
      const c = y[yo]!;
      if (!(c >= 0 && c < width && Number.isInteger(c))) throw new RangeError(`class index ${c} outside 0..${width - 1}`);
    }
    if (fromLogits) {
      let max = -Infinity;
      for (let k = 0; k < width; k++) max = Math.max(max, pred[o + k]!);
      let sumExp = 0;
      for (let k = 0; k < width; k++) sumExp += Math.exp(pred[o + k]! - max);
      const lse = max + Math.log(sumExp);
      let loss = 0, tSum = 0;
      for (let k = 0; k < width; k++) {
        const t = target(k);
        loss += t * (lse - pred[o + k]!);
        tSum += t;
      }
      if (grad) for (let k = 0; k < width; k++) grad[o + k] = (Math.exp(pred[o + k]! - lse) * tSum - target(k)) * scale;
      return loss;
    }
    // Keras on probabilities: renormalise, clip, −Σ y log p.
    let norm = 0;
    for (let k = 0; k < width; k++) norm += pred[o + k]!;
    let loss = 0;
    for (let k = 0; k < width; k++) {
      const q = pred[o + k]! / norm;
      const p = Math.min(Math.max(q, EPSILON), 1 - EPSILON);
      loss -= target(k) * Math.log(p);
    }
    if (grad) {
      // d/dpred_j of −Σ_k t_k log(clip(pred_k / norm)) = −[j unclipped]·t_j/pred_j + Σ_{k unclipped} t_k / norm:
      // a clipped quotient passes no gradient, but every pred_j still reaches the others through norm.
      const clipped = (k: number): boolean => {
        const q = pred[o + k]! / norm;
        return q < EPSILON || q > 1 - EPSILON;
      };
      let tSum = 0;
      for (let k = 0; k < width; k++) if (!clipped(k)) tSum += target(k);
      for (let k = 0; k < width; k++) grad[o + k] = ((clipped(k) ? 0 : -target(k) / pred[o + k]!) + tSum / norm) * scale;
    }
    return loss;
  });
}

const mse = make('mse', null, false, (pred, y, o, yo, width, _l, grad, scale) => {
  let sum = 0;
  for (let k = 0; k < width; k++) {
    const e = pred[o + k]! - y[yo + k]!;
    sum += e * e;
    if (grad) grad[o + k] = ((2 * e) / width) * scale;
  }
  return sum / width;
});

const mae = make('mae', null, false, (pred, y, o, yo, width, _l, grad, scale) => {
  let sum = 0;
  for (let k = 0; k < width; k++) {
    const e = pred[o + k]! - y[yo + k]!;
    sum += Math.abs(e);
    if (grad) grad[o + k] = (Math.sign(e) / width) * scale;
  }
  return sum / width;
});

const huber = make('huber', null, false, (pred, y, o, yo, width, _l, grad, scale) => {
  let sum = 0;
  for (let k = 0; k < width; k++) {
    const e = pred[o + k]! - y[yo + k]!;
    const a = Math.abs(e);
    sum += a <= HUBER_DELTA ? 0.5 * e * e : HUBER_DELTA * (a - 0.5 * HUBER_DELTA);
    if (grad) grad[o + k] = ((a <= HUBER_DELTA ? e : HUBER_DELTA * Math.sign(e)) / width) * scale;
  }
  return sum / width;
});

const table: Record<LossKind, Loss> = {
  binary_crossentropy: binaryCrossentropy,
  categorical_crossentropy: softmaxCrossentropy('categorical_crossentropy', false),
  sparse_categorical_crossentropy: softmaxCrossentropy('sparse_categorical_crossentropy', true),
  mse,
  mae,
  huber,
};

export function isLossKind(kind: unknown): kind is LossKind {
  return typeof kind === 'string' && (LOSSES as readonly string[]).includes(kind);
}

export function getLoss(kind: string): Loss {
  if (!isLossKind(kind)) throw new UserFacingError('unknown-loss', `Unknown loss "${kind}". Choose one of: ${LOSSES.join(', ')}.`);
  return table[kind];
}
