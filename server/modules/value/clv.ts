/**
 * Customer lifetime value (客户终身价值) from purchase history: the BG/NBD model of Fader, Hardie and
 * Lee ("Counting your customers the easy way", 2005) for how many purchases a customer will still
 * make, and the Gamma-Gamma model (Fader, Hardie and Lee, "RFM and CLV", 2005) for how much each
 * will be worth. Both are fitted by maximum likelihood with Nelder–Mead on the logarithms of their
 * parameters, so the parameters stay positive without constraints. Time is counted in days.
 */

// ---------------------------------------------------------------------------------------------
// Special functions

/** Lanczos approximation (g = 7, nine terms): about 15 significant digits for x > 0. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  // Below ½ the approximation loses accuracy: Γ(x) = Γ(x + 1) / x.
  if (x < 0.5) return lnGamma(x + 1) - Math.log(x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b), the beta function. */
export const lnBeta = (a: number, b: number) => lnGamma(a) + lnGamma(b) - lnGamma(a + b);

/** Gauss's hypergeometric function ₂F₁(a, b; c; z) by its series, for 0 ≤ z < 1 and c > 0. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 1_000_000; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) return sum;
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------
// Nelder–Mead

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

/**
 * The Nelder–Mead simplex method (reflection 1, expansion 2, contraction ½, shrink ½). A
 * non-finite value counts as +∞, so a function may refuse points by returning NaN. Restarted once
 * from its answer, as a collapsed simplex can stop short of the minimum.
 */
export function nelderMead(f: (x: number[]) => number, start: number[], options: { step?: number; maxEvaluations?: number; tolerance?: number } = {}): Minimum {
  const { step = 0.5, maxEvaluations = 20_000, tolerance = 1e-10 } = options;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const run = (from: number[]): { x: number[]; value: number; converged: boolean } => {
    const n = from.length;
    let points = [from, ...from.map((_, i) => from.map((v, j) => (i === j ? v + step : v)))];
    let values = points.map(value);
    while (evaluations < maxEvaluations) {
      const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
      points = order.map((i) => points[i]!);
      values = order.map((i) => values[i]!);
      const best = values[0]!;
      const worst = values[n]!;
      const spread = Math.max(...points.slice(1).flatMap((p) => p.map((v, j) => Math.abs(v - points[0]![j]!))));
      if (Math.abs(worst - best) <= tolerance * (1 + Math.abs(best)) && spread <= Math.sqrt(tolerance)) return { x: points[0]!, value: best, converged: true };
      const centroid = from.map((_, j) => points.slice(0, n).reduce((s, p) => s + p[j]!, 0) / n);
      const along = (t: number) => centroid.map((c, j) => c + t * (points[n]![j]! - c));
      const reflected = along(-1);
      const fr = value(reflected);
      if (fr < best) {
        const expanded = along(-2);
        const fe = value(expanded);
        [points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
      } else if (fr < values[n - 1]!) {
        [points[n], values[n]] = [reflected, fr];
      } else {
        // Outside contraction when the reflection helped a little, inside when it did not.
        const contracted = fr < worst ? along(-0.5) : along(0.5);
        const fc = value(contracted);
        if (fc < Math.min(fr, worst)) {
          [points[n], values[n]] = [contracted, fc];
        } else {
          for (let i = 1; i <= n; i++) {
            points[i] = points[i]!.map((v, j) => points[0]![j]! + 0.5 * (v - points[0]![j]!));
            values[i] = value(points[i]!);
          }
        }
      }
    }
    const i = values.indexOf(Math.min(...values));
    return { x: points[i]!, value: values[i]!, converged: false };
  };
  const first = run(start);
  const second = run(first.x);
  const better = second.value <= first.value ? second : first;
  return { ...better, evaluations, converged: second.converged };
}

// ---------------------------------------------------------------------------------------------
// BG/NBD: how many purchases

/** One customer's purchase history: x repeat purchases, the last t_x days after the first, T days observed since the first. */
export interface History {
  x: number;
  tx: number;
  T: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * The BG/NBD log-likelihood of one customer (equation 6 of the paper):
 * L = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+T)^(r+x))
 *   + [x > 0] · B(a+1, b+x−1)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+t_x)^(r+x)).
 */
export function bgnbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: History): number {
  const common = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const alive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return common + alive;
  const dropped = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const top = Math.max(alive, dropped);
  return common + top + Math.log(Math.exp(alive - top) + Math.exp(dropped - top));
}

/** The sum over customers, with the terms that depend on x alone computed once per distinct x. */
function bgnbdTotal({ r, alpha, a, b }: BgNbdParams, data: History[]): number {
  const byX = new Map<number, { common: number; dropRatio: number }>();
  const shared = lnGamma(a + b) - lnGamma(b) - lnGamma(r) + r * Math.log(alpha);
  let total = 0;
  for (const { x, tx, T } of data) {
    let k = byX.get(x);
    if (!k) {
      k = { common: shared + lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x), dropRatio: x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0 };
      byX.set(x, k);
    }
    const alive = -(r + x) * Math.log(alpha + T);
    if (x === 0) {
      total += k.common + alive;
      continue;
    }
    const dropped = k.dropRatio - (r + x) * Math.log(alpha + tx);
    const top = Math.max(alive, dropped);
    total += k.common + top + Math.log(Math.exp(alive - top) + Math.exp(dropped - top));
  }
  return total;
}

/** Parameters are searched as logarithms within e^±12: past that a model has no meaning left. */
const LOG_BOUND = 12;
const inBounds = (logs: number[]) => logs.every((v) => Math.abs(v) <= LOG_BOUND);

export function fitBgNbd(data: History[]): { params: BgNbdParams; logLikelihood: number; converged: boolean } {
  // Start where the purchase rate matches the data: r/α ≈ repeat purchases per day observed.
  const rate = data.reduce((s, d) => s + d.x, 0) / Math.max(1, data.reduce((s, d) => s + d.T, 0));
  const start = [0, Math.log(Math.min(Math.max(1 / Math.max(rate, 1e-6), 1e-3), 1e5)), 0, 0];
  const fit = nelderMead((logs) => {
    if (!inBounds(logs)) return Number.NaN;
    const [r, alpha, a, b] = logs.map(Math.exp) as [number, number, number, number];
    return -bgnbdTotal({ r, alpha, a, b }, data);
  }, start);
  const [r, alpha, a, b] = fit.x.map(Math.exp) as [number, number, number, number];
  return { params: { r, alpha, a, b }, logLikelihood: -fit.value, converged: fit.converged };
}

/** The probability that the customer has not yet dropped out: 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)). */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: History): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))));
}

/**
 * The expected number of purchases in the next t days given the history (equation 10 of the paper;
 * needs a > 1):
 * E[Y(t)] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *           / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 */
export function expectedPurchases(params: BgNbdParams, history: History, t: number): number {
  const { r, alpha, a, b } = params;
  const { x, T } = history;
  if (t <= 0) return 0;
  const ratio = (alpha + T) / (alpha + T + t);
  const f = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow(ratio, r + x) * f);
  return numerator * probabilityAlive(params, history);
}

// ---------------------------------------------------------------------------------------------
// Gamma-Gamma: how much each purchase is worth

/** A customer's x ≥ 1 repeat purchases and their mean value m. */
export interface Spend {
  x: number;
  mean: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** ln of the density of the mean m of x purchases: Γ(px+q)/(Γ(px)Γ(q)) · γ^q · x^(px) · m^(px−1) / (γ + x·m)^(px+q). */
export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParams, { x, mean }: Spend): number {
  return (
    lnGamma(p * x + q) - lnGamma(p * x) - lnGamma(q) + q * Math.log(gamma) + (p * x - 1) * Math.log(mean) + p * x * Math.log(x) - (p * x + q) * Math.log(gamma + x * mean)
  );
}

export function fitGammaGamma(data: Spend[]): { params: GammaGammaParams; logLikelihood: number; converged: boolean } {
  const average = data.reduce((s, d) => s + d.mean, 0) / data.length;
  const fit = nelderMead(
    (logs) => {
      if (!inBounds(logs)) return Number.NaN;
      const [p, q, gamma] = logs.map(Math.exp) as [number, number, number];
      let total = 0;
      for (const d of data) total += gammaGammaLogLikelihood({ p, q, gamma }, d);
      return -total;
    },
    // Start with the population mean p·γ/(q−1) at the observed average.
    [0, Math.log(2), Math.log(Math.max(average, 1e-3))],
  );
  const [p, q, gamma] = fit.x.map(Math.exp) as [number, number, number];
  return { params: { p, q, gamma }, logLikelihood: -fit.value, converged: fit.converged };
}

/**
 * The expected value of the customer's purchases (needs q > 1): a weighted mean of the population's
 * p·γ/(q−1) and his own mean m, his weighing more the more purchases he made:
 * E(M | x, m) = p·(γ + x·m) / (p·x + q − 1). Without repeat purchases, the population's mean.
 */
export function expectedSpend({ p, q, gamma }: GammaGammaParams, spend: Spend | null): number {
  if (!spend || spend.x === 0) return (p * gamma) / (q - 1);
  return (p * (gamma + spend.x * spend.mean)) / (p * spend.x + q - 1);
}

// ---------------------------------------------------------------------------------------------
// Lifetime value of every customer

export interface ClvSettings {
  horizonMonths: number;
  /** Yearly rate, e.g. 0.08; 0 = no discounting. */
  discountRate: number;
  /** The share of spending that counts as value to the institution (1 = the value is the spending). */
  valueShare: number;
  minCustomers: number;
}

export interface ClvCustomer extends History {
  id: number;
  /** Mean value of the repeat purchases (null without any). */
  repeatMean: number | null;
  /** Everything spent in the calibration period, for the fallback. */
  total: number;
}

export type ClvMethod = 'bgnbd_gamma_gamma' | 'historical';
export type ClvFallbackReason = 'few_customers' | 'few_repeat_customers' | 'no_fit';

export interface ClvRun {
  method: ClvMethod;
  /** Why the models were not used. */
  reason?: ClvFallbackReason;
  customers: number;
  repeatCustomers: number;
  /** Customers the models were fitted on (a sample of the largest populations). */
  fittedOn: number;
  bgnbd?: BgNbdParams & { logLikelihood: number; converged: boolean };
  gammaGamma?: GammaGammaParams & { logLikelihood: number; converged: boolean };
  horizonMonths: number;
  discountRate: number;
  valueShare: number;
}

export interface ClvEstimate {
  id: number;
  clv: number;
  expectedPurchases: number;
  pAlive: number | null;
}

const DAYS_PER_MONTH = 365.25 / 12;
/** Fitting cost grows with customers; this many, evenly picked, pin the parameters down well enough. */
const MAX_FIT = 20_000;
/** The Gamma-Gamma model needs this many customers who bought again. */
const MIN_REPEAT = 20;

const sample = <T>(items: T[]) => (items.length <= MAX_FIT ? items : Array.from({ length: MAX_FIT }, (_, i) => items[Math.floor((i * items.length) / MAX_FIT)]!));

/** Monthly discount factors 1/(1+d)^k for months k = 1 … H, from the yearly rate. */
function discounts(settings: ClvSettings): number[] {
  const monthly = Math.pow(1 + settings.discountRate, 1 / 12) - 1;
  return Array.from({ length: settings.horizonMonths }, (_, k) => Math.pow(1 + monthly, -(k + 1)));
}

/**
 * Fits both models and values every customer over the horizon: the expected purchases of each month,
 * discounted to today, times the expected value of a purchase, times the value share. With too few
 * customers or repeat buyers, or a fit without meaning (a ≤ 1 or q ≤ 1), it falls back to his past
 * spending per day carried forward, and says why.
 */
export function estimateClv(customers: ClvCustomer[], settings: ClvSettings): { run: ClvRun; estimates: ClvEstimate[] } {
  const repeat = customers.filter((c) => c.x > 0 && c.repeatMean !== null && c.repeatMean > 0);
  const base = { customers: customers.length, repeatCustomers: repeat.length, horizonMonths: settings.horizonMonths, discountRate: settings.discountRate, valueShare: settings.valueShare };
  const factors = discounts(settings);
  const round = (v: number, digits: number) => Number(v.toFixed(digits));

  const fallback = (reason: ClvFallbackReason, extra: Partial<ClvRun> = {}) => ({
    run: { method: 'historical' as const, reason, fittedOn: 0, ...base, ...extra },
    estimates: customers.map((c) => {
      // Spending per day since the first purchase (a month at least, so one purchase is not a habit).
      const perMonth = (c.total / Math.max(c.T + 1, 30)) * DAYS_PER_MONTH;
      return { id: c.id, clv: round(perMonth * factors.reduce((s, f) => s + f, 0) * settings.valueShare, 2), expectedPurchases: round(((c.x + 1) / Math.max(c.T + 1, 30)) * DAYS_PER_MONTH * settings.horizonMonths, 4), pAlive: null };
    }),
  });

  if (customers.length < settings.minCustomers) return fallback('few_customers');
  if (repeat.length < MIN_REPEAT) return fallback('few_repeat_customers');
  const fitted = sample(customers);
  const bg = fitBgNbd(fitted);
  const gg = fitGammaGamma(sample(repeat).map((c) => ({ x: c.x, mean: c.repeatMean! })));
  const models = { bgnbd: { ...bg.params, logLikelihood: bg.logLikelihood, converged: bg.converged }, gammaGamma: { ...gg.params, logLikelihood: gg.logLikelihood, converged: gg.converged }, fittedOn: fitted.length };
  if (!(bg.params.a > 1) || !(gg.params.q > 1) || !Number.isFinite(bg.logLikelihood) || !Number.isFinite(gg.logLikelihood)) return fallback('no_fit', models);

  const estimates = customers.map((c) => {
    const spend = expectedSpend(gg.params, c.repeatMean !== null && c.x > 0 ? { x: c.x, mean: c.repeatMean } : null);
    let purchases = 0;
    let discounted = 0;
    let before = 0;
    // Undiscounted, one evaluation at the horizon suffices; discounted, the purchases of each month.
    if (settings.discountRate === 0) {
      purchases = expectedPurchases(bg.params, c, settings.horizonMonths * DAYS_PER_MONTH);
      discounted = purchases;
    } else {
      for (let k = 1; k <= settings.horizonMonths; k++) {
        const upTo = expectedPurchases(bg.params, c, k * DAYS_PER_MONTH);
        discounted += (upTo - before) * factors[k - 1]!;
        before = upTo;
      }
      purchases = before;
    }
    return { id: c.id, clv: round(discounted * spend * settings.valueShare, 2), expectedPurchases: round(purchases, 4), pAlive: round(probabilityAlive(bg.params, c), 4) };
  });
  return { run: { method: 'bgnbd_gamma_gamma', ...base, ...models }, estimates };
}
