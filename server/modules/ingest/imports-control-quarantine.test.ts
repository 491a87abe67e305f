import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';
import type { OrgUnitRow } from '#modules/identity/identity.repository.ts';

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

describe('import control totals, quarantine and contacts', () => {
  let t: TestApp;
  let admin: Client;
  let hq: OrgUnitRow;
  let branch: OrgUnitRow;

  async function upload(client: Client, text: string, fileName: string) {
    const res = await client.request('POST', '/api/v1/imports/files', text, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) });
    expect(res.statusCode, res.body).toBe(201);
    return body(res);
  }
  async function importFile(client: Client, text: string, fileName: string, target: string, extra: Record<string, unknown> = {}, locale = 'en') {
    const file = await upload(client, text, fileName);
    const res = await client.request('POST', '/api/v1/imports?wait=true', { fileId: file.fileId, fileName, target, mapping: file.suggested[target], ...extra }, { 'x-locale': locale });
    return { file, res };
  }
  const count = async (sql: string, params: unknown[] = []) => ((await t.db.query<{ n: number }>(sql, params))[0] as { n: number }).n;

  beforeAll(async () => {
    t = await buildTestApp();
    const setup = await withAdmin(t);
    admin = setup.client;
    hq = setup.hq;
    branch = await buildOrgUnit(t, hq, { code: 'CT01', nameZh: '常州分行' });
  });

  describe('control totals', () => {
    const txns = csv([
      ['交易流水号', '客户号', '交易时间', '交易金额'],
      ['C1', 'CT-NOBODY', '2026-11-01', '0.10'],
      ['C2', 'CT-NOBODY', '2026-11-01', '0.20'],
      ['C3', 'CT-NOBODY', '2026-11-01', '"-1,000.00"'],
    ]);

    it('loads a file whose row count and amount sum agree, comparing the sum exactly (0.1 + 0.2 is 0.3)', async () => {
      const { res } = await importFile(admin, txns, 'ok.csv', 'transactions', { options: { sourceSystem: 'ctl' }, controlTotals: { rows: 3, amountSum: '-999.7' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(body(res).run).toMatchObject({ status: 'succeeded', rowsRead: 3, rowsQuarantined: 3, controlRows: 3, controlAmountSum: '-999.7', amountSum: '-999.70', controlMatched: true });
      // Without control totals the sum is still recorded.
      const plain = await importFile(admin, txns, 'ok.csv', 'transactions', { options: { sourceSystem: 'ctl2' } });
      expect(body(plain.res).run).toMatchObject({ controlRows: null, controlAmountSum: null, amountSum: '-999.70', controlMatched: null });
    });

    it('loads nothing when they differ, whatever the policy, and says what was expected and found in the reader language', async () => {
      const before = await count(`select count(*)::int as n from import_quarantine`);
      const rows = await importFile(admin, txns, 'rows.csv', 'transactions', { options: { sourceSystem: 'ctl3' }, policy: 'load_valid', controlTotals: { rows: 4 } }, 'zh-CN');
      expect(body(rows.res).run).toMatchObject({ status: 'failed', rowsRead: 3, rowsInserted: 0, rowsQuarantined: 0, controlRows: 4, controlMatched: false });
      expect(body(rows.res).run.error).toBe('控制总数不符（行数：应为 4，实际 3），未载入任何数据');
      expect(await count(`select count(*)::int as n from import_quarantine`)).toBe(before);

      const en = await admin.request('POST', '/api/v1/imports?wait=true', { fileId: rows.file.fileId, target: 'transactions', mapping: rows.file.suggested.transactions, options: { sourceSystem: 'ctl3' }, controlTotals: { rows: 3, amountSum: '-999.71' } }, { 'x-locale': 'en' });
      expect(body(en).run).toMatchObject({ status: 'failed', amountSum: '-999.70', controlAmountSum: '-999.71', controlMatched: false });
      // Written as a sending system's report writes it, the sum is read as the file's amounts are.
      const report = await admin.request('POST', '/api/v1/imports?wait=true', { fileId: rows.file.fileId, target: 'transactions', mapping: rows.file.suggested.transactions, options: { sourceSystem: 'ctl3' }, controlTotals: { rows: 3, amountSum: '－９９９．７１' } });
      expect(body(report).run).toMatchObject({ status: 'failed', controlAmountSum: '-999.71', controlMatched: false });
      expect(body(en).run.error).toBe('The control totals do not match (amount sum: expected -999.71, found -999.70); nothing was loaded');
      expect(await count(`select count(*)::int as n from import_quarantine`)).toBe(before);

      // Customers: a row count is checked too.
      const people = await importFile(admin, csv([['姓名', '手机'], ['控制甲', '13800238001']]), 'p.csv', 'customers', { controlTotals: { rows: 2 } });
      expect(body(people.res).run).toMatchObject({ status: 'failed', controlMatched: false, rowsInserted: 0 });
      expect(body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('控制甲')}`)).items).toEqual([]);
    });

    it('answers the earlier run of the same file only when it agrees with the control totals given now', async () => {
      const file = csv([['姓名', '手机'], ['控制乙', '13800238002']]);
      const first = await importFile(admin, file, 'q.csv', 'customers', { options: { sourceSystem: 'ctl4' } });
      expect(body(first.res).run.status).toBe('succeeded');
      const same = await importFile(admin, file, 'q.csv', 'customers', { options: { sourceSystem: 'ctl4' }, controlTotals: { rows: 1 } });
      expect(body(same.res)).toMatchObject({ alreadyImported: true, run: { id: body(first.res).run.id } });
      const wrong = await importFile(admin, file, 'q.csv', 'customers', { options: { sourceSystem: 'ctl4' }, controlTotals: { rows: 5 } });
      expect(body(wrong.res)).toMatchObject({ alreadyImported: false, run: { status: 'failed', controlMatched: false } });
    });

    it('refuses control totals that cannot be checked, naming the field', async () => {
      const people = await upload(admin, csv([['姓名'], ['某人']]), 'x.csv');
      const noAmount = await admin.request('POST', '/api/v1/imports', { fileId: people.fileId, target: 'customers', mapping: { 姓名: 'name' }, controlTotals: { amountSum: '10' } }, { 'x-locale': 'en' });
      expect(noAmount.statusCode).toBe(400);
      expect(noAmount.headers['content-type']).toContain('application/problem+json');
      expect(body(noAmount).errors).toEqual([expect.objectContaining({ field: 'body.controlTotals.amountSum', code: 'import.control.no_amount' })]);
      const file = await upload(admin, txns, 'y.csv');
      const notDecimal = await admin.request('POST', '/api/v1/imports', { fileId: file.fileId, target: 'transactions', mapping: file.suggested.transactions, controlTotals: { amountSum: '1.2.3' } }, { 'x-locale': 'zh-CN' });
      expect(body(notDecimal).errors[0]).toMatchObject({ field: 'body.controlTotals.amountSum', message: '金额合计请写成数字，例如 1234.56 或 1,234.56' });
      const negative = await admin.post('/api/v1/imports', { fileId: file.fileId, target: 'transactions', mapping: file.suggested.transactions, controlTotals: { rows: -1 } });
      expect(body(negative).errors[0].field).toBe('body.controlTotals.rows');
      const holdings = await upload(admin, csv([['客户号', '账号', '产品类型'], ['X', 'A1', '存款']]), 'h.csv');
      const unmapped = await admin.post('/api/v1/imports', { fileId: holdings.fileId, target: 'holdings', mapping: holdings.suggested.holdings, controlTotals: { amountSum: '0' } });
      expect(body(unmapped).errors[0]).toMatchObject({ field: 'body.controlTotals.amountSum', code: 'import.control.amount_unmapped' });
    });
  });

  describe('quarantine', () => {
    const lines = csv([
      ['交易流水号', '客户号', '交易时间', '交易金额', '借贷标志'],
      ['Q1', 'QC001', '2026-11-01 09:00:00', '100.00', '借'],
      ['Q2', 'QC002', '2026-11-02 10:00:00', '"2,000.50"', '贷'],
      ['Q3', 'QC003', '2026-11-03', '-3', ''],
    ]);

    it('lists what a run quarantined and all open rows, pages them, and loads them once their customers are there', async () => {
      const first = await importFile(admin, lines, 'q.csv', 'transactions', { options: { sourceSystem: 'qsys' } });
      const run = body(first.res).run;
      expect(run).toMatchObject({ status: 'succeeded', rowsQuarantined: 3 });
      // The same file again: its rows are quarantined a second time.
      const again = body((await importFile(admin, lines, 'q.csv', 'transactions', { options: { sourceSystem: 'qsys' }, force: true })).res).run;
      expect(again.rowsQuarantined).toBe(3);

      const page = body(await admin.request('GET', `/api/v1/imports/${run.id}/quarantine?limit=2`, undefined, { 'x-locale': 'en' }));
      expect(page.items.map((i: { rowNo: number }) => i.rowNo)).toEqual([2, 3]);
      expect(page.items[0]).toMatchObject({ runId: run.id, target: 'transactions', reason: 'unknown_customer', message: 'Customer not in the CRM yet', customerCode: 'QC001', externalId: 'Q1', status: 'open', sourceSystem: 'qsys' });
      expect(page.items[1].values).toMatchObject({ amount: '2000.5', direction: 'credit' });
      expect(page.open).toBe(3);
      const rest = body(await admin.get(`/api/v1/imports/${run.id}/quarantine?limit=2&cursor=${page.nextCursor}`));
      expect(rest.items.map((i: { rowNo: number }) => i.rowNo)).toEqual([4]);
      expect(rest.nextCursor).toBeNull();
      const open = body(await admin.get('/api/v1/import-quarantine?status=open&target=transactions&limit=200'));
      expect(open.items.filter((i: { externalId: string }) => /^Q\d$/.test(i.externalId))).toHaveLength(6);
      expect(open.items[0].runId).toBe(again.id);

      // Nothing is known yet: everything stays, and the try leaves no empty run in the history.
      const runsBefore = await count(`select count(*)::int as n from import_runs`);
      const none = body(await admin.post('/api/v1/import-quarantine/reprocess', { runId: run.id }));
      expect(none).toMatchObject({ tried: 3, resolved: 0, open: 3, runs: [] });
      expect(await count(`select count(*)::int as n from import_runs`)).toBe(runsBefore);

      // Two of the three customers arrive.
      await importFile(admin, csv([['客户号', '姓名'], ['QC001', '隔离甲'], ['QC002', '隔离乙']]), 'c.csv', 'customers', { options: { sourceSystem: 'qsys' } });
      const done = await admin.post('/api/v1/import-quarantine/reprocess', {});
      expect(done.statusCode, done.body).toBe(200);
      const result = body(done);
      // All open rows are tried (those of the control-totals tests above too), one source system at a
      // time; only the source system where something happened keeps a run.
      expect(result).toMatchObject({ tried: 12, resolved: 4, open: 8 });
      expect(result.runs.map((r: { options: { sourceSystem: string } }) => r.options.sourceSystem)).toEqual(['qsys']);
      const qsys = result.runs[0];
      // The newest copy of each row is loaded; the older copy is resolved with it.
      expect(qsys).toMatchObject({ rowsRead: 6, rowsInserted: 2, rowsUnchanged: 2, rowsQuarantined: 2, rowsRejected: 0, options: { sourceSystem: 'qsys' } });
      const jia = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('隔离甲')}`)).items[0];
      const booked = body(await admin.get(`/api/v1/customers/${jia.id}/transactions`)).items;
      expect(booked.map((i: { externalId: string; amount: string; direction: string }) => [i.externalId, i.amount, i.direction])).toEqual([['Q1', '100.00', 'debit']]);
      expect(booked[0].occurredAt).toBe('2026-11-01T01:00:00.000Z');

      const after = body(await admin.get(`/api/v1/imports/${run.id}/quarantine`));
      expect(after.items.map((i: { status: string }) => i.status)).toEqual(['resolved', 'resolved', 'open']);
      expect(after.items[0].resolvedRunId).toBe(qsys.id);
      expect(body(await admin.get(`/api/v1/imports/${run.id}/quarantine?status=open`)).items).toHaveLength(1);

      // Twice changes nothing: the resolved rows are not tried again, nothing is booked twice.
      const twice = body(await admin.post('/api/v1/import-quarantine/reprocess', {}));
      expect(twice).toMatchObject({ tried: 8, resolved: 0, open: 8, runs: [] });
      expect(await count(`select count(*)::int as n from transactions where source_system = 'qsys'`)).toBe(2);
      const audit = await count(`select count(*)::int as n from audit_log where entity = 'import_run' and entity_id = $1::text`, [String(qsys.id)]);
      expect(audit).toBe(1);
    });

    it('leaves rows of customers outside the importer scope open, and needs data:import', async () => {
      await importFile(admin, csv([['客户号', '账号', '产品类型', '余额'], ['QS001', 'QA-1', '存款', '10.00']]), 'h.csv', 'holdings', { options: { sourceSystem: 'qscope' } });
      await importFile(admin, csv([['客户号', '姓名', '机构号'], ['QS001', '总行客户', hq.code]]), 'c.csv', 'customers', { options: { sourceSystem: 'qscope' } });
      const role = await admin.post('/api/v1/roles', { key: 'q_importer', nameZh: '分行导入', nameEn: 'Branch importer', permissions: ['customer:read', 'customer:create', 'customer:update', 'data:import'], dataScope: 'unit_and_below' });
      expect(role.statusCode, role.body).toBe(201);
      const importer = await login(t, await buildUser(t, { role: 'q_importer', orgUnit: branch }));
      const tried = body(await importer.post('/api/v1/import-quarantine/reprocess', {}));
      const run = tried.runs.find((r: { target: string }) => r.target === 'holdings');
      expect(run).toMatchObject({ rowsRejected: 1, rowsInserted: 0 });
      const errors = body(await importer.get(`/api/v1/imports/${run.id}/errors`));
      expect(errors[0].code).toBe('import.row.out_of_scope');
      expect(body(await admin.get('/api/v1/import-quarantine?target=holdings')).items.some((i: { externalId: string }) => i.externalId === 'QA-1')).toBe(true);
      // The administrator may: it loads.
      const loaded = body(await admin.post('/api/v1/import-quarantine/reprocess', {}));
      expect(loaded.runs.find((r: { target: string }) => r.target === 'holdings')).toMatchObject({ rowsInserted: 1 });

      const clerk = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: branch }));
      expect((await clerk.get('/api/v1/import-quarantine')).statusCode).toBe(403);
      expect((await clerk.post('/api/v1/import-quarantine/reprocess', {})).statusCode).toBe(403);
      expect((await admin.get('/api/v1/imports/999999/quarantine')).statusCode).toBe(404);
      expect((await admin.post('/api/v1/import-quarantine/reprocess', { runId: 999999 })).statusCode).toBe(404);
      const bad = await admin.get('/api/v1/import-quarantine?status=closed');
      expect(bad.statusCode).toBe(400);
      expect(body(bad).errors[0].field).toBe('querystring.status');
    });
  });

  describe('contacts in customer files', () => {
    const file = (rows: string[][]) => csv([['客户号', '客户名称', '联系人', '联系人手机', '联系人关系', '联系人邮箱'], ...rows]);

    it('maps Chinese contact headers, adds each contact once, fills in and adds, and reports bad values by column', async () => {
      const up = await upload(admin, file([]), 'k0.csv');
      expect(up.suggested.customers).toMatchObject({ 联系人: 'contact.name', 联系人手机: 'contact.mobile', 联系人关系: 'contact.title', 联系人邮箱: 'contact.email' });

      const first = await importFile(admin, file([['KC1', '常州精工有限公司', '刘会计', '１３９ ０１３９ ０００１', '财务负责人', 'LIU@EXAMPLE.COM'], ['KC2', '钱多多', '', '', '', '']]), 'k1.csv', 'customers', { options: { sourceSystem: 'kc' } });
      expect(body(first.res).run).toMatchObject({ status: 'succeeded', rowsInserted: 2 });
      const company = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('常州精工')}`)).items[0];
      const detail = body(await admin.get(`/api/v1/customers/${company.id}`));
      expect(detail.contacts).toEqual([expect.objectContaining({ name: '刘会计', title: '财务负责人', mobile: '+8613901390001', email: 'liu@example.com', isPrimary: true })]);
      const qian = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('钱多多')}`)).items[0];
      expect(body(await admin.get(`/api/v1/customers/${qian.id}`)).contacts).toEqual([]);

      // The same file again: nothing new, not even a second contact.
      const again = await importFile(admin, file([['KC1', '常州精工有限公司', '刘会计', '13901390001', '财务负责人', 'liu@example.com'], ['KC2', '钱多多', '', '', '', '']]), 'k2.csv', 'customers', { options: { sourceSystem: 'kc' } });
      expect(body(again.res).run).toMatchObject({ rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 2 });
      expect(await count(`select count(*)::int as n from contacts where customer_id = $1`, [company.id])).toBe(1);

      // A new contact of a known customer is an update of him; a changed email of the same mobile fills in.
      const qianBefore = body(await admin.get(`/api/v1/customers/${qian.id}`));
      const more = await importFile(admin, file([['KC1', '常州精工有限公司', '刘会计', '+86 139 0139 0001', '财务总监', 'liu2@example.com'], ['KC2', '钱多多', '钱太太', '13901390002', '配偶', '']]), 'k3.csv', 'customers', { options: { sourceSystem: 'kc' } });
      expect(body(more.res).run).toMatchObject({ rowsInserted: 0, rowsUpdated: 2, rowsUnchanged: 0 });
      expect(body(await admin.get(`/api/v1/customers/${company.id}`)).contacts).toEqual([expect.objectContaining({ name: '刘会计', title: '财务总监', email: 'liu2@example.com', isPrimary: true })]);
      expect(body(await admin.get(`/api/v1/customers/${qian.id}`)).contacts).toEqual([expect.objectContaining({ name: '钱太太', title: '配偶', mobile: '+8613901390002', isPrimary: true })]);
      // Only his contacts changed: the customer record itself is left as it was.
      expect(body(await admin.get(`/api/v1/customers/${qian.id}`))).toMatchObject({ version: qianBefore.version, updatedAt: qianBefore.updatedAt });

      const bad = await importFile(admin, file([['KC3', '孙某', '孙某某', '12345', '', ''], ['KC4', '李某', '', '13901390004', '', '']]), 'k4.csv', 'customers', { options: { sourceSystem: 'kc' } });
      expect(body(bad.res).run).toMatchObject({ status: 'rejected', rowsRejected: 2 });
      const errors = body(await admin.get(`/api/v1/imports/${body(bad.res).run.id}/errors`));
      expect(errors).toEqual([
        expect.objectContaining({ rowNo: 2, column: '联系人手机', value: '12345' }),
        expect.objectContaining({ rowNo: 3, column: '联系人', code: 'field.required' }),
      ]);
    });

    it('shows the contact in the preview and needs the contact name column', async () => {
      const up = await upload(admin, file([['KC9', '预览客户', '周经理', '13901390009', '', '']]), 'k5.csv');
      const preview = body(await admin.post('/api/v1/imports/preview', { fileId: up.fileId, target: 'customers', mapping: up.suggested.customers }));
      expect(preview.rows[0].values.contact).toEqual({ name: '周经理', title: null, mobile: '+8613901390009', phone: null, email: null });
      // The customer manager a row names is given by name, not by his number.
      const manager = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
      const managed = await upload(admin, csv([['客户名称', '客户经理'], ['经理客户', manager.username]]), 'k5m.csv');
      const named = body(await admin.post('/api/v1/imports/preview', { fileId: managed.fileId, target: 'customers', mapping: managed.suggested.customers }));
      expect(named.rows[0].values.ownerId).toBe(manager.id);
      expect(named.owners).toEqual([{ id: manager.id, username: manager.username, displayName: `测试${manager.username}` }]);
      const noName = await admin.post('/api/v1/imports/preview', { fileId: up.fileId, target: 'customers', mapping: { 客户名称: 'name', 联系人手机: 'contact.mobile' } });
      expect(noName.statusCode).toBe(400);
      expect(body(noName).errors).toEqual([expect.objectContaining({ field: 'body.mapping', code: 'import.mapping.required' })]);
      const fields = body(await admin.get('/api/v1/imports/fields')).customers.map((f: { key: string }) => f.key);
      expect(fields).toEqual(expect.arrayContaining(['contact.name', 'contact.title', 'contact.mobile', 'contact.phone', 'contact.email']));
      const dictionary = body(await admin.get('/api/v1/data-dictionary'));
      expect(dictionary).toContainEqual(expect.objectContaining({ entity: 'contact', field: 'mobile' }));
    });

    it('names the existing customer of a duplicate, so the two can be opened or merged', async () => {
      await importFile(admin, csv([['姓名', '手机'], ['重复甲', '13901391111']]), 'd1.csv', 'customers');
      const holder = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('重复甲')}`)).items[0];
      const dup = await importFile(admin, csv([['姓名', '手机'], ['重复乙', '13901391111']]), 'd2.csv', 'customers');
      const errors = body(await admin.get(`/api/v1/imports/${body(dup.res).run.id}/errors`));
      expect(errors[0]).toMatchObject({ code: 'import.row.duplicate', duplicate: { customerId: holder.id, sourceId: null } });
      // Emails are compared without case.
      await importFile(admin, csv([['姓名', '邮箱'], ['重复丙', 'Dup.Holder@Example.com']]), 'd3.csv', 'customers');
      const emailHolder = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('重复丙')}`)).items[0];
      const byEmail = await importFile(admin, csv([['姓名', '邮箱'], ['重复丁', 'dup.holder@example.COM']]), 'd4.csv', 'customers');
      const emailErrors = body(await admin.get(`/api/v1/imports/${body(byEmail.res).run.id}/errors`));
      expect(emailErrors[0]).toMatchObject({ code: 'import.row.duplicate', column: '邮箱', duplicate: { customerId: emailHolder.id } });
    });
  });
});
