import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import { expectNoHorizontalOverflow, launchBrowser, openPage, screenshot, signedInTabs, signIn, startWebApp, type WebApp } from './harness.ts';

interface ApiUser {
  id: number;
  username: string;
  orgUnitId: number;
  roleKeys: string[];
  mustChangePassword: boolean;
  status: string;
}
interface ApiRole {
  id: number;
  key: string;
  permissions: string[];
  dataScope: string;
  fieldRules: Record<string, string>;
}
interface ApiOrgUnit {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string | null;
  kind: string;
  path: string;
}

let web: WebApp;
let browser: Browser;
let api: Client;
let admin: { id: number; username: string };
let auditor: { id: number; username: string };
let outsider: { id: number; username: string };
let hq: Awaited<ReturnType<typeof buildOrgUnit>>;
let hangzhou: Awaited<ReturnType<typeof buildOrgUnit>>;
let nanjing: Awaited<ReturnType<typeof buildOrgUnit>>;

const NEW_USER = 'e2e.linxf';
const NEW_ROLE = 'branch_marketing';

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  hq = await buildOrgUnit(t, null, { code: 'ADM-HQ', nameZh: '测试总行' });
  hangzhou = await buildOrgUnit(t, hq, { code: 'ADM-HZ', nameZh: '杭州分行' });
  nanjing = await buildOrgUnit(t, hq, { code: 'ADM-NJ', nameZh: '南京分行' });
  admin = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'adm.admin', locale: 'zh-CN' });
  // The auditor reads users and roles (user:read) but manages nothing.
  auditor = await buildUser(t, { role: 'auditor', orgUnit: hq, username: 'adm.auditor', locale: 'zh-CN' });
  api = await login(t, admin, undefined, '10.0.0.2');
  // A role that sees customers but not users.
  const role = await api.post('/api/v1/roles', { key: 'customers_only', nameZh: '仅客户查询', nameEn: 'Customers only', permissions: ['customer:read'], dataScope: 'own' });
  expect(role.statusCode, role.body).toBe(201);
  outsider = await buildUser(t, { role: 'customers_only', orgUnit: hangzhou, username: 'adm.outsider', locale: 'zh-CN' });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }));

/** Picks a unit in an org-unit tree select by typing part of its name. */
async function chooseOrgUnit(page: Page, testId: string, name: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(name.slice(0, 2));
  await page.getByRole('option', { name }).first().click();
}

async function apiUser(username: string): Promise<ApiUser> {
  const res = await api.get(`/api/v1/users?search=${encodeURIComponent(username)}`);
  expect(res.statusCode, res.body).toBe(200);
  const user = (res.json() as ApiUser[]).find((u) => u.username === username);
  expect(user, username).toBeDefined();
  return user!;
}

async function apiUnits(): Promise<ApiOrgUnit[]> {
  return (await api.get('/api/v1/org-units')).json() as ApiOrgUnit[];
}

/** The message shown under an input (Mantine links it with aria-describedby). */
async function fieldError(page: Page, testId: string): Promise<string> {
  const input = page.getByTestId(testId);
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ');
  const errorId = ids.find((id) => id.endsWith('error'));
  return (await page.locator(`[id="${errorId}"]`).textContent()) ?? '';
}

/** A unit's row in the tree (a tree item's own name would include its children's). */
const treeNode = (page: Page, name: string) => page.getByTestId('org-unit-node').filter({ hasText: name });
/** The tree item (li) of a unit's row: it takes the focus and says whether it is expanded. */
const treeItem = (page: Page, name: string) => treeNode(page, name).locator('xpath=..');

describe('administration pages in chromium', () => {
  it('creates a user in a branch with a role; the user signs in and must change the temporary password', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/admin/users`);
    await page.getByRole('heading', { name: zh.admin.users.title }).waitFor();
    await page.getByTestId('user-row').first().waitFor();
    expect(await page.getByTestId('user-total').textContent()).toMatch(/^共 \d+ 个用户$/);
    await screenshot(page, 'admin-users');

    await page.getByTestId('new-user').click();
    const form = page.getByTestId('user-form');
    await form.waitFor();
    await page.getByTestId('field-username').fill(NEW_USER);
    await page.getByTestId('field-displayName').fill('林晓峰');
    await page.getByTestId('field-email').fill('linxf@example.cn');
    await chooseOrgUnit(page, 'field-orgUnitId', hangzhou.nameZh);
    await page.getByTestId('field-roleIds').click();
    await page.getByRole('option', { name: '客户经理' }).click();
    await page.getByTestId('field-displayName').click();

    await screenshot(page, 'admin-user-form');

    // The server's password rule appears at the password field.
    await page.getByTestId('field-password').fill('short1');
    await page.getByTestId('save-user').click();
    expect(await fieldError(page, 'field-password')).toContain('至少 10 位');

    await page.getByTestId('generate-password').click();
    const temporary = await page.getByTestId('field-password').inputValue();
    expect(temporary).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]{12}$/);
    await page.getByTestId('save-user').click();
    await form.waitFor({ state: 'detached' });

    const row = page.locator(`[data-testid=user-row][data-username="${NEW_USER}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('客户经理');
    expect(await row.textContent()).toContain(hangzhou.nameZh);
    await row.getByTestId('must-change-password').waitFor();
    const created = await apiUser(NEW_USER);
    expect(created).toMatchObject({ orgUnitId: hangzhou.id, roleKeys: ['customer_manager'], mustChangePassword: true, status: 'active' });
    expect(errors).toEqual([]);
    await context.close();

    // The new user signs in with the temporary password and is asked to choose his own first.
    const fresh = await openPage(browser);
    await signIn(fresh.page, web.baseUrl, NEW_USER, temporary);
    const dialog = fresh.page.getByRole('dialog', { name: zh.password.title });
    await dialog.getByText(zh.password.mustChange).waitFor();
    await dialog.getByLabel(zh.password.current).fill(temporary);
    await dialog.getByLabel(zh.password.new, { exact: true }).fill('Xihu-branch-2025');
    await dialog.getByLabel(zh.password.confirm).fill('Xihu-branch-2025');
    await dialog.getByRole('button', { name: zh.password.submit }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await apiUser(NEW_USER)).mustChangePassword).toBe(false);
    expect(fresh.errors).toEqual([]);
    await fresh.context.close();
  });

  it('resets a password: the user must change it again at the next sign-in', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/admin/users?q=${NEW_USER}`);
    const row = page.locator(`[data-testid=user-row][data-username="${NEW_USER}"]`);
    await row.waitFor();
    expect(await row.getByTestId('must-change-password').count()).toBe(0);
    await row.getByTestId('reset-password').click();
    await page.getByTestId('reset-password-form').waitFor();
    await page.getByTestId('field-password').fill('Reset-by-admin-77');
    await page.getByTestId('confirm-reset').click();
    await page.getByTestId('reset-done').waitFor();
    expect(await page.getByTestId('reset-done').textContent()).toContain('Reset-by-admin-77');
    await page.getByRole('button', { name: zh.admin.users.close }).click();
    await row.getByTestId('must-change-password').waitFor();
    expect((await apiUser(NEW_USER)).mustChangePassword).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('creates a custom role with permissions, a data scope and a field rule, and gives it to a user', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/admin/roles`);
    await page.locator('[data-testid=role-row][data-key=admin]').waitFor();
    // Built-in roles can be read and copied, not edited or deleted.
    const builtin = page.locator('[data-testid=role-row][data-key=customer_manager]');
    expect(await builtin.getByTestId('edit-role').count()).toBe(0);
    expect(await builtin.getByTestId('delete-role').count()).toBe(0);
    await builtin.getByTestId('view-role').click();
    await page.getByTestId('role-summary').waitFor();
    expect(await page.getByTestId('role-summary').textContent()).toContain(zh.admin.roles.scope.own);
    await page.keyboard.press('Escape');
    await page.getByTestId('role-summary').waitFor({ state: 'detached' });
    await screenshot(page, 'admin-roles');

    await page.getByTestId('new-role').click();
    await page.getByTestId('role-form').waitFor();
    await page.getByTestId('field-key').fill(NEW_ROLE);
    await page.getByTestId('field-nameZh').fill('分行营销专员');
    await page.getByTestId('field-nameEn').fill('Branch marketer');
    for (const permission of ['customer:read', 'customer:export', 'activity:write', 'user:read']) {
      const box = page.getByTestId(`permission-${permission}`);
      await box.check();
      expect(await box.isChecked()).toBe(true);
    }
    // Readable labels, not permission keys.
    expect(await page.getByTestId('permission-group-customer').textContent()).toContain(zh.admin.roles.permission.customer.export);
    await page.getByTestId('scope-unit_and_below').check();
    await page.getByTestId('rule-mobile').click();
    await page.getByRole('option', { name: zh.admin.roles.access.masked, exact: true }).click();
    await screenshot(page, 'admin-role-form', { fullPage: true });
    await page.getByTestId('save-role').click();
    await page.getByTestId('role-form').waitFor({ state: 'detached' });
    const row = page.locator(`[data-testid=role-row][data-key=${NEW_ROLE}]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('分行营销专员');
    expect(await row.textContent()).toContain(zh.admin.roles.scope.unit_and_below);

    const roles = (await api.get('/api/v1/roles')).json() as ApiRole[];
    const role = roles.find((r) => r.key === NEW_ROLE);
    expect(role).toMatchObject({ dataScope: 'unit_and_below', fieldRules: { mobile: 'masked' } });
    expect([...role!.permissions].sort()).toEqual(['activity:write', 'customer:export', 'customer:read', 'user:read']);

    // A taken key is refused at the key field.
    await page.getByTestId('new-role').click();
    await page.getByTestId('field-key').fill(NEW_ROLE);
    await page.getByTestId('field-nameZh').fill('重复');
    await page.getByTestId('field-nameEn').fill('Duplicate');
    await page.getByTestId('save-role').click();
    expect(await fieldError(page, 'field-key')).toContain('已被占用');
    await page.keyboard.press('Escape');
    await page.getByTestId('role-form').waitFor({ state: 'detached' });

    // Given to the user created above, next to his first role.
    await page.goto(`${web.baseUrl}/admin/users?q=${NEW_USER}`);
    const userRow = page.locator(`[data-testid=user-row][data-username="${NEW_USER}"]`);
    await userRow.getByTestId('edit-user').click();
    await page.getByTestId('user-form').waitFor();
    await page.getByTestId('field-roleIds').click();
    await page.getByRole('option', { name: '分行营销专员' }).click();
    await page.getByTestId('field-displayName').click();
    await page.getByTestId('save-user').click();
    await page.getByTestId('user-form').waitFor({ state: 'detached' });
    await expect.poll(async () => userRow.textContent()).toContain('分行营销专员');
    expect((await apiUser(NEW_USER)).roleKeys.sort()).toEqual([NEW_ROLE, 'customer_manager'].sort());

    // A role in use cannot be deleted: the server says why, inside the dialog.
    await page.goto(`${web.baseUrl}/admin/roles`);
    await row.getByTestId('delete-role').click();
    await page.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId('confirm-modal').getByRole('alert').textContent()).toContain('仍有用户拥有该角色');
    await page.getByRole('button', { name: zh.common.cancel }).click();
    expect(await row.count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('disables a user after asking, and filters the list by status and org unit', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/admin/users`);
    const row = page.locator(`[data-testid=user-row][data-username="${NEW_USER}"]`);
    await row.getByTestId('edit-user').click();
    await page.getByTestId('field-status').getByText(zh.admin.users.status.disabled).click();
    await page.getByTestId('save-user').click();
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('user-form').waitFor({ state: 'detached' });
    await expect.poll(() => row.getByTestId('user-status').textContent()).toBe(zh.admin.users.status.disabled);
    expect((await apiUser(NEW_USER)).status).toBe('disabled');

    await page.getByTestId('filter-status').click();
    await page.getByRole('option', { name: zh.admin.users.statusFilter.disabled }).click();
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(1);
    await chooseOrgUnit(page, 'filter-org-unit', nanjing.nameZh);
    await page.getByTestId('list-empty').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits the org tree: adds a child unit, renames it, moves it, and deletes only an empty unit', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/admin/org-units`);
    await treeNode(page, hangzhou.nameZh).click();
    await expect.poll(() => page.getByTestId('org-unit-name').textContent()).toBe(hangzhou.nameZh);
    await screenshot(page, 'admin-org-units');

    await page.getByTestId('add-child').click();
    await page.getByTestId('org-unit-form').waitFor();
    await page.getByTestId('field-nameZh').fill('西湖支行');
    await page.getByTestId('field-code').fill('ADM-HZ-XH');
    expect(await page.getByTestId('field-kind').inputValue()).toBe(zh.admin.orgUnits.kind.sub_branch);
    await page.getByTestId('save-org-unit').click();
    await page.getByTestId('org-unit-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('org-unit-name').textContent()).toBe('西湖支行');
    expect(await page.getByTestId('org-unit-parent').textContent()).toBe(hangzhou.nameZh);
    await treeNode(page, '西湖支行').waitFor();

    // A code in use is refused at the code field.
    await page.getByTestId('edit-org-unit').click();
    await page.getByTestId('field-code').fill('ADM-NJ');
    await page.getByTestId('save-org-unit').click();
    expect(await fieldError(page, 'field-code')).toContain('已被占用');
    await page.getByTestId('field-code').fill('ADM-HZ-XH');
    await page.getByTestId('field-nameZh').fill('西湖区支行');
    await page.getByTestId('field-nameEn').fill('Xihu Sub-branch');
    await page.getByTestId('save-org-unit').click();
    await page.getByTestId('org-unit-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('org-unit-name').textContent()).toBe('西湖区支行');

    await page.getByTestId('move-org-unit').click();
    await page.getByTestId('move-org-unit-form').waitFor();
    await chooseOrgUnit(page, 'field-newParent', nanjing.nameZh);
    await page.getByTestId('confirm-move').click();
    await page.getByTestId('move-org-unit-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('org-unit-parent').textContent()).toBe(nanjing.nameZh);
    const moved = (await apiUnits()).find((u) => u.code === 'ADM-HZ-XH');
    expect(moved).toMatchObject({ parentId: nanjing.id, nameZh: '西湖区支行', nameEn: 'Xihu Sub-branch', kind: 'sub_branch' });
    expect(moved!.path).toBe(`${hq.path}${nanjing.id}/${moved!.id}/`);

    // A unit with users is kept, with the server's reason.
    await treeNode(page, hangzhou.nameZh).click();
    await page.getByTestId('delete-org-unit').click();
    await page.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId('confirm-modal').getByRole('alert').textContent()).toContain('该机构下仍有用户、客户或下级机构');
    await page.getByRole('button', { name: zh.common.cancel }).click();

    // An empty one goes.
    await treeNode(page, '西湖区支行').click();
    await page.getByTestId('delete-org-unit').click();
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('confirm-action').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('org-unit-tree').textContent()).not.toContain('西湖区支行');
    expect((await apiUnits()).some((u) => u.code === 'ADM-HZ-XH')).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('walks the org tree with the keyboard', async () => {
    const { page, errors, context } = await pageAs(admin);
    await page.goto(`${web.baseUrl}/admin/org-units`);
    const root = treeItem(page, hq.nameZh);
    await root.waitFor();
    await root.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    const name = (await page.getByTestId('org-unit-name').textContent()) ?? '';
    expect(name).not.toBe('');
    expect(focused).toContain(name);
    // Left on a child goes back to its parent; left again folds the parent.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => root.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => root.getAttribute('aria-expanded')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the pages read-only without the manage permissions, and the 403 page without user:read', async () => {
    const { page, errors, context } = await pageAs(auditor);
    await page.goto(`${web.baseUrl}/admin/users`);
    await page.getByTestId('user-row').first().waitFor();
    await page.getByTestId('read-only-note').waitFor();
    expect(await page.getByTestId('new-user').count()).toBe(0);
    expect(await page.getByTestId('edit-user').count()).toBe(0);
    expect(await page.getByTestId('reset-password').count()).toBe(0);
    await page.getByTestId('view-user').first().click();
    await page.getByTestId('user-details').waitFor();
    expect(await page.getByTestId('user-form').count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.goto(`${web.baseUrl}/admin/roles`);
    await page.getByTestId('role-row').first().waitFor();
    await page.getByTestId('read-only-note').waitFor();
    expect(await page.getByTestId('new-role').count()).toBe(0);
    expect(await page.getByTestId('edit-role').count()).toBe(0);
    expect(await page.getByTestId('delete-role').count()).toBe(0);
    expect(await page.getByTestId('copy-role').count()).toBe(0);
    await page.locator(`[data-testid=role-row][data-key=${NEW_ROLE}]`).getByTestId('view-role').click();
    await page.getByTestId('role-summary').waitFor();
    expect(await page.getByTestId('role-form').count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.goto(`${web.baseUrl}/admin/org-units`);
    await page.getByTestId('org-unit-details').waitFor();
    await page.getByTestId('read-only-note').waitFor();
    for (const action of ['new-org-unit', 'add-child', 'edit-org-unit', 'move-org-unit', 'delete-org-unit']) {
      expect(await page.getByTestId(action).count(), action).toBe(0);
    }
    expect(errors).toEqual([]);
    await context.close();

    const other = await pageAs(outsider);
    for (const path of ['/admin/users', '/admin/roles', '/admin/org-units']) {
      await other.page.goto(`${web.baseUrl}${path}`);
      await other.page.getByTestId('error-403').waitFor();
    }
    expect(await other.page.getByRole('link', { name: zh.nav.users, exact: true }).count()).toBe(0);
    expect(other.errors).toEqual([]);
    await other.context.close();
  });

  it('fits 1280×800 and 390×844 without sideways scrolling', async () => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const { page, errors, context } = await pageAs(admin, { width, height });
      const suffix = width === 390 ? '-mobile' : '';
      await page.goto(`${web.baseUrl}/admin/users`);
      await page.getByTestId('user-row').first().waitFor();
      await expectNoHorizontalOverflow(page);
      if (width === 390) await screenshot(page, 'admin-users-mobile');
      await page.getByTestId('edit-user').first().click();
      await page.getByTestId('user-form').waitFor();
      await expectNoHorizontalOverflow(page);
      await page.keyboard.press('Escape');
      await page.getByTestId('user-form').waitFor({ state: 'detached' });

      await page.goto(`${web.baseUrl}/admin/roles`);
      await page.getByTestId('role-row').first().waitFor();
      await expectNoHorizontalOverflow(page);
      await page.locator(`[data-testid=role-row][data-key=${NEW_ROLE}]`).getByTestId('edit-role').click();
      await page.getByTestId('role-form').waitFor();
      await expectNoHorizontalOverflow(page);
      if (width === 390) await screenshot(page, 'admin-role-form-mobile');
      await page.keyboard.press('Escape');

      await page.goto(`${web.baseUrl}/admin/org-units`);
      await page.getByTestId('org-unit-details').waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, `admin-org-units${suffix}`, { fullPage: width === 390 });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
