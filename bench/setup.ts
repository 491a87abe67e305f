/**
 * What every benchmark needs: a database of N demo customers (PostgreSQL or PGlite, kept between
 * runs under a name that carries N), bench users at three levels of the org tree, and sign-in.
 */
import { mkdirSync, existsSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { openDb, type Db } from '#platform/db/db.ts';
import { bootstrap } from '../server/bootstrap.ts';
import { generateDemo } from '../server/demo/demo-data.ts';
import { orgUnitsRepository, rolesRepository, usersRepository } from '#modules/identity/identity.repository.ts';
import { hashPassword } from '#modules/identity/passwords.ts';

export interface BenchArgs {
  customers: number;
  db: 'postgres' | 'pglite';
  fresh: boolean;
}

export const BENCH_PASSWORD = 'Bench-password-2026';

export const machine = () => ({ date: new Date().toISOString(), cpus: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30) });

export async function openBenchDb(args: BenchArgs): Promise<Db> {
  const N = args.customers;
  if (args.db === 'postgres') {
    const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `guanxi_bench_${N}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (args.fresh && exists) await admin.query(`drop database ${name} with (force)`);
    if (!exists || args.fresh) await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    return openDb({ databaseUrl: u.toString(), poolSize: 20, statementTimeoutMs: 3_600_000 });
  }
  const dir = `bench/out/pglite-${N}`;
  if (args.fresh && existsSync(dir)) rmSync(dir, { recursive: true });
  mkdirSync('bench/out', { recursive: true });
  return openDb({ dataDir: dir });
}

export async function prepare(db: Db, args: BenchArgs, results: Record<string, unknown> = {}) {
  const N = args.customers;
  await bootstrap(db, { demoCustomers: 0 });
  await db.exec('vacuum analyze customers');
  const [{ n }] = (await db.query<{ n: number }>('select count(*)::int as n from customers')) as [{ n: number }];
  if (n < N) {
    const t0 = performance.now();
    const demo = await generateDemo(db, { customers: N - n, shape: [5, 5, 5, 4, 1], managersPerLeaf: 4, log: (l) => console.log(`  ${l}`) });
    results.generate = { seconds: (performance.now() - t0) / 1000, units: demo.units, users: demo.users };
  }
  // Bench users: head office (scope all), a province (mid-level subtree), a leaf unit.
  const hash = await hashPassword(BENCH_PASSWORD);
  const units = await orgUnitsRepository.all(db);
  const head = units.find((u) => u.depth === 0)!;
  const mid = units.find((u) => u.depth === 1)!;
  const leaf = units.filter((u) => !units.some((c) => c.parentId === u.id))[7]!;
  const roles = new Map((await rolesRepository.all(db)).map((r) => [r.key, r.id]));
  const ensure = async (username: string, unitId: number, role: string) => {
    const existing = await usersRepository.byUsername(db, username);
    if (existing) return existing.id;
    const id = await usersRepository.insert(db, { username, displayName: username, email: null, orgUnitId: unitId, managerId: null, passwordHash: hash, locale: 'en', mustChangePassword: false });
    await usersRepository.setRoles(db, id, [roles.get(role)!]);
    return id;
  };
  await ensure('bench_head', head.id, 'admin');
  await ensure('bench_mid', mid.id, 'branch_manager');
  await ensure('bench_leaf', leaf.id, 'branch_manager');
  const subtree = async (id: number) => orgUnitsRepository.subtreeIds(db, id);
  return { head, mid, leaf, midUnits: await subtree(mid.id), leafUnits: await subtree(leaf.id) };
}

export async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gx_session='))!.split(';')[0]!;
  return { cookie };
}

