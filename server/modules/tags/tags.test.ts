import { describe, it, expect } from 'vitest';
import { buildTestApp, body } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin } from '#test/factories.ts';

describe('tags', async () => {
  const t = await buildTestApp();
  const { hq, client: admin } = await withAdmin(t);
  const customer = async (name: string, extra: Record<string, unknown> = {}) => body(await admin.post('/api/v1/customers', { kind: 'individual', name, ...extra }));
  const tagsOf = async (id: number) => body(await admin.get(`/api/v1/customers/${id}/tags`));
  const keysOf = async (id: number) => (await tagsOf(id)).tags.map((x: { key: string }) => x.key).sort();

  it('keeps a catalogue in categories, with clear errors', async () => {
    const category = body(await admin.post('/api/v1/tag-categories', { nameZh: '客户属性', nameEn: 'Profile' }));
    expect(category).toMatchObject({ nameZh: '客户属性', tagCount: 0 });
    const created = await admin.post('/api/v1/tags', { key: 'vip', categoryId: category.id, nameZh: '贵宾', nameEn: 'VIP', kind: 'manual' });
    expect(created.statusCode).toBe(201);
    const again = await admin.post('/api/v1/tags', { key: 'vip', nameZh: '重复', kind: 'manual' }, { 'x-locale': 'en' });
    expect(again.statusCode).toBe(400);
    expect(body(again).errors[0].field).toBe('body.key');
    const inUse = await admin.request('DELETE', `/api/v1/tag-categories/${category.id}`, undefined, { 'x-locale': 'zh-CN' });
    expect(inUse.statusCode).toBe(409);
    expect(body(inUse).title).toBe('该分类下还有标签或子分类');
    expect(body(await admin.get(`/api/v1/tags?categoryId=${category.id}`)).map((x: { key: string }) => x.key)).toEqual(['vip']);
    const ruleWithoutRule = await admin.post('/api/v1/tags', { key: 'x_rule', nameZh: '无规则', kind: 'rule' });
    expect(body(ruleWithoutRule).errors[0].field).toBe('body.rule');
  });

  it('sets and removes manual tags one by one and in bulk, with history and timeline', async () => {
    const vip = body(await admin.get('/api/v1/tags?q=vip'))[0];
    const a = await customer('欧阳明');
    const b = await customer('司马青');
    const first = await admin.put(`/api/v1/customers/${a.id}/tags/${vip.id}`);
    expect(body(first)).toMatchObject({ changed: 1, unchanged: 0 });
    expect(body(await admin.put(`/api/v1/customers/${a.id}/tags/${vip.id}`))).toMatchObject({ changed: 0, unchanged: 1 });
    expect(body(await admin.post(`/api/v1/tags/${vip.id}/members`, { codes: [b.code, 'NO-SUCH-CODE'], customerIds: [a.id] }))).toEqual({ changed: 1, unchanged: 1, notFound: 1 });
    expect((await admin.get(`/api/v1/tags/${vip.id}`)).json()).toMatchObject({ memberCount: 2 });
    expect(body(await admin.get(`/api/v1/tags/${vip.id}/members`)).items.map((m: { id: number }) => m.id)).toEqual([a.id, b.id]);

    expect(body(await admin.request('DELETE', `/api/v1/customers/${a.id}/tags/${vip.id}`))).toMatchObject({ changed: 1 });
    const { tags, history } = await tagsOf(a.id);
    expect(tags).toEqual([]);
    expect(history.map((h: { change: string; source: string }) => `${h.change}:${h.source}`)).toEqual(['lost:manual', 'gained:manual']);
    const timeline = body(await admin.get(`/api/v1/customers/${a.id}/timeline`));
    expect(timeline.items.filter((e: { source: string }) => e.source === 'tag').map((e: { kind: string }) => e.kind)).toEqual(['lost', 'gained']);
  });

  it('lets a manager tag only the customers he may see', async () => {
    const vip = body(await admin.get('/api/v1/tags?q=vip'))[0];
    const branch = await buildOrgUnit(t, hq);
    const manager = await login(t, await buildUser(t, { role: 'customer_manager', orgUnit: branch }));
    const notHis = await customer('上官云');
    expect((await manager.put(`/api/v1/customers/${notHis.id}/tags/${vip.id}`)).statusCode).toBe(404);
    expect(body(await manager.post(`/api/v1/tags/${vip.id}/members`, { customerIds: [notHis.id] }))).toEqual({ changed: 0, unchanged: 0, notFound: 1 });
    // Managing the catalogue is another permission.
    expect((await manager.post('/api/v1/tags', { key: 'mine', nameZh: '我的', kind: 'manual' })).statusCode).toBe(403);
  });

  it('computes rule tags over attributes, holdings and transactions in a window, and follows changes', async () => {
    // Hand-computed: only A is 28–60, holds a mortgage and spent over 10,000 in the last 90 days.
    const a = await customer('甲', { birthDate: '1990-06-15', gender: 'female' });
    const b = await customer('乙', { birthDate: '1960-06-15', gender: 'female' });
    const c = await customer('丙', { birthDate: '1995-06-15', gender: 'male' });
    for (const [who, kind] of [[a, 'mortgage'], [b, 'deposit'], [c, 'mortgage']] as const) {
      await t.db.query(`insert into holdings (customer_id, external_id, kind, balance) values ($1, $2, $3, 100000)`, [who.id, `H-${who.id}`, kind]);
    }
    const spend = async (who: { id: number }, amount: number, daysAgo: number, n: number) =>
      t.db.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, $2, now() - make_interval(days => $3), $4, 'debit')`, [who.id, `T-${who.id}-${n}`, daysAgo, amount]);
    await spend(a, 7000, 10, 1);
    await spend(a, 5000, 80, 2);
    await spend(b, 20000, 200, 1);
    await spend(c, 3000, 5, 1);

    const rule = {
      all: [
        { field: 'age', op: 'between', value: [28, 60] },
        { holdings: { kind: ['mortgage'] } },
        { transactions: { withinDays: 90, direction: 'debit' }, measure: 'sum', op: 'gt', value: 10000 },
      ],
    };
    const preview = body(await admin.post('/api/v1/tags/preview', { rule }));
    expect(preview.count).toBeGreaterThanOrEqual(1);
    expect(preview.sample.map((s: { id: number }) => s.id)).toContain(a.id);
    expect(preview.sample.map((s: { id: number }) => s.id)).not.toContain(b.id);

    const spender = body(await admin.post('/api/v1/tags', { key: 'mortgage_spender', nameZh: '按揭高消费', kind: 'rule', rule }));
    // A second rule reads the first: computed after it.
    const women = body(await admin.post('/api/v1/tags', { key: 'female_spender', nameZh: '女性高消费', kind: 'rule', rule: { all: [{ tag: 'mortgage_spender' }, { field: 'gender', op: 'eq', value: 'female' }] } }));
    expect(await keysOf(a.id)).toEqual(['female_spender', 'mortgage_spender']);
    expect(await keysOf(b.id)).toEqual([]);
    expect(await keysOf(c.id)).toEqual([]);
    expect(body(await admin.get(`/api/v1/tags/${spender.id}/members`)).items.map((m: { id: number }) => m.id)).toEqual([a.id]);

    // C spends more: once the change is announced, C matches (the import announces it the same way).
    await spend(c, 8000, 1, 2);
    t.app.services.events.emit('business.changed', { customerIds: [c.id] });
    await t.app.services.events.settle();
    expect(await keysOf(c.id)).toEqual(['mortgage_spender']);
    // A's birth date corrected through the API: too old now, both tags go.
    await admin.patch(`/api/v1/customers/${a.id}`, { birthDate: '1950-06-15' });
    await t.app.services.events.settle();
    expect(await keysOf(a.id)).toEqual([]);
    const history = (await tagsOf(a.id)).history.map((h: { tagKey: string; change: string; source: string }) => `${h.tagKey}:${h.change}:${h.source}`);
    expect(history).toEqual(expect.arrayContaining(['mortgage_spender:lost:rule', 'mortgage_spender:gained:rule', 'female_spender:lost:rule']));
    // A full recompute finds nothing more to change.
    expect(body(await admin.post('/api/v1/tags/recompute'))).toMatchObject({ tags: 2, gained: 0, lost: 0 });

    // Rule tags are not set by hand; rules that read themselves are refused.
    expect((await admin.put(`/api/v1/customers/${b.id}/tags/${spender.id}`)).statusCode).toBe(409);
    const cycle = await admin.put(`/api/v1/tags/${spender.id}`, { key: 'mortgage_spender', nameZh: '按揭高消费', kind: 'rule', rule: { tag: 'female_spender' } });
    expect(cycle.statusCode).toBe(400);
    expect(body(cycle).errors[0]).toMatchObject({ field: 'body.rule' });
    expect(women.memberCount).toBe(1);
  });

  it('follows an import: transactions loaded from a file update the rule tags that read them', async () => {
    const d = await customer('丁');
    body(await admin.post('/api/v1/tags', { key: 'active_30d', nameZh: '近30天有交易', kind: 'rule', rule: { transactions: { withinDays: 30 }, measure: 'count', op: 'gte', value: 2 } }));
    expect(await keysOf(d.id)).not.toContain('active_30d');
    const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const csv = `交易流水号,客户号,交易时间,交易金额\nIMP-1,${d.code},${day} 10:00:00,100.00\nIMP-2,${d.code},${day} 11:00:00,"1,200.50"\n`;
    const up = body(await admin.request('POST', '/api/v1/imports/files', csv, { 'content-type': 'application/octet-stream', 'x-file-name': 'txns.csv' }));
    const run = body(await admin.post('/api/v1/imports?wait=true', { fileId: up.fileId, fileName: 'txns.csv', target: 'transactions', mapping: up.suggested.transactions }));
    expect(run.run ?? run).toMatchObject({ status: 'succeeded', rowsInserted: 2 });
    await t.app.services.events.settle();
    expect(await keysOf(d.id)).toContain('active_30d');
  });

  it('counts years as a customer from his oldest account, as credit does: an import of holdings opened years ago makes him a long-standing customer', async () => {
    // Created today, as a customer imported from the bank is.
    const e = await customer('戊');
    body(await admin.post('/api/v1/tags', { key: 'five_years', nameZh: '五年以上客户', kind: 'rule', rule: { field: 'customerYears', op: 'gte', value: 5 } }));
    expect(await keysOf(e.id)).not.toContain('five_years');
    const [{ opened, today, yearAgo }] = (await t.db.query<{ opened: string; today: string; yearAgo: string }>(
      `select to_char(current_date - interval '6 years', 'YYYY-MM-DD') as opened, to_char(current_date, 'YYYY-MM-DD') as today,
              to_char(current_date - interval '1 year', 'YYYY-MM-DD') as "yearAgo"`,
    )) as [{ opened: string; today: string; yearAgo: string }];
    // His accounts at the bank: one opened six years ago and closed since (it counts), one of no known day (ignored).
    const csv = `客户号,账号,产品类型,开户日期,账户状态,余额\n${e.code},YRS-1,存款,${opened},销户,0\n${e.code},YRS-2,借记卡,,正常,0\n`;
    const up = body(await admin.request('POST', '/api/v1/imports/files', csv, { 'content-type': 'application/octet-stream', 'x-file-name': 'accounts.csv' }));
    const run = body(await admin.post('/api/v1/imports?wait=true', { fileId: up.fileId, fileName: 'accounts.csv', target: 'holdings', mapping: up.suggested.holdings }));
    expect(run.run ?? run, JSON.stringify(run)).toMatchObject({ status: 'succeeded', rowsInserted: 2 });
    await t.app.services.events.settle();
    expect(await keysOf(e.id)).toContain('five_years');
    const ids = async (rule: unknown) => body(await admin.post('/api/v1/tags/preview', { rule })).sample.map((s: { id: number }) => s.id);
    expect(await ids({ all: [{ field: 'customerYears', op: 'eq', value: 6 }, { field: 'createdAt', op: 'eq', value: today }] })).toContain(e.id);
    // createdAt is still the day the record was created.
    expect(await ids({ all: [{ field: 'createdAt', op: 'lt', value: yearAgo }, { field: 'customerYears', op: 'gte', value: 5 }] })).not.toContain(e.id);
    // The old account moves to another customer: the one it left is a new customer again, and so is told.
    const other = await customer('己');
    const moved = `客户号,账号,产品类型,开户日期,账户状态,余额\n${other.code},YRS-1,存款,${opened},销户,0\n`;
    const up2 = body(await admin.request('POST', '/api/v1/imports/files', moved, { 'content-type': 'application/octet-stream', 'x-file-name': 'moved.csv' }));
    const run2 = body(await admin.post('/api/v1/imports?wait=true', { fileId: up2.fileId, fileName: 'moved.csv', target: 'holdings', mapping: up2.suggested.holdings }));
    expect(run2.run, JSON.stringify(run2)).toMatchObject({ status: 'succeeded', rowsUpdated: 1 });
    await t.app.services.events.settle();
    expect(await keysOf(other.id)).toContain('five_years');
    expect(await keysOf(e.id)).not.toContain('five_years');
  });

  it('imports tags from a file: set once, history says import, unknown keys and rule tags refused', async () => {
    const partner = body(await admin.post('/api/v1/tags', { key: 'partner_list', nameZh: '合作方名单', kind: 'imported' }));
    const e = await customer('戊');
    const f = await customer('己');
    const csv = `客户号,标签\n${e.code},partner_list\n${f.code},partner_list\n${e.code},partner_list\n${f.code},no_such_tag\n${f.code},mortgage_spender\n`;
    const upload = async () => body(await admin.request('POST', '/api/v1/imports/files', csv, { 'content-type': 'application/octet-stream', 'x-file-name': 'tags.csv' }));
    const up = await upload();
    expect(up.suggested.customer_tags).toEqual({ 客户号: 'customerCode', 标签: 'tagKey' });
    const { run } = body(await admin.post('/api/v1/imports?wait=true', { fileId: up.fileId, target: 'customer_tags', mapping: up.suggested.customer_tags, policy: 'load_valid' }, { 'x-locale': 'en' }));
    expect(run).toMatchObject({ status: 'succeeded', rowsRead: 5, rowsInserted: 2, rowsRejected: 2 });
    const errors = body(await admin.get(`/api/v1/imports/${run.id}/errors`, { 'x-locale': 'en' }));
    expect(errors.map((x: { rowNo: number; message: string }) => `${x.rowNo}:${x.message}`)).toEqual([
      '5:No tag has this key',
      '6:This tag is computed by its rule and cannot be set by hand',
    ]);
    expect(await keysOf(e.id)).toContain('partner_list');
    expect((await tagsOf(e.id)).history[0]).toMatchObject({ tagKey: 'partner_list', change: 'gained', source: 'import' });
    expect(body(await admin.get(`/api/v1/tags/${partner.id}`)).memberCount).toBe(2);
    // The same file again, forced through: every pair is already set, nothing changes.
    const again = body(await admin.post('/api/v1/imports?wait=true', { fileId: up.fileId, target: 'customer_tags', mapping: up.suggested.customer_tags, policy: 'load_valid', force: true }));
    expect(again.run).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUnchanged: 2 });
    expect(body(await admin.get(`/api/v1/tags/${partner.id}`)).memberCount).toBe(2);
  });

  it('keeps computing the other rule tags when one rule no longer compiles; keys and category trees stay sound', async () => {
    await t.db.query(`insert into custom_fields (key, type, label_zh, label_en) values ('risk_x', 'number', '风险值', 'Risk')`);
    t.app.services.customFields.forget();
    const risky = body(await admin.post('/api/v1/tags', { key: 'risky', nameZh: '高风险', kind: 'rule', rule: { field: 'custom.risk_x', op: 'gt', value: 5 } }));
    await t.db.query(`update custom_fields set active = false where key = 'risk_x'`);
    t.app.services.customFields.forget();
    const result = body(await admin.post('/api/v1/tags/recompute'));
    expect(result.failed).toEqual([{ key: 'risky', error: 'VALIDATION_FAILED' }]);
    expect(result.tags).toBeGreaterThanOrEqual(3);

    const renamed = await admin.put(`/api/v1/tags/${risky.id}`, { key: 'risky2', nameZh: '高风险', kind: 'rule', rule: { field: 'age', op: 'gt', value: 70 } });
    expect(body(renamed).errors[0].field).toBe('body.key');

    const top = body(await admin.post('/api/v1/tag-categories', { nameZh: '上级' }));
    const child = body(await admin.post('/api/v1/tag-categories', { nameZh: '下级', parentId: top.id }));
    const loop = await admin.put(`/api/v1/tag-categories/${top.id}`, { nameZh: '上级', parentId: child.id });
    expect(loop.statusCode).toBe(400);
    expect(body(loop).errors[0].field).toBe('body.parentId');
  });

  it('refuses a rule that names unknown fields or unfit values, saying where', async () => {
    const unknownField = await admin.post('/api/v1/tags/preview', { rule: { all: [{ field: 'age', op: 'gt', value: 1 }, { field: 'custom.nope', op: 'eq', value: 'x' }] } }, { 'x-locale': 'en' });
    expect(unknownField.statusCode).toBe(400);
    expect(body(unknownField).errors[0]).toMatchObject({ field: 'body.rule.all.1.field', message: 'No active custom field has this key' });
    const badValue = await admin.post('/api/v1/tags/preview', { rule: { field: 'age', op: 'gt', value: 'old' } });
    expect(body(badValue).errors[0].field).toBe('body.rule.value');
    const unknownTag = await admin.post('/api/v1/tags/preview', { rule: { not: { tag: 'nobody_has_this' } } });
    expect(body(unknownTag).errors[0].field).toBe('body.rule.not.tag');
    const notARule = await admin.post('/api/v1/tags/preview', { rule: { field: 'age', op: 'gt', value: 1, extra: 1 } });
    expect(notARule.statusCode).toBe(400);
  });
});
