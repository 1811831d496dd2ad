import { describe, expect, it } from 'vitest';
import { isUserFacingError } from '../../../../engine/errors.ts';
import { createOptimizer, OPTIMIZER_KINDS, type OptimizerSettings } from '../../../../engine/nn/optimizers/create-optimizer.ts';
import { Rng } from '../../../../engine/nn/rng.ts';
import type { Optimizer } from '../../../../engine/nn/types.ts';
import { param } from './param-fixture.ts';

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isUserFacingError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a UserFacingError');
}

/** Steps a kernel and a bias with seeded pseudo-random gradients, continuing the same gradient stream. */
function train(opt: Optimizer, params: ReturnType<typeof param>[], rng: Rng, steps: number): void {
  for (let s = 0; s < steps; s++) {
    for (const p of params) for (let i = 0; i < p.grad.length; i++) p.grad[i] = rng.normal();
    opt.step(params);
  }
}

describe('createOptimizer', () => {
  it('fills in Keras defaults for every kind', () => {
    expect(createOptimizer({ kind: 'adam' })).toMatchObject({ kind: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0 });
    expect(createOptimizer({ kind: 'adamw' })).toMatchObject({ kind: 'adamw', learningRate: 0.001, weightDecay: 0.004 });
    expect(createOptimizer({ kind: 'sgd' })).toMatchObject({ kind: 'sgd', learningRate: 0.01, momentum: 0, nesterov: false });
    expect(createOptimizer({ kind: 'rmsprop' })).toMatchObject({ kind: 'rmsprop', learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
    expect(createOptimizer({ kind: 'adagrad' })).toMatchObject({ kind: 'adagrad', learningRate: 0.001, epsilon: 1e-7 });
  });

  it('passes the chosen settings through', () => {
    expect(createOptimizer({ kind: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true })).toMatchObject({ learningRate: 0.1, momentum: 0.9, nesterov: true });
  });

  it.each([
    [{ kind: 'adam', learningRate: -0.1 }, /adam: learningRate must be a number greater than 0 .*got -0\.1/],
    [{ kind: 'adam', learningRate: Number.NaN }, /learningRate must be/],
    [{ kind: 'adam', beta1: 1 }, /beta1 must be a number from 0 up to \(not including\) 1, got 1/],
    [{ kind: 'adam', epsilon: 0 }, /epsilon must be a number greater than 0/],
    [{ kind: 'sgd', momentum: 1.5 }, /momentum must be a number from 0 to 1, got 1\.5/],
    [{ kind: 'sgd', nesterov: 'yes' }, /nesterov must be true or false/],
    [{ kind: 'adagrad', initialAccumulatorValue: -1 }, /initialAccumulatorValue must be a number ≥ 0/],
    [{ kind: 'adam', lr: 0.01 }, /The adam optimizer has no setting "lr". Its settings are: learningRate, /],
    [{ kind: 'sgd', beta1: 0.9 }, /no setting "beta1"/],
    [{ kind: 'adam', clipnorm: 1, clipvalue: 0.5 }, /set only one of clipnorm, globalClipnorm and clipvalue \(got clipnorm and clipvalue\)/],
    [{ kind: 'nadam' }, /Unknown optimizer "nadam". Choose one of: adam, adamw, sgd, rmsprop, adagrad/],
  ])('rejects %j with a message naming the setting', (settings, message) => {
    const error = errorOf(() => createOptimizer(settings as unknown as OptimizerSettings));
    expect(error.code).toBe('invalid-optimizer');
    expect(error.message).toMatch(message);
  });
});

describe('optimizer state', () => {
  const SETTINGS: OptimizerSettings[] = [
    { kind: 'adam', learningRate: 0.01, amsgrad: true },
    { kind: 'adamw', learningRate: 0.01 },
    { kind: 'sgd', momentum: 0.9, nesterov: true },
    { kind: 'rmsprop', momentum: 0.5, centered: true },
    { kind: 'adagrad' },
  ];

  it.each(SETTINGS)('$kind resumes bit-identically from a JSON round trip of its state', (settings) => {
    const fresh = (): ReturnType<typeof param>[] => [param('dense/kernel', [0.5, -0.25, 1, 2]), param('dense/bias', [0, 0.1])];
    const straight = fresh();
    const straightRng = new Rng(7);
    train(createOptimizer(settings), straight, straightRng, 10);

    const resumed = fresh();
    const rng = new Rng(7);
    const first = createOptimizer(settings);
    train(first, resumed, rng, 4);
    first.learningRate *= 0.5;
    const saved = JSON.parse(JSON.stringify(first.getState())) as ReturnType<Optimizer['getState']>;
    const second = createOptimizer(settings);
    second.setState(saved);
    expect(second.iterations).toBe(4);
    expect(second.learningRate).toBe(first.learningRate);
    second.learningRate = first.learningRate * 2;
    train(second, resumed, rng, 6);

    straight.forEach((p, i) => expect(Array.from(resumed[i]!.value)).toEqual(Array.from(p.value)));
  });

  it('steps with the restored slots after setState, even on the params it stepped before', () => {
    const fresh = (): ReturnType<typeof param>[] => [param('dense/kernel', [1, -2, 0.5]), param('dense/bias', [0.1])];
    const mine = fresh(), other = fresh();
    const opt = createOptimizer({ kind: 'adam' }), source = createOptimizer({ kind: 'adam' });
    train(opt, mine, new Rng(1), 2);
    train(source, other, new Rng(2), 5);
    opt.setState(source.getState());
    mine.forEach((p, i) => p.value.set(other[i]!.value));
    train(opt, mine, new Rng(3), 1);
    train(source, other, new Rng(3), 1);
    other.forEach((p, i) => expect(Array.from(mine[i]!.value)).toEqual(Array.from(p.value)));
  });

  it('keys slots by param name', () => {
    const opt = createOptimizer({ kind: 'adam' });
    const params = [param('dense/kernel', [1, 2]), param('dense/bias', [0])];
    train(opt, params, new Rng(1), 1);
    const state = opt.getState();
    expect(Object.keys(state.slots)).toEqual(['dense/kernel', 'dense/bias']);
    expect(Object.keys(state.slots['dense/kernel']!)).toEqual(['m', 'v']);
    expect(state.slots['dense/bias']!['m']).toHaveLength(1);
  });

  it('refuses a state saved by another kind of optimizer', () => {
    const adam = createOptimizer({ kind: 'adam' });
    const error = errorOf(() => createOptimizer({ kind: 'sgd', momentum: 0.9 }).setState(adam.getState()));
    expect(error.code).toBe('optimizer-state-mismatch');
    expect(error.message).toMatch(/saved by adam/);
  });

  it('refuses a state whose slots do not fit the network', () => {
    const opt = createOptimizer({ kind: 'adam' });
    opt.setState({ kind: 'adam', iterations: 3, slots: { 'dense/kernel': { m: [0, 0], v: [0, 0] } } });
    const error = errorOf(() => opt.step([param('dense/kernel', [1, 2, 3])]));
    expect(error.code).toBe('optimizer-state-mismatch');
    expect(error.message).toMatch(/"dense\/kernel" has 3 values but the state holds 2/);
  });
});

it('OPTIMIZER_KINDS lists every kind the factory builds', () => {
  for (const kind of OPTIMIZER_KINDS) expect(createOptimizer({ kind }).kind).toBe(kind);
});
