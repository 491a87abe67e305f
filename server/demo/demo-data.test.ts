import { describe, it, expect } from 'vitest';
import type { Db } from '#platform/db/db.ts';
import { buildTestApp, testDb } from '#test/test-app.ts';
import { bootstrap } from '../bootstrap.ts';
import { generateDemo } from './demo-data.ts';

type Unit = { kind: string; nameZh: string; nameEn: string };
const units = (db: Db) => db.query<Unit>(`select kind, name_zh as "nameZh", name_en as "nameEn" from org_units order by path`);
const duplicates = (names: string[]) => names.filter((name, i) => names.indexOf(name) !== i);

describe('demo org tree', () => {
  it('gives every org unit its own name, as a bank names its branches and outlets', async () => {
    const db = await testDb();
    await generateDemo(db, { customers: 0, seed: 3 });
    const all = await units(db);
    expect(all.length).toBe(13);
    expect(duplicates(all.map((u) => u.nameZh))).toEqual([]);
    expect(duplicates(all.map((u) => u.nameEn))).toEqual([]);
    const named = (kind: string) => all.filter((u) => u.kind === kind).map((u) => u.nameZh);
    expect(named('province')).toEqual(['北京市分行', '上海市分行']);
    expect(named('city')).toEqual(['北京市分行营业部', '上海市分行营业部']);
    // Sub-branches after the districts they serve, outlets after a street there.
    expect(named('branch')).toEqual(['北京东城支行', '北京西城支行', '上海黄浦支行', '上海徐汇支行']);
    for (const outlet of named('sub_branch')) expect(outlet).toMatch(/^(东城|西城|黄浦|徐汇)\p{Script=Han}+路分理处$/u);
    await db.close();
  });

  it('keeps names unique when the tree has more units than places to name them after', async () => {
    const db = await testDb();
    // Two city units in a municipality, five sub-branches over four districts, nine outlets per
    // district over eight streets, five teams per outlet over four kinds of team.
    await generateDemo(db, { customers: 0, seed: 3, shape: [1, 2, 5, 9, 5], managersPerLeaf: 0 });
    const all = await units(db);
    expect(all.length).toBe(1 + 1 + 2 + 10 + 90 + 450);
    expect(duplicates(all.map((u) => u.nameZh))).toEqual([]);
    expect(duplicates(all.map((u) => u.nameEn))).toEqual([]);
    expect(all.map((u) => u.nameZh)).toContain('北京市分行第二营业部');
    expect(all.map((u) => u.nameZh)).toContain('北京东城第二支行');
    await db.close();
  });
});

describe('demo on the first start', async () => {
  const t = await buildTestApp();
  const count = async (sql: string) => (await t.db.query<{ n: number }>(sql))[0]!.n;

  it('makes the login, the customers and their tags, segments and receivables in one transaction', async () => {
    // A failure late in the demo (the last segment cannot be saved) leaves nothing behind.
    await t.db.exec(`
      create function demo_refuses_segments() returns trigger language plpgsql as $$ begin raise exception 'no segments today'; end $$;
      create trigger demo_refuses_segments before insert on segments for each row execute function demo_refuses_segments();`);
    await expect(bootstrap(t.db, { demoCustomers: 200 })).rejects.toThrow(/no segments today/);
    for (const table of ['users', 'customers', 'holdings', 'tags', 'customer_tags', 'receivables', 'audit_log']) {
      expect(await count(`select count(*)::int as n from ${table}`), table).toBe(0);
    }
    await t.db.exec(`drop trigger demo_refuses_segments on segments; drop function demo_refuses_segments();`);

    // The next start begins again, and gives the administrator's login it could not give before.
    const ready = await bootstrap(t.db, { demoCustomers: 200 });
    expect(ready.admin?.username).toBe('admin');
    expect(ready.demo).toMatchObject({ customers: 200, tags: 9, segments: 3 });
    expect(ready.demo!.receivables).toBeGreaterThanOrEqual(16);
  });

  it('fills the tag catalogue: rule tags with members, manual tags set by customer managers on their own customers', async () => {
    const tags = await t.db.query<{ key: string; kind: string; members: number; category: string | null }>(
      `select t.key, t.kind, t.member_count as members, g.name_zh as category from tags t left join tag_categories g on g.id = t.category_id order by t.id`,
    );
    expect(tags.map((tag) => tag.key)).toEqual(['premier', 'wealth_holder', 'mortgage', 'payroll', 'pension', 'active_card', 'payroll_employer', 'key_relationship', 'no_marketing']);
    for (const tag of tags) {
      // Premier clients are the long tail of wealth: a 200-customer demo made on some days has none.
      if (tag.key !== 'premier') expect(tag.members, tag.key).toBeGreaterThan(0);
      expect(tag.category, tag.key).not.toBeNull();
    }
    const members = await count(`select count(*)::int as n from customer_tags`);
    expect(members).toBe(tags.reduce((n, tag) => n + tag.members, 0));
    // Manual tags: set by the customer's own manager, with their history.
    expect(
      await count(
        `select count(*)::int as n from customer_tags ct join tags t on t.id = ct.tag_id join customers c on c.id = ct.customer_id
          where t.kind = 'manual' and ct.set_by is distinct from c.owner_id`,
      ),
    ).toBe(0);
    expect(await count(`select count(*)::int as n from tag_history where source = 'manual'`)).toBe(await count(`select count(*)::int as n from customer_tags ct join tags t on t.id = ct.tag_id where t.kind = 'manual'`));
    // A premier client has half a million yuan or more in deposits and investments.
    const poorest = await t.db.query<{ assets: string }>(
      `select min((select sum(h.balance) from holdings h where h.customer_id = ct.customer_id and h.status = 'active' and h.kind in ('deposit', 'investment'))) as assets
         from customer_tags ct join tags t on t.id = ct.tag_id where t.key = 'premier'`,
    );
    if (poorest[0]!.assets !== null) expect(Number(poorest[0]!.assets)).toBeGreaterThanOrEqual(500_000);
    expect(
      await count(
        `select count(*)::int as n from customers c where c.kind = 'individual' and (select sum(h.balance) from holdings h
           where h.customer_id = c.id and h.status = 'active' and h.kind in ('deposit', 'investment') and h.currency = 'CNY') >= 500000`,
      ),
    ).toBeLessThanOrEqual(tags.find((tag) => tag.key === 'premier')!.members);
  });

  it('keeps a marketer\'s segments, which fill once customers are valued', async () => {
    await t.app.services.value.recompute();
    await t.app.services.credit.recompute();
    await t.app.services.segments.recompute();
    const segments = await t.db.query<{ nameZh: string; kind: string; members: number; owner: string }>(
      `select s.name_zh as "nameZh", s.kind, s.member_count as members, u.username as owner from segments s join users u on u.id = s.owner_id order by s.id`,
    );
    expect(segments.map((s) => s.nameZh)).toEqual(['理财潜力客户', '代发工资未办信用卡', '高价值客户流失预警']);
    for (const segment of segments) {
      expect(segment).toMatchObject({ kind: 'dynamic', owner: 'marketer' });
      expect(segment.members, segment.nameZh).toBeGreaterThan(0);
    }
    // Nobody who refused marketing is on a marketing list.
    expect(
      await count(
        `select count(*)::int as n from segment_members sm join segments s on s.id = sm.segment_id
          join customer_tags ct on ct.customer_id = sm.customer_id join tags t on t.id = ct.tag_id
         where t.key = 'no_marketing' and s.name_zh <> '高价值客户流失预警'`,
      ),
    ).toBe(0);
  });

  it('gives corporate customers receivables and limits: paid, due, overdue in every bucket, some over their limit', async () => {
    expect(await count(`select count(*)::int as n from receivables r join customers c on c.id = r.customer_id where c.kind <> 'organization'`)).toBe(0);
    expect(await count(`select count(*)::int as n from receivables where paid_amount > amount or (paid_amount > 0) <> (paid_on is not null) or paid_on > current_date`)).toBe(0);
    const all = { scope: { kind: 'all' } } as Parameters<typeof t.app.services.credit.ageing>[0];
    const ageing = await t.app.services.credit.ageing(all);
    for (const bucket of ageing) expect(bucket.receivables, bucket.bucket).toBeGreaterThan(0);
    const alerts = await t.app.services.credit.alerts(all);
    expect(new Set(alerts.map((a) => a.kind))).toEqual(new Set(['over_limit', 'overdue']));
    // The scores read them: late payments and overdue days cost points.
    const reasons = await t.db.query<{ factor: string; points: number }>(
      `select e ->> 'factor' as factor, (e ->> 'points')::int as points from credit_scores s, jsonb_array_elements(s.explanation) e
        where s.customer_id in (select customer_id from receivables) and e ->> 'factor' in ('latePayments12m', 'overdueDays')`,
    );
    expect(reasons.some((r) => r.factor === 'latePayments12m' && r.points < 0)).toBe(true);
    expect(reasons.some((r) => r.factor === 'overdueDays' && r.points < 0)).toBe(true);
  });
});

describe('demo customers and staff', async () => {
  const t = await buildTestApp();
  const rows = <T>(sql: string) => t.db.query<T & Record<string, unknown>>(sql);
  await generateDemo(t.db, { customers: 500, business: true, now: new Date('2026-06-15T12:00:00Z') });

  it('names every customer and every member of staff differently, with names that fit', async () => {
    const customers = await rows<{ name: string; nameEn: string | null; gender: string | null; kind: string }>(`select name, name_en as "nameEn", gender, kind from customers`);
    expect(customers.length).toBe(500);
    expect(duplicates(customers.map((c) => c.name))).toEqual([]);
    for (const c of customers) {
      // An English name only where it adds something: not the Latin name repeated.
      if (/^[\p{Script=Latin} .,'-]+$/u.test(c.name)) expect(c.nameEn, c.name).toBeNull();
      if (c.kind === 'organization' && /\p{Script=Han}/u.test(c.name)) {
        expect(c.name, c.name).toMatch(/(有限公司|有限责任公司)$/);
        expect(c.name, c.name).not.toMatch(/(\p{Script=Han})\1/u);
      }
    }
    const staff = await rows<{ displayName: string }>(`select display_name as "displayName" from users where username ~ '^(bm|cm)[0-9]+$'`);
    expect(duplicates(staff.map((s) => s.displayName))).toEqual([]);
    for (const s of staff) expect(s.displayName).toMatch(/^\p{Script=Han}{2,4}$/u);
  });

  it('gives customers real-looking, unique mobiles and e-mail addresses at reserved domains', async () => {
    const contacts = await rows<{ mobile: string | null; email: string | null }>(`select mobile, email from customers`);
    const mobiles = contacts.flatMap((c) => (c.mobile ? [c.mobile] : []));
    const emails = contacts.flatMap((c) => (c.email ? [c.email] : []));
    expect(duplicates(mobiles)).toEqual([]);
    expect(duplicates(emails)).toEqual([]);
    for (const m of mobiles) expect(m).toMatch(/^\+861(3\d|4[579]|5[0-35-9]|66|7[235-8]|8\d|9[0-35689])\d{8}$/);
    expect(mobiles.filter((m) => m.slice(6, 10) === '0000').length).toBeLessThan(3);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9._-]+@([a-z0-9-]+\.)?example\.(com|net|org)$/);
  });

  it('leaves only a few customers without a manager', async () => {
    const [{ n }] = (await rows<{ n: number }>(`select count(*)::int as n from customers where owner_id is null`)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(25);
  });

  it('keeps deposits consistent: closed ones empty, time deposits not past maturity, some in US dollars', async () => {
    const [{ closedWithBalance, matured, usd }] = (await rows<{ closedWithBalance: number; matured: number; usd: number }>(`
      select count(*) filter (where status = 'closed' and coalesce(balance, 0) <> 0)::int as "closedWithBalance",
             count(*) filter (where status <> 'closed' and kind in ('deposit', 'loan') and matures_on < date '2026-06-15')::int as matured,
             count(distinct customer_id) filter (where currency = 'USD')::int as usd
        from holdings`)) as [{ closedWithBalance: number; matured: number; usd: number }];
    expect(closedWithBalance).toBe(0);
    expect(matured).toBe(0);
    expect(usd).toBeGreaterThanOrEqual(8);
    expect(usd).toBeLessThanOrEqual(25);
  });
});
