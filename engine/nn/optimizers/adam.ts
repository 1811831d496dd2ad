/**
 * Adam as Keras writes it, with epsilon "hat" (Kingma & Ba, just before section 2.1): the bias corrections are
 * folded into the step size and epsilon is added to √v, not to √v̂:
 *   m ← m + (g − m)(1 − β₁);  v ← v + (g² − v)(1 − β₂)
 *   α = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ);  w ← w − α · m / (√v + ε)
 * TF.js' `tf.train.adam` adds ε to √v̂ instead (the same as ε·√(1 − β₂ᵗ) here), so the two differ only while
 * √v is comparable to ε. AMSGrad replaces v by its running maximum v̂ in the step.
 */
import { adamUpdateWasm } from './adam-wasm.ts';
import { UpdateRule, type CommonSettings } from './update-rule.ts';

/** Params with fewer values are updated in JavaScript: below this the copies cost more than the update saves. */
const WASM_MIN_VALUES = 256;

export interface AdamSettings extends CommonSettings {
  readonly beta1?: number | undefined;
  readonly beta2?: number | undefined;
  readonly epsilon?: number | undefined;
  readonly amsgrad?: boolean | undefined;
}

export const ADAM_DEFAULTS = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false } as const;

/** The update without AMSGrad, in JavaScript: float64 arithmetic, rounded to float32 only when stored. */
export function adamUpdateJs(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, keep1: number, keep2: number, alpha: number, epsilon: number): void {
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!, m0 = m[i]!, v0 = v[i]!;
    const mi = m0 + (gi - m0) * keep1;
    const vi = v0 + (gi * gi - v0) * keep2;
    m[i] = mi;
    v[i] = vi;
    w[i] = w[i]! - (mi * alpha) / (Math.sqrt(vi) + epsilon);
  }
}

export class Adam extends UpdateRule {
  readonly kind: string = 'adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(settings: AdamSettings = {}) {
    const amsgrad = settings.amsgrad ?? ADAM_DEFAULTS.amsgrad;
    super(settings, ADAM_DEFAULTS.learningRate, amsgrad ? ['m', 'v', 'vhat'] : ['m', 'v']);
    this.beta1 = settings.beta1 ?? ADAM_DEFAULTS.beta1;
    this.beta2 = settings.beta2 ?? ADAM_DEFAULTS.beta2;
    this.epsilon = settings.epsilon ?? ADAM_DEFAULTS.epsilon;
    this.amsgrad = amsgrad;
  }

  protected update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], lr: number, step: number): void {
    const m = slots[0]!;
    const v = slots[1]!;
    const { beta1, beta2, epsilon } = this;
    const alpha = (lr * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
    // In float64, rounded to float32 only when stored; each slot read once.
    const keep1 = 1 - beta1, keep2 = 1 - beta2;
    if (this.amsgrad) {
      const vhat = slots[2]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!, m0 = m[i]!, v0 = v[i]!;
        const mi = m0 + (gi - m0) * keep1;
        const vi = v0 + (gi * gi - v0) * keep2;
        m[i] = mi;
        v[i] = vi;
        const top = (vhat[i] = Math.max(vhat[i]!, vi));
        w[i] = w[i]! - (mi * alpha) / (Math.sqrt(top) + epsilon);
      }
      return;
    }
    // Wide layers on the WASM kernels (the same arithmetic, adam-wasm.ts); small ones are not worth the copies.
    if (w.length >= WASM_MIN_VALUES && adamUpdateWasm(w, g, m, v, keep1, keep2, alpha, epsilon)) return;
    adamUpdateJs(w, g, m, v, keep1, keep2, alpha, epsilon);
  }
}
