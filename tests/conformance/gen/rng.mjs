// A small seeded PRNG (mulberry32) with the helpers the generator needs. Deterministic
// per seed on every platform: the generator must reproduce a failing schema from its seed.

export class Rng {
  constructor(seed) {
    this.state = (Number(seed) >>> 0) ^ 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next() {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability p. */
  chance(p) {
    return this.next() < p;
  }

  /** An integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick(xs) {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** Picks a key of `weights` ({ key: weight }) with probability proportional to its weight. */
  weighted(weights) {
    const entries = Object.entries(weights);
    let r = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [k, w] of entries) {
      if ((r -= w) < 0) return k;
    }
    return entries[entries.length - 1][0];
  }

  shuffle(xs) {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A random subset of xs of size in [min, max], in the order of xs. */
  subset(xs, min = 0, max = xs.length) {
    const n = this.int(Math.min(min, xs.length), Math.min(max, xs.length));
    const chosen = new Set(this.shuffle(xs).slice(0, n));
    return xs.filter((x) => chosen.has(x));
  }
}
