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
