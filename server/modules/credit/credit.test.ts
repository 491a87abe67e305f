import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';

/**
 * Hand-computed with the default scorecard (base 600). Customer A: 36 years old (+20), new (0),
 * ¥150,000 on deposit (+40); of three bills in the last year one was paid 40 days late and one is
 * unpaid 45 days after its due date: two late payments (−35) and 45 days overdue now (−60) → 565.
 * Customer B: no birth date (0, "no data"), nothing held, nothing late (+20) → 620.
 */
describe('credit assessment', async () => {
  const t = await buildTestApp();
  const { hq, client: admin } = await withAdmin(t);
  const branch = await buildOrgUnit(t, hq);
  const cmUser = await buildUser(t, { role: 'customer_manager', orgUnit: branch });
  const bmUser = await buildUser(t, { role: 'branch_manager', orgUnit: branch });
  let manager: Client;
  let boss: Client;
  let a: { id: number };
  let b: { id: number };
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const credit = async (id: number) => body(await admin.get(`/api/v1/customers/${id}/credit`));

  beforeAll(async () => {
    manager = await login(t, cmUser);
    boss = await login(t, bmUser);
    a = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '信用甲', birthDate: '1990-06-15', orgUnitId: branch.id, ownerId: cmUser.id }));
    b = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '信用乙', orgUnitId: branch.id, ownerId: cmUser.id }));
    await t.db.query(`insert into holdings (customer_id, external_id, kind, balance) values ($1, 'CA-D', 'deposit', 150000), ($1, 'CA-C', 'credit_card', 120000)`, [a.id]);
    const bill = (externalId: string, dueOn: string, paidOn?: string) =>
      manager.post(`/api/v1/customers/${a.id}/receivables`, { externalId, amount: '5000.00', dueOn, ...(paidOn ? { paidAmount: '5000.00', paidOn } : {}) });
    expect((await bill('R1', day(-100), day(-60))).statusCode).toBe(201);
    expect((await bill('R2', day(-200), day(-195))).statusCode).toBe(201);
    expect((await bill('R3', day(-45))).statusCode).toBe(201);
    await t.app.services.events.settle();
  });

  it('scores from the scorecard and explains every factor', async () => {
    expect(body(await admin.post('/api/v1/credit/recompute')).customers).toBeGreaterThanOrEqual(2);
    const { score } = await credit(a.id);
    expect(score).toMatchObject({ automatic: 565, adjustment: 0, final: 565 });
    const reasons = Object.fromEntries(score.explanation.map((e: { factor: string; points: number; reasonEn: string }) => [e.factor, [e.points, e.reasonEn]]));
    expect(reasons).toEqual({
      age: [20, '36 years old, of working age'],
      customerYears: [0, 'New customer'],
      assets: [40, 'Deposits and investments CN¥150,000.00'],
      latePayments12m: [-35, '2 payments over 30 days late in the last 12 months'],
      overdueDays: [-60, 'Overdue for 45 days now'],
    });
    expect((await credit(b.id)).score).toMatchObject({ automatic: 620, final: 620 });
    expect((await credit(b.id)).score.explanation[0]).toMatchObject({ factor: 'age', value: null, points: 0, reasonEn: 'No data' });
  });

  it('counts a manual adjustment only once a superior approved it, never one approved by its author', async () => {
    const noReason = await manager.post(`/api/v1/customers/${a.id}/credit/adjustments`, { points: 30, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(body(noReason).errors[0].field).toBe('body.reason');
    const request = body(await manager.post(`/api/v1/customers/${a.id}/credit/adjustments`, { points: 30, reason: '工资稳定，代发工资五年' }));
    expect(request).toMatchObject({ status: 'pending', points: 30 });
    expect((await credit(a.id)).score.final).toBe(565);
    expect((await manager.post(`/api/v1/credit/adjustments/${request.id}/decision`, { approve: true })).statusCode).toBe(403);
    expect(body(await boss.get('/api/v1/credit/adjustments')).map((x: { id: number }) => x.id)).toContain(request.id);

    // Two approvers at once: one wins, the other is told.
    const [one, two] = await Promise.all([
      boss.post(`/api/v1/credit/adjustments/${request.id}/decision`, { approve: true, comment: '同意' }),
      admin.post(`/api/v1/credit/adjustments/${request.id}/decision`, { approve: false }),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
    const decided = one.statusCode === 200 ? body(one) : body(two);
    const expectedFinal = decided.status === 'approved' ? 595 : 565;
    const after = await credit(a.id);
    expect(after.score.final).toBe(expectedFinal);
    if (decided.status === 'approved') expect(after.history[0]).toMatchObject({ cause: 'adjustment', adjustment: 30, final: 595 });

    const own = body(await boss.post(`/api/v1/customers/${a.id}/credit/adjustments`, { points: -10, reason: '近期大额负债增加' }));
    const self = await boss.post(`/api/v1/credit/adjustments/${own.id}/decision`, { approve: true }, { 'x-locale': 'en' });
    expect(self.statusCode).toBe(403);
    expect(body(self).title).toMatch(/your own request/);
  });

  it('drops a pending request from the approval list once its customer is merged into another, and refuses to decide it', async () => {
    const twin = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '信用乙', mobile: '13800138099', orgUnitId: branch.id, ownerId: cmUser.id }));
    const request = body(await manager.post(`/api/v1/customers/${twin.id}/credit/adjustments`, { points: 15, reason: '结算户流水稳定' }));
    expect(body(await boss.get('/api/v1/credit/adjustments')).map((x: { id: number }) => x.id)).toContain(request.id);
    expect((await admin.post(`/api/v1/customers/${b.id}/merge`, { sourceId: twin.id })).statusCode).toBe(200);
    expect(body(await boss.get('/api/v1/credit/adjustments')).map((x: { id: number }) => x.id)).not.toContain(request.id);
    const late = await boss.post(`/api/v1/credit/adjustments/${request.id}/decision`, { approve: true }, { 'x-locale': 'zh-CN' });
    expect(late.statusCode).toBe(409);
    expect(body(late)).toMatchObject({ code: 'CREDIT_CUSTOMER_GONE', title: '该客户已被合并或删除，此申请无法再审批' });
    expect((await credit(b.id)).score.final).toBe(620);
  });

  it('counts years as a customer from his oldest account when it is older than his record here', async () => {
    const factor = async (id: number) => (await credit(id)).score.explanation.find((e: { factor: string }) => e.factor === 'customerYears');
    // Loaded into the CRM today, a customer of the bank for eight years (the oldest account is closed since).
    const loaded = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '老客户甲', orgUnitId: branch.id }));
    await t.db.query(
      `insert into holdings (customer_id, external_id, kind, balance, opened_on, closed_on, status) values
         ($1, 'OLD-1', 'deposit', 0, $2, $3, 'closed'), ($1, 'OLD-2', 'debit_card', 0, $4, null, 'active'), ($1, 'OLD-3', 'loan', 0, null, null, 'active')`,
      [loaded.id, day(-8 * 365 - 10), day(-400), day(-3 * 365)],
    );
    // The import path: its change event rescores only this customer.
    t.app.services.events.emit('business.changed', { customerIds: [loaded.id] });
    await t.app.services.events.settle();
    expect(await factor(loaded.id)).toMatchObject({ value: 8, points: 30, reasonEn: 'A customer for 8 years: a long relationship' });

    // A record older than any account counts from the record.
    const early = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '老客户乙', orgUnitId: branch.id }));
    await t.db.query(`update customers set created_at = now() - interval '3 years 1 month' where id = $1`, [early.id]);
    await t.db.query(`insert into holdings (customer_id, external_id, kind, balance, opened_on) values ($1, 'NEW-1', 'deposit', 0, $2)`, [early.id, day(-30)]);
    // The nightly pass scores everyone.
    expect((await admin.post('/api/v1/credit/recompute')).statusCode).toBe(200);
    expect(await factor(early.id)).toMatchObject({ value: 3, points: 15, reasonEn: 'A customer for 3 years' });
    expect(await factor(loaded.id)).toMatchObject({ value: 8, points: 30 });
    // No account with an opening date: from the record, as before.
    expect(await factor(a.id)).toMatchObject({ value: 0, reasonEn: 'New customer' });
  });

  it('ages receivables, raises over-limit and overdue alerts, and rescores after a payment', async () => {
    expect((await boss.put(`/api/v1/customers/${a.id}/credit/limit`, { amount: '100000.00' })).statusCode).toBe(204);
    const { ageing, exposure, alerts } = await credit(a.id);
    expect(ageing.find((x: { bucket: string }) => x.bucket === '31-60')).toMatchObject({ receivables: 1, outstanding: '5000.00' });
    expect(exposure).toMatchObject({ outstanding: '5000.00', debt: '120000.00' });
    expect(alerts.map((x: { kind: string }) => x.kind).sort()).toEqual(['over_limit', 'overdue']);
    const inScope = body(await boss.get('/api/v1/credit/alerts'));
    expect(inScope.filter((x: { customerId: number }) => x.customerId === a.id)).toHaveLength(2);

    const r3 = (await credit(a.id)).receivables.find((r: { externalId: string }) => r.externalId === 'R3');
    expect((await manager.post(`/api/v1/customers/${a.id}/receivables/${r3.id}/payments`, { amount: '5000.00', paidOn: day(0) })).statusCode).toBe(204);
    await t.app.services.events.settle();
    // Paid, but 45 days late: still two late payments (−35), nothing overdue now (0): 600 + 20 + 40 − 35.
    const { score } = await credit(a.id);
    expect(score.automatic).toBe(625);
    expect((await credit(a.id)).alerts.map((x: { kind: string }) => x.kind)).toEqual(['over_limit']);
  });
});
