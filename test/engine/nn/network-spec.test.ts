import { describe, expect, it } from 'vitest';
import { isUserFacingError } from '../../../engine/errors.ts';
import { validateNetworkSpec, type NetworkSpec } from '../../../engine/nn/network-spec.ts';

/** A spec as it arrives from a file or a form: any JSON at all. */
function check(spec: unknown): void {
  validateNetworkSpec(spec as NetworkSpec);
}

function expectRejected(spec: unknown, message: RegExp): void {
  let error: unknown;
  try {
    check(spec);
  } catch (e) {
    error = e;
  }
  expect(isUserFacingError(error), `expected a UserFacingError, got ${String(error)}`).toBe(true);
  expect((error as Error).message).toMatch(message);
}

const output = { type: 'dense', units: 1, activation: 'sigmoid' };
const withHidden = (...hidden: unknown[]): unknown => ({ inputSize: 3, layers: [...hidden, output], loss: 'binary_crossentropy' });

describe('validateNetworkSpec', () => {
  it('accepts a spec that uses every setting', () => {
    check(
      withHidden(
        { type: 'dense', units: 4, activation: 'relu', useBias: false, kernelInitializer: 'he_normal', biasInitializer: 'zeros', l1: 0.01, l2: 0.001 },
        { type: 'dropout', rate: 0.2 },
        { type: 'batchNormalization', momentum: 0.9, epsilon: 0.001 },
      ),
    );
  });

  it('rejects numbers written as text, naming the layer and the setting (e.g. a hand-edited file)', () => {
    // Unchecked, epsilon "0.001" turned moving_variance + epsilon into string concatenation.
    expectRejected(withHidden({ type: 'batchNormalization', epsilon: '0.001' }), /Layer 1 \(batchNormalization\): epsilon must be a number > 0.*got "0\.001"/);
    expectRejected(withHidden({ type: 'batchNormalization', momentum: '0.9' }), /Layer 1 \(batchNormalization\): momentum must be a number in \[0, 1\).*got "0\.9"/);
    expectRejected(withHidden({ type: 'dense', units: 2, useBias: 'false' }), /Layer 1 \(dense\): useBias must be true or false, got "false"/);
  });

  it('rejects a setting it does not know instead of silently ignoring it', () => {
    expectRejected(withHidden({ type: 'dense', units: 2, activaton: 'relu' }), /Layer 1 \(dense\): unknown setting "activaton"\. A dense layer takes: units, activation,/);
    expectRejected(withHidden({ type: 'dropout', rate: 0.1, l2: 0.01 }), /Layer 1 \(dropout\): unknown setting "l2"\. A dropout layer takes: rate\./);
    expectRejected({ inputSize: 3, layers: [output], loss: 'binary_crossentropy', optimizer: 'adam' }, /The network has an unknown setting "optimizer"/);
  });

  it('rejects a layer that is not an object', () => {
    expectRejected(withHidden(null), /Layer 1 is not a layer description/);
    expectRejected(withHidden('dense'), /Layer 1 is not a layer description/);
  });

  it('requires the output Dense layer to be the last layer', () => {
    // A dropout or batch normalization after the sigmoid would hand the loss values that are not probabilities.
    expectRejected(
      { inputSize: 3, layers: [output, { type: 'dropout', rate: 0.5 }], loss: 'binary_crossentropy' },
      /Layer 2 \(dropout\) comes after the output layer\. Move it before the last Dense layer/,
    );
  });
});
