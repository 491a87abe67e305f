import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { expectNoHorizontalOverflow, launchBrowser, openPage, screenshot, signedInTabs, startWebApp, type WebApp } from './harness.ts';

/**
 * A complaint through the service desk pages, by the people of the default complaint process: the
 * counter agent of the customer's branch takes it (zh-CN) and routes it to a department, whose
 * agent (en) claims it from his department's inbox and proposes a solution, the branch manager
 * (zh-CN, told by the bell) approves, the department resolves and records the charges, the customer
 * rates it once through the public link (2/5 reopens it), and after a second round a staff return
 * visit closes it.
 */
let web: WebApp;
let browser: Browser;
let adminApi: Client;
let agentApi: Client;
let handlerApi: Client;
let bossApi: Client;
let agent: { id: number; username: string };
let handler: { id: number; username: string };
let boss: { id: number; username: string };
let customerId: number;
let deptName: string;
let ticketId: number;
let articleId: number;
let visitUrl: string;

interface TicketView {
  ticket: { id: number; number: string; state: string; status: string; assigneeUserId: number | null; satisfaction: number | null; serviceCharge: string | null };
  case: { seq: number; steps: { transition: string; comment: string | null }[] };
  attachments: { name: string; contentType: string; size: number }[];
}
const view = async (who: Client = adminApi) => (await who.get(`/api/v1/tickets/${ticketId}`)).json() as TicketView;

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'SD-HQ', nameZh: '服务总行' });
  const branch = await buildOrgUnit(t, hq, { code: 'SD-XW', nameZh: '玄武支行' });
  deptName = '消费者权益保护部';
  const dept = await buildOrgUnit(t, hq, { code: 'SD-CP', nameZh: deptName });
  const admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'sd.admin', locale: 'zh-CN' });
  agent = await buildUser(t, { role: 'service_agent', orgUnit: branch, username: 'sd.agent', locale: 'zh-CN' });
  boss = await buildUser(t, { role: 'branch_manager', orgUnit: branch, username: 'sd.boss', locale: 'zh-CN' });
  handler = await buildUser(t, { role: 'service_agent', orgUnit: dept, username: 'sd.handler', locale: 'en' });
  [adminApi, agentApi, handlerApi, bossApi] = await Promise.all([login(t, admin), login(t, agent), login(t, handler), login(t, boss)]);
  const res = await adminApi.post('/api/v1/customers', { kind: 'individual', name: '王投诉', orgUnitId: branch.id, allowDuplicate: true });
  expect(res.statusCode, res.body).toBe(201);
  customerId = (res.json() as { id: number }).id;
  // A case shared earlier: suggested while the agent types a similar complaint.
  const article = await agentApi.post('/api/v1/kb', { titleZh: '信用卡年费重复扣收的处理', titleEn: 'Card annual fee charged twice', bodyZh: '核实扣费记录后退还多扣年费，并向客户书面致歉。' });
  expect(article.statusCode, article.body).toBe(201);
  articleId = (article.json() as { id: number }).id;
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }), { forgetSignInErrors: true });

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });
const text = async (scope: Page | Locator, testId: string) => ((await scope.getByTestId(testId).first().textContent()) ?? '').trim();
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

/** Opens the step's dialog from the ticket page's action list and waits for its form. */
async function openStep(page: Page, transition: string) {
  await page.locator(`[data-testid=transition][data-transition=${transition}]`).click();
  const form = page.locator(`[data-testid=transition-form][data-transition=${transition}]`);
  await form.waitFor();
  return form;
}

/** Chooses a score on a star rating with the keyboard, as its radio inputs allow. */
async function stars(page: Page, testId: string, score: number) {
  await page.getByTestId(testId).locator(`input[value="${score}"]`).focus();
  await page.keyboard.press('Space');
}

async function stateOf(page: Page) {
  return page.getByTestId('ticket-page').getAttribute('data-state');
}

describe('the service desk in chromium', () => {
  it('takes a complaint from the customer 360 page, with known answers shown while typing (zh-CN)', async () => {
    const { page, errors } = await pageAs(agent);
    await page.goto(`${web.baseUrl}/customers/${customerId}`);
    const panel = page.getByTestId('tickets-panel');
    await panel.waitFor();
    expect(await text(panel, 'tickets-panel-empty')).toBe(zh.service.panel.empty);
    // The service desk's entries are in the navigation.
    const nav = (await page.getByRole('navigation').first().textContent()) ?? '';
    for (const label of [zh.service.nav.inbox, zh.service.nav.tickets, zh.service.nav.board]) expect(nav).toContain(label);

    await panel.getByTestId('panel-new-ticket').click();
    await page.waitForURL(/\/tickets\/new\?customerId=/);
    await eventually(() => page.getByTestId('ticket-customer').inputValue()).toContain('王投诉');
    expect(await text(page, 'kb-suggestions')).toContain(zh.service.kb.typeToSee);

    await page.getByTestId('ticket-subject').fill('信用卡年费重复扣收');
    await page.getByTestId('ticket-description').fill('客户反映本年度信用卡年费被扣收两次，要求退还多扣的年费。');
    const suggestion = page.getByTestId('kb-suggestion').first();
    await eventually(() => suggestion.textContent()).toBe('信用卡年费重复扣收的处理');
    expect(await suggestion.locator('a').getAttribute('href')).toBe(`/kb/${articleId}`);
    await page.getByTestId('ticket-priority-select').click();
    await page.getByRole('option', { name: zh.service.priority.high, exact: true }).click();
    await page.getByTestId('ticket-category').click();
    await page.getByTestId('ticket-category').fill('收费');
    await page.getByRole('treeitem', { name: '收费争议' }).or(page.getByRole('option', { name: '收费争议' })).first().click();
    await screenshot(page, 'service-new-ticket-zh');
    await page.getByTestId('ticket-submit').click();

    await page.waitForURL(/\/tickets\/\d+$/);
    ticketId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('ticket-page').waitFor();
    expect(await stateOf(page)).toBe('received');
    expect(await text(page, 'ticket-subject')).toBe('信用卡年费重复扣收');
    expect(await text(page, 'ticket-priority')).toBe(zh.service.priority.high);
    expect(await text(page, 'ticket-type')).toBe(zh.service.type.complaint);
    expect(await text(page, 'ticket-state')).toBe('已受理');
    expect(await page.getByTestId('ticket-customer-link').getAttribute('href')).toBe(`/customers/${customerId}`);
    expect(await page.getByTestId('case-step').count()).toBe(1);
    // Waiting in the branch's service-desk pool: the agent may claim it or act at once.
    expect(await page.getByTestId('claim').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('routes it: accept, triage with a finding and a department, refusing a step someone else took meanwhile', async () => {
    const { page, errors } = await pageAs(agent);
    await page.goto(`${web.baseUrl}/tickets/${ticketId}`);
    await page.getByTestId('ticket-page').waitFor();
    const form = await openStep(page, 'accept');
    await form.getByTestId('step-submit').click();
    await form.waitFor({ state: 'detached' });
    await eventually(() => stateOf(page)).toBe('triage');

    // The triage form asks for its finding and a department.
    let triage = await openStep(page, 'assign');
    await triage.getByTestId('step-submit').click();
    expect(await triage.textContent()).toContain(zh.validation.required);
    await triage.getByTestId('field-finding').fill('属实，年费重复扣收');
    const unit = triage.getByTestId('assignee-unit');
    await unit.click();
    await unit.fill('消费者');
    await page.getByRole('treeitem', { name: deptName }).or(page.getByRole('option', { name: deptName })).first().click();
    await screenshot(page, 'service-step-dialog-zh');

    // Someone else moved the case meanwhile (a colleague claimed it): told, and the page reloads.
    const seq = (await view()).case.seq;
    expect((await agentApi.post(`/api/v1/tickets/${ticketId}/claim`, { expectedSeq: seq })).statusCode).toBe(200);
    await triage.getByTestId('step-submit').click();
    await triage.waitFor({ state: 'detached' });
    await eventually(() => page.locator('.mantine-Notification-root').first().textContent()).toContain(zh.service.actions.moved);
    await eventually(() => page.getByTestId('ticket-page').getAttribute('data-seq')).toBe(String(seq + 1));

    triage = await openStep(page, 'assign');
    await triage.getByTestId('field-finding').fill('属实，年费重复扣收');
    await triage.getByTestId('assignee-unit').click();
    await triage.getByTestId('assignee-unit').fill('消费者');
    await page.getByRole('treeitem', { name: deptName }).or(page.getByRole('option', { name: deptName })).first().click();
    await triage.getByTestId('step-submit').click();
    await triage.waitFor({ state: 'detached' });
    await eventually(() => stateOf(page)).toBe('handling');
    expect(await page.getByTestId('no-actions').textContent()).toBe(zh.service.actions.none);
    const finding = page.locator('[data-testid=case-step][data-transition=assign]');
    expect(await finding.textContent()).toContain('属实，年费重复扣收');
    expect(await finding.textContent()).toContain(zh.service.field.finding);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows the task in the department's inbox, where its agent claims it and proposes a solution (en)", async () => {
    const { page, errors } = await pageAs(handler);
    await page.goto(`${web.baseUrl}/inbox`);
    await page.getByTestId('inbox-tab-mine').waitFor();
    expect(await text(page, 'inbox-tab-mine')).toBe(en.service.inbox.mine);
    await page.getByTestId('inbox-empty').waitFor();
    await page.getByTestId('inbox-tab-department').click();
    const row = page.locator(`[data-testid=inbox-row][data-subject="${ticketId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('With the department');
    await screenshot(page, 'service-inbox-en');
    await row.getByTestId('inbox-claim').click();
    await eventually(() => page.locator(`[data-testid=inbox-row][data-subject="${ticketId}"]`).count()).toBe(0);
    await page.getByTestId('inbox-tab-mine').click();
    await page.locator(`[data-testid=inbox-row][data-subject="${ticketId}"]`).waitFor();
    expect((await view()).ticket.assigneeUserId).toBe(handler.id);

    await page.locator(`[data-testid=inbox-row][data-subject="${ticketId}"] a`).first().click();
    await page.getByTestId('ticket-page').waitFor();
    expect(await text(page, 'ticket-state')).toBe('With the department');
    // Sending it back needs a comment.
    const back = await openStep(page, 'return');
    await back.getByTestId('step-submit').click();
    expect(await back.textContent()).toContain(en.validation.required);
    await page.keyboard.press('Escape');
    await back.waitFor({ state: 'detached' });
    const propose = await openStep(page, 'propose');
    await propose.getByTestId('field-solution').fill('Refund the second annual fee (200 yuan) and apologise in writing');
    await propose.getByTestId('step-submit').click();
    await propose.waitFor({ state: 'detached' });
    await eventually(() => stateOf(page)).toBe('approval');
    // The proposer may not approve his own proposal: nothing to decide for him.
    expect(await page.getByTestId('approve').count()).toBe(0);
    expect(await text(page, 'approvals')).toContain(en.service.actions.awaitingApproval);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('tells the branch manager by the bell, who approves with a comment (zh-CN)', async () => {
    const { page, errors } = await pageAs(boss);
    await page.goto(`${web.baseUrl}/inbox`);
    const bell = page.getByTestId('bell-count');
    await eventually(() => bell.getAttribute('data-unread')).not.toBe('0');
    await page.locator(`[data-testid=inbox-row][data-subject="${ticketId}"]`).waitFor();
    await page.getByTestId('bell').click();
    const item = page.getByTestId('bell-item').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('信用卡年费重复扣收');
    await screenshot(page, 'service-bell-zh');
    await item.click();
    await page.waitForURL(new RegExp(`/tickets/${ticketId}$`));
    await page.getByTestId('ticket-page').waitFor();
    await eventually(() => bell.getAttribute('data-unread')).toBe('0');
    expect(await stateOf(page)).toBe('approval');
    await page.getByTestId('reject').waitFor();
    await page.getByTestId('approve').click();
    await page.getByTestId('decision-form').waitFor();
    expect(await page.getByTestId('decision-form').textContent()).toContain('Refund the second annual fee');
    await page.getByTestId('decision-comment').fill('同意，尽快退费');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-form').waitFor({ state: 'detached' });
    await eventually(() => stateOf(page)).toBe('resolution');
    const approval = page.locator('[data-testid=case-step][data-transition=approve]');
    expect(await approval.textContent()).toContain('同意，尽快退费');
    expect(await approval.textContent()).toContain(`测试${boss.username}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('records the service content and charge, then resolves (en)', async () => {
    const { page, errors } = await pageAs(handler);
    await page.goto(`${web.baseUrl}/tickets/${ticketId}`);
    await page.getByTestId('ticket-page').waitFor();
    await page.getByTestId('edit-ticket').click();
    await page.getByTestId('edit-content').fill('Refund at the counter');
    await page.getByTestId('edit-charge').fill('0.00');
    await page.getByTestId('edit-submit').click();
    await page.getByTestId('edit-form').waitFor({ state: 'detached' });
    await eventually(() => text(page, 'ticket-service-content')).toContain('Refund at the counter');
    expect((await view()).ticket.serviceCharge).toBe('0.00');
    // The refund receipt goes with the ticket.
    await page.getByTestId('attachment-input').setInputFiles({ name: '退款凭证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 refund receipt') });
    await eventually(() => page.getByTestId('attachment').allTextContents()).toEqual([expect.stringContaining('退款凭证.pdf')]);
    expect((await view()).attachments).toMatchObject([{ name: '退款凭证.pdf', contentType: 'application/pdf', size: 23 }]);
    const resolve = await openStep(page, 'resolve');
    await resolve.getByTestId('field-resolution').fill('200 yuan refunded');
    await resolve.getByTestId('step-submit').click();
    await resolve.waitFor({ state: 'detached' });
    await eventually(() => stateOf(page)).toBe('return_visit');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('gives the customer a rating link that works once, on a phone, without signing in; 2 stars reopen the ticket', async () => {
    const { page, errors } = await pageAs(agent);
    await page.goto(`${web.baseUrl}/tickets/${ticketId}`);
    await page.getByTestId('return-visit').waitFor();
    await page.getByTestId('visit-link').click();
    visitUrl = await page.getByTestId('visit-link-url').inputValue();
    expect(visitUrl).toMatch(new RegExp(`^${web.baseUrl}/visit/[A-Za-z0-9_-]{20,}$`));
    await screenshot(page, 'service-ticket-zh', { fullPage: true });
    await page.context().close();

    for (const locale of ['zh-CN', 'en'] as const) {
      const cat = locale === 'en' ? en : zh;
      const phone = await openPage(browser, { locale, width: 390, height: 760 });
      await phone.page.goto(visitUrl);
      await phone.page.getByTestId('visit-subject').waitFor();
      expect(await text(phone.page, 'visit-subject')).toBe('信用卡年费重复扣收');
      expect(await text(phone.page, 'visit-number')).toBe((await view()).ticket.number);
      expect(await phone.page.getByTestId('visit-send').isDisabled()).toBe(true);
      await expectNoHorizontalOverflow(phone.page);
      await screenshot(phone.page, `service-visit-${locale}`);
      if (locale === 'en') {
        await stars(phone.page, 'visit-stars', 2);
        await eventually(() => phone.page.locator('form').innerText()).toContain(cat.service.public.score2);
        await phone.page.getByTestId('visit-public-comment').fill('The refund took too long');
        await phone.page.getByTestId('visit-send').click();
        await phone.page.getByTestId('visit-thanks').waitFor();
        expect(await text(phone.page, 'visit-thanks')).toContain(cat.service.public.thanks);
        await screenshot(phone.page, 'service-visit-thanks-en');
      }
      expect(phone.errors).toEqual([]);
      await phone.context.close();
    }
    // Opened again: used, said so; a second answer is refused by the server too.
    const again = await openPage(browser, { locale: 'zh-CN', width: 390, height: 760 });
    await again.page.goto(visitUrl);
    await again.page.getByTestId('visit-used').waitFor();
    expect(await text(again.page, 'visit-used')).toContain(zh.service.public.used);
    await screenshot(again.page, 'service-visit-used-zh');
    const token = visitUrl.split('/').pop()!;
    expect((await web.app.inject({ method: 'POST', url: `/api/v1/public/visits/${token}`, payload: { score: 5 } })).statusCode).toBe(409);
    await again.page.goto(`${web.baseUrl}/visit/not-a-real-token-at-all-xx`);
    await again.page.getByTestId('visit-invalid').waitFor();
    await again.context.close();

    const reopened = await view();
    expect(reopened.ticket).toMatchObject({ state: 'handling', satisfaction: 2, assigneeUserId: handler.id });
    expect(errors).toEqual([]);
  });

  it('closes after a second round and a satisfied staff return visit; the queue, the board and the 360 show it', async () => {
    // The second round through the API: the department proposes, the manager approves, it is resolved.
    const step = async (who: Client, transition: string, data: Record<string, string>) => {
      const res = await who.post(`/api/v1/tickets/${ticketId}/steps`, { transition, expectedSeq: (await view(who)).case.seq, data });
      expect(res.statusCode, res.body).toBe(200);
    };
    await step(handlerApi, 'propose', { solution: 'Refund at once' });
    expect((await bossApi.post(`/api/v1/tickets/${ticketId}/decision`, { approve: true, expectedSeq: (await view(bossApi)).case.seq })).statusCode).toBe(200);
    await step(handlerApi, 'resolve', { resolution: 'Refunded the same day' });

    const { page, errors } = await pageAs(agent);
    await page.goto(`${web.baseUrl}/tickets/${ticketId}`);
    await page.getByTestId('return-visit').click();
    await page.getByTestId('visit-form').waitFor();
    await page.getByTestId('visit-submit').click();
    expect(await text(page, 'visit-form')).toContain(zh.service.visit.scoreRequired);
    await stars(page, 'visit-score', 5);
    await page.getByTestId('visit-comment').fill('满意');
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('visit-form').waitFor({ state: 'detached' });
    await eventually(() => stateOf(page)).toBe('closed');
    expect(await text(page, 'no-actions')).toBe(zh.service.actions.closed);
    expect(await page.getByTestId('return-visit-row').count()).toBe(2);
    const closed = await view();
    expect(closed.ticket).toMatchObject({ status: 'closed', satisfaction: 5 });
    expect(closed.case.steps.map((s) => s.transition)).toEqual(['start', 'accept', 'claim', 'assign', 'claim', 'propose', 'approve', 'resolve', 'unsatisfied', 'propose', 'approve', 'resolve', 'satisfied']);

    // The queue: filters in the address, closed tickets found by number.
    await page.goto(`${web.baseUrl}/tickets?status=closed`);
    const row = page.locator(`[data-testid=ticket-row][data-id="${ticketId}"]`);
    await row.waitFor();
    await page.goto(`${web.baseUrl}/tickets?status=open`);
    await page.getByTestId('tickets-empty').waitFor();
    await page.getByTestId('filter-clear').click();
    await eventually(() => new URL(page.url()).search).toBe('');
    await page.getByTestId('ticket-search').fill(closed.ticket.number);
    await eventually(() => new URL(page.url()).searchParams.get('q')).toBe(closed.ticket.number);
    await row.waitFor();
    expect(await text(row, 'ticket-state')).toBe('已结案');

    // The customer 360 lists it.
    await page.goto(`${web.baseUrl}/customers/${customerId}`);
    const panelTicket = page.locator(`[data-testid=panel-ticket][data-id="${ticketId}"]`);
    await panelTicket.waitFor();
    expect(await text(page, 'tickets-panel')).toContain(fill(zh.service.panel.count, { n: 1, open: 0 }));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows open tickets on the board by state with overdue ones marked (zh-CN), and the queue on a phone (en)', async () => {
    // Two more complaints: one well within its time, one whose service level has passed.
    const take = async (subject: string) =>
      (await agentApi.post('/api/v1/tickets', { type: 'complaint', customerId, channel: 'phone', subject, priority: 'urgent' })).json() as { id: number; number: string };
    const fresh = await take('ATM 吞卡');
    const late = await take('柜面排队时间过长');
    await web.db.query(`update tickets set sla_due_at = now() - interval '2 hours' where id = $1`, [late.id]);
    await web.db.query(`update process_cases set due_at = now() - interval '1 hour' where subject_type = 'ticket' and subject_id = $1`, [late.id]);

    const { page, errors } = await pageAs(agent);
    await page.goto(`${web.baseUrl}/tickets/board`);
    const column = page.locator('[data-testid=board-column][data-state=received]');
    await column.waitFor();
    await eventually(() => text(column, 'board-count')).toBe('2');
    const lateCard = column.locator(`[data-testid=board-card][data-id="${late.id}"]`);
    expect(await lateCard.getAttribute('data-overdue')).toBe('true');
    expect(await column.locator(`[data-testid=board-card][data-id="${fresh.id}"]`).getAttribute('data-overdue')).toBe('false');
    // Most urgent first.
    expect(await column.getByTestId('board-card').first().getAttribute('data-id')).toBe(String(late.id));
    await screenshot(page, 'service-board-zh');

    await page.goto(`${web.baseUrl}/tickets?overdue=1`);
    const lateRow = page.locator(`[data-testid=ticket-row][data-id="${late.id}"]`);
    await lateRow.waitFor();
    expect(await page.getByTestId('ticket-row').count()).toBe(1);
    expect(await lateRow.getAttribute('data-overdue')).toBe('true');
    expect(await lateRow.getByTestId('ticket-sla').getAttribute('data-breached')).toBe('true');
    // These filters kept as a saved view, and applied again from the picker.
    await page.getByTestId('ticket-view-menu').click();
    await page.getByTestId('ticket-view-create').click();
    await page.getByTestId('ticket-view-name').fill('超时投诉');
    await page.getByTestId('ticket-view-save').click();
    await eventually(() => new URL(page.url()).searchParams.get('view')).not.toBeNull();
    await page.goto(`${web.baseUrl}/tickets?status=closed`);
    await page.getByTestId('ticket-view-select').click();
    await page.getByRole('option', { name: '超时投诉' }).click();
    await eventually(() => new URL(page.url()).searchParams.get('overdue')).toBe('1');
    expect(new URL(page.url()).searchParams.get('status')).toBeNull();
    await lateRow.waitFor();
    await page.goto(`${web.baseUrl}/tickets?status=open`);
    await page.getByTestId('tickets-table').waitFor();
    await screenshot(page, 'service-queue-zh');
    expect(errors).toEqual([]);
    await page.context().close();

    // The department's agent sees the ticket he worked on, not the branch's new ones.
    const other = await pageAs(handler);
    await other.page.goto(`${web.baseUrl}/tickets`);
    await other.page.getByTestId('tickets-table').waitFor();
    expect(await other.page.getByTestId('ticket-row').count()).toBe(1);
    expect(await text(other.page, 'ticket-state')).toBe('Closed');
    await screenshot(other.page, 'service-queue-en');
    await other.page.setViewportSize({ width: 390, height: 800 });
    // Laid out again for the narrow window (the navigation folds away) before it is measured.
    await eventually(() => other.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoHorizontalOverflow(other.page);
    expect(other.errors).toEqual([]);
    await other.context.close();
  });
});
