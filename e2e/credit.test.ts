import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { expectNoHorizontalOverflow, launchBrowser, screenshot, signedInTabs, startWebApp, type WebApp } from './harness.ts';

/**
 * The numbers of server/modules/credit/credit.test.ts, with the default scorecard (base 600).
 * Customer A: 36 years old (+20), new (0), ¥150,000 on deposit (+40); of three bills in the last
 * year one was paid 40 days late and one is unpaid 45 days after its due date: two late payments
 * (−35) and 45 days overdue now (−60) → 565. An approved +30 makes it 595.
 * Customer B: no birth date, nothing held, nothing late → 620.
 */
let web: WebApp;
let browser: Browser;
let admin: Client;
let managerApi: Client;
let bossApi: Client;
let adminUser: { id: number; username: string };
let adminEn: { id: number; username: string };
let manager: { id: number; username: string };
let boss: { id: number; username: string };
let a: number;
let b: number;

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
/** 36 years and a month ago: 36 years old whatever today's date. */
function birthDate36() {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - 36);
  return new Date(d.getTime() - 30 * DAY).toISOString().slice(0, 10);
}

interface Explanation {
  factor: string;
  points: number;
  reasonZh: string;
  reasonEn: string;
}
interface Credit {
  score: { automatic: number; adjustment: number; final: number; explanation: Explanation[] } | null;
  history: { cause: string; final: number }[];
  alerts: { kind: string }[];
}
interface Adjustment {
  id: number;
  customerId: number;
  points: number;
  status: string;
}

const credit = async (id: number) => (await admin.get(`/api/v1/customers/${id}/credit`)).json() as Credit;

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'CR-HQ', nameZh: '信用总行' });
  const branch = await buildOrgUnit(t, hq, { code: 'CR-NJ', nameZh: '南京分行' });
  adminUser = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'cr.admin', locale: 'zh-CN' });
  adminEn = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'cr.admin.en', locale: 'en' });
  manager = await buildUser(t, { role: 'customer_manager', orgUnit: branch, username: 'cr.manager', locale: 'zh-CN' });
  boss = await buildUser(t, { role: 'branch_manager', orgUnit: branch, username: 'cr.boss', locale: 'zh-CN' });
  admin = await login(t, adminUser);
  managerApi = await login(t, manager);
  bossApi = await login(t, boss);

  const create = async (body: Record<string, unknown>) => {
    const res = await admin.post('/api/v1/customers', { kind: 'individual', orgUnitId: branch.id, ownerId: manager.id, allowDuplicate: true, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: number }).id;
  };
  a = await create({ name: '信用甲', birthDate: birthDate36() });
  b = await create({ name: '信用乙' });
  // Holdings come from the business systems (imports): straight into the database here.
  await web.db.query(`insert into holdings (customer_id, external_id, kind, balance) values ($1, 'CR-D', 'deposit', 150000), ($1, 'CR-C', 'credit_card', 120000)`, [a]);
  const bill = async (externalId: string, dueOn: string, paidOn?: string) => {
    const res = await managerApi.post(`/api/v1/customers/${a}/receivables`, { externalId, amount: '5000.00', dueOn, ...(paidOn ? { paidAmount: '5000.00', paidOn } : {}) });
    expect(res.statusCode, res.body).toBe(201);
  };
  await bill('CR-R1', day(-100), day(-60));
  await bill('CR-R2', day(-200), day(-195));
  await bill('CR-R3', day(-45));
  await web.app.services.events.settle();
  expect((await admin.post('/api/v1/credit/recompute')).statusCode).toBe(200);
  // Earlier months of history, as a customer of some standing has: the chart then spans months.
  await web.db.query(
    `insert into credit_score_history (customer_id, automatic, adjustment, final, cause, at)
     values ($1, 612, 0, 612, 'computed', now() - interval '150 days'), ($1, 640, 0, 640, 'computed', now() - interval '100 days'),
            ($1, 605, 0, 605, 'computed', now() - interval '44 days')`,
    [a],
  );
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }), { forgetSignInErrors: true });

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });
const text = async (scope: Page | Locator, testId: string) => ((await scope.getByTestId(testId).first().textContent()) ?? '').trim();
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
const signed = (points: number) => (points > 0 ? `+${points}` : points < 0 ? `\u2212${Math.abs(points)}` : '0');
const money = (amount: string, locale = 'zh-CN') => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(amount as Intl.StringNumericLiteral);

const SHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
/** One part of a page (a 360 panel) as docs/screenshots/<name>.png, when UPDATE_SCREENSHOTS=1 like the harness's whole pages. */
async function screenshotOf(locator: Locator, name: string) {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await mkdir(SHOTS, { recursive: true });
  const page = locator.page();
  // The fixed header would cover the top of the part once it is scrolled into view.
  const hide = await page.addStyleTag({ content: '.mantine-Notifications-root, .mantine-AppShell-header { display: none !important; }' });
  await page.waitForTimeout(500);
  await locator.screenshot({ path: `${SHOTS}${name}.png`, animations: 'disabled', caret: 'hide' });
  await hide.evaluate((element) => (element as HTMLStyleElement).remove());
}

async function openCustomer(page: Page, id: number) {
  await page.goto(`${web.baseUrl}/customers/${id}`);
  const panel = page.getByTestId('panel-credit');
  await panel.getByTestId('credit-panel').waitFor();
  return panel;
}

/** The message Mantine shows under an input (linked by aria-describedby). */
async function fieldError(page: Page, testId: string): Promise<string> {
  const input = page.getByTestId(testId);
  await eventually(() => input.getAttribute('aria-invalid')).toBe('true');
  const errorId = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('error'));
  return (await page.locator(`[id="${errorId}"]`).textContent()) ?? '';
}

describe('credit in chromium', () => {
  let requestId = 0;

  it('explains the score on the customer 360 page, and a customer manager asks to adjust it', async () => {
    const before = await credit(a);
    expect(before.score).toMatchObject({ automatic: 565, adjustment: 0, final: 565 });

    const { page, errors } = await pageAs(manager);
    const panel = await openCustomer(page, a);
    expect(await text(panel, 'credit-final')).toBe('565');
    expect(await text(panel, 'credit-automatic-value')).toBe('565');
    expect(await text(panel, 'credit-adjustment-value')).toBe('0');

    // Every factor on its own line: its signed points and its reason in the UI language.
    const lines = panel.getByTestId('credit-factor');
    expect(await lines.count()).toBe(before.score!.explanation.length);
    for (const line of before.score!.explanation) {
      const row = panel.locator(`[data-testid=credit-factor][data-factor="${line.factor}"]`);
      expect(await row.locator('[data-points]').first().textContent(), line.factor).toBe(signed(line.points));
      expect(await text(row, 'credit-factor-reason'), line.factor).toBe(line.reasonZh);
    }
    const age = panel.locator('[data-testid=credit-factor][data-factor=age]');
    expect(await age.textContent()).toContain('+20');
    expect(await text(age, 'credit-factor-reason')).toBe('36 岁，处于工作年龄');
    const late = panel.locator('[data-testid=credit-factor][data-factor=latePayments12m]');
    expect(await late.locator('[data-points]').first().textContent()).toBe('\u221235');
    // Gains and losses in different colours.
    const colour = (row: Locator) => row.locator('[data-points]').first().evaluate((el) => getComputedStyle(el).color);
    expect(await colour(age)).not.toBe(await colour(late));
    // The base line makes the arithmetic visible: 600 + 20 + 0 + 40 − 35 − 60 = 565.
    await eventually(() => text(panel, 'credit-base')).toContain('600');

    // Overdue 45 days, no limit yet: one alert.
    const alerts = panel.getByTestId('credit-alert');
    expect(await alerts.count()).toBe(1);
    expect(await alerts.first().getAttribute('data-kind')).toBe('overdue');
    expect((await alerts.first().textContent())?.trim()).toBe(fill(zh.credit.alert.overdue, { days: 45 }));
    // Receivables and their ageing.
    expect(await panel.getByTestId('credit-receivable').count()).toBe(3);
    expect(await panel.locator('[data-testid=credit-receivable][data-external-id=CR-R3]').textContent()).toContain(fill(zh.credit.receivable.overdue, { days: 45 }));
    expect(await panel.locator('[data-testid=credit-ageing-bucket][data-bucket="31-60"]').getAttribute('data-outstanding')).toBe('5000.00');
    expect(await text(panel, 'credit-exposure-value')).toBe(money('125000.00'));

    // A customer manager may ask, not decide, nor set limits.
    expect(await panel.getByTestId('credit-set-limit').count()).toBe(0);
    const nav = (await page.getByRole('navigation').first().textContent()) ?? '';
    expect(nav).toContain(zh.nav.credit);
    expect(nav).toContain(zh.nav.dictionary);
    expect(nav).not.toContain(zh.nav.creditApprovals);

    await panel.getByTestId('credit-request-adjustment').click();
    const form = page.getByTestId('credit-adjustment-form');
    await form.waitFor();
    await page.getByTestId('credit-request-submit').click();
    expect(await fieldError(page, 'credit-request-points')).toBe(zh.credit.request.pointsRequired);
    expect(await fieldError(page, 'credit-request-reason')).toBe(zh.credit.request.reasonRequired);
    await page.getByTestId('credit-request-points').fill('30');
    await page.getByTestId('credit-request-reason').fill('工资稳定，代发工资五年');
    await eventually(() => text(page, 'credit-request-preview')).toBe(fill(zh.credit.request.preview, { automatic: 565, points: '+30', final: 595 }));
    await page.getByTestId('credit-request-submit').click();
    await form.waitFor({ state: 'detached' });

    // Pending: shown with the request, not counted yet.
    const pending = panel.locator('[data-testid=credit-adjustment-item][data-status=pending]');
    await pending.waitFor();
    expect(await text(pending, 'credit-adjustment-reason')).toBe('工资稳定，代发工资五年');
    expect(await text(pending, 'credit-adjustment-points')).toBe('+30');
    expect(await pending.textContent()).toContain(zh.credit.status.pending);
    expect(await text(panel, 'credit-final')).toBe('565');

    const waiting = (await bossApi.get('/api/v1/credit/adjustments')).json() as Adjustment[];
    const mine = waiting.find((x) => x.customerId === a && x.points === 30);
    expect(mine).toMatchObject({ status: 'pending' });
    requestId = mine!.id;
    expect((await credit(a)).score?.final).toBe(565);

    // On a phone the panel stacks and its tables scroll inside their box.
    await page.setViewportSize({ width: 390, height: 800 });
    await panel.getByTestId('credit-final').waitFor();
    await expectNoHorizontalOverflow(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lets a branch manager approve on the approval screen, tells him about his own and already decided requests', async () => {
    // His own request, which he may not decide; and one that the administrator will decide first.
    const own = (await bossApi.post(`/api/v1/customers/${a}/credit/adjustments`, { points: -10, reason: '近期大额负债增加' })).json() as Adjustment;
    const raced = (await managerApi.post(`/api/v1/customers/${b}/credit/adjustments`, { points: 15, reason: '客户资料已补充完整' })).json() as Adjustment;

    const { page, errors } = await pageAs(boss);
    await page.goto(`${web.baseUrl}/credit/approvals`);
    await page.getByTestId('credit-approvals-table').waitFor();
    expect(await page.getByRole('navigation').first().textContent()).toContain(zh.nav.creditApprovals);
    expect(await page.getByTestId('credit-approval-row').count()).toBe(3);

    const row = page.locator(`[data-testid=credit-approval-row][data-id="${requestId}"]`);
    expect(await text(row, 'credit-approval-customer')).toBe('信用甲');
    expect(await row.getByTestId('credit-approval-customer').getAttribute('href')).toBe(`/customers/${a}`);
    expect(await text(row, 'credit-approval-points')).toBe('+30');
    expect(await text(row, 'credit-approval-reason')).toBe('工资稳定，代发工资五年');
    expect(await row.textContent()).toContain(`测试${manager.username}`);
    expect(await text(row, 'credit-approval-score')).toBe('565');

    // His own request: said so, and nothing to click.
    const ownRow = page.locator(`[data-testid=credit-approval-row][data-id="${own.id}"]`);
    expect(await text(ownRow, 'credit-approval-own')).toBe(zh.credit.approvals.own);
    expect(await ownRow.getByTestId('credit-approve').count()).toBe(0);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'credit-approvals-zh');

    // Someone else decides while the dialog is open: the approver is told, and the list moves on.
    await page.locator(`[data-testid=credit-approval-row][data-id="${raced.id}"]`).getByTestId('credit-approve').click();
    await page.getByTestId('credit-decision-form').waitFor();
    expect((await admin.post(`/api/v1/credit/adjustments/${raced.id}/decision`, { approve: false, comment: '资料不全' })).statusCode).toBe(200);
    await page.getByTestId('credit-decision-submit').click();
    const conflict = page.getByTestId('credit-decision-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(zh.credit.approvals.conflict);
    expect(await page.getByTestId('credit-decision-submit').count()).toBe(0);
    await page.getByTestId('credit-decision-close').click();
    await eventually(() => page.locator(`[data-testid=credit-approval-row][data-id="${raced.id}"]`).count()).toBe(0);

    // The real decision, with a comment.
    await row.getByTestId('credit-approve').click();
    await page.getByTestId('credit-decision-comment').fill('同意，代发工资稳定');
    await page.getByTestId('credit-decision-submit').click();
    await page.getByTestId('credit-decision-form').waitFor({ state: 'detached' });
    await eventually(() => row.count()).toBe(0);
    expect((await credit(a)).score).toMatchObject({ automatic: 565, adjustment: 30, final: 595 });

    // Among the approved ones, with a link to the customer 360 page, which shows the new score.
    await page.getByTestId('credit-approvals-status').getByText(zh.credit.status.approved, { exact: true }).click();
    const approved = page.locator(`[data-testid=credit-approval-row][data-id="${requestId}"]`);
    await approved.waitFor();
    expect(await approved.textContent()).toContain('同意，代发工资稳定');
    await approved.getByTestId('credit-approval-customer').click();
    await page.waitForURL(`**/customers/${a}`);
    const panel = page.getByTestId('panel-credit');
    await eventually(() => text(panel, 'credit-final')).toBe('595');
    expect(await text(panel, 'credit-adjustment-value')).toBe('+30');
    await panel.getByTestId('credit-history-chart').waitFor();
    expect(await panel.locator('[data-testid=credit-adjustment-item][data-status=approved]').count()).toBe(1);
    expect(await panel.locator('[data-testid=credit-adjustment-item][data-status=pending]').count()).toBe(1);

    // He may set the limit: ¥100,000 against ¥125,000 owed puts the customer over it.
    await panel.getByTestId('credit-set-limit').click();
    await page.getByTestId('credit-limit-amount-input').fill('abc');
    await page.getByTestId('credit-limit-submit').click();
    expect(await fieldError(page, 'credit-limit-amount-input')).toBe(zh.credit.limitForm.invalidAmount);
    // Written as a Chinese clerk says it: 10万元 is ¥100,000.
    await page.getByTestId('credit-limit-amount-input').fill('10万元');
    // Said back before it is saved.
    expect(await page.getByTestId('credit-limit-understood').textContent()).toBe(fill(zh.credit.limitForm.understood, { amount: money('100000') }));
    await page.getByTestId('credit-limit-submit').click();
    await page.getByTestId('credit-limit-form').waitFor({ state: 'detached' });
    await eventually(() => text(panel, 'credit-limit-amount-value')).toBe(money('100000'));
    await eventually(() => panel.locator('[data-testid=credit-alert][data-kind=over_limit]').count()).toBe(1);
    expect((await panel.locator('[data-testid=credit-alert][data-kind=over_limit]').textContent())?.trim()).toBe(zh.credit.alert.over_limit);
    expect((await credit(a)).alerts.map((x) => x.kind).sort()).toEqual(['over_limit', 'overdue']);
    await screenshotOf(panel, 'customer-360-credit-zh');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows ageing and alerts in scope, and lets an administrator change the scorecard and recompute', async () => {
    const { page, errors } = await pageAs(adminUser);
    await page.goto(`${web.baseUrl}/credit`);
    await page.getByTestId('credit-ageing-table').waitFor();
    const bucket = page.locator('[data-testid=credit-ageing-row][data-bucket="31-60"]');
    expect(await text(bucket, 'credit-ageing-receivables')).toBe('1');
    expect(await text(bucket, 'credit-ageing-outstanding')).toBe(money('5000'));
    expect(await text(page.locator('[data-testid=credit-ageing-row][data-bucket="current"]'), 'credit-ageing-receivables')).toBe('0');

    const alertRows = page.locator(`[data-testid=credit-alert-row][data-customer-id="${a}"]`);
    await eventually(() => alertRows.count()).toBe(2);
    expect(await alertRows.first().getByRole('link').getAttribute('href')).toBe(`/customers/${a}`);
    await page.getByTestId('credit-alerts-filter').getByText(zh.credit.alert.over_limit, { exact: false }).click();
    await eventually(() => page.getByTestId('credit-alert-row').count()).toBe(1);
    expect(await page.getByTestId('credit-alert-row').first().getAttribute('data-kind')).toBe('over_limit');

    // The scorecard editor: base 600 → 610 moves every automatic score by 10 after a recompute.
    const form = page.getByTestId('credit-scorecard-form');
    await form.waitFor();
    expect(await form.getByTestId('scorecard-factor').count()).toBe(5);
    expect(await form.getByTestId('scorecard-bin-reason-en').first().inputValue()).toBe('{value} years old, under 25');
    await page.getByTestId('scorecard-min').fill('950');
    await page.getByTestId('scorecard-save').click();
    expect(await fieldError(page, 'scorecard-max')).toBe(zh.credit.scorecard.minMax);
    await page.getByTestId('scorecard-min').fill('300');
    await page.getByTestId('scorecard-base').fill('610');
    await page.getByTestId('scorecard-save').click();
    await eventually(async () => ((await admin.get('/api/v1/credit/scorecard')).json() as { base: number }).base).toBe(610);
    expect((await credit(a)).score?.automatic).toBe(565);
    await page.getByTestId('credit-recompute').click();
    await page.getByTestId('credit-recompute-result').waitFor();
    expect(await text(page, 'credit-recompute-result')).toMatch(new RegExp(`^${fill(zh.credit.scorecard.recomputed, { customers: '\\d+', changed: '\\d+' })}$`));
    expect((await credit(a)).score).toMatchObject({ automatic: 575, adjustment: 30, final: 605 });
    await screenshot(page, 'credit-overview-zh', { fullPage: true });

    // Back to the default for the pages that follow.
    const card = (await admin.get('/api/v1/credit/scorecard')).json() as { base: number };
    expect((await admin.put('/api/v1/credit/scorecard', { ...card, base: 600 })).statusCode).toBe(200);
    expect((await admin.post('/api/v1/credit/recompute')).statusCode).toBe(200);
    expect((await credit(a)).score?.final).toBe(595);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('speaks English: reasons in English, the approval screen for another approver', async () => {
    const { page, errors } = await pageAs(adminEn, { locale: 'en' });
    const panel = await openCustomer(page, a);
    expect(await text(panel, 'credit-final')).toBe('595');
    const age = panel.locator('[data-testid=credit-factor][data-factor=age]');
    expect(await age.locator('[data-points]').first().textContent()).toBe('+20');
    expect(await text(age, 'credit-factor-reason')).toBe('36 years old, of working age');
    expect(await text(panel.locator('[data-testid=credit-factor][data-factor=overdueDays]'), 'credit-factor-reason')).toBe('Overdue for 45 days now');
    expect((await panel.locator('[data-testid=credit-alert][data-kind=overdue]').textContent())?.trim()).toBe(fill(en.credit.alert.overdue, { days: 45 }));
    await screenshotOf(panel, 'customer-360-credit-en');

    // The branch manager's own request is someone else's for this approver: he may decide it.
    await page.goto(`${web.baseUrl}/credit/approvals`);
    await page.getByTestId('credit-approvals-table').waitFor();
    const rows = page.getByTestId('credit-approval-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getByTestId('credit-approve').textContent()).toBe(en.credit.approvals.approve);
    expect(await text(rows.first(), 'credit-approval-points')).toBe('\u221210');
    await screenshot(page, 'credit-approvals-en');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lists every field in the data dictionary and filters it by search and record', async () => {
    const field = await admin.post('/api/v1/custom-fields', {
      entity: 'customer',
      key: 'monthly_income',
      type: 'number',
      labelZh: '月收入',
      labelEn: 'Monthly income',
      descriptionZh: '客户自报的税后月收入',
      descriptionEn: 'Monthly income after tax, as the customer states it',
    });
    expect(field.statusCode, field.body).toBe(201);
    const all = (await managerApi.get('/api/v1/data-dictionary')).json() as { field: string; entity: string }[];

    const { page, errors } = await pageAs(manager);
    await page.goto(`${web.baseUrl}/customers`);
    await page.getByRole('navigation').first().getByRole('link', { name: zh.nav.dictionary, exact: true }).click();
    await page.waitForURL('**/data-dictionary');
    const rows = page.getByTestId('dictionary-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(all.length);
    const idNumber = page.locator('[data-testid=dictionary-row][data-entity=customer][data-field=idNumber]');
    expect(await text(idNumber, 'dictionary-label')).toBe('证件号码');
    expect(await idNumber.textContent()).toContain('GB 11643');
    const income = page.locator('[data-testid=dictionary-row][data-field="custom.monthly_income"]');
    expect(await text(income, 'dictionary-label')).toBe('月收入');
    expect(await income.textContent()).toContain('客户自报的税后月收入');

    await page.getByTestId('dictionary-search').fill('证件');
    await eventually(() => rows.count()).toBe(2);
    expect(await page.locator('[data-testid=dictionary-row]').evaluateAll((els) => els.map((el) => el.getAttribute('data-field')).sort())).toEqual(['idNumber', 'idType']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('证件');
    await screenshot(page, 'data-dictionary-search-zh');

    // English words find Chinese labels too, meanings included ("a landline … or a mobile", "counter, mobile, online …").
    await page.getByTestId('dictionary-search').fill('Mobile');
    await eventually(() => rows.count()).toBe(5);
    expect(await rows.evaluateAll((els) => els.map((el) => `${el.getAttribute('data-entity')}.${el.getAttribute('data-field')}`).sort())).toEqual([
      'contact.mobile',
      'contact.phone',
      'customer.mobile',
      'customer.phone',
      'transaction.channel',
    ]);
    await page.getByTestId('dictionary-filter-contact').click();
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.evaluateAll((els) => els.every((el) => el.getAttribute('data-entity') === 'contact'))).toBe(true);
    expect(new URL(page.url()).searchParams.get('entity')).toBe('contact');

    await page.getByTestId('dictionary-search').fill('');
    await page.getByTestId('dictionary-filter-custom').click();
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-field')).toBe('custom.monthly_income');
    await page.getByTestId('dictionary-filter-transaction').click();
    await eventually(() => rows.count()).toBe(all.filter((f) => f.entity === 'transaction').length);
    expect(await rows.evaluateAll((els) => els.every((el) => el.getAttribute('data-entity') === 'transaction'))).toBe(true);

    await page.getByTestId('dictionary-search').fill('no-such-field-anywhere');
    await page.getByTestId('dictionary-empty').waitFor();
    await page.getByTestId('dictionary-empty').getByRole('button').click();
    await eventually(() => rows.count()).toBe(all.length);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'data-dictionary-zh');
    expect(errors).toEqual([]);
    await page.context().close();

    const english = await pageAs(adminEn, { locale: 'en' });
    await english.page.goto(`${web.baseUrl}/data-dictionary?q=ID%20number`);
    const enRows = english.page.getByTestId('dictionary-row');
    // The field itself, and the two a resident ID number gives (gender, birth date).
    await eventually(() => enRows.count()).toBe(3);
    expect(await text(enRows.first(), 'dictionary-label')).toBe('ID number');
    expect(await enRows.evaluateAll((els) => els.map((el) => el.getAttribute('data-field')).sort())).toEqual(['birthDate', 'gender', 'idNumber']);
    await english.page.goto(`${web.baseUrl}/data-dictionary`);
    await eventually(() => enRows.count()).toBe(all.length);
    await screenshot(english.page, 'data-dictionary-en');
    expect(english.errors).toEqual([]);
    await english.page.context().close();
  });

  // Last: a new overdue bill would change the ageing and alerts the tests above count.
  it('lets a customer manager record a receivable and a partial payment on the 360 page', async () => {
    const { page, errors } = await pageAs(manager);
    const panel = await openCustomer(page, b);
    await panel.getByTestId('credit-receivables-empty').waitFor();

    await panel.getByTestId('credit-record-receivable').click();
    const form = page.getByTestId('credit-receivable-form');
    await form.waitFor();
    expect(await page.getByTestId('credit-receivable-currency').inputValue()).toBe('CNY');
    // No due date: said at the field, nothing sent.
    await page.getByTestId('credit-receivable-external-id').fill('CR-R3');
    await page.getByTestId('credit-receivable-amount').fill('12,345.60');
    await page.getByTestId('credit-receivable-submit').click();
    expect(await fieldError(page, 'credit-receivable-due')).toBe(zh.credit.receivableForm.required);
    // A reference already in use: the server's complaint shows at the reference.
    await page.getByTestId('credit-receivable-due').fill(day(-40));
    await page.getByTestId('credit-receivable-submit').click();
    expect(await fieldError(page, 'credit-receivable-external-id')).not.toBe('');
    expect(await form.getByRole('alert').count()).toBe(0);
    await page.getByTestId('credit-receivable-external-id').fill('CR-B1');
    await page.getByTestId('credit-receivable-submit').click();
    await form.waitFor({ state: 'detached' });
    await page.getByText(fill(zh.credit.receivableForm.saved, { externalId: 'CR-B1' })).waitFor();

    // Sent as a plain decimal; overdue 40 days, in the 31–60 bucket.
    const row = panel.locator('[data-testid=credit-receivable][data-external-id=CR-B1]');
    await row.waitFor();
    const [stored] = ((await admin.get(`/api/v1/customers/${b}/credit`)).json() as { receivables: { externalId: string; amount: string; currency: string }[] }).receivables;
    expect(stored).toMatchObject({ externalId: 'CR-B1', amount: '12345.60', currency: 'CNY' });
    expect(await row.getAttribute('data-days-overdue')).toBe('40');
    expect(await row.textContent()).toContain(fill(zh.credit.receivable.overdue, { days: 40 }));
    const bucket = panel.locator('[data-testid=credit-ageing-bucket][data-bucket="31-60"]');
    expect(await bucket.getAttribute('data-outstanding')).toBe('12345.60');
    expect(await bucket.getAttribute('data-receivables')).toBe('1');
    expect(await text(row, 'credit-receivable-outstanding')).toBe(money('12345.60'));
    expect(await text(panel, 'credit-exposure-outstanding-value')).toBe(money('12345.60'));

    // A partial payment: more than is owed is refused at the field, then 2,345.60 of it.
    await row.getByTestId('credit-receivable-pay').click();
    const payment = page.getByTestId('credit-payment-form');
    await payment.waitFor();
    await page.getByTestId('credit-payment-amount').fill('20,000');
    await page.getByTestId('credit-payment-submit').click();
    expect(await fieldError(page, 'credit-payment-amount')).toBe(fill(zh.credit.paymentForm.tooMuch, { outstanding: money('12345.60') }));
    await page.getByTestId('credit-payment-amount').fill('2,345.60');
    await page.getByTestId('credit-payment-paid-on').fill(day(0));
    await page.getByTestId('credit-payment-submit').click();
    await payment.waitFor({ state: 'detached' });
    await eventually(() => text(row, 'credit-receivable-outstanding')).toBe(money('10000.00'));
    expect(await text(panel, 'credit-exposure-outstanding-value')).toBe(money('10000.00'));
    expect(await bucket.getAttribute('data-outstanding')).toBe('10000.00');
    // Still open and overdue, so still payable.
    expect(await row.textContent()).toContain(fill(zh.credit.receivable.overdue, { days: 40 }));
    expect(await row.getByTestId('credit-receivable-pay').count()).toBe(1);
    await expectNoHorizontalOverflow(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('counts years as a customer from the oldest account, not from when the record came into the CRM', async () => {
    // Loaded today (an import), a customer of the bank since an account opened six years ago.
    const res = await admin.post('/api/v1/customers', { kind: 'individual', name: '信用丙', allowDuplicate: true });
    expect(res.statusCode, res.body).toBe(201);
    const c = (res.json() as { id: number }).id;
    await web.db.query(`insert into holdings (customer_id, external_id, kind, balance, opened_on) values ($1, 'CR-OLD', 'deposit', 0, $2)`, [c, day(-6 * 365 - 10)]);
    web.app.services.events.emit('business.changed', { customerIds: [c] });
    await web.app.services.events.settle();

    const { page, errors } = await pageAs(adminUser);
    const panel = await openCustomer(page, c);
    const years = panel.locator('[data-testid=credit-factor][data-factor=customerYears]');
    expect(await text(years, 'credit-factor-reason')).toBe('已是 6 年的老客户');
    expect(await years.locator('[data-points]').first().textContent()).toBe('+30');
    expect(errors).toEqual([]);
    await page.context().close();
  });
  it('keeps a US-dollar limit in dollars, compares it in yuan once an administrator sets the rate on the exchange rates page', async () => {
    const res = await admin.post('/api/v1/customers', { kind: 'individual', name: '信用丁', allowDuplicate: true });
    expect(res.statusCode, res.body).toBe(201);
    const d = (res.json() as { id: number }).id;
    await web.db.query(`insert into holdings (customer_id, external_id, kind, balance, currency) values ($1, 'CR-USD', 'deposit', 10000, 'USD'), ($1, 'CR-CC2', 'credit_card', 100000, 'CNY')`, [d]);
    expect((await admin.put(`/api/v1/customers/${d}/credit/limit`, { amount: '10000.00', currency: 'USD' })).statusCode).toBe(204);

    const { page, errors } = await pageAs(adminUser);
    // Without a rate: the limit in dollars, and no comparison with the yuan owed.
    let panel = await openCustomer(page, d);
    expect(await text(panel, 'credit-limit-amount-value')).toBe(new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'USD' }).format(10000));
    expect(await text(panel, 'credit-limit-in-base')).toBe(fill(zh.credit.panel.limitNoRate, { currency: 'USD' }));
    expect(await panel.getByTestId('credit-utilisation').count()).toBe(0);
    // The panel says the dollar deposit is not in the sums, instead of leaving it out silently.
    expect(await text(panel, 'credit-unpriced')).toBe(`${fill(zh.credit.panel.unpriced, { currencies: 'USD' })} ${zh.credit.panel.unpricedSet}`);
    expect(await panel.getByTestId('credit-unpriced-set').getAttribute('href')).toBe('/admin/exchange-rates');

    // The page lists the dollar as used without a rate; the administrator sets one, typed with full-width digits.
    await page.goto(`${web.baseUrl}/admin/exchange-rates`);
    const missing = page.locator('[data-testid=rate-missing][data-currency=USD]');
    await missing.waitFor();
    expect(await missing.textContent()).toContain(fill(zh.admin.rates.used.holdings, { n: 1 }));
    // Who uses it, to tell a typo from a real currency: the customer, one click away.
    expect(await text(missing, 'rate-missing-customers')).toContain(fill(zh.admin.rates.usedBy, { n: 1 }));
    expect(await missing.getByTestId('rate-missing-example').getAttribute('href')).toBe(`/customers/${d}`);
    expect(await missing.getByTestId('rate-missing-example').textContent()).toContain('信用丁');
    await missing.getByTestId('rate-missing-set').click();
    await page.getByTestId('rate-value').fill('abc');
    await page.getByTestId('rate-save').click();
    expect(await fieldError(page, 'rate-value')).toContain('大于 0');
    await page.getByTestId('rate-value').fill('７．１');
    await page.getByTestId('rate-save').click();
    const row = page.locator('[data-testid=rate-row][data-currency=USD]');
    await row.waitFor();
    expect(await text(row, 'rate-value-cell')).toBe('1 USD = 7.1 CNY');
    // Named in the reader's language beside its code.
    expect(await text(row, 'rate-currency-name')).toBe(new Intl.DisplayNames(['zh-CN'], { type: 'currency' }).of('USD'));
    await eventually(() => page.getByTestId('rates-missing').count()).toBe(0);
    await screenshot(page, 'exchange-rates');

    // Back on the customer: the limit is ¥71,000 in yuan, and ¥100,000 owed is over it.
    await web.app.services.events.settle();
    panel = await openCustomer(page, d);
    expect(await text(panel, 'credit-limit-in-base')).toBe(fill(zh.credit.panel.limitInBase, { amount: money('71000') }));
    expect(await text(panel, 'credit-utilisation')).toBe(fill(zh.credit.panel.utilisation, { percent: '141%' }));
    expect(await panel.getByTestId('credit-unpriced').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
