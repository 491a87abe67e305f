import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestApp, body } from '#test/test-app.ts';
import { withAdmin } from '#test/factories.ts';
import { ValueService } from './value.service.ts';

/**
 * The column-store copy of the purchases behind the value recompute: it appends only what is new,
 * survives a restart in its file, is rebuilt when the database no longer matches it, and the
 * recompute writes only the customers whose value changed.
 */
describe('value recompute over the purchase copy', async () => {
  const t = await buildTestApp();
  const { client: admin } = await withAdmin(t);
  const ids: number[] = [];
  let dir = '';
  const spend = (i: number, n: string, amount: number, daysAgo: number) =>
    t.db.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, $2, now() - make_interval(days => $3::int), $4, 'debit')`, [
      ids[i],
      n,
      daysAgo,
      amount,
    ]);
  const frequency = async (service: ValueService, i: number) => (await service.forCustomer(ids[i]!)).current?.frequency;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'guanxi-value-store-'));
    for (const name of ['存甲', '存乙', '存丙']) ids.push(body(await admin.post('/api/v1/customers', { kind: 'individual', name })).id);
    await spend(0, 'S0-1', 100, 3);
    await spend(1, 'S1-1', 200, 4);
    await spend(1, 'S1-2', 200, 40);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('appends only new purchases and writes only the customers whose value changed', async () => {
    const value = new ValueService(t.db, join(dir, 'a.duckdb'));
    try {
      const first = await value.recompute();
      expect(first.purchases).toMatchObject({ appended: 3, rebuilt: true });
      expect(first.changed).toBeGreaterThanOrEqual(3);
      const again = await value.recompute();
      expect(again).toMatchObject({ changed: 0, purchases: { appended: 0, rebuilt: false } });

      // A credit is not a purchase; a new debit for customer 3 changes him (and may move others' quintiles).
      await t.db.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, 'S2-credit', now(), 5000, 'credit')`, [ids[2]]);
      await spend(2, 'S2-1', 900, 1);
      const third = await value.recompute();
      expect(third.purchases.appended).toBe(1);
      expect(third.changed).toBeGreaterThanOrEqual(1);
      expect(await frequency(value, 2)).toBe(1);
      expect(await frequency(value, 1)).toBe(2);
    } finally {
      await value.store.close();
    }
  });

  it('keeps the copy in its file across a restart, and rebuilds it when the database no longer matches', async () => {
    const path = join(dir, 'b.duckdb');
    const before = new ValueService(t.db, path);
    await before.recompute();
    await before.store.close();

    const after = new ValueService(t.db, path);
    try {
      await spend(0, 'S0-2', 100, 2);
      const restarted = await after.recompute();
      expect(restarted.purchases).toMatchObject({ appended: 1, rebuilt: false });
      expect(await frequency(after, 0)).toBe(2);

      // As after a restore of an older backup: a purchase the copy holds is no longer in the database.
      await t.db.query(`delete from transactions where external_id = 'S1-2'`);
      after.store.reset();
      const rebuilt = await after.recompute();
      expect(rebuilt.purchases.rebuilt).toBe(true);
      expect(await frequency(after, 1)).toBe(1);
    } finally {
      await after.store.close();
    }
  });

  it('reads the stored values back when another server wrote since, so it sends only real changes', async () => {
    const a = new ValueService(t.db);
    const b = new ValueService(t.db);
    try {
      await a.recompute();
      await spend(0, 'S0-other', 300, 1);
      const other = await b.recompute();
      expect(other.changed).toBeGreaterThanOrEqual(1);
      // a's copy of the values predates b's run: compared with it, customer 1 would look changed.
      const again = await a.recompute();
      expect(again.changed).toBe(0);
      expect(Object.keys(again.phases).some((name) => name.includes('read back'))).toBe(true);
      const quiet = await a.recompute();
      expect(quiet.changed).toBe(0);
      expect(Object.keys(quiet.phases).some((name) => name.includes('read back'))).toBe(false);
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });

  it('keeps a spending trend within what can be stored', async () => {
    const id = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '存丁' })).id;
    await t.db.query(
      `insert into transactions (customer_id, external_id, occurred_at, amount, direction)
       values ($1, 'S3-1', now() - interval '120 days', 0.01, 'debit'), ($1, 'S3-2', now() - interval '1 day', 100000, 'debit')`,
      [id],
    );
    const value = new ValueService(t.db);
    try {
      await value.recompute();
      expect((await value.forCustomer(id)).current).toMatchObject({ lifecycle: 'rising', trend: '999999.99' });
    } finally {
      await value.store.close();
    }
  });

  // Only a server has concurrent writers: a transaction still open when the copy is brought up to
  // date may commit an id below ones already copied; the next recompute must still see it.
  it.runIf(Boolean(process.env.DATABASE_URL))('sees a purchase committed after a later one was copied', async () => {
    const value = new ValueService(t.db);
    let release!: () => void;
    let inserted!: () => void;
    const wasInserted = new Promise<void>((resolve) => (inserted = resolve));
    const writer = t.db.transaction(async (tx) => {
      await tx.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, 'SLOW-1', now(), 10, 'debit')`, [ids[2]]);
      inserted();
      await new Promise<void>((resolve) => (release = resolve));
    });
    try {
      await wasInserted;
      await spend(2, 'FAST-1', 10, 1);
      const during = await value.recompute();
      const seen = await frequency(value, 2);
      release();
      await writer;
      await value.recompute();
      expect(await frequency(value, 2)).toBe(seen! + 1);
      expect(during.purchases.appended).toBeGreaterThan(0);
    } finally {
      release?.();
      await writer.catch(() => undefined);
      await value.store.close();
    }
  });
});
