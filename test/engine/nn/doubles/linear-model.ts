/**
 * A TrainableNetwork small enough to check by hand: one linear unit with hand-written gradients, read as
 * logistic regression (sigmoid + binary cross-entropy on logits) or linear regression (mean squared error).
 * The loss is Keras' "sum over batch size": Σ wᵣ·lossᵣ / rows.
 */
import type { Param, TrainableNetwork } from '../../../../engine/nn/types.ts';

export type LinearKind = 'logistic' | 'linear';

export function makeParam(name: string, values: ArrayLike<number>): Param {
  return { name, shape: [values.length], value: Float32Array.from(values), grad: new Float32Array(values.length), trainable: true };
}

export class LinearModel implements TrainableNetwork {
  readonly outputSize = 1;
  readonly kernel: Param;
  readonly bias: Param;

  constructor(
    readonly inputSize: number,
    readonly kind: LinearKind,
    initialKernel: ArrayLike<number> = new Float32Array(inputSize),
  ) {
    this.kernel = makeParam('linear/kernel', initialKernel);
    this.bias = makeParam('linear/bias', [0]);
  }

  private logit(x: Float32Array, r: number): number {
    let z = this.bias.value[0]!;
    for (let j = 0; j < this.inputSize; j++) z += x[r * this.inputSize + j]! * this.kernel.value[j]!;
    return z;
  }

  /** The row's loss and d(loss)/d(logit). */
  private rowLoss(z: number, y: number): [number, number] {
    if (this.kind === 'linear') return [(z - y) ** 2, 2 * (z - y)];
    const p = 1 / (1 + Math.exp(-z));
    return [Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))), p - y];
  }

  computeGradients(x: Float32Array, y: Float32Array, rows: number, _rng: unknown, sampleWeights?: Float32Array): number {
    this.kernel.grad.fill(0);
    this.bias.grad.fill(0);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const w = sampleWeights ? sampleWeights[r]! : 1;
      const [loss, dz] = this.rowLoss(this.logit(x, r), y[r]!);
      total += w * loss;
      const g = (w * dz) / rows;
      for (let j = 0; j < this.inputSize; j++) this.kernel.grad[j] = this.kernel.grad[j]! + g * x[r * this.inputSize + j]!;
      this.bias.grad[0] = this.bias.grad[0]! + g;
    }
    return total / rows;
  }

  predict(x: Float32Array, rows: number): Float32Array {
    return Float32Array.from({ length: rows }, (_, r) => {
      const z = this.logit(x, r);
      return this.kind === 'linear' ? z : 1 / (1 + Math.exp(-z));
    });
  }

  evaluateLoss(x: Float32Array, y: Float32Array, rows: number): number {
    let total = 0;
    for (let r = 0; r < rows; r++) total += this.rowLoss(this.logit(x, r), y[r]!)[0];
    return total / rows;
  }

  params(): readonly Param[] {
    return [this.kernel, this.bias];
  }
}
