/**
 * The matrix kernels of a Dense layer, in plain TypeScript: the reference implementation (and the fallback
 * wherever faster kernels are unavailable). Row-major batches; the kernel W has shape [inputs, units].
 */

/** out[r, j] = b[j] + Σ_i x[r, i] · W[i, j]  (b may be null). */
export function denseForward(x: Float32Array, rows: number, inputs: number, w: Float32Array, b: Float32Array | null, units: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const xo = r * inputs;
    const oo = r * units;
    if (b) for (let j = 0; j < units; j++) out[oo + j] = b[j]!;
    else out.fill(0, oo, oo + units);
    for (let i = 0; i < inputs; i++) {
      const xi = x[xo + i]!;
      if (xi === 0) continue; // one-hot inputs and ReLU outputs are often exactly zero
      const wo = i * units;
      for (let j = 0; j < units; j++) out[oo + j] += xi * w[wo + j]!;
    }
  }
}

/** gW[i, j] = Σ_r x[r, i] · g[r, j];  gb[j] = Σ_r g[r, j]  (gb may be null). Overwrites gW and gb. */
export function denseParamGrads(x: Float32Array, g: Float32Array, rows: number, inputs: number, units: number, gw: Float32Array, gb: Float32Array | null): void {
  gw.fill(0);
  if (gb) gb.fill(0);
  for (let r = 0; r < rows; r++) {
    const xo = r * inputs;
    const go = r * units;
    if (gb) for (let j = 0; j < units; j++) gb[j] += g[go + j]!;
    for (let i = 0; i < inputs; i++) {
      const xi = x[xo + i]!;
      if (xi === 0) continue;
      const wo = i * units;
      for (let j = 0; j < units; j++) gw[wo + j] += xi * g[go + j]!;
    }
  }
}

/** gx[r, i] = Σ_j g[r, j] · W[i, j]. Overwrites gx. */
export function denseInputGrad(g: Float32Array, rows: number, inputs: number, w: Float32Array, units: number, gx: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const go = r * units;
    const xo = r * inputs;
    for (let i = 0; i < inputs; i++) {
      const wo = i * units;
      let s = 0;
      for (let j = 0; j < units; j++) s += g[go + j]! * w[wo + j]!;
      gx[xo + i] = s;
    }
  }
}
