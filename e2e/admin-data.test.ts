import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, uniqueMobile, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import { auditRepository } from '#modules/audit/audit.repository.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { expectNoHorizontalOverflow, launchBrowser, screenshot, signedInTabs, startWebApp, type WebApp } from './harness.ts';

let web: WebApp;
let browser: Browser;
let admin: { id: number; username: string };
let branchUser: { id: number; username: string };
let apiUser: { id: number; username: string };
let emptyBranchUser: { id: number; username: string };
let client: Client;
let editedCustomer: { id: number; name: string };

const HZ = '杭州分行';
const NJ = '南京分行';
const XH = '西湖支行';

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'AD-HQ', nameZh: '测试总行' });
  const hangzhou = await buildOrgUnit(t, hq, { code: 'AD-HZ', nameZh: HZ });
  const nanjing = await buildOrgUnit(t, hq, { code: 'AD-NJ', nameZh: NJ });
  const xihu = await buildOrgUnit(t, hangzhou, { code: 'AD-XH', nameZh: XH });
  admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'ad.admin', locale: 'zh-CN' });
  branchUser = await buildUser(t, { role: 'branch_manager', orgUnit: hangzhou, username: 'ad.hangzhou', locale: 'zh-CN' });
  apiUser = await buildUser(t, { role: 'head_office_analyst', orgUnit: hq, username: 'ad.core-sync', locale: 'zh-CN' });
  const suzhou = await buildOrgUnit(t, hq, { code: 'AD-SZ', nameZh: '苏州分行' });
  emptyBranchUser = await buildUser(t, { role: 'branch_manager', orgUnit: suzhou, username: 'ad.suzhou', locale: 'zh-CN' });
  client = await login(t, admin);

  // Five customers: three in Hangzhou (one of them in its Xihu sub-branch), two in Nanjing.
  const seed = [
    { name: '杭州钱塘贸易有限公司', kind: 'organization', status: 'active', orgUnitId: hangzhou.id, industry: '批发业' },
    { name: '林晓峰', kind: 'individual', status: 'prospect', orgUnitId: hangzhou.id },
    { name: '西湖茶叶合作社', kind: 'organization', status: 'active', orgUnitId: xihu.id },
    { name: '南京云帆物流有限公司', kind: 'organization', status: 'dormant', orgUnitId: nanjing.id },
    { name: '陈思雨', kind: 'individual', status: 'active', orgUnitId: nanjing.id },
  ];
  for (const customer of seed) {
    const res = await client.post('/api/v1/customers', { ...customer, mobile: uniqueMobile() });
    expect(res.statusCode, res.body).toBe(201);
    if (customer.industry) editedCustomer = { id: (res.json() as { id: number }).id, name: customer.name };
  }
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }));

/** The figure under a stat card, as the page shows it. */
const stat = (page: Page, id: string) => page.getByTestId(`${id}-value`).textContent();

/** Rows of the org-unit table under the chart: unit name → total. */
async function unitFigures(page: Page): Promise<Record<string, string>> {
  const table = page.getByTestId('org-unit-figures');
  if (!(await table.isVisible())) await page.getByTestId('org-unit-figures-toggle').click();
  await table.waitFor();
  const rows = await table.getByTestId('org-unit-figure').all();
  const result: Record<string, string> = {};
  for (const row of rows) {
    const cells = await row.locator('th, td').allTextContents();
    result[cells[0]!.trim()] = cells[cells.length - 1]!.trim();
  }
  return result;
}

describe('administration and dashboard in chromium', () => {
  it('shows the dashboard figures within each user’s scope, with charts', async () => {
    const { page, errors, context } = await pageAs(admin);
    // Signing in lands on the dashboard.
    await page.waitForURL(/\/dashboard$/);
    await page.goto(`${web.baseUrl}/dashboard`);
    await expect.poll(() => stat(page, 'stat-total')).toBe('5');
    expect(await stat(page, 'stat-new')).toBe('5');
    expect(await page.getByTestId('stat-new').textContent()).toContain(zh.dashboard.lastMonthNone);
    expect(await stat(page, 'stat-active')).toBe('3');
    expect(await stat(page, 'stat-prospect')).toBe('1');
    expect(await page.getByTestId('dashboard-scope').textContent()).toContain(zh.dashboard.scope.all);
    // The charts are drawn (ECharts arrives in its own chunk).
    await page.locator('[data-testid=chart-org-units-canvas] canvas').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=chart-months-canvas] canvas').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('chart-kind').locator('canvas').first().waitFor({ timeout: 30_000 });
    // The admin sees everything, grouped by the branches below head office.
    expect(await unitFigures(page)).toEqual({ [HZ]: '3', [NJ]: '2' });
    await page.getByTestId('org-unit-figures-toggle').click();
    await screenshot(page, 'dashboard', { fullPage: true });

    // In English: labels and numbers follow the interface language.
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-en').click();
    await page.getByRole('heading', { name: en.dashboard.title }).waitFor();
    expect(await page.getByTestId('stat-new').textContent()).toContain(en.dashboard.lastMonthNone);
    expect(await page.getByTestId('chart-kind').getAttribute('aria-label')).toBe(en.dashboard.byKind);
    expect(await page.getByTestId('chart-kind').locator('[role=img]').getAttribute('aria-label')).toContain(en.customer.kind.organization);
    await screenshot(page, 'dashboard-en');
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await page.getByRole('heading', { name: zh.dashboard.title }).waitFor();
    expect(errors).toEqual([]);
    await context.close();

    // A Hangzhou user sees only his branch: its own customers and its sub-branch's.
    const branch = await pageAs(branchUser);
    await branch.page.goto(`${web.baseUrl}/dashboard`);
    await expect.poll(() => stat(branch.page, 'stat-total')).toBe('3');
    expect(await stat(branch.page, 'stat-new')).toBe('3');
    expect(await stat(branch.page, 'stat-active')).toBe('2');
    expect(await branch.page.getByTestId('dashboard-scope').textContent()).toContain(HZ);
    expect(await unitFigures(branch.page)).toEqual({ [HZ]: '2', [XH]: '1' });
    const text = await branch.page.getByTestId('dashboard').textContent();
    expect(text).not.toContain(NJ);
    expect(branch.errors).toEqual([]);
    await branch.context.close();

    // A branch without customers gets an empty state, not empty charts.
    const empty = await pageAs(emptyBranchUser);
    await empty.page.goto(`${web.baseUrl}/dashboard`);
    await empty.page.getByTestId('dashboard-empty').waitFor();
    expect(await empty.page.getByTestId('dashboard-empty').textContent()).toContain(zh.dashboard.empty);
    expect(await empty.page.locator('canvas').count()).toBe(0);
    expect(empty.errors).toEqual([]);
    await empty.context.close();
  });

  it('defines a custom field that then appears on the customer form', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/admin/custom-fields`);
    await page.getByTestId('custom-fields-empty').waitFor();
    await page.getByTestId('new-custom-field').click();
    const form = page.getByTestId('custom-field-form');
    await form.waitFor();
    // The key field has focus; a bad key is refused before anything is sent.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cf-key');
    await page.keyboard.type('Customer Tier');
    await page.getByTestId('cf-labelZh').fill('客户层级');
    await page.getByTestId('cf-labelEn').fill('Customer tier');
    await page.getByTestId('save-custom-field').click();
    await expect.poll(() => page.getByTestId('cf-key').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('cf-key').fill('customer_tier');
    await page.getByTestId('cf-type').click();
    await page.getByRole('option', { name: zh.admin.customFields.types.select, exact: true }).click();
    await page.getByTestId('cf-option-0-value').fill('gold');
    await page.getByTestId('cf-option-0-labelZh').fill('金牌客户');
    await page.getByTestId('cf-option-0-labelEn').fill('Gold');
    await page.getByTestId('cf-add-option').click();
    await page.getByTestId('cf-option-1-value').fill('silver');
    await page.getByTestId('cf-option-1-labelZh').fill('银牌客户');
    await page.getByTestId('cf-option-1-labelEn').fill('Silver');
    await screenshot(page, 'admin-custom-field-form');
    await page.getByTestId('save-custom-field').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('custom-field-row').count()).toBe(1);
    const row = await page.getByTestId('custom-field-row').textContent();
    expect(row).toContain('客户层级');
    expect(row).toContain('customer_tier');
    expect(row).toContain('金牌客户');

    // The same key again: the server's message appears at the key field.
    await page.getByTestId('new-custom-field').click();
    await page.getByTestId('cf-key').fill('customer_tier');
    await page.getByTestId('cf-labelZh').fill('重复');
    await page.getByTestId('cf-labelEn').fill('Duplicate');
    await page.getByTestId('save-custom-field').click();
    const key = page.getByTestId('cf-key');
    await expect.poll(() => key.getAttribute('aria-invalid')).toBe('true');
    const errorId = ((await key.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('error'));
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain('已被占用');
    await page.getByRole('button', { name: zh.common.cancel }).click();
    await form.waitFor({ state: 'detached' });

    // Renamed and made required.
    await page.getByTestId('edit-custom-field-customer_tier').click();
    await page.getByTestId('cf-labelZh').fill('客户等级');
    await page.getByRole('switch', { name: zh.admin.customFields.fields.required }).check();
    await page.getByTestId('save-custom-field').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('custom-field-row').textContent()).toContain('客户等级');
    await screenshot(page, 'admin-custom-fields');

    // On the customer form, with its options.
    await page.goto(`${web.baseUrl}/customers/new`);
    const input = page.getByTestId('custom-customer_tier');
    await input.waitFor();
    expect(await page.getByText('客户等级').count()).toBeGreaterThan(0);
    await input.click();
    await page.getByRole('option', { name: '银牌客户' }).waitFor();
    expect(await page.getByRole('option', { name: '金牌客户' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('creates an API token shown once, which works until it is revoked', async () => {
    const { page, errors, context } = await pageAs(admin);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.baseUrl });
    await page.goto(`${web.baseUrl}/admin/api-tokens`);
    await page.getByTestId('tokens-empty').waitFor();
    await page.getByTestId('new-token').click();
    await page.getByTestId('token-name').fill('核心系统每日抽取');
    await page.getByTestId('token-user').click();
    await page.getByTestId('token-user').fill('core-sync');
    await page.getByRole('option', { name: /ad\.core-sync/ }).click();
    await page.getByTestId('create-token').click();

    const secretBox = page.getByTestId('token-secret');
    await secretBox.waitFor();
    const secret = ((await secretBox.textContent()) ?? '').trim();
    expect(secret).toMatch(/^gx_\S{20,}$/);
    expect(await page.getByTestId('token-created').textContent()).toContain(zh.admin.tokens.onceTitle);
    await page.getByTestId('copy-token').click();
    await expect.poll(() => page.getByTestId('copy-token').textContent()).toContain(zh.admin.tokens.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, 'admin-api-token-created');

    // The token acts as its user.
    const me = await fetch(`${web.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe(apiUser.username);

    // Once closed, the secret is gone from the page for good.
    await page.getByTestId('close-token').click();
    await secretBox.waitFor({ state: 'detached' });
    const row = page.getByTestId('token-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(zh.admin.tokens.state.active);
    expect(await row.textContent()).toContain('ad.core-sync');
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'admin-api-tokens');

    // Revoking asks first; cancelling keeps the token.
    await row.getByTestId('revoke-token').click();
    await page.getByTestId('revoke-dialog').waitFor();
    expect(await page.getByTestId('revoke-dialog').textContent()).toContain('核心系统每日抽取');
    await page.getByTestId('revoke-dialog').getByRole('button', { name: zh.common.cancel }).click();
    await page.getByTestId('revoke-dialog').waitFor({ state: 'detached' });
    expect((await fetch(`${web.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);

    await row.getByTestId('revoke-token').click();
    await page.getByTestId('confirm-revoke').click();
    await expect.poll(() => row.getByTestId('token-state').textContent()).toBe(zh.admin.tokens.state.revoked);
    expect(await row.getByTestId('revoke-token').count()).toBe(0);
    expect((await fetch(`${web.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds an edited customer in the audit log with a before/after diff of the changed field', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers/${editedCustomer.id}/edit`);
    await page.getByTestId('customer-form').waitFor();
    await page.getByTestId('field-industry').fill('零售业');
    // The custom field defined above is now required.
    await page.getByTestId('custom-customer_tier').click();
    await page.getByRole('option', { name: '金牌客户' }).click();
    await page.getByTestId('save-customer').click();
    await page.waitForURL(new RegExp(`/customers/${editedCustomer.id}$`));

    await page.goto(`${web.baseUrl}/admin/audit`);
    await page.getByTestId('audit-row').first().waitFor();
    await page.getByTestId('audit-filter-entity').click();
    await page.getByRole('option', { name: zh.admin.audit.entities.customer, exact: true }).click();
    await page.getByTestId('audit-filter-action').click();
    await page.getByRole('option', { name: zh.admin.audit.actions.update, exact: true }).click();
    await page.waitForURL(/entity=customer/);
    await page.waitForURL(/action=update/);
    const row = page.getByTestId('audit-row').first();
    await expect.poll(() => row.getAttribute('data-action')).toBe('update');
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
    expect(await row.textContent()).toContain(zh.customer.fields.industry);
    expect(await row.getByTestId('audit-customer-link').getAttribute('href')).toBe(`/customers/${editedCustomer.id}`);
    await screenshot(page, 'admin-audit');

    await row.getByTestId('audit-open').click();
    const detail = page.getByTestId('audit-detail');
    await detail.waitFor();
    const changed = detail.locator('[data-testid=audit-diff-row][data-field=industry]');
    expect(await changed.getAttribute('data-kind')).toBe('changed');
    const cells = await changed.locator('th, td').allTextContents();
    expect(cells[0]).toContain(zh.customer.fields.industry);
    expect(cells[1]).toBe('批发业');
    expect(cells[2]).toBe('零售业');
    // A custom value set for the first time is added, shown by its field's and option's names.
    const custom = detail.locator('[data-testid=audit-diff-row][data-field="custom.customer_tier"]');
    expect(await custom.getAttribute('data-kind')).toBe('added');
    expect(await custom.locator('th, td').allTextContents()).toEqual([expect.stringContaining('客户等级'), '—', '金牌客户']);
    // Only changed fields are listed: the name stayed the same.
    expect(await detail.locator('[data-testid=audit-diff-row][data-field=name]').count()).toBe(0);
    await screenshot(page, 'admin-audit-detail');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    // Creating a record lists its fields as added.
    await page.goto(`${web.baseUrl}/admin/audit?entity=customer&action=create`);
    await page.getByTestId('audit-row').first().waitFor();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(5);
    await page.getByTestId('audit-open').first().click();
    await page.getByTestId('audit-detail').waitFor();
    const added = page.locator('[data-testid=audit-diff-row][data-field=name]');
    expect(await added.getAttribute('data-kind')).toBe('added');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pages the audit log with "load more", newest first', async () => {
    // Sixty older entries for one entity.
    for (let i = 0; i < 60; i++) {
      await auditRepository.insert(
        web.db,
        { kind: 'system', userId: null },
        { action: 'update', entity: 'setting', entityId: 'backup.keep', before: { keep: i, nested: { a: i } }, after: { keep: i + 1, nested: { a: i }, extra: null } },
      );
    }
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/admin/audit?entity=role`);
    await page.getByTestId('audit-empty').waitFor();
    expect(await page.getByTestId('audit-empty').textContent()).toContain(zh.admin.audit.emptyFiltered);
    await page.goto(`${web.baseUrl}/admin/audit?entity=setting`);
    await page.getByTestId('audit-row').first().waitFor();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(50);
    expect(await page.getByTestId('audit-row').first().textContent()).toContain(zh.admin.audit.system);
    await page.getByTestId('audit-more').click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(60);
    expect(await page.getByTestId('audit-more').count()).toBe(0);
    // The newest change set keep from 59 to 60; unchanged nested values and a null are not listed.
    await page.getByTestId('audit-open').first().click();
    const rows = page.getByTestId('audit-diff-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-field')).toBe('keep');
    expect(await rows.first().locator('td').allTextContents()).toEqual(['59', '60']);

    // A scheduled source's settings are named too, nested ones part by part.
    await auditRepository.insert(
      web.db,
      { kind: 'system', userId: null },
      { action: 'update', entity: 'import_source', entityId: '7', before: { enabled: true, config: { pattern: 'a_*.csv' } }, after: { enabled: false, config: { pattern: 'b_*.csv' } } },
    );
    await page.goto(`${web.baseUrl}/admin/audit?entity=import_source`);
    await page.getByTestId('audit-open').first().click();
    const named = async (field: string) => (await page.locator(`[data-testid=audit-diff-row][data-field="${field}"] th`).first().textContent()) ?? '';
    await page.locator('[data-testid=audit-diff-row][data-field=enabled]').waitFor();
    expect(await named('enabled')).toContain(zh.admin.audit.fieldNames.enabled);
    expect(await named('config.pattern')).toContain(`${zh.admin.audit.fieldNames.config} · ${zh.admin.audit.fieldNames.pattern}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads ECharts only for the dashboard, in a chunk of its own', async () => {
    const { page, errors, context } = await pageAs(admin);
    const scripts: { url: string; bytes: Promise<number> }[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push({ url: response.url(), bytes: response.body().then((body) => gzipSync(body, { level: 9 }).length, () => 0) });
    });
    await page.goto(`${web.baseUrl}/admin/audit`);
    await page.getByTestId('audit-row').first().waitFor();
    // The dashboard's chart component and the ECharts library chunk it pulls in.
    const isChart = (url: string) => /\/(EChart|echarts)-[^/]*\.js$/.test(url);
    expect(scripts.filter((s) => isChart(s.url))).toEqual([]);
    const before = scripts.length;

    await page.getByRole('link', { name: zh.nav.dashboard, exact: true }).click();
    await page.locator('[data-testid=chart-months-canvas] canvas').first().waitFor({ timeout: 30_000 });
    const chart = scripts.slice(before).filter((s) => isChart(s.url));
    expect(chart.map((s) => s.url.match(/\/(EChart|echarts)-/)![1]).sort()).toEqual(['EChart', 'echarts']);
    const kB = async (list: typeof scripts) => ((await Promise.all(list.map((s) => s.bytes))).reduce((a, b) => a + b, 0) / 1024).toFixed(1);
    console.log(`dashboard: ECharts chunk ${await kB(chart)} kB gzipped; other scripts of the page ${await kB(scripts.slice(before).filter((s) => !isChart(s.url)))} kB`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits 390×844 and 1280×800 without sideways scrolling', async () => {
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      const { page, errors, context } = await pageAs(admin, { width, height });
      await page.goto(`${web.baseUrl}/dashboard`);
      await page.locator('[data-testid=chart-months-canvas] canvas').first().waitFor({ timeout: 30_000 });
      await expectNoHorizontalOverflow(page);
      if (width === 390) await screenshot(page, 'dashboard-mobile', { fullPage: true });
      await page.goto(`${web.baseUrl}/admin/custom-fields`);
      await page.getByTestId('custom-field-row').first().waitFor();
      await expectNoHorizontalOverflow(page);
      await page.getByTestId('edit-custom-field-customer_tier').click();
      await page.getByTestId('custom-field-form').waitFor();
      await expectNoHorizontalOverflow(page);
      await page.keyboard.press('Escape');
      await page.goto(`${web.baseUrl}/admin/api-tokens`);
      await page.getByTestId('token-row').first().waitFor();
      await expectNoHorizontalOverflow(page);
      await page.goto(`${web.baseUrl}/admin/audit`);
      await page.getByTestId('audit-row').first().waitFor();
      await expectNoHorizontalOverflow(page);
      if (width === 390) await screenshot(page, 'admin-audit-mobile');
      await page.getByTestId('audit-open').first().click();
      await page.getByTestId('audit-detail').waitFor();
      await expectNoHorizontalOverflow(page);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
