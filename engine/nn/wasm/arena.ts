/**
 * Float32 buffers inside one kernel instance's WebAssembly memory. Allocation only bumps a pointer (regions
 * live as long as the network that owns the arena) and happens when layers reserve room, never per batch.
 * Growing the memory detaches every view on the old ArrayBuffer, so a region hands out its view through
 * `view()`, which re-creates it only after a growth.
 */
import type { KernelExports } from './wasm-module.ts';

const PAGE_BYTES = 65536;
/** Offset 0 means "no bias" to the kernels: the first region starts after it, 16-byte aligned for v128. */
const FIRST_OFFSET = 16;

export class Region {
  private cached: Float32Array = new Float32Array(0);

  constructor(
    private readonly arena: Arena,
    /** Byte offset in the memory. */
    readonly offset: number,
    readonly length: number,
  ) {}

  view(): Float32Array {
    const buffer = this.arena.kernels.memory.buffer;
    if (this.cached.buffer !== buffer) this.cached = new Float32Array(buffer, this.offset, this.length);
    return this.cached;
  }
}

export class Arena {
  private top = FIRST_OFFSET;

  constructor(readonly kernels: KernelExports) {}

  alloc(length: number): Region {
    const offset = this.top;
    this.top += Math.ceil((length * 4) / 16) * 16;
    const have = this.kernels.memory.buffer.byteLength;
    if (this.top > have) this.kernels.memory.grow(Math.ceil((this.top - have) / PAGE_BYTES));
    return new Region(this, offset, length);
  }

  /** The byte offset of `values` when it already lives in this arena's memory, else -1. */
  offsetOf(values: Float32Array): number {
    return values.buffer === this.kernels.memory.buffer ? values.byteOffset : -1;
  }

  /** The whole memory as float32, for copying in without allocating a view per call. */
  heap(): Float32Array {
    const buffer = this.kernels.memory.buffer;
    if (this.heapView.buffer !== buffer) this.heapView = new Float32Array(buffer);
    return this.heapView;
  }

  private heapView: Float32Array = new Float32Array(0);
}
