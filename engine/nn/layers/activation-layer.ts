import type { Activation } from '../activations.ts';
import type { Mode, Param } from '../types.ts';
import { ensureCapacity, type Layer } from './layer.ts';

/** Applies an activation to its input; no parameters. */
export class ActivationLayer implements Layer {
  private out: Float32Array = new Float32Array(0);
  private gradIn: Float32Array = new Float32Array(0);
  private input: Float32Array = new Float32Array(0);

  constructor(
    readonly name: string,
    readonly activation: Activation,
    readonly inputSize: number,
  ) {}

  get outputSize(): number {
    return this.inputSize;
  }

  reserve(maxRows: number): void {
    this.out = ensureCapacity(this.out, maxRows, this.inputSize);
    this.gradIn = ensureCapacity(this.gradIn, maxRows, this.inputSize);
  }

  forward(input: Float32Array, rows: number, _mode: Mode): Float32Array {
    this.input = input;
    this.activation.forward(input, this.out, rows, this.inputSize);
    return this.out;
  }

  backward(gradOutput: Float32Array, rows: number, wantInputGrad: boolean): Float32Array | null {
    if (!wantInputGrad) return null;
    this.activation.backward(this.input, this.out, gradOutput, this.gradIn, rows, this.inputSize);
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
