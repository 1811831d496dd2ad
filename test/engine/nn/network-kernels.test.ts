import { describe, expect, it } from 'vitest';
import { fit } from '../../../engine/nn/fit.ts';
import type { KernelChoice } from '../../../engine/nn/kernels-dense.ts';
import { DenseLinear } from '../../../engine/nn/layers/dense.ts';
import { Network } from '../../../engine/nn/network.ts';
import type { NetworkSpec } from '../../../engine/nn/network-spec.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { enableRelaxedSimd } from '../../../main/runtime/wasm-features.ts';
import { binaryAccuracy, diabetes } from './fit-fixtures.ts';
import { expectGradientsClose, numericGradient, randomArray } from './gradient-check.ts';

const spec: NetworkSpec = {
  inputSize: 8,
  layers: [
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 17, activation: 'relu' },
    { type: 'dense', units: 1, activation: 'sigmoid' },
  ],
  loss: 'binary_crossentropy',
};

function train(kernels: KernelChoice): { network: Network; accuracy: number } {
  const data = diabetes();
  const network = new Network(spec, new Rng(5), { kernels });
  fit(network, data, { epochs: 5, batchSize: 32, seed: 9, optimizer: { kind: 'adam', learningRate: 0.01 } });
  return { network, accuracy: binaryAccuracy.compute(data.y, network.predict(data.x, data.rows), data.rows) };
}

enableRelaxedSimd();

describe('a network on the WASM kernels', () => {
  it('runs its Dense layers on WASM (ReLU fused) when asked, on TypeScript when asked', () => {
    const paths = (kernels: KernelChoice): string[] =>
      (new Network(spec, new Rng(1), { kernels }) as unknown as { layers: unknown[] }).layers.map((l) => (l instanceof DenseLinear ? l.kernelPath : 'activation'));
    expect(paths('wasm')).toEqual(['relaxed-simd', 'relaxed-simd', 'relaxed-simd', 'activation']);
    expect(paths('simd')).toEqual(['simd', 'simd', 'simd', 'activation']);
    expect(paths('typescript')).toEqual(['typescript', 'activation', 'typescript', 'activation', 'typescript', 'activation']);
  });
});

describe.each(['relaxed-simd', 'simd'] as const)('a network on the WASM %s kernels', (variant) => {
  it('has gradients that match finite differences', () => {
    const rng = new Rng(8);
    const net = new Network(spec, new Rng(3), { kernels: variant });
    const rows = 5;
    const x = randomArray(rows * 8, rng, 1.5);
    const y = Float32Array.from({ length: rows }, () => rng.int(2));
    const loss = (): number => net.computeGradients(x, y, rows, new Rng(0));
    loss();
    const analytic = net.trainable().map((p) => p.grad.slice());
    net.trainable().forEach((p, k) => {
      expectGradientsClose(analytic[k]!, Array.from(p.value, (_, i) => numericGradient(loss, p.value, i)), p.name);
    });
  });

  it('trains bit-identically twice with the same seed', () => {
    const a = train(variant).network.getWeights(), b = train(variant).network.getWeights();
    a.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(b[i]!)));
  });

  it('trains to the weights and accuracy of the TypeScript path, up to float rounding', () => {
    const wasm = train(variant), ts = train('typescript');
    const wW = wasm.network.getWeights(), tW = ts.network.getWeights();
    let worst = 0;
    wW.forEach((w, i) => w.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - tW[i]![j]!)))));
    expect(worst).toBeLessThan(1e-3);
    expect(Math.abs(wasm.accuracy - ts.accuracy)).toBeLessThanOrEqual(0.005);
  });
});
