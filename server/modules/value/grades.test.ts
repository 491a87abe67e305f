import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body } from '#test/test-app.ts';
import { withAdmin } from '#test/factories.ts';
import { expectedPurchases, expectedSpend, probabilityAlive, type BgNbdParams, type GammaGammaParams } from './clv.ts';
import { random, simulate } from './clv.simulate.ts';

/** A birth date that makes the customer `years` old, a few days past his birthday. */
const bornYearsAgo = (years: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 5);
  return d.toISOString().slice(0, 10);
};

/**
 * Seven customers for the tier matrix (default bounds: ages 30 / 45 / 60, yearly incomes
 * 100,000 / 300,000; rows youngest first, columns lowest income first):
 *
 *   A 25, 50,000        → row 0, column 0 → bronze
 *   B 35, 150,000       → row 1, column 1 → silver
 *   C 50, 300,000       → row 2, column 2 (a bound begins its band) → gold
 *   D 65, 400,000       → row 3, column 2 → silver
 *   E 30, 99,999.99     → row 1, column 0 → bronze
 *   F no birth date     → none
 *   G an organisation   → none
 */
describe('customer grades: the tier matrix, key / potential / ordinary and VIP', async () => {
  const t = await buildTestApp();
  const { client: admin } = await withAdmin(t);
  const ids: Record<string, number> = {};
  const valueOf = async (who: string) => body(await admin.get(`/api/v1/customers/${ids[who]}/value`)).current;
  const settings = async () => body(await admin.get('/api/v1/value/settings'));
  const count = async (rule: unknown) => body(await admin.post('/api/v1/segments/count', { rule })).count as number;

  beforeAll(async () => {
    expect((await admin.post('/api/v1/custom-fields', { key: 'annual_income', type: 'number', labelZh: '年收入', labelEn: 'Annual income' })).statusCode).toBe(201);
    const people: [string, number | null, number | null][] = [
      ['A', 25, 50_000],
      ['B', 35, 150_000],
      ['C', 50, 300_000],
      ['D', 65, 400_000],
      ['E', 30, 99_999.99],
      ['F', null, 200_000],
    ];
    for (const [name, age, income] of people) {
      const res = await admin.post('/api/v1/customers', { kind: 'individual', name: `等级${name}`, ...(age ? { birthDate: bornYearsAgo(age) } : {}), custom: { annual_income: income } });
      expect(res.statusCode, res.body).toBe(201);
      ids[name] = body(res).id;
    }
    const org = await admin.post('/api/v1/customers', { kind: 'organization', name: '等级有限公司' });
    expect(org.statusCode, org.body).toBe(201);
    ids.G = body(org).id;
    // B keeps ¥700,000 on deposit: contribution 10,500, the only core customer, and VIP by assets.
    await t.db.query(`insert into holdings (customer_id, external_id, kind, balance) values ($1, 'G-B', 'deposit', 700000)`, [ids.B]);
  });

  it('gives each individual the tier of his age and income band', async () => {
    expect(body(await admin.post('/api/v1/value/recompute'))).toMatchObject({ customers: 7, core: 1, vip: 1 });
    const expected = { A: 'bronze', B: 'silver', C: 'gold', D: 'silver', E: 'bronze', F: null, G: null };
    for (const [who, tier] of Object.entries(expected)) expect((await valueOf(who)).matrixTier, who).toBe(tier);
    // The contribution tier is another thing: B is gold by contribution, silver by the matrix.
    expect(await valueOf('B')).toMatchObject({ tier: 'gold', matrixTier: 'silver' });
  });

  it('classifies with the default rules: core customers are key, gold-matrix customers potential, ¥500,000 of assets VIP', async () => {
    const expected = { A: 'ordinary', B: 'key', C: 'potential', D: 'ordinary', E: 'ordinary', F: 'ordinary', G: 'ordinary' };
    for (const [who, cls] of Object.entries(expected)) expect((await valueOf(who)).customerClass, who).toBe(cls);
    expect((await valueOf('B')).vip).toBe(true);
    expect((await valueOf('A')).vip).toBe(false);
  });

  it('takes a new matrix and income from assets at the next computation', async () => {
    const cfg = await settings();
    // Two age bands (under 40, 40 and over), two income bands (under 200,000, 200,000 and over).
    const matrix = { incomeSource: 'custom.annual_income', ageBounds: [40], incomeBounds: [200_000], cells: [[null, 'gold'], ['silver', 'platinum']] };
    expect((await admin.put('/api/v1/value/settings', { ...cfg, matrix })).statusCode).toBe(200);
    await admin.post('/api/v1/value/recompute');
    const expected = { A: null, B: null, C: 'platinum', D: 'platinum', E: null, F: null, G: null };
    for (const [who, tier] of Object.entries(expected)) expect((await valueOf(who)).matrixTier, who).toBe(tier);

    // By assets instead: only B has any (700,000 ≥ 200,000, under 40) → gold; the others have none, so no tier.
    expect((await admin.put('/api/v1/value/settings', { ...cfg, matrix: { ...matrix, incomeSource: 'assets' } })).statusCode).toBe(200);
    await admin.post('/api/v1/value/recompute');
    expect((await valueOf('B')).matrixTier).toBe('gold');
    expect((await valueOf('C')).matrixTier).toBe(null);

    // A matrix without bounds is one cell for everybody whose age and income are known.
    expect((await admin.put('/api/v1/value/settings', { ...cfg, matrix: { incomeSource: 'custom.annual_income', ageBounds: [], incomeBounds: [], cells: [['silver']] } })).statusCode).toBe(200);
    await admin.post('/api/v1/value/recompute');
    expect((await valueOf('A')).matrixTier).toBe('silver');
    expect((await valueOf('F')).matrixTier).toBe(null);
    expect((await admin.put('/api/v1/value/settings', cfg)).statusCode).toBe(200);
  });

  it('refuses matrices that do not fit together', async () => {
    const cfg = await settings();
    const unordered = await admin.put('/api/v1/value/settings', { ...cfg, matrix: { ...cfg.matrix, ageBounds: [45, 30, 60] } });
    expect(unordered.statusCode).toBe(400);
    expect(body(unordered).errors[0]).toMatchObject({ field: 'body.matrix.ageBounds', code: 'value.bounds_ascending' });
    const shape = await admin.put('/api/v1/value/settings', { ...cfg, matrix: { ...cfg.matrix, incomeBounds: [100_000] } });
    expect(body(shape).errors[0]).toMatchObject({ field: 'body.matrix.cells', code: 'value.matrix_shape' });
    const badKey = await admin.put('/api/v1/value/settings', { ...cfg, matrix: { ...cfg.matrix, cells: [['Gold!', null, null], ...cfg.matrix.cells.slice(1)] } });
    expect(body(badKey).errors[0].field).toBe('body.matrix.cells.0.0');
  });

  it('classifies by the rules the administrator sets, which may read this computation', async () => {
    const cfg = await settings();
    const classification = {
      key: { field: 'contribution', op: 'gte', value: 10_000 },
      potential: { field: 'matrixTier', op: 'in', value: ['gold', 'silver'] },
      // The VIP rule may read the class decided before it.
      vip: { any: [{ field: 'customerClass', op: 'eq', value: 'key' }, { field: 'age', op: 'gte', value: 60 }] },
    };
    expect((await admin.put('/api/v1/value/settings', { ...cfg, classification })).statusCode).toBe(200);
    expect(body(await admin.post('/api/v1/value/recompute'))).toMatchObject({ vip: 2 });
    // B: 10,500 → key. C gold, D silver → potential. A and E bronze, F and G none → ordinary.
    const expected = { A: 'ordinary', B: 'key', C: 'potential', D: 'potential', E: 'ordinary', F: 'ordinary', G: 'ordinary' };
    for (const [who, cls] of Object.entries(expected)) expect((await valueOf(who)).customerClass, who).toBe(cls);
    expect((await valueOf('B')).vip).toBe(true);
    expect((await valueOf('D')).vip).toBe(true);
    expect((await valueOf('C')).vip).toBe(false);

    // The new fields in segment and tag rules, and in the summary.
    expect(await count({ field: 'customerClass', op: 'eq', value: 'potential' })).toBe(2);
    expect(await count({ field: 'vip', op: 'eq', value: 'true' })).toBe(2);
    expect(await count({ field: 'matrixTier', op: 'eq', value: 'bronze' })).toBe(2);
    const summary = body(await admin.get('/api/v1/value/summary'));
    const of = (groups: { key: string | null; customers: number }[]) => Object.fromEntries(groups.map((g) => [g.key ?? 'none', g.customers]));
    expect(of(summary.byClass)).toEqual({ key: 1, potential: 2, ordinary: 4 });
    expect(of(summary.byVip)).toEqual({ true: 2, false: 5 });
    expect(of(summary.byMatrixTier)).toEqual({ bronze: 2, silver: 2, gold: 1, none: 2 });

    // Today's history row carries them too.
    const { history } = body(await admin.get(`/api/v1/customers/${ids.D}/value`));
    expect(history[0]).toMatchObject({ matrixTier: 'silver', customerClass: 'potential', vip: true });
  });

  it('refuses a rule that reads what it decides or names what does not exist, and reports one that broke since', async () => {
    const cfg = await settings();
    const selfish = await admin.put('/api/v1/value/settings', { ...cfg, classification: { ...cfg.classification, key: { field: 'customerClass', op: 'eq', value: 'key' } } });
    expect(body(selfish).errors[0]).toMatchObject({ field: 'body.classification.key', code: 'value.rule_reads_itself' });
    const unknown = await admin.put('/api/v1/value/settings', { ...cfg, classification: { ...cfg.classification, potential: { field: 'custom.nothing', op: 'gt', value: 1 } } });
    expect(body(unknown).errors[0]).toMatchObject({ field: 'body.classification.potential.field', code: 'tag.rule.custom_field' });

    // A rule on the income field, which is then switched off: the run goes on and says so.
    const potential = { field: 'custom.annual_income', op: 'gte', value: 300_000 };
    expect((await admin.put('/api/v1/value/settings', { ...cfg, classification: { ...cfg.classification, potential } })).statusCode).toBe(200);
    await admin.post('/api/v1/value/recompute');
    expect((await valueOf('D')).customerClass).toBe('potential');
    await t.db.query(`update custom_fields set active = false where key = 'annual_income'`);
    expect((await admin.post('/api/v1/value/recompute')).statusCode).toBe(200);
    expect((await valueOf('D')).customerClass).toBe(null);
    expect(body(await admin.get('/api/v1/value/summary')).clv.problems).toEqual([{ rule: 'potential', field: 'rule.field', code: 'tag.rule.custom_field' }]);
    await t.db.query(`update custom_fields set active = true where key = 'annual_income'`);
    expect((await admin.put('/api/v1/value/settings', { ...cfg, classification: { key: null, potential: null, vip: null } })).statusCode).toBe(200);
    await admin.post('/api/v1/value/recompute');
    // No rules: everybody is ordinary and regular.
    expect(await valueOf('B')).toMatchObject({ customerClass: 'ordinary', vip: false });
  });
});

/** Days before now, as SQL. */
const spend = (t: { db: { query: (sql: string, params: unknown[]) => Promise<unknown> } }, customerId: number, n: string, daysAgo: number, amount: number) =>
  t.db.query(
    `insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, $2, now() - make_interval(secs => $3::float8 * 86400), $4, 'debit')`,
    [customerId, n, daysAgo, amount],
  );

describe('lifetime value', async () => {
  const t = await buildTestApp();
  const { client: admin } = await withAdmin(t);

  it('falls back to past spending when there are few customers, and says so', async () => {
    const a = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '终身甲' })).id;
    const b = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '终身乙' })).id;
    // 300 a hundred days ago, 200 + 300 on one day ten days ago (one purchase of 500): 800 over 101 days.
    await spend(t, a, 'L1', 100, 300);
    await spend(t, a, 'L2', 10, 200);
    await spend(t, a, 'L3', 10, 300);
    // A credit and a purchase before the calibration period count for nothing.
    await t.db.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, 'L4', now(), 5000, 'credit')`, [a]);
    await spend(t, a, 'L5', 2000, 9999);
    expect(body(await admin.post('/api/v1/value/recompute'))).toMatchObject({ customers: 2, clvMethod: 'historical' });
    // 800 / 101 a day × 365.25 days = 2,893.07
    expect(body(await admin.get(`/api/v1/customers/${a}/value`)).current).toMatchObject({ clv: '2893.07', pAlive: null });
    // No purchases: no estimate.
    expect(body(await admin.get(`/api/v1/customers/${b}/value`)).current.clv).toBe(null);
    const summary = body(await admin.get('/api/v1/value/summary'));
    expect(summary.clv).toMatchObject({ total: '2893.07', customers: 1, run: { method: 'historical', reason: 'few_customers', customers: 1, repeatCustomers: 1 } });
    const runs = body(await admin.get('/api/v1/value/runs'));
    expect(runs[0]).toMatchObject({ customers: 2, clv: { method: 'historical' } });

    // Half the horizon, half the value (to the cent, give or take rounding).
    const cfg = body(await admin.get('/api/v1/value/settings'));
    expect((await admin.put('/api/v1/value/settings', { ...cfg, clv: { ...cfg.clv, horizonMonths: 6 } })).statusCode).toBe(200);
    await admin.post('/api/v1/value/recompute');
    expect(body(await admin.get(`/api/v1/customers/${a}/value`)).current.clv).toBe('1446.53');
  });

  it('fits BG/NBD and Gamma-Gamma on a population large enough, and values each customer with them', async () => {
    // 300 synthetic customers, each with his own rate and dropout, purchase times as the model makes them.
    const [{ id: unit }] = (await t.db.query<{ id: number }>(`select id from org_units limit 1`)) as [{ id: number }];
    const histories = simulate(300, { r: 0.8, alpha: 60, a: 1.6, b: 5 }, 5);
    const rnd = random(9);
    const rows = await t.db.query<{ id: number }>(
      `insert into customers (code, kind, name, name_sort, name_grams, name_norm, org_unit_id)
       select 'CLV' || g, 'individual', 'CLV ' || g, 'clv ' || g, array['c'], 'clv' || g, $1 from generate_series(1, 300) g returning id`,
      [unit],
    );
    const tx: { customer: number; daysAgo: number; amount: number }[] = [];
    histories.forEach((h, i) => {
      const id = Number(rows[i]!.id);
      const level = 50 + rnd() * 150;
      // Whole days, so the day-by-day counting sees what was simulated: first at T, then at T − t for each repeat.
      const T = Math.round(h.T);
      const times = [0, ...Array.from({ length: h.x }, (_, k) => (k === h.x - 1 ? Math.round(h.tx) : Math.round((h.tx * (k + 1)) / h.x)))];
      const days = [...new Set(times)];
      for (const d of days) tx.push({ customer: id, daysAgo: T - d + 0.5, amount: Math.round(level * (0.5 + rnd()) * 100) / 100 });
    });
    const insertedAt = new Date();
    await t.db.query(
      `insert into transactions (customer_id, external_id, occurred_at, amount, direction)
       select u.c, 'S' || u.n, $4::timestamptz - make_interval(secs => u.d * 86400), u.a, 'debit'
         from unnest($1::bigint[], $2::float8[], $3::numeric[]) with ordinality as u(c, d, a, n)`,
      [tx.map((r) => r.customer), tx.map((r) => r.daysAgo), tx.map((r) => r.amount), insertedAt],
    );
    const cfg = body(await admin.get('/api/v1/value/settings'));
    expect((await admin.put('/api/v1/value/settings', { ...cfg, clv: { ...cfg.clv, horizonMonths: 12, minCustomers: 100 } })).statusCode).toBe(200);
    expect(body(await admin.post('/api/v1/value/recompute')).clvMethod).toBe('bgnbd_gamma_gamma');
    // The same purchases give the same fit: the next recompute writes nobody.
    expect(body(await admin.post('/api/v1/value/recompute'))).toMatchObject({ clvMethod: 'bgnbd_gamma_gamma', changed: 0 });
    const { run } = body(await admin.get('/api/v1/value/summary')).clv;
    expect(run).toMatchObject({ method: 'bgnbd_gamma_gamma', customers: 301, fittedOn: 301 });
    const bg = run.bgnbd as BgNbdParams;
    const gg = run.gammaGamma as GammaGammaParams;
    expect(bg.a).toBeGreaterThan(1);
    expect(gg.q).toBeGreaterThan(1);

    // The first customer's value, from his history read back out of the transactions.
    const first = Number(rows[0]!.id);
    const mine = tx.filter((r) => r.customer === first).sort((p, q) => q.daysAgo - p.daysAgo);
    // Purchases are counted by UTC day, as the recompute counts them, whatever the time of day now.
    const dayOf = (daysAgo: number) => Math.floor(insertedAt.getTime() / 86_400_000 - daysAgo);
    const today = Math.floor(Date.now() / 86_400_000);
    const history = { x: mine.length - 1, tx: dayOf(mine.at(-1)!.daysAgo) - dayOf(mine[0]!.daysAgo), T: today - dayOf(mine[0]!.daysAgo) };
    const repeats = mine.slice(1).map((r) => r.amount);
    const spendEach = expectedSpend(gg, repeats.length ? { x: repeats.length, mean: repeats.reduce((s, v) => s + v, 0) / repeats.length } : null);
    const purchases = expectedPurchases(bg, history, 365.25);
    const current = body(await admin.get(`/api/v1/customers/${first}/value`)).current;
    expect(Number(current.expectedPurchases)).toBeCloseTo(purchases, 3);
    expect(Number(current.pAlive)).toBeCloseTo(probabilityAlive(bg, history), 3);
    expect(Number(current.clv)).toBeCloseTo(purchases * spendEach, 1);
    expect(body(await admin.post('/api/v1/segments/count', { rule: { field: 'clv', op: 'not_null' } })).count).toBe(301);
    expect(body(await admin.post('/api/v1/segments/count', { rule: { field: 'clv', op: 'gt', value: Number(current.clv) } })).count).toBeLessThan(301);
  });

  it('reads holdings and transactions in class and VIP rules as tag and segment rules read them', async () => {
    const settings = async () => body(await admin.get('/api/v1/value/settings'));
    const count = async (rule: unknown) => body(await admin.post('/api/v1/segments/count', { rule })).count as number;
    // Many customers by now (the population above): some spend, a few hold cards or deposits.
    const some = (await t.db.query<{ id: number }>(`select id from customers where deleted_at is null order by id limit 40`)).map((r) => r.id);
    for (const [i, id] of some.entries()) {
      if (i % 3 === 0) await t.db.query(`insert into holdings (customer_id, external_id, kind, balance) values ($1, $2, 'credit_card', $3)`, [id, `GR-C${id}`, i * 100]);
      if (i % 4 === 0) await t.db.query(`insert into holdings (customer_id, external_id, kind, balance, status) values ($1, $2, 'deposit', 50000, 'closed')`, [id, `GR-D${id}`]);
    }
    const cfg = await settings();
    const key = { all: [{ transactions: { withinDays: 365, direction: 'debit' }, measure: 'count', op: 'gte', value: 3 }, { not: { holdings: { kind: ['credit_card'] }, measure: 'balance', op: 'gte', value: 1000 } }] };
    // Customers without a card or a closed account must count as 0, not as unknown.
    const potential = { all: [{ holdings: { kind: ['credit_card'] }, measure: 'balance', op: 'lt', value: 1000 }, { holdings: { status: ['closed'] }, measure: 'count', op: 'eq', value: 0 }] };
    const vip = { any: [{ field: 'customerClass', op: 'eq', value: 'key' }, { transactions: { withinDays: 3650 }, measure: 'count', op: 'gte', value: 1 }] };
    expect((await admin.put('/api/v1/value/settings', { ...cfg, classification: { key, potential, vip } })).statusCode).toBe(200);
    const run = body(await admin.post('/api/v1/value/recompute'));
    const keys = await count({ field: 'customerClass', op: 'eq', value: 'key' });
    const potentials = await count({ field: 'customerClass', op: 'eq', value: 'potential' });
    // The segment count looks the measures up customer by customer; the recompute grouped them.
    expect(keys).toBe(await count(key));
    expect(potentials).toBe(await count({ all: [potential, { not: key }] }));
    expect(run.vip).toBe(await count(vip));
    expect(keys).toBeGreaterThan(0);
    expect(potentials).toBeGreaterThan(0);
    expect(run.vip).toBeGreaterThan(keys);
  });
});
