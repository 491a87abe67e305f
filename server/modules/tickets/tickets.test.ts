import { describe, it, expect, beforeAll } from 'vitest';
import ExcelJS from 'exceljs';
import { buildTestApp, body } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';

/**
 * A complaint from taking to closing through the default process, over HTTP: the service desk
 * of the customer's branch triages it to a department, the department proposes a solution, the
 * branch manager approves (never the proposer), the department resolves, the customer rates it
 * through a link that works once (2/5 reopens it), and a staff return visit closes it.
 */
describe('complaints through the default process', async () => {
  const t = await buildTestApp();
  const { hq, client: admin } = await withAdmin(t);
  const branch = await buildOrgUnit(t, hq, { nameZh: '玄武支行' });
  const dept = await buildOrgUnit(t, hq, { nameZh: '消费者权益保护部' });
  const bmUser = await buildUser(t, { role: 'branch_manager', orgUnit: branch });
  const agentUser = await buildUser(t, { role: 'service_agent', orgUnit: branch });
  const cmUser = await buildUser(t, { role: 'customer_manager', orgUnit: branch, managerId: bmUser.id });
  const handlerUser = await buildUser(t, { role: 'service_agent', orgUnit: dept });
  let agent: Client;
  let cm: Client;
  let boss: Client;
  let handler: Client;
  let customer: { id: number };
  let ticketId: number;
  let categoryId: number;
  const ticket = async (who: Client = admin) => body(await who.get(`/api/v1/tickets/${ticketId}`));
  const step = async (who: Client, transition: string, extra: Record<string, unknown> = {}) => {
    const { case: c } = await ticket(who);
    return who.post(`/api/v1/tickets/${ticketId}/steps`, { transition, expectedSeq: c.seq, ...extra });
  };

  beforeAll(async () => {
    [agent, cm, boss, handler] = await Promise.all([login(t, agentUser), login(t, cmUser), login(t, bmUser), login(t, handlerUser)]);
    customer = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '王投诉', orgUnitId: branch.id, ownerId: cmUser.id }));
    categoryId = body(await admin.get('/api/v1/tickets/categories')).find((c: { code: string }) => c.code === 'product.fees').id;
  });

  it('takes a complaint at the counter and routes it to the service desk of the customer\'s branch', async () => {
    const missing = await agent.post('/api/v1/tickets', { type: 'complaint', customerId: customer.id, channel: 'fax', subject: '' });

    expect(missing.statusCode).toBe(400);
    expect(body(missing).errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.channel', 'body.subject']);
    const res = await agent.post('/api/v1/tickets', {
      type: 'complaint',
      customerId: customer.id,
      channel: 'counter',
      categoryId,
      priority: 'high',
      subject: '信用卡年费重复扣收',
      description: '客户反映本年度信用卡年费被扣收两次，要求退还多扣的年费。',
    });
    expect(res.statusCode).toBe(201);
    const created = body(res);
    ticketId = created.id;
    expect(created.number).toMatch(/^TK\d{8}\d{6}$/);
    expect(created).toMatchObject({ state: 'received', status: 'open', processKey: 'complaint', assigneeRole: 'service_agent', assigneeUnitId: branch.id, priority: 'high' });
    // 48 hours for a high-priority ticket.
    expect(new Date(created.slaDueAt).getTime() - new Date(created.createdAt).getTime()).toBeCloseTo(48 * 3_600_000, -4);
    const inboxRes = await agent.get('/api/v1/process/inbox?box=department');
    const inbox = body(inboxRes).items;
    expect(inbox.map((i: { subjectId: number }) => i.subjectId)).toContain(ticketId);
    expect(body(await cm.get('/api/v1/process/inbox?box=department')).items).toEqual([]);
  });

  it('lets only the people the state names act, and refuses a stale step', async () => {
    const view = await ticket(cm);
    expect(view.case.actions.transitions).toEqual([]);
    const notMine = await cm.post(`/api/v1/tickets/${ticketId}/steps`, { transition: 'accept', expectedSeq: view.case.seq });
    expect(notMine.statusCode).toBe(403);
    expect(body(notMine).code).toBe('PROCESS_NOT_YOUR_TASK');
    const wrong = await agent.post(`/api/v1/tickets/${ticketId}/steps`, { transition: 'resolve', expectedSeq: view.case.seq });
    expect(wrong.statusCode).toBe(409);
    expect(body(wrong)).toMatchObject({ code: 'PROCESS_INVALID_TRANSITION', allowed: ['accept'] });
    const accepted = await agent.post(`/api/v1/tickets/${ticketId}/steps`, { transition: 'accept', expectedSeq: view.case.seq }, { prefer: 'return=minimal' });
    expect(accepted.statusCode).toBe(200);
    expect(body(accepted)).toEqual({ id: ticketId, caseId: view.case.id, state: 'triage', seq: view.case.seq + 1, status: 'open' });
    const stale = await agent.post(`/api/v1/tickets/${ticketId}/steps`, { transition: 'assign', expectedSeq: view.case.seq });
    expect(stale.statusCode).toBe(409);
    expect(body(stale).code).toBe('PROCESS_CASE_MOVED');
    expect((await ticket()).firstResponseAt ?? (await ticket()).ticket.firstResponseAt).toBeTruthy();
  });

  it('lets one of two people acting at once win; the other is told', async () => {
    const { case: c } = await ticket(agent);
    const payload = { transition: 'assign', expectedSeq: c.seq, data: { finding: '属实，年费重复扣收' }, assignee: { unitId: dept.id } };
    const results = await Promise.all([agent.post(`/api/v1/tickets/${ticketId}/steps`, payload), agent.post(`/api/v1/tickets/${ticketId}/steps`, payload)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const view = await ticket();
    expect(view.ticket).toMatchObject({ state: 'handling', assigneeUnitId: dept.id, departmentId: dept.id });
    expect(view.case.steps.map((s: { transition: string }) => s.transition)).toEqual(['start', 'accept', 'assign']);
  });

  it('checks the step form and its comment', async () => {

    await handler.post(`/api/v1/tickets/${ticketId}/claim`, { expectedSeq: (await ticket(handler)).case.seq });
    expect((await ticket(handler)).ticket.assigneeUserId).toBe(handlerUser.id);
    const noSolution = await step(handler, 'propose', { data: { solution: '  ' } });
    expect(noSolution.statusCode).toBe(400);
    expect(body(noSolution).errors[0].field).toBe('body.data.solution');
    const extra = await step(handler, 'propose', { data: { solution: '退还一次年费', bonus: 1 } });
    expect(body(extra).errors[0].field).toBe('body.data.bonus');
    const noComment = await step(handler, 'return');
    expect(body(noComment).errors[0].field).toBe('body.comment');
  });

  it("asks the branch manager to approve, never the proposer, and a rejection sends it back", async () => {
    expect((await step(handler, 'propose', { data: { solution: '退还一次年费并致歉' } })).statusCode).toBe(200);
    let view = await ticket(boss);
    expect(view.ticket.state).toBe('approval');
    expect(view.case.approvals.map((a: { userId: number }) => a.userId)).toEqual([bmUser.id]);
    expect(view.case.actions.decide).toBe(true);
    const notApprover = await handler.post(`/api/v1/tickets/${ticketId}/decision`, { approve: true, expectedSeq: view.case.seq });
    expect(notApprover.statusCode).toBe(403);
    expect(body(notApprover).code).toBe('PROCESS_OWN_REQUEST');
    const notified = body(await boss.get('/api/v1/notifications')).items;
    expect(notified[0]).toMatchObject({ kind: 'notify.case_approval', link: `/tickets/${ticketId}` });
    expect(notified[0].text).toContain('waiting for your approval');
    expect((await boss.post(`/api/v1/tickets/${ticketId}/decision`, { approve: false, comment: '方案需补充说明', expectedSeq: view.case.seq })).statusCode).toBe(200);
    view = await ticket(handler);
    expect(view.ticket).toMatchObject({ state: 'handling', assigneeUserId: handlerUser.id });
    expect((await step(handler, 'propose', { data: { solution: '退还多扣年费 200 元并书面致歉' } })).statusCode).toBe(200);
    view = await ticket(boss);
    expect((await boss.post(`/api/v1/tickets/${ticketId}/decision`, { approve: true, expectedSeq: view.case.seq })).statusCode).toBe(200);
    const again = await boss.post(`/api/v1/tickets/${ticketId}/decision`, { approve: true, expectedSeq: view.case.seq + 1 });
    expect(again.statusCode).toBe(409);
    view = await ticket(handler);
    expect(view.ticket).toMatchObject({ state: 'resolution', assigneeUserId: handlerUser.id, solution: '退还多扣年费 200 元并书面致歉' });
  });

  it('records service content and charges, then resolves', async () => {
    const patched = await handler.patch(`/api/v1/tickets/${ticketId}`, { serviceContent: '柜面退费', serviceCharge: '0.00' });
    expect(patched.statusCode).toBe(200);
    expect(body(patched)).toMatchObject({ serviceContent: '柜面退费', serviceCharge: '0.00' });
    expect((await cm.patch(`/api/v1/tickets/${ticketId}`, { serviceCharge: '5.00' })).statusCode).toBe(403);
    expect((await step(handler, 'resolve', { data: { resolution: '已退还 200 元' } })).statusCode).toBe(200);
    const view = await ticket(agent);
    expect(view.ticket).toMatchObject({ state: 'return_visit', resolution: '已退还 200 元' });
    expect(view.ticket.resolvedAt).toBeTruthy();
    expect(view.actions.returnVisit).toBe(true);
  });

  it('takes the customer\'s rating through a link once; a low score reopens the ticket', async () => {
    const link = body(await agent.post(`/api/v1/tickets/${ticketId}/visit-link`));
    expect(link.path).toBe(`/visit/${link.token}`);
    const anonymous = (method: 'GET' | 'POST', payload?: unknown) => t.app.inject({ method, url: `/api/v1/public/visits/${link.token}`, payload: payload as never });
    const info = (await anonymous('GET')).json();
    expect(info).toEqual({ number: (await ticket()).ticket.number, subject: '信用卡年费重复扣收', used: false, expired: false });
    expect((await anonymous('POST', { score: 9 })).statusCode).toBe(400);
    expect((await anonymous('POST', { score: 2, comment: '退款太慢' })).statusCode).toBe(204);
    const reused = await anonymous('POST', { score: 5 });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('VISIT_LINK_USED');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/visits/not-a-real-token-at-all-xx' })).statusCode).toBe(404);
    const view = await ticket(handler);
    expect(view.ticket).toMatchObject({ state: 'handling', reopenCount: 1, satisfaction: 2, resolvedAt: null, assigneeUserId: handlerUser.id });
    expect(view.returnVisits).toMatchObject([{ score: 2, comment: '退款太慢', via: 'link' }]);
  });

  it('closes on a satisfied return visit by staff', async () => {
    await step(handler, 'propose', { data: { solution: '加急退款' } });
    const { case: c } = await ticket(boss);
    await boss.post(`/api/v1/tickets/${ticketId}/decision`, { approve: true, expectedSeq: c.seq });
    await step(handler, 'resolve', { data: { resolution: '已加急退还' } });
    const view = await ticket(agent);
    expect((await agent.post(`/api/v1/tickets/${ticketId}/return-visits`, { score: 6, expectedSeq: view.case.seq })).statusCode).toBe(400);
    expect((await cm.post(`/api/v1/tickets/${ticketId}/return-visits`, { score: 5, expectedSeq: view.case.seq })).statusCode).toBe(403);
    expect((await agent.post(`/api/v1/tickets/${ticketId}/return-visits`, { score: 5, comment: '满意', expectedSeq: view.case.seq })).statusCode).toBe(200);
    const closed = await ticket();
    expect(closed.ticket).toMatchObject({ state: 'closed', status: 'closed', satisfaction: 5, reopenCount: 1 });
    expect(closed.ticket.closedAt).toBeTruthy();
    expect(closed.case.actions).toEqual({ transitions: [], decide: false, claim: false });
    const closedStep = await agent.post(`/api/v1/tickets/${ticketId}/steps`, { transition: 'resolve', expectedSeq: closed.case.seq });
    expect(closedStep.statusCode).toBe(409);
  });

  it('turns the resolved ticket into an article that is suggested for a similar complaint', async () => {
    const article = await agent.post('/api/v1/kb', {
      ticketId,
      categoryId,
      titleZh: '信用卡年费重复扣收的处理',
      titleEn: 'Card annual fee charged twice',
      bodyZh: '核实扣费记录后退还多扣年费，并向客户书面致歉。',
    });
    expect(article.statusCode).toBe(201);
    expect(body(await agent.get(`/api/v1/kb?q=${encodeURIComponent('年费')}`)).map((a: { id: number }) => a.id)).toEqual([body(article).id]);
    expect(body(await agent.get(`/api/v1/kb?q=${encodeURIComponent('贷款')}`))).toEqual([]);
    // Filed under 收费争议, found under its parent 产品与收费 too.
    const parent = body(await agent.get('/api/v1/tickets/categories')).find((c: { code: string }) => c.code === 'product').id;
    expect(body(await agent.get(`/api/v1/kb?categoryId=${parent}`)).map((a: { id: number }) => a.id)).toEqual([body(article).id]);
    const suggested = body(await agent.get(`/api/v1/kb/suggest?text=${encodeURIComponent('年费被重复扣收了')}`));
    expect(suggested[0]).toMatchObject({ id: body(article).id, titleZh: '信用卡年费重复扣收的处理' });
    const second = body(await agent.post('/api/v1/tickets', { type: 'complaint', customerId: customer.id, channel: 'phone', subject: '年费重复扣收', description: '信用卡年费又被扣了两次' }));
    expect((await body(await agent.get(`/api/v1/tickets/${second.id}`))).suggestions[0].id).toBe(body(article).id);
    const open = await agent.post('/api/v1/kb', { ticketId: second.id, titleZh: '未处理', bodyZh: '未处理的工单' });
    expect(open.statusCode).toBe(400);
    expect(body(open).errors[0].field).toBe('body.ticketId');
  });

  it('keeps files with the ticket: uploaded raw, listed, downloaded only as attachments, by those who see the ticket', async () => {
    const receipt = Buffer.from('%PDF-1.4 fake receipt 年费收据');
    const upload = (who: Client, bytes: Buffer, headers: Record<string, string>) => who.request('POST', `/api/v1/tickets/${ticketId}/attachments`, bytes, headers);
    const res = await upload(agent, receipt, { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('收据 2026.pdf') });
    expect(res.statusCode).toBe(201);
    expect(body(res)).toMatchObject({ name: '收据 2026.pdf', contentType: 'application/pdf', size: receipt.length });
    const html = await upload(agent, Buffer.from('<script>alert(1)</script>'), { 'content-type': 'text/html', 'x-file-name': 'x.html' });
    expect(html.statusCode).toBe(201);
    const empty = await upload(agent, Buffer.alloc(0), { 'content-type': 'application/pdf', 'x-file-name': 'empty.pdf' });
    expect(empty.statusCode).toBe(400);
    const listed = (await ticket(cm)).attachments;
    expect(listed.map((a: { name: string }) => a.name)).toEqual(['收据 2026.pdf', 'x.html']);
    const download = await cm.get(`/api/v1/tickets/${ticketId}/attachments/${listed[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(receipt)).toBe(true);
    expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('收据 2026.pdf')}`);
    const page = await cm.get(`/api/v1/tickets/${ticketId}/attachments/${listed[1].id}`);
    expect(page.headers['content-disposition']).toMatch(/^attachment;/);
    expect(page.headers['content-security-policy']).toContain('sandbox');
    const other = await buildOrgUnit(t, hq);
    const stranger = await login(t, await buildUser(t, { role: 'service_agent', orgUnit: other }));
    expect((await stranger.get(`/api/v1/tickets/${ticketId}/attachments/${listed[0].id}`)).statusCode).toBe(404);
    expect((await stranger.request('POST', `/api/v1/tickets/${ticketId}/attachments`, receipt, { 'content-type': 'application/pdf' })).statusCode).toBe(404);
    const tooBig = await agent.request('POST', `/api/v1/tickets/${ticketId}/attachments`, Buffer.alloc(10 * 1024 * 1024 + 1), { 'content-type': 'application/octet-stream' });
    expect(tooBig.statusCode).toBe(413);
  });

  it('analyses complaints by category, channel and department, in Excel too', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const report = body(await admin.get(`/api/v1/tickets/report?by=category&from=${today}&to=${today}`));
    expect(report.total).toMatchObject({ tickets: 2, open: 1, reopenRate: 0.5, satisfactionAvg: 5, satisfactionCount: 1 });
    expect(report.rows.find((r: { key: string }) => r.key === 'product')).toMatchObject({ tickets: 1, labelZh: '产品与收费', slaBreachRate: 0 });
    const byDept = body(await admin.get(`/api/v1/tickets/report?by=department&from=${today}&to=${today}`));
    expect(byDept.rows.find((r: { key: string }) => r.key === String(dept.id))).toMatchObject({ tickets: 1, labelZh: '消费者权益保护部' });
    // The branch manager's scope is his branch: the same two tickets.
    expect(body(await boss.get(`/api/v1/tickets/report?by=channel&from=${today}&to=${today}`)).total.tickets).toBe(2);
    const xlsx = await admin.get(`/api/v1/tickets/report.xlsx?by=channel&from=${today}&to=${today}`, { 'x-locale': 'zh-CN' });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('投诉分析')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('渠道');
    const labels = [3, 4].map((r) => sheet.getRow(r).getCell(1).value).sort();
    expect(labels).toEqual(['柜面', '电话/呼叫中心']);
  });

  it('lists the queue with filters, the board, and the tickets on the customer 360', async () => {
    const all = body(await agent.get('/api/v1/tickets'));
    expect(all.items).toHaveLength(2);
    expect(body(await agent.get('/api/v1/tickets?status=closed')).items.map((i: { id: number }) => i.id)).toEqual([ticketId]);
    expect(body(await agent.get(`/api/v1/tickets?q=${encodeURIComponent('年费')}`)).items).toHaveLength(2);
    expect(body(await agent.get(`/api/v1/tickets?q=${all.items[1].number}`)).items).toHaveLength(1);
    const page = body(await agent.get('/api/v1/tickets?limit=1'));
    expect(page.items).toHaveLength(1);
    const next = body(await agent.get(`/api/v1/tickets?limit=1&cursor=${page.nextCursor}`));
    expect(next.items[0].id).not.toBe(page.items[0].id);
    const board = body(await agent.get('/api/v1/tickets/board?processKey=complaint'));
    expect(board.columns.find((c: { key: string }) => c.key === 'received').count).toBe(1);
    expect(body(await cm.get(`/api/v1/customers/${customer.id}/tickets`)).items).toHaveLength(2);
    const timeline = body(await cm.get(`/api/v1/customers/${customer.id}/timeline`));
    expect(timeline.items.filter((i: { source: string }) => i.source === 'ticket')).toHaveLength(2);
    // Someone of another branch sees neither the tickets nor the customer.
    const other = await buildOrgUnit(t, hq);
    const stranger = await login(t, await buildUser(t, { role: 'service_agent', orgUnit: other }));
    expect(body(await stranger.get('/api/v1/tickets')).items).toEqual([]);
    expect((await stranger.get(`/api/v1/tickets/${ticketId}`)).statusCode).toBe(404);
    expect((await stranger.post('/api/v1/tickets', { type: 'inquiry', customerId: customer.id, channel: 'web', subject: '咨询' })).statusCode).toBe(400);
    // The customer moves to the other branch: his tickets follow him into its scope.
    const otherManager = await buildUser(t, { role: 'customer_manager', orgUnit: other });
    expect((await admin.post(`/api/v1/customers/${customer.id}/transfer`, { ownerId: otherManager.id, orgUnitId: other.id, reason: '客户迁居' })).statusCode).toBe(200);
    await t.app.services.events.settle();
    expect(body(await stranger.get('/api/v1/tickets')).items).toHaveLength(2);
    // Their service cases too: a later step for "the customer's manager" reaches the new one.
    const cases = await t.db.query<{ orgUnitId: number; ownerId: number }>(
      `select p.org_unit_id as "orgUnitId", p.owner_id as "ownerId" from process_cases p join tickets k on k.id = p.subject_id
        where p.subject_type = 'ticket' and k.customer_id = $1`,
      [customer.id],
    );
    expect(cases).toEqual([{ orgUnitId: other.id, ownerId: otherManager.id }, { orgUnitId: other.id, ownerId: otherManager.id }]);
  });
});
