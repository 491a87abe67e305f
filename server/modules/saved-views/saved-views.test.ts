import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildUser, login, withAdmin, type Client } from '#test/factories.ts';
import { MAX_VIEWS_PER_PAGE } from './saved-views.service.ts';

describe('saved views', () => {
  let t: TestApp;
  let admin: Client;
  let clerk: Client;
  beforeAll(async () => {
    t = await buildTestApp();
    const setup = await withAdmin(t);
    admin = setup.client;
    clerk = await login(t, await buildUser(t, { role: 'customer_manager', orgUnit: setup.hq }));
  });

  const state = { filters: { status: 'active', orgUnitId: '3' }, sort: 'name', columns: ['code', 'name', 'mobile'] };

  it('saves, lists, renames and deletes a view of the signed-in user only', async () => {
    const created = await clerk.post('/api/v1/saved-views', { page: 'customers', name: '我的活跃客户', state });
    expect(created.statusCode).toBe(201);
    const view = body(created);
    expect(view).toMatchObject({ page: 'customers', name: '我的活跃客户', state, isDefault: false });

    expect(body(await clerk.get('/api/v1/saved-views?page=customers')).map((v: { id: number }) => v.id)).toEqual([view.id]);
    expect(body(await admin.get('/api/v1/saved-views?page=customers'))).toEqual([]);
    // someone else's view is not there for him: neither to change nor to delete
    expect((await admin.put(`/api/v1/saved-views/${view.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await admin.delete(`/api/v1/saved-views/${view.id}`)).statusCode).toBe(404);

    const renamed = body(await clerk.put(`/api/v1/saved-views/${view.id}`, { name: '活跃客户' }));
    expect(renamed).toMatchObject({ name: '活跃客户', state });
    expect((await clerk.delete(`/api/v1/saved-views/${view.id}`)).statusCode).toBe(204);
    expect(body(await clerk.get('/api/v1/saved-views?page=customers'))).toEqual([]);
  });

  it('keeps one default per page: a new default replaces the old one', async () => {
    const a = body(await admin.post('/api/v1/saved-views', { page: 'customers', name: 'A', state, isDefault: true }));
    const b = body(await admin.post('/api/v1/saved-views', { page: 'customers', name: 'B', state: {}, isDefault: true }));
    let views = body(await admin.get('/api/v1/saved-views?page=customers'));
    expect(views.filter((v: { isDefault: boolean }) => v.isDefault).map((v: { id: number }) => v.id)).toEqual([b.id]);
    await admin.put(`/api/v1/saved-views/${a.id}`, { isDefault: true });
    views = body(await admin.get('/api/v1/saved-views?page=customers'));
    expect(views.filter((v: { isDefault: boolean }) => v.isDefault).map((v: { id: number }) => v.id)).toEqual([a.id]);
  });

  it('refuses a taken name with 409 naming the field, in the user language', async () => {
    await admin.post('/api/v1/saved-views', { page: 'customers', name: '重名', state });
    const res = await admin.request('POST', '/api/v1/saved-views', { page: 'customers', name: '重名', state }, { 'x-locale': 'zh-CN' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(body(res)).toMatchObject({ code: 'SAVED_VIEW_NAME_TAKEN', title: '已有同名视图', errors: [{ field: 'body.name' }] });
  });

  it('refuses bad input: unknown page, empty name, a state that is not an object or too large', async () => {
    expect((await admin.post('/api/v1/saved-views', { page: 'nowhere', name: 'x', state })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/saved-views', { page: 'customers', name: '  ', state })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/saved-views', { page: 'customers', name: 'list', state: [1, 2] })).statusCode).toBe(400);
    const huge = await admin.post('/api/v1/saved-views', { page: 'customers', name: 'huge', state: { blob: 'x'.repeat(20_000) } });
    expect(huge.statusCode).toBe(400);
    expect(body(huge).errors[0].field).toBe('body.state');
    expect((await admin.get('/api/v1/saved-views')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/saved-views?page=customers' })).statusCode).toBe(401);
  });

  it(`caps the views per page at ${MAX_VIEWS_PER_PAGE}`, async () => {
    const user = await login(t, await buildUser(t, { role: 'customer_manager', orgUnit: (await withAdmin(t)).hq }));
    for (let i = 0; i < MAX_VIEWS_PER_PAGE; i++) {
      expect((await user.post('/api/v1/saved-views', { page: 'customers', name: `v${i}`, state: {} })).statusCode).toBe(201);
    }
    const over = await user.post('/api/v1/saved-views', { page: 'customers', name: 'one more', state: {} });
    expect(over.statusCode).toBe(409);
    expect(body(over).code).toBe('SAVED_VIEW_LIMIT');
  });
});
