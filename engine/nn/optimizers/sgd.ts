/**
 * Stochastic gradient descent with Keras' momentum formulation, where the velocity carries the learning rate:
 *   plain:     w ← w − lr·g
 *   momentum:  v ← μ·v − lr·g;  w ← w + v
 *   Nesterov:  v ← μ·v − lr·g;  w ← w + μ·v − lr·g
 * TF.js' `tf.train.momentum` accumulates raw gradients instead (a ← μ·a + g; w ← w − lr·a). Both agree while the
 * rate is constant; after reduce-on-plateau lowers it, Keras' velocity keeps the steps already taken at the old
 * rate, which is what we do.
 */
import { UpdateRule, type CommonSettings } from './update-rule.ts';

export interface SgdSettings extends CommonSettings {
  /** Velocity decay μ in [0, 1]; 0 is plain SGD. */
  readonly momentum?: number | undefined;
  readonly nesterov?: boolean | undefined;
}

export const SGD_DEFAULTS = { learningRate: 0.01, momentum: 0, nesterov: false } as const;

export class Sgd extends UpdateRule {
  readonly kind = 'sgd';
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(settings: SgdSettings = {}) {
    const momentum = settings.momentum ?? SGD_DEFAULTS.momentum;
    super(settings, SGD_DEFAULTS.learningRate, momentum > 0 ? ['momentum'] : []);
    this.momentum = momentum;
    this.nesterov = settings.nesterov ?? SGD_DEFAULTS.nesterov;
  }

  protected update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], lr: number): void {
    const n = w.length;
    if (this.momentum === 0) {
      for (let i = 0; i < n; i++) w[i] = w[i]! - lr * g[i]!;
      return;
    }
    const v = slots[0]!;
    const mu = this.momentum;
    for (let i = 0; i < n; i++) {
      const vi = (v[i] = mu * v[i]! - lr * g[i]!);
      w[i] = this.nesterov ? w[i]! + mu * vi - lr * g[i]! : w[i]! + vi;
    }
  }
}
