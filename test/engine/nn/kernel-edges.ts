/**
 * Every export of the WASM kernels (engine/nn/wasm/kernels.as) against the TypeScript reference on random
 * shapes — rows 1..67, inputs 1..70, units 1..70, each 1 a fifth of the time — called straight on the module's
 * memory as the Dense layers call it, with what the fixed-shape tests never vary:
 * - every buffer at its own byte offset, not only 16-byte aligned ones (an input read in place can sit anywhere);
 * - the whole memory poisoned with NaN before each case and a poisoned guard on both sides of every buffer, so a
 *   read past a buffer shows up as NaN in a result and a write past one as a changed guard;
 * - a reluGrad writing over its own input (the layer masks its gradient in place);
 * - one instance for every case, so earlier calls' state and V8's tier-up (Liftoff, then TurboFan once a function
 *   is hot) are part of the test. kernel-edges.test.ts also runs this under each compiler alone.
 *
 * Returns a description of each disagreement (empty when all agree). Runs as a script too:
 *   node --import tsx test/engine/nn/kernel-edges.ts <variant> <seed> <cases>   # prints the failures as JSON
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { denseForward, denseInputGrad, denseParamGrads } from '../../../engine/nn/kernels.ts';
import { adamUpdateJs } from '../../../engine/nn/optimizers/adam.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { instantiateKernels, type KernelExports, type WasmVariant } from '../../../engine/nn/wasm/wasm-module.ts';
import { enableRelaxedSimd } from '../../../main/runtime/wasm-features.ts';

/** Relative to the scale of the terms summed, as test/engine/nn/kernels-wasm.test.ts. */
const TOLERANCE = 1e-5;
/** Poisoned floats on each side of every buffer. */
const GUARD = 8;
const POISON = Number.NaN;

export interface EdgeShape {
  readonly rows: number;
  readonly inputs: number;
  readonly units: number;
  readonly bias: boolean;
  readonly relu: boolean;
}

const dimension = (rng: Rng, max: number): number => (rng.next() < 0.2 ? 1 : 1 + Math.floor(rng.next() * max));

export function randomShape(rng: Rng): EdgeShape {
  return { rows: dimension(rng, 67), inputs: dimension(rng, 70), units: dimension(rng, 70), bias: rng.next() < 0.7, relu: rng.next() < 0.5 };
}

function random(n: number, rng: Rng): Float32Array {
  const a = new Float32Array(n);
  // A third zeros, as after a ReLU or in one-hot columns (the reference skips them).
  for (let i = 0; i < n; i++) a[i] = rng.next() < 0.3 ? 0 : rng.next() * 2 - 1;
  return a;
}

/** Buffers laid out one after another in the module's memory, each at a random float offset, guards between. */
class Layout {
  private top: number;
  private readonly guards: [number, number][] = [];

  constructor(
    private readonly k: KernelExports,
    private readonly rng: Rng,
    floats: number,
  ) {
    const bytes = 64 + (floats + 16 * (GUARD + 4)) * 4;
    const have = k.memory.buffer.byteLength;
    if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
    this.heap().fill(POISON);
    // Offset 0 means "no bias" to the kernels: start past it, at any float.
    this.top = 4 + Math.floor(rng.next() * 4);
  }

  heap(): Float32Array {
    return new Float32Array(this.k.memory.buffer);
  }

  /** A buffer of `n` floats holding `values` (poison when none): its byte offset. */
  place(n: number, values?: Float32Array): number {
    const start = this.top + GUARD;
    this.guards.push([this.top, start], [start + n, start + n + GUARD]);
    this.top = start + n + GUARD + Math.floor(this.rng.next() * 4);
    if (values) this.heap().set(values.subarray(0, n), start);
    return start * 4;
  }

  read(offset: number, n: number): Float32Array {
    return this.heap().slice(offset >> 2, (offset >> 2) + n);
  }

  /** Whether every guard is still poison (bit for bit). */
  guardsIntact(): boolean {
    const bits = new Uint32Array(this.k.memory.buffer);
    const poison = new Uint32Array(Float32Array.of(POISON).buffer)[0]!;
    return this.guards.every(([from, to]) => bits.subarray(from, to).every((b) => b === poison));
  }
}

/** The worst |a − b| / scale, Infinity where either is not finite. */
function worst(actual: Float32Array, expected: Float32Array, scale: number): number {
  let w = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    w = Math.max(w, Number.isFinite(a) && Number.isFinite(e) ? Math.abs(a - e) / scale : Infinity);
  }
  return w;
}

function checkDense(k: KernelExports, shape: EdgeShape, rng: Rng): string[] {
  const { rows, inputs, units, bias, relu } = shape;
  const x = random(rows * inputs, rng), w = random(inputs * units, rng), b = random(units, rng), g = random(rows * units, rng);
  const memory = new Layout(k, rng, 2 * rows * inputs + 3 * inputs * units + 3 * units + 2 * rows * units);
  const xAt = memory.place(rows * inputs, x), wAt = memory.place(inputs * units, w), bAt = memory.place(units, b);
  const outAt = memory.place(rows * units), gAt = memory.place(rows * units, g);
  const gwAt = memory.place(inputs * units), gbAt = memory.place(units), wtAt = memory.place(inputs * units), gxAt = memory.place(rows * inputs);

  k.denseForward(xAt, rows, inputs, wAt, bias ? bAt : 0, units, outAt, relu ? 1 : 0);
  k.denseParamGrads(xAt, gAt, rows, inputs, units, gwAt, bias ? gbAt : 0);
  k.transpose(wAt, inputs, units, wtAt);
  k.denseForward(gAt, rows, units, wtAt, 0, inputs, gxAt, 0);

  const out = new Float32Array(rows * units), gw = new Float32Array(inputs * units), gb = new Float32Array(units), gx = new Float32Array(rows * inputs);
  denseForward(x, rows, inputs, w, bias ? b : null, units, out);
  if (relu) for (let i = 0; i < out.length; i++) out[i] = Math.max(out[i]!, 0);
  denseParamGrads(x, g, rows, inputs, units, gw, bias ? gb : null);
  denseInputGrad(g, rows, inputs, w, units, gx);
  const wt = new Float32Array(inputs * units);
  for (let i = 0; i < inputs; i++) for (let j = 0; j < units; j++) wt[j * inputs + i] = w[i * units + j]!;

  const failures: string[] = [];
  const check = (entry: string, actual: Float32Array, expected: Float32Array, scale: number) => {
    const error = worst(actual, expected, scale);
    if (!(error < TOLERANCE)) failures.push(`${entry}: worst relative error ${error}`);
  };
  check('denseForward', memory.read(outAt, rows * units), out, inputs + 1);
  check('denseParamGrads gw', memory.read(gwAt, inputs * units), gw, rows);
  if (bias) check('denseParamGrads gb', memory.read(gbAt, units), gb, rows);
  check('transpose', memory.read(wtAt, inputs * units), wt, 1);
  check('input gradient (denseForward through Wᵀ)', memory.read(gxAt, rows * inputs), gx, units);
  if (!memory.guardsIntact()) failures.push('a kernel wrote outside its buffers');
  return failures;
}

/** reluGrad into a separate buffer and over its own input, both exactly the reference. */
function checkReluGrad(k: KernelExports, n: number, rng: Rng): string[] {
  const g = random(n, rng), a = random(n, rng);
  const expected = g.map((v, i) => (a[i]! > 0 ? v : 0));
  const memory = new Layout(k, rng, 4 * n);
  const gAt = memory.place(n, g), aAt = memory.place(n, a), dstAt = memory.place(n);
  k.reluGrad(gAt, aAt, n, dstAt);
  k.reluGrad(gAt, aAt, n, gAt);
  const same = (actual: Float32Array) => actual.every((v, i) => Object.is(v, expected[i]));
  const failures: string[] = [];
  if (!same(memory.read(dstAt, n))) failures.push('reluGrad into another buffer');
  if (!same(memory.read(gAt, n))) failures.push('reluGrad in place');
  if (!memory.guardsIntact()) failures.push('reluGrad wrote outside its buffers');
  return failures;
}

/** adamUpdate bit-identical to the JavaScript loop. */
function checkAdam(k: KernelExports, n: number, rng: Rng): string[] {
  const w = random(n, rng), g = random(n, rng), m = random(n, rng).map((v) => v * 0.1), v = random(n, rng).map((x) => x * x * 0.01);
  const [wj, mj, vj] = [w.slice(), m.slice(), v.slice()];
  const memory = new Layout(k, rng, 5 * n);
  const wAt = memory.place(n, w), gAt = memory.place(n, g), mAt = memory.place(n, m), vAt = memory.place(n, v);
  k.adamUpdate(wAt, gAt, mAt, vAt, n, 0.1, 0.001, 0.0007, 1e-7);
  adamUpdateJs(wj, g, mj, vj, 0.1, 0.001, 0.0007, 1e-7);
  const same = (at: number, expected: Float32Array) => memory.read(at, n).every((x, i) => Object.is(x, expected[i]));
  const failures: string[] = [];
  if (!same(wAt, wj) || !same(mAt, mj) || !same(vAt, vj)) failures.push('adamUpdate differs from the JavaScript loop');
  if (!memory.guardsIntact()) failures.push('adamUpdate wrote outside its buffers');
  return failures;
}

/** `cases` random shapes on one instance of `variant`; null when this runtime cannot run it. */
export function checkKernelEdges(variant: WasmVariant, seed: number, cases: number): string[] | null {
  const k = instantiateKernels(variant);
  if (!k) return null;
  const rng = new Rng(seed);
  const failures: string[] = [];
  for (let c = 0; c < cases; c++) {
    const shape = randomShape(rng);
    const name = `${variant} case ${c} (rows ${shape.rows}, inputs ${shape.inputs}, units ${shape.units}, bias ${shape.bias}, relu ${shape.relu})`;
    for (const failure of [...checkDense(k, shape, rng), ...checkReluGrad(k, shape.rows * shape.units, rng), ...checkAdam(k, shape.inputs * shape.units, rng)]) {
      failures.push(`${name}: ${failure}`);
    }
  }
  return failures;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  enableRelaxedSimd();
  const [variant, seed, cases] = process.argv.slice(2);
  console.log(JSON.stringify(checkKernelEdges(variant as WasmVariant, Number(seed), Number(cases))));
}
