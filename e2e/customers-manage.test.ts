import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import { expectNoHorizontalOverflow, launchBrowser, screenshot, signedInTabs, startWebApp, type WebApp } from './harness.ts';

let web: WebApp;
let browser: Browser;
let api: Client;
let admin: { id: number; username: string };
let managerA: { id: number; username: string };
let managerB: { id: number; username: string };
let branchA: Awaited<ReturnType<typeof buildOrgUnit>>;

interface Created {
  id: number;
  code: string;
  name: string;
}

async function createCustomer(body: Record<string, unknown>): Promise<Created> {
  const res = await api.post('/api/v1/customers', { kind: 'individual', allowDuplicate: true, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Created;
}

async function getCustomer(id: number) {
  return api.get(`/api/v1/customers/${id}`);
}

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'CM-HQ', nameZh: '测试总行' });
  branchA = await buildOrgUnit(t, hq, { code: 'CM-HZ', nameZh: '杭州分行' });
  admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'cm.admin', locale: 'zh-CN' });
  managerA = await buildUser(t, { role: 'customer_manager', orgUnit: branchA, username: 'cm.wangfang', locale: 'zh-CN' });
  managerB = await buildUser(t, { role: 'customer_manager', orgUnit: branchA, username: 'cm.zhaolei', locale: 'zh-CN' });
  api = await login(t, admin);
  const rating = await api.post('/api/v1/custom-fields', {
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
  // A handful held by the head office, two by manager A (one rated A, one B).
  for (let i = 1; i <= 4; i++) await createCustomer({ name: `周${'一二三四'[i - 1]}`, status: i % 2 ? 'active' : 'prospect', mobile: `1380013800${i}` });
  await createCustomer({ name: '王芳甲', ownerId: managerA.id, status: 'active', mobile: '13800138000', custom: { credit_rating: 'A' } });
  await createCustomer({ name: '王芳乙', ownerId: managerA.id, status: 'active', custom: { credit_rating: 'B' } });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }), { forgetSignInErrors: true });

/** Types into a searchable select and picks the option with this name. */
async function pick(page: Page, testId: string, typed: string, option: string | RegExp) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Picks an option of a plain select. */
async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Pages load their code and data on demand: give a freshly opened page more than a second. */
const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

const headers = (page: Page) => page.locator('[data-testid=customer-table] thead th').allTextContents();

describe('managing customers in chromium', () => {
  it('hides a column, saves filters and columns as the default view, and applies it when the list opens', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    expect(await headers(page)).toContain(zh.customer.fields.mobile);

    await page.getByTestId('column-chooser').click();
    await page.getByTestId('column-toggle-mobile').click();
    await page.waitForURL(/cols=/);
    await eventually(() => headers(page)).not.toContain(zh.customer.fields.mobile);
    // A custom field can be a column too, moved up by the keyboard-friendly arrows.
    await page.getByTestId('column-toggle-custom.credit_rating').click();
    await page.getByTestId('column-up-custom.credit_rating').click();
    await eventually(async () => (await headers(page)).slice(-2)).toEqual(['信用等级', zh.customer.fields.createdAt]);
    await page.keyboard.press('Escape');

    await choose(page, 'filter-status', zh.customer.status.active);
    await page.waitForURL(/status=active/);
    await eventually(() => page.getByTestId('customer-row').count()).toBe(4);

    await page.getByTestId('view-menu').click();
    await page.getByTestId('view-create').click();
    await page.getByTestId('view-name').fill('正常客户');
    await page.getByTestId('view-default').check();
    await page.getByTestId('view-save').click();
    await page.waitForURL(/view=\d+/);
    await eventually(() => page.getByTestId('view-select').inputValue()).toBe('正常客户');
    await screenshot(page, 'customers-list-views');

    // A second view with the same name is refused at the name field.
    await page.getByTestId('view-menu').click();
    await page.getByTestId('view-create').click();
    await page.getByTestId('view-name').fill('正常客户');
    await page.getByTestId('view-save').click();
    await eventually(() => page.getByTestId('view-name').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');

    // Opening the list with nothing in the address applies the default view, after a reload too.
    await page.goto(`${web.baseUrl}/customers`);
    await page.waitForURL(/view=\d+/);
    expect(new URL(page.url()).searchParams.get('status')).toBe('active');
    await eventually(() => page.getByTestId('customer-row').count()).toBe(4);
    expect(await headers(page)).not.toContain(zh.customer.fields.mobile);
    expect(await headers(page)).toContain('信用等级');
    expect(await page.getByTestId('filter-status').inputValue()).toBe(zh.customer.status.active);
    await page.reload();
    await eventually(() => page.getByTestId('customer-row').count()).toBe(4);
    expect(await headers(page)).not.toContain(zh.customer.fields.mobile);

    // Changing the filter marks the view modified; saving puts the change into it.
    await choose(page, 'filter-status', zh.customer.status.prospect);
    await page.getByTestId('view-modified').waitFor();
    await page.getByTestId('view-menu').click();
    await page.getByTestId('view-update').click();
    await eventually(() => page.getByTestId('view-modified').count()).toBe(0);
    const views = (await api.get('/api/v1/saved-views?page=customers')).json() as { name: string; isDefault: boolean; state: { filters: Record<string, string> } }[];
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ name: '正常客户', isDefault: true, state: { filters: { status: 'prospect' } } });

    // Deleted (after a confirmation), the view no longer applies.
    await page.getByTestId('view-menu').click();
    await page.getByTestId('view-delete').click();
    await page.getByTestId('view-delete-confirm').click();
    await eventually(() => new URL(page.url()).searchParams.has('view')).toBe(false);
    await page.goto(`${web.baseUrl}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await headers(page)).toContain(zh.customer.fields.mobile);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters by customer manager and by a custom field, and shows mobiles in groups', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    await pick(page, 'filter-owner', 'wangfang', /cm\.wangfang/);
    await page.waitForURL(new RegExp(`ownerId=${managerA.id}`));
    await eventually(() => page.getByTestId('customer-row').count()).toBe(2);
    const table = await page.getByTestId('customer-table').textContent();
    expect(table).toContain('王芳甲');
    expect(table).toContain('138 0013 8000');

    await choose(page, 'filter-custom-credit_rating', 'A 级');
    await page.waitForURL(/custom\.credit_rating=A/);
    await eventually(() => page.getByTestId('customer-row').count()).toBe(1);
    expect(await page.getByTestId('customer-table').textContent()).toContain('王芳甲');

    // The address is the filter: reloaded, the owner is named again.
    await page.reload();
    await eventually(() => page.getByTestId('customer-row').count()).toBe(1);
    await eventually(() => page.getByTestId('filter-owner').inputValue()).toContain('cm.wangfang');
    expect(await page.getByTestId('filter-custom-credit_rating').inputValue()).toBe('A 级');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("merges a duplicate taking the source's mobile, then an administrator undoes it", async () => {
    const target = await createCustomer({ name: '李明', mobile: '13900000001', industry: '批发业', status: 'active' });
    const source = await createCustomer({
      name: '李明',
      mobile: '13900000002',
      email: 'liming@example.com',
      industry: '零售业',
      status: 'prospect',
      contacts: [{ name: '李小红', mobile: '13900000003' }],
    });
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers/${target.id}`);
    await page.getByTestId('customer-actions').click();
    await page.getByTestId('action-merge').click();
    await page.waitForURL(new RegExp(`/customers/${target.id}/merge`));
    await pick(page, 'merge-source', source.code, new RegExp(source.code));
    await page.getByTestId('merge-compare').waitFor();

    // Differing fields only; the target's value wins by default, the source's where the target has none.
    expect(await page.getByTestId('merge-row-name').count()).toBe(0);
    expect(await page.getByTestId('merge-take-mobile-target').isChecked()).toBe(true);
    expect(await page.getByTestId('merge-take-email-source').isChecked()).toBe(true);
    await page.getByTestId('merge-take-mobile-source').check();
    expect(await page.getByTestId('merge-row-mobile').textContent()).toContain('139 0000 0002');
    await screenshot(page, 'customer-merge', { fullPage: true });
    await expectNoHorizontalOverflow(page);

    await page.getByTestId('merge-submit').click();
    await page.getByTestId('merge-confirm').click();
    await page.waitForURL(new RegExp(`/customers/${target.id}$`));
    await eventually(() => page.getByTestId('profile-mobile').textContent()).toBe('139 0000 0002');
    expect(await page.getByTestId('profile-mobile').getAttribute('href')).toBe('tel:+8613900000002');
    const profile = await page.getByTestId('profile').textContent();
    expect(profile).toContain('liming@example.com');
    expect(profile).toContain('批发业');
    expect(await page.getByTestId('contacts').textContent()).toContain('李小红');
    expect((await getCustomer(source.id)).statusCode).toBe(404);
    await page.getByTestId('merge-entry').first().waitFor();
    expect(await page.getByTestId('merge-entry').first().textContent()).toContain(source.code);

    await page.getByTestId('undo-merge').click();
    await page.getByTestId('undo-merge-confirm').click();
    await eventually(() => page.getByTestId('profile-mobile').textContent()).toBe('139 0000 0001');
    await eventually(() => page.getByTestId('contacts').count()).toBe(0);
    await eventually(() => page.getByTestId('merge-entry').first().textContent()).toContain(zh.customer.merge.undoneBadge);
    expect(await page.getByTestId('undo-merge').count()).toBe(0);
    const restored = await getCustomer(source.id);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ mobile: '+8613900000002', contacts: [{ name: '李小红' }] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('hands a customer to another manager, with a reason', async () => {
    const customer = await createCustomer({ name: '赵磊待移交' });
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers/${customer.id}`);
    await page.getByTestId('customer-actions').click();
    await page.getByTestId('action-transfer').click();
    // A submit without a manager is stopped at the field.
    await page.getByTestId('transfer-submit').click();
    await eventually(() => page.getByTestId('transfer-owner').getAttribute('aria-invalid')).toBe('true');
    await pick(page, 'transfer-owner', 'zhaolei', /cm\.zhaolei/);
    await page.getByTestId('transfer-reason').fill('客户迁居杭州，由杭州分行就近服务');
    await screenshot(page, 'customer-transfer');
    await page.getByTestId('transfer-submit').click();
    await page.getByTestId('transfer-form').waitFor({ state: 'detached' });
    await eventually(() => page.getByTestId('customer-360').locator('header').textContent()).toContain(`测试${managerB.username}`);
    expect(await page.getByTestId('customer-360').locator('header').textContent()).toContain(branchA.nameZh);
    expect((await getCustomer(customer.id)).json()).toMatchObject({ ownerId: managerB.id, orgUnitId: branchA.id });
    await eventually(() => page.getByTestId('timeline').textContent()).toContain(zh.customer.timeline.audit.transfer);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('deletes a customer after a confirmation and restores it, from its page and from the deleted list', async () => {
    const customer = await createCustomer({ name: '钱多多' });
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers/${customer.id}`);
    await page.getByTestId('customer-actions').click();
    await page.getByTestId('action-delete').click();
    await page.getByTestId('delete-confirm').click();
    await page.getByTestId('deleted-notice').waitFor();
    await screenshot(page, 'customer-deleted');
    expect((await getCustomer(customer.id)).statusCode).toBe(404);
    expect(await page.getByTestId('edit-customer').count()).toBe(0);
    await page.getByTestId('restore-customer').click();
    await page.getByTestId('deleted-notice').waitFor({ state: 'detached' });
    expect((await getCustomer(customer.id)).statusCode).toBe(200);
    await page.getByTestId('edit-customer').waitFor();

    // Deleted again, it is listed among the deleted customers and restored from there.
    await page.getByTestId('customer-actions').click();
    await page.getByTestId('action-delete').click();
    await page.getByTestId('delete-confirm').click();
    await page.getByTestId('deleted-notice').waitFor();
    await page.goto(`${web.baseUrl}/customers`);
    // The switch follows the address, which changes a moment after the click.
    await page.getByTestId('toggle-deleted').click();
    await page.waitForURL(/deleted=true/);
    await page.getByTestId('deleted-badge').waitFor();
    await eventually(() => page.getByTestId('customer-table').textContent()).toContain('钱多多');
    await page.getByTestId('customer-row').filter({ hasText: '钱多多' }).getByTestId('restore-customer').click();
    await eventually(() => page.getByTestId('customer-table').textContent()).not.toContain('钱多多');
    expect((await getCustomer(customer.id)).statusCode).toBe(200);
    await page.getByTestId('toggle-deleted').click();
    await page.waitForURL((url) => !url.searchParams.has('deleted'));
    await eventually(() => page.getByTestId('customer-table').textContent()).toContain('钱多多');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stores a district picked province → city → district and shows it again on edit', async () => {
    const customer = await createCustomer({ name: '孙浩然' });
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers/${customer.id}/edit`);
    await page.getByTestId('customer-form').waitFor();
    expect(await page.getByTestId('region-district').isDisabled()).toBe(true);
    await pick(page, 'region-province', '浙江', '浙江省');
    await pick(page, 'region-city', '杭州', '杭州市');
    await pick(page, 'region-district', '西湖', '西湖区');
    await screenshot(page, 'customer-form-region', { fullPage: true });
    await page.getByTestId('save-customer').click();
    await page.waitForURL(new RegExp(`/customers/${customer.id}$`));
    await eventually(() => page.getByTestId('profile').textContent()).toContain('浙江省 / 杭州市 / 西湖区');
    expect((await getCustomer(customer.id)).json()).toMatchObject({ provinceCode: '330000', cityCode: '330100', districtCode: '330106' });

    await page.getByTestId('edit-customer').click();
    await page.getByTestId('customer-form').waitFor();
    await eventually(() => page.getByTestId('region-district').inputValue()).toBe('西湖区');
    expect(await page.getByTestId('region-province').inputValue()).toBe('浙江省');
    expect(await page.getByTestId('region-city').inputValue()).toBe('杭州市');

    // A municipality lists its districts right below it; the third list is not needed.
    await pick(page, 'region-province', '北京', '北京市');
    await pick(page, 'region-city', '朝阳', '朝阳区');
    expect(await page.getByTestId('region-district').isDisabled()).toBe(true);
    await page.getByTestId('save-customer').click();
    await page.waitForURL(new RegExp(`/customers/${customer.id}$`));
    await eventually(() => page.getByTestId('profile').textContent()).toContain('北京市 / 朝阳区');
    expect((await getCustomer(customer.id)).json()).toMatchObject({ provinceCode: '110000', cityCode: null, districtCode: '110105' });
    // In English the divisions read in pinyin with their kind, on the page and in the picker.
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-en').click();
    await eventually(() => page.getByTestId('profile').textContent()).toContain('Beijing / Chaoyang District');
    await page.getByTestId('edit-customer').click();
    await page.getByTestId('customer-form').waitFor();
    await eventually(() => page.getByTestId('region-city').inputValue()).toBe('Chaoyang District');
    await pick(page, 'region-province', 'Zhej', 'Zhejiang');
    await pick(page, 'region-city', 'Hangz', 'Hangzhou');
    await pick(page, 'region-district', 'Xihu', 'Xihu District');
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await eventually(() => page.getByTestId('region-district').inputValue()).toBe('西湖区');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits 390×844 and 1280×800: list with views and columns, merge page, 360 actions', async () => {
    const target = await createCustomer({ name: '吴晓东', mobile: '13700000001', address: '浙江省杭州市西湖区文三路 100 号' });
    const source = await createCustomer({ name: '吴晓东', mobile: '13700000002', email: 'wxd@example.com' });
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const { page, errors, context } = await pageAs(admin, { width, height });
      await page.goto(`${web.baseUrl}/customers?cols=code,name,status,mobile,email,orgUnit,owner,industry,createdAt,updatedAt`);
      await page.getByTestId('customer-row').first().waitFor();
      await expectNoHorizontalOverflow(page);
      await page.getByTestId('column-chooser').click();
      await page.getByTestId('column-chooser-dropdown').waitFor();
      await expectNoHorizontalOverflow(page);
      if (width === 390) await screenshot(page, 'customers-list-columns-mobile');
      await page.keyboard.press('Escape');
      await page.goto(`${web.baseUrl}/customers/${target.id}/merge?source=${source.id}`);
      await page.getByTestId('merge-compare').waitFor();
      await expectNoHorizontalOverflow(page);
      if (width === 390) await screenshot(page, 'customer-merge-mobile', { fullPage: true });
      await page.goto(`${web.baseUrl}/customers/${target.id}`);
      await page.getByTestId('customer-actions').click();
      await page.getByTestId('action-transfer').click();
      await page.getByTestId('transfer-form').waitFor();
      await expectNoHorizontalOverflow(page);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
