import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, uniqueMobile, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { expectNoHorizontalOverflow, launchBrowser, openPage, screenshot, signedInTabs, signIn, startWebApp, type WebApp } from './harness.ts';

interface Backup {
  name: string;
  bytes: number;
  createdBy: string | null;
  rows: number | null;
  tables: number | null;
  engine: string | null;
}

let web: WebApp;
let browser: Browser;
let backupDir: string;
let admin: { id: number; username: string };
let auditor: { id: number; username: string };
let client: Client;
let adminName: string;
let hqId: number;
/** The customer that exists when the backup is made. */
let kept: { id: number; name: string };
let made: Backup;

const zhNumber = new Intl.NumberFormat('zh-CN');
/** The text before the first placeholder of a catalogue string. */
const prefix = (text: string) => text.split('{{')[0]!;

beforeAll(async () => {
  browser = await launchBrowser();
  // Its own folder: the default backup folder is shared by every server on this machine.
  backupDir = await mkdtemp(join(tmpdir(), 'guanxi-e2e-backups-'));
  web = await startWebApp({ backupDir });
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'BK-HQ' });
  hqId = hq.id;
  admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'bk.admin', locale: 'zh-CN' });
  auditor = await buildUser(t, { role: 'auditor', orgUnit: hq, username: 'bk.auditor', locale: 'zh-CN' });
  client = await login(t, admin);
  adminName = ((await client.get('/api/v1/auth/me')).json() as { user: { displayName: string } }).user.displayName;
  const res = await client.post('/api/v1/customers', { name: 'Backed Up Trading Ltd', kind: 'organization', status: 'active', orgUnitId: hqId, mobile: uniqueMobile() });
  expect(res.statusCode, res.body).toBe(201);
  kept = res.json() as { id: number; name: string };
});

afterAll(async () => {
  web?.app.services.backups.stop();
  await browser?.close();
  await web?.close();
  if (backupDir) await rm(backupDir, { recursive: true, force: true });
});

const pageAs = signedInTabs(() => ({ browser, web }));

const row = (page: Page, name: string) => page.locator(`[data-testid=backup-row][data-name="${name}"]`);

async function listed(): Promise<Backup[]> {
  const res = await client.get('/api/v1/backups');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Backup[] }).items;
}

describe('backups page in chromium', () => {
  it('keeps users without data:backup out', async () => {
    const { page, errors, context } = await pageAs(auditor);
    await page.goto(`${web.baseUrl}/admin/audit`);
    // The auditor sees the administration group (the audit log), but not the backups.
    await page.getByRole('link', { name: zh.nav.audit, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: zh.nav.backups, exact: true }).count()).toBe(0);
    await page.goto(`${web.baseUrl}/admin/backups`);
    await page.getByTestId('error-403').waitFor();
    expect(await page.getByTestId('backups-table').count()).toBe(0);
    const denied = await (await login({ app: web.app, db: web.db }, auditor)).get('/api/v1/backups');
    expect(denied.statusCode).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('makes a backup now, lists it, verifies it and downloads it', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/dashboard`);
    await page.getByRole('link', { name: zh.nav.backups, exact: true }).click();
    await page.waitForURL(/\/admin\/backups$/);
    await page.getByTestId('backups-empty').waitFor();
    // No schedule on this server: the page itself says how to set one, pointing at no file of the code.
    const schedule = page.getByTestId('backup-schedule');
    expect(await schedule.getAttribute('data-scheduled')).toBe('false');
    expect(await schedule.locator('code').allTextContents()).toEqual(['BACKUP_CRON', '0 3 * * *', 'BACKUP_KEEP']);
    expect(await schedule.textContent()).not.toMatch(/docs\/|\.md/);
    expect(await schedule.textContent()).toContain('03:00');
    // Where the backups are kept, as the server's absolute path.
    expect(await page.getByTestId('backup-folder-path').textContent()).toBe(backupDir);
    expect(await page.getByTestId('backup-folder').textContent()).toBe(`${prefix(zh.admin.backups.folder).replace('<code>', '')}${backupDir}`);

    // Hold the request so the busy state can be seen, then let it through.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/backups', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-running').waitFor();
    expect(await page.getByTestId('backup-now').getAttribute('data-loading')).toBe('true');
    release();
    await page.getByTestId('backup-row').first().waitFor();
    await page.unroute('**/api/v1/backups');
    await page.getByTestId('backup-running').waitFor({ state: 'detached' });

    const items = await listed();
    expect(items).toHaveLength(1);
    made = items[0]!;
    expect(made.name).toMatch(/^guanxi-\d{8}-\d{6}\.gz$/);
    expect(made.createdBy).toBe(adminName);
    expect(made.rows).toBeGreaterThan(0);
    const shown = row(page, made.name);
    expect(await shown.getByTestId('backup-name').textContent()).toBe(made.name);
    expect(await shown.getByTestId('backup-created-by').textContent()).toBe(adminName);
    expect(await shown.getByTestId('backup-rows').textContent()).toBe(zhNumber.format(made.rows!));
    expect(await shown.getByTestId('backup-tables').textContent()).toBe(zhNumber.format(made.tables!));
    expect(await shown.getByTestId('backup-engine').textContent()).toBe(zh.admin.backups.engine[made.engine as 'pglite' | 'postgres']);
    expect(await shown.getByTestId('backup-size').textContent()).toMatch(/^\d+(\.\d)? ?(B|byte|kB|MB)$/);

    // With a schedule the page shows when the next one runs.
    web.app.services.backups.start('0 3 * * *', 7, () => {});
    await page.reload();
    await expect.poll(() => page.getByTestId('backup-schedule').getAttribute('data-scheduled')).toBe('true');
    expect(await page.getByTestId('backup-schedule').textContent()).toContain(prefix(zh.admin.backups.nextScheduled));
    await screenshot(page, 'admin-backups');

    // Verify: the file is read whole and every table checked.
    await row(page, made.name).getByTestId('verify-backup').click();
    await page.getByTestId('verify-report').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('verify-report').getAttribute('data-ok')).toBe('true');
    await page.getByTestId('verify-ok').waitFor();
    expect(await page.getByTestId('verify-problem').count()).toBe(0);
    expect(await page.getByTestId('verify-table').count()).toBe(made.tables);
    expect(await page.locator('[data-testid=verify-table][data-ok=false]').count()).toBe(0);
    expect(await page.locator('[data-testid=verify-table][data-table=customers] td').nth(1).textContent()).toBe('1');
    // Each table by its name in Chinese, its own name beside it in small print; every table has one.
    expect(await page.locator('[data-testid=verify-table][data-labelled=false]').count()).toBe(0);
    const merges = page.locator('[data-testid=verify-table][data-table=customer_merge_transactions]');
    expect(await merges.getByTestId('verify-table-name').textContent()).toBe(zh.admin.backups.tableNames.customer_merge_transactions);
    expect(await merges.getByTestId('verify-table-key').textContent()).toBe('customer_merge_transactions');
    expect(await page.locator('[data-testid=verify-table][data-table=idempotency_keys]').getByTestId('verify-table-name').textContent()).toBe(zh.admin.backups.tableNames.idempotency_keys);
    expect(await page.getByTestId('verify-same-file').textContent()).toBe(zh.admin.backups.sameFile.yes);
    await screenshot(page, 'admin-backups-verify');
    await page.getByTestId('close-verify').click();
    await page.getByTestId('verify-report').waitFor({ state: 'detached' });

    // Download: a plain link, authenticated by the session cookie.
    const [download] = await Promise.all([page.waitForEvent('download'), row(page, made.name).getByTestId('download-backup').click()]);
    expect(download.suggestedFilename()).toBe(made.name);
    expect((await stat(await download.path())).size).toBe(made.bytes);

    // The same page in English.
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-en').click();
    await page.getByRole('heading', { name: en.admin.backups.title }).waitFor();
    expect(await row(page, made.name).getByTestId('verify-backup').getAttribute('aria-label')).toBe(en.admin.backups.verifyNamed.replace('{{name}}', made.name));
    expect(await page.getByTestId('backups-table').locator('th').first().textContent()).toBe(en.admin.backups.columns.name);
    expect(await page.getByTestId('backup-folder').textContent()).toBe(`${prefix(en.admin.backups.folder).replace('<code>', '')}${backupDir}`);
    await screenshot(page, 'admin-backups-en');
    // The verify dialog in English: readable table names too.
    await row(page, made.name).getByTestId('verify-backup').click();
    await page.getByTestId('verify-report').waitFor({ timeout: 30_000 });
    const idempotency = page.locator('[data-testid=verify-table][data-table=idempotency_keys]');
    expect(await idempotency.getByTestId('verify-table-name').textContent()).toBe(en.admin.backups.tableNames.idempotency_keys);
    expect(await idempotency.getByTestId('verify-table-key').textContent()).toBe('idempotency_keys');
    await page.getByTestId('close-verify').click();
    await page.getByTestId('verify-report').waitFor({ state: 'detached' });
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await page.getByRole('heading', { name: zh.admin.backups.title }).waitFor();

    web.app.services.backups.stop();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('restores the backup over newer data only after its name is typed', async () => {
    // A customer added after the backup: the restore must take it away.
    const res = await client.post('/api/v1/customers', { name: 'Added Later Ltd', kind: 'organization', status: 'prospect', orgUnitId: hqId, mobile: uniqueMobile() });
    expect(res.statusCode, res.body).toBe(201);
    const later = res.json() as { id: number };
    expect((await client.get(`/api/v1/customers/${later.id}`)).statusCode).toBe(200);

    // A session opened after the backup: it is not in the backup, so this tab must sign in again.
    const fresh = await openPage(browser);
    await signIn(fresh.page, web.baseUrl, admin.username);
    const { page } = fresh;
    await page.goto(`${web.baseUrl}/admin/backups`);
    await row(page, made.name).getByTestId('restore-backup').click();
    const dialog = page.getByTestId('restore-dialog');
    await dialog.waitFor();
    const text = await dialog.textContent();
    expect(text).toContain(zh.admin.backups.restoreWarningTitle);
    expect(text).toContain(zh.admin.backups.restoreTransaction);
    expect(text).toContain(zh.admin.backups.restoreSessions);
    const confirm = page.getByTestId('confirm-restore');
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('restore-confirm-input').fill(made.name.slice(0, -1));
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('restore-confirm-input').fill(made.name);
    expect(await confirm.isEnabled()).toBe(true);
    await screenshot(page, 'admin-backups-restore');
    await confirm.click();

    await page.getByTestId('restore-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('restore-counts').textContent()).toBe(
      zh.admin.backups.restoredBody.replace('{{rows}}', zhNumber.format(made.rows!)).replace('{{tables}}', zhNumber.format(made.tables!)).replace('{{name}}', made.name),
    );
    await page.getByTestId('restore-reload').click();
    // Its session is gone with the restore: back to sign-in, and here again afterwards.
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/backups');
    expect(fresh.errors).toEqual([]);
    await fresh.context.close();

    // The data is the backup's: the later customer is gone, the earlier one is there.
    expect((await client.get(`/api/v1/customers/${later.id}`)).statusCode).toBe(404);
    expect((await client.get(`/api/v1/customers/${kept.id}`)).statusCode).toBe(200);
    // A session from before the backup still works, and shows the same.
    const { page: before, errors, context } = await pageAs(admin);
    await before.goto(`${web.baseUrl}/customers/${later.id}`);
    await before.getByTestId('error-404').waitFor();
    await before.goto(`${web.baseUrl}/customers/${kept.id}`);
    await before.getByRole('heading', { name: kept.name }).waitFor();

    // The audit log kept its newer entries, the restore's own among them.
    const audit = (await client.get('/api/v1/audit?entity=backup')).json() as { action: string; entityId: string }[];
    expect(audit.map((e) => e.action).sort()).toEqual(['create', 'download', 'restore']);
    expect(audit.every((e) => e.entityId === made.name)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists a file copied in by hand and reports it damaged when it is cut short', async () => {
    const whole = await readFile(join(backupDir, made.name));
    await writeFile(join(backupDir, 'copied-by-hand.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/admin/backups`);
    const copied = row(page, 'copied-by-hand.gz');
    await copied.waitFor();
    expect(await copied.getByTestId('backup-created-by').textContent()).toBe(zh.admin.backups.byHand);
    // Without a record of what it held, rows and tables are unknown.
    expect(await copied.getByTestId('backup-rows').textContent()).toBe('—');
    // A table this version has no name for (another application's, in the same database) is shown by its own name.
    await page.route('**/api/v1/backups/*/verify', async (route) => {
      const response = await route.fetch();
      const report = (await response.json()) as { tables: { table: string; rows: number; sha256: string; ok: boolean }[] };
      await route.fulfill({ response, json: { ...report, tables: [...report.tables, { table: 'other_app_orders', rows: 3, sha256: '0'.repeat(64), ok: true }] } });
    });
    await copied.getByTestId('verify-backup').click();
    await page.getByTestId('verify-report').waitFor();
    const foreign = page.locator('[data-testid=verify-table][data-table=other_app_orders]');
    expect(await foreign.getAttribute('data-labelled')).toBe('false');
    expect(await foreign.getByTestId('verify-table-name').textContent()).toBe('other_app_orders');
    expect(await foreign.getByTestId('verify-table-key').count()).toBe(0);
    await page.unroute('**/api/v1/backups/*/verify');
    expect(await page.getByTestId('verify-report').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('verify-ok').count()).toBe(0);
    expect(await page.getByTestId('verify-problem').textContent()).toContain(zh.admin.backups.problem.truncated);
    expect(await page.getByTestId('verify-same-file').textContent()).toBe(zh.admin.backups.sameFile.unknown);
    await page.getByTestId('close-verify').click();
    await page.getByTestId('verify-report').waitFor({ state: 'detached' });

    await copied.getByTestId('delete-backup').click();
    await page.getByTestId('confirm-delete').click();
    await copied.waitFor({ state: 'detached' });
    expect((await listed()).map((b) => b.name)).toEqual([made.name]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('deletes a backup after confirmation, and fits a phone', async () => {
    const { page, errors, context } = await pageAs(admin, { width: 390, height: 844 });
    await page.goto(`${web.baseUrl}/admin/backups`);
    await row(page, made.name).waitFor();
    await expectNoHorizontalOverflow(page);
    await row(page, made.name).getByTestId('delete-backup').click();
    await page.getByTestId('delete-dialog').waitFor();
    expect(await page.getByTestId('delete-dialog').textContent()).toContain(made.name);
    // Cancelling keeps it.
    await page.getByTestId('delete-dialog').getByRole('button', { name: zh.common.cancel }).click();
    await page.getByTestId('delete-dialog').waitFor({ state: 'detached' });
    expect(await listed()).toHaveLength(1);

    await row(page, made.name).getByTestId('delete-backup').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('backups-empty').waitFor();
    expect(await listed()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
