/**
 * Adagrad as Keras writes it: the accumulator starts at `initialAccumulatorValue` and epsilon sits inside the
 * square root:  a ← a + g²;  w ← w − lr · g / √(a + ε).  TF.js' `tf.train.adagrad` is the same rule with the
 * backend's epsilon (1e-7 on the CPU backend).
 */
import { UpdateRule, type CommonSettings } from './update-rule.ts';

export interface AdagradSettings extends CommonSettings {
  readonly initialAccumulatorValue?: number | undefined;
  readonly epsilon?: number | undefined;
}

export const ADAGRAD_DEFAULTS = { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 } as const;

export class Adagrad extends UpdateRule {
  readonly kind = 'adagrad';
  readonly epsilon: number;

  constructor(settings: AdagradSettings = {}) {
    super(settings, ADAGRAD_DEFAULTS.learningRate, ['accumulator'], settings.initialAccumulatorValue ?? ADAGRAD_DEFAULTS.initialAccumulatorValue);
    this.epsilon = settings.epsilon ?? ADAGRAD_DEFAULTS.epsilon;
  }

  protected update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], lr: number): void {
    const a = slots[0]!;
    const epsilon = this.epsilon;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      const ai = (a[i] = a[i]! + gi * gi);
      w[i] = w[i]! - (lr * gi) / Math.sqrt(ai + epsilon);
    }
  }
}
