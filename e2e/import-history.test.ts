import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { expectNoHorizontalOverflow, launchBrowser, screenshot, signedInTabs, startWebApp, type WebApp } from './harness.ts';

/**
 * The import history as a data clerk uses it: filters kept in the address, a run's details that say
 * how long it took once, a source's details with its mapping, and a navigation that shows the data-in
 * pages on a laptop without scrolling.
 */

let web: WebApp;
let browser: Browser;
let admin: { id: number; username: string };
let adminEn: { id: number; username: string };
let client: Client;
const ids: Record<string, number> = {};

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'IH-HQ', nameZh: '导入记录总行' });
  admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'ih.admin', locale: 'zh-CN' });
  adminEn = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'ih.admin.en', locale: 'en' });
  client = await login(t, admin);
  // Runs of every kind, written straight into the history: started on the web, by the API, on the
  // command line, by a schedule; succeeded, rejected, failed, interrupted.
  const run = async (name: string, v: { target: string; source: string; status: string; error?: string; startedAt: string; fileName?: string; durationMs?: number }) => {
    const [row] = await web.db.query<{ id: number }>(
      `insert into import_runs (target, source, file_name, mapping, options, policy, status, error, started_at, finished_at, duration_ms, rows_read, rows_inserted)
       values ($1, $2, $3, '{}', '{"sourceSystem":"core"}', 'reject_file', $4, $5, $6::timestamptz, $6::timestamptz + interval '2 seconds', $7, 3, 3) returning id::int as id`,
      [v.target, v.source, v.fileName ?? null, v.status, v.error ?? null, v.startedAt, v.durationMs ?? 2000],
    );
    ids[name] = row!.id;
  };
  await run('web', { target: 'customers', source: 'upload', status: 'succeeded', startedAt: '2026-03-01T02:00:00Z', fileName: '客户名单.csv', durationMs: 40 });
  await run('api', { target: 'holdings', source: 'api', status: 'rejected', startedAt: '2026-03-02T02:00:00Z', fileName: 'holdings.csv' });
  await run('cli', { target: 'transactions', source: 'cli', status: 'failed', error: 'disk full', startedAt: '2026-03-03T02:00:00Z', fileName: '交易.csv' });
  await run('schedule', { target: 'transactions', source: 'source:cards', status: 'failed', error: 'interrupted', startedAt: '2026-03-04T02:00:00Z', fileName: 'cards_0304.csv' });
  await run('schedule2', { target: 'customers', source: 'source:cards', status: 'succeeded', startedAt: '2026-03-05T02:00:00Z', fileName: 'cards_0305.csv' });
});

afterAll(async () => {
  await web?.app.services.imports.settle();
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }));

/** The ids of the listed runs, as the rows' details buttons name them. */
async function listedIds(page: Page): Promise<number[]> {
  const labels = await page.locator('[data-testid=import-row] [data-testid=import-open]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  return labels.map((label) => Number(/(\d+)\D*$/.exec(label)?.[1]));
}
const newestFirst = (...names: string[]) => names.map((n) => ids[n]!).sort((a, b) => b - a);

/** Picks an option of a (non-searchable) select by its name. */
async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect.poll(() => page.getByTestId(testId).inputValue()).toBe(option);
}

describe('import history', () => {
  it('filters the runs by content, status, how they were started and the day, kept in the address', async () => {
    const { page, errors, context } = await pageAs(admin, { width: 1440, height: 900 });
    await page.goto(`${web.baseUrl}/imports`);
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('web', 'api', 'cli', 'schedule', 'schedule2'));

    // How it was started: a schedule.
    await choose(page, 'imports-filter-source', zh.imports.history.filters.sources.schedule);
    await expect.poll(() => new URL(page.url()).searchParams.get('source')).toBe('schedule');
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('schedule', 'schedule2'));
    // Interrupted is told apart from failed.
    await choose(page, 'imports-filter-status', zh.imports.history.filters.interrupted);
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('schedule'));
    await choose(page, 'imports-filter-status', zh.imports.status.failed);
    await expect.poll(() => page.getByTestId('imports-empty-filtered').isVisible()).toBe(true);
    expect(await page.getByTestId('imports-empty-filtered').textContent()).toContain(zh.imports.history.filters.empty);
    await page.getByTestId('imports-filter-reset').click();
    await expect.poll(() => listedIds(page)).toHaveLength(5);
    expect(new URL(page.url()).search).toBe('');

    // What was imported, and the days it started (China time, both days included).
    await choose(page, 'imports-filter-target', zh.imports.targets.transactions);
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('cli', 'schedule'));
    await page.getByTestId('imports-filter-from').fill('2026-03-04');
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('schedule'));
    await page.getByTestId('imports-filter-from').fill('2026-03-01');
    await page.getByTestId('imports-filter-to').fill('2026-03-03');
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('cli'));
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({ target: 'transactions', startedFrom: '2026-03-01', startedTo: '2026-03-03' });
    await expectNoHorizontalOverflow(page);

    // The address keeps the filters: reloaded, or opened again, the page shows the same list.
    await page.reload();
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('cli'));
    expect(await page.getByTestId('imports-filter-target').inputValue()).toBe(zh.imports.targets.transactions);
    expect(await page.getByTestId('imports-filter-to').inputValue()).toBe('2026-03-03');
    await page.goto(`${web.baseUrl}/imports?source=api&status=rejected`);
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('api'));
    expect(await page.getByTestId('imports-filter-source').inputValue()).toBe(zh.imports.history.filters.sources.api);
    await page.goto(`${web.baseUrl}/imports?source=upload&startedFrom=2026-03-01&startedTo=2026-03-05`);
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('web'));
    await expect.poll(() => page.locator('section[aria-busy=true]').count()).toBe(0);
    await screenshot(page, 'import-history-filters-zh');
    // Nonsense in the address is left out rather than sent.
    await page.goto(`${web.baseUrl}/imports?status=done&source=web&startedFrom=yesterday`);
    await expect.poll(() => listedIds(page)).toHaveLength(5);
    expect(await page.getByTestId('imports-filter-status').inputValue()).toBe('');

    // A run opened from a filtered list keeps the filter when it closes.
    await page.goto(`${web.baseUrl}/imports?target=customers`);
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('web', 'schedule2'));
    await page.locator(`[data-testid=import-open][aria-label="${zh.imports.history.detailsOf.replace('{{id}}', String(ids.web))}"]`).click();
    await page.getByTestId('run-detail').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('run-detail').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('target')).toBe('customers');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('speaks English: the filters, their options and the empty list', async () => {
    const { page, errors, context } = await pageAs(adminEn, { width: 1440, height: 900, locale: 'en' });
    await page.goto(`${web.baseUrl}/imports?status=failed`);
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('cli'));
    const filters = (await page.getByTestId('imports-filters').textContent()) ?? '';
    for (const label of [en.imports.history.filters.source, en.imports.history.filters.from, en.imports.history.filters.to, en.imports.history.filters.reset]) expect(filters).toContain(label);
    expect(await page.getByTestId('imports-filter-status').inputValue()).toBe(en.imports.status.failed);
    await page.getByTestId('imports-filter-source').click();
    expect(await page.getByRole('option').allTextContents()).toEqual(Object.values(en.imports.history.filters.sources));
    await page.getByRole('option', { name: en.imports.history.filters.sources.cli, exact: true }).click();
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('cli'));
    await expect.poll(() => page.locator('section[aria-busy=true]').count()).toBe(0);
    await screenshot(page, 'import-history-filters-en');
    await choose(page, 'imports-filter-source', en.imports.history.filters.sources.quarantine);
    await page.getByTestId('imports-empty-filtered').waitFor();
    expect(await page.getByTestId('imports-empty-filtered').textContent()).toContain(en.imports.history.filters.empty);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('folds the filters away on a phone, and counts the ones in use', async () => {
    const { page, errors, context } = await pageAs(admin, { width: 390, height: 844 });
    await page.goto(`${web.baseUrl}/imports?target=customers&source=upload`);
    await expect.poll(() => listedIds(page)).toEqual(newestFirst('web'));
    const toggle = page.getByTestId('imports-toggle-filters');
    expect(await toggle.textContent()).toBe(zh.imports.history.filters.active.replace('{{n}}', '2'));
    expect(await page.getByTestId('imports-filter-target').isVisible()).toBe(false);
    await toggle.click();
    await page.getByTestId('imports-filter-target').waitFor();
    await expectNoHorizontalOverflow(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says once how long a run took, in its facts, and a run under 0.1 s does not read as 0 s", async () => {
    const { page, errors, context } = await pageAs(admin, { width: 1440, height: 900 });
    await page.goto(`${web.baseUrl}/imports?run=${ids.web}`);
    const detail = page.getByTestId('run-detail');
    await detail.waitFor();
    const text = (await detail.textContent()) ?? '';
    expect(text.split(zh.imports.history.columns.duration).length - 1).toBe(1);
    expect(await detail.getByTestId('run-duration').count()).toBe(0);
    const facts = await detail.getByTestId('run-fact').allTextContents();
    expect(facts.filter((f) => f.startsWith(zh.imports.history.columns.duration))).toEqual([`${zh.imports.history.columns.duration}<0.1秒`]);
    expect(facts.some((f) => f.startsWith(zh.imports.run.finishedAt) && /\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(f))).toBe(true);
    expect(text).not.toMatch(/\b0秒/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a source's column mapping with the fields' names, and says where a run's error is", async () => {
    const res = await client.post('/api/v1/import-sources', {
      name: '信用卡交易',
      kind: 'folder',
      target: 'transactions',
      sourceSystem: 'card',
      config: { path: 'ih-cards', pattern: 'cards_*.csv' },
      mapping: { 客户号: 'customerCode', 流水号: 'externalId', 交易时间: 'occurredAt', 金额: 'amount' },
      cron: '0 2 * * *',
      timeZone: 'Asia/Shanghai',
      enabled: false,
      maxRetries: 0,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { page, errors, context } = await pageAs(admin, { width: 1440, height: 900 });
    await page.goto(`${web.baseUrl}/import-sources`);
    await page.getByTestId('source-title').filter({ hasText: '信用卡交易' }).click();
    const detail = page.getByTestId('source-detail');
    await detail.waitFor();
    const rows = detail.getByTestId('source-mapping-row');
    await expect.poll(() => rows.count()).toBe(4);
    const fields = zh.imports.fields.transactions as Record<string, string>;
    expect(await rows.allTextContents()).toEqual([
      `客户号${fields.customerCode}`,
      `流水号${fields.externalId}`,
      `交易时间${fields.occurredAt}`,
      `金额${fields.amount}`,
    ]);
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain(zh.imports.mapping.title);
    expect(text).toContain(zh.imports.sources.detail.runsHint);
    expect(text).not.toContain('错误一栏');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the navigation on a laptop', () => {
  // 1440×900 as the window, and as a screen whose browser keeps about 100 px for its own bars.
  for (const [user, locale, nav, height] of [
    ['zh', 'zh-CN', zh.nav, 900],
    ['en', 'en', en.nav, 900],
    ['zh', 'zh-CN', zh.nav, 800],
  ] as const) {
    it(`shows the data pages (imports, scheduled sources, backups) without scrolling at 1440×${height} (${locale})`, async () => {
      const { page, errors, context } = await pageAs(user === 'zh' ? admin : adminEn, { width: 1440, height, locale });
      await page.goto(`${web.baseUrl}/dashboard`);
      const navigation = page.getByRole('navigation').first();
      await navigation.getByRole('link', { name: nav.dashboard, exact: true }).waitFor();
      // The part of the navigation in sight, the navigation not scrolled.
      const shown = await page.evaluate(() => {
        const viewport = document.querySelector('.mantine-AppShell-navbar .mantine-ScrollArea-viewport') as HTMLElement;
        return { bottom: viewport.getBoundingClientRect().bottom, scrollTop: viewport.scrollTop };
      });
      expect(shown.scrollTop).toBe(0);
      expect(shown.bottom).toBeLessThanOrEqual(height);
      const links = navigation.getByRole('link');
      const names = (await links.allTextContents()).map((n) => n.trim());
      // One heading for the data pages, the three together.
      const at = names.indexOf(nav.imports);
      expect(names.slice(at, at + 3)).toEqual([nav.imports, nav.importSources, nav.backups]);
      expect((await navigation.innerText()).toLowerCase().replace(/\n+/g, '\n')).toContain(`${nav.data}\n${nav.imports}`.toLowerCase());
      for (const label of [nav.imports, nav.importSources, nav.backups]) {
        const box = await navigation.getByRole('link', { name: label, exact: true }).boundingBox();
        expect(box, label).not.toBeNull();
        expect(box!.y + box!.height, `${label} out of sight`).toBeLessThanOrEqual(shown.bottom);
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('still opens from the menu button on a phone, every entry reachable', async () => {
    const { page, errors, context } = await pageAs(admin, { width: 390, height: 844 });
    await page.goto(`${web.baseUrl}/dashboard`);
    await page.getByRole('button', { name: zh.shell.toggleNavigation }).click();
    const link = page.getByRole('navigation').first().getByRole('link', { name: zh.nav.importSources, exact: true });
    await link.scrollIntoViewIfNeeded();
    await link.click();
    await page.waitForURL(/\/import-sources$/);
    await expectNoHorizontalOverflow(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
