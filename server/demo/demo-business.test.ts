import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body } from '#test/test-app.ts';
import { withAdmin } from '#test/factories.ts';
import { generateDemo } from './demo-data.ts';
import { LIFECYCLE_STAGES } from '#modules/value/value.service.ts';
import { inYuan } from '#modules/currencies/exchange-rates.ts';

describe('demo holdings and transactions', async () => {
  const t = await buildTestApp();
  const { client: admin } = await withAdmin(t);
  const count = async (sql: string, params: unknown[] = []) => ((await t.db.query<{ n: number }>(sql, params))[0]!).n;
  let generated: { holdings: number; transactions: number; customers: number };

  beforeAll(async () => {
    generated = await generateDemo(t.db, { customers: 200, seed: 5, business: true });
    await t.app.services.value.recompute();
  });

  it('gives every customer holdings and most of them eighteen months of transactions, both ways', async () => {
    expect(generated.customers).toBe(200);
    expect(generated.holdings).toBe(await count(`select count(*)::int as n from holdings`));
    expect(generated.transactions).toBe(await count(`select count(*)::int as n from transactions`));
    expect(await count(`select count(*)::int as n from customers c where not exists (select 1 from holdings h where h.customer_id = c.id)`)).toBe(0);
    expect(await count(`select count(distinct customer_id)::int as n from transactions`)).toBeGreaterThan(150);
    const [span] = await t.db.query<{ debits: number; credits: number; future: number; oldestDays: number; unlinked: number }>(
      `select count(*) filter (where direction = 'debit')::int as debits, count(*) filter (where direction = 'credit')::int as credits,
              count(*) filter (where occurred_at > now())::int as future,
              floor(extract(epoch from now() - min(occurred_at)) / 86400)::int as "oldestDays",
              count(*) filter (where holding_id is null)::int as unlinked
         from transactions`,
    );
    expect(span!.debits).toBeGreaterThan(span!.credits);
    expect(span!.credits).toBeGreaterThan(0);
    expect(span!.future).toBe(0);
    expect(span!.oldestDays).toBeGreaterThan(400);
    expect(span!.oldestDays).toBeLessThanOrEqual(541);
    // Every transaction is booked on one of its own customer's accounts.
    expect(span!.unlinked).toBe(0);
    expect(
      await count(
        `select count(*)::int as n from transactions t join holdings h on h.id = t.holding_id
          where h.customer_id <> t.customer_id or t.occurred_at < h.opened_on or t.occurred_at > h.closed_on`,
      ),
    ).toBe(0);
  });

  it('keeps a bank-like mix: individuals with deposits and cards, organisations with deposits, churned customers closed', async () => {
    const kinds = new Map(
      (await t.db.query<{ kind: string; n: number }>(`select h.kind, count(distinct h.customer_id)::int as n from holdings h join customers c on c.id = h.customer_id where c.kind = 'individual' group by 1`)).map((k) => [k.kind, k.n]),
    );
    const individuals = await count(`select count(*)::int as n from customers where kind = 'individual'`);
    expect(kinds.get('deposit')).toBe(individuals);
    expect(kinds.get('debit_card')!).toBeGreaterThan(individuals * 0.8);
    expect(kinds.get('credit_card')!).toBeGreaterThan(individuals * 0.2);
    for (const kind of ['mortgage', 'investment', 'insurance']) expect(kinds.get(kind), kind).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from customers c where c.kind = 'organization' and not exists (select 1 from holdings h where h.customer_id = c.id and h.kind = 'deposit')`)).toBe(0);
    expect(await count(`select count(*)::int as n from holdings h join customers c on c.id = h.customer_id where c.kind = 'organization' and h.kind in ('debit_card', 'credit_card', 'mortgage')`)).toBe(0);
    expect(await count(`select count(*)::int as n from holdings h join customers c on c.id = h.customer_id where c.status = 'churned' and (h.status <> 'closed' or h.closed_on is null)`)).toBe(0);
    expect(
      await count(
        `select count(*)::int as n from holdings
          where opened_on > current_date or opened_on >= closed_on or opened_on >= matures_on or balance < 0
             or (kind = 'credit_card' and balance > credit_limit)`,
      ),
    ).toBe(0);
  });

  it('fills the value page: RFM segments, VIPs over the asset line, every lifecycle stage, contribution for most', async () => {
    const summary = body(await admin.get('/api/v1/value/summary'));
    const members = (groups: { key: string | null; customers: number }[]) => groups.filter((g) => g.key !== null && g.customers > 0).map((g) => g.key);
    expect(members(summary.bySegment).length).toBeGreaterThanOrEqual(6);
    expect(members(summary.byLifecycle).sort()).toEqual([...LIFECYCLE_STAGES].sort());
    expect(members(summary.byTier).length).toBeGreaterThanOrEqual(2);
    expect(summary.pareto.core).toBeGreaterThan(0);
    expect(summary.pareto.core).toBeLessThan(100);

    const vips = await t.db.query<{ id: number; assets: string }>(
      `select v.customer_id as id, (select sum(${inYuan('h.balance', 'h.currency')}) from holdings h where h.customer_id = v.customer_id and h.status = 'active' and h.kind in ('deposit', 'investment')) as assets
         from customer_value v where v.vip`,
    );
    expect(vips.length).toBeGreaterThan(0);
    expect(vips.length).toBeLessThan(40);
    for (const vip of vips) expect(Number(vip.assets)).toBeGreaterThanOrEqual(500_000);

    const positive = await count(`select count(*)::int as n from customer_value where contribution > 0`);
    expect(positive).toBeGreaterThan(200 * 0.75);
    expect(await count(`select count(clv)::int as n from customer_value where clv > 0`)).toBeGreaterThan(100);
  });
});
