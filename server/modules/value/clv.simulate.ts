import type { History } from './clv.ts';

/** Synthetic populations for the lifetime-value tests: seeded, so every run sees the same customers. */

/** A small seeded generator (mulberry32), so the synthetic populations are the same on every run. */
export function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Marsaglia–Tsang gamma variates with the given shape and rate. */
export function gammaVariate(rnd: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaVariate(rnd, shape + 1, rate) * Math.pow(rnd(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Box–Muller normal
      x = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rnd();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** BG/NBD customers: a Poisson purchase rate λ ~ Gamma(r, α) and, after each purchase, dropping out with p ~ Beta(a, b). */
export function simulate(n: number, params: { r: number; alpha: number; a: number; b: number }, seed: number): History[] {
  const rnd = random(seed);
  return Array.from({ length: n }, () => {
    const lambda = gammaVariate(rnd, params.r, params.alpha);
    const g1 = gammaVariate(rnd, params.a, 1);
    const p = g1 / (g1 + gammaVariate(rnd, params.b, 1));
    const T = 180 + rnd() * 540;
    let t = 0;
    let x = 0;
    for (;;) {
      const next = t - Math.log(1 - rnd()) / lambda;
      if (next > T) break;
      t = next;
      x++;
      if (rnd() < p) break;
    }
    return { x, tx: t, T };
  });
}
