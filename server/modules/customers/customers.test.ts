import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { residentIdCheckDigit } from '#lib/cn/index.ts';
import { buildOrgUnit, buildUser, login, withAdmin, uniqueMobile, type Client } from '#test/factories.ts';

describe('customers API', () => {
  let t: TestApp;
  let admin: Client;
  let hq: Awaited<ReturnType<typeof withAdmin>>['hq'];

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin, hq } = await withAdmin(t));
  });

  it('creates an organisation with two contacts and normalises Chinese input', async () => {
    const res = await admin.post('/api/v1/customers', {
      kind: 'organization',
      name: '腾讯科技（深圳）有限公司',
      idNumber: '91350100M000100Y43',
      phone: '０７５５－８６０１３３８８',
      districtCode: '440305',
      contacts: [
        { name: '马化腾', mobile: '+86 138-0013-8000', title: '董事长' },
        { name: '张小龙', mobile: '13900139000', isPrimary: true },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = body(res);
    expect(c.code).toMatch(/^C\d{4}\d{8}$/);
    expect(c.idType).toBe('uscc');
    expect(c.phone).toBe('0755-86013388');
    expect(c.provinceCode).toBe('440000');
    expect(c.cityCode).toBe('440300');
    expect(c.regionPath.map((r: { name: string }) => r.name)).toEqual(['广东省', '深圳市', '南山区']);
    expect(c.contacts).toHaveLength(2);
    expect(c.contacts[0]).toMatchObject({ name: '张小龙', isPrimary: true, mobile: '+8613900139000' });
    expect(c.contacts[1]).toMatchObject({ name: '马化腾', isPrimary: false, mobile: '+8613800138000' });
  });

  it('takes birth date and gender from a resident ID and rejects a wrong check digit', async () => {
    const ok = await admin.post('/api/v1/customers', { kind: 'individual', name: '欧阳娜娜', idNumber: '11010519491231002x' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(body(ok)).toMatchObject({ idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' });

    const bad = await admin.post('/api/v1/customers', { kind: 'individual', name: '张三', idNumber: '110105194912310021' }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(body(bad).errors).toEqual([expect.objectContaining({ field: 'body.idNumber', code: 'field.resident_id.checksum' })]);
  });

  it('answers bad input with a localised problem naming the field', async () => {
    const res = await admin.post('/api/v1/customers', { kind: 'individual', name: '', mobile: '123', owner: 5 }, { 'x-locale': 'zh-CN' });
    expect(res.statusCode).toBe(400);
    const p = body(res);
    expect(p.title).toBe('请求内容有误');
    expect(p.errors.map((e: { field: string }) => e.field)).toContain('body.owner');
  });

  it('finds customers by partial Chinese name, code, mobile and email', async () => {
    const mobile = uniqueMobile();
    const created = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '诸葛孔明', mobile, email: 'KongMing@Example.com' }));
    const search = async (q: string) =>
      body(await admin.get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).items.map((c: { id: number }) => c.id);
    expect(await search('孔')).toContain(created.id);
    expect(await search('葛孔')).toContain(created.id);
    expect(await search('诸葛孔明')).toContain(created.id);
    expect(await search('孔诸')).not.toContain(created.id);
    expect(await search(created.code)).toContain(created.id);
    expect(await search(mobile)).toContain(created.id);
    expect(await search('kongming@example.com')).toContain(created.id);
  });

  it('blocks a duplicate ID number and warns about a duplicate mobile', async () => {
    const mobile = uniqueMobile();
    const first = await admin.post('/api/v1/customers', { kind: 'individual', name: '李雷', idNumber: '110101199003074514', mobile });
    expect(first.statusCode, first.body).toBe(201);
    const sameId = await admin.post('/api/v1/customers', { kind: 'individual', name: '李 雷', idNumber: '110101199003074514', allowDuplicate: true });
    expect(sameId.statusCode).toBe(409);
    expect(body(sameId).matches[0]).toMatchObject({ inScope: true, hard: true, matchedOn: ['idNumber'], code: body(first).code });
    const sameMobile = await admin.post('/api/v1/customers', { kind: 'individual', name: '韩梅梅', mobile });
    expect(sameMobile.statusCode).toBe(409);
    const allowed = await admin.post('/api/v1/customers', { kind: 'individual', name: '韩梅梅', mobile, allowDuplicate: true });
    expect(allowed.statusCode).toBe(201);
  });

  it('updates with optimistic concurrency and records before and after in the audit log', async () => {
    const c = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '王小二' }));
    const ok = await admin.patch(`/api/v1/customers/${c.id}`, { status: 'dormant', version: c.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(body(ok).version).toBe(c.version + 1);
    const stale = await admin.patch(`/api/v1/customers/${c.id}`, { status: 'active', version: c.version });
    expect(stale.statusCode).toBe(409);
    const audit = body(await admin.get(`/api/v1/audit?entity=customer&entityId=${c.id}`));
    expect(audit[0]).toMatchObject({ action: 'update', before: { status: 'active' }, after: { status: 'dormant' } });
  });

  it("shows the audit trail's customer data under the reader's field rules: an auditor sees ID numbers and mobiles masked", async () => {
    const idNumber = `11010519800101123${residentIdCheckDigit('11010519800101123')}`;
    const [first, second] = [uniqueMobile(), uniqueMobile()];
    const masked = (m: string) => `${m.slice(0, 3)}****${m.slice(7)}`;
    const c = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '审计对象', idNumber, mobile: first, email: 'audit@example.com' }));
    const patched = await admin.patch(`/api/v1/customers/${c.id}`, { mobile: second, version: c.version });
    expect(patched.statusCode, patched.body).toBe(200);
    const auditor = await login(t, await buildUser(t, { role: 'auditor', orgUnit: hq }));
    const seen = body(await auditor.get(`/api/v1/audit?entity=customer&entityId=${c.id}`));
    expect(seen.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(seen[0]).toMatchObject({ before: { mobile: masked(first) }, after: { mobile: masked(second) } });
    expect(seen[1].after).toMatchObject({ name: '审计对象', idNumber: `110105********${idNumber.slice(-4)}`, mobile: masked(first), email: 'audit@example.com' });
    expect(JSON.stringify(seen)).not.toContain(first);
    expect(JSON.stringify(seen)).not.toContain(idNumber);
    // The administrator's role masks nothing: he reads the entries as they were recorded.
    const whole = body(await admin.get(`/api/v1/audit?entity=customer&entityId=${c.id}`));
    expect(whole[1].after).toMatchObject({ idNumber, mobile: `+86${first}` });
  });

  it('soft deletes and restores', async () => {
    const c = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '赵六' }));
    expect((await admin.delete(`/api/v1/customers/${c.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    const deleted = body(await admin.get('/api/v1/customers?deleted=true'));
    expect(deleted.items.map((x: { id: number }) => x.id)).toContain(c.id);
    const restored = await admin.post(`/api/v1/customers/${c.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(body(restored).deletedAt).toBeNull();
  });

  it('merges two customers, moving contacts and notes, and an admin can undo it', async () => {
    const target = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '孙悟空', contacts: [{ name: '猪八戒' }] }));
    const source = body(
      await admin.post('/api/v1/customers', { kind: 'individual', name: '孙行者', email: 'wukong@example.com', contacts: [{ name: '沙僧' }] }),
    );
    await admin.post(`/api/v1/customers/${source.id}/activities`, { kind: 'call', body: '电话回访' });
    const merged = await admin.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id, take: { name: 'target' } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(body(merged)).toMatchObject({ name: '孙悟空', email: 'wukong@example.com' });
    expect(body(merged).contacts.map((c: { name: string }) => c.name).sort()).toEqual(['沙僧', '猪八戒'].sort());
    expect((await admin.get(`/api/v1/customers/${source.id}`)).statusCode).toBe(404);
    const notes = body(await admin.get(`/api/v1/customers/${target.id}/activities`));
    expect(notes.map((n: { body: string }) => n.body)).toContain('电话回访');

    const [merge] = body(await admin.get(`/api/v1/customers/${target.id}/merges`));
    const undone = await admin.post(`/api/v1/customer-merges/${merge.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(body(undone).email).toBeNull();
    const back = body(await admin.get(`/api/v1/customers/${source.id}`));
    expect(back.contacts.map((c: { name: string }) => c.name)).toEqual(['沙僧']);
    expect((await admin.post(`/api/v1/customer-merges/${merge.id}/undo`)).statusCode).toBe(409);
  });

  it('pages through a sorted list with keyset cursors without repeating or skipping', async () => {
    const unit = await buildOrgUnit(t, hq);
    const bm = await buildUser(t, { role: 'branch_manager', orgUnit: unit });
    const client = await login(t, bm);
    const names = ['陈一', '安二', '白三', '丁四', '曾五', '贝六', '阿七'];
    for (const name of names) expect((await client.post('/api/v1/customers', { kind: 'individual', name })).statusCode).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = body(await client.get(`/api/v1/customers?sort=name&limit=3${cursor ? `&cursor=${cursor}` : ''}`));
      expect(page.total).toBe(names.length);
      seen.push(...page.items.map((c: { name: string }) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    // pinyin order: a qi, an er, bai san, bei liu, chen yi, ding si, zeng wu
    expect(seen).toEqual(['阿七', '安二', '白三', '贝六', '陈一', '丁四', '曾五']);
    expect((await client.get('/api/v1/customers?cursor=notacursor')).statusCode).toBe(400);
    expect((await client.get('/api/v1/customers?limit=100000')).statusCode).toBe(400);
    expect((await client.get('/api/v1/customers?sort=password')).statusCode).toBe(400);
  });

  it('validates, stores and filters by custom fields', async () => {
    const def = await admin.post('/api/v1/custom-fields', {
      key: 'risk_level',
      type: 'select',
      labelZh: '风险等级',
      labelEn: 'Risk level',
      options: [
        { value: 'low', labelZh: '低', labelEn: 'Low' },
        { value: 'high', labelZh: '高', labelEn: 'High' },
      ],
    });
    expect(def.statusCode, def.body).toBe(201);
    const bad = await admin.post('/api/v1/customers', { kind: 'individual', name: '钱七', custom: { risk_level: 'medium' } });
    expect(bad.statusCode).toBe(400);
    expect(body(bad).errors[0].field).toBe('body.custom.risk_level');
    const unknown = await admin.post('/api/v1/customers', { kind: 'individual', name: '钱七', custom: { nope: 1 } });
    expect(body(unknown).errors[0]).toMatchObject({ field: 'body.custom.nope', code: 'field.unknown' });
    const c = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '钱七', custom: { risk_level: 'high' } }));
    const found = body(await admin.get('/api/v1/customers?custom.risk_level=high'));
    expect(found.items.map((x: { id: number }) => x.id)).toEqual([c.id]);
    expect((await admin.get('/api/v1/customers?custom.unknown=1')).statusCode).toBe(400);

    // The dictionary keeps stored values meaningful: a used option stays, an unused one may go.
    const field = body(def);
    const labels = { labelZh: '风险等级', labelEn: 'Risk level' };
    const dropHigh = await admin.put(`/api/v1/custom-fields/${field.id}`, { ...labels, options: [{ value: 'low', labelZh: '低', labelEn: 'Low' }] });
    expect(dropHigh.statusCode).toBe(400);
    expect(body(dropHigh).errors[0]).toMatchObject({ field: 'body.options', code: 'custom_field.option_removed' });
    const dropLow = await admin.put(`/api/v1/custom-fields/${field.id}`, { ...labels, options: [{ value: 'high', labelZh: '较高', labelEn: 'Higher' }] });
    expect(dropLow.statusCode, dropLow.body).toBe(200);
    const noOptions = await admin.post('/api/v1/custom-fields', { key: 'tier_x', type: 'select', labelZh: '档', labelEn: 'Tier', options: [] });
    expect(body(noOptions).errors[0]).toMatchObject({ field: 'body.options', code: 'custom_field.options_required' });
    const twice = [{ value: 'a', labelZh: '甲', labelEn: 'A' }, { value: 'a', labelZh: '乙', labelEn: 'B' }];
    expect(body(await admin.post('/api/v1/custom-fields', { key: 'tier_y', type: 'select', labelZh: '档', labelEn: 'Tier', options: twice })).errors[0].code).toBe('custom_field.option_duplicate');
  });

  it('adds notes and shows them on the timeline with the record history', async () => {
    const c = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '周八' }));
    const note = await admin.post(`/api/v1/customers/${c.id}/activities`, { body: '客户想了解理财产品' });
    expect(note.statusCode).toBe(201);
    const timeline = body(await admin.get(`/api/v1/customers/${c.id}/timeline`)).items;
    expect(timeline.map((e: { source: string; kind: string }) => `${e.source}:${e.kind}`)).toEqual(
      expect.arrayContaining(['activity:note', 'audit:create']),
    );
    // Entries sharing one timestamp still page exactly: every entry once, none skipped.
    const at = '2025-03-01T08:00:00.000Z';
    for (let i = 0; i < 5; i++) await admin.post(`/api/v1/customers/${c.id}/activities`, { body: `同时${i}`, occurredAt: at });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = body(await admin.get(`/api/v1/customers/${c.id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.items.map((e: { body?: string; kind: string; source: string }) => e.body ?? `${e.source}:${e.kind}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.filter((b) => b.startsWith('同时')).sort()).toEqual(['同时0', '同时1', '同时2', '同时3', '同时4']);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await admin.get(`/api/v1/customers/${c.id}/timeline?cursor=bad`)).statusCode).toBe(400);
  });

  it('takes email addresses mail systems take, in any script, and refuses formulas dressed as one', async () => {
    for (const email of ['li.lei+crm@example.com', '张三@例子.中国', "o'brien@mail.example.co.uk", 'x@example.xn--fiqs8s']) {
      const res = await admin.post('/api/v1/customers', { kind: 'individual', name: '邮箱测试', email });
      expect(res.statusCode, `${email}: ${res.body}`).toBe(201);
    }
    for (const email of ['=HYPERLINK("http://x")@x.cn', 'a b@example.com', 'a@b', 'a..b@example.com', '@example.com', 'a@-x.com']) {
      const res = await admin.post('/api/v1/customers', { kind: 'individual', name: '邮箱测试', email });
      expect(res.statusCode, email).toBe(400);
      expect(body(res).errors[0], email).toMatchObject({ field: 'body.email', code: 'field.invalid_email' });
    }
  });

  it('exports the filtered list as CSV with a BOM and audits the export', async () => {
    const res = await admin.get('/api/v1/customers/export.csv?kind=organization');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body).toContain('腾讯科技（深圳）有限公司');
    expect(res.body).not.toContain('欧阳娜娜');
    const audit = body(await admin.get('/api/v1/audit?action=export'));
    expect(audit[0].after).toMatchObject({ format: 'csv', filter: { kind: 'organization' } });
  });

  it('keeps region codes consistent when an edit changes the district only', async () => {
    const c = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '区县测试', districtCode: '320506' }));
    expect(c).toMatchObject({ provinceCode: '320000', cityCode: '320500', districtCode: '320506' });
    const moved = body(await admin.patch(`/api/v1/customers/${c.id}`, { districtCode: '440305' }));
    expect(moved).toMatchObject({ provinceCode: '440000', cityCode: '440300', districtCode: '440305' });
    const beijing = body(await admin.patch(`/api/v1/customers/${c.id}`, { districtCode: '110105' }));
    expect(beijing).toMatchObject({ provinceCode: '110000', cityCode: null, districtCode: '110105' });
  });

  it('opens a deleted customer for those who may restore it, and names both parties of a merge', async () => {
    const a = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '合并甲' }));
    const b = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '合并乙' }));
    expect((await admin.post(`/api/v1/customers/${a.id}/merge`, { sourceId: b.id })).statusCode).toBe(200);
    const merges = body(await admin.get(`/api/v1/customers/${a.id}/merges`));
    expect(merges[0]).toMatchObject({ targetCode: a.code, targetName: '合并甲', sourceCode: b.code, sourceName: '合并乙' });
    expect((await admin.get(`/api/v1/customers/${b.id}`)).statusCode).toBe(404);
    const gone = body(await admin.get(`/api/v1/customers/${b.id}?includeDeleted=true`));
    expect(gone).toMatchObject({ id: b.id, mergedIntoId: a.id });
    expect(gone.deletedAt).not.toBeNull();
  });
});

describe('Excel export', () => {
  it('writes ID numbers and mobiles as text cells', async () => {
    const t = await buildTestApp();
    const { client, hq } = await withAdmin(t);
    await t.db.query(`update org_units set name_en = 'Head Office' where id = $1`, [hq.id]);
    await client.post('/api/v1/customers', { kind: 'individual', name: '林黛玉', idNumber: '11010519491231002X', mobile: '13800138000' });
    const res = await client.request('GET', '/api/v1/customers/export.xlsx', undefined, { 'x-locale': 'en' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (header: string) => sheet.getRow(2).getCell(headers.indexOf(header) + 1).value;
    expect(headers.slice(0, 3)).toEqual(['Code', 'Kind', 'Name']);
    expect(cell('Name')).toBe('林黛玉');
    expect(cell('Mobile')).toBe('+8613800138000');
    expect(cell('ID number')).toBe('11010519491231002X');
    // Coded values and the org unit in the reader's language, beside its code; the time in China time.
    expect(['Kind', 'ID type', 'Status'].map(cell)).toEqual(['Individual', 'Resident ID card', 'Active']);
    expect(cell('Org unit name')).toBe('Head Office');
    expect(cell('Org unit code')).toBe(hq.code);
    expect(headers.at(-1)).toBe('Created (China time)');
    expect(String(cell('Created (China time)'))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const zh = (await client.request('GET', '/api/v1/customers/export.csv', undefined, { 'x-locale': 'zh-CN' })).body;
    // In CSV the mobile leads with a tab, so that Excel keeps its +86 (the ID number ends in X: text anyway).
    expect(zh).toMatch(/个人客户,林黛玉,,女,1949-12-31,居民身份证,11010519491231002X,\t\+8613800138000,.*,正常,/);
  });
});

describe('retries with an Idempotency-Key', () => {
  it('answers a repeated create with the first response and creates one customer', async () => {
    const t = await buildTestApp();
    const { client } = await withAdmin(t);
    const key = { 'idempotency-key': 'retry-0001-abcdef' };
    const payload = { kind: 'individual', name: '重试客户' };
    const first = await client.post('/api/v1/customers', payload, key);
    const again = await client.post('/api/v1/customers', payload, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(body(again).id).toBe(body(first).id);
    const rows = await t.db.query<{ n: number }>(`select count(*)::int as n from customers where name = '重试客户'`);
    expect(rows[0]?.n).toBe(1);
    const different = await client.post('/api/v1/customers', { ...payload, name: '另一个' }, key);
    expect(different.statusCode).toBe(409);
    expect(body(different).code).toBe('IDEMPOTENCY_CONFLICT');
    const bad = await client.post('/api/v1/customers', payload, { 'idempotency-key': 'x' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('duplicate check across branches', () => {
  it('reports a customer of another branch as held elsewhere, masked, without its id', async () => {
    const t = await buildTestApp();
    const { hq } = await withAdmin(t);
    const east = await buildOrgUnit(t, hq, { nameZh: '东城支行' });
    const west = await buildOrgUnit(t, hq, { nameZh: '西城支行' });
    const a = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: east }));
    const b = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: west, locale: 'zh-CN' }));
    const created = await a.post('/api/v1/customers', { kind: 'organization', name: '北京字节跳动科技有限公司', idNumber: '91350100M000100Y43' });
    expect(created.statusCode, created.body).toBe(201);

    const check = body(await b.post('/api/v1/customers/duplicate-check', { kind: 'organization', name: '北京字节跳动科技（有限公司）' }));
    expect(check.matches).toEqual([
      { inScope: false, matchedOn: ['name'], hard: false, name: expect.stringMatching(/^北\*+$/), orgUnitName: '东城支行', message: '该客户已由其他机构管理' },
    ]);
    const blocked = await b.post('/api/v1/customers', { kind: 'organization', name: '字节跳动', idNumber: '91350100M000100Y43', allowDuplicate: true });
    expect(blocked.statusCode).toBe(409);
    expect(body(blocked).matches[0]).not.toHaveProperty('id');
    expect(body(blocked).matches[0]).not.toHaveProperty('code');
    expect(body(blocked).matches[0]).toMatchObject({ inScope: false, hard: true, matchedOn: ['idNumber'] });
  });

});
