import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { withAdmin, type Client } from '#test/factories.ts';

describe('import profiles', () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = (await withAdmin(t)).client;
  });

  const cards = { 客户号: 'customerCode', 账号: 'externalId', 产品类型: 'kind', 余额: 'balance' };

  it('remembers how a holdings file writes debts', async () => {
    const created = await admin.post('/api/v1/import-profiles', {
      name: '信用卡系统月度账户',
      target: 'holdings',
      mapping: cards,
      options: { sourceSystem: 'cards', policy: 'load_valid', debtSign: 'negative' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = body(created).id as number;
    expect(body(created).options).toEqual({ sourceSystem: 'cards', policy: 'load_valid', debtSign: 'negative' });

    const listed = body(await admin.get('/api/v1/import-profiles')).find((p: { id: number }) => p.id === id);
    expect(listed).toMatchObject({ name: '信用卡系统月度账户', target: 'holdings', mapping: cards, options: { sourceSystem: 'cards', policy: 'load_valid', debtSign: 'negative' } });

    // Saved again without it: the file writes debts as stored, and the profile says nothing of the sign.
    const updated = await admin.put(`/api/v1/import-profiles/${id}`, { name: '信用卡系统月度账户', target: 'holdings', mapping: cards, options: { sourceSystem: 'cards' } });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(body(updated).options).toEqual({ sourceSystem: 'cards' });
    const back = await admin.put(`/api/v1/import-profiles/${id}`, { name: '信用卡系统月度账户', target: 'holdings', mapping: cards, options: { debtSign: 'positive' } });
    expect(body(back).options).toEqual({ debtSign: 'positive' });
  });

  it('refuses a debt sign it does not know, naming the field', async () => {
    for (const [method, url] of [
      ['POST', '/api/v1/import-profiles'],
      ['PUT', `/api/v1/import-profiles/${body(await admin.post('/api/v1/import-profiles', { name: '核对符号', target: 'holdings', mapping: cards })).id}`],
    ] as const) {
      const bad = await admin.request(method, url, { name: '错误的符号', target: 'holdings', mapping: cards, options: { debtSign: 'minus' } }, { 'x-locale': 'en' });
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      // A known field with a wrong value, not an unknown field: the answer says which values it takes.
      expect(body(bad).errors).toEqual([{ field: 'body.options.debtSign', code: 'field.invalid_value', message: 'Must be one of: positive, negative' }]);
    }
    expect(body(await admin.get('/api/v1/import-profiles')).map((p: { name: string }) => p.name)).not.toContain('错误的符号');
  });
});
