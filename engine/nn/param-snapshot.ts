/**
 * A copy of every param's values (persistent statistics included, as Keras' get_weights) in buffers allocated
 * once, so that keeping the best or the last finite weights costs a memcpy per epoch and nothing else.
 */
import type { Param } from './types.ts';

export class ParamSnapshot {
  private readonly copies: Float32Array[];
  /** The epoch the captured values come from (0: before training), or null when nothing was captured. */
  epoch: number | null = null;

  constructor(private readonly params: readonly Param[]) {
    this.copies = params.map((p) => new Float32Array(p.value.length));
  }

  capture(epoch: number): void {
    this.params.forEach((p, i) => this.copies[i]!.set(p.value));
    this.epoch = epoch;
  }

  /** Puts the captured values back; returns their epoch. */
  restore(): number {
    if (this.epoch === null) throw new Error('ParamSnapshot.restore: nothing was captured');
    this.params.forEach((p, i) => p.value.set(this.copies[i]!));
    return this.epoch;
  }
}

/** False as soon as one param value is NaN or infinite. */
export function paramsAreFinite(params: readonly Param[]): boolean {
  for (const p of params) {
    const v = p.value;
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return false;
  }
  return true;
}
