import { TypeScriptDenseKernels, type DenseKernels } from '../kernels-dense.ts';
import type { Mode, Param } from '../types.ts';
import { makeParam, type Layer } from './layer.ts';

export interface Penalty {
  readonly l1: number;
  readonly l2: number;
}

/**
 * The affine part of a Keras Dense layer: z = x·W + b. Its activation is a separate `ActivationLayer`, so a loss
 * fused with a sigmoid or softmax can take the logits directly — except a ReLU, which WASM kernels fuse in
 * (`kernels.fusesRelu`: the layer then outputs max(0, z) and takes dL/d(that) in backward).
 */
export class DenseLinear implements Layer {
  readonly kernel: Param;
  readonly bias: Param | null;
  private readonly kernels: DenseKernels;

  constructor(
    readonly name: string,
    readonly inputSize: number,
    readonly outputSize: number,
    useBias: boolean,
    private readonly regularizer: Penalty | null,
    kernels?: DenseKernels,
  ) {
    this.kernel = makeParam(`${name}/kernel`, [inputSize, outputSize]);
    this.bias = useBias ? makeParam(`${name}/bias`, [outputSize]) : null;
    this.kernels = kernels ?? new TypeScriptDenseKernels(inputSize, outputSize);
  }

  /** Which kernels run this layer (engine/nn/kernels-dense.ts). */
  get kernelPath(): DenseKernels['path'] {
    return this.kernels.path;
  }

  reserve(maxRows: number): void {
    this.kernels.reserve(maxRows);
  }

  forward(input: Float32Array, rows: number, _mode: Mode): Float32Array {
    return this.kernels.forward(input, rows, this.kernel.value, this.bias?.value ?? null);
  }

  backward(gradOutput: Float32Array, rows: number, wantInputGrad: boolean): Float32Array | null {
    return this.kernels.backward(gradOutput, rows, this.kernel.value, this.kernel.grad, this.bias?.grad ?? null, wantInputGrad);
  }

  params(): readonly Param[] {
    return this.bias ? [this.kernel, this.bias] : [this.kernel];
  }

  // keras.regularizers.L1L2 on the kernel: l1·Σ|w| + l2·Σw².
  penalty(): number {
    if (!this.regularizer) return 0;
    const { l1, l2 } = this.regularizer;
    const w = this.kernel.value;
    let s1 = 0, s2 = 0;
    for (let i = 0; i < w.length; i++) {
      s1 += Math.abs(w[i]!);
      s2 += w[i]! * w[i]!;
    }
    return l1 * s1 + l2 * s2;
  }

  addPenaltyGradient(): void {
    if (!this.regularizer) return;
    const { l1, l2 } = this.regularizer;
    const w = this.kernel.value, g = this.kernel.grad;
    for (let i = 0; i < w.length; i++) g[i] += l1 * Math.sign(w[i]!) + 2 * l2 * w[i]!;
  }
}
