import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { expectInSight, expectNoHorizontalOverflow, launchBrowser, screenshot, signedInTabs, startWebApp, type WebApp } from './harness.ts';

let web: WebApp;
let browser: Browser;
let admin: { id: number; username: string };
let adminEn: { id: number; username: string };
let importer: { id: number; username: string };
let client: Client;
/** A folder of this test inside the server's import inbox. */
let folder: string;
let dir: string;

const csv = (rows: string[][]) => rows.map((row) => row.join(',')).join('\r\n') + '\r\n';
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'SRC-HQ', nameZh: '抽取测试总行' });
  admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'src.admin', locale: 'zh-CN' });
  adminEn = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'src.admin.en', locale: 'en' });
  client = await login(t, admin);
  // A data team member: may run imports, may not configure sources.
  const role = await client.post('/api/v1/roles', {
    key: 'data_loader',
    nameZh: '数据装载员',
    nameEn: 'Data loader',
    permissions: ['customer:read', 'data:import'],
    dataScope: 'all',
  });
  expect(role.statusCode, role.body).toBe(201);
  importer = await buildUser(t, { role: 'data_loader', orgUnit: hq, username: 'src.loader', locale: 'en' });

  folder = `e2e-sources-${process.pid}-${Date.now()}`;
  dir = join(web.app.services.sources.inboxRoot, folder);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'cards_20261121.csv'),
    csv([
      ['核心客户号', '客户名称', '手机号码'],
      ['SRC001', '林一帆', '13811110001'],
      ['SRC002', '林二帆', '13811110002'],
    ]),
  );
  // Not matching the pattern: must not be loaded.
  await writeFile(join(dir, 'readme.csv'), csv([['核心客户号', '客户名称'], ['SRC999', '不该导入']]));
});

afterAll(async () => {
  await web?.app.services.imports.settle();
  await browser?.close();
  await web?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const pageAs = signedInTabs(() => ({ browser, web }));

/** Picks an option of a select by its visible name. */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await select.fill(option);
  // An option's name starts with the field's label (its other-language name and key follow).
  await page.getByRole('option', { name: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first().click();
  await expect.poll(() => select.inputValue()).toBe(option);
}


/**
 * In the window, and not hidden behind anything (a dialog's title, another element): seen without
 * scrolling. Polled, as the form may still be scrolling to it.
 */
async function expectInView(locator: Locator) {
  await locator.waitFor();
  const where = () =>
    locator.evaluate((element) => {
      const box = element.getBoundingClientRect();
      if (box.bottom <= 0 || box.top < 0) return 'above the window';
      if (box.top >= window.innerHeight || box.bottom > window.innerHeight) return 'below the window';
      if (box.left < 0 || box.right > window.innerWidth) return 'beside the window';
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 12));
      return hit && element.contains(hit) ? 'in view' : 'covered';
    });
  await expect.poll(where, { timeout: 3000 }).toBe('in view');
}

const hasFocus = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

const row = (page: Page, name: string) => page.locator(`[data-testid=source-row][data-source="${name}"]`);
/** The server's refusal of a folder outside the inbox, naming the inbox. */
const outsideInbox = () => `文件夹必须位于导入收件目录 ${web.app.services.sources.inboxRoot} 之内：请填写其中的文件夹，如 cards`;
const sources = async () => (await client.get('/api/v1/import-sources')).json() as { id: number; name: string; cron: string; maxRetries: number; policy: string; lastStatus: string | null }[];

describe('scheduled import sources in chromium', () => {
  it('creates a folder source, shows a server error at its field, runs it now and links the import it produced (zh-CN)', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/import-sources`);
    await page.getByTestId('sources-empty').waitFor();
    await page.getByRole('link', { name: zh.nav.importSources, exact: true }).waitFor();

    await page.getByTestId('source-new').first().click();
    await page.getByTestId('source-form').waitFor();
    // The folder input says where the inbox is on the server.
    const inbox = web.app.services.sources.inboxRoot;
    expect(await page.getByTestId('source-inbox').textContent()).toBe(inbox);
    expect(await page.getByTestId('source-inbox').locator('xpath=..').textContent()).toBe(fill(zh.imports.sources.form.pathHintInbox.replace(/<\/?code>/g, ''), { inbox }));
    await page.getByTestId('source-name').fill('信用卡客户日终');
    await page.getByTestId('source-system').fill('card');
    // A folder outside the inbox: the server refuses it, and says so at the folder input.
    await page.getByTestId('source-path').fill('../elsewhere');
    await page.getByTestId('source-pattern').fill('cards_*.csv');

    // The columns come from a sample file, with the fields suggested from their names.
    await page.locator('[data-testid=source-mapping] input[type=file]').setInputFiles({
      name: 'cards_sample.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv([['核心客户号', '客户名称', '手机号码'], ['X1', '样例', '13800000000']])),
    });
    await page.getByTestId('mapping-sample').waitFor();
    const columns = page.getByTestId('mapping-column');
    await expect.poll(() => columns.count()).toBe(3);
    expect(await columns.nth(0).inputValue()).toBe('核心客户号');
    const fields = page.getByTestId('mapping-field');
    expect(await fields.nth(0).inputValue()).toBe(zh.imports.fields.customers.externalId);
    expect(await fields.nth(1).inputValue()).toBe(zh.imports.fields.customers.name);
    expect(await fields.nth(2).inputValue()).toBe(zh.imports.fields.customers.mobile);
    expect(await page.locator('[data-testid=mapping-needs] [data-ok=true]').count()).toBe(1);

    // Presets fill the cron; the next runs are shown for the chosen zone.
    await page.getByTestId('cron-preset-hourly').click();
    expect(await page.getByTestId('source-cron').inputValue()).toBe('0 * * * *');
    await page.getByTestId('cron-preset-daily').click();
    expect(await page.getByTestId('source-cron').inputValue()).toBe('0 2 * * *');
    await expect.poll(async () => (await page.getByTestId('cron-next').textContent()) ?? '').toContain('02:00');
    expect(await page.getByTestId('source-timezone').inputValue()).toBe('Asia/Shanghai');

    await page.getByTestId('source-save').click();
    const pathInput = page.getByTestId('source-path');
    await expect.poll(() => pathInput.getAttribute('aria-invalid')).toBe('true');
    await page.getByText(outsideInbox()).waitFor();
    await page.getByTestId('source-name').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-sources-form');
    // The folder as its absolute path inside the inbox: taken, and kept relative to the inbox.
    await pathInput.fill(join(inbox, folder));
    await page.getByTestId('source-save').click();
    await page.getByText(fill(zh.imports.sources.form.created, { name: '信用卡客户日终' })).waitFor();
    // The folder is there: nothing to warn about.
    expect(await page.getByText(fill(zh.imports.sources.form.warningTitle, { name: '信用卡客户日终' })).count()).toBe(0);
    await page.getByTestId('source-form').waitFor({ state: 'detached' });

    const source = row(page, '信用卡客户日终');
    await source.waitFor();
    expect(await source.getByTestId('source-where').textContent()).toBe(`${folder}/cards_*.csv`);
    expect(await source.getByTestId('source-enabled-badge').textContent()).toBe(zh.imports.sources.enabled);
    expect(await source.textContent()).toContain(zh.imports.sources.presets.daily);
    expect(await source.getByTestId('source-next-run').textContent()).toContain('下次运行');
    expect(await source.textContent()).toContain(zh.imports.sources.neverRun);

    // Run now: the answer comes when the run is over, with the import it produced.
    await source.getByTestId('source-run').click();
    const result = page.getByTestId('source-run-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('succeeded');
    expect(await result.getByTestId('run-status').textContent()).toBe(zh.imports.status.succeeded);
    await expect.poll(() => source.getAttribute('data-status')).toBe('succeeded');
    const links = result.getByTestId('source-run-link');
    expect(await links.count()).toBe(1);
    const sourceId = (await sources()).find((s) => s.name === '信用卡客户日终')!.id;
    const runs = (await client.get(`/api/v1/import-sources/${sourceId}/runs`)).json() as { id: number }[];
    expect(await links.first().getAttribute('href')).toBe(`/imports?run=${runs[0]!.id}`);
    // Clicking scrolled the table sideways to the button; the picture shows it from its start.
    await page.evaluate(() => document.querySelectorAll('*').forEach((element) => element.scrollLeft > 0 && (element.scrollLeft = 0)));
    await screenshot(page, 'import-sources');
    await expectNoHorizontalOverflow(page);

    // The link opens the run in the import history, with its figures.
    await links.first().click();
    await page.waitForURL(/\/imports\?run=\d+$/);
    const detail = page.getByTestId('run-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('count-inserted-value').textContent()).toBe('2');
    expect(await detail.textContent()).toContain('cards_20261121.csv');
    const found = (await client.get(`/api/v1/customers?q=${encodeURIComponent('林一帆')}`)).json() as { items: unknown[] };
    expect(found.items).toHaveLength(1);
    expect(((await client.get(`/api/v1/customers?q=${encodeURIComponent('不该导入')}`)).json() as { items: unknown[] }).items).toHaveLength(0);
    // Closing the drawer drops the run from the address.
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.pathname === '/imports' && !url.search.includes('run='));

    // Run again: the file was loaded already, nothing new.
    await page.goto(`${web.baseUrl}/import-sources`);
    await row(page, '信用卡客户日终').getByTestId('source-run').click();
    await page.getByTestId('source-run-result').getByText(zh.imports.sources.result.nothingNew).waitFor();
    expect(await page.getByTestId('source-run-result').getByTestId('source-run-link').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits the source, and shows a rejected file in its run history (zh-CN)', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/import-sources`);
    const source = row(page, '信用卡客户日终');
    await source.getByTestId('source-edit').click();
    await page.getByTestId('source-form').waitFor();
    // The form opens with what is stored.
    expect(await page.getByTestId('source-name').inputValue()).toBe('信用卡客户日终');
    expect(await page.getByTestId('source-path').inputValue()).toBe(folder);
    expect(await page.getByTestId('mapping-column').count()).toBe(3);
    expect(await page.getByTestId('policy-reject_file').isChecked()).toBe(true);
    await page.getByTestId('cron-preset-weekdays').click();
    await page.getByTestId('source-retries').fill('0');
    // The same field twice is caught before asking the server.
    const mobile = (await page.getByTestId('mapping-column').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).indexOf('手机号码');
    expect(mobile).toBeGreaterThanOrEqual(0);
    await choose(page, page.getByTestId('mapping-field').nth(mobile), zh.imports.fields.customers.name);
    await page.getByTestId('source-save').click();
    await page.getByText(fill(zh.imports.mapping.twice, { column: '客户名称' })).waitFor();
    expect(await page.getByTestId('source-form').count()).toBe(1);
    await choose(page, page.getByTestId('mapping-field').nth(mobile), zh.imports.fields.customers.mobile);
    await page.getByTestId('source-save').click();
    await page.getByText(fill(zh.imports.sources.form.saved, { name: '信用卡客户日终' })).waitFor();
    await page.getByTestId('source-form').waitFor({ state: 'detached' });
    await expect.poll(async () => (await source.textContent()) ?? '').toContain(zh.imports.sources.presets.weekdays);
    const stored = (await sources()).find((s) => s.name === '信用卡客户日终')!;
    expect(stored).toMatchObject({ cron: '0 7 * * 1-5', maxRetries: 0, policy: 'reject_file' });

    // A file with a row without a name: the whole file is rejected and the run says so.
    await writeFile(join(dir, 'cards_20261122.csv'), csv([['核心客户号', '客户名称', '手机号码'], ['SRC003', '林三帆', '13811110003'], ['SRC004', '', '13811110004']]));
    await source.getByTestId('source-run').click();
    const result = page.getByTestId('source-run-result');
    await expect.poll(() => result.getAttribute('data-status')).toBe('rejected');
    const [latest] = (await client.get(`/api/v1/import-sources/${stored.id}/runs`)).json() as [{ id: number; status: string }];
    expect(latest.status).toBe('rejected');
    const rejectedText = fill(zh.imports.sources.rejectedRun, { id: latest.id });
    expect(await result.getByTestId('source-run-error').textContent()).toBe(rejectedText);
    expect(await result.getByTestId('source-run-link').getAttribute('href')).toBe(`/imports?run=${latest.id}`);
    await expect.poll(() => source.getAttribute('data-status')).toBe('rejected');
    // Not "retries spent": a rejected file is never retried.
    expect(await source.getByTestId('source-retry').textContent()).toBe(zh.imports.sources.rejectedNoRetry);

    await source.getByTestId('source-open').click();
    const drawer = page.getByTestId('source-detail');
    await drawer.waitFor();
    await expect.poll(() => drawer.getByTestId('source-run-row').count()).toBe(2);
    const rejected = drawer.locator('[data-testid=source-run-row][data-status=rejected]');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.textContent()).toContain('cards_20261122.csv');
    expect(await drawer.locator('[data-testid=source-run-row][data-status=succeeded]').count()).toBe(1);
    expect(await drawer.getByTestId('source-detail-error').textContent()).toContain(rejectedText);
    expect(await source.getByTestId('source-last-error').textContent()).toBe(rejectedText);
    await screenshot(page, 'import-sources-runs');

    // At night the scheduler finds the same file: not read again, and the administrator is told by
    // the bell, whose notice opens the source.
    expect((await web.app.services.sources.run(stored.id)).status).toBe('rejected');
    await page.goto(`${web.baseUrl}/`);
    const bell = page.getByTestId('bell-count');
    await expect.poll(() => bell.getAttribute('data-unread')).not.toBe('0');
    await page.getByTestId('bell').click();
    const notice = page.getByTestId('bell-item').filter({ hasText: '信用卡客户日终' });
    await notice.first().click();
    await page.waitForURL(new RegExp(`/import-sources\\?source=${stored.id}$`));
    await page.getByTestId('source-detail').waitFor();
    expect(await page.getByTestId('source-detail').getByTestId('source-detail-error').textContent()).toContain('cards_20261122.csv');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('creates a PostgreSQL source without ever showing its password, and shows its failed run (en)', async () => {
    const { page, errors, context } = await pageAs(adminEn);
    await page.goto(`${web.baseUrl}/import-sources`);
    await page.getByTestId('source-new').click();
    await page.getByTestId('source-form').waitFor();
    await page.getByTestId('source-kind').getByText(en.imports.sources.kinds.postgres).click();
    await page.getByTestId('source-name').fill('Core banking customers');
    await page.getByTestId('source-system').fill('core');
    // Nothing listens on port 1: the run fails at the connection.
    await page.getByTestId('source-url').fill('mysql://etl:S3cret-pw@127.0.0.1:1/core');
    await page.getByTestId('source-query').fill('select cust_no, cust_name from cust where :watermark is null or upd > :watermark');
    await page.getByTestId('source-watermark').fill('upd');
    await page.getByTestId('mapping-column').first().fill('cust_no');
    await choose(page, page.getByTestId('mapping-field').first(), en.imports.fields.customers.externalId);
    await page.getByTestId('mapping-add').click();
    await page.getByTestId('mapping-column').nth(1).fill('cust_name');
    await choose(page, page.getByTestId('mapping-field').nth(1), en.imports.fields.customers.name);
    await page.getByTestId('source-save').click();
    // A MySQL address for a PostgreSQL source is caught before asking the server.
    await page.getByText(en.imports.sources.form.urlScheme.postgres).waitFor();
    await page.getByTestId('source-url').fill('postgres://etl:S3cret-pw@127.0.0.1:1/core');
    await page.getByTestId('source-save').click();
    await page.getByText(fill(en.imports.sources.form.created, { name: 'Core banking customers' })).waitFor();

    const source = row(page, 'Core banking customers');
    await source.waitFor();
    expect(await source.getByTestId('source-where').textContent()).toBe('postgres://etl@127.0.0.1:1/core');
    await source.getByTestId('source-run').click();
    const result = page.getByTestId('source-run-result');
    await expect.poll(() => result.getAttribute('data-status')).toBe('failed');
    expect(await result.getByTestId('source-run-error').textContent()).toContain('ECONNREFUSED');
    await expect.poll(async () => (await source.getByTestId('source-last-error').textContent()) ?? '').toContain('ECONNREFUSED');
    expect(await source.getByTestId('source-retry').textContent()).toMatch(/^Retry 1 of 2 in \d+ minutes?$/);
    expect(await page.locator('body').textContent()).not.toContain('S3cret-pw');

    await source.getByTestId('source-open').click();
    const drawer = page.getByTestId('source-detail');
    // The failed attempt read nothing, and is still a run in the history, with its reason.
    const failedRun = drawer.getByTestId('source-run-row');
    await failedRun.first().waitFor();
    expect(await failedRun.count()).toBe(1);
    expect(await failedRun.first().getAttribute('data-status')).toBe('failed');
    expect(await failedRun.first().textContent()).toContain('ECONNREFUSED');
    expect(await drawer.getByTestId('source-detail-error').textContent()).toContain('ECONNREFUSED');
    await screenshot(page, 'import-sources-failed-en');
    await drawer.getByTestId('source-detail-edit').click();

    // The password comes back as ****: changing the address without retyping it is refused,
    // and an unchanged address keeps the stored password.
    const url = page.getByTestId('source-url');
    expect(await url.inputValue()).toBe('postgres://etl:****@127.0.0.1:1/core');
    await page.getByText(en.imports.sources.form.urlKeepPassword).waitFor();
    await url.fill('postgres://etl:****@127.0.0.1:2/core');
    await page.getByTestId('source-save').click();
    await page.getByText(en.imports.sources.form.urlRetypePassword).waitFor();
    await url.fill('postgres://etl:****@127.0.0.1:1/core');
    await page.getByTestId('source-enabled').uncheck();
    await page.getByTestId('source-save').click();
    await page.getByText(fill(en.imports.sources.form.saved, { name: 'Core banking customers' })).waitFor();
    await expect.poll(async () => source.getByTestId('source-enabled-badge').textContent()).toBe(en.imports.sources.paused);
    const [stored] = await web.db.query<{ url: string }>(`select config->>'url' as url from import_sources where name = $1`, ['Core banking customers']);
    expect(stored!.url).toBe('postgres://etl:S3cret-pw@127.0.0.1:1/core');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a user with data:import but not settings:manage see and run sources, without creating or editing them', async () => {
    const { page, errors, context } = await pageAs(importer, { width: 390, height: 844 });
    await page.goto(`${web.baseUrl}/import-sources`);
    await expect.poll(() => page.getByTestId('source-row').count()).toBe(2);
    expect(await page.getByTestId('source-new').count()).toBe(0);
    expect(await page.getByTestId('source-edit').count()).toBe(0);
    expect(await page.getByTestId('source-run').count()).toBe(2);
    await expectNoHorizontalOverflow(page);
    await row(page, '信用卡客户日终').getByTestId('source-open').click();
    await page.getByTestId('source-detail').waitFor();
    expect(await page.getByTestId('source-detail-edit').count()).toBe(0);
    expect(await page.getByTestId('source-remove').count()).toBe(0);
    await expect.poll(() => page.getByTestId('source-run-row').count()).toBe(2);
    await expectNoHorizontalOverflow(page);
    // The server agrees.
    const denied = await (await login({ app: web.app, db: web.db }, importer)).post('/api/v1/import-sources', {});
    expect(denied.statusCode).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows each source and each run as a card on a 390×844 phone, with its state and next run in sight (zh-CN and en)', async () => {
    const languages = [
      { user: admin, texts: zh, suffix: '' },
      { user: adminEn, texts: en, suffix: '-en' },
    ] as const;
    for (const { user, texts, suffix } of languages) {
      const { page, errors, context } = await pageAs(user, { width: 390, height: 844 });
      await page.goto(`${web.baseUrl}/import-sources`);
      await expect.poll(() => page.getByTestId('source-row').count()).toBe(2);
      await expectNoHorizontalOverflow(page);
      expect(await page.locator('table[data-testid=sources-table]').count()).toBe(0);

      // An enabled source: when it runs next, and how its last run ended.
      const daily = row(page, '信用卡客户日终');
      await expectInSight(page, daily.getByTestId('source-next-run'));
      expect(await daily.getByTestId('source-next-run').textContent()).toContain(texts.imports.sources.nextRun.split('{{')[0]);
      expect(await daily.getByTestId('source-enabled-badge').textContent()).toBe(texts.imports.sources.enabled);
      await expectInSight(page, daily.getByTestId('run-status'));
      expect(await daily.getByTestId('run-status').textContent()).toBe(texts.imports.status.rejected);
      expect(await daily.getByTestId('source-where').textContent()).toBe(`${folder}/cards_*.csv`);
      expect(await daily.textContent()).toContain(texts.imports.sources.presets.weekdays);
      // The row's actions, all in reach.
      for (const action of ['source-run', 'source-open', 'source-edit']) await expectInSight(page, daily.getByTestId(action));

      // A paused source says so, and has no next run.
      const paused = row(page, 'Core banking customers');
      await paused.scrollIntoViewIfNeeded();
      expect(await paused.getByTestId('source-enabled-badge').textContent()).toBe(texts.imports.sources.paused);
      expect(await paused.getByTestId('source-next-run').count()).toBe(0);
      expect(await paused.textContent()).toContain(texts.imports.sources.pausedHint);
      await expectInSight(page, paused.getByTestId('run-status'));
      expect(await paused.getByTestId('run-status').textContent()).toBe(texts.imports.status.failed);
      await expectInSight(page, paused.getByTestId('source-last-error'));
      await screenshot(page, `import-sources-mobile${suffix}`, { fullPage: true });

      // A new source's form: each kind of source readable in full ("MySQL / MariaDB" was cut off side by side).
      await page.getByTestId('source-new').click();
      const kinds = page.getByTestId('source-kind');
      await expect.poll(() => kinds.locator('label').count()).toBe(3);
      // Each kind's label inside the control, and the control inside the form's box.
      const cut = await kinds.evaluate((control) => {
        const box = control.getBoundingClientRect();
        const form = control.closest('fieldset')!.getBoundingClientRect();
        return [
          ...Array.from(control.querySelectorAll('label'))
            .filter((label) => label.getBoundingClientRect().right > box.right + 1 || label.scrollWidth > label.clientWidth)
            .map((label) => label.textContent),
          ...(box.right > form.right + 1 || control.scrollWidth > control.clientWidth ? ['the control'] : []),
        ];
      });
      expect(cut).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByTestId('source-form').waitFor({ state: 'detached' });

      await daily.getByTestId('source-open').click();
      await expect.poll(() => page.getByTestId('source-run-row').count()).toBe(2);
      await expectNoHorizontalOverflow(page);
      await page.keyboard.press('Escape');
      await page.getByTestId('source-detail').waitFor({ state: 'detached' });

      // The runs the sources produced, in the import history: each with how it ended, in sight.
      await page.goto(`${web.baseUrl}/imports`);
      await expect.poll(() => page.getByTestId('import-row').count()).toBeGreaterThanOrEqual(3);
      await expectNoHorizontalOverflow(page);
      expect(await page.locator('table[data-testid=imports-table]').count()).toBe(0);
      for (const status of ['succeeded', 'rejected', 'failed']) {
        const run = page.locator(`[data-testid=import-row][data-status=${status}]`).first();
        await expectInSight(page, run.getByTestId('run-status'));
        expect(await run.getByTestId('run-status').textContent()).toBe(texts.imports.status[status as 'succeeded']);
      }
      // The Chinese one is taken by the imports' own tests, with runs of every kind.
      if (suffix) await screenshot(page, `imports-history-mobile${suffix}`, { fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('brings the first problem of a failed save into view and focuses it, from the server or from the form (zh-CN)', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/import-sources`);
    await page.getByTestId('source-new').click();
    await page.getByTestId('source-form').waitFor();
    await page.getByTestId('source-name').fill('越界的来源');
    await page.getByTestId('source-system').fill('card');
    // Refused by the server only: a folder outside the inbox, near the top of the long form.
    await page.getByTestId('source-path').fill('../elsewhere');
    await page.getByTestId('mapping-column').first().fill('核心客户号');
    await choose(page, page.getByTestId('mapping-field').first(), zh.imports.fields.customers.externalId);
    const save = page.getByTestId('source-save');
    await save.click();
    const path = page.getByTestId('source-path');
    await expect.poll(() => path.getAttribute('aria-invalid')).toBe('true');
    await expectInView(path);
    await expectInView(page.getByText(outsideInbox()));
    expect(await hasFocus(path)).toBe(true);

    // Found by the form itself: the name, left empty. Saving scrolled the dialog down to the button again.
    await path.fill(folder);
    await page.getByTestId('source-name').fill('');
    await save.click();
    const name = page.getByTestId('source-name');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await expectInView(name);
    expect(await hasFocus(name)).toBe(true);

    // A problem of the mapping as a whole (no name nor customer number mapped): its list of messages.
    await name.fill('越界的来源');
    await choose(page, page.getByTestId('mapping-field').first(), zh.imports.fields.customers.mobile);
    await save.click();
    const mappingErrors = page.getByTestId('mapping-errors');
    await expectInView(mappingErrors);
    expect(await hasFocus(mappingErrors)).toBe(true);

    await page.getByTestId('source-form').getByRole('button', { name: zh.common.cancel, exact: true }).click();
    await page.getByTestId('source-form').waitFor({ state: 'detached' });
    expect((await sources()).map((s) => s.name)).not.toContain('越界的来源');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the import history and the sources on a tablet and a laptop without sideways scrolling, each with how it ended in sight (zh-CN and en)', async () => {
    const languages = [
      { user: admin, texts: zh },
      { user: adminEn, texts: en },
    ] as const;
    // A tablet upright (820×1180) and on its side (1024×768): beside the navigation, too narrow for the
    // tables, which give way to cards. A laptop (1280×800) has the tables, whole.
    const tablets = [
      { width: 820, height: 1180 },
      { width: 1024, height: 768 },
      { width: 1280, height: 800 },
    ];
    for (const { user, texts } of languages) {
      for (const size of tablets) {
        const { page, errors, context } = await pageAs(user, size);
        await page.goto(`${web.baseUrl}/imports`);
        await expect.poll(() => page.getByTestId('import-row').count()).toBeGreaterThanOrEqual(3);
        await expectNoHorizontalOverflow(page);
        // Nothing in the list scrolls sideways inside its own box either.
        const scrolling = await page.locator('section').filter({ has: page.getByTestId('imports-table') }).evaluate((section) =>
          [section, ...Array.from(section.querySelectorAll<HTMLElement>('*'))]
            .filter((element) => element.scrollWidth > element.clientWidth && ['auto', 'scroll'].includes(getComputedStyle(element).overflowX))
            .map((element) => `${element.tagName}.${element.className}: ${element.scrollWidth} > ${element.clientWidth}`),
        );
        expect(scrolling, `${size.width}×${size.height}`).toEqual([]);
        for (const status of ['succeeded', 'rejected', 'failed'] as const) {
          const run = page.locator(`[data-testid=import-row][data-status=${status}]`).first();
          for (const cell of ['import-file-name', 'import-started', 'run-status', 'import-counts', 'import-open']) await expectInSight(page, run.getByTestId(cell));
          expect(await run.getByTestId('run-status').textContent()).toBe(texts.imports.status[status]);
        }
        expect(await page.locator('table[data-testid=imports-table]').count(), `${size.width}×${size.height}`).toBe(size.width > 1024 ? 1 : 0);
        // The scheduled sources likewise: cards, each with its state and when it runs next in sight.
        await page.goto(`${web.baseUrl}/import-sources`);
        await expect.poll(() => page.getByTestId('source-row').count()).toBe(2);
        await expectNoHorizontalOverflow(page);
        expect(await page.locator('table[data-testid=sources-table]').count(), `${size.width}×${size.height}`).toBe(size.width > 1024 ? 1 : 0);
        const daily = row(page, '信用卡客户日终');
        for (const cell of ['source-enabled-badge', 'source-next-run', 'run-status', 'source-run', 'source-edit']) await expectInSight(page, daily.getByTestId(cell));
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  });

  it('takes how a holdings file writes debts from a saved mapping profile (zh-CN)', async () => {
    const mapping = { 核心客户号: 'customerExternalId', 卡号: 'externalId', 产品类型: 'kind', 余额: 'balance' };
    const saved = await client.post('/api/v1/import-profiles', { name: '卡系统账户', target: 'holdings', mapping, options: { sourceSystem: 'card', debtSign: 'negative' } });
    expect(saved.statusCode, saved.body).toBe(201);
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/import-sources`);
    await page.getByTestId('source-new').first().click();
    await page.getByTestId('mapping-profile').click();
    await page.getByRole('option', { name: '卡系统账户' }).click();
    await expect.poll(() => page.getByTestId('mapping-field').count()).toBe(Object.keys(mapping).length);
    expect(await page.getByTestId('source-debt-sign').inputValue()).toBe(zh.imports.options.debtSigns.negative);
    await page.getByTestId('source-form').getByRole('button', { name: zh.common.cancel, exact: true }).click();
    await page.getByTestId('source-form').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('removes a source after asking, and keeps its runs in the import history (en)', async () => {
    const { page, errors, context } = await pageAs(adminEn);
    const [before] = await web.db.query<{ id: number }>(`select r.id::int as id from import_runs r join import_sources s on s.id = r.source_id where s.name = $1`, ['Core banking customers']);
    await page.goto(`${web.baseUrl}/import-sources`);
    const source = row(page, 'Core banking customers');
    await source.getByTestId('source-open').click();
    const drawer = page.getByTestId('source-detail');
    await drawer.getByTestId('source-remove').click();
    expect(await drawer.getByTestId('source-remove-confirm').textContent()).toContain(fill(en.imports.sources.remove.confirm, { name: 'Core banking customers' }));
    await drawer.getByTestId('source-remove-yes').click();
    await expect.poll(() => page.getByTestId('source-detail').count()).toBe(0);
    await expect.poll(() => source.count()).toBe(0);
    const [kept] = await web.db.query<{ sourceId: number | null }>(`select source_id as "sourceId" from import_runs where id = $1`, [before!.id]);
    expect(kept).toEqual({ sourceId: null });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves a source whose folder is not there yet, and warns that its runs fail until it is created (zh-CN and en)', async () => {
    const later = `${folder}/arrives-later`;
    const full = join(web.app.services.sources.inboxRoot, later);
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/import-sources`);
    await page.getByTestId('source-new').first().click();
    await page.getByTestId('source-form').waitFor();
    await page.getByTestId('source-name').fill('晚到的文件夹');
    await page.getByTestId('source-system').fill('card');
    await page.getByTestId('source-path').fill(later);
    await page.getByTestId('mapping-column').first().fill('核心客户号');
    await choose(page, page.getByTestId('mapping-field').first(), zh.imports.fields.customers.externalId);
    await page.getByTestId('mapping-add').click();
    await page.getByTestId('mapping-column').nth(1).fill('客户名称');
    await choose(page, page.getByTestId('mapping-field').nth(1), zh.imports.fields.customers.name);
    await page.getByTestId('source-save').click();
    // Saved all the same, and told with the full path; the warning stays until it is dismissed.
    const warning = page.locator('.mantine-Notification-root').filter({ hasText: fill(zh.imports.sources.form.warningTitle, { name: '晚到的文件夹' }) });
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`文件夹 ${full} 还不存在。数据源已保存，但在创建该文件夹之前，每次运行都会失败。`);
    await page.getByTestId('source-form').waitFor({ state: 'detached' });
    await row(page, '晚到的文件夹').waitFor();
    await page.waitForTimeout(5000);
    expect(await warning.count()).toBe(1);
    expect(await page.getByText(fill(zh.imports.sources.form.created, { name: '晚到的文件夹' })).count()).toBe(0);
    await context.close();

    const en_ = await pageAs(adminEn);
    await en_.page.goto(`${web.baseUrl}/import-sources`);
    await row(en_.page, '晚到的文件夹').getByTestId('source-edit').click();
    await en_.page.getByTestId('source-form').waitFor();
    await en_.page.getByTestId('source-save').click();
    await en_.page.getByText(fill(en.imports.sources.form.warningTitle, { name: '晚到的文件夹' })).waitFor();
    await en_.page.getByText(`The folder ${full} does not exist yet. The source is saved, but its runs will fail until the folder is created.`).waitFor();

    const id = (await sources()).find((s) => s.name === '晚到的文件夹')!.id;
    expect((await client.delete(`/api/v1/import-sources/${id}`)).statusCode).toBe(204);
    expect(errors).toEqual([]);
    expect(en_.errors).toEqual([]);
    await en_.context.close();
  });
});
