/**
 * Float32 buffers inside one kernel instance's WebAssembly memory. Allocation only bumps a pointer (regions
 * live as long as the network that owns the arena) and happens when layers reserve room, never per batch.
 * Growing the memory detaches every view on the old ArrayBuffer, so a region hands out its view through
 * `view()`, which re-creates it only after a growth (counted in `generation`: comparing two numbers is cheaper
 * than reading `memory.buffer`, which crosses into the engine on every call).
 */
import type { KernelExports, WasmVariant } from './wasm-module.ts';

const PAGE_BYTES = 65536;
/** Offset 0 means "no bias" to the kernels: the first region starts after it, 16-byte aligned for v128. */
const FIRST_OFFSET = 16;

export class Region {
  private cached: Float32Array = new Float32Array(0);
  private generation = -1;

  constructor(
    private readonly arena: Arena,
    /** Byte offset in the memory. */
    readonly offset: number,
    readonly length: number,
  ) {}

  view(): Float32Array {
    if (this.generation !== this.arena.generation) {
      this.cached = new Float32Array(this.arena.kernels.memory.buffer, this.offset, this.length);
      this.generation = this.arena.generation;
    }
    return this.cached;
  }
}

export class Arena {
  /** Bumped whenever the memory grows (its old ArrayBuffer is then detached). */
  generation = 0;
  private top = FIRST_OFFSET;
  private heapView: Float32Array = new Float32Array(0);
  private heapGeneration = -1;

  constructor(
    readonly kernels: KernelExports,
    /** Which build of the kernels runs here. */
    readonly variant: WasmVariant,
  ) {}

  alloc(length: number): Region {
    const offset = this.top;
    this.top += Math.ceil((length * 4) / 16) * 16;
    const have = this.kernels.memory.buffer.byteLength;
    if (this.top > have) {
      this.kernels.memory.grow(Math.ceil((this.top - have) / PAGE_BYTES));
      this.generation++;
    }
    return new Region(this, offset, length);
  }

  /** The byte offset of `values` when it already lives in this arena's memory, else -1. */
  offsetOf(values: Float32Array): number {
    return values.buffer === this.heap().buffer ? values.byteOffset : -1;
  }

  /** The whole memory as float32, for copying in without allocating a view per call. */
  heap(): Float32Array {
    if (this.heapGeneration !== this.generation) {
      this.heapView = new Float32Array(this.kernels.memory.buffer);
      this.heapGeneration = this.generation;
    }
    return this.heapView;
  }
}
