import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { withAdmin, type Client } from '#test/factories.ts';

/**
 * Transactions refer to their customer and holding through statement triggers instead of foreign
 * keys (migration 0022). They must refuse what the foreign keys refused, in both directions.
 */
describe('transactions keep their references without foreign keys', () => {
  let t: TestApp;
  let admin: Client;
  let customerId: number;
  let holdingId: number;
  let spareHoldingId: number;

  const insertTransaction = (externalId: string, customer: number, holding: number | null) =>
    t.db.query(
      `insert into transactions (customer_id, holding_id, source_system, external_id, occurred_at, amount, direction)
       values ($1, $2, 'refs', $3, now(), 1, 'debit')`,
      [customer, holding, externalId],
    );
  const refusal = async (work: Promise<unknown>) => {
    const error = (await work.then(() => null, (e: unknown) => e)) as { code?: string; message?: string } | null;
    expect(error, 'the database accepted it').not.toBeNull();
    return { code: error!.code, message: error!.message };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const setup = await withAdmin(t);
    admin = setup.client;
    const hq = setup.hq;
    const created = await admin.post('/api/v1/customers', { kind: 'individual', name: '引用测试', orgUnitId: hq.id });
    expect(created.statusCode, created.body).toBe(201);
    customerId = body(created).id;
    const holding = async (externalId: string) =>
      (await t.db.query<{ id: number }>(`insert into holdings (customer_id, source_system, external_id, kind) values ($1, 'refs', $2, 'deposit') returning id`, [customerId, externalId]))[0]!.id;
    holdingId = await holding('H1');
    spareHoldingId = await holding('H2');
  });

  it('stores a transaction whose customer and holding exist', async () => {
    await insertTransaction('OK1', customerId, holdingId);
    await insertTransaction('OK2', customerId, null);
    expect((await t.db.query(`select 1 from transactions where source_system = 'refs'`)).length).toBe(2);
  });

  it('refuses a transaction of an unknown customer or holding, and a move to an unknown customer', async () => {
    expect(await refusal(insertTransaction('BAD1', 987_654_321, null))).toEqual({ code: '23503', message: 'transactions: customer 987654321 does not exist' });
    expect(await refusal(insertTransaction('BAD2', customerId, 987_654_321))).toEqual({ code: '23503', message: 'transactions: holding 987654321 does not exist' });
    expect(await refusal(t.db.query(`update transactions set customer_id = 987654321 where external_id = 'OK1'`))).toMatchObject({ code: '23503' });
    expect((await t.db.query(`select 1 from transactions where source_system = 'refs'`)).length).toBe(2);
  });

  it('keeps customers and holdings that transactions refer to from being deleted or truncated', async () => {
    expect(await refusal(t.db.query(`delete from holdings where id = $1`, [holdingId]))).toEqual({ code: '23503', message: `holdings: transactions refer to ${holdingId}` });
    expect(await refusal(t.db.query(`delete from customers where id = $1`, [customerId]))).toMatchObject({ code: '23503' });
    // cascade: other tables refer to holdings by foreign keys, which would refuse first.
    expect(await refusal(t.db.exec(`truncate holdings cascade`))).toEqual({ code: '23503', message: 'holdings: transactions refer to its rows' });
    // A holding nothing refers to can go.
    await t.db.query(`delete from holdings where id = $1`, [spareHoldingId]);
    expect((await t.db.query(`select 1 from holdings where id = $1`, [holdingId])).length).toBe(1);
  });
});
