/**
 * Adam's update on the WASM kernels (kernels.as `adamUpdate`): the same float64 arithmetic as the JavaScript
 * loop in adam.ts, bit for bit, two values per instruction. A wide network's optimizer step is otherwise a tenth
 * of its batch, and, with a helper thread computing half of each batch, the part no second thread shortens.
 * One instance per thread; a param's weights, gradient and slots are copied in and its new weights and slots
 * out (O(parameters), against the update's square root and division per value).
 */
import { Arena, type Region } from '../wasm/arena.ts';
import { bestWasmVariant, instantiateKernels } from '../wasm/wasm-module.ts';

let arena: Arena | null | undefined;
let regions: Region[] = [];
let capacity = 0;

function scratch(length: number): Region[] | null {
  if (arena === undefined) {
    const variant = bestWasmVariant();
    const kernels = variant ? instantiateKernels(variant) : null;
    arena = kernels ? new Arena(kernels, variant!) : null;
  }
  if (!arena) return null;
  if (length > capacity) {
    regions = [0, 1, 2, 3].map(() => arena!.alloc(length));
    capacity = length;
  }
  return regions;
}

/** Updates w, m and v in place as adam.ts's loop would; false where the WASM kernels cannot run. */
export function adamUpdateWasm(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, keep1: number, keep2: number, alpha: number, epsilon: number): boolean {
  const [rw, rg, rm, rv] = scratch(w.length) ?? [];
  if (!rw || !rg || !rm || !rv) return false;
  const heap = arena!.heap();
  heap.set(w, rw.offset >> 2);
  heap.set(g, rg.offset >> 2);
  heap.set(m, rm.offset >> 2);
  heap.set(v, rv.offset >> 2);
  arena!.kernels.adamUpdate(rw.offset, rg.offset, rm.offset, rv.offset, w.length, keep1, keep2, alpha, epsilon);
  const n = w.length;
  w.set(heap.subarray(rw.offset >> 2, (rw.offset >> 2) + n));
  m.set(heap.subarray(rm.offset >> 2, (rm.offset >> 2) + n));
  v.set(heap.subarray(rv.offset >> 2, (rv.offset >> 2) + n));
  return true;
}
