import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, type Client } from '#test/factories.ts';
import { zhCN as serverMessages } from '#platform/i18n/messages.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { launchBrowser, screenshot, signedInTabs, startWebApp, type WebApp } from './harness.ts';
import { fromRule, newCondition, newGroup, placeErrors, toRule, type AttributeNode } from '../web/src/features/tags/rule/model.ts';

let web: WebApp;
let browser: Browser;
let api: Client;
let admin: { id: number; username: string };
let manager: { id: number; username: string };
let levelFieldId: number;

interface Created {
  id: number;
  code: string;
  name: string;
}
const people: Record<string, Created> = {};

async function createCustomer(body: Record<string, unknown>): Promise<Created> {
  const res = await api.post('/api/v1/customers', { kind: 'individual', allowDuplicate: true, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Created;
}

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'TG-HQ', nameZh: '标签总行' });
  const branch = await buildOrgUnit(t, hq, { code: 'TG-SZ', nameZh: '深圳分行' });
  admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'tg.admin', locale: 'zh-CN' });
  manager = await buildUser(t, { role: 'customer_manager', orgUnit: branch, username: 'tg.manager', locale: 'zh-CN' });
  api = await login(t, admin);
  const level = await api.post('/api/v1/custom-fields', { key: 'vip_level', type: 'number', labelZh: '贵宾等级', labelEn: 'VIP level', position: 1 });
  expect(level.statusCode, level.body).toBe(201);
  levelFieldId = (level.json() as { id: number }).id;
  // Ages are far from the 28 and 60 edges, so the counts hold whatever the year.
  people.chen = await createCustomer({ name: '陈静', gender: 'female', birthDate: '1990-03-10', custom: { vip_level: 5 } });
  people.li = await createCustomer({ name: '李华', gender: 'female', birthDate: '1950-01-01' });
  people.wang = await createCustomer({ name: '王强', gender: 'male', birthDate: '1985-05-05' });
  people.zhao = await createCustomer({ name: '赵敏', gender: 'female', birthDate: '1980-08-08' });
  people.sun = await createCustomer({ name: '孙浩', gender: 'male', birthDate: '2005-02-02' });
  people.zhou = await createCustomer({ name: '周芳', gender: 'female', birthDate: '1992-09-09', ownerId: manager.id, orgUnitId: branch.id });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }), { forgetSignInErrors: true });

/** Picks an option of a (searchable) select by its visible name. */
async function choose(page: Page, input: ReturnType<Page['getByTestId']>, option: string, typed?: string) {
  await input.click();
  if (typed !== undefined) await input.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });
const previewCount = (page: Page) => page.getByTestId('rule-preview-count').getAttribute('data-count');
const condition = (page: Page, index: number) => page.getByTestId('rule-condition').nth(index);

async function switchLanguage(page: Page, locale: 'en' | 'zh-CN') {
  await page.getByTestId('language-menu').click();
  await page.getByTestId(`language-${locale}`).click();
}

let manualTagId: number;
let ruleTagId: number;

describe('tags in chromium', () => {
  it('creates a category and a manual tag, and sets it on a customer from the 360 panel with its history', async () => {
    const { page, errors } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/`);
    await page.getByRole('link', { name: zh.nav.tags, exact: true }).click();
    await page.waitForURL(/\/tags$/);
    await page.getByTestId('tags-empty').waitFor();

    await page.getByTestId('new-category').click();
    await page.getByTestId('category-nameZh').fill('财富等级');
    await page.getByTestId('category-nameEn').fill('Wealth tier');
    await page.getByTestId('save-category').click();
    await page.getByTestId('category-form').waitFor({ state: 'detached' });
    const category = page.getByTestId('category-row').filter({ hasText: '财富等级' });
    await category.waitFor();
    await category.getByTestId('category-select').click();
    await page.waitForURL(/category=\d+/);

    // New tag from the chosen category: the form starts in it.
    await page.getByTestId('new-tag').click();
    await page.waitForURL(/\/tags\/new\?category=\d+/);
    expect(await page.getByTestId('tag-category').inputValue()).toBe('财富等级');
    await page.getByTestId('tag-key').fill('VIP manual');
    await page.getByTestId('tag-nameZh').fill('贵宾客户');
    await page.getByTestId('tag-nameEn').fill('VIP');
    await page.getByTestId('save-tag').click();
    // The key is checked before anything is sent.
    await page.getByText(zh.tags.form.keyInvalid).waitFor();
    await page.getByTestId('tag-key').fill('vip_manual');
    await page.getByTestId('save-tag').click();
    await page.waitForURL(/\/tags\/\d+$/);
    manualTagId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(await page.getByTestId('tag-title').textContent()).toBe('贵宾客户');
    expect(await page.getByTestId('tag-detail').getAttribute('data-kind')).toBe('manual');
    await page.getByTestId('members-empty').waitFor();

    // On the customer's page: no tags yet, then one chosen from the catalogue.
    await page.goto(`${web.baseUrl}/customers/${people.chen!.id}`);
    const panel = page.getByTestId('panel-tags');
    await panel.getByTestId('customer-tags-empty').waitFor();
    await choose(page, panel.getByTestId('add-customer-tag'), '贵宾客户 (vip_manual)', '贵宾');
    const badge = panel.locator('[data-testid=customer-tag][data-key=vip_manual]');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('贵宾客户');
    expect(await panel.getByTestId('customer-tag-group').first().textContent()).toContain('财富等级');
    const history = panel.getByTestId('tag-history-entry');
    await eventually(() => history.count()).toBe(1);
    expect(await history.first().getAttribute('data-change')).toBe('gained');
    expect(await history.first().getAttribute('data-source')).toBe('manual');
    expect(await history.first().textContent()).toContain(zh.tags.panel.gained.replace('{{name}}', '贵宾客户'));
    expect(await history.first().textContent()).toContain(zh.tags.source.manual);
    // The timeline tells the same story in words, not codes.
    const timeline = page.getByTestId('timeline');
    // In Chinese only, without the tag's English name beside it.
    await timeline.getByText(`${zh.customer.timeline.tag.gained}：贵宾客户`, { exact: true }).waitFor();
    expect(await timeline.textContent()).not.toContain('VIP');
    expect(await timeline.textContent()).toContain(zh.tags.source.manual);

    // Removed, then set again: the history keeps every step, newest first.
    await badge.getByTestId('remove-customer-tag').click();
    await badge.waitFor({ state: 'detached' });
    await eventually(() => history.count()).toBe(2);
    expect(await history.first().getAttribute('data-change')).toBe('lost');
    await timeline.getByText(`${zh.customer.timeline.tag.lost}：贵宾客户`, { exact: true }).waitFor();
    await choose(page, panel.getByTestId('add-customer-tag'), '贵宾客户 (vip_manual)', 'vip');
    await badge.waitFor();
    await eventually(() => history.count()).toBe(3);
    const stored = (await api.get(`/api/v1/customers/${people.chen!.id}/tags`)).json() as { tags: { key: string }[]; history: { change: string }[] };
    expect(stored.tags.map((x) => x.key)).toEqual(['vip_manual']);
    expect(stored.history.map((h) => h.change)).toEqual(['gained', 'lost', 'gained']);
    expect(errors).toEqual([]);
  });

  it('adds and removes members of a manual tag by pasted codes', async () => {
    const { page, errors } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/tags/${manualTagId}`);
    await page.getByTestId('member-row').first().waitFor();
    await page.getByTestId('member-codes').fill(`${people.wang!.code}\n${people.chen!.code}\nNO-SUCH-CODE`);
    expect(await page.getByTestId('members-by-code').textContent()).toContain(zh.tags.members.codeCount.replace('{{n}}', '3'));
    await page.getByTestId('add-codes').click();
    const result = page.getByTestId('members-result');
    await result.waitFor();
    expect(await result.textContent()).toBe(zh.tags.members.added.replace('{{changed}}', '1').replace('{{unchanged}}', '1').replace('{{notFound}}', '1'));
    await eventually(() => page.getByTestId('member-row').count()).toBe(2);
    expect(await page.getByTestId('tag-detail-members').textContent()).toBe('2');
    await screenshot(page, 'tags-detail-zh', { fullPage: true });

    await page.locator(`[data-testid=member-row][data-code="${people.wang!.code}"]`).getByTestId('remove-member').click();
    await eventually(() => page.getByTestId('member-row').count()).toBe(1);
    expect(await page.getByTestId('member-row').first().getAttribute('data-code')).toBe(people.chen!.code);
    expect(errors).toEqual([]);
  });

  it('builds a rule tag with a live count that follows each condition, places server errors at their condition, and saves it', async () => {
    const { page, errors } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/tags/new`);
    await page.getByTestId('tag-key').fill('women_28_60');
    await page.getByTestId('tag-nameZh').fill('28至60岁女性');
    await page.getByTestId('tag-nameEn').fill('Women aged 28 to 60');
    await page.getByTestId('tag-kind-rule').check();
    await page.getByTestId('rule-editor').waitFor();
    expect(await page.getByTestId('rule-preview').getAttribute('data-state')).toBe('empty');

    // Age between 28 and 60: chen, wang, zhao and zhou.
    await choose(page, condition(page, 0).getByTestId('rule-field'), zh.tags.rule.field.age, '');
    await choose(page, condition(page, 0).getByTestId('rule-op'), zh.tags.rule.op.between);
    await condition(page, 0).getByTestId('rule-value-from').fill('28');
    expect(await condition(page, 0).getByTestId('rule-condition-incomplete').count()).toBe(1);
    await condition(page, 0).getByTestId('rule-value-to').fill('60');
    await eventually(() => previewCount(page)).toBe('4');
    const samples = () => page.getByTestId('rule-preview-sample').allTextContents();
    expect((await samples()).map((s) => s.split(' ')[0]).sort()).toEqual(['周芳', '王强', '赵敏', '陈静'].sort());
    expect(await page.getByTestId('rule-preview-sample').first().getAttribute('href')).toMatch(/^\/customers\/\d+$/);

    // AND gender female: wang drops out.
    await page.getByTestId('rule-add').last().click();
    await page.getByTestId('rule-add-attribute').click();
    await page.getByTestId('rule-add-attribute').waitFor({ state: 'detached' });
    await choose(page, condition(page, 1).getByTestId('rule-field'), zh.tags.rule.field.gender, '');
    await choose(page, condition(page, 1).getByTestId('rule-value'), zh.customer.gender.female);
    await eventually(() => previewCount(page)).toBe('3');
    expect(await samples()).not.toContain(expect.stringContaining('王强'));

    // A custom field that is switched off while the rule is open: the server's complaint lands on that condition.
    await page.getByTestId('rule-add').last().click();
    await page.getByTestId('rule-add-attribute').click();
    await page.getByTestId('rule-add-attribute').waitFor({ state: 'detached' });
    await choose(page, condition(page, 2).getByTestId('rule-field'), '贵宾等级', '贵宾');
    await choose(page, condition(page, 2).getByTestId('rule-op'), zh.tags.rule.op.gte);
    await condition(page, 2).getByTestId('rule-value').fill('3');
    await eventually(() => previewCount(page)).toBe('1');
    const off = await api.put(`/api/v1/custom-fields/${levelFieldId}`, { labelZh: '贵宾等级', labelEn: 'VIP level', active: false });
    expect(off.statusCode, off.body).toBe(200);
    await condition(page, 2).getByTestId('rule-value').fill('4');
    await condition(page, 2).getByTestId('rule-condition-error').waitFor();
    expect(await condition(page, 2).getByTestId('rule-condition-error').textContent()).toBe(serverMessages['tag.rule.custom_field']);
    expect(await condition(page, 0).getByTestId('rule-condition-error').count()).toBe(0);
    expect(await condition(page, 1).getByTestId('rule-condition-error').count()).toBe(0);
    expect(await page.getByTestId('rule-preview').getAttribute('data-state')).toBe('invalid');
    await condition(page, 2).getByTestId('rule-remove').click();
    await eventually(() => previewCount(page)).toBe('3');
    expect(await page.getByTestId('rule-condition-error').count()).toBe(0);
    await screenshot(page, 'tags-rule-editor-zh', { fullPage: true });

    await page.getByTestId('save-tag').click();
    await page.waitForURL(/\/tags\/\d+$/);
    ruleTagId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(await page.getByTestId('tag-detail').getAttribute('data-kind')).toBe('rule');
    // Computed on creation: three members, the same ones the count promised.
    expect(await page.getByTestId('tag-detail-members').textContent()).toBe('3');
    await eventually(() => page.getByTestId('member-row').count()).toBe(3);
    expect(await page.getByTestId('members-by-code').count()).toBe(0);
    expect(await page.getByTestId('rule-summary-condition').allTextContents()).toEqual([
      `${zh.tags.rule.field.age} ${zh.tags.rule.op.between} 28 ${zh.tags.rule.and} 60`,
      `${zh.tags.rule.field.gender} ${zh.tags.rule.op.eq} ${zh.customer.gender.female}`,
    ]);
    const stored = (await api.get(`/api/v1/tags/${ruleTagId}`)).json() as { rule: unknown; memberCount: number };
    expect(stored.rule).toEqual({ all: [{ field: 'age', op: 'between', value: [28, 60] }, { field: 'gender', op: 'eq', value: 'female' }] });

    // Recompute now: nothing has changed, so nothing is gained or lost.
    await page.getByTestId('recompute-tag').click();
    await page.getByText(zh.tags.recomputed.replace('{{gained}}', '0').replace('{{lost}}', '0')).waitFor();

    // The catalogue lists both with their member counts, and filters by kind.
    await page.goto(`${web.baseUrl}/tags`);
    const rowOf = (key: string) => page.locator(`[data-testid=tag-row][data-key=${key}]`);
    await rowOf('women_28_60').waitFor();
    expect(await rowOf('women_28_60').getByTestId('tag-member-count').textContent()).toBe('3');
    expect(await rowOf('vip_manual').getByTestId('tag-member-count').textContent()).toBe('1');
    expect(await rowOf('women_28_60').locator('[data-kind]').textContent()).toBe(zh.tags.kind.rule);
    await page.getByTestId('tag-kind-filter').getByText(zh.tags.kind.rule, { exact: true }).click();
    await eventually(() => page.getByTestId('tag-row').count()).toBe(1);
    await page.getByTestId('tag-kind-filter').getByText(zh.common.all, { exact: true }).click();
    // Both again before searching: otherwise the rule tag's row, still shown, would pass for the answer.
    await eventually(() => page.getByTestId('tag-row').count()).toBe(2);
    await page.getByTestId('tag-search').fill('贵宾');
    await eventually(() => page.locator('[data-testid=tag-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))).toEqual(['vip_manual']);
    await page.getByTestId('tag-search').fill('');
    await eventually(() => page.getByTestId('tag-row').count()).toBe(2);
    await screenshot(page, 'tags-catalogue-zh');

    // Chen's page: the rule tag came by itself and cannot be taken off by hand; the manual one can.
    await page.goto(`${web.baseUrl}/customers/${people.chen!.id}`);
    const panel = page.getByTestId('panel-tags');
    const ruleBadge = panel.locator('[data-testid=customer-tag][data-key=women_28_60]');
    await ruleBadge.waitFor();
    expect(await ruleBadge.getByTestId('remove-customer-tag').count()).toBe(0);
    expect(await panel.locator('[data-testid=customer-tag][data-key=vip_manual]').getByTestId('remove-customer-tag').count()).toBe(1);
    expect(await panel.locator('[data-testid=tag-history-entry][data-source=rule]').count()).toBe(1);
    await screenshot(page, 'customer-360-tags-zh', { fullPage: true });
    expect(errors).toEqual([]);
  });

  it('combines holdings, transactions, another tag and a NOT group in one rule', async () => {
    // Hand-made business data: chen holds a mortgage and spent 12,000 last week; wang holds a deposit.
    await web.db.query(`insert into holdings (customer_id, external_id, kind, balance) values ($1, 'H-CHEN', 'mortgage', 500000), ($2, 'H-WANG', 'deposit', 20000)`, [people.chen!.id, people.wang!.id]);
    await web.db.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values ($1, 'T-CHEN', now() - interval '7 days', 12000, 'debit')`, [people.chen!.id]);
    const { page, errors } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/tags/new`);
    await page.getByTestId('tag-key').fill('mortgage_vip');
    await page.getByTestId('tag-nameZh').fill('按揭贵宾');
    await page.getByTestId('tag-nameEn').fill('Mortgage VIP');
    await page.getByTestId('tag-kind-rule').check();
    await condition(page, 0).getByTestId('rule-remove').click();
    expect(await page.getByTestId('rule-condition').count()).toBe(0);
    const add = async (type: string) => {
      await page.getByTestId('rule-add').last().click();
      await page.getByTestId(`rule-add-${type}`).click();
      await page.getByTestId(`rule-add-${type}`).waitFor({ state: 'detached' });
    };

    // Holdings: any active holding (chen, wang), then mortgages only (chen).
    await add('holdings');
    await eventually(() => previewCount(page)).toBe('2');
    await choose(page, condition(page, 0).getByTestId('rule-holding-kinds'), zh.holdings.kind.mortgage);
    await page.keyboard.press('Escape');
    await eventually(() => previewCount(page)).toBe('1');

    // Transactions in the last 90 days: total spent over 20,000 (nobody), over 10,000 (chen).
    await add('transactions');
    await choose(page, condition(page, 1).getByTestId('rule-tx-measure'), zh.tags.rule.transactionsMeasure.sum);
    await choose(page, condition(page, 1).getByTestId('rule-tx-op'), zh.tags.rule.measureOp.gt);
    await condition(page, 1).getByTestId('rule-tx-value').fill('20000');
    await eventually(() => previewCount(page)).toBe('0');
    await condition(page, 1).getByTestId('rule-tx-value').fill('10000');
    await eventually(() => previewCount(page)).toBe('1');

    // Another tag: chen has the manual VIP tag; "does not have" leaves nobody.
    await add('tag');
    expect(await condition(page, 2).getByTestId('rule-condition-incomplete').count()).toBe(1);
    await choose(page, condition(page, 2).getByTestId('rule-tag'), '贵宾客户 (vip_manual)', 'vip');
    await eventually(() => previewCount(page)).toBe('1');
    await choose(page, condition(page, 2).getByTestId('rule-tag-has'), zh.tags.rule.has.false);
    await eventually(() => previewCount(page)).toBe('0');
    await choose(page, condition(page, 2).getByTestId('rule-tag-has'), zh.tags.rule.has.true);
    await eventually(() => previewCount(page)).toBe('1');

    // A nested group of women: chen still matches; negated, nobody does.
    await page.getByTestId('rule-add-group').last().click();
    const nested = page.locator('[data-testid=rule-group][data-depth="1"]');
    await nested.waitFor();
    expect(await nested.getAttribute('data-join')).toBe('any');
    await choose(page, nested.getByTestId('rule-field'), zh.tags.rule.field.gender, '');
    await choose(page, nested.getByTestId('rule-value'), zh.customer.gender.female);
    await eventually(() => previewCount(page)).toBe('1');
    await screenshot(page, 'tags-rule-editor-kinds-zh', { fullPage: true });
    await nested.getByTestId('rule-not').check();
    await eventually(() => previewCount(page)).toBe('0');
    expect(await nested.getAttribute('data-negate')).toBe('true');

    await page.getByTestId('save-tag').click();
    await page.waitForURL(/\/tags\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const stored = (await api.get(`/api/v1/tags/${id}`)).json() as { rule: unknown; memberCount: number };
    expect(stored.rule).toEqual({
      all: [
        { holdings: { kind: ['mortgage'], status: ['active'] }, measure: 'count', op: 'gte', value: 1 },
        { transactions: { withinDays: 90 }, measure: 'sum', op: 'gt', value: 10000 },
        { tag: 'vip_manual', has: true },
        { not: { any: [{ field: 'gender', op: 'eq', value: 'female' }] } },
      ],
    });
    expect(stored.memberCount).toBe(0);
    // Read back in words, NOT included.
    expect(await page.getByTestId('rule-summary').textContent()).toContain(`${zh.tags.rule.notShort} ${zh.tags.rule.join.any}`);
    expect(errors).toEqual([]);
  });

  it('shows the catalogue, the stored rule in the editor and the 360 panel in English', async () => {
    const { page, errors } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/tags`);
    await page.getByTestId('tag-row').first().waitFor();
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { name: en.tags.title }).waitFor();
    expect(await page.locator('[data-testid=tag-row][data-key=vip_manual]').getByTestId('tag-name').textContent()).toBe('VIP');
    expect(await page.getByTestId('category-tree').textContent()).toContain('Wealth tier');
    await screenshot(page, 'tags-catalogue-en');

    await page.goto(`${web.baseUrl}/tags/${ruleTagId}/edit`);
    await page.getByTestId('rule-editor').waitFor();
    expect(await page.getByTestId('rule-condition').count()).toBe(2);
    expect(await condition(page, 0).getByTestId('rule-field').inputValue()).toBe(en.tags.rule.field.age);
    expect(await condition(page, 1).getByTestId('rule-value').inputValue()).toBe(en.customer.gender.female);
    await eventually(() => previewCount(page)).toBe('3');
    // Any instead of all: everyone aged 28 to 60 or female, so all but the young man.
    await page.getByTestId('rule-join').first().getByText(en.tags.rule.join.any, { exact: true }).click();
    await eventually(() => previewCount(page)).toBe('5');
    await page.getByTestId('rule-join').first().getByText(en.tags.rule.join.all, { exact: true }).click();
    await eventually(() => previewCount(page)).toBe('3');
    await screenshot(page, 'tags-rule-editor-en', { fullPage: true });

    await page.goto(`${web.baseUrl}/customers/${people.chen!.id}`);
    const panel = page.getByTestId('panel-tags');
    await panel.locator('[data-testid=customer-tag][data-key=vip_manual]').waitFor();
    expect(await panel.locator('[data-testid=customer-tag][data-key=women_28_60]').textContent()).toBe('Women aged 28 to 60');
    expect(await panel.getByTestId('customer-tag-history').textContent()).toContain(en.tags.source.rule);
    await screenshot(page, 'customer-360-tags-en', { fullPage: true });

    await switchLanguage(page, 'zh-CN');
    await page.getByRole('heading', { name: zh.tags.panel.title, exact: true }).waitFor();
    expect(errors).toEqual([]);
  });

  it('names the tag permissions in the role editor', async () => {
    const { page, errors } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/admin/roles`);
    await page.getByTestId('new-role').click();
    const group = page.getByTestId('permission-group-tag');
    await group.waitFor();
    expect(await group.textContent()).toContain(zh.admin.roles.permissionGroup.tag);
    expect(await group.textContent()).toContain(zh.admin.roles.permission.tag.manage);
    expect(await group.textContent()).toContain(zh.admin.roles.permission.tag.assign);
    expect(errors).toEqual([]);
  });

  it('lets a customer manager see tags and set manual ones, but not edit the catalogue', async () => {
    const { page, errors } = await pageAs(manager);
    await page.goto(`${web.baseUrl}/`);
    await page.getByRole('link', { name: zh.nav.tags, exact: true }).click();
    await page.locator('[data-testid=tag-row][data-key=women_28_60]').waitFor();
    expect(await page.getByTestId('tag-row').count()).toBe(3);
    for (const testId of ['new-tag', 'new-category', 'edit-tag', 'category-menu', 'recompute-all']) expect(await page.getByTestId(testId).count(), testId).toBe(0);

    // A rule tag's page: members in his scope only, no edit and no recompute.
    await page.locator('[data-testid=tag-row][data-key=women_28_60]').getByTestId('tag-name').click();
    await page.getByTestId('tag-detail').waitFor();
    await eventually(() => page.getByTestId('member-row').count()).toBe(1);
    expect(await page.getByTestId('member-row').getAttribute('data-code')).toBe(people.zhou!.code);
    expect(await page.getByTestId('edit-tag').count()).toBe(0);
    expect(await page.getByTestId('recompute-tag').count()).toBe(0);

    // The form is not his: the address alone does not open it.
    await page.goto(`${web.baseUrl}/tags/new`);
    await page.getByText(zh.errors.forbidden.title).waitFor();
    expect(await page.getByTestId('tag-form').count()).toBe(0);

    // On his own customer: the rule tag shows, and he may set the manual one.
    await page.goto(`${web.baseUrl}/customers/${people.zhou!.id}`);
    const panel = page.getByTestId('panel-tags');
    await panel.locator('[data-testid=customer-tag][data-key=women_28_60]').waitFor();
    await choose(page, panel.getByTestId('add-customer-tag'), '贵宾客户 (vip_manual)', '贵宾');
    await panel.locator('[data-testid=customer-tag][data-key=vip_manual]').waitFor();
    const history = (await api.get(`/api/v1/customers/${people.zhou!.id}/tags`)).json() as { history: { tagKey: string; actorName: string | null }[] };
    expect(history.history.find((h) => h.tagKey === 'vip_manual')?.actorName).toBe('测试tg.manager');
    expect(errors).toEqual([]);
  });
});

describe('the rule model behind the builder', () => {
  const numeric = (field: string) => field === 'age';
  const stored = {
    all: [
      { field: 'age', op: 'between', value: [28, 60] },
      { not: { any: [{ field: 'gender', op: 'eq', value: 'female' }, { tag: 'vip', has: false }] } },
      { holdings: { kind: ['mortgage'], status: ['active'] }, measure: 'balance', op: 'gt', value: 100000 },
      { transactions: { withinDays: 30, direction: 'debit', channel: ['pos'] }, measure: 'max', op: 'gte', value: 5000 },
    ],
  };

  it('reads a stored rule and writes it back unchanged', () => {
    expect(toRule(fromRule(stored), numeric).rule).toEqual(stored);
    // A lone condition, or NOT of one, becomes a group the builder can show.
    expect(toRule(fromRule({ not: { field: 'status', op: 'eq', value: 'active' } }), numeric).rule).toEqual({
      not: { all: [{ field: 'status', op: 'eq', value: 'active' }] },
    });
  });

  it('leaves unfinished conditions and empty groups out, and says which', () => {
    const age: AttributeNode = { ...(newCondition('attribute') as AttributeNode), field: 'age', op: 'between', values: ['28', ''] };
    const gender: AttributeNode = { ...(newCondition('attribute') as AttributeNode), field: 'gender', op: 'eq', values: ['female'] };
    const root = newGroup('all', [age, newGroup('any'), gender]);
    const compiled = toRule(root, numeric);
    expect(compiled.rule).toEqual({ all: [{ field: 'gender', op: 'eq', value: 'female' }] });
    expect([...compiled.incomplete]).toEqual([age.id]);
    age.values = ['28', '60'];
    expect(toRule(root, numeric).rule).toEqual({ all: [{ field: 'age', op: 'between', value: [28, 60] }, { field: 'gender', op: 'eq', value: 'female' }] });
  });

  it('places the server errors at the node they name, through NOT and skipped rows', () => {
    const root = fromRule(stored);
    const compiled = toRule(root, numeric);
    const negated = root.children[1]!;
    const tagRow = negated.type === 'group' ? negated.children[1]! : negated;
    const placed = placeErrors(
      [
        { field: 'body.rule.all.1.not.any.1.tag', message: 'no such tag' },
        { field: 'body.rule', message: 'cycle' },
        { field: 'body.key', message: 'taken' },
      ],
      compiled.paths,
    );
    expect(placed.get(tagRow.id)).toEqual(['no such tag']);
    expect(placed.get(root.id)).toEqual(['cycle']);
    expect(placed.has('')).toBe(false);
  });
});
