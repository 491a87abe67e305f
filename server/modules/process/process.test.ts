import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';
import { COMPLAINT_PROCESS } from '#modules/tickets/default-processes.ts';
import { definitionProblems, type ProcessDefinition } from './definition.ts';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('process definitions', () => {
  const base = COMPLAINT_PROCESS.definition;

  it('accepts the default processes', () => {
    expect(definitionProblems(base)).toEqual([]);
  });

  it('names unreachable states, dead ends, a missing end and approvals without both outcomes', () => {
    const orphan = clone(base);
    orphan.states.push({ key: 'limbo', nameZh: '悬置', nameEn: 'Limbo', stage: false, final: false, actor: { kind: 'customer_manager' } });
    orphan.transitions.push({ key: 'out', nameZh: '出', nameEn: 'Out', from: 'limbo', to: 'closed', trigger: 'user', guards: [], form: [], commentRequired: false });
    expect(definitionProblems(orphan)).toEqual([{ field: 'body.definition.states.7', message: 'process.def.unreachable', params: { state: 'limbo' } }]);

    const trap = clone(base);
    trap.states.push({ key: 'trap', nameZh: '陷阱', nameEn: 'Trap', stage: false, final: false, actor: { kind: 'customer_manager' } });
    trap.transitions.push({ key: 'in', nameZh: '入', nameEn: 'In', from: 'triage', to: 'trap', trigger: 'user', guards: [], form: [], commentRequired: false });
    expect(definitionProblems(trap).map((p) => p.message)).toEqual(['process.def.dead_end']);

    const endless = clone(base);
    endless.states = endless.states.map((s) => ({ ...s, final: false, actor: s.actor ?? { kind: 'customer_manager' } }));
    expect(definitionProblems(endless).map((p) => p.message)).toContain('process.def.no_end');

    const halfApproval = clone(base);
    halfApproval.transitions = halfApproval.transitions.filter((t) => t.trigger !== 'rejected');
    expect(definitionProblems(halfApproval)).toContainEqual({ field: 'body.definition.states.3.approval', message: 'process.def.approval_outcome', params: { state: 'approval', outcome: 'rejected' } });

    const typo = clone(base);
    typo.transitions[0]!.to = 'triag';
    expect(definitionProblems(typo)).toEqual([{ field: 'body.definition.transitions.0.to', message: 'process.def.unknown_state', params: { state: 'triag' } }]);
  });
});

/** A small process with an approval by everyone of a unit, and a state with a short time limit. */
function reviewProcess(unitId: number): ProcessDefinition {
  return {
    initial: 'draft',
    states: [
      { key: 'draft', nameZh: '起草', nameEn: 'Draft', stage: false, final: false, actor: { kind: 'customer_manager' }, timeLimit: { hours: 2, remindBeforeHours: 1, onBreach: 'escalate' } },
      { key: 'review', nameZh: '会签', nameEn: 'Review', stage: true, final: false, approval: { approvers: { kind: 'unit', unitId }, mode: 'all' } },
      { key: 'done', nameZh: '完成', nameEn: 'Done', stage: false, final: true },
    ],
    transitions: [
      { key: 'submit', nameZh: '提交', nameEn: 'Submit', from: 'draft', to: 'review', trigger: 'user', guards: [], form: [], commentRequired: false },
      { key: 'ok', nameZh: '通过', nameEn: 'Approved', from: 'review', to: 'done', trigger: 'approved', guards: [], form: [], commentRequired: false },
      { key: 'back', nameZh: '退回', nameEn: 'Rejected', from: 'review', to: 'draft', trigger: 'rejected', guards: [], form: [], commentRequired: false },
    ],
  };
}

describe('the process engine', async () => {
  const t = await buildTestApp();
  const { hq, client: admin } = await withAdmin(t);
  const branch = await buildOrgUnit(t, hq);
  const board = await buildOrgUnit(t, hq, { nameZh: '审查委员会' });
  const bossUser = await buildUser(t, { role: 'branch_manager', orgUnit: branch });
  const cmUser = await buildUser(t, { role: 'customer_manager', orgUnit: branch, managerId: bossUser.id });
  const r1User = await buildUser(t, { role: 'branch_manager', orgUnit: board });
  const r2User = await buildUser(t, { role: 'branch_manager', orgUnit: board });
  let cm: Client;
  let r1: Client;
  let r2: Client;
  let customerId: number;
  const newTicket = async (processKey = 'review') =>
    body(await cm.post('/api/v1/tickets', { type: 'request', processKey, customerId, channel: 'phone', subject: '额度复核申请' }));
  const view = async (id: number, who: Client = admin) => body(await who.get(`/api/v1/tickets/${id}`));

  beforeAll(async () => {
    [cm, r1, r2] = await Promise.all([login(t, cmUser), login(t, r1User), login(t, r2User)]);
    customerId = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '流程客户', orgUnitId: branch.id, ownerId: cmUser.id })).id;
    await admin.get('/api/v1/tickets/categories'); // seeds the default processes
  });

  it('refuses a definition with a state nobody reaches, naming the field, in the user\'s language', async () => {
    const def = reviewProcess(board.id);
    def.states.push({ key: 'orphan', nameZh: '孤立', nameEn: 'Orphan', stage: false, final: false, actor: { kind: 'customer_manager' } });
    def.transitions.push({ key: 'leave', nameZh: '离开', nameEn: 'Leave', from: 'orphan', to: 'done', trigger: 'user', guards: [], form: [], commentRequired: false });
    const res = await admin.request('PUT', '/api/v1/process/definitions/review', { nameZh: '复核', nameEn: 'Review', definition: def }, { 'accept-language': 'zh-CN', 'x-locale': 'zh-CN' });
    expect(res.statusCode).toBe(400);
    expect(body(res).errors).toEqual([{ field: 'body.definition.states.3', code: 'process.def.unreachable', message: '从开始状态无法到达“orphan”' }]);
    const badRole = reviewProcess(board.id);
    badRole.states[0]!.actor = { kind: 'role', role: 'nobody', near: false };
    expect(body(await admin.put('/api/v1/process/definitions/review', { nameZh: '复核', nameEn: 'Review', definition: badRole })).errors[0].field).toBe('body.definition.states.0.actor.role');
    expect((await cm.put('/api/v1/process/definitions/review', { nameZh: '复核', nameEn: 'Review', definition: reviewProcess(board.id) })).statusCode).toBe(403);
    const saved = await admin.put('/api/v1/process/definitions/review', { nameZh: '复核', nameEn: 'Review', definition: reviewProcess(board.id) });
    expect(saved.statusCode).toBe(200);
    expect(body(saved).version).toBe(1);
  });

  it('keeps running cases on the version they started with', async () => {
    const first = await newTicket();
    const edited = reviewProcess(board.id);
    edited.states[0]!.nameEn = 'Draft v2';
    expect(body(await admin.put('/api/v1/process/definitions/review', { nameZh: '复核', nameEn: 'Review', definition: edited })).version).toBe(2);
    const second = await newTicket();
    expect((await view(first.id)).case.process.version).toBe(1);
    expect((await view(second.id)).case.process.version).toBe(2);
    expect((await view(second.id)).ticket.stateNameEn).toBe('Draft v2');
    expect(body(await admin.get('/api/v1/process/definitions/review')).versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('needs every approver when the mode is all; one rejection sends it back', async () => {
    const ticket = await newTicket();
    expect(ticket.assigneeUserId).toBe(cmUser.id);
    let v = await view(ticket.id, cm);
    await cm.post(`/api/v1/tickets/${ticket.id}/steps`, { transition: 'submit', expectedSeq: v.case.seq });
    v = await view(ticket.id, r1);
    expect(v.case.approvals.map((a: { userId: number }) => a.userId).sort()).toEqual([r1User.id, r2User.id].sort());
    const mine = body(await r2.get('/api/v1/process/inbox')).items;
    expect(mine.map((i: { subjectId: number }) => i.subjectId)).toContain(ticket.id);
    await r1.post(`/api/v1/tickets/${ticket.id}/decision`, { approve: true, expectedSeq: v.case.seq });
    expect((await view(ticket.id)).ticket.state).toBe('review');
    const twice = await r1.post(`/api/v1/tickets/${ticket.id}/decision`, { approve: true, expectedSeq: v.case.seq });
    expect(body(twice).code).toBe('PROCESS_ALREADY_DECIDED');
    await r2.post(`/api/v1/tickets/${ticket.id}/decision`, { approve: true, expectedSeq: v.case.seq });
    expect((await view(ticket.id)).ticket).toMatchObject({ state: 'done', status: 'closed' });

    const other = await newTicket();
    v = await view(other.id, cm);
    await cm.post(`/api/v1/tickets/${other.id}/steps`, { transition: 'submit', expectedSeq: v.case.seq });
    await r1.post(`/api/v1/tickets/${other.id}/decision`, { approve: false, comment: '材料不全', expectedSeq: v.case.seq + 1 });
    expect((await view(other.id)).ticket).toMatchObject({ state: 'draft', assigneeUserId: cmUser.id });
  });

  it('reminds before the deadline and escalates to the superior after it, each timer once', async () => {
    const ticket = await newTicket();
    const { caseId } = ticket;
    const timers = await t.db.query<{ kind: string }>(`select kind from process_timers where case_id = $1 and fired_at is null order by due_at`, [caseId]);
    expect(timers.map((x) => x.kind)).toEqual(['remind', 'breach']);
    const engine = t.app.services.process;
    const state = () => t.db.query<{ kind: string; outcome: string | null }>(`select kind, outcome from process_timers where case_id = $1 order by due_at`, [caseId]);
    // Earlier cases of this file have timers too: they fire alongside.
    expect(await engine.fireDueTimers({ now: new Date(Date.now() + 1.5 * 3_600_000) })).toBeGreaterThanOrEqual(1);
    expect(await state()).toEqual([{ kind: 'remind', outcome: 'done' }, { kind: 'breach', outcome: null }]);
    const reminded = body(await cm.get('/api/v1/notifications')).items;
    expect(reminded[0]).toMatchObject({ kind: 'notify.case_due_soon' });
    expect(await engine.fireDueTimers({ now: new Date(Date.now() + 3 * 3_600_000) })).toBeGreaterThanOrEqual(1);
    expect(await state()).toEqual([{ kind: 'remind', outcome: 'done' }, { kind: 'breach', outcome: 'done' }]);
    expect(await engine.fireDueTimers({ now: new Date(Date.now() + 3 * 3_600_000) })).toBe(0);
    const escalated = await view(ticket.id);
    expect(escalated.ticket).toMatchObject({ state: 'draft', assigneeUserId: bossUser.id, escalated: true });
    expect(escalated.case.steps.at(-1)).toMatchObject({ transition: 'escalate', actorKind: 'system' });
    expect(body(await cm.get('/api/v1/notifications')).items[0].kind).toBe('notify.case_escalated');
  });

  it('reassigns a case whose time ran out when the state says so, and tells both', async () => {
    const def = reviewProcess(board.id);
    def.states[0]!.timeLimit = { hours: 1, onBreach: 'reassign', reassignTo: { kind: 'user', userId: r1User.id } };
    expect((await admin.put('/api/v1/process/definitions/review_reassign', { nameZh: '复核（转派）', nameEn: 'Review (reassign)', definition: def })).statusCode).toBe(200);
    const ticket = await newTicket('review_reassign');
    expect(ticket.assigneeUserId).toBe(cmUser.id);
    await t.app.services.process.fireDueTimers({ now: new Date(Date.now() + 2 * 3_600_000) });
    const moved = await view(ticket.id);
    expect(moved.ticket).toMatchObject({ state: 'draft', assigneeUserId: r1User.id, escalated: true });
    expect(moved.case.steps.at(-1)).toMatchObject({ transition: 'reassign', actorKind: 'system' });
    expect(body(await r1.get('/api/v1/notifications')).items[0]).toMatchObject({ kind: 'notify.case_escalated', link: `/tickets/${ticket.id}` });
    // Now his: he may act, the one it was taken from may not.
    const v = await view(ticket.id, r1);
    expect(v.case.actions.transitions.map((x: { key: string }) => x.key)).toEqual(['submit']);
    expect((await cm.post(`/api/v1/tickets/${ticket.id}/steps`, { transition: 'submit', expectedSeq: v.case.seq })).statusCode).toBe(403);
  });

  it('drops the timers of a state the case has left', async () => {
    const ticket = await newTicket();
    const v = await view(ticket.id, cm);
    await cm.post(`/api/v1/tickets/${ticket.id}/steps`, { transition: 'submit', expectedSeq: v.case.seq });
    await t.app.services.process.fireDueTimers({ now: new Date(Date.now() + 10 * 3_600_000) });
    const rows = await t.db.query<{ outcome: string }>(`select outcome from process_timers where case_id = $1`, [ticket.caseId]);
    expect(rows.map((r) => r.outcome)).toEqual(['stale', 'stale']);
    const steps = await t.db.query<{ transition: string }>(`select transition from process_steps where case_id = $1 order by seq`, [ticket.caseId]);
    expect(steps.map((r) => r.transition)).toEqual(['start', 'submit']);
  });

  it('lists the department inbox by unit and role, and claiming moves a task to mine', async () => {
    const agentUser = await buildUser(t, { role: 'service_agent', orgUnit: branch });
    const agent = await login(t, agentUser);
    const complaint = body(await cm.post('/api/v1/tickets', { type: 'complaint', customerId, channel: 'phone', subject: '排队时间过长' }));
    const dept = body(await agent.get('/api/v1/process/inbox?box=department')).items;
    expect(dept.find((i: { subjectId: number }) => i.subjectId === complaint.id)).toMatchObject({ reference: complaint.number, state: 'received', stateNameEn: 'Received', overdue: false });
    expect(body(await agent.get('/api/v1/process/inbox')).items).toEqual([]);
    await agent.post(`/api/v1/tickets/${complaint.id}/claim`, { expectedSeq: 0 });
    expect(body(await agent.get('/api/v1/process/inbox')).items.map((i: { subjectId: number }) => i.subjectId)).toEqual([complaint.id]);
    expect(body(await agent.get('/api/v1/process/inbox?box=department')).items.map((i: { subjectId: number }) => i.subjectId)).not.toContain(complaint.id);
  });

  it('reports the time per state and the cases at risk', async () => {
    const report = body(await admin.get('/api/v1/process/definitions/review/stage-report?riskHours=48'));
    expect(report.states.map((s: { state: string }) => s.state)).toEqual(['draft', 'review', 'done']);
    expect(report.states[0]).toMatchObject({ nameEn: 'Draft v2', limitHours: 2 });
    expect(report.states[0].visits).toBeGreaterThanOrEqual(5);
    expect(report.cases.length).toBeGreaterThanOrEqual(5);
    // Only 'review' is a key node, and none waits there now.
    expect(report.atRisk).toEqual([]);
  });
});
