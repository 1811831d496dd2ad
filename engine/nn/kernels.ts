/**
 * The matrix kernels of a Dense layer, in plain TypeScript: the reference implementation (and the fallback
 * wherever faster kernels are unavailable). Row-major batches; the kernel W has shape [inputs, units].
 *
 * Rows are processed four at a time: each weight loaded feeds four independent multiply-adds held in local
 * variables (registers), which is what makes small networks fast in JS — the loops are overhead-bound, not
 * compute-bound.
 */

/** out[r, j] = b[j] + Σ_i x[r, i] · W[i, j]  (b may be null). */
export function denseForward(x: Float32Array, rows: number, inputs: number, w: Float32Array, b: Float32Array | null, units: number, out: Float32Array): void {
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const x0 = r * inputs, x1 = x0 + inputs, x2 = x1 + inputs, x3 = x2 + inputs;
    const o = r * units;
    for (let j = 0; j < units; j++) {
      let z0 = b ? b[j]! : 0;
      let z1 = z0, z2 = z0, z3 = z0;
      for (let i = 0, wi = j; i < inputs; i++, wi += units) {
        const wv = w[wi]!;
        z0 += wv * x[x0 + i]!;
        z1 += wv * x[x1 + i]!;
        z2 += wv * x[x2 + i]!;
        z3 += wv * x[x3 + i]!;
      }
      out[o + j] = z0;
      out[o + units + j] = z1;
      out[o + 2 * units + j] = z2;
      out[o + 3 * units + j] = z3;
    }
  }
  for (; r < rows; r++) {
    const x0 = r * inputs, o = r * units;
    for (let j = 0; j < units; j++) {
      let z = b ? b[j]! : 0;
      for (let i = 0, wi = j; i < inputs; i++, wi += units) z += w[wi]! * x[x0 + i]!;
      out[o + j] = z;
    }
  }
}

/** gW[i, j] = Σ_r x[r, i] · g[r, j];  gb[j] = Σ_r g[r, j]  (gb may be null). Overwrites gW and gb. */
export function denseParamGrads(x: Float32Array, g: Float32Array, rows: number, inputs: number, units: number, gw: Float32Array, gb: Float32Array | null): void {
  gw.fill(0);
  if (gb) {
    for (let j = 0; j < units; j++) {
      let s = 0;
      for (let r = 0, gi = j; r < rows; r++, gi += units) s += g[gi]!;
      gb[j] = s;
    }
  }
  // Four rows per sweep over gW: each gW element is read and written once per four rows, contiguously in j.
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const g0 = r * units, g1 = g0 + units, g2 = g1 + units, g3 = g2 + units;
    const x0 = r * inputs, x1 = x0 + inputs, x2 = x1 + inputs, x3 = x2 + inputs;
    for (let i = 0; i < inputs; i++) {
      const a0 = x[x0 + i]!, a1 = x[x1 + i]!, a2 = x[x2 + i]!, a3 = x[x3 + i]!;
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue; // ReLU zeros and one-hot columns
      const wo = i * units;
      for (let j = 0; j < units; j++) gw[wo + j] += a0 * g[g0 + j]! + a1 * g[g1 + j]! + a2 * g[g2 + j]! + a3 * g[g3 + j]!;
    }
  }
  for (; r < rows; r++) {
    const go = r * units, xo = r * inputs;
    for (let i = 0; i < inputs; i++) {
      const a = x[xo + i]!;
      if (a === 0) continue;
      const wo = i * units;
      for (let j = 0; j < units; j++) gw[wo + j] += a * g[go + j]!;
    }
  }
}

/** gx[r, i] = Σ_j g[r, j] · W[i, j]. Overwrites gx. */
export function denseInputGrad(g: Float32Array, rows: number, inputs: number, w: Float32Array, units: number, gx: Float32Array): void {
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const g0 = r * units, g1 = g0 + units, g2 = g1 + units, g3 = g2 + units;
    const x0 = r * inputs;
    for (let i = 0; i < inputs; i++) {
      const wo = i * units;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < units; j++) {
        const wv = w[wo + j]!;
        s0 += g[g0 + j]! * wv;
        s1 += g[g1 + j]! * wv;
        s2 += g[g2 + j]! * wv;
        s3 += g[g3 + j]! * wv;
      }
      gx[x0 + i] = s0;
      gx[x0 + inputs + i] = s1;
      gx[x0 + 2 * inputs + i] = s2;
      gx[x0 + 3 * inputs + i] = s3;
    }
  }
  for (; r < rows; r++) {
    const go = r * units, xo = r * inputs;
    for (let i = 0; i < inputs; i++) {
      const wo = i * units;
      let s = 0;
      for (let j = 0; j < units; j++) s += g[go + j]! * w[wo + j]!;
      gx[xo + i] = s;
    }
  }
}
