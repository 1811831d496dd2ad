/**
 * A TrainableNetwork whose losses and gradients follow a script, and which records what the fit loop feeds it:
 * for pinning the loop's bookkeeping (batches, splits, callbacks, divergence) without any learning in the way.
 * Its one weight moves by −lr·gradient per step, so the weights tell how many steps were taken.
 */
import type { Param, TrainableNetwork } from '../../../../engine/nn/types.ts';
import { makeParam } from './linear-model.ts';

export interface SeenBatch {
  readonly rows: number;
  /** The first input column of each row: the fixtures put the row index there. */
  readonly ids: number[];
  readonly sampleWeights: number[] | null;
}

export class ScriptedNetwork implements TrainableNetwork {
  readonly outputSize = 1;
  readonly w: Param = makeParam('scripted/w', [0]);
  /** Training loss of the n-th computeGradients call (from 1). */
  trainingLoss: (step: number) => number = () => 1;
  gradient: (step: number) => number = () => 1;
  /** Validation loss of the n-th evaluateLoss call (from 1), i.e. of epoch n. */
  validationLoss: (call: number) => number = () => 1;
  readonly batches: SeenBatch[] = [];
  readonly evaluated: SeenBatch[] = [];

  constructor(readonly inputSize = 1) {}

  private ids(x: Float32Array, rows: number): number[] {
    return Array.from({ length: rows }, (_, r) => x[r * this.inputSize]!);
  }

  computeGradients(x: Float32Array, _y: Float32Array, rows: number, _rng: unknown, sampleWeights?: Float32Array): number {
    this.batches.push({ rows, ids: this.ids(x, rows), sampleWeights: sampleWeights ? Array.from(sampleWeights.subarray(0, rows)) : null });
    const step = this.batches.length;
    this.w.grad[0] = this.gradient(step);
    return this.trainingLoss(step);
  }

  predict(_x: Float32Array, rows: number): Float32Array {
    return new Float32Array(rows);
  }

  evaluateLoss(x: Float32Array, _y: Float32Array, rows: number): number {
    this.evaluated.push({ rows, ids: this.ids(x, rows), sampleWeights: null });
    return this.validationLoss(this.evaluated.length);
  }

  params(): readonly Param[] {
    return [this.w];
  }
}

/** `rows` rows whose single input is the row index and whose target alternates 0, 1. */
export function indexedRows(rows: number): { x: Float32Array; y: Float32Array; rows: number; features: number; targetWidth: number } {
  return { x: Float32Array.from({ length: rows }, (_, r) => r), y: Float32Array.from({ length: rows }, (_, r) => r % 2), rows, features: 1, targetWidth: 1 };
}
