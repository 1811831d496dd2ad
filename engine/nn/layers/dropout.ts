import type { Mode, Param, RandomSource } from '../types.ts';
import { ensureCapacity, type Layer } from './layer.ts';

/** Inverted dropout: in training each unit is kept with probability 1 − rate and scaled by 1/(1 − rate). */
export class Dropout implements Layer {
  private out: Float32Array = new Float32Array(0);
  private mask: Float32Array = new Float32Array(0);
  private gradIn: Float32Array = new Float32Array(0);
  private active = false;

  constructor(
    readonly name: string,
    readonly inputSize: number,
    readonly rate: number,
  ) {}

  get outputSize(): number {
    return this.inputSize;
  }

  reserve(maxRows: number): void {
    this.out = ensureCapacity(this.out, maxRows, this.inputSize);
    this.mask = ensureCapacity(this.mask, maxRows, this.inputSize);
    this.gradIn = ensureCapacity(this.gradIn, maxRows, this.inputSize);
  }

  forward(input: Float32Array, rows: number, mode: Mode, rng: RandomSource | null): Float32Array {
    this.active = mode === 'train' && this.rate > 0;
    if (!this.active) return input;
    if (!rng) throw new Error('Dropout needs a random source in training mode');
    const n = rows * this.inputSize;
    const keep = 1 - this.rate;
    const scale = 1 / keep;
    for (let i = 0; i < n; i++) {
      const m = rng.next() < keep ? scale : 0;
      this.mask[i] = m;
      this.out[i] = input[i]! * m;
    }
    return this.out;
  }

  /** For gradient checks: replay a fixed mask instead of drawing one. */
  forwardWithMask(input: Float32Array, rows: number, mask: Float32Array): Float32Array {
    this.active = true;
    const n = rows * this.inputSize;
    for (let i = 0; i < n; i++) {
      this.mask[i] = mask[i]!;
      this.out[i] = input[i]! * mask[i]!;
    }
    return this.out;
  }

  backward(gradOutput: Float32Array, rows: number, wantInputGrad: boolean): Float32Array | null {
    if (!wantInputGrad) return null;
    if (!this.active) return gradOutput;
    const n = rows * this.inputSize;
    for (let i = 0; i < n; i++) this.gradIn[i] = gradOutput[i]! * this.mask[i]!;
    return this.gradIn;
  }

  params(): readonly Param[] {
    return [];
  }

  penalty(): number {
    return 0;
  }

  addPenaltyGradient(): void {}
}
