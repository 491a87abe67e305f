import { describe, it, expect } from 'vitest';
import Fastify from 'fastify';
import { openDb } from './db.ts';
import { sendProblem } from '#platform/http/problem.ts';

describe('Db', () => {
  it('returns the same JavaScript values from either engine', async () => {
    const db = await openDb({ databaseUrl: process.env.DATABASE_URL, poolSize: 2 });
    try {
      const [row] = await db.query<Record<string, unknown>>(
        `select 9007199254740991::int8 as big, '2024-02-29'::date as day, '12.50'::numeric as money, now() as at`,
      );
      expect(row).toMatchObject({ big: 9007199254740991, day: '2024-02-29', money: '12.50' });
      expect(row!.at).toBeInstanceOf(Date);
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`create temporary table gx_t (x int)`);
          await tx.query(`insert into gx_t values (1)`);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
    } finally {
      await db.close();
    }
  });

  it('copies rows in and out in bulk, inside a transaction and outside one', async () => {
    const db = await openDb({ databaseUrl: process.env.DATABASE_URL, poolSize: 2 });
    try {
      await db.exec(`drop table if exists gx_copy; create table gx_copy (id int primary key, name text, amount numeric)`);
      async function* rows() {
        yield '1,张三,12.50\n2,"Li, Si",\n';
        yield new TextEncoder().encode('3,王五,-3\n');
      }
      await db.transaction(async (tx) => {
        await tx.copyFrom(`copy gx_copy from stdin with (format csv)`, rows());
        expect(await tx.query(`select count(*)::int as n from gx_copy`)).toEqual([{ n: 3 }]);
      });
      const out = await db.copyTo(`copy (select id, name, amount from gx_copy order by id) to stdout with (format csv)`);
      expect(out.toString('utf8')).toBe('1,张三,12.50\n2,"Li, Si",\n3,王五,-3\n');
      // A failed copy leaves nothing behind.
      await expect(db.copyFrom(`copy gx_copy from stdin with (format csv)`, ['4,x,1\n1,dup,1\n'])).rejects.toThrow();
      expect(await db.query(`select count(*)::int as n from gx_copy`)).toEqual([{ n: 3 }]);
    } finally {
      await db.exec(`drop table if exists gx_copy`).catch(() => undefined);
      await db.close();
    }
  });

  // PGlite runs in process and has no statement timeout; on a server a runaway query is cancelled.
  it.runIf(Boolean(process.env.DATABASE_URL))('cancels a statement past the timeout and answers 503', async () => {
    const db = await openDb({ databaseUrl: process.env.DATABASE_URL, poolSize: 1, statementTimeoutMs: 200 });
    const app = Fastify();
    app.get('/slow', () => db.query('select pg_sleep(5)'));
    app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
    try {
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: '/slow' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'QUERY_TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(4_000);
      // The single pooled connection is usable again at once.
      expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
