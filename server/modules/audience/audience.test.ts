import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { buildTestApp } from '#test/test-app.ts';
import { systemActor, type RecordScope } from '#platform/auth/actor.ts';
import { generateDemo } from '../../demo/demo-data.ts';
import { compileRule, type Rule } from '#modules/tags/rules.ts';
import { SegmentsService } from '#modules/segments/segments.service.ts';
import { AudienceService } from './audience.service.ts';
import { AudienceIndex } from './audience-index.ts';

describe('audience index', async () => {
  const t = await buildTestApp();
  const { db } = t;
  const { tags } = t.app.services;
  const audience = new AudienceService(db, true);
  tags.onRecomputed = (tagIds) => audience.tagsRecomputed(tagIds);
  const onIndex = new SegmentsService(db, tags, audience);
  const bySql = new SegmentsService(db, tags);
  const values: { provinces: string[]; units: number[]; owners: number[]; tagKeys: string[] } = { provinces: [], units: [], owners: [], tagKeys: [] };

  beforeAll(async () => {
    await generateDemo(db, { customers: 200, seed: 7 });
    // Edge cases the demo may not have: no birth date, no gender, a deleted customer.
    await db.query(`update customers set birth_date = null where id % 17 = 0`);
    await db.query(`update customers set gender = null where id % 13 = 0`);
    await db.query(`update customers set deleted_at = now() where id % 29 = 0`);
    // Values for some customers; the others have none (null tier, null RFM), as before a first recompute.
    await db.query(
      `insert into customer_value (customer_id, r, f, m, rfm_segment, contribution, pareto_core, tier, lifecycle)
       select id, 1 + id % 5, 1 + (id / 5) % 5, 1 + (id / 25) % 5, (array['champions', 'loyal', 'at_risk'])[1 + id % 3],
              (id * 37) % 1000 + 0.5, id % 4 = 0, (array['gold', 'silver', 'bronze', null])[1 + id % 4], (array['new', 'active', 'lapsed'])[1 + id % 3]
         from customers where id % 3 <> 1
       on conflict (customer_id) do nothing`,
    );
    // Accounts, so customer years (from the record's creation or the oldest account, whichever is
    // earlier) differ from the record's age for some: opened long before the record (closed ones
    // count too), after it, or on no known day.
    await db.query(
      `insert into holdings (customer_id, external_id, kind, opened_on, status)
       select c.id, 'AUD-' || c.id || '-' || k, 'deposit',
              case when k = 1 then c.created_at::date - ((c.id * 97) % 4000)::int when c.id % 3 = 0 then null else c.created_at::date + 30 end,
              case when c.id % 2 = 0 then 'closed' else 'active' end
         from customers c, generate_series(1, 2) k
        where c.id % 4 <> 0 and (k = 2 or c.id % 5 <> 0)`,
    );
    const [category] = await db.query<{ id: number }>(`insert into tag_categories (name_zh) values ('测试') returning id`);
    for (let i = 0; i < 6; i++) {
      const [tag] = await db.query<{ id: number }>(`insert into tags (key, category_id, name_zh, kind) values ($1, $2, $1, 'manual') returning id`, [`t${i}`, category!.id]);
      // Densities from about a half to a tenth.
      await db.query(`insert into customer_tags (tag_id, customer_id) select $1::bigint, id from customers where (id * ($2::int + 7)) % ($2::int + 2) = 0`, [tag!.id, i]);
      values.tagKeys.push(`t${i}`);
    }
    values.provinces = (await db.query<{ p: string }>(`select distinct province_code as p from customers where province_code is not null order by 1 limit 5`)).map((r) => r.p);
    values.units = (await db.query<{ id: number }>(`select distinct org_unit_id as id from customers order by 1`)).map((r) => r.id);
    values.owners = (await db.query<{ id: number }>(`select distinct owner_id as id from customers where owner_id is not null order by 1`)).map((r) => r.id);
    await audience.build();
  });

  const num = (min: number, max: number) => fc.integer({ min, max });
  const condition = (): fc.Arbitrary<Rule> =>
    fc.oneof(
      fc.record({ tag: fc.constantFrom(...values.tagKeys), has: fc.boolean() }),
      fc.record({ field: fc.constant('gender' as const), op: fc.constantFrom('eq' as const, 'ne' as const), value: fc.constantFrom('male', 'female', 'unknown') }),
      fc.record({ field: fc.constant('gender' as const), op: fc.constantFrom('in' as const, 'not_in' as const), value: fc.subarray(['male', 'female', 'unknown'], { minLength: 1 }) }),
      fc.record({ field: fc.constantFrom('gender' as const, 'ownerId' as const, 'valueTier' as const, 'birthDate' as const, 'contribution' as const), op: fc.constantFrom('is_null' as const, 'not_null' as const) }),
      fc.record({ field: fc.constantFrom('age' as const, 'customerYears' as const), op: fc.constantFrom('eq' as const, 'ne' as const, 'gt' as const, 'gte' as const, 'lt' as const, 'lte' as const), value: num(0, 80) }),
      fc.record({ field: fc.constant('age' as const), op: fc.constant('between' as const), value: fc.tuple(num(18, 50), num(30, 90)) }),
      fc.record({ field: fc.constant('age' as const), op: fc.constantFrom('in' as const, 'not_in' as const), value: fc.array(num(20, 70), { minLength: 1, maxLength: 4 }) }),
      fc.record({ field: fc.constant('age' as const), op: fc.constantFrom('gt' as const, 'lte' as const), value: fc.double({ min: 20, max: 70, noNaN: true }).map((d) => Math.round(d * 10) / 10) }),
      fc.record({ field: fc.constantFrom('birthDate' as const, 'createdAt' as const), op: fc.constantFrom('gt' as const, 'lt' as const, 'eq' as const), value: fc.date({ min: new Date('1950-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) }),
      fc.constant(0).chain(() => fc.record({ field: fc.constant('provinceCode' as const), op: fc.constantFrom('in' as const, 'not_in' as const), value: fc.subarray(values.provinces, { minLength: 1 }) })),
      fc.constant(0).chain(() => fc.record({ field: fc.constant('orgUnitId' as const), op: fc.constantFrom('in' as const, 'eq' as const, 'ne' as const), value: fc.constantFrom(...values.units) }).map((r) => (r.op === 'in' ? { ...r, value: [r.value] } : r))),
      fc.record({ field: fc.constantFrom('rfmR' as const, 'rfmF' as const), op: fc.constantFrom('gt' as const, 'lte' as const, 'eq' as const, 'ne' as const), value: num(1, 5) }),
      fc.record({ field: fc.constant('contribution' as const), op: fc.constantFrom('gt' as const, 'lt' as const, 'ne' as const), value: num(0, 1000) }),
      fc.record({ field: fc.constant('contribution' as const), op: fc.constant('between' as const), value: fc.tuple(num(0, 500), num(300, 1000)) }),
      fc.record({ field: fc.constantFrom('valueTier' as const), op: fc.constantFrom('eq' as const, 'ne' as const), value: fc.constantFrom('gold', 'silver', 'bronze', 'none') }),
      fc.record({ field: fc.constantFrom('valueTier' as const, 'lifecycle' as const), op: fc.constantFrom('in' as const, 'not_in' as const), value: fc.subarray(['gold', 'silver', 'new', 'lapsed'], { minLength: 1 }) }),
      fc.record({ field: fc.constant('paretoCore' as const), op: fc.constantFrom('eq' as const, 'ne' as const), value: fc.constantFrom('true', 'false') }),
      fc.record({ field: fc.constant('kind' as const), op: fc.constant('eq' as const), value: fc.constantFrom('individual', 'organization') }),
    ) as fc.Arbitrary<Rule>;
  const rule = (): fc.Arbitrary<Rule> =>
    fc.letrec<{ rule: Rule }>((tie) => ({
      rule: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        condition(),
        fc.record({ all: fc.array(tie('rule'), { minLength: 1, maxLength: 4 }) }),
        fc.record({ any: fc.array(tie('rule'), { minLength: 1, maxLength: 4 }) }),
        fc.record({ not: tie('rule') }),
      ),
    })).rule;
  const scope = (): fc.Arbitrary<RecordScope> =>
    fc.oneof(
      fc.constant({ kind: 'all' as const }),
      fc.subarray(values.units, { minLength: 0, maxLength: 4 }).map((unitIds) => ({ kind: 'units' as const, unitIds })),
      fc.subarray(values.owners, { minLength: 1, maxLength: 3 }).map((ownerIds) => ({ kind: 'owners' as const, ownerIds })),
    );
  const actor = (s: RecordScope) => ({ ...systemActor(new Set()), scope: s });
  /** Tiers and genders tied on count come in any order from SQL. */
  const normal = (r: Awaited<ReturnType<SegmentsService['count']>>) => ({
    ...r,
    breakdown: {
      ...r.breakdown,
      gender: [...r.breakdown.gender].sort((a, b) => a.gender.localeCompare(b.gender) || a.count - b.count),
      tiers: [...r.breakdown.tiers].sort((a, b) => a.tier.localeCompare(b.tier)),
    },
  });

  it('answers every supported rule exactly as the SQL count does, breakdowns and sample included (property)', async () => {
    const counts: number[] = [];
    await fc.assert(
      fc.asyncProperty(rule(), scope(), async (r, s) => {
        const fromIndex = await audience.count(s, r);
        expect(fromIndex).not.toBeNull();
        const [a, b] = [await onIndex.count(actor(s), r), await bySql.count(actor(s), r)];
        expect(normal(a)).toEqual(normal(b));
        counts.push(a.count);
      }),
      { numRuns: 150, seed: 20261122 },
    );
    // The rules split the customers, not only all-or-nothing.
    expect(counts.filter((n) => n > 0 && n < 150).length).toBeGreaterThan(30);
  });

  it('leaves to SQL what it does not hold', async () => {
    expect(await audience.count({ kind: 'all' }, { holdings: { kind: ['deposit'] }, measure: 'count', op: 'gte', value: 1 })).toBeNull();
    expect(await audience.count({ kind: 'all' }, { all: [{ tag: 't0', has: true }, { field: 'provinceCode', op: 'gt', value: '31' }] })).toBeNull();
  });

  it('follows a changed customer and computes his rule tags and dynamic segments as SQL does', async () => {
    const admin = actor({ kind: 'all' });
    await tags.create(admin, { key: 'young_t0', nameZh: '年轻', kind: 'rule', rule: { all: [{ field: 'age', op: 'lt', value: 40 }, { tag: 't0', has: true }] } });
    await tags.create(admin, { key: 'young_women', nameZh: '年轻女性', kind: 'rule', rule: { all: [{ tag: 'young_t0', has: true }, { field: 'gender', op: 'eq', value: 'female' }] } });
    await bySql.create(admin, { nameZh: '动态', kind: 'dynamic', rule: { any: [{ tag: 'young_women', has: true }, { field: 'valueTier', op: 'eq', value: 'gold' }] } });
    await tags.recompute();
    const ids = (await db.query<{ id: number }>(`select id from customers where deleted_at is null order by id limit 40`)).map((r) => r.id);
    // Flip genders, birth dates and a manual tag; one customer is deleted.
    await db.query(`update customers set gender = case when gender = 'female' then 'male' else 'female' end, birth_date = coalesce(birth_date, date '2001-06-01') + 3650 where id = any($1::bigint[])`, [ids]);
    const t0 = (await db.query<{ id: number }>(`select id from tags where key = 't0'`))[0]!.id;
    await db.query(`delete from customer_tags where tag_id = $1 and customer_id = any($2::bigint[])`, [t0, ids.slice(0, 10)]);
    await db.query(`update customers set deleted_at = now() where id = $1`, [ids[39]]);
    expect(await audience.recomputeCustomers(ids)).toBe(true);
    // A whole SQL recompute afterwards finds nothing left to change, and member counts agree.
    expect(await tags.recompute()).toMatchObject({ gained: 0, lost: 0 });
    expect(await bySql.recompute()).toMatchObject({ added: 0, removed: 0 });
    const drift = await db.query(
      `select id from tags t where member_count <> (select count(*) from customer_tags where tag_id = t.id) and kind = 'rule'
       union all select id from segments s where member_count <> (select count(*) from segment_members where segment_id = s.id)`,
    );
    expect(drift).toEqual([]);
    // And live counts from the index see the change.
    const r: Rule = { tag: 'young_women', has: true };
    expect((await onIndex.count(admin, r)).count).toBe((await bySql.count(admin, r)).count);
  });

  it('counts customer years from the oldest account, as credit does, in the index and in SQL alike; createdAt stays the record\'s creation', async () => {
    const admin = actor({ kind: 'all' });
    await tags.create(admin, { key: 'five_years', nameZh: '五年以上客户', kind: 'rule', rule: { field: 'customerYears', op: 'gte', value: 5 } });
    // A customer imported from the bank today, whose accounts were opened years ago there.
    const [{ id }] = (await db.query<{ id: number }>(
      `select id from customers c where deleted_at is null and not exists (select 1 from holdings h where h.customer_id = c.id) order by id desc limit 1`,
    )) as [{ id: number }];
    await db.query(`update customers set created_at = now() where id = $1`, [id]);
    await db.query(
      `insert into holdings (customer_id, external_id, kind, opened_on, closed_on, status) values
         ($1, 'YEARS-1', 'deposit', (current_date - interval '6 years')::date, current_date - 30, 'closed'),
         ($1, 'YEARS-2', 'debit_card', null, null, 'active'),
         ($1, 'YEARS-3', 'credit_card', current_date - 100, null, 'active')`,
      [id],
    );
    // What follows an import of holdings (business.changed): the customer read anew, his rule tags on the index.
    expect(await audience.recomputeCustomers([id])).toBe(true);
    const five = (await db.query<{ id: number }>(`select id from tags where key = 'five_years'`))[0]!.id;
    expect(await db.query(`select 1 from customer_tags where tag_id = $1 and customer_id = $2`, [five, id])).toHaveLength(1);
    // The SQL of the rules agrees: a whole recompute finds nothing to change.
    expect(await tags.recompute()).toMatchObject({ gained: 0, lost: 0 });

    const [{ today, iso, yearAgo }] = (await db.query<{ today: number; iso: string; yearAgo: string }>(
      `select to_char(current_date, 'YYYYMMDD')::int as today, to_char(current_date, 'YYYY-MM-DD') as iso,
              to_char(current_date - interval '1 year', 'YYYY-MM-DD') as "yearAgo"`,
    )) as [{ today: number; iso: string; yearAgo: string }];
    const index = audience.ready()!;
    const pos = index.positionOf(id);
    const byIndex = (r: Rule) => index.matchesAt(index.plan(r, new Map(), today)!, pos);
    const bySqlFor = async (r: Rule) => {
      const params: unknown[] = [id];
      const condition = compileRule(r, { customFields: new Map(), tagIds: new Map() }, params);
      return (await db.query<{ m: boolean }>(`select (${condition}) is true as m from customers c where c.id = $1`, params))[0]!.m;
    };
    const cases: [Rule, boolean][] = [
      [{ field: 'customerYears', op: 'gte', value: 5 }, true],
      [{ field: 'customerYears', op: 'eq', value: 6 }, true],
      [{ field: 'customerYears', op: 'lt', value: 1 }, false],
      [{ field: 'customerYears', op: 'not_null' }, true],
      // createdAt is still the day the record was created.
      [{ field: 'createdAt', op: 'eq', value: iso }, true],
      [{ field: 'createdAt', op: 'lt', value: yearAgo }, false],
    ];
    for (const [r, want] of cases) {
      expect(byIndex(r), `index: ${JSON.stringify(r)}`).toBe(want);
      expect(await bySqlFor(r), `SQL: ${JSON.stringify(r)}`).toBe(want);
    }
    // Live counts agree, and find him.
    const both: Rule = { all: [{ field: 'customerYears', op: 'gte', value: 5 }, { field: 'createdAt', op: 'gte', value: iso }] };
    const [a, b] = [await onIndex.count(admin, both), await bySql.count(admin, both)];
    expect(normal(a)).toEqual(normal(b));
    expect(a.sample!.map((c) => c.id)).toContain(id);
  });

  it('keeps customer years on the relationship start and createdAt on the record, in memory, as they change', () => {
    const index = new AudienceIndex(64);
    const today = 20261124;
    // Created today; the oldest account opened six years ago (or none known).
    index.put({ id: 1, attrs: {}, birthDate: null, createdDate: today, sinceDate: 20200301, contribution: null, tagIds: [] });
    index.put({ id: 2, attrs: {}, birthDate: null, createdDate: today, sinceDate: today, contribution: null, tagIds: [] });
    index.put({ id: 3, attrs: {}, birthDate: null, createdDate: 20150101, sinceDate: 20150101, contribution: null, tagIds: [] });
    const ids = (r: Rule) => index.sample(index.match(index.plan(r, new Map(), today)!).bits, 10);
    expect(ids({ field: 'customerYears', op: 'gte', value: 5 })).toEqual([1, 3]);
    expect(ids({ field: 'customerYears', op: 'eq', value: 6 })).toEqual([1]);
    expect(ids({ field: 'createdAt', op: 'lt', value: '2026-01-01' })).toEqual([3]);
    expect(ids({ field: 'createdAt', op: 'eq', value: '2026-11-24' })).toEqual([1, 2]);
    // An account found older for customer 2: his years follow, his creation does not.
    index.put({ id: 2, attrs: {}, birthDate: null, createdDate: today, sinceDate: 19991231, contribution: null, tagIds: [] });
    expect(ids({ field: 'customerYears', op: 'gte', value: 5 })).toEqual([1, 2, 3]);
    expect(ids({ field: 'customerYears', op: 'gte', value: 26 })).toEqual([2]);
    expect(ids({ field: 'createdAt', op: 'lt', value: '2026-01-01' })).toEqual([3]);
    // The column is counted in the index's memory.
    const memory = index.memory();
    const columns = index.birthDate.byteLength + index.createdDate.byteLength + index.sinceDate.byteLength + index.contribution.byteLength;
    expect(index.sinceDate.byteLength).toBeGreaterThan(0);
    expect(memory.attributeBytes).toBeGreaterThanOrEqual(columns);
    expect(memory.totalBytes).toBe(index.bytes());
    expect(index.bytes()).toBeGreaterThanOrEqual(index.ids.byteLength + index.live.byteLength + columns);
  });

  it('keeps age and date conditions exact as customers change and arrive, and dates fall outside the years made', () => {
    const index = new AudienceIndex(64);
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const date = () => (next() % 10 === 0 ? null : (1940 + (next() % 70)) * 10000 + (1 + (next() % 12)) * 100 + 1 + (next() % 28));
    const births = new Map<number, number | null>();
    const put = (id: number, birthDate: number | null) => {
      births.set(id, birthDate);
      index.put({ id, attrs: {}, birthDate, createdDate: 20200101, sinceDate: 20200101, contribution: null, tagIds: [] });
    };
    for (let id = 1; id <= 3000; id++) put(id, date());
    const today = 20261124;
    const rules: Rule[] = [
      { field: 'age', op: 'between', value: [30, 45] },
      { field: 'age', op: 'gte', value: 60 },
      { field: 'age', op: 'lt', value: 25 },
      { field: 'age', op: 'eq', value: 40 },
      { field: 'birthDate', op: 'gt', value: '1980-06-15' },
      { not: { field: 'age', op: 'lte', value: 50 } },
      { field: 'age', op: 'gt', value: 100 },
    ];
    const years = (b: number) => Math.floor((today - b) / 10000);
    const expected: ((b: number) => boolean)[] = [
      (b) => years(b) >= 30 && years(b) <= 45,
      (b) => years(b) >= 60,
      (b) => years(b) < 25,
      (b) => years(b) === 40,
      (b) => b > 19800615,
      (b) => !(years(b) <= 50),
      (b) => years(b) > 100,
    ];
    const check = () =>
      rules.forEach((rule, i) => {
        // A rule negated keeps the customers without a date, as SQL's NOT over NULL does not: coalesce(…, false).
        const want = [...births.values()].filter((b) => (b === null ? i === 5 : expected[i]!(b))).length;
        expect(index.count(index.plan(rule, new Map(), today)!), JSON.stringify(rule)).toBe(want);
      });
    check();
    // Changes kept in the year steps as they happen, new customers, dates removed.
    for (let k = 0; k < 500; k++) put(1 + (next() % 3000), date());
    for (let id = 3001; id <= 3400; id++) put(id, date());
    check();
    // A date younger, then one older, than any the steps were made for: they are made again.
    put(17, 20200101);
    check();
    put(18, 19010101);
    check();
    for (let id = 1; id <= 3400; id += 2) put(id, date());
    check();
  });

  it('grows past its first capacity and keeps ids found, in order or not', () => {
    const index = new AudienceIndex(32);
    for (let id = 1; id <= 1000; id += 2) index.put({ id, attrs: { gender: id % 3 ? 'male' : 'female' }, birthDate: null, createdDate: null, sinceDate: null, contribution: null, tagIds: id % 5 ? [] : [9] });
    index.put({ id: 4, attrs: {}, birthDate: null, createdDate: null, sinceDate: null, contribution: null, tagIds: [9] });
    expect(index.positionOf(999)).toBe(499);
    expect(index.positionOf(4)).toBe(500);
    const runner = index.plan({ tag: 'nine', has: true }, new Map([['nine', 9]]), 20260101)!;
    const { bits, count } = index.match(runner);
    expect(count).toBe(101);
    expect(index.sample(bits, 3)).toEqual([4, 5, 15]);
    index.remove(5);
    expect(index.count(runner)).toBe(100);
  });
});
