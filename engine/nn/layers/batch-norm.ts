import type { Mode, Param } from '../types.ts';
import { ensureCapacity, makeParam, type Layer } from './layer.ts';

/**
 * Keras BatchNormalization for 2-D inputs: batch mean and (biased) variance in training, moving averages at
 * inference; moving stats updated as moving = moving·momentum + batch·(1 − momentum).
 */
export class BatchNorm implements Layer {
  readonly gamma: Param;
  readonly beta: Param;
  readonly movingMean: Param;
  readonly movingVariance: Param;
  private out: Float32Array = new Float32Array(0);
  private xhat: Float32Array = new Float32Array(0);
  private gradIn: Float32Array = new Float32Array(0);
  private readonly invStd: Float64Array;
  private readonly mean: Float64Array;
  private lastMode: Mode = 'infer';

  constructor(
    readonly name: string,
    readonly inputSize: number,
    readonly momentum: number,
    readonly epsilon: number,
  ) {
    this.gamma = makeParam(`${name}/gamma`, [inputSize]);
    this.beta = makeParam(`${name}/beta`, [inputSize]);
    this.movingMean = makeParam(`${name}/moving_mean`, [inputSize], false);
    this.movingVariance = makeParam(`${name}/moving_variance`, [inputSize], false);
    this.gamma.value.fill(1);
    this.movingVariance.value.fill(1);
    this.invStd = new Float64Array(inputSize);
    this.mean = new Float64Array(inputSize);
  }

  get outputSize(): number {
    return this.inputSize;
  }

  reserve(maxRows: number): void {
    this.out = ensureCapacity(this.out, maxRows, this.inputSize);
    this.xhat = ensureCapacity(this.xhat, maxRows, this.inputSize);
    this.gradIn = ensureCapacity(this.gradIn, maxRows, this.inputSize);
  }

  forward(input: Float32Array, rows: number, mode: Mode): Float32Array {
    const d = this.inputSize, g = this.gamma.value, b = this.beta.value;
    this.lastMode = mode;
    if (mode === 'infer') {
      const mm = this.movingMean.value, mv = this.movingVariance.value;
      for (let k = 0; k < d; k++) this.invStd[k] = 1 / Math.sqrt(mv[k]! + this.epsilon);
      for (let r = 0; r < rows; r++) {
        const o = r * d;
        for (let k = 0; k < d; k++) this.out[o + k] = (input[o + k]! - mm[k]!) * this.invStd[k]! * g[k]! + b[k]!;
      }
      return this.out;
    }
    const mean = this.mean;
    mean.fill(0);
    for (let r = 0; r < rows; r++) for (let k = 0; k < d; k++) mean[k] += input[r * d + k]!;
    for (let k = 0; k < d; k++) mean[k] /= rows;
    const variance = this.invStd; // reused: holds the variance until turned into 1/std below
    variance.fill(0);
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < d; k++) {
        const c = input[r * d + k]! - mean[k]!;
        variance[k] += c * c;
      }
    }
    const mm = this.movingMean.value, mv = this.movingVariance.value, m = this.momentum;
    for (let k = 0; k < d; k++) {
      const v = variance[k]! / rows;
      mm[k] = mm[k]! * m + mean[k]! * (1 - m);
      mv[k] = mv[k]! * m + v * (1 - m);
      this.invStd[k] = 1 / Math.sqrt(v + this.epsilon);
    }
    for (let r = 0; r < rows; r++) {
      const o = r * d;
      for (let k = 0; k < d; k++) {
        const xh = (input[o + k]! - mean[k]!) * this.invStd[k]!;
        this.xhat[o + k] = xh;
        this.out[o + k] = xh * g[k]! + b[k]!;
      }
    }
    return this.out;
  }

  backward(gradOutput: Float32Array, rows: number, wantInputGrad: boolean): Float32Array | null {
    if (this.lastMode !== 'train') throw new Error('BatchNorm.backward needs a forward pass in training mode');
    const d = this.inputSize, g = this.gamma.value, gg = this.gamma.grad, gb = this.beta.grad;
    gg.fill(0);
    gb.fill(0);
    for (let r = 0; r < rows; r++) {
      const o = r * d;
      for (let k = 0; k < d; k++) {
        gb[k] += gradOutput[o + k]!;
        gg[k] += gradOutput[o + k]! * this.xhat[o + k]!;
      }
    }
    if (!wantInputGrad) return null;
    // dx = γ/(N·σ) · (N·dy − Σdy − x̂·Σ(dy·x̂)); Σdy and Σ(dy·x̂) are exactly the beta and gamma grads.
    for (let r = 0; r < rows; r++) {
      const o = r * d;
      for (let k = 0; k < d; k++) {
        this.gradIn[o + k] = ((g[k]! * this.invStd[k]!) / rows) * (rows * gradOutput[o + k]! - gb[k]! - this.xhat[o + k]! * gg[k]!);
      }
    }
    return this.gradIn;
  }

  params(): readonly Param[] {
    return [this.gamma, this.beta, this.movingMean, this.movingVariance];
  }

  penalty(): number {
    return 0;
  }

  addPenaltyGradient(): void {}
}
