/**
 * Several trained networks reading the same inputs, predicting together: the plain mean of their outputs
 * (averaged probabilities for a classifier, the averaged value for regression), as Keras' Average layer
 * computes it in the exported functional model.
 */
import type { Network } from './network.ts';

/** What predicting needs from a model: one network or an ensemble. */
export interface Predictor {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly parameterCount: { readonly trainable: number; readonly nonTrainable: number };
  predict(x: Float32Array, rows: number): Float32Array;
}

export class Ensemble implements Predictor {
  readonly inputSize: number;
  readonly outputSize: number;

  constructor(readonly members: readonly Network[]) {
    if (members.length === 0) throw new Error('An ensemble needs at least one network');
    this.inputSize = members[0]!.inputSize;
    this.outputSize = members[0]!.outputSize;
    for (const m of members) {
      if (m.inputSize !== this.inputSize || m.outputSize !== this.outputSize) {
        throw new Error(`Ensemble members disagree: ${m.inputSize} → ${m.outputSize} next to ${this.inputSize} → ${this.outputSize}`);
      }
    }
  }

  get parameterCount(): { trainable: number; nonTrainable: number } {
    let trainable = 0;
    let nonTrainable = 0;
    for (const m of this.members) {
      trainable += m.parameterCount.trainable;
      nonTrainable += m.parameterCount.nonTrainable;
    }
    return { trainable, nonTrainable };
  }

  predict(x: Float32Array, rows: number): Float32Array {
    const sum = new Float64Array(rows * this.outputSize);
    for (const m of this.members) {
      const out = m.predict(x, rows);
      for (let i = 0; i < sum.length; i++) sum[i]! += out[i]!;
    }
    const k = this.members.length;
    return Float32Array.from(sum, (v) => v / k);
  }
}
