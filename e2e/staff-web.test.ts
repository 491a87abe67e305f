import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, TEST_PASSWORD } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import { generateDemo } from '../server/demo/demo-data.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { expectNoHorizontalOverflow, launchBrowser, openPage, recordScripts, screenshot, signedInTabs, signIn, startWebApp, type WebApp } from './harness.ts';

const ORG_NAME = '杭州青松数据科技有限公司';
const ORG_MOBILE = '13905719999';

let web: WebApp;
let browser: Browser;
let admin: { id: number; username: string };
let branchUser: { id: number; username: string };
let auditorUser: { id: number; username: string };
let otherBranchCustomer: { id: number; code: string; name: string };
let branchA: Awaited<ReturnType<typeof buildOrgUnit>>;
let orgCustomerId = 0;

beforeAll(async () => {
  // The browser first: without it there is nothing to test, and the error says how to install it.
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  await generateDemo(web.db, { customers: 40, seed: 7 });
  const hq = await buildOrgUnit(t, null, { code: 'E2E-HQ', nameZh: '测试总行' });
  branchA = await buildOrgUnit(t, hq, { code: 'E2E-HZ', nameZh: '杭州分行' });
  const branchB = await buildOrgUnit(t, hq, { code: 'E2E-NJ', nameZh: '南京分行' });
  admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'e2e.admin', locale: 'zh-CN' });
  branchUser = await buildUser(t, { role: 'branch_manager', orgUnit: branchA, username: 'e2e.hangzhou', locale: 'zh-CN' });
  auditorUser = await buildUser(t, { role: 'auditor', orgUnit: hq, username: 'e2e.auditor', locale: 'zh-CN' });
  const client = await login(t, admin);
  const created = await client.post('/api/v1/customers', { kind: 'organization', name: '南京云帆贸易有限公司', orgUnitId: branchB.id });
  expect(created.statusCode, created.body).toBe(201);
  otherBranchCustomer = created.json() as { id: number; code: string; name: string };
  // The data dictionary: the form draws these by type.
  const rating = await client.post('/api/v1/custom-fields', {
    key: 'credit_rating',
    type: 'select',
    labelZh: '信用等级',
    labelEn: 'Credit rating',
    options: [
      { value: 'A', labelZh: 'A 级', labelEn: 'Grade A' },
      { value: 'B', labelZh: 'B 级', labelEn: 'Grade B' },
    ],
    position: 1,
  });
  expect(rating.statusCode, rating.body).toBe(201);
  const staff = await client.post('/api/v1/custom-fields', { key: 'employees', type: 'number', labelZh: '员工人数', labelEn: 'Employees', position: 2 });
  expect(staff.statusCode, staff.body).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }));

/** Picks a unit in the org-unit tree select by typing part of its name. */
async function chooseOrgUnit(page: Page, testId: string, name: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(name.slice(0, 2));
  await page.getByRole('option', { name }).or(page.getByRole('treeitem', { name })).first().click();
}

describe('staff web app in chromium', () => {
  it('shows the server message for a wrong password and for a locked account', async () => {
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${web.baseUrl}/customers`);
    await page.waitForURL(/\/login\?next=%2Fcustomers/);
    await screenshot(page, 'login-zh');
    await page.locator('input[name=username]').fill(admin.username);
    await page.locator('input[name=password]').fill('not-the-password');
    await page.getByRole('button', { name: zh.login.submit }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');

    // Five failures lock an account; the page says until when.
    const t: TestApp = { app: web.app, db: web.db };
    const locked = await buildUser(t, { role: 'auditor', orgUnit: branchA, username: 'e2e.locked', locale: 'zh-CN' });
    for (let i = 0; i < 4; i++) {
      await web.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: locked.username, password: 'wrong-password' } });
    }
    await page.locator('input[name=username]').fill(locked.username);
    await page.locator('input[name=password]').fill('wrong-password');
    await page.locator('input[name=password]').press('Enter');
    // Year first, 24-hour, China time, as every time in the app.
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets an admin sign in with the keyboard and stays within the first-page JavaScript budget', async () => {
    const { page, errors, context } = await openPage(browser);
    // Charts load after the dashboard shows its figures: their chunk has its own budget.
    const scripts = recordScripts(page, /\/(EChart|echarts)-[\w-]+\.js$/);
    await page.goto(`${web.baseUrl}/`);
    await page.waitForURL(/\/login/);
    // The user name field has focus; Tab moves to the password, Enter signs in.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
    await page.keyboard.type(admin.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    // The first page after sign-in is the home dashboard, charts included.
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('dashboard').waitFor();
    await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root'));
    await page.locator('canvas').first().waitFor();
    const { bytes, files, deferredBytes } = await scripts.total();
    console.log(`first page (login + dashboard): ${files} scripts, ${(bytes / 1024).toFixed(1)} kB gzipped; charts after it: ${(deferredBytes / 1024).toFixed(1)} kB`);
    expect(bytes).toBeLessThanOrEqual(300 * 1024);
    expect(deferredBytes).toBeGreaterThan(0);
    expect(deferredBytes).toBeLessThanOrEqual(200 * 1024);
    await page.getByRole('link', { name: zh.nav.customers, exact: true }).click();
    await page.waitForURL(/\/customers$/);
    await page.getByTestId('customer-row').first().waitFor();

    await page.getByTestId('user-menu').click();
    await expect.poll(() => page.getByTestId('user-org-unit').textContent()).toContain('测试总行');
    await expect.poll(() => page.getByTestId('user-roles').textContent()).toContain('系统管理员');
    await page.keyboard.press('Escape');
    pageAs.remember(admin.username, await context.storageState());
    expect(errors).toEqual([]);
    await context.close();
  });

  it('creates an organisation with two contacts, showing server field errors at the field', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers`);
    await page.getByRole('link', { name: zh.customers.list.new }).click();
    await page.getByTestId('customer-form').waitFor();
    await page.getByTestId('field-name').fill(ORG_NAME);
    await page.getByTestId('field-mobile').fill(ORG_MOBILE);
    await page.getByTestId('field-industry').fill('信息技术服务业');
    await chooseOrgUnit(page, 'field-orgUnitId', branchA.nameZh);
    await page.getByTestId('custom-credit_rating').click();
    await page.getByRole('option', { name: 'A 级' }).click();
    await page.getByTestId('custom-employees').fill('120');

    await page.getByTestId('add-contact').click();
    await page.getByTestId('contact-0-name').fill('林晓峰');
    await page.getByTestId('contact-0-mobile').fill('139 0571 0001');
    await page.getByTestId('add-contact').click();
    await page.getByTestId('contact-1-name').fill('陈思雨');
    await page.getByTestId('contact-1-mobile').fill('1380013');
    await page.getByTestId('contact-1-primary').check();
    await screenshot(page, 'customer-form-zh', { fullPage: true });

    // The server refuses the second contact's mobile; the message appears under that field.
    await page.getByTestId('save-customer').click();
    const badMobile = page.getByTestId('contact-1-mobile');
    await expect.poll(() => badMobile.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await badMobile.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('error'));
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain('手机号码');

    await badMobile.fill('13905710002');
    await page.getByTestId('save-customer').click();
    await page.waitForURL(/\/customers\/\d+$/);
    orgCustomerId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect.poll(() => page.getByTestId('customer-name').textContent()).toBe(ORG_NAME);
    await expect.poll(() => page.getByTestId('contact').count()).toBe(2);
    await expect.poll(() => page.getByTestId('profile').textContent()).toContain('A 级');
    expect(await page.getByTestId('profile').textContent()).toContain('员工人数120');
    // The primary contact comes first.
    expect(await page.getByTestId('contact').first().textContent()).toContain('陈思雨');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('warns about duplicates: a link for one in scope, "held by another branch" for the rest, and create anyway for soft matches', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers`);
    await page.goto(`${web.baseUrl}/customers/new`);
    // The same company name, written with the city in brackets, is the same company.
    await page.getByTestId('field-name').fill('杭州青松数据科技（杭州）有限公司');
    await page.getByTestId('save-customer').click();
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.getByRole('link').getAttribute('href')).toBe(`/customers/${orgCustomerId}`);

    // A person sharing only the mobile number is a soft match: he can be created anyway.
    await page.goto(`${web.baseUrl}/customers/new`);
    await page.getByTestId('field-kind').getByText(zh.customer.kind.individual).click();
    await page.getByTestId('field-name').fill('王小明');
    await page.getByTestId('field-mobile').fill(ORG_MOBILE);
    await page.getByTestId('save-customer').click();
    await page.getByTestId('duplicate-warning').waitFor();
    await page.getByTestId('create-anyway').click();
    await page.waitForURL(/\/customers\/\d+$/);
    await expect.poll(() => page.getByTestId('customer-name').textContent()).toBe('王小明');
    expect(errors).toEqual([]);
    await context.close();

    // The branch user entering the other branch's company sees only that it is held elsewhere.
    const branch = await pageAs(branchUser);
    await branch.page.goto(`${web.baseUrl}/customers/new`);
    await branch.page.getByTestId('field-name').fill(otherBranchCustomer.name);
    await branch.page.getByTestId('save-customer').click();
    const match = branch.page.getByTestId('duplicate-match');
    await match.waitFor();
    expect(await match.textContent()).toContain('该客户已由其他机构管理');
    expect(await match.textContent()).not.toContain(otherBranchCustomer.name);
    expect(await branch.page.getByTestId('duplicate-warning').getByRole('link').count()).toBe(0);
    await branch.context.close();
  });

  it('finds the organisation by part of its Chinese name, opens its 360 page and adds a note', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers`);

    // In the list, filtered by the partial name.
    await page.getByTestId('filter-q').fill('青松数据');
    await page.getByTestId('filter-q').press('Enter');
    await page.waitForURL(/q=%E9%9D%92%E6%9D%BE/);
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    expect(await page.getByTestId('list-total').textContent()).toBe('共 1 位客户');

    // The global search box jumps straight to a single match.
    await page.goto(`${web.baseUrl}/customers`);
    const search = page.getByTestId('global-search').filter({ visible: true });
    await search.fill('青松数据');
    await search.press('Enter');
    await page.waitForURL(new RegExp(`/customers/${orgCustomerId}$`));
    await page.getByTestId('customer-360').waitFor();
    await expect.poll(() => page.getByTestId('panel-profile').textContent()).toContain('信息技术服务业');

    await page.getByTestId('activity-body').fill('上门拜访，客户计划下季度扩大数据中心规模。');
    await page.getByTestId('activity-submit').click();
    await expect.poll(() => page.getByTestId('activity').first().textContent()).toContain('扩大数据中心规模');
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('扩大数据中心规模');

    // The section bar names every panel and jumps to one below the fold, heading first.
    const sections = page.getByTestId('customer-section-link');
    expect(await sections.count()).toBe(await page.locator('[data-testid^=panel-]:is(section)').count());
    const last = sections.last();
    const target = page.locator(`#section-${await last.getAttribute('data-section')}`);
    expect(await target.evaluate((el) => el.getBoundingClientRect().top > window.innerHeight)).toBe(true);
    await last.click();
    // In view, below the fixed header (the last section may sit too low to reach the top).
    await expect.poll(() => target.evaluate((el) => { const top = el.getBoundingClientRect().top; return [window.scrollY > 0, top >= 50, top < window.innerHeight - 50]; })).toEqual([true, true, true]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'customer-360-zh', { fullPage: true });
    await expectNoHorizontalOverflow(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits the organisation: a field, one contact changed, one removed, one added', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers/${orgCustomerId}`);
    await page.getByTestId('edit-customer').click();
    await page.getByTestId('customer-form').waitFor();
    await page.getByTestId('field-industry').fill('软件和信息技术服务业');
    await page.getByTestId('contact-0-mobile').fill('13905710003');
    await page.getByRole('button', { name: zh.customer.contacts.remove.replace('{{n}}', '2') }).click();
    await page.getByTestId('add-contact').click();
    await page.getByTestId('contact-1-name').fill('周子涵');
    await page.getByTestId('save-customer').click();
    await page.waitForURL(new RegExp(`/customers/${orgCustomerId}$`));
    await expect.poll(() => page.getByTestId('panel-profile').textContent()).toContain('软件和信息技术服务业');
    await expect.poll(() => page.getByTestId('contacts').textContent()).toContain('周子涵');
    const contacts = await page.getByTestId('contacts').textContent();
    expect(contacts).toContain('+8613905710003');
    expect(contacts).not.toContain('林晓峰');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pages through the list with next and previous, and filters by org unit', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    const firstPage = await page.getByTestId('customer-table').textContent();
    expect(await page.getByTestId('page-previous').isDisabled()).toBe(true);
    await page.getByTestId('page-next').click();
    await expect.poll(() => page.getByText('第 2 页').count()).toBe(1);
    await expect.poll(() => page.getByTestId('customer-table').textContent()).not.toBe(firstPage);
    await page.getByTestId('page-previous').click();
    await expect.poll(() => page.getByTestId('customer-table').textContent()).toBe(firstPage);

    await chooseOrgUnit(page, 'filter-org-unit', '南京分行');
    await page.waitForURL(/orgUnitId=\d+/);
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    expect(await page.getByTestId('customer-table').textContent()).toContain(otherBranchCustomer.name);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches the language to English, remembered for the user and before sign-in', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers`);
    await page.goto(`${web.baseUrl}/customers/${orgCustomerId}`);
    await page.getByTestId('customer-360').waitFor();
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-en').click();
    await page.getByRole('heading', { name: en.customer.panels.activities }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('navigation').first().textContent()).toContain(en.nav.customers);
    await screenshot(page, 'customer-360-en', { fullPage: true });

    // Remembered by the server for this user: a new browser signs in straight into English.
    const fresh = await openPage(browser);
    await signIn(fresh.page, web.baseUrl, admin.username);
    await fresh.page.getByTestId('dashboard').waitFor();
    await fresh.page.getByRole('link', { name: en.nav.customers, exact: true }).click();
    await fresh.page.getByRole('heading', { name: en.customers.list.title, exact: true, level: 1 }).waitFor();
    await fresh.page.getByTestId('customer-row').first().waitFor();
    expect(await fresh.page.getByTestId('list-total').textContent()).toMatch(/^Total: \d+$/);
    await screenshot(fresh.page, 'customers-list-en');

    // And by the browser after signing out: the login page stays English.
    await fresh.page.getByTestId('user-menu').click();
    await fresh.page.getByTestId('logout').click();
    await fresh.page.waitForURL(/\/login/);
    await fresh.page.getByRole('button', { name: en.login.submit }).waitFor();
    await fresh.context.close();

    // Back to Chinese for the other tests.
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await page.getByRole('heading', { name: zh.customer.panels.activities }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('exports the filtered list as CSV', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers`);
    await page.goto(`${web.baseUrl}/customers?q=${encodeURIComponent('青松数据')}`);
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(ORG_NAME);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps a branch user to his branch: another branch's customer is neither listed nor reachable by URL", async () => {
    const { page, errors, context } = await pageAs(branchUser);
    await page.goto(`${web.baseUrl}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    const listed = await page.getByTestId('customer-table').textContent();
    expect(listed).toContain(ORG_NAME);
    expect(listed).not.toContain(otherBranchCustomer.name);

    await page.getByTestId('filter-q').fill('云帆贸易');
    await page.getByTestId('filter-q').press('Enter');
    await page.getByTestId('list-empty').waitFor();
    expect(await page.getByTestId('customer-row').count()).toBe(0);

    await page.goto(`${web.baseUrl}/customers/${otherBranchCustomer.id}`);
    await page.getByTestId('error-404').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(zh.errors.notFound.title);

    await page.getByTestId('user-menu').click();
    await expect.poll(() => page.getByTestId('user-org-unit').textContent()).toContain(branchA.nameZh);
    await expect.poll(() => page.getByTestId('user-roles').textContent()).toContain('机构负责人');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('hides what a role may not do and shows the 403 and 404 pages', async () => {
    const { page, errors, context } = await pageAs(auditorUser);
    await page.goto(`${web.baseUrl}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    expect(await page.getByTestId('export-menu').count()).toBe(0);
    expect(await page.getByRole('link', { name: zh.customers.list.new }).count()).toBe(0);
    // Roles that see the mobile masked get it as the server sends it, with a hint.
    await page.goto(`${web.baseUrl}/customers/${orgCustomerId}`);
    await page.getByTestId('masked-mobile').waitFor();
    expect(await page.getByTestId('profile').textContent()).toContain('139****9999');
    await page.goto(`${web.baseUrl}/customers/new`);
    await page.getByTestId('error-403').waitFor();
    await page.goto(`${web.baseUrl}/no/such/page`);
    await page.getByTestId('error-404').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits 1280×800 and 390×844 without breaking the layout', async () => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const { page, errors, context } = await pageAs(admin, { width, height });
      await page.goto(`${web.baseUrl}/customers`);
      await page.getByTestId('customer-row').first().waitFor();
      await expectNoHorizontalOverflow(page);
      if (width === 1280) await screenshot(page, 'customers-list-zh');
      else await screenshot(page, 'customers-list-mobile-zh');
      await page.goto(`${web.baseUrl}/customers/${orgCustomerId}`);
      await page.getByTestId('panel-timeline').waitFor();
      await expectNoHorizontalOverflow(page);
      if (width === 390) await screenshot(page, 'customer-360-mobile-zh', { fullPage: true });
      await page.goto(`${web.baseUrl}/customers/${orgCustomerId}/edit`);
      await page.getByTestId('customer-form').waitFor();
      await expectNoHorizontalOverflow(page);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
