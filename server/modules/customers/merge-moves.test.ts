import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, withAdmin, type Client } from '#test/factories.ts';

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/**
 * A merge moves everything that is the person's from the duplicate to the surviving record, not
 * only contacts and notes; undoing it moves exactly those rows back.
 */
describe('merging customers moves their business data', () => {
  let t: TestApp;
  let admin: Client;
  let hq: Awaited<ReturnType<typeof withAdmin>>['hq'];
  let branch: Awaited<ReturnType<typeof buildOrgUnit>>;

  async function importFile(rows: (string | number)[][], fileName: string, target: string) {
    const up = await admin.request('POST', '/api/v1/imports/files', csv(rows), { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) });
    expect(up.statusCode, up.body).toBe(201);
    const file = body(up);
    const res = await admin.post('/api/v1/imports?wait=true', { fileId: file.fileId, fileName, target, mapping: file.suggested[target], options: { sourceSystem: 'core' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res).run, res.body).toMatchObject({ status: 'succeeded', rowsRejected: 0, rowsQuarantined: 0 });
    return body(res).run;
  }
  const createCustomer = async (name: string, orgUnitId: number) => {
    const res = await admin.post('/api/v1/customers', { kind: 'individual', name, orgUnitId });
    expect(res.statusCode, res.body).toBe(201);
    return body(res) as { id: number; code: string };
  };
  const createTag = async (key: string, kind: 'manual' | 'imported') => {
    const res = await admin.post('/api/v1/tags', { key, nameZh: key, kind });
    expect(res.statusCode, res.body).toBe(201);
    return body(res).id as number;
  };
  const tagCustomer = async (customerId: number, tagId: number) => expect((await admin.put(`/api/v1/customers/${customerId}/tags/${tagId}`)).statusCode).toBe(200);
  const idsOf = async (table: string, customerId: number) =>
    (await t.db.query<{ id: number }>(`select id from ${table} where customer_id = $1 order by id`, [customerId])).map((r) => r.id);
  const externalIdsOf = async (customerId: number) =>
    (await t.db.query<{ id: string }>(`select source_system || ':' || external_id as id from customer_external_ids where customer_id = $1 order by 1`, [customerId])).map((r) => r.id);
  const tagIdsOf = async (customerId: number) =>
    (await t.db.query<{ id: number }>(`select tag_id as id from customer_tags where customer_id = $1 order by tag_id`, [customerId])).map((r) => r.id);
  const mergeOf = async (targetId: number) => body(await admin.get(`/api/v1/customers/${targetId}/merges`))[0] as { id: number };

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin, hq } = await withAdmin(t));
    branch = await buildOrgUnit(t, hq, { nameZh: '鼓楼支行' });
  });

  it('moves holdings, transactions, tickets, receivables, source-system ids and people-given tags, and undo moves exactly those back', async () => {
    const target = await createCustomer('张三丰', hq.id);
    const source = await createCustomer('张君宝', branch.id);
    await t.db.query(`insert into customer_external_ids (source_system, external_id, customer_id) values ('core', 'K-TGT', $1), ('core', 'K-SRC', $2), ('card', 'C-SRC', $2)`, [
      target.id,
      source.id,
    ]);
    // Accounts and transactions the way the daily files bring them: by the id in the core system.
    await importFile(
      [
        ['核心客户号', '账号', '产品类型', '产品名称', '余额'],
        ['K-TGT', 'A-T1', '存款', '活期', '100.00'],
        ['K-SRC', 'A-S1', '存款', '定期', '5000.00'],
        ['K-SRC', 'A-S2', '贷款', '经营贷', '20000.00'],
      ],
      'h.csv',
      'holdings',
    );
    await importFile(
      [
        ['交易流水号', '核心客户号', '账号', '交易时间', '交易金额'],
        ['TX-T1', 'K-TGT', 'A-T1', '2025-03-01 10:00:00', '10'],
        ['TX-S1', 'K-SRC', 'A-S1', '2025-03-02 10:00:00', '200'],
        ['TX-S2', 'K-SRC', 'A-S1', '2025-03-03 10:00:00', '-50'],
        ['TX-S3', 'K-SRC', 'A-S2', '2025-03-04 10:00:00', '300'],
      ],
      't.csv',
      'transactions',
    );
    const targetHoldings = await idsOf('holdings', target.id);
    const sourceHoldings = await idsOf('holdings', source.id);
    const targetTransactions = await idsOf('transactions', target.id);
    const sourceTransactions = await idsOf('transactions', source.id);
    expect([targetHoldings.length, sourceHoldings.length, targetTransactions.length, sourceTransactions.length]).toEqual([1, 2, 1, 3]);

    const ticketRes = await admin.post('/api/v1/tickets', { type: 'complaint', customerId: source.id, channel: 'counter', subject: '定期存款利息算错', holdingId: sourceHoldings[0] });
    expect(ticketRes.statusCode, ticketRes.body).toBe(201);
    const ticketId = body(ticketRes).id as number;
    const targetTicket = body(await admin.post('/api/v1/tickets', { type: 'inquiry', customerId: target.id, channel: 'phone', subject: '咨询理财产品' })).id as number;
    const receivable = await admin.post(`/api/v1/customers/${source.id}/receivables`, { externalId: 'INV-S1', amount: '800.00', currency: 'CNY', dueOn: '2025-01-31' });
    expect(receivable.statusCode, receivable.body).toBe(201);
    const receivableId = body(receivable).id as number;
    // A limit approved for the duplicate stays with it (see CustomersService.merge).
    expect((await admin.put(`/api/v1/customers/${source.id}/credit/limit`, { amount: '30000.00', currency: 'CNY' })).statusCode).toBe(204);

    const manual = await createTag('merge_vip', 'manual');
    const imported = await createTag('merge_partner', 'imported');
    const targetOnly = await createTag('merge_golf', 'manual');
    await tagCustomer(source.id, manual);
    await tagCustomer(source.id, imported);
    await tagCustomer(target.id, targetOnly);
    await t.app.services.events.settle();

    const merged = await admin.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id });
    expect(merged.statusCode, merged.body).toBe(200);
    await t.app.services.events.settle();

    // The target's 360 view shows the duplicate's accounts, transactions, complaints and debts.
    const holdings = body(await admin.get(`/api/v1/customers/${target.id}/holdings`));
    expect(sorted(holdings.map((h: { id: number }) => h.id))).toEqual(sorted([...targetHoldings, ...sourceHoldings]));
    const transactions = body(await admin.get(`/api/v1/customers/${target.id}/transactions`)).items;
    expect(transactions.map((x: { externalId: string }) => x.externalId)).toEqual(['TX-S3', 'TX-S2', 'TX-S1', 'TX-T1']);
    const tickets = body(await admin.get(`/api/v1/customers/${target.id}/tickets`)).items;
    expect(sorted(tickets.map((x: { id: number }) => x.id))).toEqual(sorted([ticketId, targetTicket]));
    const credit = body(await admin.get(`/api/v1/customers/${target.id}/credit`));
    expect(credit.receivables.map((r: { id: number }) => r.id)).toEqual([receivableId]);
    expect(credit.exposure).toMatchObject({ outstanding: '800.00', debt: '20000.00' });
    expect(credit.limit).toBeNull();
    const tags = body(await admin.get(`/api/v1/customers/${target.id}/tags`));
    expect(sorted(tags.tags.map((x: { id: number }) => x.id))).toEqual(sorted([manual, imported, targetOnly]));
    expect(tags.history.filter((h: { change: string; source: string }) => h.change === 'gained').map((h: { tagId: number }) => h.tagId).sort()).toEqual(sorted([manual, imported, targetOnly]));
    // The moved ones name the merge as their source (the target's own was set by hand).
    expect(sorted(tags.history.filter((h: { source: string }) => h.source === 'merge').map((h: { tagId: number }) => h.tagId))).toEqual(sorted([manual, imported]));
    // The ticket now has the target's unit: its scope follows its customer.
    const [ticketRow] = await t.db.query<{ orgUnitId: number }>(`select org_unit_id as "orgUnitId" from tickets where id = $1`, [ticketId]);
    expect(ticketRow!.orgUnitId).toBe(hq.id);
    // So does its service case, where later steps look for the customer's branch and manager.
    const caseUnit = async () => (await t.db.query<{ orgUnitId: number }>(`select org_unit_id as "orgUnitId" from process_cases where subject_type = 'ticket' and subject_id = $1`, [ticketId]))[0]!.orgUnitId;
    expect(await caseUnit()).toBe(hq.id);

    // Nothing is left on the deleted duplicate, except what stays by design (his credit limit).
    for (const table of ['holdings', 'transactions', 'tickets', 'receivables']) expect(await idsOf(table, source.id), table).toEqual([]);
    expect(await externalIdsOf(source.id)).toEqual([]);
    expect(await externalIdsOf(target.id)).toEqual(['card:C-SRC', 'core:K-SRC', 'core:K-TGT']);
    expect(await tagIdsOf(source.id)).toEqual([]);
    expect(await t.db.query(`select amount from credit_limits where customer_id = $1`, [source.id])).toEqual([{ amount: '30000.00' }]);

    // The next file that names the duplicate's core id finds the merged customer.
    await importFile([['交易流水号', '核心客户号', '账号', '交易时间', '交易金额'], ['TX-S4', 'K-SRC', 'A-S1', '2025-03-05 10:00:00', '70']], 't2.csv', 'transactions');
    const [later] = await t.db.query<{ id: number; customerId: number }>(`select id, customer_id as "customerId" from transactions where external_id = 'TX-S4'`);
    expect(later!.customerId).toBe(target.id);

    const merge = await mergeOf(target.id);
    const [recorded] = await t.db.query<{ n: number }>(`select count(*)::int as n from customer_merge_transactions where merge_id = $1`, [merge.id]);
    expect(recorded!.n).toBe(3);
    const undone = await admin.post(`/api/v1/customer-merges/${merge.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    await t.app.services.events.settle();

    // Exactly the moved rows are back; what the target had, and what arrived after the merge, stays.
    expect(sorted(body(await admin.get(`/api/v1/customers/${source.id}/holdings`)).map((h: { id: number }) => h.id))).toEqual(sourceHoldings);
    expect(body(await admin.get(`/api/v1/customers/${target.id}/holdings`)).map((h: { id: number }) => h.id)).toEqual(targetHoldings);
    expect(await idsOf('transactions', source.id)).toEqual(sourceTransactions);
    expect(await idsOf('transactions', target.id)).toEqual([...targetTransactions, later!.id]);
    expect(body(await admin.get(`/api/v1/customers/${source.id}/tickets`)).items.map((x: { id: number }) => x.id)).toEqual([ticketId]);
    expect(body(await admin.get(`/api/v1/customers/${target.id}/tickets`)).items.map((x: { id: number }) => x.id)).toEqual([targetTicket]);
    const [ticketBack] = await t.db.query<{ orgUnitId: number }>(`select org_unit_id as "orgUnitId" from tickets where id = $1`, [ticketId]);
    expect(ticketBack!.orgUnitId).toBe(branch.id);
    expect(await caseUnit()).toBe(branch.id);
    expect(body(await admin.get(`/api/v1/customers/${source.id}/credit`)).receivables.map((r: { id: number }) => r.id)).toEqual([receivableId]);
    expect(body(await admin.get(`/api/v1/customers/${target.id}/credit`)).receivables).toEqual([]);
    expect(await externalIdsOf(source.id)).toEqual(['card:C-SRC', 'core:K-SRC']);
    expect(await externalIdsOf(target.id)).toEqual(['core:K-TGT']);
    expect(await tagIdsOf(source.id)).toEqual(sorted([manual, imported]));
    expect(await tagIdsOf(target.id)).toEqual([targetOnly]);
    const [counts] = await t.db.query<{ manual: number; imported: number }>(
      `select (select member_count from tags where id = $1) as manual, (select member_count from tags where id = $2) as imported`,
      [manual, imported],
    );
    expect(counts).toEqual({ manual: 1, imported: 1 });
  });

  it('undoes chained merges newest first only', async () => {
    const a = await createCustomer('李甲', hq.id);
    const b = await createCustomer('李乙', hq.id);
    const c = await createCustomer('李丙', hq.id);
    expect((await admin.post(`/api/v1/customers/${b.id}/merge`, { sourceId: a.id })).statusCode).toBe(200);
    const first = await mergeOf(b.id);
    expect((await admin.post(`/api/v1/customers/${c.id}/merge`, { sourceId: b.id })).statusCode).toBe(200);
    const second = await mergeOf(c.id);
    const early = await admin.request('POST', `/api/v1/customer-merges/${first.id}/undo`, undefined, { 'x-locale': 'zh-CN' });
    expect(early.statusCode, early.body).toBe(409);
    expect(body(early)).toMatchObject({ code: 'MERGE_TARGET_GONE', title: '合并后的客户此后又被合并或删除，请先撤销那一步' });
    expect((await admin.post(`/api/v1/customer-merges/${second.id}/undo`)).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/customer-merges/${first.id}/undo`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/customers/${a.id}`)).statusCode).toBe(200);
  });

  it('leaves a tag the target has already on the duplicate, moves all his source-system ids, and undoes only what it moved', async () => {
    const target = await createCustomer('李四', hq.id);
    const source = await createCustomer('李肆', hq.id);
    await t.db.query(`insert into customer_external_ids (source_system, external_id, customer_id) values ('core', 'K-L4', $1), ('core', 'K-L4B', $2), ('billing', 'B-L4', $2)`, [
      target.id,
      source.id,
    ]);
    const shared = await createTag('merge_shared', 'manual');
    const sourceOnly = await createTag('merge_src_only', 'manual');
    await tagCustomer(target.id, shared);
    const [targetShared] = await t.db.query<{ since: Date }>(`select since from customer_tags where tag_id = $1 and customer_id = $2`, [shared, target.id]);
    await tagCustomer(source.id, shared);
    await tagCustomer(source.id, sourceOnly);

    const merged = await admin.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id });
    expect(merged.statusCode, merged.body).toBe(200);
    // The target keeps his own row of the shared tag; the duplicate's stays where it was.
    expect(await tagIdsOf(target.id)).toEqual(sorted([shared, sourceOnly]));
    expect(await tagIdsOf(source.id)).toEqual([shared]);
    expect(await t.db.query(`select since from customer_tags where tag_id = $1 and customer_id = $2`, [shared, target.id])).toEqual([targetShared]);
    expect(await externalIdsOf(target.id)).toEqual(['billing:B-L4', 'core:K-L4', 'core:K-L4B']);
    const merge = await mergeOf(target.id);
    const [stored] = await t.db.query<{ snapshot: Record<string, unknown> }>(`select snapshot from customer_merges where id = $1`, [merge.id]);
    expect(stored!.snapshot).toMatchObject({
      tagIds: [sourceOnly],
      holdingIds: [],
      ticketIds: [],
      receivableIds: [],
      externalIds: expect.arrayContaining([
        { sourceSystem: 'core', externalId: 'K-L4B' },
        { sourceSystem: 'billing', externalId: 'B-L4' },
      ]),
    });

    expect((await admin.post(`/api/v1/customer-merges/${merge.id}/undo`)).statusCode).toBe(200);
    expect(await tagIdsOf(target.id)).toEqual([shared]);
    expect(await tagIdsOf(source.id)).toEqual(sorted([shared, sourceOnly]));
    expect(await externalIdsOf(target.id)).toEqual(['core:K-L4']);
    expect(await externalIdsOf(source.id)).toEqual(['billing:B-L4', 'core:K-L4B']);
    await t.app.services.events.settle();
  });

  it('undoes a merge recorded before merges moved business data (snapshot without the new keys)', async () => {
    const target = await createCustomer('王五', hq.id);
    const source = await createCustomer('王伍', hq.id);
    expect((await admin.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id })).statusCode).toBe(200);
    const merge = await mergeOf(target.id);
    await t.db.query(`update customer_merges set snapshot = snapshot - 'holdingIds' - 'ticketIds' - 'receivableIds' - 'externalIds' - 'tagIds' where id = $1`, [merge.id]);
    const undone = await admin.post(`/api/v1/customer-merges/${merge.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect((await admin.get(`/api/v1/customers/${source.id}`)).statusCode).toBe(200);
    await t.app.services.events.settle();
  });
});
