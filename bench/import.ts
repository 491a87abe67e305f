/**
 * Import benchmarks (npm run bench:import): customers from CSV in UTF-8 and in GBK, and
 * transactions, streamed through the whole import (detection, mapping, normalisation, validation,
 * duplicate checks, one transaction). Beside each, in the same run: COPY of the stored rows into a
 * table with the same columns and indexes, then with the target's foreign keys and reference checks too (psql's \copy on
 * PostgreSQL, in-process COPY on PGlite), and the process's peak memory while importing.
 *
 *   npm run bench:import -- --customers 1000000 --transactions 1000000 --db postgres   (or --db pglite; --keep keeps the database;
 *   --name NAME names it, default guanxi_bench_import)
 *
 * On PGlite the process is set up as the server sets itself up on the embedded database (tight
 * JavaScript heap; BENCH_V8_DEFAULT=1 keeps V8's default) with PGLITE_SHARED_BUFFERS if given.
 */
import { parseArgs } from 'node:util';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import iconv from 'iconv-lite';
import pg from 'pg';
import { openDb, tightenHeapBesideEmbeddedDb, type Db } from '#platform/db/db.ts';
import { systemActor } from '#platform/auth/actor.ts';
import { PERMISSIONS } from '#modules/identity/permissions.ts';
import { OrgUnitsService } from '#modules/identity/identity.service.ts';
import { CustomFieldsService } from '#modules/custom-fields/custom-fields.service.ts';
import { ImportsService } from '#modules/ingest/imports.service.ts';
import { ImportFiles } from '#modules/ingest/import-files.ts';
import { residentIdCheckDigit } from '#lib/cn/index.ts';
import { bootstrap } from '../server/bootstrap.ts';
import { personName } from '../server/demo/names.ts';
import { seededRandom } from '../server/demo/random.ts';
import { machine } from './setup.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    transactions: { type: 'string', default: '1000000' },
    db: { type: 'string', default: 'postgres' },
    /** Keep the PostgreSQL database afterwards, to look at plans and sizes. */
    keep: { type: 'boolean', default: false },
    /** The PostgreSQL database to create (dropped first) and drop afterwards: one per person on a shared server. */
    name: { type: 'string', default: 'guanxi_bench_import' },
    /** Only write the CSV files (the run starts itself with it). */
    'files-only': { type: 'boolean', default: false },
  },
});
const CUSTOMERS = Number(args.customers);
const TRANSACTIONS = Number(args.transactions);
const DIR = 'bench/out/import';
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let peakRss = 0;
/** What the process held when its RSS peaked: where the memory goes (on PGlite the database's memory is an array buffer). */
let atPeak = { heapUsed: 0, external: 0, arrayBuffers: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) {
    peakRss = m.rss;
    atPeak = { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
  }
}, 200);

async function writeLines(path: string, encoding: 'utf8' | 'gbk', header: string, count: number, line: (i: number) => string) {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(encoding === 'utf8' ? text : iconv.encode(text, 'gbk'))) await once(out, 'drain');
  };
  await write(`${encoding === 'utf8' ? '\uFEFF' : ''}${header}\r\n`);
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `${line(i)}\r\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}

/** A unique, valid resident ID per row: 18,250 birth dates × 1,000 sequence numbers. */
function customerLine(offset: number) {
  const r = seededRandom(offset + 7);
  const epoch = Date.UTC(1950, 0, 1);
  return (i: number) => {
    const n = offset + i;
    const person = personName(r);
    const born = new Date(epoch + (n % 18_250) * 86_400_000);
    const birth = `${born.getUTCFullYear()}${String(born.getUTCMonth() + 1).padStart(2, '0')}${String(born.getUTCDate()).padStart(2, '0')}`;
    const body = `110105${birth}${String(Math.floor(n / 18_250) % 1000).padStart(3, '0')}`;
    const id = body + residentIdCheckDigit(body);
    const mobile = `1${3 + (n % 7)}${String(n).padStart(9, '0')}`;
    return `K${n},${person.name},${id},${mobile},${birth.slice(0, 4)}年${Number(birth.slice(4, 6))}月${Number(birth.slice(6))}日,HQ`;
  };
}

async function openBench(name: string): Promise<Db> {
  if (args.db === 'pglite') {
    await rm(`${DIR}/pglite`, { recursive: true, force: true });
    // As the server and the CLI do on the embedded database (BENCH_V8_DEFAULT=1 to compare without).
    if (!process.env.BENCH_V8_DEFAULT) tightenHeapBesideEmbeddedDb();
    return openDb({ dataDir: `${DIR}/pglite`, pgliteSharedBuffers: process.env.PGLITE_SHARED_BUFFERS });
  }
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  return openDb({ databaseUrl: u.toString(), poolSize: 4, statementTimeoutMs: 3_600_000 });
}

/**
 * The floor of any import: psql's \copy of the very rows the import stored (exported again from
 * the table) into a fresh table with the same columns, constraints and indexes (LIKE … INCLUDING ALL),
 * then again with the foreign keys of the target added (LIKE does not copy them; the import must check them).
 */
type Baseline = { seconds: number; rows: number; withForeignKeys: { seconds: number; rows: number } } | null;

/**
 * The source table's own triggers (the reference checks that stand in for foreign keys on
 * transactions, migration 0022), as SQL that creates them on the copy.
 */
const TRIGGER_ON_COPY = (source: string) => `replace(pg_get_triggerdef(oid), ' ON public.${source} ', ' ON copy_${source} ')`;

function copyBaseline(dbUrl: string, source: string, file: string): Baseline {
  const psql = (sql: string) => spawnSync('psql', [dbUrl, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { encoding: 'utf8' });
  const value = (sql: string) => spawnSync('psql', [dbUrl, '-Atc', sql], { encoding: 'utf8' }).stdout.trim();
  if (psql('select 1').status !== 0) return null;
  const columns = `(select string_agg(quote_ident(attname), ', ' order by attnum) from pg_attribute where attrelid = '${source}'::regclass and attnum > 1 and not attisdropped)`;
  const list = value(`select ${columns}`);
  const copy = psql(`\\copy (select ${list} from ${source}) to '${file}' with (format csv)`);
  if (copy.status !== 0) throw new Error(copy.stderr);
  const foreignKeys = value(`select string_agg(format('alter table copy_${source} add %s', pg_get_constraintdef(oid)), '; ') from pg_constraint where conrelid = '${source}'::regclass and contype = 'f'`);
  const checks = value(`select string_agg(${TRIGGER_ON_COPY(source)}, '; ') from pg_trigger where tgrelid = '${source}'::regclass and not tgisinternal`);
  const once = (extra: string) => {
    psql(`drop table if exists copy_${source}; create table copy_${source} (like ${source} including all); ${extra}`);
    const t0 = performance.now();
    const r = psql(`\\copy copy_${source} (${list}) from '${file}' with (format csv)`);
    if (r.status !== 0) throw new Error(r.stderr);
    const seconds = (performance.now() - t0) / 1000;
    const rows = Number(value(`select count(*) from copy_${source}`));
    psql(`drop table copy_${source}`);
    return { seconds, rows };
  };
  const plain = once('');
  return { ...plain, withForeignKeys: once([foreignKeys, checks].filter(Boolean).map((sql) => `${sql};`).join(' ')) };
}

/** The same floor on PGlite, in this process: COPY of the stored rows into a LIKE table, then with the foreign keys. */
async function copyInProcess(db: Db, source: string): Promise<Baseline> {
  const [{ list }] = (await db.query<{ list: string }>(
    `select string_agg(quote_ident(attname), ', ' order by attnum) as list from pg_attribute where attrelid = '${source}'::regclass and attnum > 1 and not attisdropped`,
  )) as [{ list: string }];
  const rows = await db.copyTo(`copy (select ${list} from ${source}) to stdout with (format csv)`);
  const foreignKeys = await db.query<{ def: string }>(`select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = '${source}'::regclass and contype = 'f'`);
  const checks = await db.query<{ def: string }>(`select ${TRIGGER_ON_COPY(source)} as def from pg_trigger where tgrelid = '${source}'::regclass and not tgisinternal`);
  const once = async (keys: boolean) => {
    const references = keys ? [...foreignKeys.map((f) => `alter table copy_${source} add ${f.def};`), ...checks.map((c) => `${c.def};`)].join(' ') : '';
    await db.exec(`drop table if exists copy_${source}; create table copy_${source} (like ${source} including all); ${references}`);
    const t0 = performance.now();
    await db.copyFrom(`copy copy_${source} (${list}) from stdin with (format csv)`, [rows]);
    const seconds = (performance.now() - t0) / 1000;
    const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from copy_${source}`)) as [{ n: number }];
    await db.exec(`drop table copy_${source}`);
    return { seconds, rows: n };
  };
  return { ...(await once(false)), withForeignKeys: await once(true) };
}

const mb = (m: typeof atPeak) => ({ heapUsed: Math.round(m.heapUsed / 2 ** 20), external: Math.round(m.external / 2 ** 20), arrayBuffers: Math.round(m.arrayBuffers / 2 ** 20) });

async function writeFiles() {
  await mkdir(DIR, { recursive: true });
  const half = Math.floor(CUSTOMERS / 2);
  const header = '核心客户号,客户名称,证件号码,手机号码,出生日期,所属机构';
  await writeLines(`${DIR}/customers-utf8.csv`, 'utf8', header, half, customerLine(0));
  await writeLines(`${DIR}/customers-gbk.csv`, 'gbk', header, CUSTOMERS - half, customerLine(half));
  await writeLines(`${DIR}/transactions.csv`, 'utf8', '交易流水号,核心客户号,交易时间,交易金额,商户,渠道', TRANSACTIONS, (i) => {
    const day = 1 + (i % 28);
    return `T${i},K${(i * 7919) % CUSTOMERS},2026-10-${String(day).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:15:00,"${i % 2 ? '-' : ''}${(i % 50_000) + 12}.50",商户${i % 997},${i % 3 ? '手机银行' : '柜面'}`;
  });
}

/** How to start this file again with the same arguments (under bin/run-ts.js, or as a bundle). */
const CHILD_ARGS = import.meta.url.endsWith('.ts') ? ['bin/run-ts.js', new URL(import.meta.url).pathname, ...process.argv.slice(2)] : [new URL(import.meta.url).pathname, ...process.argv.slice(2)];

async function main() {
  console.log(`Guanxi import benchmarks — ${CUSTOMERS.toLocaleString()} customers, ${TRANSACTIONS.toLocaleString()} transactions on ${args.db}`);
  await mkdir(DIR, { recursive: true });
  // The files are written by a child process, so that what this process holds is the database and
  // the import alone (generating 10,000,000 lines leaves tens of MB of heap behind).
  const child = spawnSync(process.execPath, [...process.execArgv, ...CHILD_ARGS, '--files-only'], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error('writing the files failed');
  console.log('files written');

  const dbName = args.name;
  if (!/^[a-z_][a-z0-9_]*$/.test(dbName) || dbName === 'test') throw new Error(`--name ${dbName}: a plain lower-case name other than test`);
  const db = await openBench(dbName);
  console.log(`database open: RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
  await bootstrap(db, { demoCustomers: 0 });
  const imports = new ImportsService(db, new ImportFiles(`${DIR}/store`, Number.MAX_SAFE_INTEGER), { customFields: new CustomFieldsService(db), orgUnits: new OrgUnitsService(db) });
  const actor = systemActor(new Set(PERMISSIONS));
  const run = async (file: string, target: 'customers' | 'transactions') => {
    const stored = await imports.files.saveFromPath(file);
    const inspected = await imports.inspect(stored.fileId, file);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const started = await imports.start(actor, { fileId: stored.fileId, fileName: file, target, mapping: inspected.suggested[target], policy: 'load_valid', options: { sourceSystem: 'core' } });
    const done = await started.done;
    const seconds = (performance.now() - t0) / 1000;
    // CPU of this process per row: on PostgreSQL the JavaScript side alone, and much less sensitive
    // than rows/s to what else runs on a shared machine.
    const cpu = process.cpuUsage(cpu0);
    const cpuMicrosPerRow = Math.round((cpu.user + cpu.system) / Math.max(1, done.rowsRead));
    if (done.status !== 'succeeded' || done.rowsRejected) console.log(`  !! ${done.status} ${done.rowsRejected} rejected ${done.error ?? ''}`);
    const peakMB = Math.round(peakRss / 2 ** 20);
    return { rows: done.rowsRead, seconds, peakMB, rowsPerSecond: done.rowsRead / seconds, cpuMicrosPerRow, inserted: done.rowsInserted, encoding: inspected.encoding };
  };
  const utf8 = await run(`${DIR}/customers-utf8.csv`, 'customers');
  const gbk = await run(`${DIR}/customers-gbk.csv`, 'customers');
  const txns = await run(`${DIR}/transactions.csv`, 'transactions');
  // The importing process's peak, before the baselines (on PGlite they run in this process).
  const importPeak = peakRss;
  const importAtPeak = atPeak;
  const liteCustomers = args.db === 'pglite' ? await copyInProcess(db, 'customers') : null;
  const liteTxns = args.db === 'pglite' ? await copyInProcess(db, 'transactions') : null;
  await db.close();

  const u = new URL(BASE_URL);
  u.pathname = `/${dbName}`;
  const pgUrl = u.toString();
  const copyCustomers = args.db === 'postgres' ? copyBaseline(pgUrl, 'customers', `${process.cwd()}/${DIR}/customers-rows.csv`) : liteCustomers;
  const copyTxns = args.db === 'postgres' ? copyBaseline(pgUrl, 'transactions', `${process.cwd()}/${DIR}/transactions-rows.csv`) : liteTxns;
  clearInterval(sampler);
  const copyName = args.db === 'postgres' ? 'psql \\copy' : 'COPY';
  const rate = (rows: number, s: number | null) => (s ? `${Math.round(rows / s).toLocaleString()} rows/s` : 'n/a');
  const copyRate = (c: Baseline) => (c ? `${rate(c.rows, c.seconds)} (with the foreign keys or reference checks too: ${rate(c.withForeignKeys.rows, c.withForeignKeys.seconds)})` : 'n/a');
  const results = { ...machine(), db: args.db, utf8, gbk, txns, copyCustomers, copyTransactions: copyTxns, peakRssMB: Math.round(importPeak / 2 ** 20), atPeakMB: mb(importAtPeak) };
  const cpu = (r: { cpuMicrosPerRow: number; peakMB: number }) => `[this process: ${r.cpuMicrosPerRow} µs CPU a row, peak RSS so far ${r.peakMB} MB]`;
  console.log(`\ncustomers, UTF-8 CSV:   ${utf8.rows.toLocaleString()} rows in ${utf8.seconds.toFixed(1)} s = ${rate(utf8.rows, utf8.seconds)} ${cpu(utf8)} (target ≥ 100,000 on PostgreSQL, ≥ 30,000 on PGlite)`);
  console.log(`customers, GBK CSV:     ${gbk.rows.toLocaleString()} rows in ${gbk.seconds.toFixed(1)} s = ${rate(gbk.rows, gbk.seconds)} ${cpu(gbk)}; ${copyName} of the stored rows into a table with the same indexes: ${copyRate(copyCustomers)}`);
  console.log(`transactions, UTF-8:    ${txns.rows.toLocaleString()} rows in ${txns.seconds.toFixed(1)} s = ${rate(txns.rows, txns.seconds)} ${cpu(txns)}; ${copyName} of the stored rows, same indexes: ${copyRate(copyTxns)} (target ≥ 60% of it)`);
  console.log(`peak memory (RSS) of this process while importing: ${results.peakRssMB} MB (target ≤ 500 MB); at that moment JavaScript heap ${results.atPeakMB.heapUsed} MB, array buffers ${results.atPeakMB.arrayBuffers} MB, other external ${results.atPeakMB.external - results.atPeakMB.arrayBuffers} MB`);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`bench/out/import-${args.db}.json`, JSON.stringify(results, null, 2));
  if (args.db === 'postgres' && !args.keep) {
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

(args['files-only'] ? writeFiles().then(() => process.exit(0)) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
