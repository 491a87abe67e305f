import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin } from '#test/factories.ts';

/**
 * One customer keeps ¥50,000, US$10,000 and HK$1,000 on deposit, owes ¥100,000 on a card, has a
 * credit limit of US$10,000 and bought US$100 of goods. Hand-computed at US$1 = ¥7.1 with no rate
 * for the Hong Kong dollar: assets 50,000 + 71,000 = ¥121,000 (the HK$1,000 left out, not counted
 * as yuan); limit ¥71,000 against ¥100,000 owed: over the limit; spending ¥710.
 */
describe('exchange rates: totals across currencies are in yuan', async () => {
  const t = await buildTestApp();
  const { hq, client: admin } = await withAdmin(t);
  const clerk = await login(t, await buildUser(t, { role: 'customer_manager', orgUnit: hq }));
  let who: { id: number };
  const zh = { 'x-locale': 'zh-CN' };
  const credit = async () => body(await admin.get(`/api/v1/customers/${who.id}/credit`));
  const assets = async () => {
    await admin.post('/api/v1/credit/recompute');
    return (await credit()).score.explanation.find((f: { factor: string }) => f.factor === 'assets').value;
  };

  beforeAll(async () => {
    who = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '外币甲' }));
    await t.db.query(
      `insert into holdings (customer_id, external_id, kind, balance, currency) values
         ($1, 'FX-CNY', 'deposit', 50000, 'CNY'), ($1, 'FX-USD', 'deposit', 10000, 'USD'), ($1, 'FX-HKD', 'deposit', 1000, 'HKD'),
         ($1, 'FX-CARD', 'credit_card', 100000, 'CNY')`,
      [who.id],
    );
    await t.db.query(
      `insert into transactions (customer_id, external_id, occurred_at, amount, currency, direction) values ($1, 'FX-T1', now() - interval '2 days', 100, 'USD', 'debit')`,
      [who.id],
    );
    expect((await admin.put(`/api/v1/customers/${who.id}/credit/limit`, { amount: '10000.00', currency: 'USD' })).statusCode).toBe(204);
    await t.app.services.events.settle();
  });

  it('lists the base currency and the currencies kept without a rate', async () => {
    const list = body(await admin.get('/api/v1/exchange-rates'));
    expect(list.base).toBe('CNY');
    expect(list.rates).toEqual([expect.objectContaining({ currency: 'CNY', rate: '1.00000000', base: true })]);
    const example = [{ id: who.id, code: expect.any(String), name: '外币甲' }];
    expect(list.missing).toEqual([
      { currency: 'HKD', holdings: 1, transactions: 0, receivables: 0, creditLimits: 0, customers: 1, examples: example },
      { currency: 'USD', holdings: 1, transactions: 1, receivables: 0, creditLimits: 1, customers: 1, examples: example },
    ]);
    // The examples come from the reader's scope (an administrator's here); the counts stay whole.
    expect(body(await clerk.get('/api/v1/exchange-rates')).missing[1]).toMatchObject({ currency: 'USD', customers: 1, examples: [] });
    const branch = await buildOrgUnit(t, hq, { code: 'FX-BR', nameZh: '外币测试支行' });
    const outsider = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: branch }));
    expect(body(await outsider.get('/api/v1/exchange-rates')).missing[1]).toMatchObject({ currency: 'USD', customers: 1, examples: [] });
  });

  it("tells on the customer's credit which of his currencies have no rate, until one is set", async () => {
    expect((await credit()).unpricedCurrencies).toEqual(['HKD', 'USD']);
  });

  it('leaves amounts without a rate out of totals, and converts them once a rate is set', async () => {
    // Without rates the dollars are not counted as yuan.
    expect(await assets()).toBe(50000);
    expect((await credit()).limit).toMatchObject({ amount: '10000.00', currency: 'USD', amountInBase: null });

    const set = await admin.put('/api/v1/exchange-rates/usd', { rate: '7.1' });
    expect(set.statusCode).toBe(200);
    expect(body(set)).toMatchObject({ currency: 'USD', rate: '7.10000000', base: false });
    await t.app.services.events.settle();

    expect(await assets()).toBe(121000);
    const after = await credit();
    expect(after.limit).toMatchObject({ amount: '10000.00', currency: 'USD', amountInBase: '71000.00' });
    expect(after.exposure).toEqual({ outstanding: '0.00', debt: '100000.00' });
    expect(after.unpricedCurrencies).toEqual(['HKD']);
    const alerts = body(await admin.get('/api/v1/credit/alerts'));
    expect(alerts.find((a: { customerId: number; kind: string }) => a.customerId === who.id && a.kind === 'over_limit')).toMatchObject({ limit: '71000.00', exposure: '100000.00' });
    expect(body(await admin.get('/api/v1/exchange-rates')).missing.map((m: { currency: string }) => m.currency)).toEqual(['HKD']);
  });

  it('counts rule amounts in yuan', async () => {
    const rule = { holdings: { kind: ['deposit'] }, measure: 'balance', op: 'gte', value: 121000 };
    const preview = async () => body(await admin.post('/api/v1/tags/preview', { rule })).sample.map((s: { id: number }) => s.id);
    expect(await preview()).toContain(who.id);
    // HK$1,000 counts once it has a rate: ¥121,000 + ¥920 = ¥121,920.
    rule.value = 121500;
    expect(await preview()).not.toContain(who.id);
    await admin.put('/api/v1/exchange-rates/HKD', { rate: '0.92' });
    expect(await preview()).toContain(who.id);
    const spent = { transactions: { withinDays: 30, direction: 'debit' }, measure: 'sum', op: 'eq', value: 710 };
    expect(body(await admin.post('/api/v1/tags/preview', { rule: spent })).sample.map((s: { id: number }) => s.id)).toEqual([who.id]);
  });

  it('prices purchases in yuan for customer value', async () => {
    await admin.post('/api/v1/value/recompute');
    expect(body(await admin.get(`/api/v1/customers/${who.id}/value`)).current).toMatchObject({ frequency: 1, monetary: '710.00' });
    // A new rate reprices the history at the next recompute.
    await admin.put('/api/v1/exchange-rates/USD', { rate: '7.2' });
    await admin.post('/api/v1/value/recompute');
    expect(body(await admin.get(`/api/v1/customers/${who.id}/value`)).current).toMatchObject({ monetary: '720.00' });
  });

  it('records a change once, refuses the base currency and bad rates in the reader\'s language, and only administrators change rates', async () => {
    const entries = async () => body(await admin.get('/api/v1/audit?entity=exchange_rate')).filter((e: { entityId: string }) => e.entityId === 'USD').length;
    const before = await entries();
    // Full-width digits are read; repeating the same rate records nothing more.
    expect(body(await admin.put('/api/v1/exchange-rates/USD', { rate: '７.３' })).rate).toBe('7.30000000');
    expect(body(await admin.put('/api/v1/exchange-rates/USD', { rate: '7.3' })).rate).toBe('7.30000000');
    expect(await entries()).toBe(before + 1);

    const base = await admin.request('PUT', '/api/v1/exchange-rates/CNY', { rate: '2' }, zh);
    expect(base.statusCode).toBe(400);
    expect(body(base).errors[0]).toMatchObject({ field: 'params.currency', message: 'CNY 是本位币，汇率恒为 1' });
    for (const rate of ['0', '-1', 'abc', '1.123456789']) {
      const bad = await admin.request('PUT', '/api/v1/exchange-rates/EUR', { rate }, zh);
      expect(bad.statusCode, rate).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(body(bad).errors[0].field).toBe('body.rate');
      expect(body(bad).errors[0].message).toContain('大于 0');
    }
    expect((await admin.put('/api/v1/exchange-rates/E1R', { rate: '1' })).statusCode).toBe(400);
    expect((await clerk.put('/api/v1/exchange-rates/EUR', { rate: '7.7' })).statusCode).toBe(403);

    expect((await admin.delete('/api/v1/exchange-rates/HKD')).statusCode).toBe(204);
    expect((await admin.delete('/api/v1/exchange-rates/HKD')).statusCode).toBe(404);
    expect(body(await admin.get('/api/v1/exchange-rates')).missing.map((m: { currency: string }) => m.currency)).toEqual(['HKD']);
  });
  it('names currencies by ISO 4217 everywhere: rates, limits and imported accounts (a typo is refused, any real code is taken)', async () => {
    const typo = await admin.request('PUT', '/api/v1/exchange-rates/XYZ', { rate: '1' }, zh);
    expect(typo.statusCode).toBe(400);
    expect(body(typo).errors[0]).toMatchObject({ field: 'params.currency', message: '不是币种代码：请填 ISO 4217 三位字母代码，如 CNY、USD、HKD' });
    expect(body(await admin.put('/api/v1/exchange-rates/chf', { rate: '8.1' })).currency).toBe('CHF');

    const limit = await admin.put(`/api/v1/customers/${who.id}/credit/limit`, { amount: '10000.00', currency: 'UDS' });
    expect(limit.statusCode).toBe(400);
    expect(body(limit).errors[0].field).toBe('body.currency');
    // Full-width digits, as Chinese input methods type them.
    expect((await admin.put(`/api/v1/customers/${who.id}/credit/limit`, { amount: '２００００．５', currency: 'USD' })).statusCode).toBe(204);
    expect((await credit()).limit).toMatchObject({ amount: '20000.50', currency: 'USD' });
    // And as people say amounts: 2.5万, with separators; a currency sign is refused (the currency is its own field).
    expect((await admin.put(`/api/v1/customers/${who.id}/credit/limit`, { amount: '2.5万', currency: 'USD' })).statusCode).toBe(204);
    expect((await credit()).limit).toMatchObject({ amount: '25000.00', currency: 'USD' });
    expect((await admin.put(`/api/v1/customers/${who.id}/credit/limit`, { amount: '30,000.00', currency: 'USD' })).statusCode).toBe(204);
    for (const amount of ['¥30000', '-5', '1.005', 'abc']) {
      const bad = await admin.put(`/api/v1/customers/${who.id}/credit/limit`, { amount, currency: 'USD' });
      expect(bad.statusCode, amount).toBe(400);
      expect(body(bad).errors[0].field).toBe('body.amount');
    }

    const text = ['客户号,账号,产品类型,币种,余额', `${(await t.db.query<{ code: string }>('select code from customers where id = $1', [who.id]))[0]!.code},FX-CHF,定期,CHF,100`, `${'X'},FX-BAD,定期,XYZ,100`].join('\r\n') + '\r\n';
    const file = body(await admin.request('POST', '/api/v1/imports/files', text, { 'content-type': 'application/octet-stream', 'x-file-name': 'fx.csv' }));
    const run = body(await admin.request('POST', '/api/v1/imports?wait=true', { fileId: file.fileId, fileName: 'fx.csv', target: 'holdings', mapping: file.suggested.holdings, options: { sourceSystem: 'fx' }, policy: 'load_valid' }, zh)).run;
    expect(run).toMatchObject({ status: 'succeeded', rowsInserted: 1, rowsRejected: 1 });
    expect((await t.db.query('select currency from holdings where external_id = $1', ['FX-CHF']))[0]).toEqual({ currency: 'CHF' });
    const errors = body(await admin.request('GET', `/api/v1/imports/${run.id}/errors`, undefined, zh));
    expect(errors.items ?? errors).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'XYZ', message: expect.stringContaining('不是币种') })]));
  });
});
