/**
 * Audience counting benchmark (npm run bench:audience): the in-memory audience index on N
 * synthetic customers × T tags (~P per customer), ~200 random rules of up to 10 tag and attribute
 * conditions, beside the same counts by plain SQL (an int[] of tag ids with a GIN index) in
 * PostgreSQL in the same run; then one customer's change carried to his rule tags and dynamic
 * segments, in memory and by the SQL recomputes. Everything goes into a database named
 * guanxi_bench_audience, dropped at the end.
 *
 *   npm run bench:audience -- --customers 10000000 --sql-customers 1000000
 */
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDb, type Db } from '#platform/db/db.ts';
import { systemActor } from '#platform/auth/actor.ts';
import { AudienceIndex, forEachBit } from '#modules/audience/audience-index.ts';
import { AudienceService } from '#modules/audience/audience.service.ts';
import { TagsService } from '#modules/tags/tags.service.ts';
import { SegmentsService } from '#modules/segments/segments.service.ts';
import { CustomFieldsService } from '#modules/custom-fields/custom-fields.service.ts';
import type { Rule } from '#modules/tags/rules.ts';
import { bootstrap } from '../server/bootstrap.ts';
import { generateDemo } from '../server/demo/demo-data.ts';
import { machine } from './setup.ts';
import { percentile, table, ms } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000000' },
    'sql-customers': { type: 'string', default: '1000000' },
    tags: { type: 'string', default: '1200' },
    rules: { type: 'string', default: '200' },
    // At 10M a plain SQL count takes seconds: the baseline may run on the first N rules only.
    'sql-rules': { type: 'string' },
    'update-customers': { type: 'string', default: '20000' },
  },
});
const N = Number(args.customers);
const SQL_N = Math.min(N, Number(args['sql-customers']));
const TAGS = Number(args.tags);
const RULES = Number(args.rules);
const SQL_RULES = Math.min(RULES, Number(args['sql-rules'] ?? RULES));
const DB_NAME = 'guanxi_bench_audience';
const results: Record<string, unknown> = { ...machine(), customers: N, sqlCustomers: SQL_N, tags: TAGS, rules: RULES };

/** A small, fast, seeded generator (xorshift32): the same data on every run. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

const GENDERS = ['male', 'female', 'unknown'];
const PROVINCES = Array.from({ length: 31 }, (_, i) => String(110000 + i * 10000));
const TIERS = ['diamond', 'gold', 'silver', 'bronze'];
const LIFECYCLES = ['new', 'growing', 'mature', 'declining', 'lapsed'];
const UNITS = 400;
const TODAY = 20261122;

/**
 * Tags of falling density: 2^-k of the customers for k = 1…6, in proportions that give about
 * 100 tags per customer over 1,200 tags. A bitset of density 2^-k is the AND of k random words.
 */
function densityOf(tag: number): number {
  const plan = [[40, 1], [100, 2], [200, 3], [300, 4], [300, 5], [260, 6]] as const;
  let at = (tag - 1) % 1200;
  for (const [n, k] of plan) {
    if (at < n) return k;
    at -= n;
  }
  return 6;
}

/** N synthetic customers in a fresh index: attributes per customer, then every tag as whole words. */
function buildIndex(n: number): AudienceIndex {
  const index = new AudienceIndex(n);
  const next = rng(20261122);
  for (let i = 0; i < n; i++) {
    const r = next();
    const year = 1940 + (r % 66);
    const month = 1 + ((r >>> 8) % 12);
    const day = 1 + ((r >>> 12) % 28);
    index.put({
      id: i + 1,
      attrs: {
        gender: GENDERS[r % 3 === 2 && (r >>> 4) % 10 !== 0 ? 1 : r % 3 === 2 ? 2 : r % 2]!,
        provinceCode: PROVINCES[(r >>> 5) % PROVINCES.length]!,
        orgUnitId: 1 + ((r >>> 3) % UNITS),
        valueTier: (r >>> 20) % 5 === 4 ? null : TIERS[(r >>> 20) % 5]!,
        lifecycle: LIFECYCLES[(r >>> 24) % 5]!,
      },
      birthDate: (r >>> 28) === 0 ? null : year * 10000 + month * 100 + day,
      createdDate: 20100000 + ((r >>> 16) % 16) * 10000 + 101,
      sinceDate: 20100000 + ((r >>> 16) % 16) * 10000 + 101,
      contribution: null,
      tagIds: [],
    });
  }
  const words = Math.ceil(n / 32);
  const tail = n % 32 === 0 ? -1 : (1 << n % 32) - 1;
  for (let tag = 1; tag <= TAGS; tag++) {
    const bits = index.tagBits(tag);
    const k = densityOf(tag);
    const rand = rng(tag * 7919);
    for (let w = 0; w < words; w++) {
      let x = rand();
      for (let j = 1; j < k; j++) x &= rand();
      bits[w] = x;
    }
    bits[words - 1]! &= tail;
  }
  return index;
}

/** Random rules: 2–10 conditions, mostly tags, under AND / OR / NOT up to two levels deep. */
function makeRules(count: number): Rule[] {
  const next = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[next() % xs.length]!;
  const condition = (): Rule => {
    const r = next() % 10;
    if (r < 7) return { tag: `t${1 + (next() % TAGS)}`, has: next() % 5 !== 0 };
    if (r === 7) return { field: 'gender', op: 'eq', value: pick(['male', 'female']) };
    if (r === 8) {
      const lo = 18 + (next() % 40);
      return { field: 'age', op: 'between', value: [lo, lo + 5 + (next() % 30)] };
    }
    return pick<Rule>([
      { field: 'provinceCode', op: 'in', value: [pick(PROVINCES), pick(PROVINCES), pick(PROVINCES)] },
      { field: 'valueTier', op: 'in', value: [pick(TIERS), pick(TIERS)] },
      { field: 'lifecycle', op: 'ne', value: pick(LIFECYCLES) },
      { field: 'orgUnitId', op: 'in', value: Array.from({ length: 1 + (next() % 20) }, () => 1 + (next() % UNITS)) },
    ]);
  };
  const rules: Rule[] = [];
  for (let i = 0; i < count; i++) {
    let left = 2 + (next() % 9);
    const groups: Rule[] = [];
    while (left > 0) {
      const size = Math.min(left, 1 + (next() % 4));
      left -= size;
      const members = Array.from({ length: size }, condition);
      const group: Rule = size === 1 ? members[0]! : next() % 2 ? { all: members } : { any: members };
      groups.push(next() % 6 === 0 ? { not: group } : group);
    }
    rules.push(groups.length === 1 ? groups[0]! : next() % 3 ? { all: groups } : { any: groups });
  }
  return rules;
}

/** The same rule on the plain table: tag conditions are containment on the int[] (GIN). */
function toSql(rule: Rule): string {
  if ('all' in rule) return `(${rule.all.map(toSql).join(' and ')})`;
  if ('any' in rule) return `(${rule.any.map(toSql).join(' or ')})`;
  if ('not' in rule) return `(not coalesce(${toSql(rule.not)}, false))`;
  if ('tag' in rule) return `(${rule.has ? '' : 'not '}tags @> array[${Number(rule.tag.slice(1))}])`;
  if ('field' in rule) {
    const list = (v: unknown) => (v as (string | number)[]).map((x) => `'${x}'`).join(', ');
    if (rule.field === 'gender') return `(gender = '${rule.value}')`;
    if (rule.field === 'lifecycle') return `(lifecycle <> '${rule.value}')`;
    if (rule.field === 'provinceCode') return `(province_code in (${list(rule.value)}))`;
    if (rule.field === 'valueTier') return `(tier in (${list(rule.value)}))`;
    if (rule.field === 'orgUnitId') return `(org_unit_id in (${(rule.value as number[]).join(', ')}))`;
    if (rule.field === 'age') {
      const [lo, hi] = rule.value as [number, number];
      return `(extract(year from age(date '${String(TODAY).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}', birth_date)) between ${lo} and ${hi})`;
    }
  }
  throw new Error(`not in the benchmark: ${JSON.stringify(rule)}`);
}

async function adminClient(): Promise<{ base: string; admin: pg.Client }> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  return { base, admin };
}

async function openFresh(): Promise<Db> {
  const { base, admin } = await adminClient();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${DB_NAME}`;
  return openDb({ databaseUrl: u.toString(), poolSize: 4, statementTimeoutMs: 3_600_000 });
}

function timeRules(index: AudienceIndex, rules: Rule[], tagIds: Map<string, number>, withBreakdown: boolean) {
  const samples: number[] = [];
  const counts: number[] = [];
  for (const rule of rules) {
    const t0 = performance.now();
    const runner = index.plan(rule, tagIds, TODAY)!;
    if (withBreakdown) {
      const { bits, count } = index.match(runner);
      index.breakdown(bits, TODAY);
      index.sample(bits, 10);
      counts.push(count);
    } else counts.push(index.count(runner));
    samples.push(performance.now() - t0);
  }
  const times = [...samples];
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples[samples.length - 1]!, counts, times };
}

async function sqlBaseline(db: Db, index: AudienceIndex, rules: Rule[], indexCounts: number[]) {
  console.log(`\n  loading ${SQL_N.toLocaleString()} customers with their tag arrays into PostgreSQL …`);
  const t0 = performance.now();
  await db.exec(`create table audience_plain (id int primary key, tags int[] not null, gender text, birth_date date, province_code text, org_unit_id int, tier text, lifecycle text)`);
  const field = (name: 'gender' | 'provinceCode' | 'orgUnitId' | 'valueTier' | 'lifecycle') => index.field(name);
  const value = (name: Parameters<typeof field>[0], pos: number) => {
    const f = field(name);
    const e = f.at(pos);
    return e < 0 ? null : f.values[e]!;
  };
  const BATCH = 20_000;
  const tagBits = Array.from({ length: TAGS }, (_, i) => index.tagBits(i + 1));
  for (let from = 0; from < SQL_N; from += BATCH) {
    const to = Math.min(SQL_N, from + BATCH);
    const lists: number[][] = Array.from({ length: to - from }, () => []);
    // Word by word over each tag bitset: the per-customer lists, in tag order.
    tagBits.forEach((bits, i) => {
      const view = bits.subarray(from >>> 5, Math.ceil(to / 32));
      forEachBit(view, view.length, (p) => {
        const pos = (from & ~31) + p;
        if (pos >= from && pos < to) lists[pos - from]!.push(i + 1);
      });
    });
    const cols = { id: [] as number[], tags: [] as string[], gender: [] as (string | null)[], birth: [] as (string | null)[], province: [] as (string | null)[], unit: [] as number[], tier: [] as (string | null)[], lifecycle: [] as (string | null)[] };
    for (let pos = from; pos < to; pos++) {
      cols.id.push(index.ids[pos]!);
      cols.tags.push(`{${lists[pos - from]!.join(',')}}`);
      cols.gender.push(value('gender', pos));
      const b = index.birthDate[pos]!;
      cols.birth.push(b === -2147483648 ? null : String(b).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'));
      cols.province.push(value('provinceCode', pos));
      cols.unit.push(Number(value('orgUnitId', pos)));
      cols.tier.push(value('valueTier', pos));
      cols.lifecycle.push(value('lifecycle', pos));
    }
    await db.query(
      `insert into audience_plain select i, t::int[], g, b::date, p, u, r, l
         from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[]) as x(i, t, g, b, p, u, r, l)`,
      [cols.id, cols.tags, cols.gender, cols.birth, cols.province, cols.unit, cols.tier, cols.lifecycle],
    );
  }
  const loaded = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await db.exec(`set maintenance_work_mem = '1GB'; create index audience_plain_tags on audience_plain using gin (tags); analyze audience_plain`);
  const indexed = (performance.now() - t1) / 1000;
  const [size] = await db.query<{ table: string; gin: string }>(
    `select pg_size_pretty(pg_table_size('audience_plain')) as table, pg_size_pretty(pg_relation_size('audience_plain_tags')) as gin`,
  );
  console.log(`  loaded in ${loaded.toFixed(0)} s, GIN index built in ${indexed.toFixed(0)} s (table ${size!.table}, GIN ${size!.gin})`);
  const samples: number[] = [];
  let mismatches = 0;
  for (let i = 0; i < rules.length; i++) {
    const t = performance.now();
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from audience_plain where coalesce(${toSql(rules[i]!)}, false)`);
    samples.push(performance.now() - t);
    if (row!.n !== indexCounts[i]) mismatches++;
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples[samples.length - 1]!, mismatches, loadSeconds: loaded, ginSeconds: indexed, tableSize: size!.table, ginSize: size!.gin };
}

/** One customer's change carried to his rule tags and dynamic segments: SQL recomputes against the index path. */
async function updateBench(db: Db) {
  const M = Number(args['update-customers']);
  console.log(`\n  preparing ${M.toLocaleString()} demo customers, 200 manual tags, 40 rule tags and 10 dynamic segments …`);
  await bootstrap(db, { demoCustomers: 0 });
  await generateDemo(db, { customers: M, seed: 5 });
  const next = rng(7);
  for (let i = 1; i <= 200; i++) {
    const [tag] = await db.query<{ id: number }>(`insert into tags (key, name_zh, kind) values ($1, $1, 'manual') returning id`, [`m${i}`]);
    await db.query(`insert into customer_tags (tag_id, customer_id) select $1::bigint, id from customers where (id * $2::int) % $3::int = 0`, [tag!.id, 1 + (next() % 97), 2 + (next() % 30)]);
  }
  const actor = systemActor(new Set());
  const customFields = new CustomFieldsService(db);
  const tags = new TagsService(db, customFields);
  const segments = new SegmentsService(db, tags);
  const provinces = (await db.query<{ p: string }>(`select distinct province_code as p from customers where province_code is not null order by 1 limit 10`)).map((r) => r.p);
  for (let i = 1; i <= 40; i++) {
    const rule: Rule = {
      all: [
        { tag: `m${1 + (next() % 200)}`, has: true },
        { any: [{ field: 'gender', op: 'eq', value: i % 2 ? 'female' : 'male' }, { field: 'age', op: 'between', value: [20 + (i % 30), 45 + (i % 30)] }] },
        { not: { field: 'provinceCode', op: 'in', value: [provinces[i % provinces.length]!] } },
        ...(i > 20 ? [{ tag: `r${i - 20}`, has: next() % 2 === 0 }] : []),
      ],
    };
    await db.query(`insert into tags (key, name_zh, kind, rule) values ($1, $1, 'rule', $2)`, [`r${i}`, JSON.stringify(rule)]);
  }
  await tags.recompute();
  for (let i = 1; i <= 10; i++) {
    await segments.create(actor, { nameZh: `s${i}`, kind: 'dynamic', rule: { any: [{ tag: `r${i}`, has: true }, { all: [{ tag: `r${20 + i}`, has: true }, { field: 'gender', op: 'ne', value: 'male' }] }] } });
  }
  const audience = new AudienceService(db, true);
  const b0 = performance.now();
  await audience.build();
  const buildSeconds = (performance.now() - b0) / 1000;
  const ids = (await db.query<{ id: number }>(`select id from customers where deleted_at is null order by md5(id::text) limit 300`)).map((r) => r.id);
  const change = (id: number) => db.query(`update customers set gender = case when gender = 'female' then 'male' else 'female' end, birth_date = birth_date + 4000 where id = $1`, [id]);
  const unchange = (id: number) => db.query(`update customers set gender = case when gender = 'female' then 'male' else 'female' end, birth_date = birth_date - 4000 where id = $1`, [id]);
  const sqlTimes: number[] = [];
  const indexTimes: number[] = [];
  for (const [i, id] of ids.entries()) {
    // Alternate which path carries the change and which the change back, so both do real work.
    const first = i % 2 === 0 ? 'sql' : 'index';
    for (const path of [first, first === 'sql' ? 'index' : 'sql']) {
      await (path === first ? change(id) : unchange(id));
      const t = performance.now();
      if (path === 'sql') {
        await tags.onCustomersChanged([id]);
        await segments.onCustomersChanged([id]);
        await audience.refresh([id]);
      } else if (!(await audience.recomputeCustomers([id]))) throw new Error('the index path declined');
      (path === 'sql' ? sqlTimes : indexTimes).push(performance.now() - t);
    }
  }
  // Both paths left the same state as a whole SQL recompute would.
  const check = { tags: await tags.recompute(), segments: await segments.recompute() };
  const stats = (xs: number[]) => {
    const s = xs.slice(20).sort((a, b) => a - b);
    return { p50: percentile(s, 50), p95: percentile(s, 95) };
  };
  return { customers: M, buildSeconds, sql: stats(sqlTimes), index: stats(indexTimes), driftAfter: { gained: check.tags.gained, lost: check.tags.lost, added: check.segments.added, removed: check.segments.removed } };
}

async function main() {
  console.log(`Guanxi audience index — ${N.toLocaleString()} customers × ${TAGS} tags, ${RULES} rules; SQL baseline at ${SQL_N.toLocaleString()}`);
  const tagIds = new Map(Array.from({ length: TAGS }, (_, i) => [`t${i + 1}`, i + 1] as const));
  const rules = makeRules(RULES);

  const t0 = performance.now();
  const big = buildIndex(N);
  const buildSeconds = (performance.now() - t0) / 1000;
  let perCustomer = 0;
  for (let tag = 1; tag <= TAGS; tag++) perCustomer += densityOf(tag) && 2 ** -densityOf(tag);
  console.log(`  built in ${buildSeconds.toFixed(1)} s; about ${perCustomer.toFixed(0)} tags per customer`);
  timeRules(big, rules.slice(0, 20), tagIds, false); // warm-up
  const bigCount = timeRules(big, rules, tagIds, false);
  const bigFull = timeRules(big, rules, tagIds, true);
  // After counting: the whole-year steps of the age conditions are made at the first count of a day.
  const mem = big.memory();

  const small = SQL_N === N ? big : buildIndex(SQL_N);
  const smallCount = small === big ? bigCount : timeRules(small, rules, tagIds, false);

  const db = await openFresh();
  let sql: Awaited<ReturnType<typeof sqlBaseline>> | null = null;
  let update: Awaited<ReturnType<typeof updateBench>> | null = null;
  try {
    sql = await sqlBaseline(db, small, rules.slice(0, SQL_RULES), smallCount.counts);
    await db.exec('drop table audience_plain');
    update = await updateBench(db);
  } finally {
    await db.close();
    const { admin } = await adminClient();
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.end();
  }

  const ratio = (a: number, b: number) => `${(a / b).toFixed(0)}×`;
  // The index on the same rules as the SQL baseline, when that ran on a subset.
  const subset = [...smallCount.times.slice(0, SQL_RULES)].sort((a, b) => a - b);
  const same = { p50: percentile(subset, 50), p95: percentile(subset, 95), max: subset[subset.length - 1]! };
  console.log(`\n1. Audience count, ${RULES} random rules of 2–10 tag and attribute conditions (p50 / p95 / max)`);
  console.log(
    table([
      ['', 'customers', 'p50', 'p95', 'max'],
      ['index: count', N.toLocaleString(), ms(bigCount.p50), ms(bigCount.p95), ms(bigCount.max)],
      ['index: count + breakdowns + sample', N.toLocaleString(), ms(bigFull.p50), ms(bigFull.p95), ms(bigFull.max)],
      ...(small !== big ? [['index: count', SQL_N.toLocaleString(), ms(smallCount.p50), ms(smallCount.p95), ms(smallCount.max)]] : []),
      ...(SQL_RULES < RULES ? [[`index: count, the ${SQL_RULES} rules SQL ran`, SQL_N.toLocaleString(), ms(same.p50), ms(same.p95), ms(same.max)]] : []),
      [`plain SQL: int[] + GIN, count(*)${SQL_RULES < RULES ? `, first ${SQL_RULES} rules` : ''}`, SQL_N.toLocaleString(), ms(sql.p50), ms(sql.p95), ms(sql.max)],
    ]),
  );
  console.log(`   at ${SQL_N.toLocaleString()}: index ${ratio(sql.p50, same.p50)} faster at p50, ${ratio(sql.p95, same.p95)} at p95 on the same ${SQL_RULES} rules; counts differing from SQL: ${sql.mismatches} of ${SQL_RULES}`);
  if (SQL_N < N) console.log(`   SQL was loaded with ${SQL_N.toLocaleString()} customers, not ${N.toLocaleString()} (${sql.tableSize} + GIN ${sql.ginSize} there); at ${N.toLocaleString()} expect it about ${N / SQL_N}× slower.`);
  console.log(`   index memory at ${N.toLocaleString()}: ${(mem.totalBytes / 2 ** 20).toFixed(0)} MiB (${TAGS} tag bitsets ${(mem.tagBytes / 2 ** 20).toFixed(0)} MiB, attributes ${(mem.attributeBytes / 2 ** 20).toFixed(0)} MiB)`);
  console.log(`   targets: p95 ≤ 50 ms at ${N.toLocaleString()}; ≥ 50× faster than plain SQL`);
  console.log(`\n2. One customer changed → his rule tags (40) and dynamic segments (10) current, PostgreSQL, ${update.customers.toLocaleString()} customers`);
  console.log(
    table([
      ['', 'p50', 'p95'],
      ['index path (1 read, in memory, 1 write)', ms(update.index.p50), ms(update.index.p95)],
      ['SQL recomputes (one statement per rule tag and segment)', ms(update.sql.p50), ms(update.sql.p95)],
    ]),
  );
  console.log(`   target ≤ 5 ms; a whole SQL recompute afterwards changed ${JSON.stringify(update.driftAfter)}; index built from the database in ${update.buildSeconds.toFixed(1)} s`);
  Object.assign(results, { buildSeconds, memory: mem, index: { count: { p50: bigCount.p50, p95: bigCount.p95, max: bigCount.max }, full: { p50: bigFull.p50, p95: bigFull.p95 }, atSqlSize: { p50: smallCount.p50, p95: smallCount.p95 } }, sql: { ...sql, rules: SQL_RULES, indexSameRules: same }, update });
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/audience.json', JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
