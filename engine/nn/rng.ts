/**
 * The one source of randomness in training: a seeded, splittable generator.
 * sfc32 (Small Fast Counting, 32-bit) passes PractRand to many TB, is fast in JS (pure 32-bit integer ops)
 * and its whole state is four numbers, so it serializes into a model or project file as plain JSON.
 */
export interface RngState {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number | RngState = 42) {
    if (typeof seed === 'number') {
      // splitmix32 spreads a small integer seed over the whole state; 12 warm-up rounds decorrelate nearby seeds.
      let s = seed >>> 0;
      const next = (): number => {
        s = (s + 0x9e3779b9) >>> 0;
        let z = s;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        return (z ^ (z >>> 16)) >>> 0;
      };
      this.a = next();
      this.b = next();
      this.c = next();
      this.d = 1;
      for (let i = 0; i < 12; i++) this.nextUint32();
    } else {
      ({ a: this.a, b: this.b, c: this.c, d: this.d } = seed);
    }
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Uniform integer in [0, n). Rejection sampling keeps it unbiased for any n ≤ 2^32. */
  int(n: number): number {
    if (!(n > 0) || n > 4294967296 || !Number.isInteger(n)) throw new RangeError(`Rng.int needs an integer in 1..2^32, got ${n}`);
    return this.below(n);
  }

  /** `int` without the check (n a whole number in 1..2^32): the shuffle's draw. */
  private below(n: number): number {
    const limit = 4294967296 - remainder(4294967296, n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return remainder(x, n);
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Normal truncated to ±2 standard deviations by redrawing, as Keras' `truncated_normal` does. */
  truncatedNormal(): number {
    for (;;) {
      const v = this.normal();
      if (v >= -2 && v <= 2) return v;
    }
  }

  /** Fisher–Yates shuffle in place. */
  shuffle(values: { length: number; [i: number]: number }): void {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const t = values[i]!;
      values[i] = values[j]!;
      values[j] = t;
    }
  }

  /** An independent child generator, so one consumer's draws never shift another's. */
  fork(): Rng {
    return new Rng(this.nextUint32() ^ Math.imul(this.nextUint32(), 0x9e3779b1));
  }

  getState(): RngState {
    // A pending spare normal is dropped on purpose: state round-trips restart from a pair boundary.
    return { a: this.a, b: this.b, c: this.c, d: this.d };
  }
}

/**
 * x mod n for whole numbers 0 ≤ x ≤ 2^32 and 1 ≤ n ≤ 2^32, exactly what `x % n` gives. `%` on numbers
 * beyond 32-bit integers is a floating-point remainder, a library call (twice per draw, most of a shuffle's
 * time); the quotient rounded by a division is off by at most one, and the product is exact, so one
 * correction makes it exact.
 */
function remainder(x: number, n: number): number {
  const r = x - Math.floor(x / n) * n;
  return r < 0 ? r + n : r >= n ? r - n : r;
}
