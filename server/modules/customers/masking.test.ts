import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';

describe('field rules and masking', () => {
  let t: TestApp;
  let admin: Client;
  let customerId: number;
  let hq: Awaited<ReturnType<typeof withAdmin>>['hq'];

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin, hq } = await withAdmin(t));
    const res = await admin.post('/api/v1/customers', {
      kind: 'individual',
      name: '钱学森',
      idNumber: '11010519491231002X',
      mobile: '13800138000',
      email: 'qian@example.com',
    });
    expect(res.statusCode, res.body).toBe(201);
    customerId = body(res).id;
  });

  const as = async (role: string) => login(t, await buildUser(t, { role, orgUnit: hq }));

  it('shows everything to an administrator', async () => {
    const c = body(await admin.get(`/api/v1/customers/${customerId}`));
    expect(c).toMatchObject({ idNumber: '11010519491231002X', mobile: '+8613800138000', masked: [] });
  });

  it('masks the ID everywhere and the mobile in lists only for a service agent', async () => {
    const agent = await as('service_agent');
    const detail = body(await agent.get(`/api/v1/customers/${customerId}`));
    expect(detail.idNumber).toBe('110105********002X');
    expect(detail.mobile).toBe('+8613800138000');
    expect(detail.masked).toEqual(['idNumber']);
    const list = body(await agent.get('/api/v1/customers?q=钱学森'));
    expect(list.items[0]).toMatchObject({ idNumber: '110105********002X', mobile: '138****8000' });
    expect(list.items[0].masked.sort()).toEqual(['idNumber', 'mobile']);
  });

  it('hides the ID from a marketer and masks what he exports', async () => {
    const marketer = await as('marketer');
    const detail = body(await marketer.get(`/api/v1/customers/${customerId}`));
    expect(detail).not.toHaveProperty('idNumber');
    expect(detail.mobile).toBe('138****8000');
    expect(detail.email).toBe('q***@example.com');
    const csv = (await marketer.get('/api/v1/customers/export.csv?q=钱学森')).body;
    expect(csv).toContain('138****8000');
    expect(csv).not.toContain('13800138000');
    expect(csv).not.toContain('11010519491231002X');
  });

  it('refuses writes to a field the role may not edit', async () => {
    const unit = await buildOrgUnit(t, hq);
    const custom = await admin.post('/api/v1/roles', {
      key: 'masked_editor',
      nameZh: '受限编辑',
      nameEn: 'Restricted editor',
      permissions: ['customer:read', 'customer:create', 'customer:update'],
      dataScope: 'all',
      fieldRules: { idNumber: 'masked', mobile: 'read' },
    });
    expect(custom.statusCode, custom.body).toBe(201);
    const editor = await login(t, await buildUser(t, { role: 'masked_editor', orgUnit: unit }));
    const res = await editor.patch(`/api/v1/customers/${customerId}`, { mobile: '13900139000', idNumber: '110101199003074514' });
    expect(res.statusCode).toBe(400);
    expect(body(res).errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.idNumber', 'body.mobile']);
    const ok = await editor.patch(`/api/v1/customers/${customerId}`, { industry: '教育' });
    expect(ok.statusCode).toBe(200);
    expect(body(ok).idNumber).toBe('110105********002X');
    const after = body(await admin.get(`/api/v1/customers/${customerId}`));
    expect(after).toMatchObject({ idNumber: '11010519491231002X', mobile: '+8613800138000', industry: '教育' });
  });

  it('keeps a contact value the editor saw masked, and refuses changing it without edit access', async () => {
    const created = await admin.post(`/api/v1/customers/${customerId}/contacts`, { name: '蒋英', mobile: '13700137000', email: 'jiang@example.com' });
    expect(created.statusCode, created.body).toBe(201);
    const contactId = body(created).id;
    const role = await admin.post('/api/v1/roles', {
      key: 'contact_masked',
      nameZh: '联系人脱敏',
      nameEn: 'Masked contacts',
      permissions: ['customer:read', 'customer:update'],
      dataScope: 'all',
      fieldRules: { mobile: 'masked', email: 'hidden' },
    });
    expect(role.statusCode, role.body).toBe(201);
    const editor = await login(t, await buildUser(t, { role: 'contact_masked', orgUnit: hq }));
    const shown = body(await editor.get(`/api/v1/customers/${customerId}/contacts`)).find((c: { id: number }) => c.id === contactId);
    expect(shown).toMatchObject({ mobile: '137****7000', email: null });

    // The form sends back what it showed: the title changes, the mobile and email stay as stored.
    const res = await editor.put(`/api/v1/customers/${customerId}/contacts/${contactId}`, { ...shown, id: undefined, customerId: undefined, createdAt: undefined, updatedAt: undefined, title: '财务总监' });
    expect(res.statusCode, res.body).toBe(200);
    const stored = body(await admin.get(`/api/v1/customers/${customerId}/contacts`)).find((c: { id: number }) => c.id === contactId);
    expect(stored).toMatchObject({ title: '财务总监', mobile: '+8613700137000', email: 'jiang@example.com' });

    const change = await editor.put(`/api/v1/customers/${customerId}/contacts/${contactId}`, { name: '蒋英', mobile: '13600136000' });
    expect(change.statusCode).toBe(400);
    expect(body(change).errors.map((e: { field: string }) => e.field)).toEqual(['body.mobile']);
  });
});
