import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';

/**
 * The customer's page reads his holdings and transactions: account numbers shown whole or masked
 * by the reader's rule for the ID number, and transactions narrowed by days (China time) and text.
 */
describe('holdings and transactions on the customer page', async () => {
  const t = await buildTestApp();
  const { hq, client: admin } = await withAdmin(t);
  const branch = await buildOrgUnit(t, hq);
  const users = {
    manager: await buildUser(t, { role: 'branch_manager', orgUnit: branch }), // idNumber masked_in_lists
    agent: await buildUser(t, { role: 'service_agent', orgUnit: branch }), // idNumber masked
    marketer: await buildUser(t, { role: 'marketer', orgUnit: branch }), // idNumber hidden
  };
  const clients = {} as Record<keyof typeof users, Client>;
  let customer: { id: number };
  const tx = (query = '', client = admin) => client.get(`/api/v1/customers/${customer.id}/transactions${query}`);

  beforeAll(async () => {
    for (const key of Object.keys(users) as (keyof typeof users)[]) clients[key] = await login(t, users[key]);
    customer = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '对账客户', orgUnitId: branch.id }));
    const [card] = await t.db.query<{ id: number }>(
      `insert into holdings (customer_id, external_id, kind, balance, opened_on) values ($1, '6222021234567892642', 'debit_card', 100, '2018-05-02') returning id`,
      [customer.id],
    );
    // 2024-03-01 23:30 and 2024-03-02 00:30 in China time; a 100% discount with a literal percent sign.
    await t.db.query(
      `insert into transactions (customer_id, holding_id, external_id, occurred_at, amount, direction, merchant, description) values
         ($1, $2, 'T1', '2024-02-20T02:00:00Z', 10, 'debit', '京东商城', '快捷支付'),
         ($1, $2, 'T2', '2024-03-01T15:30:00Z', 20, 'debit', '美团外卖', '扫码支付'),
         ($1, $2, 'T3', '2024-03-01T16:30:00Z', 30, 'debit', 'Starbucks Coffee', '刷卡消费'),
         ($1, $2, 'T4', '2024-03-05T03:00:00Z', 40, 'credit', null, '代发工资 100% 到账'),
         ($1, null, 'T5', '2024-03-10T03:00:00Z', 50, 'debit', '京东商城', '退款冲正')`,
      [customer.id, card!.id],
    );
  });

  it('shows account numbers whole unless the reader\'s roles mask or hide ID numbers', async () => {
    const seen = async (client: Client) => {
      const [holding] = body(await client.get(`/api/v1/customers/${customer.id}/holdings`));
      const { items } = body(await tx('', client));
      const booked = items.find((x: { externalId: string }) => x.externalId === 'T1');
      return { holding: [holding.externalId, holding.masked], transaction: [booked.accountNumber, booked.masked] };
    };
    const whole = { holding: ['6222021234567892642', []], transaction: ['6222021234567892642', []] };
    const masked = { holding: ['****2642', ['externalId']], transaction: ['****2642', ['accountNumber']] };
    expect(await seen(admin)).toEqual(whole);
    expect(await seen(clients.manager)).toEqual(whole);
    expect(await seen(clients.agent)).toEqual(masked);
    expect(await seen(clients.marketer)).toEqual(masked);
    // A transaction booked on no known account has no account number, for anyone.
    const unbooked = body(await tx('', clients.agent)).items.find((x: { externalId: string }) => x.externalId === 'T5');
    expect(unbooked).toMatchObject({ accountNumber: null, masked: [] });
  });

  it('narrows transactions to days in China time, both included, and to text in the merchant or description', async () => {
    const refs = async (query: string) => body(await tx(query)).items.map((x: { externalId: string }) => x.externalId);
    expect(await refs('')).toEqual(['T5', 'T4', 'T3', 'T2', 'T1']);
    expect(await refs('?from=2024-03-02')).toEqual(['T5', 'T4', 'T3']);
    expect(await refs('?to=2024-03-01')).toEqual(['T2', 'T1']);
    expect(await refs('?from=2024-03-01&to=2024-03-05')).toEqual(['T4', 'T3', 'T2']);
    expect(await refs('?from=2024-03-02&to=2024-03-02')).toEqual(['T3']);
    expect(await refs(`?q=${encodeURIComponent('京东')}`)).toEqual(['T5', 'T1']);
    expect(await refs('?q=starbucks')).toEqual(['T3']);
    expect(await refs(`?q=${encodeURIComponent('工资')}`)).toEqual(['T4']);
    expect(await refs(`?q=${encodeURIComponent('100%')}`)).toEqual(['T4']);
    expect(await refs(`?q=${encodeURIComponent('%')}`)).toEqual(['T4']);
    expect(await refs(`?q=${encodeURIComponent('京东')}&to=2024-03-01`)).toEqual(['T1']);
  });

  it('pages a filtered list with the same filter', async () => {
    const first = body(await tx('?from=2024-03-01&limit=2'));
    expect(first.items.map((x: { externalId: string }) => x.externalId)).toEqual(['T5', 'T4']);
    const second = body(await tx(`?from=2024-03-01&limit=2&cursor=${first.nextCursor}`));
    expect(second.items.map((x: { externalId: string }) => x.externalId)).toEqual(['T3', 'T2']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a bad filter with a problem naming the field', async () => {
    for (const [query, field] of [
      ['?from=2024-13-01', 'querystring.from'],
      ['?to=yesterday', 'querystring.to'],
      ['?from=2024-03-05&to=2024-03-01', 'querystring.to'],
      [`?q=${'x'.repeat(101)}`, 'querystring.q'],
    ]) {
      const res = await admin.get(`/api/v1/customers/${customer.id}/transactions${query}`, { 'x-locale': 'en' });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(body(res).errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    const reversed = await admin.get(`/api/v1/customers/${customer.id}/transactions?from=2024-03-05&to=2024-03-01`, { 'x-locale': 'zh-CN' });
    expect(body(reversed).errors[0].message).toBe('结束日期不能早于开始日期');
  });
});
