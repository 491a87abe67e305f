import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';
import type { OrgUnitRow } from '#modules/identity/identity.repository.ts';

const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

interface ShownError {
  rowNo: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}
const brief = (errors: ShownError[]) => errors.map((e) => [e.rowNo, e.column, e.code]);

describe('customer imports: every problem of a row at once, and where new customers go', () => {
  let t: TestApp;
  let admin: Client;
  let hq: OrgUnitRow;
  let branch: OrgUnitRow;
  let subBranch: OrgUnitRow;
  let manager: { id: number; username: string };

  async function upload(client: Client, text: string, fileName: string) {
    const res = await client.request('POST', '/api/v1/imports/files', text, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) });
    expect(res.statusCode, res.body).toBe(201);
    return body(res) as { fileId: string; suggested: Record<string, Record<string, string>> };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const setup = await withAdmin(t);
    admin = setup.client;
    hq = setup.hq;
    branch = await buildOrgUnit(t, hq, { code: 'RC-SZ', nameZh: '苏州分行' });
    subBranch = await buildOrgUnit(t, branch, { code: 'RC-SZ-GY', nameZh: '苏州工业园区支行' });
    manager = await buildUser(t, { role: 'customer_manager', orgUnit: subBranch, username: 'rc_zhou' });
  });

  it('lists a row\'s unknown customer manager, deleted customer code and missing name with its bad values, in row order everywhere', async () => {
    const gone = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '已删客户' }));
    expect((await admin.delete(`/api/v1/customers/${gone.id}`)).statusCode).toBe(204);
    const rows = [
      ['客户号', '姓名', '证件号码', '手机号码', '出生日期', '客户经理'],
      ['RC001', '周好', '', '13800138201', '1980-01-02', 'rc_zhou'],
      // Values fine, manager unknown.
      ['RC002', '吴某', '', '13800138202', '1980-01-03', 'nobody'],
      // The first user's row: everything wrong at once.
      ['RC003', '郑某', '110101199003074515', '1380013820', '1980-13-45', 'nobody'],
      ['RC004', '王某', '', '13800138204', '1980/2/30', ''],
      // Every value reads, but the ID number and mobile are wrong and the manager unknown.
      ['RC005', '冯某', '110101199003074515', '12345', '1980-01-05', 'nobody'],
      // A bad date, and the code of a deleted customer.
      [gone.code, '陈某', '', '', '1980-00-01', ''],
      // A bad date, and a new customer without a name.
      ['RC007', '', '', '13800138207', '19801301', 'rc_zhou'],
    ];
    const file = await upload(admin, csv(rows), '客户名单.csv');
    expect(file.suggested.customers).toMatchObject({ 客户号: 'code', 客户经理: 'ownerUsername' });
    const expected = [
      [3, '客户经理', 'import.row.unknown_owner'],
      [4, '出生日期', 'import.row.no_such_date'],
      [4, '证件号码', 'field.resident_id.checksum'],
      [4, '手机号码', 'field.mobile'],
      [4, '客户经理', 'import.row.unknown_owner'],
      [5, '出生日期', 'import.row.no_such_date'],
      [6, '证件号码', 'field.resident_id.checksum'],
      [6, '手机号码', 'field.mobile'],
      [6, '客户经理', 'import.row.unknown_owner'],
      [7, '出生日期', 'import.row.no_such_date'],
      [7, '客户号', 'import.row.code_taken'],
      [8, '出生日期', 'import.row.no_such_date'],
      [8, '姓名', 'field.required'],
    ];

    const preview = body(await admin.request('POST', '/api/v1/imports/preview', { fileId: file.fileId, target: 'customers', mapping: file.suggested.customers }, { 'x-locale': 'zh-CN' }));
    expect(brief(preview.errors)).toEqual(expected);
    expect(preview.rows.map((r: { rowNo: number }) => r.rowNo)).toEqual([2]);

    const run = body(await admin.post('/api/v1/imports?wait=true', { fileId: file.fileId, fileName: '客户名单.csv', target: 'customers', mapping: file.suggested.customers })).run;
    expect(run).toMatchObject({ status: 'rejected', rowsRead: 7, rowsRejected: 6, rowsInserted: 0 });
    const errors = body(await admin.request('GET', `/api/v1/imports/${run.id}/errors`, undefined, { 'x-locale': 'zh-CN' })) as ShownError[];
    expect(brief(errors)).toEqual(expected);
    expect(errors[4]).toMatchObject({ rowNo: 4, column: '客户经理', value: 'nobody', message: '没有此用户名的在用用户' });

    const report = await admin.request('GET', `/api/v1/imports/${run.id}/errors.csv`, undefined, { 'x-locale': 'zh-CN' });
    const lines = report.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1);
    expect(lines.map((line) => Number(line.split(',')[0]))).toEqual(expected.map(([rowNo]) => rowNo));
    expect(lines).toContain('4,客户经理,nobody,没有此用户名的在用用户');

    // The same file under load_valid loads its one good row and reports the others alike.
    const partial = body(await admin.post('/api/v1/imports?wait=true', { fileId: file.fileId, target: 'customers', mapping: file.suggested.customers, policy: 'load_valid' })).run;
    expect(partial).toMatchObject({ status: 'succeeded', rowsInserted: 1, rowsRejected: 6 });
    expect(brief(body(await admin.get(`/api/v1/imports/${partial.id}/errors`)))).toEqual(expected);
  });

  it('places a new customer in his customer manager\'s org unit when the row gives none, where the unit\'s people see him', async () => {
    const rows = [
      ['客户号', '姓名', '手机号码', '客户经理', '机构号'],
      // The manager's unit.
      ['PL001', '周一', '13800138301', 'rc_zhou', ''],
      // The file's unit wins over the manager's.
      ['PL002', '周二', '13800138302', 'rc_zhou', 'RC-SZ'],
      // Neither: the import's default (the importer's unit).
      ['PL003', '周三', '13800138303', '', ''],
    ];
    const file = await upload(admin, csv(rows), '归属.csv');
    const preview = body(await admin.post('/api/v1/imports/preview', { fileId: file.fileId, target: 'customers', mapping: file.suggested.customers }));
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r: { values: { orgUnitId: number } }) => r.values.orgUnitId)).toEqual([subBranch.id, branch.id, hq.id]);
    const run = body(await admin.post('/api/v1/imports?wait=true', { fileId: file.fileId, target: 'customers', mapping: file.suggested.customers })).run;
    expect(run).toMatchObject({ status: 'succeeded', rowsInserted: 3 });
    const placed = async () =>
      Object.fromEntries(
        (await t.db.query<{ code: string; orgUnitId: number; ownerId: number | null }>(
          `select code, org_unit_id as "orgUnitId", owner_id as "ownerId" from customers where code like 'PL%' order by code`,
        )).map((c) => [c.code, [c.orgUnitId, c.ownerId]]),
      );
    expect(await placed()).toEqual({ PL001: [subBranch.id, manager.id], PL002: [branch.id, manager.id], PL003: [hq.id, null] });

    // A file without an org unit column, with a default unit chosen for the import: the manager's unit still comes first.
    const second = await upload(admin, csv([['客户号', '姓名', '客户经理'], ['PL004', '周四', 'rc_zhou'], ['PL005', '周五', '']]), '归属2.csv');
    const run2 = body(await admin.post('/api/v1/imports?wait=true', { fileId: second.fileId, target: 'customers', mapping: second.suggested.customers, options: { orgUnitId: branch.id } })).run;
    expect(run2).toMatchObject({ status: 'succeeded', rowsInserted: 2 });
    expect(await placed()).toMatchObject({ PL004: [subBranch.id, manager.id], PL005: [branch.id, null] });

    // A stored customer keeps his unit when a file gives him a manager but no unit.
    const third = await upload(admin, csv([['客户号', '姓名', '客户经理'], ['PL003', '周三', 'rc_zhou']]), '归属3.csv');
    const run3 = body(await admin.post('/api/v1/imports?wait=true', { fileId: third.fileId, target: 'customers', mapping: third.suggested.customers })).run;
    expect(run3).toMatchObject({ status: 'succeeded', rowsUpdated: 1 });
    expect((await placed()).PL003).toEqual([hq.id, manager.id]);

    // The sub-branch sees the customers placed there: its head (by unit) and the manager (as owner).
    const head = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: subBranch }));
    const seenByHead = body(await head.get('/api/v1/customers?q=PL00')).items.map((c: { code: string }) => c.code).sort();
    expect(seenByHead).toEqual(['PL001', 'PL004']);
    const seenByManager = body(await (await login(t, manager)).get('/api/v1/customers?q=PL00')).items.map((c: { code: string }) => c.code).sort();
    expect(seenByManager).toEqual(['PL001', 'PL002', 'PL003', 'PL004']);
  });

  it('refuses to place a customer in a manager\'s unit outside the importer\'s own units', async () => {
    const role = await admin.post('/api/v1/roles', { key: 'rc_importer', nameZh: '支行导入员', nameEn: 'Sub-branch importer', permissions: ['customer:read', 'customer:create', 'customer:update', 'data:import'], dataScope: 'unit_and_below' });
    expect(role.statusCode, role.body).toBe(201);
    const importer = await login(t, await buildUser(t, { role: 'rc_importer', orgUnit: branch }));
    await buildUser(t, { role: 'customer_manager', orgUnit: hq, username: 'rc_hq_mgr' });
    const file = await upload(importer, csv([['客户号', '姓名', '客户经理', '机构号'], ['OS001', '钱一', 'rc_zhou', ''], ['OS002', '钱二', 'rc_hq_mgr', ''], ['OS003', '钱三', 'rc_hq_mgr', 'RC-SZ']]), 'scope.csv');
    const run = body(await importer.post('/api/v1/imports?wait=true', { fileId: file.fileId, target: 'customers', mapping: file.suggested.customers, policy: 'load_valid' })).run;
    expect(run).toMatchObject({ status: 'succeeded', rowsInserted: 2, rowsRejected: 1 });
    const errors = body(await importer.request('GET', `/api/v1/imports/${run.id}/errors`, undefined, { 'x-locale': 'zh-CN' })) as ShownError[];
    expect(errors).toEqual([expect.objectContaining({ rowNo: 3, column: '客户经理', value: 'rc_hq_mgr', code: 'import.row.owner_unit_out_of_scope' })]);
    expect(errors[0]!.message).toContain(hq.code);
    const stored = await t.db.query<{ code: string; orgUnitId: number }>(`select code, org_unit_id as "orgUnitId" from customers where code like 'OS%' order by code`);
    expect(stored).toEqual([{ code: 'OS001', orgUnitId: subBranch.id }, { code: 'OS003', orgUnitId: branch.id }]);
  });
});
