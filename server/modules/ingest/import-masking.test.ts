import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildUser, login, withAdmin, type Client } from '#test/factories.ts';

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

/**
 * The import pages follow the reader's field rules as the customer 360 does: a role may hold
 * data:import and still be meant to see account numbers, ID numbers and mobiles masked.
 */
describe('import pages mask what the customer 360 masks', () => {
  let t: TestApp;
  let admin: Client;
  /** data:import, with the ID number and mobile masked (as the head-office analyst has them). */
  let masked: Client;
  let customerId: number;
  let hq: Awaited<ReturnType<typeof withAdmin>>['hq'];

  async function upload(client: Client, text: string, fileName: string) {
    const res = await client.request('POST', '/api/v1/imports/files', text, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) });
    expect(res.statusCode, res.body).toBe(201);
    return body(res);
  }
  async function preview(client: Client, file: { fileId: string; suggested: Record<string, Record<string, string>> }, target: string, extra: Record<string, unknown> = {}) {
    const res = await client.request('POST', '/api/v1/imports/preview', { fileId: file.fileId, target, mapping: file.suggested[target], ...extra }, { 'x-locale': 'en' });
    expect(res.statusCode, res.body).toBe(200);
    return body(res);
  }
  async function importFile(client: Client, text: string, fileName: string, target: string, extra: Record<string, unknown> = {}) {
    const file = await upload(client, text, fileName);
    const res = await client.post('/api/v1/imports?wait=true', { fileId: file.fileId, fileName, target, mapping: file.suggested[target], ...extra });
    expect(res.statusCode, res.body).toBe(200);
    return { file, run: body(res).run };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const setup = await withAdmin(t);
    admin = setup.client;
    hq = setup.hq;
    const role = await admin.post('/api/v1/roles', {
      key: 'masked_importer',
      nameZh: '数据导入员',
      nameEn: 'Data importer',
      permissions: ['customer:read', 'customer:create', 'customer:update', 'data:import'],
      dataScope: 'all',
      fieldRules: { idNumber: 'masked', mobile: 'masked' },
    });
    expect(role.statusCode, role.body).toBe(201);
    masked = await login(t, await buildUser(t, { role: 'masked_importer', orgUnit: setup.hq }));
    await importFile(admin, csv([['客户号', '姓名'], ['MK001', '掩码客户']]), 'c.csv', 'customers', { options: { sourceSystem: 'mk' } });
    [{ id: customerId }] = (await t.db.query<{ id: number }>(`select id::int as id from customers where code = 'MK001'`)) as [{ id: number }];
  });

  it('masks account numbers in the preview and the quarantine of holdings, as the holdings panel does', async () => {
    const text = csv([
      ['客户号', '账号', '产品类型', '余额'],
      ['MK001', '6222020200112642', '活期', '10.00'],
      ['MK-NOBODY', '6222020200119999', '活期', '5.00'],
    ]);
    const file = await upload(masked, text, 'h.csv');
    const seen = await preview(masked, file, 'holdings', { options: { sourceSystem: 'mk' } });
    expect(seen.rows.map((r: { action: string; values: { externalId: string }; masked: string[] }) => [r.action, r.values.externalId, r.masked])).toEqual([
      ['insert', '****2642', ['externalId']],
      ['quarantine', '****9999', ['externalId']],
    ]);
    // Only the account number: the rest of the row is as it will be stored.
    expect(seen.rows[0].values).toMatchObject({ customerId, kind: 'deposit', balance: '10' });
    const whole = await preview(admin, file, 'holdings', { options: { sourceSystem: 'mk' } });
    expect(whole.rows.map((r: { values: { externalId: string }; masked: string[] }) => [r.values.externalId, r.masked])).toEqual([
      ['6222020200112642', []],
      ['6222020200119999', []],
    ]);

    const run = body(await masked.post('/api/v1/imports?wait=true', { fileId: file.fileId, target: 'holdings', mapping: file.suggested.holdings, options: { sourceSystem: 'mk' }, policy: 'load_valid' })).run;
    expect(run).toMatchObject({ status: 'succeeded', rowsInserted: 1, rowsQuarantined: 1 });
    // The same account number as the customer's own page shows it to the same reader.
    const panel = body(await masked.get(`/api/v1/customers/${customerId}/holdings`));
    expect(panel.map((h: { externalId: string }) => h.externalId)).toEqual(['****2642']);

    const quarantined = body(await masked.get(`/api/v1/imports/${run.id}/quarantine`)).items;
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({ externalId: '****9999', values: { externalId: '****9999', balance: '5' }, masked: ['externalId'], customerCode: 'MK-NOBODY' });
    const open = body(await masked.get('/api/v1/import-quarantine?target=holdings')).items.find((i: { runId: number }) => i.runId === run.id);
    expect(open).toMatchObject({ externalId: '****9999', masked: ['externalId'] });
    const adminView = body(await admin.get(`/api/v1/imports/${run.id}/quarantine`)).items[0];
    expect(adminView).toMatchObject({ externalId: '6222020200119999', values: { externalId: '6222020200119999' }, masked: [] });
  });

  it('masks the account a transaction was booked on, not the transaction id', async () => {
    const text = csv([
      ['交易流水号', '客户号', '账号', '交易时间', '交易金额'],
      ['MT-1', 'MK001', '6222020200112642', '2026-11-01 09:00', '1.00'],
      ['MT-2', 'MK-NOBODY', '6222020200119999', '2026-11-01 10:00', '2.00'],
    ]);
    const file = await upload(masked, text, 't.csv');
    const seen = await preview(masked, file, 'transactions', { options: { sourceSystem: 'mk' } });
    expect(seen.rows.map((r: { values: { externalId: string; holdingExternalId: string }; masked: string[] }) => [r.values.externalId, r.values.holdingExternalId, r.masked])).toEqual([
      ['MT-1', '****2642', ['holdingExternalId']],
      ['MT-2', '****9999', ['holdingExternalId']],
    ]);
    expect((await preview(admin, file, 'transactions', { options: { sourceSystem: 'mk' } })).rows[0].values.holdingExternalId).toBe('6222020200112642');

    const run = body(await masked.post('/api/v1/imports?wait=true', { fileId: file.fileId, target: 'transactions', mapping: file.suggested.transactions, options: { sourceSystem: 'mk' } })).run;
    expect(run).toMatchObject({ status: 'succeeded', rowsInserted: 1, rowsQuarantined: 1 });
    const [item] = body(await masked.get(`/api/v1/imports/${run.id}/quarantine`)).items;
    expect(item).toMatchObject({ externalId: 'MT-2', values: { externalId: 'MT-2', holdingExternalId: '****9999' }, masked: ['holdingExternalId'] });
    expect(body(await admin.get(`/api/v1/imports/${run.id}/quarantine`)).items[0].values.holdingExternalId).toBe('6222020200119999');
  });

  it("masks a customer file's ID numbers and mobiles in the preview's errors, and contacts' mobiles in its rows", async () => {
    const text = csv([
      ['姓名', '证件号码', '手机', '联系人', '联系人手机'],
      ['掩码甲', '11010519491231002X', '13800138001', '掩码甲之妻', '13800138002'],
    ]);
    const file = await upload(masked, text, 'p.csv');
    // A role that masks a field may not set it: the values come back in the errors, masked as its record shows them.
    const seen = await preview(masked, file, 'customers');
    expect(seen.rows).toEqual([]);
    expect(seen.errors).toEqual([
      expect.objectContaining({ rowNo: 2, column: '证件号码', value: '110105********002X', code: 'field.not_editable' }),
      expect.objectContaining({ rowNo: 2, column: '手机', value: '138****8001', code: 'field.not_editable' }),
    ]);
    const whole = await preview(admin, file, 'customers');
    expect(whole.errors).toEqual([]);
    expect(whole.rows[0].values).toMatchObject({ idNumber: '11010519491231002X', mobile: '+8613800138001', birthDate: '1949-12-31', contact: { name: '掩码甲之妻', mobile: '+8613800138002' } });
    expect(whole.rows[0].masked).toEqual([]);

    const contacts = await upload(masked, csv([['姓名', '联系人', '联系人手机'], ['掩码乙', '掩码乙之夫', '13800138003']]), 'k.csv');
    const row = (await preview(masked, contacts, 'customers')).rows[0];
    expect(row.values).toMatchObject({ name: '掩码乙', contact: { name: '掩码乙之夫', mobile: '138****8003' } });
    expect(row.masked).toEqual(['contact.mobile']);
  });

  it("masks a run's errors and error report; the rejected rows to correct and import again stay whole", async () => {
    const text = csv([
      ['客户号', '账号', '产品类型', '余额'],
      ['MK001', '6222020200113333', '活期', '1.00'],
      ['MK001', '6222020200113333', '活期', '2.00'],
    ]);
    const { run } = await importFile(masked, text, 'dup.csv', 'holdings', { options: { sourceSystem: 'mk' } });
    expect(run).toMatchObject({ status: 'rejected', rowsRejected: 1 });

    const errors = body(await masked.request('GET', `/api/v1/imports/${run.id}/errors`, undefined, { 'x-locale': 'en' }));
    expect(errors).toEqual([expect.objectContaining({ rowNo: 3, column: '账号', value: '****3333', message: 'Same as row 2 of this file' })]);
    expect(body(await admin.get(`/api/v1/imports/${run.id}/errors`))[0].value).toBe('6222020200113333');

    const report = (await masked.request('GET', `/api/v1/imports/${run.id}/errors.csv`, undefined, { 'x-locale': 'en' })).body;
    expect(report).toContain('3,账号,****3333,Same as row 2 of this file');
    expect(report).not.toContain('6222020200113333');
    expect((await admin.get(`/api/v1/imports/${run.id}/errors.csv`)).body).toContain('6222020200113333');

    // A masked account number imported again would be refused, or stored as a new account: these stay
    // as the file has them, for the one who ran the import (he had the file) …
    const rejected = (await masked.request('GET', `/api/v1/imports/${run.id}/rejected-rows.csv`, undefined, { 'x-locale': 'en' })).body;
    expect(rejected).toContain('MK001,\t6222020200113333,活期,2.00,');
    // The tab that keeps Excel from spoiling the number is gone once the file is imported again.
    const again = await importFile(masked, rejected, 'again.csv', 'holdings', { options: { sourceSystem: 'mk' } });
    expect(again.run).toMatchObject({ status: 'succeeded', rowsInserted: 1 });
    expect(await t.db.query(`select external_id from holdings where external_id like '%6222020200113333%'`)).toEqual([{ external_id: '6222020200113333' }]);
    expect(body(await masked.get(`/api/v1/imports/${run.id}`)).rejectedRowsAllowed).toBe(true);
    // … and for readers who see every field whole, but not for a colleague whose role masks them.
    expect(body(await admin.get(`/api/v1/imports/${run.id}`)).rejectedRowsAllowed).toBe(true);
    expect((await admin.get(`/api/v1/imports/${run.id}/rejected-rows.csv`)).body).toContain('6222020200113333');
    const colleague = await login(t, await buildUser(t, { role: 'masked_importer', orgUnit: hq }));
    expect(body(await colleague.get(`/api/v1/imports/${run.id}`)).rejectedRowsAllowed).toBe(false);
    expect(body(await colleague.get('/api/v1/imports')).find((r: { id: number }) => r.id === run.id).rejectedRowsAllowed).toBe(false);
    const refused = await colleague.request('GET', `/api/v1/imports/${run.id}/rejected-rows.csv`, undefined, { 'x-locale': 'en' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).not.toContain('6222020200113333');
    expect(body(refused).title).toContain('ask 测试');
    // A file that fills no field his role masks: its rows are his to take.
    const names = await importFile(admin, csv([['客户号', '姓名'], ['MK009', '']]), 'names.csv', 'customers', { options: { sourceSystem: 'mk' } });
    expect(names.run.status).toBe('rejected');
    expect((await colleague.get(`/api/v1/imports/${names.run.id}/rejected-rows.csv`)).statusCode).toBe(200);
  });
});
