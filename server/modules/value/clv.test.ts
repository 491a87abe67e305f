import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  estimateClv,
  expectedPurchases,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  hyp2f1,
  lnGamma,
  nelderMead,
  probabilityAlive,
  type ClvCustomer,
} from './clv.ts';
import { random, gammaVariate, simulate } from './clv.simulate.ts';

/**
 * The reference values were computed separately from the published formulas at 30 digits
 * (mpmath: loggamma, beta, hyp2f1), not with this code.
 */
describe('special functions', () => {
  it('ln Γ matches known values', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 13);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lnGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
    expect(lnGamma(123.456)).toBeCloseTo(469.60554712992947, 9);
  });

  it('₂F₁ matches a closed form and a reference value', () => {
    // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
    expect(hyp2f1(0.7, 2.3, 3.1, 0.9)).toBeCloseTo(2.6549098296841075, 10);
  });

  it('Nelder–Mead finds the minimum of the Rosenbrock valley and of a shifted bowl', () => {
    const rosenbrock = nelderMead(([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2, [-1.2, 1]);
    expect(rosenbrock.converged).toBe(true);
    expect(rosenbrock.x[0]).toBeCloseTo(1, 4);
    expect(rosenbrock.x[1]).toBeCloseTo(1, 4);
    const bowl = nelderMead((v) => v.reduce((s, x, i) => s + (i + 1) * (x - i) ** 2, 0), [5, 5, 5, 5]);
    bowl.x.forEach((x, i) => expect(x).toBeCloseTo(i, 4));
    // Points it may not visit (NaN) are walls, not answers.
    const walled = nelderMead(([x]) => (x! < 0 ? Number.NaN : (x! - 2) ** 2), [3]);
    expect(walled.x[0]).toBeCloseTo(2, 4);
  });
});

describe('BG/NBD and Gamma-Gamma at known parameters', () => {
  // The CDNOW estimates of the paper (in weeks): r = 0.243, α = 4.414, a = 0.793, b = 2.426.
  const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('gives the log-likelihood of the published formula', () => {
    expect(bgnbdLogLikelihood(cdnow, { x: 0, tx: 0, T: 38.86 })).toBeCloseTo(-0.55471327643815845, 10);
    expect(bgnbdLogLikelihood(cdnow, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(-9.4586063070662712, 10);
    expect(bgnbdLogLikelihood(cdnow, { x: 10, tx: 35, T: 38 })).toBeCloseTo(-27.17451817310222, 10);
  });

  it('gives the conditional expectation and the probability of being alive', () => {
    const params = { r: 0.5, alpha: 20, a: 1.5, b: 4 };
    expect(expectedPurchases(params, { x: 3, tx: 100, T: 200 }, 365)).toBeCloseTo(1.1752754853716111, 9);
    expect(probabilityAlive(params, { x: 3, tx: 100, T: 200 })).toBeCloseTo(0.3240588345711713, 12);
    expect(expectedPurchases(params, { x: 0, tx: 0, T: 50 }, 365)).toBeCloseTo(1.4433812527410436, 9);
    expect(probabilityAlive(params, { x: 0, tx: 0, T: 50 })).toBe(1);
    expect(expectedPurchases(params, { x: 12, tx: 280, T: 300 }, 90)).toBeCloseTo(2.4766390900209083, 9);
    expect(probabilityAlive(params, { x: 12, tx: 280, T: 300 })).toBeCloseTo(0.8169552376544706, 12);
  });

  it('gives the Gamma-Gamma density and expected spend', () => {
    // CDNOW: p = 6.25, q = 3.74, γ = 15.44.
    const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
    expect(gammaGammaLogLikelihood(gg, { x: 1, mean: 20 })).toBeCloseTo(-3.5941964929491959, 10);
    expect(gammaGammaLogLikelihood(gg, { x: 5, mean: 35.5 })).toBeCloseTo(-4.0644026548446051, 10);
    // By hand: population mean 6.25 · 15.44 / 2.74 = 35.2190…; one repeat purchase of 20: 6.25 · 35.44 / 8.99 = 24.6384…
    expect(expectedSpend(gg, null)).toBeCloseTo(96.5 / 2.74, 10);
    expect(expectedSpend(gg, { x: 1, mean: 20 })).toBeCloseTo((6.25 * 35.44) / 8.99, 10);
  });
});

describe('fitting recovers the parameters of a synthetic population', () => {
  it('BG/NBD: 6,000 customers', () => {
    const truth = { r: 0.8, alpha: 60, a: 1.6, b: 5 };
    const fit = fitBgNbd(simulate(6000, truth, 42));
    expect(fit.converged).toBe(true);
    expect(fit.params.r / truth.r).toBeGreaterThan(0.85);
    expect(fit.params.r / truth.r).toBeLessThan(1.15);
    expect(fit.params.alpha / truth.alpha).toBeGreaterThan(0.8);
    expect(fit.params.alpha / truth.alpha).toBeLessThan(1.2);
    expect(fit.params.a / truth.a).toBeGreaterThan(0.6);
    expect(fit.params.a / truth.a).toBeLessThan(1.5);
    expect(fit.params.b / truth.b).toBeGreaterThan(0.6);
    expect(fit.params.b / truth.b).toBeLessThan(1.5);
    // The mean dropout probability a/(a+b) is better determined than a and b apart.
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeCloseTo(truth.a / (truth.a + truth.b), 1);
  });

  it('Gamma-Gamma: 3,000 repeat customers', () => {
    const truth = { p: 6, q: 4, gamma: 15 };
    const rnd = random(7);
    const data = Array.from({ length: 3000 }, () => {
      const nu = gammaVariate(rnd, truth.q, truth.gamma);
      const x = 1 + Math.floor(rnd() * 8);
      let sum = 0;
      for (let i = 0; i < x; i++) sum += gammaVariate(rnd, truth.p, nu);
      return { x, mean: sum / x };
    });
    const fit = fitGammaGamma(data);
    expect(fit.converged).toBe(true);
    // p, q and γ trade off against each other; the population mean p·γ/(q−1) = 30 is sharp.
    const mean = (fit.params.p * fit.params.gamma) / (fit.params.q - 1);
    expect(mean / 30).toBeGreaterThan(0.95);
    expect(mean / 30).toBeLessThan(1.05);
    expect(fit.params.p / truth.p).toBeGreaterThan(0.8);
    expect(fit.params.p / truth.p).toBeLessThan(1.25);
    expect(fit.params.q / truth.q).toBeGreaterThan(0.7);
    expect(fit.params.q / truth.q).toBeLessThan(1.4);
  });
});

describe('lifetime value of every customer', () => {
  const settings = { horizonMonths: 12, discountRate: 0, valueShare: 1, minCustomers: 50 };

  it('falls back to past spending with too few customers, and says so', () => {
    const customers: ClvCustomer[] = [
      // 3,000 spent over 300 days (+1): 3,000/301 a day, 12 months of 30.4375 days: 3,000 · 365.25/301 = 3,640.37
      { id: 1, x: 2, tx: 200, T: 300, repeatMean: 1000, total: 3000 },
      // One purchase of 500 two days ago counts as a month's spending: 500 · 12 = 500 · 365.25/30 = 6,087.50
      { id: 2, x: 0, tx: 0, T: 2, repeatMean: null, total: 500 },
    ];
    const { run, estimates } = estimateClv(customers, settings);
    expect(run).toMatchObject({ method: 'historical', reason: 'few_customers', customers: 2, repeatCustomers: 1 });
    expect(estimates).toEqual([
      { id: 1, clv: 3640.37, expectedPurchases: expect.closeTo(3 * (365.25 / 301), 4), pAlive: null },
      { id: 2, clv: 6087.5, expectedPurchases: expect.closeTo(365.25 / 30, 4), pAlive: null },
    ]);
    // A 10% yearly discount takes about 5% off a year's value.
    const discounted = estimateClv(customers, { ...settings, discountRate: 0.1 }).estimates[0]!.clv;
    expect(discounted / 3640.37).toBeGreaterThan(0.94);
    expect(discounted / 3640.37).toBeLessThan(0.96);
  });

  it('uses the models on a population large enough, discounted month by month', () => {
    const rnd = random(3);
    const customers: ClvCustomer[] = simulate(1500, { r: 0.8, alpha: 60, a: 1.6, b: 5 }, 11).map((h, i) => {
      const mean = h.x > 0 ? 50 + rnd() * 100 : null;
      return { id: i + 1, ...h, repeatMean: mean, total: (h.x + 1) * (mean ?? 80) };
    });
    const { run, estimates } = estimateClv(customers, settings);
    expect(run.method).toBe('bgnbd_gamma_gamma');
    expect(run.fittedOn).toBe(1500);
    const one = customers[0]!;
    const e = estimates[0]!;
    const spend = expectedSpend(run.gammaGamma!, one.x > 0 ? { x: one.x, mean: one.repeatMean! } : null);
    expect(e.expectedPurchases).toBeCloseTo(expectedPurchases(run.bgnbd!, one, 365.25), 3);
    expect(e.clv).toBeCloseTo(expectedPurchases(run.bgnbd!, one, 365.25) * spend, 1);
    // Discounting lowers every value, and less than a whole year's discount.
    const discounted = estimateClv(customers, { ...settings, discountRate: 0.1 }).estimates;
    for (let i = 0; i < 20; i++) {
      expect(discounted[i]!.clv).toBeLessThanOrEqual(estimates[i]!.clv);
      expect(discounted[i]!.clv).toBeGreaterThanOrEqual(estimates[i]!.clv / 1.1 - 0.01);
    }
    // Half the spending counts as value: half the value.
    expect(estimateClv(customers, { ...settings, valueShare: 0.5 }).estimates[0]!.clv).toBeCloseTo(e.clv / 2, 1);
  });
});
