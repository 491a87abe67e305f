import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { buildTestApp, body } from '#test/test-app.ts';
import { buildUser, login, withAdmin, type Client } from '#test/factories.ts';
import { generateDemo } from '../../demo/demo-data.ts';
import type { Rule } from '#modules/tags/rules.ts';

describe('segments', async () => {
  const t = await buildTestApp();
  const { client: admin } = await withAdmin(t);
  let provinces: string[] = [];

  beforeAll(async () => {
    await generateDemo(t.db, { customers: 150, seed: 11 });
    provinces = (await t.db.query<{ p: string }>(`select distinct province_code as p from customers where province_code is not null order by 1 limit 4`)).map((r) => r.p);
    // A third of them hold something, some spend.
    await t.db.query(
      `insert into holdings (customer_id, external_id, kind, balance)
       select id, 'H' || id, (array['mortgage', 'credit_card', 'deposit'])[1 + id % 3], (id % 7) * 10000 from customers where id % 3 = 0`,
    );
    await t.db.query(
      `insert into transactions (customer_id, external_id, occurred_at, amount, direction)
       select id, 'T' || id || '-' || n, now() - make_interval(days => ((id * n) % 120)::int), (id * n) % 5000, 'debit'
         from customers, generate_series(1, 3) n where id % 2 = 0`,
    );
  });

  /** Every member a client can list, through the customer list, page by page. */
  const listed = async (client: Client, segmentId: number) => {
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const page = body(await client.get(`/api/v1/customers?segmentId=${segmentId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      ids.push(...page.items.map((c: { id: number }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };

  const condition = (): fc.Arbitrary<Rule> =>
    fc.oneof(
      fc.record({ field: fc.constant('age' as const), op: fc.constant('between' as const), value: fc.tuple(fc.integer({ min: 18, max: 50 }), fc.integer({ min: 40, max: 90 })) }),
      fc.record({ field: fc.constant('age' as const), op: fc.constantFrom('gt' as const, 'lte' as const), value: fc.integer({ min: 20, max: 80 }) }),
      fc.record({ field: fc.constant('gender' as const), op: fc.constantFrom('eq' as const, 'ne' as const), value: fc.constantFrom('male', 'female') }),
      fc.record({ field: fc.constant('kind' as const), op: fc.constant('eq' as const), value: fc.constantFrom('individual', 'organization') }),
      fc.constant(0).map(() => ({ field: 'provinceCode' as const, op: 'in' as const, value: provinces.slice(0, 2) })),
      fc.record({ holdings: fc.record({ kind: fc.subarray(['mortgage', 'credit_card', 'deposit'], { minLength: 1 }) }) }) as fc.Arbitrary<Rule>,
      fc.record({
        transactions: fc.record({ withinDays: fc.integer({ min: 1, max: 120 }) }),
        measure: fc.constantFrom('count' as const, 'sum' as const, 'max' as const),
        op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const),
        value: fc.integer({ min: 0, max: 6000 }),
      }) as fc.Arbitrary<Rule>,
    );
  const rule: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      condition(),
      fc.record({ all: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('rule') }),
    ),
  })).rule;

  it("counts exactly the members a segment then lists, for random rules (property)", async () => {
    const counts: number[] = [];
    await fc.assert(
      fc.asyncProperty(rule, async (r) => {
        const count = body(await admin.post('/api/v1/segments/count', { rule: r }));
        expect(count.breakdown.ageBands.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(count.count);
        expect(count.breakdown.tiers.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(count.count);
        counts.push(count.count);
        const segment = body(await admin.post('/api/v1/segments', { nameZh: '随机', kind: 'dynamic', rule: r }));
        try {
          const members = await listed(admin, segment.id);
          expect(members.length).toBe(count.count);
          expect(segment.memberCount).toBe(count.count);
          for (const s of count.sample) expect(members).toContain(s.id);
        } finally {
          await admin.delete(`/api/v1/segments/${segment.id}`);
        }
      }),
      { numRuns: 25, seed: 20261123 },
    );
    // The generated rules split the customers, not only all-or-nothing.
    expect(counts.filter((n) => n > 0 && n < 150).length).toBeGreaterThan(5);
  });

  it('shows a branch only its own members', async () => {
    const [unit] = await t.db.query<{ id: number }>(`select org_unit_id as id from customers group by org_unit_id order by count(*) desc limit 1`);
    const manager = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: { id: unit!.id } as never }));
    const r: Rule = { field: 'kind', op: 'eq', value: 'individual' };
    const segment = body(await admin.post('/api/v1/segments', { nameZh: '个人客户', kind: 'dynamic', rule: r }));
    const all = await listed(admin, segment.id);
    const his = await listed(manager, segment.id);
    expect(his.length).toBeGreaterThan(0);
    expect(his.length).toBeLessThan(all.length);
    expect(body(await manager.post('/api/v1/segments/count', { rule: r })).count).toBe(his.length);
    expect(body(await manager.get(`/api/v1/segments/${segment.id}`)).visibleCount).toBe(his.length);
    // Saving segments is its own permission.
    expect((await manager.post('/api/v1/segments', { nameZh: '我的', kind: 'dynamic', rule: r })).statusCode).toBe(403);
  });

  it('keeps a dynamic segment current and a static snapshot frozen; exports members only', async () => {
    const dynamic = body(await admin.post('/api/v1/segments', { nameZh: '女性', nameEn: 'Women', kind: 'dynamic', rule: { field: 'gender', op: 'eq', value: 'female' } }));
    const frozen = body(await admin.post(`/api/v1/segments/${dynamic.id}/snapshot`, { nameZh: '女性（11 月）' }));
    expect(frozen).toMatchObject({ kind: 'static', sourceSegmentId: dynamic.id, memberCount: dynamic.memberCount });
    const someone = (await listed(admin, dynamic.id))[0]!;
    await admin.patch(`/api/v1/customers/${someone}`, { gender: 'male' });
    await t.app.services.events.settle();
    expect(await listed(admin, dynamic.id)).not.toContain(someone);
    expect(await listed(admin, frozen.id)).toContain(someone);
    const edit = await admin.put(`/api/v1/segments/${frozen.id}`, { nameZh: '改名', rule: { field: 'gender', op: 'eq', value: 'male' } });
    expect(edit.statusCode).toBe(409);
    expect((await admin.put(`/api/v1/segments/${frozen.id}`, { nameZh: '改名' })).statusCode).toBe(200);

    const csv = await admin.get(`/api/v1/customers/export.csv?segmentId=${frozen.id}`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines.length - 1).toBe(frozen.memberCount);
  });
});
