/**
 * RMSprop as Keras writes it (epsilon inside the square root, velocity starting at zero):
 *   s ← ρ·s + (1 − ρ)·g²;  centered: ḡ ← ρ·ḡ + (1 − ρ)·g, denominator s − ḡ² + ε, else s + ε
 *   Δ = lr · g / √denominator;  with momentum μ: u ← μ·u + Δ, w ← w − u; else w ← w − Δ
 * TF.js' centered variant computes s − (ḡ² + ε), subtracting ε; we follow Keras.
 */
import { UpdateRule, type CommonSettings } from './update-rule.ts';

export interface RmspropSettings extends CommonSettings {
  readonly rho?: number | undefined;
  readonly momentum?: number | undefined;
  readonly epsilon?: number | undefined;
  readonly centered?: boolean | undefined;
}

export const RMSPROP_DEFAULTS = { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false } as const;

export class Rmsprop extends UpdateRule {
  readonly kind = 'rmsprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(settings: RmspropSettings = {}) {
    const momentum = settings.momentum ?? RMSPROP_DEFAULTS.momentum;
    const centered = settings.centered ?? RMSPROP_DEFAULTS.centered;
    super(settings, RMSPROP_DEFAULTS.learningRate, ['velocity', ...(momentum > 0 ? ['momentum'] : []), ...(centered ? ['average_gradient'] : [])]);
    this.rho = settings.rho ?? RMSPROP_DEFAULTS.rho;
    this.momentum = momentum;
    this.epsilon = settings.epsilon ?? RMSPROP_DEFAULTS.epsilon;
    this.centered = centered;
  }

  protected update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], lr: number): void {
    const s = slots[0]!;
    const u = this.momentum > 0 ? slots[1]! : null;
    const avg = this.centered ? slots[slots.length - 1]! : null;
    const { rho, momentum, epsilon } = this;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      const si = (s[i] = rho * s[i]! + (1 - rho) * gi * gi);
      let denominator = si + epsilon;
      if (avg) {
        const ai = (avg[i] = rho * avg[i]! + (1 - rho) * gi);
        denominator = si - ai * ai + epsilon;
      }
      const delta = (lr * gi) / Math.sqrt(denominator);
      if (u) w[i] = w[i]! - (u[i] = momentum * u[i]! + delta);
      else w[i] = w[i]! - delta;
    }
  }
}
