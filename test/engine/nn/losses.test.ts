import { describe, expect, it } from 'vitest';
import { getActivation } from '../../../engine/nn/activations.ts';
import { getLoss, LOSSES, type LossKind } from '../../../engine/nn/losses.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { expectGradientsClose, numericGradient, randomArray } from './gradient-check.ts';

const ROWS = 4;

function targets(kind: LossKind, width: number, rng: Rng): Float32Array {
  if (kind === 'sparse_categorical_crossentropy') return Float32Array.from({ length: ROWS }, () => rng.int(width));
  if (kind === 'categorical_crossentropy') {
    const y = new Float32Array(ROWS * width);
    for (let r = 0; r < ROWS; r++) y[r * width + rng.int(width)] = 1;
    return y;
  }
  if (kind === 'binary_crossentropy') return Float32Array.from({ length: ROWS * width }, () => rng.int(2));
  return randomArray(ROWS * width, rng, 2);
}

describe('losses', () => {
  for (const kind of LOSSES) {
    const width = kind.includes('categorical') ? 3 : 2;
    for (const fromLogits of kind.includes('crossentropy') ? [true, false] : [false]) {
      for (const weighted of [false, true]) {
        it(`${kind}${fromLogits ? ' (fused, from logits)' : ''}${weighted ? ' with sample weights' : ''}: gradient matches finite differences`, () => {
          const rng = new Rng(5);
          const y = targets(kind, width, rng);
          let pred = randomArray(ROWS * width, rng, 2, 0.05);
          if (!fromLogits && kind.includes('crossentropy')) {
            // probabilities, as a sigmoid/softmax output would give
            const probs = new Float32Array(pred.length);
            getActivation(kind === 'binary_crossentropy' ? 'sigmoid' : 'softmax').forward(pred, probs, ROWS, width);
            pred = probs;
          }
          const sampleWeights = weighted ? Float32Array.from([0.5, 2, 1, 3]) : undefined;
          const loss = getLoss(kind);
          const f = (): number => loss.compute({ pred, y, rows: ROWS, width, fromLogits, grad: null, sampleWeights });
          const grad = new Float32Array(pred.length);
          const value = loss.compute({ pred, y, rows: ROWS, width, fromLogits, grad, sampleWeights });
          expect(value).toBeCloseTo(f(), 12);
          expectGradientsClose(grad, Array.from(pred, (_, i) => numericGradient(f, pred, i, 1e-3)), kind);
        });
      }
    }
  }

  it('fused and unfused binary cross-entropy agree on ordinary probabilities', () => {
    const z = Float32Array.from([-1.5, 0.2, 2.5]);
    const p = new Float32Array(3);
    getActivation('sigmoid').forward(z, p, 3, 1);
    const y = Float32Array.from([0, 1, 1]);
    const bce = getLoss('binary_crossentropy');
    const fused = bce.compute({ pred: z, y, rows: 3, width: 1, fromLogits: true, grad: null });
    const plain = bce.compute({ pred: p, y, rows: 3, width: 1, fromLogits: false, grad: null });
    expect(fused).toBeCloseTo(plain, 6);
    // −mean(log(1−σ(−1.5)), log σ(0.2), log σ(2.5)) by hand
    const expected = -(Math.log(1 - 1 / (1 + Math.exp(1.5))) + Math.log(1 / (1 + Math.exp(-0.2))) + Math.log(1 / (1 + Math.exp(-2.5)))) / 3;
    expect(fused).toBeCloseTo(expected, 7);
  });

  it('fused cross-entropy stays finite where probabilities would round to 0 or 1', () => {
    const bce = getLoss('binary_crossentropy');
    const value = bce.compute({ pred: Float32Array.from([-200]), y: Float32Array.from([1]), rows: 1, width: 1, fromLogits: true, grad: null });
    expect(value).toBeCloseTo(200, 6);
    const cce = getLoss('sparse_categorical_crossentropy');
    const v2 = cce.compute({ pred: Float32Array.from([1000, -1000, 0]), y: Float32Array.from([1]), rows: 1, width: 3, fromLogits: true, grad: null });
    expect(v2).toBeCloseTo(2000, 6);
  });

  it('categorical cross-entropy on probabilities: a clipped entry still passes gradient through the normalising sum', () => {
    // Keras: −Σ t_k log(clip(p_k / Σp)). Only the clipped quotient is cut off from the gradient, so with t = [1, 0, 0]
    // dL/dp_j = −[j = 0]/p_0 + 1/Σp for every j, including the clipped p_2; and with t = [0, 0, 1] (the target's own
    // quotient clipped) the loss is the constant −log 1e-7 and every gradient is 0.
    const pred = Float32Array.from([0.6, 0.4, 1e-9]);
    const norm = pred[0]! + pred[1]! + pred[2]!;
    const cce = getLoss('categorical_crossentropy');
    const grad = new Float32Array(3);
    cce.compute({ pred, y: Float32Array.from([1, 0, 0]), rows: 1, width: 3, fromLogits: false, grad });
    expect(grad[0]).toBeCloseTo(-1 / pred[0]! + 1 / norm, 6);
    expect(grad[1]).toBeCloseTo(1 / norm, 6);
    expect(grad[2]).toBeCloseTo(1 / norm, 6);
    const value = cce.compute({ pred, y: Float32Array.from([0, 0, 1]), rows: 1, width: 3, fromLogits: false, grad });
    expect(value).toBeCloseTo(-Math.log(1e-7), 6);
    expect(Array.from(grad)).toEqual([0, 0, 0]);
  });

  it('fused binary cross-entropy hands over exactly what the sigmoid layer outputs', () => {
    const z = Float32Array.of(-40, -3.5, -1e-3, -0, 0, 1e-3, 0.7, 12, 90);
    const activated = new Float32Array(z.length), fromLayer = new Float32Array(z.length);
    getLoss('binary_crossentropy').compute({ pred: z, y: new Float32Array(z.length), rows: z.length, width: 1, fromLogits: true, grad: null, activated });
    getActivation('sigmoid').forward(z, fromLayer, z.length, 1);
    expect(Array.from(activated)).toEqual(Array.from(fromLayer));
  });

  it('computes MSE, MAE and Huber by hand', () => {
    const pred = Float32Array.from([1, 4, -2, 0.5]);
    const y = Float32Array.from([0, 1, 0, 0]);
    const args = { pred, y, rows: 4, width: 1, fromLogits: false, grad: null };
    expect(getLoss('mse').compute(args)).toBeCloseTo((1 + 9 + 4 + 0.25) / 4, 7);
    expect(getLoss('mae').compute(args)).toBeCloseTo((1 + 3 + 2 + 0.5) / 4, 7);
    // Huber δ=1: 0.5·1², 1·(3−0.5), 1·(2−0.5), 0.5·0.25
    expect(getLoss('huber').compute(args)).toBeCloseTo((0.5 + 2.5 + 1.5 + 0.125) / 4, 7);
  });

  it('applies sample weights as Keras does: weighted sum divided by the number of rows', () => {
    const pred = Float32Array.from([1, 2]);
    const y = Float32Array.from([0, 0]);
    const value = getLoss('mse').compute({ pred, y, rows: 2, width: 1, fromLogits: false, grad: null, sampleWeights: Float32Array.from([3, 0.5]) });
    expect(value).toBeCloseTo((3 * 1 + 0.5 * 4) / 2, 7);
  });

  it('rejects an unknown loss by name', () => {
    expect(() => getLoss('crossentropy')).toThrow(/Unknown loss "crossentropy"/);
  });
});
