import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { expectInSight, expectNoHorizontalOverflow, launchBrowser, screenshot, signedInTabs, startWebApp, type WebApp } from './harness.ts';

let web: WebApp;
let browser: Browser;
let admin: { id: number; username: string };
let adminEn: { id: number; username: string };
let agent: { id: number; username: string };
let client: Client;
let holder: { id: number; code: string };
let hqUnit: Awaited<ReturnType<typeof buildOrgUnit>>;

const csv = (rows: string[][]) => rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n') + '\r\n';

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'IM-HQ', nameZh: '导入测试总行' });
  hqUnit = hq;
  await buildOrgUnit(t, hq, { code: 'IM-SZ', nameZh: '苏州分行' });
  admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'im.admin', locale: 'zh-CN' });
  adminEn = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'im.admin.en', locale: 'en' });
  agent = await buildUser(t, { role: 'service_agent', orgUnit: hq, username: 'im.agent', locale: 'zh-CN' });
  client = await login(t, admin);
  const res = await client.post('/api/v1/customers', { name: '周慧敏', kind: 'individual', status: 'active', orgUnitId: hq.id, mobile: '13912340001' });
  expect(res.statusCode, res.body).toBe(201);
  holder = res.json() as { id: number; code: string };
});

afterAll(async () => {
  await web?.app.services.imports.settle();
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }));

const mappingSelect = (page: Page, column: string) => page.locator(`[data-testid=mapping-select][data-column="${column}"]`);

/** Opens the wizard and uploads a file through its file input. */
async function upload(page: Page, name: string, buffer: Buffer) {
  if (!new URL(page.url()).pathname.endsWith('/imports/new')) await page.goto(`${web.baseUrl}/imports/new`);
  await page.getByTestId('import-drop').waitFor();
  await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByTestId('file-name').filter({ hasText: name }).waitFor();
}

/** Picks an option of a select by its visible name. */
async function choose(page: Page, select: ReturnType<Page['locator']>, option: string) {
  await select.click();
  await select.fill(option);
  await page.getByRole('option', { name: option }).first().click();
  await expect.poll(() => select.inputValue()).toBe(option);
}

async function previewAndRun(page: Page) {
  await page.getByTestId('import-preview').click();
  await page.getByTestId('preview-summary').waitFor();
  await page.getByTestId('import-start').click();
  await page.getByTestId('import-run').waitFor();
  await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).not.toBe('running');
}

const count = (page: Page, name: string) => page.getByTestId(`count-${name}-value`).textContent();
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
/** The wizard's last step in its stepper: done (with its mark) once the run has ended, and how it ended. */
const runStep = (page: Page) => page.getByTestId('import-step-run');


describe('importing data in chromium', () => {
  it('imports a GBK customer file with Chinese headers: detected encoding, suggested mapping, preview, run, the customers in the list', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/imports`);
    await page.getByTestId('imports-empty').waitFor();
    // The entry sits with the administration pages.
    await page.getByRole('link', { name: zh.nav.imports, exact: true }).waitFor();
    await page.getByTestId('import-new').first().click();
    await page.waitForURL(/\/imports\/new$/);

    const file = iconv.encode(
      csv([
        ['核心客户号', '客户名称', '证件号码', '手机号码', '出生日期', '性别', '所属机构', '客户经理'],
        ['K0001', '王晓明', '11010519491231002X', '１３８ ００１３ ８０００', '1949年12月31日', '男', 'IM-SZ', 'im.admin'],
        ['K0002', '苏州青松软件有限公司', '', '+86-139-0013-9000', '', '', 'IM-SZ', ''],
        ['K0003', '欧阳娜娜', '', '13700137001', '2001/2/3', '女', '', ''],
      ]),
      'gbk',
    );
    await upload(page, '客户名单.csv', file);
    expect(await page.getByTestId('file-encoding').textContent()).toBe('GB18030');
    expect(await page.getByTestId('file-format').textContent()).toBe(zh.imports.format.csv);
    expect(await page.getByTestId('file-delimiter').textContent()).toBe(zh.imports.delimiter.comma);
    expect(await page.getByTestId('file-columns').textContent()).toContain('客户名称');
    expect(await page.getByTestId('file-sample').textContent()).toContain('苏州青松软件有限公司');

    await page.getByTestId('import-next').click();
    const fields = zh.imports.fields.customers;
    await expect.poll(() => mappingSelect(page, '客户名称').inputValue()).toBe(fields.name);
    expect(await mappingSelect(page, '核心客户号').inputValue()).toBe(fields.externalId);
    expect(await mappingSelect(page, '证件号码').inputValue()).toBe(fields.idNumber);
    expect(await mappingSelect(page, '手机号码').inputValue()).toBe(fields.mobile);
    expect(await mappingSelect(page, '所属机构').inputValue()).toBe(fields.orgUnitCode);
    expect(await mappingSelect(page, '客户经理').inputValue()).toBe(fields.ownerUsername);
    expect(await page.getByTestId('mapping-count').textContent()).toContain('8');
    await page.getByTestId('source-system').fill('core');
    await screenshot(page, 'imports-wizard', { fullPage: true });
    await expectNoHorizontalOverflow(page);

    await page.getByTestId('import-preview').click();
    await page.getByTestId('preview-rows').waitFor();
    expect(await page.locator('[data-testid=preview-row][data-action=insert]').count()).toBe(3);
    await page.getByTestId('preview-clean').waitFor();
    const previewText = await page.getByTestId('preview-rows').textContent();
    expect(previewText).toContain('王晓明');
    expect(previewText).toContain('苏州分行');
    // The customer manager by name, not by his number.
    expect(await page.locator('[data-testid=preview-row]').first().locator('td[data-column=owner]').textContent()).toBe('测试im.admin（im.admin）');

    // Before the import the last step is still to come.
    expect(await runStep(page).getAttribute('data-completed')).toBeNull();
    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    await expect.poll(() => count(page, 'read')).toBe('3');
    expect(await count(page, 'inserted')).toBe('3');
    expect(await count(page, 'rejected')).toBe('0');
    await page.getByTestId('run-duration').waitFor();
    // The run has ended: every step of the stepper is done, the last one included.
    await expect.poll(() => runStep(page).getAttribute('data-completed')).toBe('true');
    expect(await runStep(page).getAttribute('data-outcome')).toBe('succeeded');
    expect(await page.locator('.mantine-Stepper-step[data-completed]').count()).toBe(4);
    // Times are written year first, as in the files: 2024-01-05 10:00.
    expect(await page.getByTestId('run-duration').textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await page.getByTestId('error-report').count()).toBe(0);

    // The imported customers are there for everyone who may see them.
    await page.goto(`${web.baseUrl}/customers?q=${encodeURIComponent('王晓明')}`);
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    expect(await page.getByTestId('customer-table').textContent()).toContain('王晓明');

    // The same file again changes nothing: the earlier run is explained, and can be loaded again on purpose.
    await upload(page, '客户名单.csv', file);
    await page.getByTestId('import-next').click();
    await page.getByTestId('source-system').fill('core');
    await previewAndRun(page);
    await page.getByTestId('already-imported').waitFor();
    await page.getByTestId('import-force').click();
    await expect.poll(() => page.getByTestId('already-imported').count()).toBe(0);
    await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    await expect.poll(() => count(page, 'unchanged')).toBe('3');
    expect(await count(page, 'inserted')).toBe('0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('rejects a file with a bad row under reject_file and lists its errors in the wizard, the history and the report', async () => {
    const { page, errors, context } = await pageAs(admin);
    await upload(
      page,
      '问题名单.csv',
      Buffer.from(
        csv([
          ['客户号', '姓名', '手机'],
          ['K2001', '李雷', '13600136001'],
          ['K2002', '', '13600136002'],
          ['K2003', '韩梅梅', '13600136003'],
        ]),
      ),
    );
    await page.getByTestId('import-next').click();
    await expect.poll(() => mappingSelect(page, '姓名').inputValue()).toBe(zh.imports.fields.customers.name);
    // Reject the whole file is the default policy.
    expect(await page.getByTestId('policy-reject_file').isChecked()).toBe(true);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('preview-errors').waitFor();
    expect(await page.getByTestId('preview-bad').textContent()).toContain('1');
    expect(await page.getByTestId('preview-warning').textContent()).toBe(zh.imports.preview.willReject);
    const row = page.locator('[data-testid=preview-errors] [data-testid=row-error]').first();
    expect(await row.getAttribute('data-row')).toBe('3');
    expect(await row.textContent()).toContain('姓名');

    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).toBe('rejected');
    await page.getByTestId('run-rejected').waitFor();
    // Not "rejected 1", as if one row had stayed out: none of the 3 rows was loaded, 1 of them had errors.
    expect(await page.getByTestId('run-counts').getAttribute('data-whole-file-rejected')).toBe('true');
    expect(await page.getByTestId('count-rejected').count()).toBe(0);
    expect(await count(page, 'read')).toBe('3');
    expect(await count(page, 'errorRows')).toBe('1');
    expect(await count(page, 'loaded')).toBe('0');
    expect(await page.getByTestId('count-loaded-note').textContent()).toBe(zh.imports.counts.wholeFileNotLoaded);
    expect(await page.getByTestId('count-errorRows').textContent()).toContain(zh.imports.counts.errorRows);
    const rejectedText = await page.getByTestId('run-rejected').textContent();
    expect(rejectedText).toContain(fill(zh.imports.run.rejectedTitle, { n: 3 }));
    expect(rejectedText).toContain(fill(zh.imports.run.rejectedBody, { n: 1 }));
    // The run has ended, loading nothing: its step is done, marked as refused.
    await expect.poll(() => runStep(page).getAttribute('data-completed')).toBe('true');
    expect(await runStep(page).getAttribute('data-outcome')).toBe('rejected');
    const report = await page.getByTestId('error-report').getAttribute('href');
    expect(report).toMatch(/^\/api\/v1\/imports\/\d+\/errors\.csv$/);
    const csvReport = await page.request.get(`${web.baseUrl}${report}`);
    expect(csvReport.status()).toBe(200);
    expect(await csvReport.text()).toContain('姓名');
    // The rows with errors as the file had them, to correct and import again.
    const rows = await page.getByTestId('rejected-rows').getAttribute('href');
    expect(rows).toMatch(/^\/api\/v1\/imports\/\d+\/rejected-rows\.csv$/);
    const rowsFile = await page.request.get(`${web.baseUrl}${rows}`);
    expect(rowsFile.status()).toBe(200);
    expect((await rowsFile.text()).split('\r\n')[0]).toMatch(/^\uFEFF?客户号,姓名,.*,原因$/);

    // Nothing of it was loaded.
    const found = await client.get(`/api/v1/customers?q=${encodeURIComponent('李雷')}`);
    expect((found.json() as { items: unknown[] }).items).toHaveLength(0);

    await page.getByTestId('import-to-history').click();
    await page.waitForURL(/\/imports$/);
    await expect.poll(() => page.getByTestId('import-row').count()).toBeGreaterThanOrEqual(3);
    const rejected = page.locator('[data-testid=import-row][data-status=rejected]');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.getByTestId('import-file-name').textContent()).toBe('问题名单.csv');
    expect(await rejected.getByTestId('import-counts').textContent()).toContain(fill(zh.imports.history.rejectedLine, { n: 1 }));
    expect(await rejected.getByTestId('import-counts').textContent()).not.toContain(zh.imports.counts.rejected);
    expect(await rejected.getByTestId('import-started').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await screenshot(page, 'imports-history');
    await expectNoHorizontalOverflow(page);
    await rejected.getByTestId('import-open').click();
    await page.getByTestId('run-errors').waitFor();
    const detailRow = page.locator('[data-testid=run-errors] [data-testid=row-error]').first();
    expect(await detailRow.getAttribute('data-row')).toBe('3');
    expect(await page.getByTestId('run-detail').getByTestId('error-report').getAttribute('href')).toBe(report);
    expect(errors).toEqual([]);
    await context.close();

    // A colleague whose role masks mobiles gets the error report, but not the whole rows: the page says who can.
    const role = await client.post('/api/v1/roles', {
      key: 'im_masked',
      nameZh: '脱敏导入员',
      nameEn: 'Masked importer',
      permissions: ['customer:read', 'data:import'],
      dataScope: 'all',
      fieldRules: { mobile: 'masked' },
    });
    expect(role.statusCode, role.body).toBe(201);
    const colleague = await buildUser({ app: web.app, db: web.db }, { role: 'im_masked', orgUnit: hqUnit, username: 'im.masked', locale: 'zh-CN' });
    const other = await pageAs(colleague);
    await other.page.goto(`${web.baseUrl}/imports?run=${report!.split('/')[4]}`);
    await other.page.getByTestId('run-detail').getByTestId('error-report').waitFor();
    expect(await other.page.getByTestId('run-detail').getByTestId('rejected-rows').count()).toBe(0);
    expect(await other.page.getByTestId('run-detail').getByTestId('rejected-rows-masked').textContent()).toBe(fill(zh.imports.errors.rejectedRowsMasked, { name: '测试im.admin' }));
    expect(other.errors).toEqual([]);
    await other.context.close();
  });

  it('saves a mapping as a profile and loads it for the next file', async () => {
    const { page, errors, context } = await pageAs(admin);
    const file = Buffer.from(
      csv([
        ['客户全称', '联系手机', '备注说明'],
        ['赵敏', '13500135001', '老客户'],
      ]),
    );
    await upload(page, '月度客户.csv', file);
    await page.getByTestId('import-next').click();
    // Headers nobody recognises: nothing is suggested.
    await expect.poll(() => page.getByTestId('mapping-count').textContent()).toContain('0');
    expect(await page.getByTestId('import-preview').isDisabled()).toBe(true);
    await choose(page, mappingSelect(page, '客户全称'), zh.imports.fields.customers.name);
    await choose(page, mappingSelect(page, '联系手机'), zh.imports.fields.customers.mobile);
    await page.getByTestId('source-system').fill('crm_old');
    await page.getByTestId('policy-load_valid').check();

    // The same field twice is caught before asking the server.
    await choose(page, mappingSelect(page, '备注说明'), zh.imports.fields.customers.mobile);
    await page.getByText(zh.imports.mapping.twice.replace('{{column}}', '联系手机')).waitFor();
    expect(await page.getByTestId('import-preview').isDisabled()).toBe(true);
    // Cleared again with the select's clear button.
    await page.locator(`button[aria-label="${zh.imports.mapping.clearColumn.replace('{{column}}', '备注说明')}"]`).click();
    await expect.poll(() => mappingSelect(page, '备注说明').inputValue()).toBe('');
    expect(await page.getByTestId('import-preview').isDisabled()).toBe(false);

    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-name').fill('老系统月度客户');
    await page.getByTestId('profile-save-new').click();
    await page.getByText(zh.imports.profiles.saved.replace('{{name}}', '老系统月度客户')).waitFor();

    // A new visit: the file again, the profile loaded.
    await page.reload();
    await upload(page, '月度客户.csv', file);
    await page.getByTestId('import-next').click();
    await expect.poll(() => page.getByTestId('mapping-count').textContent()).toContain('0');
    await choose(page, page.getByTestId('profile-select'), '老系统月度客户');
    await expect.poll(() => mappingSelect(page, '客户全称').inputValue()).toBe(zh.imports.fields.customers.name);
    expect(await mappingSelect(page, '联系手机').inputValue()).toBe(zh.imports.fields.customers.mobile);
    expect(await mappingSelect(page, '备注说明').inputValue()).toBe('');
    expect(await page.getByTestId('source-system').inputValue()).toBe('crm_old');
    expect(await page.getByTestId('policy-load_valid').isChecked()).toBe(true);

    const profiles = (await client.get('/api/v1/import-profiles')).json() as { id: number; name: string }[];
    expect(profiles.map((p) => p.name)).toContain('老系统月度客户');
    await previewAndRun(page);
    await expect.poll(() => count(page, 'inserted')).toBe('1');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports holdings and transactions of a customer and shows them on the customer 360 page', async () => {
    const { page, errors, context } = await pageAs(admin);
    const holdings = csv([
      ['客户编号', '账号', '产品类型', '产品名称', '币种', '余额', '授信额度', '开户日期', '到期日', '账户状态'],
      [holder.code, '6222020012345678', '信用卡', '白金信用卡', '人民币', '-1,234.50', '50,000.00', '2020-01-05', '', '正常'],
      [holder.code, '6217000011112222', '定期', '三年定期存款', 'CNY', '200000.00', '', '2023/3/1', '2026年3月1日', '正常'],
      ['NOBODY', '6217000099990000', '活期', '活期储蓄', 'CNY', '10.00', '', '', '', '正常'],
    ]);
    await upload(page, '账户.csv', Buffer.from(holdings));
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-target').getByText(zh.imports.targets.holdings).click();
    const fields = zh.imports.fields.holdings;
    await expect.poll(() => mappingSelect(page, '账号').inputValue()).toBe(fields.externalId);
    expect(await mappingSelect(page, '客户编号').inputValue()).toBe(fields.customerCode);
    expect(await mappingSelect(page, '授信额度').inputValue()).toBe(fields.creditLimit);
    await page.getByTestId('source-system').fill('core');
    await page.getByTestId('import-preview').click();
    await page.getByTestId('preview-rows').waitFor();
    expect(await page.locator('[data-testid=preview-row][data-action=insert]').count()).toBe(2);
    expect(await page.locator('[data-testid=preview-row][data-action=quarantine]').count()).toBe(1);
    // No errors, but not all well either: the unknown customer's row is announced, not shown as clean.
    expect(await page.getByTestId('preview-quarantined-notice').textContent()).toContain('1 行的客户尚不存在');
    expect(await page.getByTestId('preview-clean').count()).toBe(0);
    expect(await page.getByTestId('preview-rows').textContent()).toContain('−¥1,234.50');
    // The rows' customer is named, not given as an id.
    expect(await page.getByTestId('preview-rows').textContent()).toContain(`周慧敏（${holder.code}）`);
    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    await expect.poll(() => count(page, 'inserted')).toBe('2');
    expect(await count(page, 'quarantined')).toBe('1');
    // The quarantined row is explained (its customer is not known yet; it loads once the customer arrives) and leads to the run's quarantine list.
    expect(await page.getByTestId('count-quarantined-note').textContent()).toBe(zh.imports.counts.quarantinedNote);
    const held = page.getByTestId('run-quarantined');
    expect(await held.textContent()).toContain(fill(zh.imports.run.quarantinedTitle, { n: 1 }));
    expect(await held.textContent()).toContain(zh.imports.run.quarantinedBody);
    const holdingsRunId = await page.getByTestId('import-run').locator('h3').textContent();
    expect(await held.getByTestId('run-quarantine-link').getAttribute('href')).toBe(`/imports?run=${/\d+/.exec(holdingsRunId!)![0]}`);
    await expect.poll(() => runStep(page).getAttribute('data-completed')).toBe('true');

    await page.getByTestId('import-another').click();
    const transactions = csv([
      ['客户编号', '交易流水号', '账号', '交易时间', '交易金额', '借贷标志', '商户名称', '交易渠道', '摘要'],
      [holder.code, 'T0001', '6222020012345678', '2024-03-01 10:15:00', '1,234.50', '借', '京东商城', '网银', '网上购物'],
      [holder.code, 'T0002', '6217000011112222', '2024-03-02 09:00:00', '8000.00', '贷', '', '柜面', '工资'],
    ]);
    await upload(page, '交易.csv', Buffer.from(transactions));
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-target').getByText(zh.imports.targets.transactions).click();
    await expect.poll(() => mappingSelect(page, '交易流水号').inputValue()).toBe(zh.imports.fields.transactions.externalId);
    expect(await mappingSelect(page, '借贷标志').inputValue()).toBe(zh.imports.fields.transactions.direction);
    await page.getByTestId('source-system').fill('core');
    await page.getByTestId('import-preview').click();
    await page.getByTestId('preview-rows').waitFor();
    // Money out is shown signed, as on the customer page (the stored amount carries no sign).
    const previewed = await page.getByTestId('preview-rows').textContent();
    expect(previewed).toContain('−¥1,234.50');
    expect(previewed).toContain('¥8,000.00');
    expect(previewed).not.toContain('−¥8,000.00');
    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    await expect.poll(() => count(page, 'inserted')).toBe('2');

    await page.goto(`${web.baseUrl}/customers/${holder.id}`);
    const holdingsPanel = page.getByTestId('panel-holdings');
    await expect.poll(() => holdingsPanel.getByTestId('holding-row').count()).toBe(2);
    const holdingsText = await holdingsPanel.textContent();
    expect(holdingsText).toContain(zh.holdings.title);
    expect(holdingsText).toContain('白金信用卡');
    expect(holdingsText).toContain(zh.holdings.kind.credit_card);
    expect(holdingsText).toContain(zh.holdings.kind.deposit);
    // Whole account numbers for an administrator, to check against the bank's file (masked for a service agent: below).
    expect(await holdingsPanel.getByTestId('holding-account').allTextContents()).toEqual(expect.arrayContaining(['6222020012345678', '6217000011112222']));
    expect(await holdingsPanel.getByTestId('holding-balance').allTextContents()).toEqual(expect.arrayContaining(['−¥1,234.50', '¥200,000.00']));
    expect(await holdingsPanel.getByTestId('holding-limit').allTextContents()).toEqual(['¥50,000.00']);
    // Days and times year first, as the files write them.
    expect(holdingsText).toContain('2026-03-01');
    expect(holdingsText).toContain('2020-01-05');

    const transactionsPanel = page.getByTestId('panel-transactions');
    await expect.poll(() => transactionsPanel.getByTestId('transaction-row').count()).toBe(2);
    // Newest first.
    expect(await transactionsPanel.getByTestId('transaction-amount').allTextContents()).toEqual(['+¥8,000.00', '−¥1,234.50']);
    expect(await transactionsPanel.textContent()).toContain('京东商城');
    expect(await transactionsPanel.locator('time').allTextContents()).toEqual(['2024-03-02 09:00', '2024-03-01 10:15']);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('京东商城');
    // The timeline writes the amounts as the panel does, not as the server's decimal and code.
    expect(await page.getByTestId('timeline').textContent()).toContain('−¥1,234.50');
    expect(await page.getByTestId('timeline').textContent()).not.toContain('CNY');
    // So do the accounts, on the day each was opened.
    expect(await page.getByTestId('timeline').textContent()).toContain(`${zh.customer.timeline.holding.opened}：${zh.holdings.kind.credit_card}`);
    await screenshot(page, 'customer-holdings', { fullPage: true });
    await expectNoHorizontalOverflow(page);

    // A customer without any: empty states, not empty tables.
    const other = (await client.get(`/api/v1/customers?q=${encodeURIComponent('王晓明')}`)).json() as { items: { id: number }[] };
    await page.goto(`${web.baseUrl}/customers/${other.items[0]!.id}`);
    await page.getByTestId('holdings-empty').waitFor();
    await page.getByTestId('transactions-empty').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds a customer\'s transactions by days and text, and shows account numbers whole or masked by the reader\'s role', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/customers/${holder.id}`);
    const panel = page.getByTestId('panel-transactions');
    const amounts = () => panel.getByTestId('transaction-amount').allTextContents();
    await expect.poll(amounts).toEqual(['+¥8,000.00', '−¥1,234.50']);
    // Each transaction names the account it was booked on.
    expect(await panel.getByTestId('transaction-account').allTextContents()).toEqual(['6217000011112222', '6222020012345678']);

    // Days in China time, both ends included; the filter stays while the rows change.
    await page.getByTestId('transactions-from').fill('2024-03-02');
    await expect.poll(amounts).toEqual(['+¥8,000.00']);
    await page.getByTestId('transactions-to').fill('2024-03-02');
    await expect.poll(amounts).toEqual(['+¥8,000.00']);
    // An end before the start: the server says so at the field.
    await page.getByTestId('transactions-to').fill('2024-03-01');
    const to = page.getByTestId('transactions-to');
    await expect.poll(() => to.getAttribute('aria-invalid')).toBe('true');
    const errorId = ((await to.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('error'));
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('结束日期不能早于开始日期');
    await page.getByTestId('transactions-clear').click();
    await expect.poll(amounts).toEqual(['+¥8,000.00', '−¥1,234.50']);
    expect(await page.getByTestId('transactions-from').inputValue()).toBe('');

    // Text in the merchant or the description.
    await page.getByTestId('transactions-q').fill('京东');
    await expect.poll(amounts).toEqual(['−¥1,234.50']);
    await page.getByTestId('transactions-q').fill('工资');
    await expect.poll(amounts).toEqual(['+¥8,000.00']);
    await page.getByTestId('transactions-q').fill('没有这笔');
    await page.getByTestId('transactions-no-match').waitFor();
    expect(await page.getByTestId('transactions-no-match').textContent()).toContain(zh.holdings.transactions.noMatch);
    expect(await panel.getByTestId('transactions-count').textContent()).toBe(fill(zh.holdings.transactions.shown, { n: 0 }));
    await page.getByTestId('transactions-clear').click();
    await expect.poll(amounts).toEqual(['+¥8,000.00', '−¥1,234.50']);
    await expectNoHorizontalOverflow(page);
    expect(errors).toEqual([]);
    await context.close();

    // A service agent's role masks ID numbers: it masks account numbers too, in both panels.
    const masked = await pageAs(agent);
    await masked.page.goto(`${web.baseUrl}/customers/${holder.id}`);
    const holdings = masked.page.getByTestId('panel-holdings');
    await expect.poll(() => holdings.getByTestId('holding-row').count()).toBe(2);
    expect((await holdings.getByTestId('holding-account').allTextContents()).sort()).toEqual(['•••• 2222', '•••• 5678']);
    const transactions = masked.page.getByTestId('panel-transactions');
    await expect.poll(() => transactions.getByTestId('transaction-account').allTextContents()).toEqual(['•••• 2222', '•••• 5678']);
    expect(await holdings.getByTestId('holding-account').first().getAttribute('title')).toBe(zh.customer.maskedHint);
    expect(await masked.page.locator('body').textContent()).not.toContain('6222020012345678');
    expect(masked.errors).toEqual([]);
    await masked.context.close();
  });

  it('checks control totals before loading: a mismatch loads nothing and shows what was expected beside what the file holds', async () => {
    const { page, errors, context } = await pageAs(admin);
    const { orgUnitId } = (await client.get(`/api/v1/customers/${holder.id}`)).json() as { orgUnitId: number };
    const created = await client.post('/api/v1/customers', { name: '对账客户', kind: 'individual', status: 'active', orgUnitId, mobile: '13912340002' });
    expect(created.statusCode, created.body).toBe(201);
    const { code } = created.json() as { code: string };
    const file = Buffer.from(
      csv([
        ['客户编号', '交易流水号', '交易时间', '交易金额'],
        [code, 'CT0001', '2024-04-01 10:00:00', '100.10'],
        [code, 'CT0002', '2024-04-02 10:00:00', '-0.10'],
      ]),
    );
    async function toPreview() {
      await upload(page, '对账交易.csv', file);
      await page.getByTestId('import-next').click();
      await page.getByTestId('import-target').getByText(zh.imports.targets.transactions).click();
      await expect.poll(() => mappingSelect(page, '交易流水号').inputValue()).toBe(zh.imports.fields.transactions.externalId);
      await page.getByTestId('source-system').fill('ctl_web');
      await page.getByTestId('import-preview').click();
      await page.getByTestId('control-totals').waitFor();
    }
    await toPreview();
    // Checked as typed: the import cannot start with a row count that is not one.
    await page.getByTestId('control-rows').fill('两行');
    await page.getByText(zh.imports.control.rowsInvalid).waitFor();
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await page.getByTestId('control-rows').fill('2');
    await page.getByTestId('control-amount').fill('100.01');
    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).toBe('failed');
    await page.getByTestId('run-control-mismatch').waitFor();
    expect(await page.getByTestId('run-control').getAttribute('data-matched')).toBe('false');
    expect(await page.getByTestId('control-expected').allTextContents()).toEqual(['2', '100.01']);
    expect(await page.getByTestId('control-found').allTextContents()).toEqual(['2', '100.00']);
    expect(await count(page, 'inserted')).toBe('0');
    await screenshot(page, 'imports-control-totals', { fullPage: true });

    // The right totals: loaded.
    await page.getByTestId('import-another').click();
    await toPreview();
    await page.getByTestId('control-rows').fill('2');
    await page.getByTestId('control-amount').fill('100');
    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    expect(await page.getByTestId('run-control').getAttribute('data-matched')).toBe('true');
    await expect.poll(() => count(page, 'inserted')).toBe('2');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the quarantined rows of a run and loads them once their customer is imported', async () => {
    const { page, errors, context } = await pageAs(admin);
    // The holdings file above named a customer nobody knew: his account waits in quarantine. Now he arrives.
    const up = await client.request('POST', '/api/v1/imports/files', csv([['客户编号', '客户名称'], ['NOBODY', '迟到的客户']]), { 'content-type': 'text/csv', 'x-file-name': 'late.csv' });
    expect(up.statusCode, up.body).toBe(201);
    const late = await client.post('/api/v1/imports?wait=true', { fileId: (up.json() as { fileId: string }).fileId, target: 'customers', mapping: { 客户编号: 'code', 客户名称: 'name' } });
    expect((late.json() as { run: { status: string } }).run.status).toBe('succeeded');

    await page.goto(`${web.baseUrl}/imports`);
    await page.getByTestId('reprocess-all').waitFor();
    const holdingsRun = page.locator('[data-testid=import-row][data-target=holdings]').first();
    await holdingsRun.getByTestId('import-open').click();
    await page.getByTestId('run-quarantine').waitFor();
    await expect.poll(() => page.getByTestId('quarantine-row').count()).toBe(1);
    const row = page.getByTestId('quarantine-row').first();
    expect(await row.getAttribute('data-status')).toBe('open');
    expect(await row.textContent()).toContain('NOBODY');
    expect(await row.textContent()).toContain('6217000099990000');
    await page.getByTestId('reprocess-run-quarantine').click();
    await page.getByTestId('reprocess-result').waitFor();
    expect(await page.getByTestId('reprocess-result').getAttribute('data-resolved')).toBe('1');
    await expect.poll(() => page.locator('[data-testid=quarantine-row][data-status=resolved]').count()).toBe(1);
    await screenshot(page, 'imports-quarantine');
    await expect.poll(() => page.getByTestId('reprocess-run-quarantine').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    // Nothing waits any more.
    await expect.poll(() => page.getByTestId('reprocess-all').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains quarantined transactions in English and leads to them, with dates year first and amounts written as in the quarantine list', async () => {
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    const file = Buffer.from(
      csv([
        ['客户编号', '交易流水号', '交易时间', '交易金额', '借贷标志'],
        ['LATE-EN', 'EN-T1', '2024-01-05 10:00:00', '120.00', '借'],
        ['LATE-EN', 'EN-T2', '2024-01-06 09:30:00', '500.00', '贷'],
      ]),
    );
    await upload(page, 'card-transactions.csv', file);
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-target').getByText(en.imports.targets.transactions).click();
    await expect.poll(() => mappingSelect(page, '交易流水号').inputValue()).toBe(en.imports.fields.transactions.externalId);
    expect(await mappingSelect(page, '借贷标志').inputValue()).toBe(en.imports.fields.transactions.direction);
    await page.getByTestId('source-system').fill('card_en');
    await page.getByTestId('import-preview').click();
    await page.getByTestId('preview-rows').waitFor();
    expect(await page.locator('[data-testid=preview-row][data-action=quarantine]').count()).toBe(2);
    // 2024-01-05, not 01/05/2024: day and month cannot be mistaken for each other, in English as in Chinese.
    expect(await page.locator('[data-testid=preview-rows] td[data-column=occurredAt]').allTextContents()).toEqual(['2024-01-05 10:00', '2024-01-06 09:30']);
    expect(await page.getByTestId('preview-rows').textContent()).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
    const previewAmounts = await page.locator('[data-testid=preview-rows] td[data-column=amount]').allTextContents();
    expect(previewAmounts).toEqual(['\u2212CN¥120.00', '+CN¥500.00']);

    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    await expect.poll(() => count(page, 'quarantined')).toBe('2');
    expect(await page.getByTestId('count-quarantined-note').textContent()).toBe(en.imports.counts.quarantinedNote);
    const held = page.getByTestId('run-quarantined');
    expect(await held.textContent()).toContain(fill(en.imports.run.quarantinedTitle, { n: 2 }));
    expect(await held.textContent()).toContain(en.imports.run.quarantinedBody);
    expect(await page.getByTestId('run-duration').textContent()).toMatch(/finished \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await expect.poll(() => runStep(page).getAttribute('data-completed')).toBe('true');
    await expectNoHorizontalOverflow(page);

    // The link opens the run in the import history, its quarantined rows listed with their amounts written as in the preview.
    await held.getByTestId('run-quarantine-link').click();
    await page.waitForURL(/\/imports\?run=\d+$/);
    const detail = page.getByTestId('run-detail');
    await expect.poll(() => detail.getByTestId('quarantine-row').count()).toBe(2);
    expect(await detail.getByTestId('quarantine-amount').allTextContents()).toEqual(previewAmounts);
    expect(await detail.getByTestId('reprocess-run-quarantine').isEnabled()).toBe(true);
    expect(await page.getByTestId('import-started').first().textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // The customer 360 writes the account and transaction dates the same way.
    await page.goto(`${web.baseUrl}/customers/${holder.id}`);
    const transactionsPanel = page.getByTestId('panel-transactions');
    await expect.poll(() => transactionsPanel.getByTestId('transaction-row').count()).toBe(2);
    expect(await transactionsPanel.locator('time').allTextContents()).toEqual(['2024-03-02 09:00', '2024-03-01 10:15']);
    expect(await transactionsPanel.getByTestId('transaction-amount').allTextContents()).toEqual(['+CN¥8,000.00', '\u2212CN¥1,234.50']);
    const holdingsText = await page.getByTestId('panel-holdings').textContent();
    expect(holdingsText).toContain('2020-01-05');
    expect(holdingsText).toContain('2026-03-01');
    expect(holdingsText).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports contact persons with customers, and links a duplicate to the customer already stored', async () => {
    const { page, errors, context } = await pageAs(admin);
    const file = Buffer.from(
      csv([
        ['客户编号', '客户名称', '手机号码', '联系人', '联系人手机', '联系人关系'],
        ['KC-0001', '常州精工有限公司', '', '刘会计', '13901390001', '财务负责人'],
        ['KC-0002', '周慧敏重复', '13912340001', '', '', ''],
      ]),
    );
    await upload(page, '客户联系人.csv', file);
    await page.getByTestId('import-next').click();
    const fields = zh.imports.fields.customers;
    await expect.poll(() => mappingSelect(page, '联系人').inputValue()).toBe(fields.contact.name);
    expect(await mappingSelect(page, '联系人手机').inputValue()).toBe(fields.contact.mobile);
    expect(await mappingSelect(page, '联系人关系').inputValue()).toBe(fields.contact.title);
    await page.getByTestId('policy-load_valid').check();
    await page.getByTestId('import-preview').click();
    await page.getByTestId('preview-rows').waitFor();
    const previewText = await page.getByTestId('preview-rows').textContent();
    expect(previewText).toContain('刘会计');
    expect(previewText).toContain('+8613901390001');
    // The second row has the mobile of a stored customer: the error leads to him.
    const link = page.locator('[data-testid=preview-errors] [data-testid=duplicate-open]');
    expect(await link.getAttribute('href')).toBe(`/customers/${holder.id}`);
    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    await expect.poll(() => count(page, 'inserted')).toBe('1');

    const found = (await client.get(`/api/v1/customers?q=${encodeURIComponent('常州精工')}`)).json() as { items: { id: number }[] };
    await page.goto(`${web.baseUrl}/customers/${found.items[0]!.id}`);
    await expect.poll(() => page.getByTestId('contacts').getByTestId('contact').count()).toBe(1);
    expect(await page.getByTestId('contacts').textContent()).toContain('刘会计');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads a card file that writes debts negative, and a saved profile remembers it', async () => {
    const { page, errors, context } = await pageAs(admin);
    const { orgUnitId } = (await client.get(`/api/v1/customers/${holder.id}`)).json() as { orgUnitId: number };
    const created = await client.post('/api/v1/customers', { name: '卡债客户', kind: 'individual', status: 'active', orgUnitId, mobile: '13912340003' });
    expect(created.statusCode, created.body).toBe(201);
    const debtor = created.json() as { id: number; code: string };
    const file = Buffer.from(
      csv([
        ['客户编号', '账号', '产品类型', '产品名称', '余额'],
        [debtor.code, '6222020055556666', '信用卡', '金卡', '-1,234.50'],
        [debtor.code, '6217000055556666', '活期', '活期储蓄', '300.00'],
      ]),
    );
    const signs = zh.imports.options.debtSigns;
    const debtSign = page.getByTestId('import-debt-sign');
    const toHoldings = async () => {
      await upload(page, '信用卡账户.csv', file);
      await page.getByTestId('import-next').click();
      await page.getByTestId('import-target').getByText(zh.imports.targets.holdings).click();
      await expect.poll(() => mappingSelect(page, '账号').inputValue()).toBe(zh.imports.fields.holdings.externalId);
    };
    await toHoldings();
    // Debts are read as stored unless the file says otherwise.
    expect(await debtSign.inputValue()).toBe(signs.positive);
    await page.getByTestId('source-system').fill('card_monthly');
    await debtSign.click();
    await page.getByRole('option', { name: signs.negative }).click();
    await expect.poll(() => debtSign.inputValue()).toBe(signs.negative);

    // The card balance written −1,234.50 is previewed as 1,234.50 owed; the deposit stays as written.
    await page.getByTestId('import-preview').click();
    await page.getByTestId('preview-rows').waitFor();
    const previewed = await page.getByTestId('preview-rows').textContent();
    expect(previewed).toContain('¥1,234.50');
    expect(previewed).not.toContain('−¥1,234.50');
    expect(previewed).toContain('¥300.00');

    // Saved as a profile, with the way the file writes debts.
    await page.getByTestId('import-back').click();
    await page.getByTestId('profile-save').click();
    await page.getByText(zh.imports.profiles.saveHint).waitFor();
    await page.getByTestId('profile-name').fill('信用卡系统月度账户');
    await page.getByTestId('profile-save-new').click();
    await page.getByText(zh.imports.profiles.saved.replace('{{name}}', '信用卡系统月度账户')).waitFor();
    const profiles = (await client.get('/api/v1/import-profiles')).json() as { name: string; options: Record<string, unknown> }[];
    expect(profiles.find((p) => p.name === '信用卡系统月度账户')?.options).toEqual({ sourceSystem: 'card_monthly', policy: 'reject_file', debtSign: 'negative' });

    await previewAndRun(page);
    expect(await page.getByTestId('import-run').getAttribute('data-status')).toBe('succeeded');
    await expect.poll(() => count(page, 'inserted')).toBe('2');
    const stored = (await client.get(`/api/v1/customers/${debtor.id}/holdings`)).json() as { externalId: string; balance: string }[];
    expect(Object.fromEntries(stored.map((h) => [h.externalId, h.balance]))).toEqual({ '6222020055556666': '1234.50', '6217000055556666': '300.00' });

    // Next month: a new visit, the profile loaded, and debts are read as negative again without choosing.
    await page.reload();
    await toHoldings();
    expect(await debtSign.inputValue()).toBe(signs.positive);
    await choose(page, page.getByTestId('profile-select'), '信用卡系统月度账户');
    await expect.poll(() => debtSign.inputValue()).toBe(signs.negative);
    expect(await page.getByTestId('source-system').inputValue()).toBe('card_monthly');
    await page.getByTestId('import-preview').click();
    await page.getByTestId('preview-rows').waitFor();
    expect(await page.getByTestId('preview-rows').textContent()).not.toContain('−¥1,234.50');
    // The same file read the same way is the import already made.
    await page.getByTestId('import-start').click();
    await page.getByTestId('already-imported').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps users without data:import out', async () => {
    const { page, errors, context } = await pageAs(agent);
    await page.goto(`${web.baseUrl}/imports`);
    await page.getByTestId('error-403').waitFor();
    expect(await page.getByRole('link', { name: zh.nav.imports, exact: true }).count()).toBe(0);
    await page.goto(`${web.baseUrl}/imports/new`);
    await page.getByTestId('error-403').waitFor();
    // The holdings panels are part of the customer page for whoever may read the customer.
    await page.goto(`${web.baseUrl}/customers/${holder.id}`);
    await expect.poll(() => page.getByTestId('panel-holdings').getByTestId('holding-row').count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a 390×844 phone without sideways scrolling', async () => {
    const { page, errors, context } = await pageAs(admin, { width: 390, height: 844 });
    await page.goto(`${web.baseUrl}/imports`);
    await expect.poll(() => page.getByTestId('import-row').count()).toBeGreaterThan(0);
    await expectNoHorizontalOverflow(page);
    // Each run is a card, not a row of a table scrolled sideways: how it ended is in sight, the newest on arrival.
    expect(await page.locator('table[data-testid=imports-table]').count()).toBe(0);
    const newest = page.getByTestId('import-row').first();
    await expectInSight(page, newest.getByTestId('run-status'));
    expect(await newest.getByTestId('run-status').isVisible()).toBe(true);
    const box = await newest.getByTestId('run-status').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    const rejected = page.locator('[data-testid=import-row][data-status=rejected]').first();
    await rejected.scrollIntoViewIfNeeded();
    for (const part of ['run-status', 'import-file-name', 'import-open']) await expectInSight(page, rejected.getByTestId(part));
    expect(await rejected.getByTestId('run-status').textContent()).toBe(zh.imports.status.rejected);
    expect(await rejected.getByTestId('import-file-name').textContent()).toBe('问题名单.csv');
    expect(await rejected.textContent()).toContain(zh.imports.targets.customers);
    await screenshot(page, 'imports-history-mobile');
    // Tapping the card opens the run, as a click on its row does on a wide screen.
    await rejected.getByTestId('import-file-name').click();
    await page.getByTestId('run-errors').waitFor();
    await expectNoHorizontalOverflow(page);
    // Each error a block: the row, the column, the value, and the reason in sight without scrolling sideways.
    const rowError = page.locator('[data-testid=run-errors] [data-testid=row-error]').first();
    expect(await rowError.textContent()).toContain(fill(zh.imports.errors.rowAt, { row: 3 }));
    // (once the drawer has slid all the way in)
    const reason = rowError.locator('p').nth(1);
    await expect
      .poll(async () => {
        const box = await reason.boundingBox();
        return box ? box.x + box.width : Infinity;
      })
      .toBeLessThanOrEqual(390);
    await expectInSight(page, reason);
    expect(await rowError.locator('p').nth(1).textContent()).not.toBe('');
    await page.keyboard.press('Escape');
    await page.getByTestId('run-detail').waitFor({ state: 'detached' });
    await page.getByTestId('import-open').first().click();
    await page.getByTestId('run-detail').waitFor();
    await expectNoHorizontalOverflow(page);
    await page.keyboard.press('Escape');

    await upload(
      page,
      '一个名字很长很长的客户名单文件_2024年第一季度_核心系统导出.csv',
      Buffer.from(
        csv([
          ['核心客户号', '客户名称', '证件号码', '手机号码', '出生日期', '性别', '所属机构', '联系地址'],
          ['K9001', '孙悟空', '', '13400134001', '', '', '', '江苏省苏州市工业园区星湖街328号创意产业园12幢'],
        ]),
      ),
    );
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('import-next').click();
    await mappingSelect(page, '客户名称').waitFor();
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('preview-rows').waitFor();
    await expectNoHorizontalOverflow(page);

    await page.goto(`${web.baseUrl}/customers/${holder.id}`);
    await expect.poll(() => page.getByTestId('panel-transactions').getByTestId('transaction-row').count()).toBe(2);
    await expectNoHorizontalOverflow(page);
    expect(errors).toEqual([]);
    await context.close();
  });
  it('says when loaded accounts are in a currency without an exchange rate, and leads an administrator to set one', async () => {
    const res = await client.post('/api/v1/customers', { kind: 'individual', name: '外币客户', allowDuplicate: true });
    expect(res.statusCode, res.body).toBe(201);
    const { code } = res.json() as { code: string };
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/imports`);
    await upload(page, '外币账户.csv', Buffer.from(csv([['客户编号', '账号', '产品类型', '产品名称', '币种', '余额'], [code, '6217000055556666', '定期', '港币定期存款', '港币', '10,000.00']])));
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-target').getByText(zh.imports.targets.holdings).click();
    await expect.poll(() => mappingSelect(page, '币种').inputValue()).toBe(zh.imports.fields.holdings.currency);
    await page.getByTestId('source-system').fill('fx');
    await page.getByTestId('import-preview').click();
    await page.getByTestId('preview-rows').waitFor();
    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-run').getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    const notice = page.getByTestId('run-rates-missing');
    await expect.poll(() => notice.textContent()).toContain(fill(zh.imports.run.ratesMissingTitle, { currencies: 'HKD' }));
    expect(await notice.textContent()).toContain(zh.imports.run.ratesMissingBody);
    await notice.getByTestId('run-rates-link').click();
    await page.waitForURL(/\/admin\/exchange-rates$/);
    await page.locator('[data-testid=rate-missing][data-currency=HKD]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
