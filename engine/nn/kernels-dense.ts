/**
 * A Dense layer's products behind one interface, with two implementations: the TypeScript kernels
 * (engine/nn/kernels.ts, the reference) and the WASM SIMD kernels (engine/nn/wasm/kernels.as). Each owns the
 * layer's batch buffers, so a network on the WASM path keeps its activations in WebAssembly memory and the
 * next layer reads them in place.
 *
 * Choosing: `auto` takes WASM for every Dense layer wherever a build of the module runs — relaxed SIMD (fused
 * multiply-add) first, then 128-bit SIMD (engine/nn/wasm/wasm-module.ts) — TypeScript otherwise; `wasm` is the
 * fastest WASM build, `relaxed-simd` and `simd` name one (falling back to TypeScript where it cannot run). Measured per layer shape (bench/kernel-bench.ts, bench/step-bench.ts;
 * docs/performance.md): even the classic 13-6-6-1 network's layers run faster on WASM — a call costs well under
 * a microsecond and the TypeScript loops reach about a third of SIMD's arithmetic rate — so there is no size
 * below which TypeScript wins on the networks people build here.
 * The paths round differently (SIMD sums run in another order, the relaxed build fuses multiply-adds): results
 * agree to about 1e-6 relative, and each path alone is deterministic on a given machine.
 */
import { denseForward, denseInputGrad, denseParamGrads } from './kernels.ts';
import { ensureCapacity } from './layers/layer.ts';
import { Arena, type Region } from './wasm/arena.ts';
import { bestWasmVariant, instantiateKernels, type KernelExports, type WasmVariant } from './wasm/wasm-module.ts';

export type KernelChoice = 'auto' | 'wasm' | WasmVariant | 'typescript';
export type KernelPath = WasmVariant | 'typescript';

export interface DenseKernels {
  readonly path: KernelPath;
  /** True when forward applies a ReLU to x·W + b and backward takes dL/d(output of the ReLU). */
  readonly fusesRelu: boolean;
  /** Makes room for batches of up to `maxRows` rows. */
  reserve(maxRows: number): void;
  /** x·W + b into the kernels' own output buffer, which is returned (valid until the next forward). */
  forward(x: Float32Array, rows: number, w: Float32Array, b: Float32Array | null): Float32Array;
  /**
   * Fills gw and gb (overwriting) from the last forward's input and `g` = dL/dout; returns dL/dx = g·Wᵀ when
   * asked for it (the kernels' own buffer).
   */
  backward(g: Float32Array, rows: number, w: Float32Array, gw: Float32Array, gb: Float32Array | null, wantInputGrad: boolean): Float32Array | null;
}

export class TypeScriptDenseKernels implements DenseKernels {
  readonly path = 'typescript';
  readonly fusesRelu = false;
  private out: Float32Array = new Float32Array(0);
  private gradIn: Float32Array = new Float32Array(0);
  private input: Float32Array = new Float32Array(0);

  constructor(
    private readonly inputs: number,
    private readonly units: number,
  ) {}

  reserve(maxRows: number): void {
    this.out = ensureCapacity(this.out, maxRows, this.units);
    this.gradIn = ensureCapacity(this.gradIn, maxRows, this.inputs);
  }

  forward(x: Float32Array, rows: number, w: Float32Array, b: Float32Array | null): Float32Array {
    this.input = x;
    denseForward(x, rows, this.inputs, w, b, this.units, this.out);
    return this.out;
  }

  backward(g: Float32Array, rows: number, w: Float32Array, gw: Float32Array, gb: Float32Array | null, wantInputGrad: boolean): Float32Array | null {
    denseParamGrads(this.input, g, rows, this.inputs, this.units, gw, gb);
    if (!wantInputGrad) return null;
    denseInputGrad(g, rows, this.inputs, w, this.units, this.gradIn);
    return this.gradIn;
  }
}

/**
 * Weights are copied into the arena on each forward and gradients out on each backward (O(weights), against
 * O(rows · weights) of arithmetic); batches stay in the arena when the layer before is also on this path.
 * A following ReLU is fused in (`fusesRelu`): the clamp runs on the accumulators before they are stored, and
 * backward masks dL/da by the stored output in one SIMD pass.
 */
export class WasmDenseKernels implements DenseKernels {
  readonly path: WasmVariant;
  private readonly k: KernelExports;
  private readonly w: Region;
  private readonly wt: Region;
  private readonly b: Region;
  private readonly gw: Region;
  private readonly gb: Region;
  private out: Region | null = null;
  private gradIn: Region | null = null;
  private inputCopy: Region | null = null;
  private gradCopy: Region | null = null;
  private capacity = 0;
  private inputAt = 0;

  constructor(
    private readonly arena: Arena,
    private readonly inputs: number,
    private readonly units: number,
    readonly fusesRelu = false,
  ) {
    this.k = arena.kernels;
    this.path = arena.variant;
    this.w = arena.alloc(inputs * units);
    this.wt = arena.alloc(inputs * units);
    this.b = arena.alloc(units);
    this.gw = arena.alloc(inputs * units);
    this.gb = arena.alloc(units);
  }

  reserve(maxRows: number): void {
    if (maxRows <= this.capacity) return;
    this.out = this.arena.alloc(maxRows * this.units);
    this.gradIn = this.arena.alloc(maxRows * this.inputs);
    this.inputCopy = this.arena.alloc(maxRows * this.inputs);
    this.gradCopy = this.arena.alloc(maxRows * this.units);
    this.capacity = maxRows;
  }

  /** Where `values` (rows × width) is in the arena: in place, or copied into `copy`. */
  private place(values: Float32Array, count: number, copy: Region): number {
    const at = this.arena.offsetOf(values);
    if (at >= 0) return at;
    const heap = this.arena.heap();
    if (values.length <= copy.length) heap.set(values, copy.offset >> 2);
    else for (let i = 0, o = copy.offset >> 2; i < count; i++) heap[o + i] = values[i]!;
    return copy.offset;
  }

  forward(x: Float32Array, rows: number, w: Float32Array, b: Float32Array | null): Float32Array {
    const heap = this.arena.heap();
    heap.set(w, this.w.offset >> 2);
    if (b) heap.set(b, this.b.offset >> 2);
    this.inputAt = this.place(x, rows * this.inputs, this.inputCopy!);
    this.k.denseForward(this.inputAt, rows, this.inputs, this.w.offset, b ? this.b.offset : 0, this.units, this.out!.offset, this.fusesRelu ? 1 : 0);
    return this.out!.view();
  }

  backward(g: Float32Array, rows: number, _w: Float32Array, gw: Float32Array, gb: Float32Array | null, wantInputGrad: boolean): Float32Array | null {
    // The weights copied in by forward are the ones this gradient belongs to.
    let gAt = this.place(g, rows * this.units, this.gradCopy!);
    if (this.fusesRelu) {
      this.k.reluGrad(gAt, this.out!.offset, rows * this.units, this.gradCopy!.offset);
      gAt = this.gradCopy!.offset;
    }
    this.k.denseParamGrads(this.inputAt, gAt, rows, this.inputs, this.units, this.gw.offset, gb ? this.gb.offset : 0);
    gw.set(this.gw.view());
    if (gb) gb.set(this.gb.view());
    if (!wantInputGrad) return null;
    this.k.transpose(this.w.offset, this.inputs, this.units, this.wt.offset);
    this.k.denseForward(gAt, rows, this.units, this.wt.offset, 0, this.inputs, this.gradIn!.offset, 0);
    return this.gradIn!.view();
  }
}

/** Hands out each Dense layer's kernels; one WASM instance (and arena) per network, created on first need. */
export class DenseKernelFactory {
  private arena: Arena | null | undefined;

  constructor(private readonly choice: KernelChoice = 'auto') {}

  private wasmArena(): Arena | null {
    if (this.arena === undefined) {
      const variant = this.choice === 'auto' || this.choice === 'wasm' ? bestWasmVariant() : this.choice === 'typescript' ? null : this.choice;
      const kernels = variant ? instantiateKernels(variant) : null;
      this.arena = kernels ? new Arena(kernels, variant!) : null;
    }
    return this.arena;
  }

  /** `relu`: the layer is followed by a ReLU, which WASM kernels fuse (see `fusesRelu` of the result). */
  create(inputs: number, units: number, relu: boolean): DenseKernels {
    const arena = this.wasmArena();
    return arena ? new WasmDenseKernels(arena, inputs, units, relu) : new TypeScriptDenseKernels(inputs, units);
  }
}
