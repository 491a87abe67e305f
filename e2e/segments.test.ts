import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, type Client } from '#test/factories.ts';
import { zhCN as serverMessages } from '#platform/i18n/messages.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { launchBrowser, screenshot, signedInTabs, startWebApp, type WebApp } from './harness.ts';

let web: WebApp;
let browser: Browser;
let api: Client;
let analyst: { id: number; username: string };
let manager: { id: number; username: string };
let managerApi: Client;
let levelFieldId: number;
let branchJs: { id: number };
let branchSz: { id: number };

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

interface Count {
  count: number;
  sample: { id: number; code: string; name: string }[];
  breakdown: {
    orgUnits: { id: number; count: number }[];
    ageBands: { band: string; count: number }[];
    gender: { gender: string; count: number }[];
    tiers: { tier: string; count: number }[];
  };
}
/** What the server counts for a rule, asked directly: the builder must show the same. */
async function countOf(client: Client, rule: unknown): Promise<Count> {
  const res = await client.post('/api/v1/segments/count', { rule });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Count;
}

const AGE = { field: 'age', op: 'between', value: [28, 60] };
const FEMALE = { field: 'gender', op: 'eq', value: 'female' };
/** Head office's question: gold customers aged 28-60 in Jiangsu with a mortgage and no credit card who came to a branch in the last 90 days. */
const HEAD_OFFICE_RULE = {
  all: [
    { field: 'valueTier', op: 'eq', value: 'gold' },
    AGE,
    { field: 'provinceCode', op: 'eq', value: '320000' },
    { holdings: { kind: ['mortgage'], status: ['active'] }, measure: 'count', op: 'gte', value: 1 },
    { holdings: { kind: ['credit_card'], status: ['active'] }, measure: 'count', op: 'eq', value: 0 },
    { transactions: { withinDays: 90, channel: ['branch'] }, measure: 'count', op: 'gte', value: 1 },
  ],
};

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'SG-HQ', nameZh: '分群总行' });
  branchJs = await buildOrgUnit(t, hq, { code: 'SG-JS', nameZh: '江苏分行' });
  branchSz = await buildOrgUnit(t, hq, { code: 'SG-SZ', nameZh: '深圳分行' });
  const admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'sg.admin', locale: 'zh-CN' });
  analyst = await buildUser(t, { role: 'head_office_analyst', orgUnit: hq, username: 'sg.analyst', locale: 'zh-CN' });
  manager = await buildUser(t, { role: 'branch_manager', orgUnit: branchJs as never, username: 'sg.manager', locale: 'zh-CN' });
  api = await login(t, admin);
  managerApi = await login(t, manager);
  const level = await api.post('/api/v1/custom-fields', { key: 'vip_level', type: 'number', labelZh: '贵宾等级', labelEn: 'VIP level', position: 1 });
  expect(level.statusCode, level.body).toBe(201);
  levelFieldId = (level.json() as { id: number }).id;
  // Ages are far from the 28 and 60 edges, so the counts hold whatever the year.
  const js = { orgUnitId: branchJs.id, provinceCode: '320000' };
  const sz = { orgUnitId: branchSz.id };
  people.chen = await createCustomer({ name: '陈静', gender: 'female', birthDate: '1990-03-10', ...js, custom: { vip_level: 5 } });
  people.li = await createCustomer({ name: '李华', gender: 'female', birthDate: '1950-01-01', ...js });
  people.wang = await createCustomer({ name: '王强', gender: 'male', birthDate: '1985-05-05', ...js });
  people.gao = await createCustomer({ name: '高敏', gender: 'female', birthDate: '1975-06-06', ...js });
  people.xu = await createCustomer({ name: '徐丽', gender: 'female', birthDate: '2004-04-04', ...js });
  people.zhao = await createCustomer({ name: '赵敏', gender: 'female', birthDate: '1980-08-08', ...sz });
  people.sun = await createCustomer({ name: '孙浩', gender: 'male', birthDate: '2005-02-02', ...sz });
  people.zhou = await createCustomer({ name: '周芳', gender: 'female', birthDate: '1992-09-09', ...sz });
  // Business data for head office's question: chen and wang qualify; gao also holds a credit card; zhao is not in Jiangsu.
  const ids = (...names: string[]) => names.map((n) => people[n]!.id);
  for (const [i, id] of ids('chen', 'wang', 'gao', 'zhao').entries()) {
    await web.db.query(`insert into holdings (customer_id, external_id, kind, balance) values ($1, $2, 'mortgage', 800000)`, [id, `H-M-${i}`]);
    await web.db.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction, channel) values ($1, $2, now() - interval '20 days', 500, 'debit', 'branch')`, [id, `T-B-${i}`]);
    await web.db.query(`insert into customer_value (customer_id, tier) values ($1, 'gold')`, [id]);
  }
  await web.db.query(`insert into holdings (customer_id, external_id, kind, credit_limit) values ($1, 'H-CC-GAO', 'credit_card', 50000)`, [people.gao!.id]);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }), { forgetSignInErrors: true });

async function choose(page: Page, input: ReturnType<Page['getByTestId']>, option: string, typed?: string) {
  await input.click();
  if (typed !== undefined) await input.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });
const audienceCount = (page: Page) => page.getByTestId('audience-count').getAttribute('data-count');
const condition = (page: Page, index: number) => page.getByTestId('rule-condition').nth(index);
/** A breakdown's bars as the page shows them: key to count. */
async function bars(page: Page, testId: string): Promise<Record<string, number>> {
  const rows = page.getByTestId(`${testId}-row`);
  const out: Record<string, number> = {};
  for (const row of await rows.all()) out[(await row.getAttribute('data-key'))!] = Number(await row.getAttribute('data-count'));
  return out;
}
const asRecord = <T extends { count: number }>(items: T[], key: (item: T) => string) => Object.fromEntries(items.map((i) => [key(i), i.count]));

async function addAttribute(page: Page) {
  await page.getByTestId('rule-add').last().click();
  await page.getByTestId('rule-add-attribute').click();
  await page.getByTestId('rule-add-attribute').waitFor({ state: 'detached' });
}

async function switchLanguage(page: Page, locale: 'en' | 'zh-CN') {
  await page.getByTestId('language-menu').click();
  await page.getByTestId(`language-${locale}`).click();
}

let segmentId: number;
let snapshotId: number;

describe('segments in chromium', () => {
  it('builds a segment with a live audience that follows each condition and matches the API, then saves it as dynamic', async () => {
    const { page, errors } = await pageAs(analyst);
    await page.goto(`${web.baseUrl}/`);
    await page.getByRole('link', { name: zh.nav.segments, exact: true }).click();
    await page.waitForURL(/\/segments$/);
    await page.getByTestId('segments-empty').waitFor();
    await page.getByTestId('new-segment').click();
    await page.waitForURL(/\/segments\/new$/);
    expect(await page.getByTestId('audience').getAttribute('data-state')).toBe('empty');
    await page.getByTestId('segment-nameZh').fill('28至60岁女性');
    await page.getByTestId('segment-nameEn').fill('Women aged 28 to 60');
    expect(await page.getByTestId('segment-kind-dynamic').isChecked()).toBe(true);
    expect(await page.getByTestId('segment-kind').textContent()).toContain(zh.segments.kindHint.static);

    // Age between 28 and 60: chen, wang, gao, zhao, zhou.
    await choose(page, condition(page, 0).getByTestId('rule-field'), zh.tags.rule.field.age, '');
    await choose(page, condition(page, 0).getByTestId('rule-op'), zh.tags.rule.op.between);
    await condition(page, 0).getByTestId('rule-value-from').fill('28');
    expect(await page.getByTestId('audience-incomplete').count()).toBe(1);
    await condition(page, 0).getByTestId('rule-value-to').fill('60');
    const byAge = await countOf(api, { all: [AGE] });
    expect(byAge.count).toBe(5);
    await eventually(() => audienceCount(page)).toBe('5');
    expect(await bars(page, 'audience-age')).toEqual(asRecord(byAge.breakdown.ageBands, (b) => b.band));
    expect(await bars(page, 'audience-gender')).toEqual(asRecord(byAge.breakdown.gender, (g) => g.gender));
    expect(await bars(page, 'audience-units')).toEqual({ [branchJs.id]: 3, [branchSz.id]: 2 });
    // Four of them are gold customers; zhou has no value computed.
    expect(await bars(page, 'audience-tiers')).toEqual({ gold: 4, none: 1 });
    expect(await bars(page, 'audience-tiers')).toEqual(asRecord(byAge.breakdown.tiers, (v) => v.tier));
    const samples = page.getByTestId('audience-sample');
    expect((await samples.allTextContents()).map((s) => s.split(' ')[0]).sort()).toEqual(['陈静', '王强', '高敏', '赵敏', '周芳'].sort());
    expect(await samples.first().getAttribute('href')).toBe(`/customers/${byAge.sample[0]!.id}`);

    // AND female: wang drops out, and the gender bars say so.
    await addAttribute(page);
    await choose(page, condition(page, 1).getByTestId('rule-field'), zh.tags.rule.field.gender, '');
    await choose(page, condition(page, 1).getByTestId('rule-value'), zh.customer.gender.female);
    const women = await countOf(api, { all: [AGE, FEMALE] });
    expect(women.count).toBe(4);
    await eventually(() => audienceCount(page)).toBe('4');
    expect(await bars(page, 'audience-gender')).toEqual({ female: 4 });
    expect(await bars(page, 'audience-tiers')).toEqual({ gold: 3, none: 1 });
    expect(await bars(page, 'audience-age')).toEqual(asRecord(women.breakdown.ageBands, (b) => b.band));
    expect(await samples.allTextContents()).not.toContain(expect.stringContaining('王强'));

    // A custom field switched off while the rule is open: the count's complaint lands on that condition.
    await addAttribute(page);
    await choose(page, condition(page, 2).getByTestId('rule-field'), '贵宾等级', '贵宾');
    await choose(page, condition(page, 2).getByTestId('rule-op'), zh.tags.rule.op.gte);
    await condition(page, 2).getByTestId('rule-value').fill('3');
    await eventually(() => audienceCount(page)).toBe('1');
    const off = await api.put(`/api/v1/custom-fields/${levelFieldId}`, { labelZh: '贵宾等级', labelEn: 'VIP level', active: false });
    expect(off.statusCode, off.body).toBe(200);
    await condition(page, 2).getByTestId('rule-value').fill('4');
    await condition(page, 2).getByTestId('rule-condition-error').waitFor();
    expect(await condition(page, 2).getByTestId('rule-condition-error').textContent()).toBe(serverMessages['tag.rule.custom_field']);
    expect(await condition(page, 0).getByTestId('rule-condition-error').count()).toBe(0);
    expect(await page.getByTestId('audience').getAttribute('data-state')).toBe('invalid');
    await condition(page, 2).getByTestId('rule-remove').click();
    await eventually(() => audienceCount(page)).toBe('4');
    expect(await page.getByTestId('rule-condition-error').count()).toBe(0);
    await screenshot(page, 'segments-builder-zh', { fullPage: true });

    await page.getByTestId('save-segment').click();
    await page.waitForURL(/\/segments\/\d+$/);
    segmentId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(await page.getByTestId('segment-detail').getAttribute('data-kind')).toBe('dynamic');
    expect(await page.getByTestId('segment-title').textContent()).toBe('28至60岁女性');
    // The members the count promised: the same number, and the same people.
    expect(await page.getByTestId('segment-detail-visible').textContent()).toBe(String(women.count));
    await eventually(() => page.getByTestId('segment-members-total').getAttribute('data-total')).toBe(String(women.count));
    await eventually(() => page.getByTestId('segment-member-row').count()).toBe(women.count);
    expect((await page.getByTestId('segment-member-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).sort()).toEqual(
      [people.chen, people.gao, people.zhao, people.zhou].map((p) => p!.code).sort(),
    );
    expect(await page.getByTestId('rule-summary-condition').allTextContents()).toEqual([
      `${zh.tags.rule.field.age} ${zh.tags.rule.op.between} 28 ${zh.tags.rule.and} 60`,
      `${zh.tags.rule.field.gender} ${zh.tags.rule.op.eq} ${zh.customer.gender.female}`,
    ]);
    const stored = (await api.get(`/api/v1/segments/${segmentId}`)).json() as { rule: unknown; memberCount: number; kind: string };
    expect(stored).toMatchObject({ rule: { all: [AGE, FEMALE] }, memberCount: 4, kind: 'dynamic' });
    await screenshot(page, 'segments-detail-zh', { fullPage: true });

    // Exports are the members only, through the customer export.
    await page.getByTestId('segment-export').click();
    const csvHref = await page.getByTestId('segment-export-csv').getAttribute('href');
    expect(csvHref).toBe(`/api/v1/customers/export.csv?segmentId=${segmentId}`);
    expect(await page.getByTestId('segment-export-xlsx').getAttribute('href')).toBe(`/api/v1/customers/export.xlsx?segmentId=${segmentId}`);
    const csv = await page.request.get(`${web.baseUrl}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).trim().split(/\r?\n/).length - 1).toBe(4);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });

  it('opens the members in the customer list with a removable segment chip', async () => {
    const { page, errors } = await pageAs(analyst);
    await page.goto(`${web.baseUrl}/segments/${segmentId}`);
    await page.getByTestId('segment-open-list').click();
    await page.waitForURL(new RegExp(`/customers\\?segmentId=${segmentId}$`));
    const chip = page.getByTestId('membership-chip');
    await eventually(() => chip.textContent()).toBe(zh.customers.filter.segmentChip.replace('{{name}}', '28至60岁女性'));
    await eventually(() => page.getByTestId('customer-row').count()).toBe(4);
    expect(await page.getByTestId('list-total').textContent()).toBe(zh.customers.list.total.replace('{{n}}', '4'));
    await chip.getByRole('button').click();
    await page.waitForURL((url) => !url.search.includes('segmentId'));
    await eventually(() => page.getByTestId('customer-row').count()).toBe(8);
    expect(await chip.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('freezes a snapshot that stays put while the dynamic segment follows the data', async () => {
    const { page, errors } = await pageAs(analyst);
    await page.goto(`${web.baseUrl}/segments/${segmentId}`);
    await page.getByTestId('snapshot-segment').click();
    const nameZh = page.getByTestId('snapshot-nameZh');
    expect(await nameZh.inputValue()).toMatch(/^28至60岁女性（\d{4}-\d{2}-\d{2} 快照）$/);
    expect(await page.getByTestId('snapshot-nameEn').inputValue()).toMatch(/^Women aged 28 to 60 \(snapshot \d{4}-\d{2}-\d{2}\)$/);
    await nameZh.fill('28至60岁女性（冻结）');
    await page.getByTestId('save-snapshot').click();
    await page.waitForURL((url) => url.pathname !== `/segments/${segmentId}` && /\/segments\/\d+$/.test(url.pathname));
    snapshotId = Number(new URL(page.url()).pathname.split('/').pop());
    // The address changes before the new page is drawn.
    await eventually(() => page.getByTestId('segment-detail').getAttribute('data-kind')).toBe('static');
    expect(await page.getByTestId('segment-detail-visible').textContent()).toBe('4');
    await eventually(() => page.getByTestId('segment-source').textContent()).toBe('28至60岁女性');
    // A static segment's rule is kept, not edited.
    await page.getByTestId('edit-segment').click();
    await page.getByTestId('segment-form').waitFor();
    expect(await page.getByTestId('rule-editor').count()).toBe(0);
    expect(await page.getByTestId('rule-summary').count()).toBe(1);

    // A new woman of 40: the dynamic segment takes her in, the snapshot does not.
    people.qian = await createCustomer({ name: '钱悦', gender: 'female', birthDate: '1985-10-10', orgUnitId: branchSz.id });
    await web.app.services.events.settle();
    await page.goto(`${web.baseUrl}/segments`);
    const row = (id: number) => page.locator(`[data-testid=segment-row][data-id="${id}"]`);
    await row(segmentId).waitFor();
    expect(await row(segmentId).getByTestId('segment-visible-count').textContent()).toBe('5');
    expect(await row(snapshotId).getByTestId('segment-visible-count').textContent()).toBe('4');
    expect(await row(snapshotId).locator('[data-kind]').first().textContent()).toBe(zh.segments.kind.static);
    expect(await row(segmentId).locator('[data-kind]').first().textContent()).toBe(zh.segments.kind.dynamic);
    // Refresh finds nothing left to do: the change was already applied.
    await row(segmentId).getByTestId('refresh-segment').click();
    await page.getByText(zh.segments.refreshed.replace('{{added}}', '0').replace('{{removed}}', '0')).waitFor();
    // The tooltip of the button just clicked would cover the table.
    await page.mouse.move(0, 700);
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    await screenshot(page, 'segments-list-zh');
    expect(errors).toEqual([]);
  });

  it("shows a branch manager only his branch's members, lets him count but not save", async () => {
    const mine = await countOf(managerApi, { all: [AGE, FEMALE] });
    expect(mine.count).toBe(2);
    const { page, errors } = await pageAs(manager);
    await page.goto(`${web.baseUrl}/segments`);
    const row = page.locator(`[data-testid=segment-row][data-id="${segmentId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('segment-visible-count').textContent()).toBe('2');
    expect(await row.getByTestId('segment-member-count').textContent()).toContain('5');
    for (const testId of ['new-segment', 'edit-segment', 'snapshot-segment', 'refresh-segment', 'delete-segment']) expect(await page.getByTestId(testId).count(), testId).toBe(0);
    await screenshot(page, 'segments-list-branch-zh');

    await row.getByTestId('segment-name').click();
    await page.getByTestId('segment-detail').waitFor();
    expect(await page.getByTestId('segment-detail-visible').textContent()).toBe('2');
    await eventually(() => page.getByTestId('segment-member-row').count()).toBe(2);
    expect((await page.getByTestId('segment-member-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).sort()).toEqual(
      [people.chen!.code, people.gao!.code].sort(),
    );
    expect(await page.getByTestId('edit-segment').count()).toBe(0);

    // He may count an audience in his own scope, but there is nothing to save it with.
    await page.goto(`${web.baseUrl}/segments`);
    await page.getByTestId('try-segment').click();
    await page.getByTestId('segment-count-only').waitFor();
    expect(await page.getByTestId('save-segment').count()).toBe(0);
    expect(await page.getByTestId('segment-nameZh').count()).toBe(0);
    await choose(page, condition(page, 0).getByTestId('rule-field'), zh.tags.rule.field.gender, '');
    await choose(page, condition(page, 0).getByTestId('rule-value'), zh.customer.gender.female);
    const hisWomen = await countOf(managerApi, { all: [FEMALE] });
    expect(hisWomen.count).toBe(4);
    await eventually(() => audienceCount(page)).toBe('4');

    // The edit page is not his: the address alone does not open it.
    await page.goto(`${web.baseUrl}/segments/${segmentId}/edit`);
    await page.getByText(zh.errors.forbidden.title).waitFor();
    expect(await page.getByTestId('segment-form').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("answers head office's question in English with value, holdings and transactions, and deletes a segment after asking", async () => {
    const expected = await countOf(api, HEAD_OFFICE_RULE);
    expect(expected.count).toBe(2);
    expect(expected.sample.map((s) => s.id).sort()).toEqual([people.chen!.id, people.wang!.id].sort());
    const created = await api.post('/api/v1/segments', { nameZh: '江苏黄金按揭客户', nameEn: 'Jiangsu gold mortgage customers', kind: 'dynamic', rule: HEAD_OFFICE_RULE });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: number }).id;

    const { page, errors } = await pageAs(analyst);
    await page.goto(`${web.baseUrl}/segments`);
    await page.getByTestId('segment-row').first().waitFor();
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { name: en.segments.title }).waitFor();
    expect(await page.locator(`[data-testid=segment-row][data-id="${id}"]`).getByTestId('segment-name').textContent()).toBe('Jiangsu gold mortgage customers');
    await screenshot(page, 'segments-list-en');

    await page.goto(`${web.baseUrl}/segments/${id}/edit`);
    await page.getByTestId('rule-editor').waitFor();
    expect(await page.getByTestId('rule-condition').count()).toBe(6);
    expect(await condition(page, 0).getByTestId('rule-field').inputValue()).toBe(en.tags.rule.field.valueTier);
    expect(await condition(page, 0).getByTestId('rule-value').inputValue()).toBe(en.value.tier.gold);
    await eventually(() => audienceCount(page)).toBe('2');
    expect(await bars(page, 'audience-units')).toEqual({ [branchJs.id]: 2 });
    // Credit card holders too (drop that condition): gao joins.
    await condition(page, 4).getByTestId('rule-remove').click();
    await eventually(() => audienceCount(page)).toBe('3');
    expect((await countOf(api, { all: HEAD_OFFICE_RULE.all.filter((_, i) => i !== 4) })).count).toBe(3);
    await page.reload();
    await eventually(() => audienceCount(page)).toBe('2');
    await screenshot(page, 'segments-builder-en', { fullPage: true });

    // Delete asks first; cancelling keeps it.
    await page.goto(`${web.baseUrl}/segments`);
    const row = page.locator(`[data-testid=segment-row][data-id="${snapshotId}"]`);
    await row.getByTestId('delete-segment').click();
    await page.getByTestId('delete-segment-dialog').waitFor();
    await page.getByRole('button', { name: en.common.cancel }).click();
    await page.getByTestId('delete-segment-dialog').waitFor({ state: 'detached' });
    expect(await row.count()).toBe(1);
    await row.getByTestId('delete-segment').click();
    await page.getByTestId('confirm-delete-segment').click();
    await row.waitFor({ state: 'detached' });
    expect((await api.get(`/api/v1/segments/${snapshotId}`)).statusCode).toBe(404);

    await switchLanguage(page, 'zh-CN');
    await page.getByRole('heading', { name: zh.segments.title }).waitFor();
    expect(errors).toEqual([]);
  });
});
