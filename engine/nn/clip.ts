/**
 * Gradient clipping, applied by every optimizer before its update, with Keras' three options (at most one is set):
 * - `clipnorm`: each param's gradient is rescaled on its own so that its L2 norm is at most `clipnorm`
 *   (`g · c / max(‖g‖, c)`, Keras' `_clip_by_norm`). The direction of the whole update can change.
 * - `globalClipnorm`: all gradients are rescaled by one factor so that their joint L2 norm is at most the limit
 *   (`tf.clip_by_global_norm`). This keeps the update's direction and is the one to reach for against
 *   exploding gradients. As in Keras, a non-finite global norm turns every gradient into NaN, so the fit loop's
 *   divergence check stops the run instead of a half-clipped update going through.
 * - `clipvalue`: every gradient component is clamped to [-clipvalue, clipvalue].
 * Gradients are clipped in place: they are scratch buffers refilled by the next backward pass.
 */
import type { Param } from './types.ts';

export interface GradientClipping {
  readonly clipnorm?: number | undefined;
  readonly globalClipnorm?: number | undefined;
  readonly clipvalue?: number | undefined;
}

function sumOfSquares(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return sum;
}

function scale(values: Float32Array, factor: number): void {
  for (let i = 0; i < values.length; i++) values[i] = values[i]! * factor;
}

export function clipByNorm(grad: Float32Array, clipnorm: number): void {
  const norm = Math.sqrt(sumOfSquares(grad));
  if (norm > clipnorm) scale(grad, clipnorm / norm);
}

/** Rescales the trainable params' gradients together so that their joint L2 norm is at most `clipnorm`. */
export function clipByGlobalNorm(params: readonly Param[], clipnorm: number): void {
  let sum = 0;
  for (const p of params) if (p.trainable) sum += sumOfSquares(p.grad);
  const norm = Math.sqrt(sum);
  if (!Number.isFinite(norm)) {
    for (const p of params) if (p.trainable) p.grad.fill(NaN);
  } else if (norm > clipnorm) {
    for (const p of params) if (p.trainable) scale(p.grad, clipnorm / norm);
  }
}

export function clipByValue(grad: Float32Array, clipvalue: number): void {
  for (let i = 0; i < grad.length; i++) {
    const g = grad[i]!;
    if (g > clipvalue) grad[i] = clipvalue;
    else if (g < -clipvalue) grad[i] = -clipvalue;
  }
}

/** Clips the gradients of the trainable params in place; persistent statistics are left alone. */
export function clipGradients(params: readonly Param[], clipping: GradientClipping): void {
  const { clipnorm, globalClipnorm, clipvalue } = clipping;
  if (clipnorm !== undefined) {
    for (const p of params) if (p.trainable) clipByNorm(p.grad, clipnorm);
  } else if (globalClipnorm !== undefined) {
    clipByGlobalNorm(params, globalClipnorm);
  } else if (clipvalue !== undefined) {
    for (const p of params) if (p.trainable) clipByValue(p.grad, clipvalue);
  }
}
