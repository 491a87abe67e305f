/**
 * Core benchmarks (npm run bench): customer reads under load, lookups, list pages, Chinese name
 * search and the cost of access scopes, each printed beside a baseline measured in the same run
 * (the bare Fastify server, the raw SQL query), because these machines are shared and noisy.
 *
 *   npm run bench -- --customers 1000000 --db postgres   (BENCH_DATABASE_URL or a local server)
 *   npm run bench -- --customers 200000 --db pglite
 */
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import Fastify from 'fastify';
import autocannon from 'autocannon';
import { buildApp } from '../server/app.ts';
import { openBenchDb, prepare, login, machine, type BenchArgs } from './setup.ts';
import { containsPattern } from '#modules/customers/name-grams.ts';
import { memberOf } from '#platform/db/sql.ts';
import { timeConcurrent, timeSerial, ms, table, type Latency } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    db: { type: 'string', default: 'postgres' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    fresh: { type: 'boolean', default: false },
  },
});
const N = Number(args.customers);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const benchArgs: BenchArgs = { customers: N, db: args.db === 'pglite' ? 'pglite' : 'postgres', fresh: args.fresh };
const results: Record<string, unknown> = { ...machine(), customers: N, db: args.db };

async function cannon(url: string, headers: Record<string, string>, paths: string[]) {
  let i = 0;
  // A short warm-up first, so the figure is of optimised code, not of the JIT compiler.
  await autocannon({ url, connections: CONNECTIONS, duration: 3, headers, requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }] });
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

async function main() {
  console.log(`Guanxi core benchmarks — ${N.toLocaleString()} customers on ${args.db}, ${cpus().length} cores`);
  const db = await openBenchDb(benchArgs);
  const ctx = await prepare(db, benchArgs, results);
  const app = await buildApp({ db, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const head = await login(base, 'bench_head');
  const mid = await login(base, 'bench_mid');
  const leaf = await login(base, 'bench_leaf');

  const sample = await db.query<{ id: number; code: string; mobile: string | null; name: string }>(
    `select id, code, mobile, name from customers where deleted_at is null order by md5(id::text) limit 2000`,
  );
  const ids = sample.map((s) => s.id);

  // 1. GET /customers/:id under load, beside the bare server and the raw primary-key query.
  console.log('\n1. GET /api/v1/customers/:id under load');
  const bare = Fastify();
  bare.get('/hello/:id', async (req) => ({ id: (req.params as { id: string }).id, hello: 'world' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
  const bareRun = await cannon(bareUrl, {}, ids.map((id) => `/hello/${id}`));
  await bare.close();
  const apiRun = await cannon(base, { cookie: head.cookie }, ids.map((id) => `/api/v1/customers/${id}`));
  const rawPk = await timeConcurrent(CONNECTIONS, SECONDS, (i) => db.query('select * from customers where id = $1', [ids[i % ids.length]]));
  results.getById = { api: apiRun, bareFastify: bareRun, rawPk };
  console.log(
    table([
      ['', 'req/s', 'p50', 'p99'],
      ['API (session, scope, masking)', apiRun.rps.toFixed(0), `${apiRun.p50} ms`, `${apiRun.p99} ms`],
      ['bare Fastify', bareRun.rps.toFixed(0), `${bareRun.p50} ms`, `${bareRun.p99} ms`],
      ['raw PK query (in process)', rawPk.rps.toFixed(0), ms(rawPk.p50), ms(rawPk.p99)],
    ]),
  );
  if (apiRun.non2xx) console.log(`  !! ${apiRun.non2xx} non-2xx answers`);

  const get = (path: string, who = head) => async () => {
    const res = await fetch(`${base}${path}`, { headers: { cookie: who.cookie } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.json() as Promise<{ items: { id: number }[]; total: number; totalIsEstimate: boolean }>;
  };
  const line = (label: string, l: Latency, baseline?: Latency) => [label, ms(l.p50), ms(l.p95), baseline ? ms(baseline.p95) : ''];

  // 2. Lookups by code and by mobile.
  console.log('\n2. Lookups (HTTP, p95 target 10 ms)');
  const withMobile = sample.filter((s) => s.mobile);
  const byCode = await timeSerial(300, (i) => get(`/api/v1/customers?q=${sample[i % sample.length]!.code}&limit=10`)());
  const byMobile = await timeSerial(300, (i) => get(`/api/v1/customers?q=${encodeURIComponent(withMobile[i % withMobile.length]!.mobile!)}&limit=10`)());
  const rawCode = await timeSerial(300, (i) => db.query('select * from customers where code = $1', [sample[i % sample.length]!.code]));
  const rawMobile = await timeSerial(300, (i) => db.query('select * from customers where mobile = $1', [withMobile[i % withMobile.length]!.mobile]));
  results.lookups = { byCode, byMobile, rawCode, rawMobile };
  console.log(table([['', 'p50', 'p95', 'raw SQL p95'], line('by code', byCode, rawCode), line('by mobile', byMobile, rawMobile)]));

  // 3. A filtered, sorted list page with its estimated total.
  console.log('\n3. List pages (HTTP, p95 target 30 ms)');
  const listActive = await timeSerial(200, () => get('/api/v1/customers?status=active&sort=-createdAt&limit=50')());
  const listByName = await timeSerial(200, () => get(`/api/v1/customers?orgUnitId=${ctx.mid.id}&sort=name&limit=50`)());
  const rawList = await timeSerial(200, () => db.query(`select * from customers where status = 'active' and deleted_at is null order by created_at desc, id desc limit 50`));
  results.list = { listActive, listByName, rawList };
  console.log(table([['', 'p50', 'p95', 'raw SQL p95'], line('status=active, newest first', listActive, rawList), line('province subtree, by pinyin', listByName)]));

  // 4. Chinese name search: 1, 2 and 3+ characters, with recall against LIKE.
  console.log('\n4. Name search (HTTP, p95 target 20 ms, recall 100%)');
  const chinese = sample.filter((s) => /^[\u4e00-\u9fff]{2,4}$/.test(s.name));
  const queries = (len: number) => chinese.slice(0, 100).map((s, i) => [...s.name].slice(i % Math.max(1, s.name.length - len + 1)).slice(0, len).join('')).filter((q) => [...q].length === len);
  const search: Record<string, unknown> = {};
  const rows: (string | number)[][] = [['', 'p50', 'p95', 'LIKE p95', 'recall']];
  for (const len of [1, 2, 3]) {
    const qs = queries(len);
    const lat = await timeSerial(qs.length, (i) => get(`/api/v1/customers?q=${encodeURIComponent(qs[i]!)}&limit=50`)());
    // Recall, outside the timing: the app's total against LIKE, where the total is exact.
    let found = 0;
    let expected = 0;
    for (const q of qs) {
      const page = await get(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=50`)();
      if (page.totalIsEstimate) continue;
      const [{ n }] = (await db.query<{ n: number }>(
        `select count(*)::int as n from customers where deleted_at is null and (lower(name) like $1 or lower(name_en) like $1)`,
        [containsPattern(q)],
      )) as [{ n: number }];
      expected += n;
      found += Math.min(page.total, n);
    }
    const like = await timeSerial(Math.min(30, qs.length), (i) =>
      db.query(`select id from customers where deleted_at is null and name like $1 order by created_at desc limit 50`, [`%${qs[i]}%`]),
    );
    search[`${len}char`] = { ...lat, likeBaseline: like, recall: expected ? found / expected : 1 };
    rows.push([`${len} character${len > 1 ? 's' : ''}`, ms(lat.p50), ms(lat.p95), ms(like.p95), expected ? `${((100 * found) / expected).toFixed(1)}%` : 'n/a (estimates)']);
  }
  results.search = search;
  console.log(table(rows));

  // 5. Scope overhead: the same list for three users, beside the query without a scope predicate.
  console.log('\n5. Access scope overhead (list page, p95; target ≤ 20% over no scope)');
  const scoped = async (units: number[] | null) =>
    timeSerial(200, () => {
      const params: unknown[] = [];
      const scope = units ? `${memberOf('c.org_unit_id', units, params)} and` : '';
      return db.query(`select * from customers c where ${scope} c.deleted_at is null order by c.created_at desc, c.id desc limit 50`, params);
    });
  const noScope = await scoped(null);
  const midSql = await scoped(ctx.midUnits);
  const leafSql = await scoped(ctx.leafUnits);
  const headHttp = await timeSerial(200, () => get('/api/v1/customers?limit=50', head)());
  const midHttp = await timeSerial(200, () => get('/api/v1/customers?limit=50', mid)());
  const leafHttp = await timeSerial(200, () => get('/api/v1/customers?limit=50', leaf)());
  results.scope = { noScope, midSql, leafSql, headHttp, midHttp, leafHttp, midUnits: ctx.midUnits.length, leafUnits: ctx.leafUnits.length };
  console.log(
    table([
      ['', 'SQL p95', 'HTTP p95'],
      ['head office (all)', ms(noScope.p95), ms(headHttp.p95)],
      [`mid level (${ctx.midUnits.length} units)`, ms(midSql.p95), ms(midHttp.p95)],
      [`leaf (${ctx.leafUnits.length} unit)`, ms(leafSql.p95), ms(leafHttp.p95)],
    ]),
  );

  mkdirSync('bench/out', { recursive: true });
  writeFileSync(`bench/out/results-${args.db}-${N}.json`, JSON.stringify(results, null, 2));
  await app.close();
  await db.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
