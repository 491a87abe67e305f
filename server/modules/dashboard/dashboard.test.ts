import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, uniqueMobile, type Client } from '#test/factories.ts';
import type { OrgUnitRow } from '#modules/identity/identity.repository.ts';
import { lastMonths } from './dashboard.service.ts';

describe('customer dashboard', () => {
  let t: TestApp;
  let admin: Client;
  let east: OrgUnitRow;
  let eastSub: OrgUnitRow;
  let west: OrgUnitRow;
  let eastManager: Client;

  async function customer(client: Client, orgUnitId: number, status: string, kind = 'individual') {
    const res = await client.post('/api/v1/customers', {
      kind,
      name: kind === 'individual' ? '王小明' : '某某科技有限公司',
      status,
      orgUnitId,
      mobile: uniqueMobile(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return body(res).id as number;
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const hq = await buildOrgUnit(t, null, { nameZh: '总行' });
    east = await buildOrgUnit(t, hq, { nameZh: '华东分行' });
    eastSub = await buildOrgUnit(t, east, { nameZh: '南京支行' });
    west = await buildOrgUnit(t, hq, { nameZh: '西部分行' });
    admin = await login(t, await buildUser(t, { role: 'admin', orgUnit: hq }));
    eastManager = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: east }));
    await customer(admin, east.id, 'active');
    await customer(admin, eastSub.id, 'active');
    await customer(admin, eastSub.id, 'prospect', 'organization');
    await customer(admin, west.id, 'dormant');
    await customer(admin, hq.id, 'active');
    const deleted = await customer(admin, west.id, 'active');
    await admin.delete(`/api/v1/customers/${deleted}`);
    // one customer created fourteen months ago falls outside the twelve months shown
    const old = await customer(admin, west.id, 'churned');
    await t.db.query(`update customers set created_at = now() - interval '14 months' where id = $1`, [old]);
  });

  it('counts the whole bank for head office, rolled up to the branches, without deleted customers', async () => {
    const d = body(await admin.get('/api/v1/dashboard/customers'));
    expect(d.total).toBe(6);
    expect(d.byStatus).toEqual([
      { status: 'active', count: 3 },
      { status: 'churned', count: 1 },
      { status: 'dormant', count: 1 },
      { status: 'prospect', count: 1 },
    ]);
    expect(d.byKind).toEqual([
      { kind: 'individual', count: 5 },
      { kind: 'organization', count: 1 },
    ]);
    // the sub-branch counts under its branch; the head office's own customer under itself
    expect(d.byOrgUnit).toEqual([
      { orgUnitId: east.id, nameZh: '华东分行', nameEn: null, count: 3, byStatus: { active: 2, prospect: 1 } },
      { orgUnitId: west.id, nameZh: '西部分行', nameEn: null, count: 2, byStatus: { dormant: 1, churned: 1 } },
      expect.objectContaining({ nameZh: '总行', count: 1 }),
    ]);
    expect(d.newByMonth).toHaveLength(12);
    expect(d.newThisMonth).toBe(5);
    expect(d.newByMonth.at(-1).count).toBe(5);
    expect(d.newByMonth.reduce((sum: number, m: { count: number }) => sum + m.count, 0)).toBe(5);
  });

  it('shows a branch manager his branch only, rolled up to the units below it', async () => {
    const d = body(await eastManager.get('/api/v1/dashboard/customers'));
    expect(d.total).toBe(3);
    expect(d.byOrgUnit).toEqual([
      { orgUnitId: eastSub.id, nameZh: '南京支行', nameEn: null, count: 2, byStatus: { active: 1, prospect: 1 } },
      { orgUnitId: east.id, nameZh: '华东分行', nameEn: null, count: 1, byStatus: { active: 1 } },
    ]);
  });

  it('needs customer:read', async () => {
    const role = await admin.post('/api/v1/roles', { key: 'org_admin_only', nameZh: '机构管理', nameEn: 'Org admin', permissions: ['org:manage'], dataScope: 'all' });
    expect(role.statusCode, role.body).toBe(201);
    const nobody = await login(t, await buildUser(t, { role: 'org_admin_only', orgUnit: west }));
    expect((await nobody.get('/api/v1/dashboard/customers')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dashboard/customers' })).statusCode).toBe(401);
  });

  it('lists the last months across a year boundary', () => {
    expect(lastMonths('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(lastMonths('2026-12', 2)).toEqual(['2026-11', '2026-12']);
  });
});
