import { describe, it, expect, beforeAll } from 'vitest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';
import type { OrgUnitRow } from '#modules/identity/identity.repository.ts';
import { TARGET_FIELDS } from './targets.ts';

/** The stored values an export and a re-import must leave as they were. */
const ROUND_TRIP_COLUMNS = `kind, name, name_en, gender, birth_date::text, id_type, id_number, mobile, phone, email, province_code, city_code, district_code,
  address, postal_code, industry, size, status, source_channel, org_unit_id, owner_id, custom, version`;

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

describe('imports', () => {
  let t: TestApp;
  let admin: Client;
  let hq: OrgUnitRow;
  let branch: OrgUnitRow;

  async function upload(client: Client, bytes: Buffer | string, fileName: string) {
    return client.request('POST', '/api/v1/imports/files', bytes, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) });
  }
  async function importFile(client: Client, bytes: Buffer | string, fileName: string, target: string, extra: Record<string, unknown> = {}) {
    const up = await upload(client, bytes, fileName);
    expect(up.statusCode, up.body).toBe(201);
    const file = body(up);
    const res = await client.post('/api/v1/imports?wait=true', { fileId: file.fileId, fileName, target, mapping: file.suggested[target], ...extra });
    return { file, res };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const setup = await withAdmin(t);
    admin = setup.client;
    hq = setup.hq;
    branch = await buildOrgUnit(t, hq, { code: 'SZ01', nameZh: '苏州分行' });
  });

  it('reads a GBK file exported by Chinese Excel, maps its Chinese headers and loads normalised customers', async () => {
    const file = iconv.encode(
      csv([
        ['核心客户号', '客户名称', '证件号码', '手机号码', '出生日期', '性别', '所属机构', '邮箱'],
        ['K0001', '王晓明', '11010519491231002X', '１３８ ００１３ ８０００', '1949年12月31日', '男', 'SZ01', 'WANG@EXAMPLE.COM'],
        ['K0002', '苏州青松软件有限公司', '', '+86-139-0013-9000', '', '', 'SZ01', ''],
        ['K0003', '欧阳娜娜', '', '13700137001', '2001/2/3', '女', '', ''],
      ]),
      'gbk',
    );
    const { file: inspected, res } = await importFile(admin, file, '客户名单.csv', 'customers', { options: { sourceSystem: 'core' } });
    expect(inspected).toMatchObject({ format: 'csv', encoding: 'GB18030', delimiter: ',', suggestedTarget: 'customers' });
    expect(inspected.headers[1]).toBe('客户名称');
    expect(inspected.suggested.customers).toMatchObject({ 核心客户号: 'externalId', 客户名称: 'name', 证件号码: 'idNumber', 手机号码: 'mobile', 出生日期: 'birthDate', 所属机构: 'orgUnitCode' });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res).run).toMatchObject({ status: 'succeeded', rowsRead: 3, rowsInserted: 3, rowsRejected: 0, encoding: 'GB18030' });

    const found = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('晓明')}`)).items;
    expect(found).toHaveLength(1);
    const wang = body(await admin.get(`/api/v1/customers/${found[0].id}`));
    expect(wang).toMatchObject({ mobile: '+8613800138000', birthDate: '1949-12-31', gender: 'male', email: 'wang@example.com', orgUnitId: branch.id });
    const company = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('青松软件')}`)).items[0];
    expect(company).toMatchObject({ kind: 'organization', mobile: '+8613900139000', orgUnitId: branch.id });
    // no org unit column value: the importer's unit
    const nana = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('欧阳娜娜')}`)).items[0];
    expect(nana).toMatchObject({ orgUnitId: hq.id, birthDate: '2001-02-03' });
  });

  it('changes nothing when the same file comes again, and updates only what changed', async () => {
    const rows = [
      ['客户号', '姓名', '手机'],
      ['K1001', '李雷', '13600136001'],
      ['K1002', '韩梅梅', '13600136002'],
    ];
    const first = await importFile(admin, csv(rows), 'a.csv', 'customers', { options: { sourceSystem: 'crm_old' } });
    expect(body(first.res).run.rowsInserted).toBe(2);
    const again = await importFile(admin, csv(rows), 'a.csv', 'customers', { options: { sourceSystem: 'crm_old' } });
    expect(body(again.res)).toMatchObject({ alreadyImported: true, run: { id: body(first.res).run.id } });
    const forced = await importFile(admin, csv(rows), 'a.csv', 'customers', { options: { sourceSystem: 'crm_old' }, force: true });
    expect(body(forced.res).run).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 2 });
    rows[2]![2] = '13600136099';
    const changed = await importFile(admin, csv(rows), 'b.csv', 'customers', { options: { sourceSystem: 'crm_old' } });
    expect(body(changed.res).run).toMatchObject({ rowsInserted: 0, rowsUpdated: 1, rowsUnchanged: 1 });
    const [hmm] = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('韩梅梅')}`)).items;
    expect(hmm.mobile).toBe('+8613600136099');
  });

  it('rejects the whole file on any error by default, with a report in the reader language; load_valid loads the rest', async () => {
    const rows = [
      ['姓名', '证件号码', '手机', '出生日期'],
      ['张三', '110101199003074514', '13500135001', ''],
      ['李四', '', '12345', ''],
      ['王五', '110101199003074515', '1350013500', '2023-02-29'],
      ['张三', '', '13500135001', ''],
    ];
    const { file, res } = await importFile(admin, csv(rows), 'bad.csv', 'customers');
    const run = body(res).run;
    expect(run).toMatchObject({ status: 'rejected', rowsRead: 4, rowsInserted: 0, rowsRejected: 3 });
    expect(body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('张三')}`)).items).toEqual([]);

    const errors = body(await admin.request('GET', `/api/v1/imports/${run.id}/errors`, undefined, { 'x-locale': 'zh-CN' }));
    expect(errors).toEqual([
      expect.objectContaining({ rowNo: 3, column: '手机', value: '12345' }),
      expect.objectContaining({ rowNo: 4, column: '出生日期', value: '2023-02-29' }),
      // A row's other problems are reported with its first, so the file is fixed in one go.
      expect.objectContaining({ rowNo: 4, column: '证件号码', value: '110101199003074515' }),
      expect.objectContaining({ rowNo: 4, column: '手机', value: '1350013500' }),
      expect.objectContaining({ rowNo: 5, column: '手机', message: '与本文件第 2 行重复' }),
    ]);
    const report = await admin.request('GET', `/api/v1/imports/${run.id}/errors.csv`, undefined, { 'x-locale': 'zh-CN' });
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.body.startsWith('\uFEFF行号,列,值,原因\r\n')).toBe(true);
    expect(report.body).toContain('5,手机,13500135001,与本文件第 2 行重复');

    const partial = await admin.post('/api/v1/imports?wait=true', { fileId: file.fileId, target: 'customers', mapping: file.suggested.customers, policy: 'load_valid' });
    expect(body(partial).run).toMatchObject({ status: 'succeeded', rowsInserted: 1, rowsRejected: 3 });
    // the person is now stored: the same ID number in another file is a duplicate of him
    const dup = await importFile(admin, csv([['姓名', '证件号码'], ['张叁', '110101199003074514']]), 'dup.csv', 'customers');
    const dupErrors = body(await admin.request('GET', `/api/v1/imports/${body(dup.res).run.id}/errors`, undefined, { 'x-locale': 'en' }));
    expect(dupErrors[0].message).toMatch(/^Same ID number as customer C\d+/);
  });

  it('reads debts written negative by a card system as owed, when the import says so, and counts them in the credit exposure', async () => {
    await importFile(admin, csv([['客户号', '姓名'], ['D001', '钱多多']]), 'd.csv', 'customers', { options: { sourceSystem: 'cards2' } });
    const lines = csv([
      ['客户号', '账号', '产品类型', '余额'],
      ['D001', 'CARD-1', '信用卡', '"-1,234.50"'],
      ['D001', 'CARD-2', '信用卡', '50.00'],
      ['D001', 'LOAN-1', '贷款', '-100000'],
      ['D001', 'DEP-1', '活期', '2000.00'],
    ]);
    const upload = await importFile(admin, lines, 'cards.csv', 'holdings', { options: { sourceSystem: 'cards2', debtSign: 'negative' } });
    expect(body(upload.res).run, upload.res.body).toMatchObject({ status: 'succeeded', rowsInserted: 4, options: { debtSign: 'negative' } });
    const [customer] = await t.db.query<{ id: number }>(`select id from customers where code = 'D001'`);
    const holdings = body(await admin.get(`/api/v1/customers/${customer!.id}/holdings`)) as { externalId: string; balance: string }[];
    // Debts turn positive (owed), an overpaid card negative; a deposit is left as written.
    expect(Object.fromEntries(holdings.map((h) => [h.externalId, h.balance]))).toEqual({ 'CARD-1': '1234.50', 'CARD-2': '-50.00', 'LOAN-1': '100000.00', 'DEP-1': '2000.00' });
    const credit = body(await admin.get(`/api/v1/customers/${customer!.id}/credit`));
    expect(credit.exposure.debt).toBe('101184.50');
    // The same file read as positive debts is another import, not the one already loaded.
    const again = await admin.post('/api/v1/imports?wait=true', { fileId: upload.file.fileId, target: 'holdings', mapping: upload.file.suggested.holdings, options: { sourceSystem: 'cards2' } });
    expect(body(again).alreadyImported).toBe(false);
    const bad = await admin.request('POST', '/api/v1/imports/preview', { fileId: upload.file.fileId, target: 'holdings', mapping: upload.file.suggested.holdings, options: { debtSign: 'minus' } }, { 'x-locale': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(body(bad).errors[0].field).toBe('body.options.debtSign');
  });

  it('loads holdings and transactions: amounts as written, debits from signs, unknown customers quarantined', async () => {
    await importFile(admin, csv([['客户号', '姓名'], ['T001', '赵敏']]), 't.csv', 'customers', { options: { sourceSystem: 'card' } });
    const holdings = await importFile(
      admin,
      csv([
        ['客户号', '卡号', '产品类型', '产品名称', '授信额度', '开户日期'],
        ['T001', '6222000011112222', '信用卡', '白金卡', '"¥50,000.00"', '20200105'],
      ]),
      'h.csv',
      'holdings',
      { options: { sourceSystem: 'card' } },
    );
    expect(body(holdings.res).run, holdings.res.body).toMatchObject({ status: 'succeeded', rowsInserted: 1 });
    expect(holdings.file.suggestedTarget).toBe('holdings');
    const lines = csv([
      ['交易流水号', '客户号', '卡号', '交易时间', '交易金额', '商户', '摘要'],
      ['S1', 'T001', '6222000011112222', '2026-11-01 12:30:00', '"-1,234.50"', '京东商城', '消费'],
      ['S2', 'T001', '6222000011112222', '2026/11/02', '500', '', '还款'],
      ['S3', 'NOBODY', '', '2026-11-03', '88.00', '', ''],
    ]);
    const txns = await importFile(admin, lines, 'x.csv', 'transactions', { options: { sourceSystem: 'card' } });
    expect(body(txns.res).run).toMatchObject({ status: 'succeeded', rowsInserted: 2, rowsQuarantined: 1 });
    expect(txns.file.suggestedTarget).toBe('transactions');
    const [quarantined] = await t.db.query<{ reason: string; payload: { customerCode: string } }>(`select reason, payload from import_quarantine where run_id = $1`, [body(txns.res).run.id]);
    expect(quarantined).toMatchObject({ reason: 'unknown_customer', payload: { customerCode: 'NOBODY' } });

    const zhao = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('赵敏')}`)).items[0];
    expect(body(await admin.get(`/api/v1/customers/${zhao.id}/holdings`))).toEqual([
      expect.objectContaining({ kind: 'credit_card', productName: '白金卡', creditLimit: '50000.00', currency: 'CNY', openedOn: '2020-01-05' }),
    ]);
    const page = body(await admin.get(`/api/v1/customers/${zhao.id}/transactions`));
    expect(page.items.map((i: { externalId: string; amount: string; direction: string }) => [i.externalId, i.amount, i.direction])).toEqual([
      ['S2', '500.00', 'credit'],
      ['S1', '1234.50', 'debit'],
    ]);
    expect(page.items[1].occurredAt).toBe('2026-11-01T04:30:00.000Z');
    // Both name the card in the same source system, so both are linked to it.
    const [card] = body(await admin.get(`/api/v1/customers/${zhao.id}/holdings`));
    expect(page.items.map((i: { holdingId: number | null }) => i.holdingId)).toEqual([card.id, card.id]);
    const timeline = body(await admin.get(`/api/v1/customers/${zhao.id}/timeline`));
    expect(timeline.items.some((e: { source: string; title: string }) => e.source === 'transaction' && e.title === '-1234.50 CNY')).toBe(true);
    // The customer's beginning is there, though the import audits the run rather than each customer.
    expect(timeline.items.find((e: { source: string }) => e.source === 'record')).toMatchObject({ kind: 'create', body: null });
    // The card is there too, on the day it was opened (China time).
    expect(timeline.items.filter((e: { source: string }) => e.source.startsWith('holding'))).toEqual([
      expect.objectContaining({ source: 'holding', kind: 'opened', title: 'credit_card', body: '白金卡', at: '2020-01-04T16:00:00.000Z' }),
    ]);
    await t.db.query(`update holdings set closed_on = '2026-11-20', status = 'closed' where id = $1`, [card.id]);
    const closed = body(await admin.get(`/api/v1/customers/${zhao.id}/timeline`)).items.filter((e: { source: string }) => e.source.startsWith('holding'));
    expect(closed.map((e: { source: string; kind: string; at: string }) => [e.source, e.kind, e.at])).toEqual([
      ['holding_closed', 'closed', '2026-11-19T16:00:00.000Z'],
      ['holding', 'opened', '2020-01-04T16:00:00.000Z'],
    ]);
    await t.db.query(`update holdings set closed_on = null, status = 'active' where id = $1`, [card.id]);
    // the same transactions again: nothing new
    const again = await importFile(admin, lines, 'x.csv', 'transactions', { options: { sourceSystem: 'card' }, force: true });
    expect(body(again.res).run).toMatchObject({ rowsInserted: 0, rowsUnchanged: 2, rowsQuarantined: 1 });

    // The preview says what a run would do with rows stored already: booked transactions stay, a changed holding is updated.
    const preview = async (file: typeof txns.file, target: string) =>
      body(await admin.post('/api/v1/imports/preview', { fileId: file.fileId, target, mapping: file.suggested[target], options: { sourceSystem: 'card' } })).rows.map((r: { action: string }) => r.action);
    expect(await preview(txns.file, 'transactions')).toEqual(['unchanged', 'unchanged', 'quarantine']);
    expect(await preview(holdings.file, 'holdings')).toEqual(['unchanged']);
    const raised = await upload(admin, csv([['客户号', '卡号', '产品类型', '产品名称', '授信额度', '开户日期'], ['T001', '6222000011112222', '信用卡', '白金卡', '80000', '20200105'], ['T001', '6222000011113333', '借记卡', '', '', '']]), 'h2.csv');
    expect(await preview(body(raised), 'holdings')).toEqual(['update', 'insert']);
    // A kind it cannot read is reported with the words it can, in either language's files.
    const unread = body(await upload(admin, csv([['客户号', '卡号', '产品类型'], ['T001', '6222000011114444', '储蓄存款']]), 'h3.csv'));
    const unreadPreview = async (locale: string) =>
      body(await admin.request('POST', '/api/v1/imports/preview', { fileId: unread.fileId, target: 'holdings', mapping: unread.suggested.holdings, options: { sourceSystem: 'card' } }, { 'x-locale': locale })).errors[0];
    expect(await unreadPreview('zh-CN')).toMatchObject({ column: '产品类型', value: '储蓄存款', message: expect.stringMatching(/^无法识别的取值，可填：存款 \(deposit\), 贷款 \(loan\), 按揭 \(mortgage\), 信用卡 \(credit_card\), .*其他 \(other\)$/) });
    expect((await unreadPreview('en')).message).toMatch(/^Unknown value; use one of: 存款 \(deposit\), /);
    // It names the customers the rows belong to, so nobody has to look an id up.
    const named = body(await admin.post('/api/v1/imports/preview', { fileId: txns.file.fileId, target: 'transactions', mapping: txns.file.suggested.transactions, options: { sourceSystem: 'card' } }));
    expect(named.customers).toEqual([{ id: zhao.id, code: zhao.code, name: '赵敏' }]);
    expect(named.rows[0].values.customerId).toBe(zhao.id);
  });

  it('reports a transaction id repeated within a batch and across batches (checked by the database, not held in memory)', async () => {
    const people = await importFile(admin, csv([['客户号', '客户名称'], ['R001', '韩雪']]), 'r.csv', 'customers', { options: { sourceSystem: 'rpt' } });
    expect(body(people.res).run).toMatchObject({ status: 'succeeded', rowsInserted: 1 });
    // Data rows 2–5001 are the first batch of 5,000; then D5001, D7 again (an earlier batch), D5001 again (this batch).
    const rows: (string | number)[][] = [['交易流水号', '客户号', '交易时间', '交易金额']];
    for (let i = 1; i <= 5000; i++) rows.push([`D${i}`, 'R001', '2026-10-01 09:00:00', `${i}.00`]);
    rows.push(['D5001', 'R001', '2026-10-02 09:00:00', '1.00'], ['D7', 'R001', '2026-10-02 09:00:00', '7.00'], ['D5001', 'R001', '2026-10-02 09:00:00', '1.00']);
    const first = await importFile(admin, csv(rows), 'd.csv', 'transactions', { options: { sourceSystem: 'rpt' }, policy: 'load_valid' });
    const run = body(first.res).run;
    expect(run).toMatchObject({ status: 'succeeded', rowsRead: 5003, rowsInserted: 5001, rowsUnchanged: 0, rowsRejected: 2 });
    const errors = body(await admin.request('GET', `/api/v1/imports/${run.id}/errors`, undefined, { 'x-locale': 'en' }));
    expect(errors.map((e: { rowNo: number; value: string; message: string }) => [e.rowNo, e.value, e.message])).toEqual([
      [5003, 'D7', 'Same as an earlier row of this file'],
      [5004, 'D5001', 'Same as row 5002 of this file'],
    ]);
    const [stored] = await t.db.query<{ n: number }>(`select count(*)::int as n from transactions where source_system = 'rpt'`);
    expect(stored!.n).toBe(5001);
    // Loaded already: run again, the stored rows are unchanged; the repeat within a batch is still reported.
    const again = await importFile(admin, csv(rows), 'd.csv', 'transactions', { options: { sourceSystem: 'rpt' }, policy: 'load_valid', force: true });
    expect(body(again.res).run).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUnchanged: 5002, rowsRejected: 1 });
    // Rejecting the file on any error: the repeat across batches is found, and nothing is stored.
    const strict = rows.map((r, i) => (i === 0 ? r : [String(r[0]).replace('D', 'E'), ...r.slice(1)]));
    const rejected = await importFile(admin, csv(strict), 'e.csv', 'transactions', { options: { sourceSystem: 'rpt' }, policy: 'reject_file' });
    expect(body(rejected.res).run).toMatchObject({ status: 'rejected', rowsRejected: 2, rowsInserted: 0 });
    const [strictStored] = await t.db.query<{ n: number }>(`select count(*)::int as n from transactions where source_system = 'rpt' and external_id like 'E%'`);
    expect(strictStored!.n).toBe(0);
  });

  it('finds repeats of batches written long before, and rows of earlier runs, in a file of many batches', async () => {
    // Four batches: the third and fourth repeat ids of the first and second, and of an earlier run.
    await importFile(admin, csv([['客户号', '客户名称'], ['M001', '马林']]), 'm.csv', 'customers', { options: { sourceSystem: 'many' } });
    const earlier = await importFile(admin, csv([['交易流水号', '客户号', '交易时间', '交易金额'], ['OLD1', 'M001', '2026-09-01 09:00:00', '5.00']]), 'old.csv', 'transactions', { options: { sourceSystem: 'many' } });
    expect(body(earlier.res).run).toMatchObject({ rowsInserted: 1 });
    const rows: (string | number)[][] = [['交易流水号', '客户号', '交易时间', '交易金额']];
    for (let i = 1; i <= 16_000; i++) rows.push([`M${i}`, 'M001', '2026-10-01 09:00:00', '1.00']);
    rows[12_001] = ['M3', 'M001', '2026-10-01 09:00:00', '1.00']; // data row 12,001 (line 12,002), third batch
    rows[15_001] = ['M7000', 'M001', '2026-10-01 09:00:00', '1.00']; // fourth batch
    rows[15_002] = ['OLD1', 'M001', '2026-09-01 09:00:00', '5.00'];
    // Rows that fail their checks in the first, second and fourth batches (checked while others are written).
    rows[4_000] = ['M4000', 'M001', '2026-10-01 09:00:00', 'abc'];
    rows[9_000] = ['M9000', 'M001', '不是日期', '1.00'];
    rows[15_500] = ['M15500', 'M001', '2026-10-01 09:00:00', '-'];
    const run = body((await importFile(admin, csv(rows), 'many.csv', 'transactions', { options: { sourceSystem: 'many' }, policy: 'load_valid' })).res).run;
    expect(run).toMatchObject({ status: 'succeeded', rowsRead: 16_000, rowsInserted: 15_994, rowsUnchanged: 1, rowsRejected: 5 });
    const errors = body(await admin.request('GET', `/api/v1/imports/${run.id}/errors`, undefined, { 'x-locale': 'en' }));
    expect(errors.map((e: { rowNo: number; value: string }) => [e.rowNo, e.value])).toEqual([
      [4_001, 'abc'],
      [9_001, '不是日期'],
      [12_002, 'M3'],
      [15_002, 'M7000'],
      [15_501, '-'],
    ]);
    const [stored] = await t.db.query<{ n: number }>(`select count(*)::int as n from transactions where source_system = 'many'`);
    expect(stored!.n).toBe(15_995);
  });

  it('loads a file that repeats the day before and adds the new day: stored rows unchanged, new rows inserted', async () => {
    await importFile(admin, csv([['客户号', '客户名称'], ['Y001', '叶青']]), 'y.csv', 'customers', { options: { sourceSystem: 'daily' } });
    const day = (from: number, to: number) => {
      const rows: (string | number)[][] = [['交易流水号', '客户号', '交易时间', '交易金额']];
      for (let i = from; i <= to; i++) rows.push([`Y${i}`, 'Y001', '2026-10-01 09:00:00', '2.00']);
      return rows;
    };
    const yesterday = body((await importFile(admin, csv(day(1, 6_000)), 'y1.csv', 'transactions', { options: { sourceSystem: 'daily' } })).res).run;
    expect(yesterday).toMatchObject({ status: 'succeeded', rowsInserted: 6_000 });
    // Yesterday's rows again (the first batch and part of the second), then three batches of new ones.
    const both = body((await importFile(admin, csv(day(1, 21_000)), 'y2.csv', 'transactions', { options: { sourceSystem: 'daily' } })).res).run;
    expect(both).toMatchObject({ status: 'succeeded', rowsRead: 21_000, rowsInserted: 15_000, rowsUnchanged: 6_000, rowsRejected: 0 });
    const [stored] = await t.db.query<{ n: number; sum: string }>(`select count(*)::int as n, sum(amount)::text as sum from transactions where source_system = 'daily'`);
    expect(stored).toEqual({ n: 21_000, sum: '42000.00' });
  });

  it('imports an exported customer list back unchanged, in both languages, as CSV and as Excel', async () => {
    const unit = await buildOrgUnit(t, hq, { code: 'RT01', nameZh: '往返支行' });
    const manager = await buildUser(t, { role: 'customer_manager', orgUnit: unit, username: 'rt_manager' });
    for (const field of [
      { key: 'rt_level', type: 'select', labelZh: '往返等级', labelEn: 'Round-trip level', options: [{ value: 'gold', labelZh: '金卡', labelEn: 'Gold' }, { value: 'silver', labelZh: '银卡', labelEn: 'Silver' }] },
      { key: 'rt_likes', type: 'multiselect', labelZh: '往返偏好', labelEn: 'Round-trip likes', options: [{ value: 'fund', labelZh: '基金', labelEn: 'Funds' }, { value: 'gold_bar', labelZh: '金条', labelEn: 'Gold bars' }] },
      { key: 'rt_vip', type: 'boolean', labelZh: '往返贵宾', labelEn: 'Round-trip VIP' },
      { key: 'rt_since', type: 'date', labelZh: '往返签约日', labelEn: 'Round-trip since' },
    ]) expect((await admin.post('/api/v1/custom-fields', field)).statusCode).toBe(201);
    const people = [
      { kind: 'individual', name: '周往返', nameEn: 'Zhou Wangfan', gender: 'male', birthDate: '1985-03-12', idType: 'resident_id', idNumber: '32050619850312001X', mobile: '13800138123', email: 'zhou@example.com', districtCode: '320506', address: '苏州市吴中区东吴北路1号', postalCode: '215128', status: 'active', sourceChannel: '网点', custom: { rt_level: 'gold', rt_likes: ['fund', 'gold_bar'], rt_vip: true, rt_since: '2020-05-01' } },
      { kind: 'organization', name: '往返科技有限公司', idType: 'uscc', idNumber: '91350100M000100Y43', industry: '软件', size: 'small', status: 'prospect', phone: '0512-66880000', custom: { rt_vip: false } },
    ];
    for (const p of people) {
      const res = await admin.post('/api/v1/customers', { ...p, orgUnitId: unit.id, ownerId: manager.id });
      expect(res.statusCode, res.body).toBe(201);
    }
    const before = await t.db.query(`select code, ${ROUND_TRIP_COLUMNS} from customers where org_unit_id = $1 order by code`, [unit.id]);
    expect(before).toHaveLength(2);
    for (const locale of ['zh-CN', 'en']) {
      for (const format of ['csv', 'xlsx']) {
        const exported = await admin.request('GET', `/api/v1/customers/export.${format}?orgUnitId=${unit.id}&sort=name`, undefined, { 'x-locale': locale });
        expect(exported.statusCode).toBe(200);
        const { file, res } = await importFile(admin, exported.rawPayload, `export.${format}`, 'customers');
        // Every column the export writes is mapped by itself: the org unit and manager by code and user name, not by their names.
        expect(Object.keys(file.suggested.customers), `${locale} ${format}`).toHaveLength(file.headers.length - 3);
        expect(body(res).run, `${locale} ${format}`).toMatchObject({ status: 'succeeded', rowsRead: 2, rowsInserted: 0, rowsUnchanged: 2, rowsRejected: 0 });
      }
    }
    expect(await t.db.query(`select code, ${ROUND_TRIP_COLUMNS} from customers where org_unit_id = $1 order by code`, [unit.id])).toEqual(before);
    // In the list's order: by name in pinyin (wang before zhou), and reversed.
    const names = async (sort: string) =>
      (await admin.request('GET', `/api/v1/customers/export.csv?orgUnitId=${unit.id}&sort=${sort}`, undefined, { 'x-locale': 'zh-CN' })).body.split('\r\n').slice(1, 3).map((line) => line.split(',')[2]);
    expect(await names('name')).toEqual(['往返科技有限公司', '周往返']);
    expect(await names('-name')).toEqual(['周往返', '往返科技有限公司']);
  });

  it('says which date does not exist, and which formats it reads, in the user\'s language', async () => {
    const file = csv([['客户名称', '出生日期'], ['日期甲', '2024年13月45日'], ['日期乙', '05/01/2024'], ['日期丙', '2024年1月5日']]);
    const run = body((await importFile(admin, file, 'dates.csv', 'customers', { policy: 'load_valid' })).res).run;
    expect(run).toMatchObject({ rowsInserted: 1, rowsRejected: 2 });
    const zh = body(await admin.request('GET', `/api/v1/imports/${run.id}/errors`, undefined, { 'x-locale': 'zh-CN' }));
    expect(zh.map((e: { message: string }) => e.message)).toEqual([
      '日历上没有这一天（2024-13-45）：请检查月份（1–12）和日',
      '无法识别的日期：请写作 2024-01-05、2024/1/5、2024年1月5日 或 20240105（Excel 的日期单元格可直接读取）',
    ]);
    const en = body(await admin.request('GET', `/api/v1/imports/${run.id}/errors`, undefined, { 'x-locale': 'en' }));
    expect(en[0].message).toBe('There is no such date (2024-13-45): check the month (1–12) and the day of the month');
  });

  it('gives back the rows that had errors, in the file\'s own columns with the reasons, to correct and import again', async () => {
    const file = iconv.encode(
      csv([
        ['客户名称', '手机号码', '出生日期', '备注'],
        ['退回甲', '13800138071', '1990-01-01', '好'],
        ['退回乙', '+86 12345', '1990-01-02', '手机太短'],
        ['退回丙', '13800138073', '2024年13月45日', '日期不对'],
        ['退回丁', '13800138074', '1990-01-04', ''],
      ]),
      'gbk',
    );
    const run = body((await importFile(admin, file, '退回.csv', 'customers', { policy: 'load_valid' })).res).run;
    expect(run).toMatchObject({ rowsInserted: 2, rowsRejected: 2 });
    const report = await admin.request('GET', `/api/v1/imports/${run.id}/rejected-rows.csv`, undefined, { 'x-locale': 'zh-CN' });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain(`import-${run.id}-rejected-rows.csv`);
    const lines = report.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('客户名称,手机号码,出生日期,备注,原因');
    // The formula guard of exports puts an apostrophe before +86; the import takes it off again.
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^退回乙,'\+86 12345,1990-01-02,手机太短,手机号码: .+/),
      '退回丙,13800138073,2024年13月45日,日期不对,出生日期: 日历上没有这一天（2024-13-45）：请检查月份（1–12）和日',
    ]);
    const corrected = report.body.replace("'+86 12345", "'+86 13800138072").replace('2024年13月45日', '1990年1月3日');
    const again = body((await importFile(admin, corrected, '退回-改.csv', 'customers', { policy: 'reject_file' })).res).run;
    expect(again).toMatchObject({ status: 'succeeded', rowsInserted: 2, rowsRejected: 0 });
    const [yi] = await t.db.query<{ mobile: string }>(`select mobile from customers where name = '退回乙'`);
    expect(yi!.mobile).toBe('+8613800138072');
    const gone = await admin.request('GET', '/api/v1/imports/999999/rejected-rows.csv', undefined, { 'x-locale': 'en' });
    expect(gone.statusCode).toBe(404);
  });

  it('keeps the first of a repeated customer or account across batches checked at once (the first row of the file wins)', async () => {
    const people: (string | number)[][] = [['客户号', '姓名', '手机']];
    for (let i = 1; i <= 12_000; i++) people.push([`P${i}`, `客户${i}`, `1390${String(i).padStart(7, '0')}`]);
    people[5_500] = ['P5500', '重复手机', people[10]![2]!]; // second batch: the mobile of row 11
    people[11_000] = ['P6000', '重复客户号', '13911111111']; // third batch: the code of row 6001
    const run = body((await importFile(admin, csv(people), 'p.csv', 'customers', { options: { sourceSystem: 'turns' }, policy: 'load_valid' })).res).run;
    expect(run).toMatchObject({ status: 'succeeded', rowsRead: 12_000, rowsInserted: 11_998, rowsRejected: 2 });
    const errors = body(await admin.request('GET', `/api/v1/imports/${run.id}/errors`, undefined, { 'x-locale': 'en' }));
    expect(errors.map((e: { rowNo: number; message: string }) => [e.rowNo, e.message])).toEqual([
      [5_501, 'Same as row 11 of this file'],
      [11_001, 'Same as row 6001 of this file'],
    ]);
    const [kept] = await t.db.query<{ name: string }>(`select name from customers where code = 'P6000'`);
    expect(kept!.name).toBe('客户6000');

    const accounts: (string | number)[][] = [['客户号', '账号', '产品类型', '余额']];
    for (let i = 1; i <= 11_000; i++) accounts.push(['P1', `A${i}`, '储蓄', `${i}.00`]);
    accounts[10_500] = ['P2', 'A7', '储蓄', '1.00']; // third batch: the account of row 8
    const holdings = body((await importFile(admin, csv(accounts), 'a.csv', 'holdings', { options: { sourceSystem: 'turns' }, policy: 'load_valid' })).res).run;
    expect(holdings).toMatchObject({ status: 'succeeded', rowsInserted: 10_999, rowsRejected: 1 });
    const holdingErrors = body(await admin.request('GET', `/api/v1/imports/${holdings.id}/errors`, undefined, { 'x-locale': 'en' }));
    expect(holdingErrors.map((e: { rowNo: number; message: string }) => [e.rowNo, e.message])).toEqual([[10_501, 'Same as row 8 of this file']]);
    const [account] = await t.db.query<{ balance: string }>(`select balance::text from holdings where source_system = 'turns' and external_id = 'A7'`);
    expect(account!.balance).toBe('7.00');
  });

  it('two runs of one transactions file at once store each transaction once', async () => {
    await importFile(admin, csv([['客户号', '客户名称'], ['W001', '魏然']]), 'w.csv', 'customers', { options: { sourceSystem: 'twin' } });
    const rows: (string | number)[][] = [['交易流水号', '客户号', '交易时间', '交易金额']];
    for (let i = 1; i <= 12_000; i++) rows.push([`W${i}`, 'W001', '2026-10-01 09:00:00', '1.00']);
    const file = body(await upload(admin, csv(rows), 'w.csv'));
    const start = () => admin.post('/api/v1/imports?wait=true', { fileId: file.fileId, target: 'transactions', mapping: file.suggested.transactions, options: { sourceSystem: 'twin' }, force: true });
    const runs = (await Promise.all([start(), start()])).map((res) => body(res).run);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(runs.map((r) => r.rowsInserted).sort((a, b) => a - b)).toEqual([0, 12_000]);
    expect(runs.map((r) => r.rowsUnchanged).sort((a, b) => a - b)).toEqual([0, 12_000]);
    const [stored] = await t.db.query<{ n: number }>(`select count(*)::int as n from transactions where source_system = 'twin'`);
    expect(stored!.n).toBe(12_000);
  });

  it('reads Excel: dates, numbers and formula results as values, never running a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['姓名', '手机', '出生日期', '备注列']);
    sheet.addRow(['钱小红', 13800138011, new Date(Date.UTC(1990, 4, 6)), { formula: 'CMD|" /C calc"!A0', result: 'x' }]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const { file, res } = await importFile(admin, bytes, '客户.xlsx', 'customers');
    expect(file).toMatchObject({ format: 'xlsx', headers: ['姓名', '手机', '出生日期', '备注列'] });
    expect(body(res).run).toMatchObject({ status: 'succeeded', rowsInserted: 1 });
    const [qian] = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('钱小红')}`)).items;
    expect(qian).toMatchObject({ mobile: '+8613800138011', birthDate: '1990-05-06' });
  });

  it('reads back the names of coded values an export writes, in either language', async () => {
    const { res } = await importFile(admin, csv([['名称', '类型', '证件类型', '状态'], ['回读有限公司', '单位客户', 'Unified social credit code', '已流失'], ['回读个人', 'Individual', '居民身份证', 'Dormant']]), 'labels.csv', 'customers');
    expect(body(res).run, res.body).toMatchObject({ status: 'succeeded', rowsInserted: 2 });
    const found = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('回读')}`)).items;
    expect(found.map((c: { name: string; kind: string; status: string }) => [c.name, c.kind, c.status]).sort()).toEqual([
      ['回读个人', 'individual', 'dormant'],
      ['回读有限公司', 'organization', 'churned'],
    ]);
  });

  it('reads JSON Lines and UTF-8 with BOM, semicolons and tabs', async () => {
    const jsonl = '{"name":"孙悟空","mobile":"13800138021"}\n{"name":"猪八戒","mobile":"13800138022"}\n';
    const j = await importFile(admin, jsonl, 'people.jsonl', 'customers');
    expect(j.file).toMatchObject({ format: 'jsonl', headers: ['name', 'mobile'] });
    expect(body(j.res).run.rowsInserted).toBe(2);
    const bom = await upload(admin, '\uFEFF姓名;手机\r\n沙和尚;13800138023\r\n', 's.csv');
    expect(body(bom)).toMatchObject({ encoding: 'UTF-8', delimiter: ';', headers: ['姓名', '手机'] });
    const tabs = await upload(admin, '姓名\t手机\n唐僧\t13800138024\n', 't.tsv');
    expect(body(tabs)).toMatchObject({ delimiter: '\t', headers: ['姓名', '手机'] });
    // Any content type is the file as it is: JSON Lines sent as JSON, CSV as text. A form is refused.
    const send = (bytes: string, type: string) => admin.request('POST', '/api/v1/imports/files', bytes, { 'content-type': type, 'x-file-name': 'f' });
    for (const lines of ['{"name":"白龙马"}', '{"name":"白龙马"}\n{"name":"红孩儿"}\n']) {
      const asJson = await send(lines, 'application/json');
      expect(asJson.statusCode, asJson.body).toBe(201);
      expect(body(asJson)).toMatchObject({ format: 'jsonl', headers: ['name'] });
    }
    expect(body(await send('姓名,手机\n牛魔王,13800138025\n', 'text/plain; charset=utf-8'))).toMatchObject({ format: 'csv', headers: ['姓名', '手机'] });
    const form = await send('--x\r\nContent-Disposition: form-data; name="file"\r\n\r\na,b\r\n--x--\r\n', 'multipart/form-data; boundary=x');
    expect(form.statusCode).toBe(400);
    expect(body(form).errors[0]).toMatchObject({ field: 'file', code: 'import.file.multipart' });
  });

  it('refuses bad files and bad mappings with a clear 400, and the server stays up', async () => {
    const binary = await upload(admin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0]), 'photo.csv');
    expect(binary.statusCode).toBe(400);
    expect(body(binary).code).toBe('IMPORT_BAD_FILE');
    expect((await upload(admin, '', 'empty.csv')).statusCode).toBe(400);
    const quotes = await upload(admin, '姓名,手机\n张三,13800138001\n"未闭合,13800138000\n', 'q.csv');
    expect(quotes.statusCode).toBe(400);
    expect(body(quotes).errors[0]).toMatchObject({ field: 'file', code: 'import.file.unbalanced_quotes' });
    expect(body(quotes).title).toContain('3');
    // A row with more cells than the header has slipped values: refused whole, named in the report. A trailing empty cell is fine.
    const slipped = await importFile(admin, '客户名称,手机,行业\n错位公司,13800138051,1,000\n尾逗号,13800138052,零售,\n', 'slip.csv', 'customers', { policy: 'load_valid' });
    expect(body(slipped.res).run).toMatchObject({ rowsInserted: 1, rowsRejected: 1 });
    const slipErrors = body(await admin.get(`/api/v1/imports/${body(slipped.res).run.id}/errors`));
    expect(slipErrors).toEqual([expect.objectContaining({ rowNo: 2, code: 'import.row.too_many_cells' })]);
    expect(slipErrors[0].message).toMatch(/4.*3/);
    // A quote inside an unquoted value is a character, as Excel reads it: 某公司"旗舰店", "x"y.
    const stray = await importFile(admin, '客户名称,手机\n某公司"旗舰店",13800138041\n"金"鼎贸易有限公司,13800138042\n', 'stray.csv', 'customers');
    expect(body(stray.res).run).toMatchObject({ status: 'succeeded', rowsInserted: 2 });
    const names = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('旗舰店')}`)).items.map((c: { name: string }) => c.name);
    expect(names).toEqual(['某公司"旗舰店"']);
    expect((await upload(admin, 'PK\u0003\u0004 not really a zip', 'fake.xlsx')).statusCode).toBe(400);

    const ok = body(await upload(admin, csv([['姓名', '手机', '电话'], ['周杰', '13800138031', '']]), 'm.csv'));
    const twice = await admin.request('POST', '/api/v1/imports/preview', { fileId: ok.fileId, target: 'customers', mapping: { 手机: 'mobile', 电话: 'mobile', 姓名: 'name' } }, { 'x-locale': 'zh-CN' });
    expect(twice.statusCode).toBe(400);
    // Fields are named as the mapping step names them, in the reader's language.
    expect(body(twice).errors).toEqual([expect.objectContaining({ field: 'body.mapping.电话', message: '字段「手机号码」被映射了多次' })]);
    const twiceEn = await admin.request('POST', '/api/v1/imports/preview', { fileId: ok.fileId, target: 'customers', mapping: { 手机: 'mobile', 电话: 'mobile', 姓名: 'name' } }, { 'x-locale': 'en' });
    expect(body(twiceEn).errors[0].message).toBe('"Mobile" is mapped from more than one column');
    const unknown = await admin.post('/api/v1/imports/preview', { fileId: ok.fileId, target: 'customers', mapping: { 姓名: 'name', 不存在: 'mobile' } });
    expect(body(unknown).errors[0].field).toBe('body.mapping.不存在');
    const noRef = await admin.request('POST', '/api/v1/imports/preview', { fileId: ok.fileId, target: 'transactions', mapping: {} }, { 'x-locale': 'zh-CN' });
    expect(body(noRef).errors.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining(['请为字段「交易流水号」指定一列', '请为字段「交易时间」指定一列', '请为字段「交易金额」指定一列']),
    );
    const noName = await admin.request('POST', '/api/v1/imports/preview', { fileId: ok.fileId, target: 'customers', mapping: { 手机: 'mobile' } }, { 'x-locale': 'en' });
    expect(body(noName).errors).toEqual([expect.objectContaining({ field: 'body.mapping', message: 'Map a column to "Name"' })]);
    expect((await admin.post('/api/v1/imports/preview', { fileId: '0'.repeat(64), target: 'customers', mapping: {} })).statusCode).toBe(404);
    expect((await admin.get('/health')).statusCode).toBe(200);
  });

  it('refuses an .xlsx that would unpack to gigabytes, without unpacking it', async () => {
    // A zip whose directory says its one part unpacks to 3 GB from 1 kB.
    const name = Buffer.from('xl/workbook.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(1024, 20);
    central.writeUInt32LE(3 * 1024 ** 3 > 0xffffffff ? 0xfffffff0 : 3 * 1024 ** 3, 24);
    central.writeUInt16LE(name.length, 28);
    const data = Buffer.alloc(1024);
    const dirOffset = local.length + name.length + data.length;
    const dir = Buffer.concat([central, name]);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(dirOffset, 16);
    const bomb = await upload(admin, Buffer.concat([local, name, data, dir, end]), 'bomb.xlsx');
    expect(bomb.statusCode).toBe(400);
    expect(body(bomb).errors[0]).toMatchObject({ field: 'file', code: 'import.file.zip_bomb' });
  });

  it('keeps a branch importer to his branch, and needs data:import', async () => {
    const role = await admin.post('/api/v1/roles', { key: 'branch_importer', nameZh: '分行导入员', nameEn: 'Branch importer', permissions: ['customer:read', 'customer:create', 'customer:update', 'data:import'], dataScope: 'unit_and_below' });
    expect(role.statusCode, role.body).toBe(201);
    const importer = await login(t, await buildUser(t, { role: 'branch_importer', orgUnit: branch }));
    const { res } = await importFile(importer, csv([['姓名', '机构号'], ['吴用', 'SZ01'], ['公孙胜', 'HQ-NOT-MINE']]), 'scope.csv', 'customers', { policy: 'load_valid' });
    expect(body(res).run).toMatchObject({ rowsInserted: 1, rowsRejected: 1 });
    const outsider = await importFile(importer, csv([['客户号', '姓名'], ['K1001', '李雷改']]), 'o.csv', 'customers', { options: { sourceSystem: 'crm_old' } });
    const errors = body(await importer.get(`/api/v1/imports/${body(outsider.res).run.id}/errors`));
    expect(errors[0].code).toBe('import.row.out_of_scope');

    const clerk = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: branch }));
    expect((await upload(clerk, 'a,b\n1,2\n', 'x.csv')).statusCode).toBe(403);
  });

  it('marks a run left running by a dead process as interrupted', async () => {
    const [{ id }] = (await t.db.query<{ id: number }>(
      `insert into import_runs (target, mapping, policy, status) values ('customers', '{}', 'reject_file', 'running') returning id`,
    )) as [{ id: number }];
    await t.app.services.imports.recoverInterrupted();
    expect(body(await admin.get(`/api/v1/imports/${id}`))).toMatchObject({ status: 'failed', error: 'interrupted' });
    const history = body(await admin.get('/api/v1/imports?limit=5'));
    expect(history[0].id).toBe(id);
  });

  it('keeps mapping profiles under unique names', async () => {
    const created = await admin.post('/api/v1/import-profiles', { name: '核心系统客户月报', target: 'customers', mapping: { 客户名称: 'name', 核心客户号: 'externalId' }, options: { sourceSystem: 'core' } });
    expect(created.statusCode, created.body).toBe(201);
    expect((await admin.post('/api/v1/import-profiles', { name: '核心系统客户月报', target: 'customers', mapping: {} })).statusCode).toBe(409);
    const id = body(created).id;
    const updated = await admin.put(`/api/v1/import-profiles/${id}`, { name: '核心系统客户月报', target: 'customers', mapping: { 客户名称: 'name' } });
    expect(body(updated).mapping).toEqual({ 客户名称: 'name' });
    expect(body(await admin.get('/api/v1/import-profiles')).map((p: { id: number }) => p.id)).toContain(id);
    expect((await admin.delete(`/api/v1/import-profiles/${id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/import-profiles/${id}`)).statusCode).toBe(404);
  });

  it('describes every field with its meaning and source, custom fields included, to any signed-in user', async () => {
    const clerk = await login(t, await buildUser(t, { role: 'service_agent', orgUnit: branch }));
    const dictionary = body(await clerk.get('/api/v1/data-dictionary'));
    expect(dictionary).toContainEqual(expect.objectContaining({ entity: 'transaction', field: 'amount', labelZh: '交易金额', custom: false }));
    await admin.post('/api/v1/custom-fields', { key: 'wechat_id', type: 'text', labelZh: '微信号', labelEn: 'WeChat ID', descriptionZh: '客户提供的微信号', descriptionEn: 'As given by the customer' });
    const again = body(await clerk.get('/api/v1/data-dictionary'));
    expect(again).toContainEqual(expect.objectContaining({ field: 'custom.wechat_id', meaningZh: '客户提供的微信号', custom: true }));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/data-dictionary' })).statusCode).toBe(401);
    // Every field an import fills is described, under the name the dictionary gives what it fills.
    const entities = { customers: 'customer', holdings: 'holding', transactions: 'transaction', customer_tags: 'customer' } as const;
    const describedAs: Record<string, string> = { orgUnitCode: 'orgUnitId', ownerUsername: 'ownerId', customerCode: 'customer', customerExternalId: 'customer', holdingExternalId: 'holding', tagKey: 'tags' };
    const missing: string[] = [];
    for (const [target, fields] of Object.entries(TARGET_FIELDS)) {
      for (const { key } of fields) {
        const [entity, field] = key.startsWith('contact.') ? ['contact', key.slice('contact.'.length)] : [entities[target as keyof typeof entities], describedAs[key] ?? key];
        const onEntity = target === 'customer_tags' && field === 'customer' ? true : dictionary.some((d: { entity: string; field: string }) => d.entity === entity && d.field === field);
        if (!onEntity) missing.push(`${target}.${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('takes an upload streamed over real HTTP (not only injected requests)', async () => {
    const token = body(await admin.post('/api/v1/api-tokens', { name: 'uploader', userId: admin.userId }));
    expect(token.token, JSON.stringify(token)).toMatch(/^gx_/);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/v1/imports/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('实时.csv') },
      body: '姓名,手机\n冯实,13800138099\n',
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ headers: ['姓名', '手机'], format: 'csv' });
  });

  // PostgreSQL's autovacuum does this on its own, in its own time.
  it.runIf(!process.env.DATABASE_URL)('vacuums and analyses the embedded database after a large run, so code look-ups read only the key', async () => {
    const rows: string[][] = [['客户编号', '客户名称']];
    for (let i = 0; i < 10_000; i++) rows.push([`VAC${String(i).padStart(6, '0')}`, `客户${i}`]);
    const { res } = await importFile(admin, csv(rows), '大批客户.csv', 'customers');
    expect(body(res).run).toMatchObject({ status: 'succeeded', rowsInserted: 10_000 });
    // Statistics, and pages marked all-visible (what lets a look-up skip the row; later writes unmark a few).
    const [stats] = await t.db.query<{ tuples: number; pages: number; visible: number }>(
      `select reltuples::int as tuples, relpages as pages, relallvisible as visible from pg_class where relname = 'customers'`,
    );
    expect(stats!.tuples).toBeGreaterThanOrEqual(10_000);
    expect(stats!.visible).toBeGreaterThan(stats!.pages / 2);
    const plan = await t.db.query<{ 'QUERY PLAN': string }>(
      `explain (costs off) select c.id from unnest(array['VAC000001', 'VAC009999']) as u(code)
         cross join lateral (select id, org_unit_id, owner_id from customers where code = u.code and deleted_at is null offset 0) c`,
    );
    const text = plan.map((line) => line['QUERY PLAN']).join('\n');
    expect(text).toContain('Index Only Scan using customers_code_key');
  }, 60_000);
});
