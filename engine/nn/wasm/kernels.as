// The Dense layer's matrix kernels in AssemblyScript with 128-bit SIMD (f32x4). Compiled twice by
// scripts/wasm-kernels.ts: with relaxed SIMD (kernels-relaxed-wasm.generated.ts, multiply-adds fused where the
// CPU has FMA) and without (kernels-wasm.generated.ts); engine/nn/wasm/wasm-module.ts picks the first this
// runtime validates, engine/nn/kernels-dense.ts calls them.
// Every pointer is a byte offset into the module's memory; every matrix is row-major float32, and W has the
// Keras shape [inputs, units] like the TypeScript kernels in engine/nn/kernels.ts (the reference).
//
// One micro-kernel shape serves all three products: 4 rows of the output × 8 columns, 8 f32x4 accumulators
// held in locals (registers), each step loading two vectors of the streamed row-major operand and splatting
// four scalars of the other (load32_splat: one instruction each). Edges: 4 columns, then single columns; the
// rows (or weight-gradient inputs) a 4-row tile leaves over run one at a time 32 columns wide (rowTimesMatrix),
// and a layer of one unit runs as dot products (forwardOneUnit). Sums run in another order than the TypeScript
// path's, and the relaxed build may fuse: results match the reference to rounding only, and each build is
// deterministic on a given machine.

// a · b + c on four lanes: one fused multiply-add in the relaxed build (f32x4.relaxed_madd: fused where the
// hardware can, else multiply then add), a multiply then an add otherwise. Resolved at compile time.
// @ts-ignore: decorator
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// out[j] = init[j] + Σ_k s[k] · v[k, j] for j < width (init = 0: from zero), clamped at 0 when relu != 0: one row
// of a product, with s read every sStride bytes and v's rows every vStride bytes. 32 columns at a time: 8
// accumulators are the independent chains a fused multiply-add's latency needs (one accumulator per 4 columns
// would wait on itself every step). Serves what the 4-row tiles leave over: a forward's last rows, the weight
// gradient's last inputs, and the weight gradient of a one-unit layer (there v is x and s is g).
function rowTimesMatrix(s: usize, sStride: usize, v: usize, vStride: usize, count: i32, width: i32, init: usize, out: usize, relu: i32): void {
  const zero = f32x4.splat(0);
  let j = 0;
  for (; j + 32 <= width; j += 32) {
    const jo = <usize>j << 2;
    let a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero;
    if (init) {
      a0 = v128.load(init + jo); a1 = v128.load(init + jo, 16); a2 = v128.load(init + jo, 32); a3 = v128.load(init + jo, 48);
      a4 = v128.load(init + jo, 64); a5 = v128.load(init + jo, 80); a6 = v128.load(init + jo, 96); a7 = v128.load(init + jo, 112);
    }
    let sp = s, vp = v + jo;
    for (let k = 0; k < count; k++) {
      const sk = v128.load32_splat(sp);
      a0 = madd(sk, v128.load(vp), a0); a1 = madd(sk, v128.load(vp, 16), a1);
      a2 = madd(sk, v128.load(vp, 32), a2); a3 = madd(sk, v128.load(vp, 48), a3);
      a4 = madd(sk, v128.load(vp, 64), a4); a5 = madd(sk, v128.load(vp, 80), a5);
      a6 = madd(sk, v128.load(vp, 96), a6); a7 = madd(sk, v128.load(vp, 112), a7);
      sp += sStride; vp += vStride;
    }
    if (relu) {
      a0 = f32x4.max(a0, zero); a1 = f32x4.max(a1, zero); a2 = f32x4.max(a2, zero); a3 = f32x4.max(a3, zero);
      a4 = f32x4.max(a4, zero); a5 = f32x4.max(a5, zero); a6 = f32x4.max(a6, zero); a7 = f32x4.max(a7, zero);
    }
    v128.store(out + jo, a0); v128.store(out + jo, a1, 16); v128.store(out + jo, a2, 32); v128.store(out + jo, a3, 48);
    v128.store(out + jo, a4, 64); v128.store(out + jo, a5, 80); v128.store(out + jo, a6, 96); v128.store(out + jo, a7, 112);
  }
  for (; j + 4 <= width; j += 4) {
    const jo = <usize>j << 2;
    let a = init ? v128.load(init + jo) : zero;
    let sp = s, vp = v + jo;
    for (let k = 0; k < count; k++) {
      a = madd(v128.load32_splat(sp), v128.load(vp), a);
      sp += sStride; vp += vStride;
    }
    if (relu) a = f32x4.max(a, zero);
    v128.store(out + jo, a);
  }
  for (; j < width; j++) {
    const jo = <usize>j << 2;
    let a: f32 = init ? load<f32>(init + jo) : 0;
    let sp = s, vp = v + jo;
    for (let k = 0; k < count; k++) {
      a += load<f32>(sp) * load<f32>(vp);
      sp += sStride; vp += vStride;
    }
    store<f32>(out + jo, relu ? max<f32>(a, 0) : a);
  }
}

// out[r] = b + x[r, :] · w for a layer of one unit (a binary or regression output): each row a dot product of
// two contiguous vectors, four lanes of inputs at a time, the lanes summed at the end; four rows at a time.
function forwardOneUnit(x: usize, rows: i32, inputs: i32, w: usize, b: usize, out: usize, relu: i32): void {
  const xs = <usize>inputs << 2;
  const zero = f32x4.splat(0);
  const bias: f32 = b ? load<f32>(b) : 0;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const x0 = x + <usize>r * xs, x1 = x0 + xs, x2 = x1 + xs, x3 = x2 + xs;
    let a = zero, c = zero, d = zero, e = zero;
    let i = 0;
    for (; i + 4 <= inputs; i += 4) {
      const io = <usize>i << 2;
      const wv = v128.load(w + io);
      a = madd(v128.load(x0 + io), wv, a); c = madd(v128.load(x1 + io), wv, c);
      d = madd(v128.load(x2 + io), wv, d); e = madd(v128.load(x3 + io), wv, e);
    }
    let sa = bias + lanes(a), sc = bias + lanes(c), sd = bias + lanes(d), se = bias + lanes(e);
    for (; i < inputs; i++) {
      const io = <usize>i << 2;
      const wv = load<f32>(w + io);
      sa += load<f32>(x0 + io) * wv; sc += load<f32>(x1 + io) * wv; sd += load<f32>(x2 + io) * wv; se += load<f32>(x3 + io) * wv;
    }
    const o = out + (<usize>r << 2);
    if (relu) { sa = max<f32>(sa, 0); sc = max<f32>(sc, 0); sd = max<f32>(sd, 0); se = max<f32>(se, 0); }
    store<f32>(o, sa); store<f32>(o, sc, 4); store<f32>(o, sd, 8); store<f32>(o, se, 12);
  }
  for (; r < rows; r++) {
    const x0 = x + <usize>r * xs;
    let a = zero;
    let i = 0;
    for (; i + 4 <= inputs; i += 4) a = madd(v128.load(x0 + (<usize>i << 2)), v128.load(w + (<usize>i << 2)), a);
    let sa = bias + lanes(a);
    for (; i < inputs; i++) sa += load<f32>(x0 + (<usize>i << 2)) * load<f32>(w + (<usize>i << 2));
    store<f32>(out + (<usize>r << 2), relu ? max<f32>(sa, 0) : sa);
  }
}

// The sum of a vector's four lanes, in a fixed order.
// @ts-ignore: decorator
@inline
function lanes(a: v128): f32 {
  return (f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1)) + (f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3));
}

// out[r, j] = b[j] + Σ_i x[r, i] · w[i, j]  (b = 0: no bias). relu != 0 clamps at 0 (a fused ReLU).
export function denseForward(x: usize, rows: i32, inputs: i32, w: usize, b: usize, units: i32, out: usize, relu: i32): void {
  if (units == 1) {
    forwardOneUnit(x, rows, inputs, w, b, out, relu);
    return;
  }
  const xs = <usize>inputs << 2;
  const ws = <usize>units << 2;
  const zero = f32x4.splat(0);
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const x0 = x + <usize>r * xs, x1 = x0 + xs, x2 = x1 + xs, x3 = x2 + xs;
    const o0 = out + <usize>r * ws, o1 = o0 + ws, o2 = o1 + ws, o3 = o2 + ws;
    let j = 0;
    for (; j + 8 <= units; j += 8) {
      const jo = <usize>j << 2;
      let a0 = zero, a1 = zero;
      if (b) { a0 = v128.load(b + jo); a1 = v128.load(b + jo, 16); }
      let c0 = a0, c1 = a1, d0 = a0, d1 = a1, e0 = a0, e1 = a1;
      let wp = w + jo;
      for (let i = 0; i < inputs; i++) {
        const w0 = v128.load(wp), w1 = v128.load(wp, 16);
        const io = <usize>i << 2;
        const s0 = v128.load32_splat(x0 + io), s1 = v128.load32_splat(x1 + io);
        const s2 = v128.load32_splat(x2 + io), s3 = v128.load32_splat(x3 + io);
        a0 = madd(s0, w0, a0); a1 = madd(s0, w1, a1);
        c0 = madd(s1, w0, c0); c1 = madd(s1, w1, c1);
        d0 = madd(s2, w0, d0); d1 = madd(s2, w1, d1);
        e0 = madd(s3, w0, e0); e1 = madd(s3, w1, e1);
        wp += ws;
      }
      if (relu) {
        a0 = f32x4.max(a0, zero); a1 = f32x4.max(a1, zero); c0 = f32x4.max(c0, zero); c1 = f32x4.max(c1, zero);
        d0 = f32x4.max(d0, zero); d1 = f32x4.max(d1, zero); e0 = f32x4.max(e0, zero); e1 = f32x4.max(e1, zero);
      }
      v128.store(o0 + jo, a0); v128.store(o0 + jo, a1, 16);
      v128.store(o1 + jo, c0); v128.store(o1 + jo, c1, 16);
      v128.store(o2 + jo, d0); v128.store(o2 + jo, d1, 16);
      v128.store(o3 + jo, e0); v128.store(o3 + jo, e1, 16);
    }
    for (; j + 4 <= units; j += 4) {
      const jo = <usize>j << 2;
      let a = b ? v128.load(b + jo) : zero;
      let c = a, d = a, e = a;
      let wp = w + jo;
      for (let i = 0; i < inputs; i++) {
        const wv = v128.load(wp);
        const io = <usize>i << 2;
        a = madd(v128.load32_splat(x0 + io), wv, a);
        c = madd(v128.load32_splat(x1 + io), wv, c);
        d = madd(v128.load32_splat(x2 + io), wv, d);
        e = madd(v128.load32_splat(x3 + io), wv, e);
        wp += ws;
      }
      if (relu) { a = f32x4.max(a, zero); c = f32x4.max(c, zero); d = f32x4.max(d, zero); e = f32x4.max(e, zero); }
      v128.store(o0 + jo, a); v128.store(o1 + jo, c); v128.store(o2 + jo, d); v128.store(o3 + jo, e);
    }
    for (; j < units; j++) {
      const jo = <usize>j << 2;
      let a: f32 = b ? load<f32>(b + jo) : 0;
      let c = a, d = a, e = a;
      let wp = w + jo;
      for (let i = 0; i < inputs; i++) {
        const wv = load<f32>(wp);
        const io = <usize>i << 2;
        a += load<f32>(x0 + io) * wv; c += load<f32>(x1 + io) * wv;
        d += load<f32>(x2 + io) * wv; e += load<f32>(x3 + io) * wv;
        wp += ws;
      }
      if (relu) { a = max<f32>(a, 0); c = max<f32>(c, 0); d = max<f32>(d, 0); e = max<f32>(e, 0); }
      store<f32>(o0 + jo, a); store<f32>(o1 + jo, c); store<f32>(o2 + jo, d); store<f32>(o3 + jo, e);
    }
  }
  for (; r < rows; r++) rowTimesMatrix(x + <usize>r * xs, 4, w, ws, inputs, units, b, out + <usize>r * ws, relu);
}

// gw[i, j] = Σ_r x[r, i] · g[r, j];  gb[j] = Σ_r g[r, j] (gb = 0: no bias). Overwrites gw and gb.
export function denseParamGrads(x: usize, g: usize, rows: i32, inputs: i32, units: i32, gw: usize, gb: usize): void {
  const xs = <usize>inputs << 2;
  const gs = <usize>units << 2;
  const zero = f32x4.splat(0);
  if (gb) {
    let j = 0;
    for (; j + 4 <= units; j += 4) {
      const jo = <usize>j << 2;
      let s = zero;
      let gp = g + jo;
      for (let r = 0; r < rows; r++) { s = f32x4.add(s, v128.load(gp)); gp += gs; }
      v128.store(gb + jo, s);
    }
    for (; j < units; j++) {
      const jo = <usize>j << 2;
      let s: f32 = 0;
      let gp = g + jo;
      for (let r = 0; r < rows; r++) { s += load<f32>(gp); gp += gs; }
      store<f32>(gb + jo, s);
    }
  }
  if (units == 1) {
    // gw[:, 0] = Σ_r g[r] · x[r, :]: one row of a product, 32 inputs at a time.
    rowTimesMatrix(g, gs, x, xs, rows, inputs, 0, gw, 0);
    return;
  }
  let i = 0;
  for (; i + 4 <= inputs; i += 4) {
    const io = <usize>i << 2;
    const w0 = gw + <usize>i * gs, w1 = w0 + gs, w2 = w1 + gs, w3 = w2 + gs;
    let j = 0;
    for (; j + 8 <= units; j += 8) {
      const jo = <usize>j << 2;
      let a0 = zero, a1 = zero, c0 = zero, c1 = zero, d0 = zero, d1 = zero, e0 = zero, e1 = zero;
      let gp = g + jo, xp = x + io;
      for (let r = 0; r < rows; r++) {
        const g0 = v128.load(gp), g1 = v128.load(gp, 16);
        const s0 = v128.load32_splat(xp), s1 = v128.load32_splat(xp, 4);
        const s2 = v128.load32_splat(xp, 8), s3 = v128.load32_splat(xp, 12);
        a0 = madd(s0, g0, a0); a1 = madd(s0, g1, a1);
        c0 = madd(s1, g0, c0); c1 = madd(s1, g1, c1);
        d0 = madd(s2, g0, d0); d1 = madd(s2, g1, d1);
        e0 = madd(s3, g0, e0); e1 = madd(s3, g1, e1);
        gp += gs; xp += xs;
      }
      v128.store(w0 + jo, a0); v128.store(w0 + jo, a1, 16);
      v128.store(w1 + jo, c0); v128.store(w1 + jo, c1, 16);
      v128.store(w2 + jo, d0); v128.store(w2 + jo, d1, 16);
      v128.store(w3 + jo, e0); v128.store(w3 + jo, e1, 16);
    }
    for (; j + 4 <= units; j += 4) {
      const jo = <usize>j << 2;
      let a = zero, c = zero, d = zero, e = zero;
      let gp = g + jo, xp = x + io;
      for (let r = 0; r < rows; r++) {
        const gv = v128.load(gp);
        a = madd(v128.load32_splat(xp), gv, a);
        c = madd(v128.load32_splat(xp, 4), gv, c);
        d = madd(v128.load32_splat(xp, 8), gv, d);
        e = madd(v128.load32_splat(xp, 12), gv, e);
        gp += gs; xp += xs;
      }
      v128.store(w0 + jo, a); v128.store(w1 + jo, c); v128.store(w2 + jo, d); v128.store(w3 + jo, e);
    }
    for (; j < units; j++) {
      const jo = <usize>j << 2;
      let a: f32 = 0, c: f32 = 0, d: f32 = 0, e: f32 = 0;
      let gp = g + jo, xp = x + io;
      for (let r = 0; r < rows; r++) {
        const gv = load<f32>(gp);
        a += load<f32>(xp) * gv; c += load<f32>(xp, 4) * gv; d += load<f32>(xp, 8) * gv; e += load<f32>(xp, 12) * gv;
        gp += gs; xp += xs;
      }
      store<f32>(w0 + jo, a); store<f32>(w1 + jo, c); store<f32>(w2 + jo, d); store<f32>(w3 + jo, e);
    }
  }
  for (; i < inputs; i++) rowTimesMatrix(x + (<usize>i << 2), xs, g, gs, rows, units, 0, gw + <usize>i * gs, 0);
}

// dst[c, r] = src[r, c]: W [inputs, units] → Wᵀ [units, inputs], so the input gradient g·Wᵀ runs through
// denseForward's streamed-row micro-kernel (denseForward(g, rows, units, Wᵀ, 0, inputs, gx, 0)).
export function transpose(src: usize, rows: i32, cols: i32, dst: usize): void {
  for (let r = 0; r < rows; r++) {
    const sp = src + (<usize>r * <usize>cols << 2);
    for (let c = 0; c < cols; c++) store<f32>(dst + ((<usize>c * <usize>rows + <usize>r) << 2), load<f32>(sp + (<usize>c << 2)));
  }
}

// dst[k] = a[k] > 0 ? g[k] : 0 for k < n: dL/dz of a ReLU from dL/da and its output a (dst may be g).
export function reluGrad(g: usize, a: usize, n: i32, dst: usize): void {
  const zero = f32x4.splat(0);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    v128.store(dst + o, v128.and(v128.load(g + o), f32x4.gt(v128.load(a + o), zero)));
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    store<f32>(dst + o, load<f32>(a + o) > 0 ? load<f32>(g + o) : 0);
  }
}

// Adam's update of n values (engine/nn/optimizers/adam.ts), in float64 exactly as the JavaScript loop: each
// float32 read is widened, every operation rounds once in float64 in the same order, and only the stores round
// to float32. Bit-identical to the JavaScript path, two values per instruction.
//   m ← m + (g − m)·keep1;  v ← v + (g² − v)·keep2;  w ← w − (m·alpha) / (√v + epsilon)
export function adamUpdate(w: usize, g: usize, m: usize, v: usize, n: i32, keep1: f64, keep2: f64, alpha: f64, epsilon: f64): void {
  const k1 = f64x2.splat(keep1), k2 = f64x2.splat(keep2), al = f64x2.splat(alpha), ep = f64x2.splat(epsilon);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 2;
    const gi = f64x2.promote_low_f32x4(v128.load64_zero(g + o));
    const m0 = f64x2.promote_low_f32x4(v128.load64_zero(m + o));
    const v0 = f64x2.promote_low_f32x4(v128.load64_zero(v + o));
    const mi = f64x2.add(m0, f64x2.mul(f64x2.sub(gi, m0), k1));
    const vi = f64x2.add(v0, f64x2.mul(f64x2.sub(f64x2.mul(gi, gi), v0), k2));
    const w0 = f64x2.promote_low_f32x4(v128.load64_zero(w + o));
    const wi = f64x2.sub(w0, f64x2.div(f64x2.mul(mi, al), f64x2.add(f64x2.sqrt(vi), ep)));
    v128.store64_lane(m + o, f32x4.demote_f64x2_zero(mi), 0);
    v128.store64_lane(v + o, f32x4.demote_f64x2_zero(vi), 0);
    v128.store64_lane(w + o, f32x4.demote_f64x2_zero(wi), 0);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = <f64>load<f32>(g + o), m0 = <f64>load<f32>(m + o), v0 = <f64>load<f32>(v + o);
    const mi = m0 + (gi - m0) * keep1;
    const vi = v0 + (gi * gi - v0) * keep2;
    store<f32>(m + o, <f32>mi);
    store<f32>(v + o, <f32>vi);
    store<f32>(w + o, <f32>(<f64>load<f32>(w + o) - (mi * alpha) / (Math.sqrt(vi) + epsilon)));
  }
}
