/**
 * What every optimizer shares, in the order Keras' BaseOptimizer.apply does it: clip the gradients, apply
 * decoupled weight decay (`w ← w − w·weightDecay·lr` on every trainable param, before the update; AdamW is Adam
 * with this on), run the rule's update, count the step. Slots (m, v, …) are keyed by param name and created on
 * first use, so the state serializes as plain JSON and restores onto a rebuilt network. A subclass writes only
 * its update for one param.
 */
import { UserFacingError } from '../../errors.ts';
import { clipGradients, type GradientClipping } from '../clip.ts';
import type { Optimizer, OptimizerState, Param } from '../types.ts';

/** Settings every optimizer accepts (Keras' base optimizer arguments). */
export interface CommonSettings extends GradientClipping {
  readonly learningRate?: number | undefined;
  /** Decoupled weight decay (Keras `weight_decay`); 0 or absent turns it off. */
  readonly weightDecay?: number | undefined;
}

export abstract class UpdateRule implements Optimizer {
  abstract readonly kind: string;
  learningRate: number;
  readonly weightDecay: number;
  private readonly clipping: GradientClipping;
  private readonly slots = new Map<string, Float32Array[]>();
  private steps = 0;
  /**
   * The slots of each param of the last `params` stepped, in its order: the fit loop passes the same array
   * every batch, so a step looks nothing up by name (six lookups per batch were a tenth of a small network's step).
   */
  private lastParams: readonly Param[] | null = null;
  private lastSlots: (readonly Float32Array[])[] = [];

  protected constructor(
    common: CommonSettings,
    defaultLearningRate: number,
    /** Names of the per-param slots, in the order `update` receives them. */
    private readonly slotNames: readonly string[],
    private readonly slotInitialValue = 0,
  ) {
    this.learningRate = common.learningRate ?? defaultLearningRate;
    this.weightDecay = common.weightDecay ?? 0;
    this.clipping = { clipnorm: common.clipnorm, globalClipnorm: common.globalClipnorm, clipvalue: common.clipvalue };
  }

  get iterations(): number {
    return this.steps;
  }

  /**
   * Updates one param in place. `slots` follow `slotNames`; `step` is 1 on the first update (Keras'
   * `iterations + 1`, which Adam's bias correction uses).
   */
  protected abstract update(value: Float32Array, grad: Float32Array, slots: readonly Float32Array[], learningRate: number, step: number): void;

  step(params: readonly Param[]): void {
    clipGradients(params, this.clipping);
    const lr = this.learningRate;
    const decay = this.weightDecay * lr;
    const step = this.steps + 1;
    if (params !== this.lastParams) {
      this.lastSlots = params.map((p) => (p.trainable ? this.slotsOf(p) : []));
      this.lastParams = params;
    }
    for (let k = 0; k < params.length; k++) {
      const p = params[k]!;
      if (!p.trainable) continue;
      if (decay !== 0) {
        const w = p.value;
        for (let i = 0; i < w.length; i++) w[i] = w[i]! - w[i]! * decay;
      }
      this.update(p.value, p.grad, this.lastSlots[k]!, lr, step);
    }
    this.steps = step;
  }

  private slotsOf(p: Param): readonly Float32Array[] {
    let slots = this.slots.get(p.name);
    if (!slots) {
      slots = this.slotNames.map(() => new Float32Array(p.value.length).fill(this.slotInitialValue));
      this.slots.set(p.name, slots);
    } else if (slots.length > 0 && slots[0]!.length !== p.value.length) {
      throw new UserFacingError(
        'optimizer-state-mismatch',
        `The saved optimizer state does not fit this network: "${p.name}" has ${p.value.length} values but the state holds ${slots[0]!.length}. ` +
          'Start the training again with a fresh optimizer.',
      );
    }
    return slots;
  }

  getState(): OptimizerState {
    const slots: Record<string, Record<string, number[]>> = {};
    for (const [name, buffers] of this.slots) {
      const entry: Record<string, number[]> = {};
      buffers.forEach((buffer, i) => (entry[this.slotNames[i]!] = Array.from(buffer)));
      slots[name] = entry;
    }
    return { kind: this.kind, iterations: this.steps, learningRate: this.learningRate, slots };
  }

  setState(state: OptimizerState): void {
    const mismatch = (what: string): never => {
      throw new UserFacingError('optimizer-state-mismatch', `The saved optimizer state cannot be used with this ${this.kind} optimizer: ${what}. Start the training again with a fresh optimizer.`);
    };
    if (state.kind !== this.kind) mismatch(`it was saved by ${state.kind}`);
    if (!(Number.isInteger(state.iterations) && state.iterations >= 0)) mismatch(`its step count ${String(state.iterations)} is not a whole number ≥ 0`);
    const restored = new Map<string, Float32Array[]>();
    for (const [name, entry] of Object.entries(state.slots)) {
      const buffers = this.slotNames.map((slot) => {
        const values = entry[slot];
        if (!Array.isArray(values)) return mismatch(`"${name}" has no "${slot}" slot`);
        return Float32Array.from(values);
      });
      if (buffers.some((b) => b.length !== buffers[0]!.length)) mismatch(`the slots of "${name}" differ in length`);
      restored.set(name, buffers);
    }
    this.slots.clear();
    for (const [name, buffers] of restored) this.slots.set(name, buffers);
    this.lastParams = null;
    this.steps = state.iterations;
    if (state.learningRate !== undefined) this.learningRate = state.learningRate;
  }
}
