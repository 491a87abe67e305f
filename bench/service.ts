/**
 * Service desk benchmark (npm run bench:service): with T tickets (1,000,000 by default), the inbox
 * and the ticket queue through HTTP (p50/p95), each beside the raw SQL of the same page in the same
 * run; then process transitions taken concurrently through HTTP for some seconds (per second
 * sustained), beside the same writes as raw SQL, and a check that no step was lost or doubled.
 *
 *   npm run bench:service -- --tickets 1000000 --seconds 10 --concurrency 32
 */
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { machine, openBenchDb, prepare, login } from './setup.ts';
import { ms, table, timeConcurrent, timeSerial } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    tickets: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    samples: { type: 'string', default: '300' },
  },
});
const N = Number(args.customers);
const T = Number(args.tickets);
const SECONDS = Number(args.seconds);
const CONCURRENCY = Number(args.concurrency);
const SAMPLES = Number(args.samples);

async function main() {
  const db = await openBenchDb({ customers: N, db: 'postgres', fresh: false });
  const results: Record<string, unknown> = { ...machine(), customers: N, tickets: T };
  const { leaf, leafUnits } = await prepare(db, { customers: N, db: 'postgres', fresh: false }, results);
  const app = await buildApp({ db, logLevel: 'warn' });
  await app.services.tickets.ensureDefaults();
  const [head] = await db.query<{ id: number }>(`select id from users where username = 'bench_head'`);
  const [leafUser] = await db.query<{ id: number }>(`select id from users where username = 'bench_leaf'`);
  await generateTickets(db, T, leafUser!.id, leaf.id);
  await dropEarlierTransitionTickets(db);

  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const headLogin = await login(base, 'bench_head');
  const leafLogin = await login(base, 'bench_leaf');
  const get = (cookie: string, path: string) =>
    fetch(`${base}${path}`, { headers: { cookie } }).then(async (r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    });

  // ---- pages
  const pages: [string, string, string, () => Promise<unknown>][] = [
    ['inbox: my tasks (branch manager)', leafLogin.cookie, '/api/v1/process/inbox?box=mine', () =>
      db.query(`select id from process_cases where status = 'open' and assignee_user_id = $1 order by due_at, id limit 50`, [leafUser!.id])],
    ['inbox: my department', leafLogin.cookie, '/api/v1/process/inbox?box=department', () =>
      db.query(`select id from process_cases where status = 'open' and assignee_user_id is null and assignee_unit_id = $1 order by due_at, id limit 50`, [leaf.id])],
    ['queue: newest (head office)', headLogin.cookie, '/api/v1/tickets?limit=50', () =>
      db.query(`select t.id from tickets t join process_cases c on c.subject_type = 'ticket' and c.subject_id = t.id order by t.created_at desc, t.id desc limit 51`)],
    ['queue: open complaints, high (head office)', headLogin.cookie, '/api/v1/tickets?limit=50&status=open&type=complaint&priority=high', () =>
      db.query(`select t.id from tickets t where t.closed_at is null and t.type = 'complaint' and t.priority = 'high' order by t.created_at desc, t.id desc limit 51`)],
    ['queue: newest (branch scope)', leafLogin.cookie, '/api/v1/tickets?limit=50', () =>
      db.query(`select t.id from tickets t where t.org_unit_id = any($1::bigint[]) order by t.created_at desc, t.id desc limit 51`, [leafUnits])],
  ];
  const rows: (string | number)[][] = [['page', 'HTTP p50', 'HTTP p95', 'raw SQL p50', 'raw SQL p95']];
  const pageResults: Record<string, unknown> = {};
  for (const [name, cookie, path, sql] of pages) {
    const http = await timeSerial(SAMPLES, () => get(cookie, path));
    const raw = await timeSerial(SAMPLES, sql);
    rows.push([name, ms(http.p50), ms(http.p95), ms(raw.p50), ms(raw.p95)]);
    pageResults[name] = { http, raw };
  }
  results.pages = pageResults;
  console.log(`\n${T.toLocaleString()} tickets; target: inbox and queue p95 ≤ 50 ms through HTTP\n`);
  console.log(table(rows));

  // ---- transitions
  const ready = await openTickets(db, 100_000, head!.id);
  let next = 0;
  const csrf = await csrfOf(base, headLogin.cookie);
  // As the web app does (the answer is the ticket's whole view), and as an integration that only
  // needs the new state would (Prefer: return=minimal).
  const steps = (prefer: Record<string, string>) =>
    timeConcurrent(CONCURRENCY, SECONDS, async () => {
      const id = ready[next++]!;
      const r = await fetch(`${base}/api/v1/tickets/${id}/steps`, {
        method: 'POST',
        headers: { cookie: headLogin.cookie, 'content-type': 'application/json', 'x-csrf-token': csrf, ...prefer },
        body: JSON.stringify({ transition: 'accept', expectedSeq: 0 }),
      });
      if (r.status !== 200) throw new Error(`step: ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
    });
  const http = await steps({});
  const minimal = await steps({ prefer: 'return=minimal' });
  const moved = ready.slice(0, next);
  const check = await db.query<{ bad: number }>(
    `select count(*)::int as bad from process_cases c where c.subject_type = 'ticket' and c.subject_id = any($1::bigint[])
        and (c.seq <> 1 or c.state <> 'triage' or (select count(*) from process_steps s where s.case_id = c.id) <> 2)`,
    [moved],
  );
  // Raw SQL baseline: the same writes (lock the case, append the step, move the case) per transaction.
  const pool = new pg.Pool({ connectionString: (db as unknown as { url?: string }).url ?? benchUrl(N), max: CONCURRENCY });
  const rawIds = ready.slice(next, next + 60_000);
  let r = 0;
  const raw = await timeConcurrent(CONCURRENCY, SECONDS, async () => {
    const id = rawIds[r++]!;
    const client = await pool.connect();
    try {
      await client.query('begin');
      const { rows: c } = await client.query(`select id, seq from process_cases where subject_type = 'ticket' and subject_id = $1 for update`, [id]);
      await client.query(`insert into process_steps (case_id, seq, transition, from_state, to_state, actor_id) values ($1, 1, 'accept', 'received', 'triage', $2)`, [c[0].id, head!.id]);
      await client.query(`update process_cases set seq = 1, state = 'triage', state_entered_at = now() where id = $1`, [c[0].id]);
      await client.query(`update tickets set first_response_at = now() where id = $1`, [id]);
      await client.query('commit');
    } finally {
      client.release();
    }
  });
  await pool.end();
  results.transitions = { http, minimal, raw, checked: moved.length, wrong: check[0]!.bad };
  console.log(`\ntransitions, ${CONCURRENCY} at once for ${SECONDS} s; target: 500/s sustained with no lost or duplicated step`);
  console.log(table([
    ['', 'per second', 'p50', 'p99'],
    ['HTTP (POST /tickets/:id/steps), answer: the ticket', http.rps.toFixed(0), ms(http.p50), ms(http.p99)],
    ['HTTP, Prefer: return=minimal', minimal.rps.toFixed(0), ms(minimal.p50), ms(minimal.p99)],
    ['raw SQL (same writes)', raw.rps.toFixed(0), ms(raw.p50), ms(raw.p99)],
  ]));
  console.log(`checked ${moved.length.toLocaleString()} cases moved through HTTP: ${check[0]!.bad} with a lost or doubled step`);

  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/service.json', JSON.stringify(results, null, 2));
  await app.close();
  await db.close();
}

function benchUrl(n: number) {
  const u = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/guanxi_bench_${n}`;
  return u.toString();
}

async function csrfOf(base: string, cookie: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } });
  const me = (await r.json()) as { csrfToken?: string };
  if (!me.csrfToken) throw new Error('no csrf token from /auth/me');
  return me.csrfToken;
}

/** T tickets with their cases (a fifth open, spread over states and assignees) and first steps, in SQL. */
async function generateTickets(db: Awaited<ReturnType<typeof openBenchDb>>, total: number, leafUserId: number, leafUnitId: number) {
  const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from tickets where number like 'TB%'`)) as [{ n: number }];
  if (n >= total) return;
  await makeTickets(db, n, total);
  // The branch manager's own work: some hundreds of open tasks in his name and his unit's.
  await db.query(`update process_cases set assignee_user_id = $1 where status = 'open' and id % 997 = 0`, [leafUserId]);
  await db.query(`update process_cases set assignee_user_id = null, assignee_unit_id = $1, assignee_role = null where status = 'open' and id % 991 = 0`, [leafUnitId]);
  for (const table of ['tickets', 'process_cases', 'process_steps']) await db.exec(`vacuum analyze ${table}`);
}

async function makeTickets(db: Awaited<ReturnType<typeof openBenchDb>>, n: number, total: number) {
  console.log(`  generating ${(total - n).toLocaleString()} tickets …`);
  const [{ lo, hi }] = (await db.query<{ lo: number; hi: number }>('select min(id)::int as lo, max(id)::int as hi from customers')) as [{ lo: number; hi: number }];
  const [def] = await db.query<{ id: number }>(`select id from process_definitions where key = 'complaint' order by version desc limit 1`);
  const users = (await db.query<{ id: number }>(`select id from users order by id`)).map((u) => u.id);
  const states = ['received', 'triage', 'handling', 'resolution', 'return_visit'];
  for (let from = n; from < total; from += 100_000) {
    const to = Math.min(total, from + 100_000);
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into tickets (number, type, priority, channel, customer_id, org_unit_id, owner_id, subject, description, sla_due_at, created_at, resolved_at, closed_at, created_by)
         select 'TB' || g, (array['complaint','suggestion','request','inquiry'])[1 + g % 4], (array['low','normal','high','urgent'])[1 + (g / 4) % 4],
                (array['counter','phone','email','web','api','social'])[1 + g % 6], c.id, c.org_unit_id, c.owner_id,
                '批量工单 ' || g, '', now() - make_interval(secs => (g * 7919) % (365 * 86400)) + interval '120 hours',
                now() - make_interval(secs => (g * 7919) % (365 * 86400)),
                case when g % 5 <> 0 then now() - make_interval(secs => (g * 7919) % (365 * 86400)) + interval '30 hours' end,
                case when g % 5 <> 0 then now() - make_interval(secs => (g * 7919) % (365 * 86400)) + interval '40 hours' end, $3::bigint
           from generate_series($1::bigint, $2::bigint - 1) g
           join customers c on c.id = $4::bigint + (g * 104729) % ($5::bigint - $4::bigint + 1)`,
        [from, to, users[0], lo, hi],
      );
      await tx.query(
        `insert into process_cases (definition_id, subject_type, subject_id, reference, title, org_unit_id, owner_id, state, seq, status, state_entered_at, due_at,
                                    assignee_user_id, assignee_unit_id, assignee_role, created_at, closed_at)
         select $1, 'ticket', t.id, t.number, t.subject, t.org_unit_id, t.owner_id,
                case when t.closed_at is null then ($2::text[])[1 + t.id % 5] else 'closed' end, 3,
                case when t.closed_at is null then 'open' else 'closed' end, t.created_at, case when t.closed_at is null then t.created_at + interval '72 hours' end,
                case when t.closed_at is null and t.id % 3 = 0 then ($3::bigint[])[1 + t.id % cardinality($3::bigint[])] end,
                case when t.closed_at is null and t.id % 3 = 1 then t.org_unit_id end,
                case when t.closed_at is null and t.id % 3 = 2 then 'service_agent' end, t.created_at, t.closed_at
           from tickets t where t.number like 'TB%' and not exists (select 1 from process_cases c where c.subject_type = 'ticket' and c.subject_id = t.id)`,
        [def!.id, states, users],
      );
      await tx.query(
        `insert into process_steps (case_id, seq, transition, from_state, to_state, actor_id, at)
         select c.id, 0, 'start', null, 'received', $1, c.created_at from process_cases c
          where not exists (select 1 from process_steps s where s.case_id = c.id)`,
        [users[0]],
      );
    });
    console.log(`    ${to.toLocaleString()}`);
  }
}

/** The complaints an earlier run made for its transitions: newest of all, they would skew the pages. */
async function dropEarlierTransitionTickets(db: Awaited<ReturnType<typeof openBenchDb>>) {
  await db.transaction(async (tx) => {
    await tx.query(`create temp table old_cases on commit drop as select c.id from process_cases c join tickets t on t.id = c.subject_id where c.subject_type = 'ticket' and t.number like 'TX%'`);
    for (const table of ['process_timers', 'process_steps', 'process_approvals']) await tx.query(`delete from ${table} where case_id in (select id from old_cases)`);
    await tx.query(`delete from process_cases where id in (select id from old_cases)`);
    await tx.query(`delete from tickets where number like 'TX%'`);
  });
  await db.exec('vacuum analyze tickets');
  await db.exec('vacuum analyze process_cases');
}

/** Fresh complaints waiting at 'received' for the head-office admin to accept. */
async function openTickets(db: Awaited<ReturnType<typeof openBenchDb>>, count: number, userId: number): Promise<number[]> {
  const [def] = await db.query<{ id: number }>(`select id from process_definitions where key = 'complaint' order by version desc limit 1`);
  const [{ lo }] = (await db.query<{ lo: number }>('select min(id)::int as lo from customers')) as [{ lo: number }];
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: number }>(
      `insert into tickets (number, type, channel, customer_id, org_unit_id, subject, sla_due_at, created_by)
       select 'TX' || g || '-' || extract(epoch from now())::bigint, 'complaint', 'phone', $2::bigint + g % 1000, (select org_unit_id from customers where id = $2::bigint + g % 1000), '并发工单', now() + interval '5 days', $3
         from generate_series(1, $1::int) g returning id`,
      [count, lo, userId],
    );
    await tx.query(
      `insert into process_cases (definition_id, subject_type, subject_id, reference, title, state, seq, assignee_user_id)
       select $1, 'ticket', id, 'TX', '并发工单', 'received', 0, $3 from unnest($2::bigint[]) id`,
      [def!.id, rows.map((r) => r.id), userId],
    );
    await tx.query(
      `insert into process_steps (case_id, seq, transition, to_state, actor_id)
       select c.id, 0, 'start', 'received', $2 from process_cases c where c.subject_type = 'ticket' and c.subject_id = any($1::bigint[])`,
      [rows.map((r) => r.id), userId],
    );
    return rows.map((r) => r.id);
  });
}

await main();
