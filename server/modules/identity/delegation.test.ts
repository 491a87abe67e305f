import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';
import type { OrgUnitRow } from '#modules/identity/identity.repository.ts';

describe('delegated administration stays inside its grant', () => {
  let t: TestApp;
  let admin: Client;
  let adminId: number;
  let branchAdmin: Client;
  let hq: OrgUnitRow;
  let east: OrgUnitRow;
  let west: OrgUnitRow;
  let roleIds: Map<string, number>;

  beforeAll(async () => {
    t = await buildTestApp();
    const setup = await withAdmin(t);
    ({ client: admin, hq } = setup);
    adminId = setup.admin.id;
    east = await buildOrgUnit(t, hq, { nameZh: '华东分行' });
    west = await buildOrgUnit(t, hq, { nameZh: '西部分行' });
    const role = await admin.post('/api/v1/roles', {
      key: 'branch_admin',
      nameZh: '分行系统管理员',
      nameEn: 'Branch administrator',
      permissions: ['user:read', 'user:manage', 'org:manage', 'customer:read', 'customer:create', 'customer:update', 'activity:write', 'tag:assign', 'credit:adjust', 'ticket:create'],
      dataScope: 'unit_and_below',
    });
    expect(role.statusCode, role.body).toBe(201);
    branchAdmin = await login(t, await buildUser(t, { role: 'branch_admin', orgUnit: east }));
    roleIds = new Map(body(await admin.get('/api/v1/roles')).map((r: { key: string; id: number }) => [r.key, r.id]));
  });

  const newUser = (orgUnitId: number, role: string, username: string) => ({
    username,
    displayName: username,
    password: 'Temp-passw0rd-1',
    orgUnitId,
    roleIds: [roleIds.get(role)],
  });

  it('lets a branch administrator add a customer manager in his branch', async () => {
    const res = await branchAdmin.post('/api/v1/users', newUser(east.id, 'customer_manager', 'east.cm'));
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses placing a user in another branch, or giving rights he does not have', async () => {
    const elsewhere = await branchAdmin.post('/api/v1/users', newUser(west.id, 'customer_manager', 'west.cm'));
    expect(elsewhere.statusCode).toBe(400);
    expect(body(elsewhere).errors[0]).toMatchObject({ field: 'body.orgUnitId', code: 'org_unit.out_of_scope' });
    const asAdmin = await branchAdmin.post('/api/v1/users', newUser(east.id, 'admin', 'east.boss'));
    expect(asAdmin.statusCode).toBe(400);
    expect(body(asAdmin).errors[0]).toMatchObject({ field: 'body.roleIds.0', code: 'role.beyond_own' });
    // head-office analysts see every branch: a wider data scope than his
    expect((await branchAdmin.post('/api/v1/users', newUser(east.id, 'head_office_analyst', 'east.hq'))).statusCode).toBe(400);
  });

  it('keeps his org-unit edits inside his subtree', async () => {
    const child = await branchAdmin.post('/api/v1/org-units', { parentId: east.id, code: 'EAST-NJ', nameZh: '南京支行' });
    expect(child.statusCode, child.body).toBe(201);
    expect((await branchAdmin.post('/api/v1/org-units', { parentId: null, code: 'ROOT2', nameZh: '新总部' })).statusCode).toBe(400);
    expect((await branchAdmin.post('/api/v1/org-units', { parentId: west.id, code: 'WEST-CD', nameZh: '成都支行' })).statusCode).toBe(400);
    const moveOut = await branchAdmin.patch(`/api/v1/org-units/${body(child).id}`, { parentId: west.id });
    expect(moveOut.statusCode).toBe(400);
    expect((await branchAdmin.patch(`/api/v1/org-units/${west.id}`, { nameZh: '改名' })).statusCode).toBe(403);
    expect((await branchAdmin.delete(`/api/v1/org-units/${west.id}`)).statusCode).toBe(403);
  });

  it('does not let an administrator lock himself out, nor edit a built-in role', async () => {
    const me = body(await admin.get(`/api/v1/users/${adminId}`));
    const base = { displayName: me.displayName, email: me.email, orgUnitId: me.orgUnitId, managerId: null, locale: me.locale };
    const disable = await admin.put(`/api/v1/users/${adminId}`, { ...base, roleIds: [roleIds.get('admin')], status: 'disabled' });
    expect(body(disable).errors[0]).toMatchObject({ field: 'body.status', code: 'user.self_disable' });
    const demote = await admin.put(`/api/v1/users/${adminId}`, { ...base, roleIds: [roleIds.get('auditor')], status: 'active' });
    expect(body(demote).errors[0]).toMatchObject({ field: 'body.roleIds', code: 'user.self_roles' });
    expect((await admin.put(`/api/v1/users/${adminId}`, { ...base, displayName: '管理员', roleIds: [roleIds.get('admin')], status: 'active' })).statusCode).toBe(200);

    const builtin = body(await admin.get('/api/v1/roles')).find((r: { key: string }) => r.key === 'auditor');
    const edit = await admin.put(`/api/v1/roles/${builtin.id}`, { nameZh: '审计', nameEn: 'Audit', permissions: ['audit:read'], dataScope: 'all', fieldRules: {} });
    expect(edit.statusCode).toBe(409);
    expect(body(edit).code).toBe('ROLE_BUILTIN');
  });
});
