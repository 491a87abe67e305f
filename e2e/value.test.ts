import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { expectNoHorizontalOverflow, launchBrowser, screenshot, signedInTabs, startWebApp, type WebApp } from './harness.ts';

/**
 * The numbers of server/modules/value/value.test.ts: customer i (1–10) made i purchases of 100·i,
 * the last one 11 − i days ago, so r = f = m = ⌈i/2⌉. Customer 10 also keeps ¥900,000 on deposit
 * (13,500 + 0.2% of 10,000 = 13,520), customer 11 ¥1,000,000 (15,000) and no spending, customer 12
 * nothing. Total 28,577: customers 11 and 10 bring 80% and are the core; both are gold.
 */
let web: WebApp;
let browser: Browser;
let api: Client;
let admin: { id: number; username: string };
let adminEn: { id: number; username: string };
let manager: { id: number; username: string };
const ids: number[] = [];
const NAMES = ['Zhao Lei', 'Qian Hong', 'Sun Li', 'Li Na', 'Zhou Jie', 'Wu Fang', 'Zheng Hao', 'Wang Wei', 'Feng Yu', 'Chen Jing', 'Chu Yan', 'Wei Dong'];

interface Group {
  key: string | null;
  customers: number;
  contribution: string | null;
}
interface Summary {
  bySegment: Group[];
  byTier: Group[];
  pareto: { customers: number; core: number; coreContribution: string | null; contribution: string | null };
}

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'VL-HQ', nameZh: 'Value Head Office' });
  const branch = await buildOrgUnit(t, hq, { code: 'VL-SZ', nameZh: 'Suzhou Branch' });
  admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'vl.admin', locale: 'zh-CN' });
  adminEn = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'vl.admin.en', locale: 'en' });
  manager = await buildUser(t, { role: 'customer_manager', orgUnit: branch, username: 'vl.manager', locale: 'zh-CN' });
  api = await login(t, admin);
  for (let i = 1; i <= 12; i++) {
    // The manager looks after the two core customers.
    const owned = i === 10 || i === 11 ? { ownerId: manager.id, orgUnitId: branch.id } : {};
    const res = await api.post('/api/v1/customers', { kind: 'individual', name: NAMES[i - 1], allowDuplicate: true, ...owned });
    expect(res.statusCode, res.body).toBe(201);
    ids.push((res.json() as { id: number }).id);
  }
  for (let i = 1; i <= 10; i++) {
    for (let k = 0; k < i; k++) {
      await web.db.query(
        `insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, $2, now() - make_interval(days => $3::int), $4, 'debit')`,
        [ids[i - 1], `VL${i}-${k}`, 11 - i + k, 100 * i],
      );
    }
  }
  await web.db.query(`insert into holdings (customer_id, external_id, kind, balance) values ($1, 'VL-D10', 'deposit', 900000), ($2, 'VL-D11', 'deposit', 1000000)`, [ids[9], ids[10]]);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }), { forgetSignInErrors: true });

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
const money = (amount: string | null, locale = 'zh-CN') => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format((amount ?? '0') as Intl.StringNumericLiteral);
const percent = (part: number, whole: number) => new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(part / whole);
/** A catalogue text as a pattern: the given placeholders filled in, the others any figure. */
const pattern = (template: string, values: Record<string, string | number>, other = '[\\d.,]+') =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\{(\w+)\}\}/g, (_, key: string) => (key in values ? String(values[key]) : other))}$`);
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

/** The message Mantine shows under an input (linked by aria-describedby). */
async function fieldError(page: Page, testId: string): Promise<string> {
  const input = page.getByTestId(testId);
  await eventually(() => input.getAttribute('aria-invalid')).toBe('true');
  const errorId = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('error'));
  return (await page.locator(`[id="${errorId}"]`).textContent()) ?? '';
}

async function settingsNow() {
  return (await api.get('/api/v1/value/settings')).json() as { windowDays: number; paretoShare: number; tiers: { key: string; minContribution: number }[] };
}

describe('customer value in chromium', () => {
  it('recomputes from the overview page, whose figures are those of the API', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/value`);
    await page.getByTestId('value-empty').waitFor();
    await eventually(() => text(page, 'value-last-computed')).toBe(zh.value.overview.neverComputed);
    // In the insight group of the navigation.
    expect(await page.getByRole('navigation').first().textContent()).toContain(zh.nav.value);

    await page.getByTestId('value-recompute').click();
    const result = page.getByTestId('value-recompute-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(pattern(zh.value.overview.recomputed, { customers: 12, scored: 10, core: 2 }));
    await page.getByTestId('value-pareto').waitFor();

    const summary = (await api.get('/api/v1/value/summary')).json() as Summary;
    expect(summary.pareto).toMatchObject({ customers: 12, core: 2, coreContribution: '28520.00' });
    // Every segment the API counts, with its customers and contribution as the table shows them.
    for (const group of summary.bySegment) {
      const row = page.locator(`[data-testid=value-segment-row][data-key=${group.key ?? 'none'}]`);
      expect(await row.getByTestId('value-segment-customers').textContent(), `segment ${group.key}`).toBe(String(group.customers));
      expect(await row.getByTestId('value-segment-contribution').textContent(), `segment ${group.key}`).toBe(money(group.contribution));
    }
    expect(await page.locator('[data-testid=value-segment-row][data-key=champions]').textContent()).toContain(zh.value.segment.champions);
    expect(await page.locator('[data-testid=value-segment-row][data-key=champions]').textContent()).toContain(zh.value.segmentHint.champions);
    // Segments nobody falls into are listed with nought.
    expect(await page.locator('[data-testid=value-segment-row][data-key=at_risk] [data-testid=value-segment-customers]').textContent()).toBe('0');
    for (const group of summary.byTier) {
      const row = page.locator(`[data-testid=value-tier-row][data-key=${group.key ?? 'none'}]`);
      expect(await row.getByTestId('value-tier-customers').textContent(), `tier ${group.key}`).toBe(String(group.customers));
    }
    expect(await page.locator('[data-testid=value-tier-row][data-key=gold] [data-testid=value-tier-customers]').textContent()).toBe('2');
    // Everyone who bought did so in the last fortnight and never before: new; the two others have no stage.
    const stage = (key: string) => page.locator(`[data-testid=value-lifecycle-row][data-key=${key}] [data-testid=value-lifecycle-customers]`).textContent();
    expect(await stage('new')).toBe('10');
    expect(await stage('rising')).toBe('0');
    expect(await stage('none')).toBe('2');
    expect(await page.locator('[data-testid=value-lifecycle-row][data-key=none]').textContent()).toContain(zh.value.overview.lifecycleNone);

    const { pareto } = summary;
    expect(await text(page, 'value-pareto-text')).toBe(
      fill(zh.value.overview.pareto, {
        n: 2,
        customersShare: percent(pareto.core, pareto.customers),
        contributionShare: percent(Number(pareto.coreContribution), Number(pareto.contribution)),
      }),
    );
    expect(await text(page, 'value-pareto-text')).toContain('99.8%');
    expect(await text(page, 'value-stat-customers-value')).toBe('12');
    expect(await text(page, 'value-stat-contribution-value')).toBe(money('28577.00'));
    await eventually(() => text(page, 'value-last-computed')).toMatch(pattern(zh.value.overview.lastComputed, {}, '\\d{4}\\D.+'));
    await page.getByTestId('value-segment-chart').waitFor();
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'value-overview-zh', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a customer's value on the 360 page, with its history, and the state before any computation", async () => {
    // Three earlier days for customer 10, so the trend and the changes have something to show.
    await web.db.query(
      `insert into customer_value_history (customer_id, computed_on, rfm_segment, contribution, tier, pareto_core, customer_class, vip)
       values ($1, current_date - 3, 'need_attention', 9000, 'silver', false, 'key', true), ($1, current_date - 2, 'loyal', 11000, 'gold', false, 'key', true),
              ($1, current_date - 1, 'champions', 12500, 'gold', true, 'key', true)`,
      [ids[9]],
    );
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers/${ids[9]}`);
    const panel = page.getByTestId('panel-value');
    await panel.getByTestId('value-current').waitFor();
    expect(await panel.getByTestId('value-tier').textContent()).toBe(zh.value.tier.gold);
    expect(await panel.getByTestId('value-core').textContent()).toBe(zh.value.core);
    expect(await panel.getByTestId('value-segment').textContent()).toBe(zh.value.segment.champions);
    expect(await panel.getByTestId('value-contribution').textContent()).toBe(money('13520.00'));
    expect(await panel.getByTestId('value-rank').textContent()).toBe(fill(zh.value.panel.rank, { rank: 2 }));
    for (const letter of ['r', 'f', 'm']) expect(await panel.getByTestId(`value-score-${letter}`).getAttribute('data-score')).toBe('5');
    expect(await panel.getByTestId('value-recency-value').textContent()).toBe('1');
    expect(await panel.getByTestId('value-frequency-value').textContent()).toBe('10');
    expect(await panel.getByTestId('value-monetary-value').textContent()).toBe(money('10000.00'));
    // Four days: need_attention/silver, loyal/gold, champions/gold/core, and today the same again.
    await panel.getByTestId('value-trend').waitFor();
    expect(await panel.getByTestId('value-history-row').count()).toBe(3);
    expect(await panel.getByTestId('value-history').textContent()).toContain(zh.value.tier.silver);
    await screenshot(page, 'customer-360-value-zh', { fullPage: true });

    // Customer 11 spends nothing: no segment, no scores, still gold and first.
    await page.goto(`${web.baseUrl}/customers/${ids[10]}`);
    await panel.getByTestId('value-current').waitFor();
    expect(await panel.getByTestId('value-segment').textContent()).toBe(zh.value.segment.none);
    expect(await panel.getByTestId('value-rank').textContent()).toBe(fill(zh.value.panel.rank, { rank: 1 }));
    expect(await panel.getByTestId('value-score-r').getAttribute('data-score')).toBe('');
    expect(await panel.getByTestId('value-trend-empty').count()).toBe(1);

    // A customer added after the computation has no value yet.
    const fresh = await api.post('/api/v1/customers', { kind: 'individual', name: 'Newcomer Lin', allowDuplicate: true });
    await page.goto(`${web.baseUrl}/customers/${(fresh.json() as { id: number }).id}`);
    await panel.getByTestId('value-not-computed').waitFor();
    expect(await panel.textContent()).toContain(zh.value.panel.notComputedHint);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes the formula: bad values are marked at their fields, tiers can be added and reordered', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/value`);
    const save = page.getByTestId('value-settings-save');
    await save.waitFor();
    expect(await page.getByTestId('value-setting-rate-deposit').inputValue()).toBe('1.5 %');

    await page.getByTestId('value-setting-windowDays').fill('3');
    await save.click();
    // The server's own message, in the reader's language.
    const refused = await api.request('PUT', '/api/v1/value/settings', { ...(await settingsNow()), windowDays: 3 }, { 'x-locale': 'zh-CN' });
    const message = (refused.json() as { errors: { field: string; message: string }[] }).errors.find((e) => e.field === 'body.windowDays')?.message;
    expect(message).toMatch(/7/);
    expect(await fieldError(page, 'value-setting-windowDays')).toBe(message);
    expect((await settingsNow()).windowDays).toBe(365);
    await page.getByTestId('value-setting-windowDays').fill('365');

    await page.getByTestId('value-tier-key-0').fill('Gold!');
    await save.click();
    expect(await fieldError(page, 'value-tier-key-0')).not.toBe('');
    await page.getByTestId('value-tier-key-0').fill('gold');

    // Shares are typed in percent; the server's range (a fraction) is told in percent too.
    await page.getByTestId('value-setting-paretoShare').fill('150');
    await save.click();
    expect(await fieldError(page, 'value-setting-paretoShare')).toBe(fill(zh.value.settings.percentRange, { min: 5, max: 99 }));
    expect((await settingsNow()).paretoShare).toBe(0.8);
    await page.getByTestId('value-setting-paretoShare').fill('80');

    // A platinum tier above gold, added at the end and moved to the top.
    await page.getByTestId('value-tier-add').click();
    await page.getByTestId('value-tier-key-3').fill('platinum');
    await page.getByTestId('value-tier-min-3').fill('14000');
    for (const i of [3, 2, 1]) await page.getByTestId(`value-tier-up-${i}`).click();
    expect(await page.getByTestId('value-tier-key-0').inputValue()).toBe('platinum');
    await save.click();
    await eventually(async () => (await settingsNow()).tiers).toEqual([
      { key: 'platinum', minContribution: 14000 },
      { key: 'gold', minContribution: 10000 },
      { key: 'silver', minContribution: 2000 },
      { key: 'bronze', minContribution: 0.01 },
    ]);
    expect(await page.getByTestId('value-setting-windowDays').getAttribute('aria-invalid')).not.toBe('true');

    // The next computation puts customer 11 (15,000) in platinum; customer 10 (13,520) stays gold.
    await page.getByTestId('value-recompute').click();
    await page.getByTestId('value-recompute-result').waitFor();
    const platinum = page.locator('[data-testid=value-tier-row][data-key=platinum] [data-testid=value-tier-customers]');
    await eventually(() => platinum.textContent()).toBe('1');
    expect(await page.locator('[data-testid=value-tier-row][data-key=gold] [data-testid=value-tier-customers]').textContent()).toBe('1');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a customer manager see the value of his customers, but neither recompute nor change the formula', async () => {
    const { page, errors, context } = await pageAs(manager);
    await page.goto(`${web.baseUrl}/value`);
    await page.getByTestId('value-pareto').waitFor();
    // His scope: customers 10 and 11.
    expect(await text(page, 'value-stat-customers-value')).toBe('2');
    expect(await page.locator('[data-testid=value-segment-row][data-key=champions] [data-testid=value-segment-customers]').textContent()).toBe('1');
    await page.getByTestId('value-formula').waitFor();
    expect(await page.getByTestId('value-recompute').count()).toBe(0);
    expect(await page.getByTestId('value-settings').count()).toBe(0);
    expect(await page.getByTestId('value-use-note').textContent()).toContain('rfmSegment');

    await page.goto(`${web.baseUrl}/customers/${ids[10]}`);
    const panel = page.getByTestId('panel-value');
    await panel.getByTestId('value-current').waitFor();
    expect(await panel.getByTestId('value-tier').textContent()).toBe(zh.value.tier.platinum);
    expect(await panel.getByTestId('value-contribution').textContent()).toBe(money('15000.00'));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads in English', async () => {
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    await page.goto(`${web.baseUrl}/value`);
    await page.getByTestId('value-pareto').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(en.value.overview.title);
    expect(await page.locator('[data-testid=value-segment-row][data-key=hibernating]').textContent()).toContain(en.value.segment.hibernating);
    expect(await text(page, 'value-stat-contribution-value')).toBe(money('28577.00', 'en'));
    await page.getByTestId('value-segment-chart').waitFor();
    await screenshot(page, 'value-overview-en', { fullPage: true });

    // The chance of still being active is only estimated with enough customers: given here, so the panel shows it.
    await web.db.query(`update customer_value set p_alive = 0.87, clv = coalesce(clv, 1234.56) where customer_id = $1`, [ids[9]]);
    await page.goto(`${web.baseUrl}/customers/${ids[9]}`);
    const panel = page.getByTestId('panel-value');
    await panel.getByTestId('value-trend').waitFor();
    expect(await panel.getByTestId('value-segment').textContent()).toBe(en.value.segment.champions);
    expect(await panel.getByTestId('value-core').textContent()).toBe(en.value.core);
    expect(await panel.getByTestId('value-p-alive').textContent()).toContain('Chance the customer is still active');
    // A customer may be a man, a woman or a company: the panel does not guess.
    expect(await panel.textContent()).not.toMatch(/\b(he|his|him|she|her)\b/i);
    await screenshot(page, 'customer-360-value-en', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
  it('edits the tier matrix and shows the new tier, the class and the lifetime value on the customer', async () => {
    // A customer of 50 with a yearly income of 400,000: by default row 45–59, column 300,000 or more → gold.
    expect((await api.post('/api/v1/custom-fields', { key: 'annual_income', type: 'number', labelZh: '年收入', labelEn: 'Annual income' })).statusCode).toBe(201);
    const born = new Date();
    born.setUTCFullYear(born.getUTCFullYear() - 50);
    born.setUTCDate(born.getUTCDate() - 5);
    const res = await api.post('/api/v1/customers', { kind: 'individual', name: 'Matrix Ma', birthDate: born.toISOString().slice(0, 10), custom: { annual_income: 400000 }, allowDuplicate: true });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: number }).id;
    await web.db.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, 'VL-MA-1', now() - interval '40 days', 800, 'debit'), ($1, 'VL-MA-2', now() - interval '5 days', 400, 'debit')`, [id]);
    await api.post('/api/v1/value/recompute');

    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers/${id}`);
    const panel = page.getByTestId('panel-value');
    await panel.getByTestId('value-current').waitFor();
    expect(await panel.getByTestId('value-matrix-tier').textContent()).toBe(zh.value.tier.gold);
    // Both purchases in the last 90 days, none before: a new customer, no trend to show.
    expect(await panel.getByTestId('value-lifecycle').textContent()).toBe(zh.value.lifecycleStage.new);
    expect(await panel.getByTestId('value-lifecycle-trend').count()).toBe(0);

    await page.goto(`${web.baseUrl}/value`);
    const grid = page.getByTestId('value-matrix-grid');
    await grid.waitFor();
    // Four age bands by three income bands, each cell a choice of tier.
    expect(await grid.locator('tbody tr').count()).toBe(4);
    expect(await page.getByTestId('value-matrix-cell-2-2').inputValue()).toBe('gold');
    await page.getByTestId('value-matrix-cell-2-2').selectOption('platinum');
    await page.getByTestId('value-matrix-save').click();
    await eventually(async () => ((await api.get('/api/v1/value/settings')).json() as { matrix: { cells: (string | null)[][] } }).matrix.cells[2]![2]).toBe('platinum');

    // A bound out of order is refused at its list, in the reader's language.
    await page.getByTestId('value-matrix-ageBounds-0').fill('50');
    await page.getByTestId('value-matrix-save').click();
    const refused = await api.request('PUT', '/api/v1/value/settings', { ...(await settingsNow()), matrix: { incomeSource: 'custom.annual_income', ageBounds: [50, 45, 60], incomeBounds: [100000, 300000], cells: [[null, null, null], [null, null, null], [null, null, null], [null, null, null]] } }, { 'x-locale': 'zh-CN' });
    const message = (refused.json() as { errors: { field: string; message: string }[] }).errors[0]!.message;
    await eventually(() => page.getByTestId('value-matrix-ageBounds').textContent()).toContain(message);
    await page.getByTestId('value-matrix-ageBounds-0').fill('30');

    await page.getByTestId('value-recompute').click();
    await page.getByTestId('value-recompute-result').waitFor();
    const platinum = page.locator('[data-testid=value-matrix-tier-row][data-key=platinum] [data-testid=value-matrix-tier-customers]');
    await eventually(() => platinum.textContent()).toBe('1');
    await page.getByTestId('value-classes').waitFor();
    await page.getByTestId('value-clv-card').waitFor();
    expect(await page.getByTestId('value-clv-method').getAttribute('data-method')).toBe('historical');
    await screenshot(page, 'value-grades-zh', { fullPage: true });

    await page.goto(`${web.baseUrl}/customers/${id}`);
    await panel.getByTestId('value-current').waitFor();
    expect(await panel.getByTestId('value-matrix-tier').textContent()).toBe(zh.value.tier.platinum);
    // The class the API gives, by its name.
    const current = ((await api.get(`/api/v1/customers/${id}/value`)).json() as { current: { customerClass: 'key' | 'potential' | 'ordinary' } }).current;
    expect(await panel.getByTestId('value-class').textContent()).toBe(zh.value.class[current.customerClass]);
    expect(await panel.getByTestId('value-membership').textContent()).toBe(zh.value.regular);
    // 1,200 over 41 days, carried forward a year: 1,200 × 365.25 / 41 = 10,690.24
    expect(await panel.getByTestId('value-clv').textContent()).toBe(money('10690.24'));
    expect(await panel.getByTestId('value-history').textContent()).toContain(zh.value.tier.platinum);
    await screenshot(page, 'customer-360-grades-zh', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a customer whose spending grows as rising, with the change against the 90 days before', async () => {
    const res = await api.post('/api/v1/customers', { kind: 'individual', name: 'Trend Tang', allowDuplicate: true });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: number }).id;
    // 1,000 four months ago, 1,500 in the last quarter: half as much again.
    await web.db.query(
      `insert into transactions (customer_id, external_id, occurred_at, amount, direction)
       values ($1, 'VL-TT-1', now() - interval '120 days', 1000, 'debit'), ($1, 'VL-TT-2', now() - interval '10 days', 1500, 'debit')`,
      [id],
    );
    await api.post('/api/v1/value/recompute');
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    await page.goto(`${web.baseUrl}/customers/${id}`);
    const panel = page.getByTestId('panel-value');
    await panel.getByTestId('value-current').waitFor();
    expect(await panel.getByTestId('value-lifecycle').textContent()).toBe(en.value.lifecycleStage.rising);
    const trend = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(0.5);
    expect(await panel.getByTestId('value-lifecycle-trend').textContent()).toBe(fill(en.value.panel.lifecycleTrend, { trend }));
    await page.goto(`${web.baseUrl}/value`);
    const rising = page.locator('[data-testid=value-lifecycle-row][data-key=rising]');
    await rising.waitFor();
    expect(await rising.textContent()).toContain(en.value.lifecycleStage.rising);
    expect(await rising.getByTestId('value-lifecycle-customers').textContent()).toBe('1');
    expect(errors).toEqual([]);
    await context.close();
  });
});
