import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body } from '#test/test-app.ts';
import { withAdmin } from '#test/factories.ts';

/**
 * Twelve customers with hand-computed answers. Customer i (1–10) made i purchases of 100·i, the
 * last one 11 − i days ago: recency, frequency and spending all rank with i, so with two customers
 * per quintile r = f = m = ⌈i/2⌉. Customer 11 spent nothing but keeps ¥1,000,000 on deposit;
 * customer 12 has nothing at all.
 */
describe('customer value: RFM, contribution, Pareto core, tiers', async () => {
  const t = await buildTestApp();
  const { client: admin } = await withAdmin(t);
  const ids: number[] = [];
  const valueOf = async (i: number) => body(await admin.get(`/api/v1/customers/${ids[i - 1]}/value`)).current;

  beforeAll(async () => {
    for (let i = 1; i <= 12; i++) ids.push(body(await admin.post('/api/v1/customers', { kind: 'individual', name: `价值${i}` })).id);
    for (let i = 1; i <= 10; i++) {
      for (let k = 0; k < i; k++) {
        await t.db.query(
          `insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, $2, now() - make_interval(days => $3::int), $4, 'debit')`,
          [ids[i - 1], `V${i}-${k}`, 11 - i + k, 100 * i],
        );
      }
    }
    // Credits are not spending: they change nothing.
    await t.db.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, 'V1-credit', now(), 99999, 'credit')`, [ids[0]]);
    await t.db.query(`insert into holdings (customer_id, external_id, kind, balance) values ($1, 'D11', 'deposit', 1000000)`, [ids[10]]);
  });

  it('scores recency, frequency and spending in quintiles and names the RFM segments', async () => {
    expect(body(await admin.post('/api/v1/value/recompute'))).toMatchObject({ customers: 12, scored: 10, core: 1 });
    const expected: Record<number, [number, string]> = { 1: [1, 'lost'], 2: [1, 'lost'], 3: [2, 'hibernating'], 4: [2, 'hibernating'], 5: [3, 'need_attention'], 6: [3, 'need_attention'], 7: [4, 'champions'], 8: [4, 'champions'], 9: [5, 'champions'], 10: [5, 'champions'] };
    for (const [i, [q, segment]] of Object.entries(expected)) {
      const v = await valueOf(Number(i));
      expect(v, `customer ${i}`).toMatchObject({ r: q, f: q, m: q, rfmSegment: segment, frequency: Number(i), recencyDays: 11 - Number(i) });
      expect(Number(v.monetary)).toBe(100 * Number(i) * Number(i));
    }
    expect(await valueOf(11)).toMatchObject({ r: null, rfmSegment: null, frequency: 0 });
  });

  it('computes contribution from the formula, the Pareto core and the tiers', async () => {
    // 0.2% of spending: customer 10 spent 10,000 → 20.00; customer 11: 1.5% of 1,000,000 → 15,000.
    expect(await valueOf(10)).toMatchObject({ contribution: '20.00', tier: 'bronze', paretoCore: false });
    expect(await valueOf(11)).toMatchObject({ contribution: '15000.00', tier: 'gold', paretoCore: true, contributionRank: 1 });
    expect(await valueOf(12)).toMatchObject({ contribution: '0.00', tier: null, paretoCore: false });

    // A deposit for customer 10: 13,500 + 20. Total 28,577; 80% = 22,861.6: customers 11 and 10 make the core.
    await t.db.query(`insert into holdings (customer_id, external_id, kind, balance) values ($1, 'D10', 'deposit', 900000)`, [ids[9]]);
    expect(body(await admin.post('/api/v1/value/recompute'))).toMatchObject({ core: 2 });
    expect(await valueOf(10)).toMatchObject({ contribution: '13520.00', tier: 'gold', paretoCore: true, contributionRank: 2 });
    expect(await valueOf(9)).toMatchObject({ contribution: '16.20', paretoCore: false });

    // Half the value instead of 80%: customer 11 alone (15,000 of 28,577 passes 14,288.5).
    const cfg = body(await admin.get('/api/v1/value/settings'));
    expect((await admin.put('/api/v1/value/settings', { ...cfg, paretoShare: 0.5 })).statusCode).toBe(200);
    expect(body(await admin.post('/api/v1/value/recompute'))).toMatchObject({ core: 1 });
    const bad = await admin.put('/api/v1/value/settings', { ...cfg, tiers: [{ key: 'Gold!', minContribution: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(body(bad).errors[0].field).toMatch(/^body\.tiers\.0\.key/);
    const twice = await admin.put('/api/v1/value/settings', { ...cfg, tiers: [{ key: 'gold', minContribution: 5 }, { key: 'gold', minContribution: 1 }] });
    expect(body(twice).errors[0]).toMatchObject({ field: 'body.tiers', code: 'field.taken' });
    // An empty body does not reset the formula to its defaults.
    expect((await admin.put('/api/v1/value/settings', {})).statusCode).toBe(400);
  });

  it('names the lifecycle stage from the last 90 days against the 90 before', async () => {
    // Customer 12 spent 1,000 four and five months ago and 500 last week: −50%, declining.
    // Customer 11, so far without spending, spent once yesterday: new.
    const spend = (who: number, amount: number, daysAgo: number, n: string) =>
      t.db.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, $2, now() - make_interval(days => $3::int), $4, 'debit')`, [ids[who - 1], n, daysAgo, amount]);
    await spend(12, 500, 120, 'L12-1');
    await spend(12, 500, 150, 'L12-2');
    await spend(12, 500, 7, 'L12-3');
    await spend(11, 50, 1, 'L11-1');
    await admin.post('/api/v1/value/recompute');
    expect(await valueOf(12)).toMatchObject({ lifecycle: 'declining', trend: '-50.00' });
    expect(await valueOf(11)).toMatchObject({ lifecycle: 'new', trend: null });
    // Customers 1–10 spent only in the last 20 days: all new.
    expect(await valueOf(10)).toMatchObject({ lifecycle: 'new' });
    const summary = body(await admin.get('/api/v1/value/summary'));
    expect(Object.fromEntries(summary.byLifecycle.map((g: { key: string; customers: number }) => [g.key, g.customers]))).toEqual({ new: 11, declining: 1 });
  });

  it('keeps a history and feeds summaries, segments and tags', async () => {
    const { history } = body(await admin.get(`/api/v1/customers/${ids[9]}/value`));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ contribution: '13520.00', tier: 'gold' });

    const summary = body(await admin.get('/api/v1/value/summary'));
    const bySegment = Object.fromEntries(summary.bySegment.map((g: { key: string | null; customers: number }) => [g.key ?? 'none', g.customers]));
    expect(Object.values(bySegment).reduce((n: number, c) => n + (c as number), 0)).toBe(12);
    expect(bySegment.none).toBeUndefined();
    expect(summary.pareto).toMatchObject({ customers: 12, core: 1 });

    expect(body(await admin.post('/api/v1/segments/count', { rule: { field: 'rfmSegment', op: 'eq', value: 'champions' } })).count).toBe(bySegment.champions);
    expect(body(await admin.post('/api/v1/segments/count', { rule: { field: 'lifecycle', op: 'eq', value: 'declining' } })).count).toBe(1);
    const gold = body(await admin.post('/api/v1/tags', { key: 'gold_value', nameZh: '金卡价值', kind: 'rule', rule: { all: [{ field: 'valueTier', op: 'eq', value: 'gold' }, { field: 'contribution', op: 'gt', value: 14000 }] } }));
    expect(gold.memberCount).toBe(1);
  });
});

describe('RFM scores with ties and few customers', async () => {
  const t = await buildTestApp();
  const { client: admin } = await withAdmin(t);

  it('scores equal customers alike, and a lone customer as the best, not the worst, fifth', async () => {
    const ids: number[] = [];
    for (const name of ['同甲', '同乙', '独丙']) ids.push(body(await admin.post('/api/v1/customers', { kind: 'individual', name })).id);
    const spend = (id: number, n: string, amount: number, daysAgo: number) =>
      t.db.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, $2, now() - make_interval(days => $3::int), $4, 'debit')`, [id, n, daysAgo, amount]);
    // Alone: the only customer who spent is in the top fifth of everything.
    await spend(ids[2]!, 'Z1', 300, 2);
    await admin.post('/api/v1/value/recompute');
    expect(body(await admin.get(`/api/v1/customers/${ids[2]}/value`)).current).toMatchObject({ r: 5, f: 5, m: 5, rfmSegment: 'champions' });
    // Two identical customers get identical scores, whatever their ids.
    await spend(ids[0]!, 'X1', 100, 5);
    await spend(ids[1]!, 'Y1', 100, 5);
    await admin.post('/api/v1/value/recompute');
    const [vx, vy] = [body(await admin.get(`/api/v1/customers/${ids[0]}/value`)).current, body(await admin.get(`/api/v1/customers/${ids[1]}/value`)).current];
    expect([vx.r, vx.f, vx.m]).toEqual([vy.r, vy.f, vy.m]);
    expect([vx.r, vx.m]).toEqual([4, 4]);
  });
});
