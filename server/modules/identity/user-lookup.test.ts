import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';

describe('staff lookup and user list filters', () => {
  let t: TestApp;
  let admin: Client;
  let clerk: Client;
  let ids: { branchUser: number; subUser: number; otherUser: number };
  let branchId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    const setup = await withAdmin(t);
    admin = setup.client;
    const branch = await buildOrgUnit(t, setup.hq, { nameZh: '苏州分行' });
    branchId = branch.id;
    const sub = await buildOrgUnit(t, branch, { nameZh: '园区支行' });
    const other = await buildOrgUnit(t, setup.hq, { nameZh: '杭州分行' });
    const branchUser = await buildUser(t, { role: 'customer_manager', orgUnit: branch, username: 'zhangwei' });
    const subUser = await buildUser(t, { role: 'customer_manager', orgUnit: sub, username: 'zhangli' });
    const otherUser = await buildUser(t, { role: 'customer_manager', orgUnit: other, username: 'wangfang' });
    ids = { branchUser: branchUser.id, subUser: subUser.id, otherUser: otherUser.id };
    clerk = await login(t, branchUser);
  });

  it('finds active colleagues by part of the name, with their unit, for any user who reads customers', async () => {
    const found = body(await clerk.get('/api/v1/users/lookup?q=ZHANG'));
    expect(found.map((u: { id: number }) => u.id).sort()).toEqual([ids.branchUser, ids.subUser].sort());
    expect(found.find((u: { id: number }) => u.id === ids.subUser)).toMatchObject({ username: 'zhangli', orgUnitNameZh: '园区支行' });
    // names of users already chosen, by id
    expect(body(await clerk.get(`/api/v1/users/lookup?ids=${ids.otherUser}`))).toEqual([expect.objectContaining({ id: ids.otherUser, orgUnitNameZh: '杭州分行' })]);
  });

  it('leaves disabled users out and refuses malformed ids', async () => {
    const user = body(await admin.get(`/api/v1/users/${ids.otherUser}`));
    const updated = await admin.put(`/api/v1/users/${ids.otherUser}`, {
      displayName: user.displayName,
      email: user.email,
      orgUnitId: user.orgUnitId,
      managerId: user.managerId,
      locale: user.locale,
      roleIds: [],
      status: 'disabled',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(body(await clerk.get('/api/v1/users/lookup?q=wangfang'))).toEqual([]);
    expect((await clerk.get('/api/v1/users/lookup?ids=1,x')).statusCode).toBe(400);
    expect((await clerk.get('/api/v1/users/lookup?limit=500')).statusCode).toBe(400);
  });

  it('filters the user list by org subtree and status', async () => {
    const inBranch = body(await admin.get(`/api/v1/users?orgUnitId=${branchId}`)).map((u: { id: number }) => u.id);
    expect(inBranch.sort()).toEqual([ids.branchUser, ids.subUser].sort());
    const disabled = body(await admin.get('/api/v1/users?status=disabled')).map((u: { id: number }) => u.id);
    expect(disabled).toEqual([ids.otherUser]);
  });
});
