import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, uniqueMobile, type Client } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };
import { launchBrowser, signedInTabs, startWebApp, type WebApp } from './harness.ts';

let web: WebApp;
let browser: Browser;
let adminEn: { id: number; username: string };
let adminZh: { id: number; username: string };
let client: Client;
let customer: { id: number; createdAt: string };

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'DT-HQ', nameZh: '日期总行' });
  adminEn = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'dt.admin.en', locale: 'en' });
  adminZh = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'dt.admin.zh', locale: 'zh-CN' });
  client = await login(t, adminEn);
  const res = await client.post('/api/v1/customers', { kind: 'individual', name: '周日期', birthDate: '1988-11-05', mobile: uniqueMobile(), allowDuplicate: true });
  expect(res.statusCode, res.body).toBe(201);
  customer = res.json() as { id: number; createdAt: string };
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }));

/** The expected text, made apart from the app: Swedish writes dates and times year first, 24-hour. */
const chinaMinute = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date(iso));

const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
const US_DATE = /\b\d{1,2}\/\d{1,2}\/\d{4}\b/;

const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);
const dropdown = (page: Page) => page.locator('[data-dates-dropdown]');
/** The message under a field, as a screen reader reaches it. */
async function fieldError(page: Page, testId: string): Promise<string | null> {
  const input = page.getByTestId(testId);
  if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
  const id = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').find((part) => part.endsWith('error'));
  return id ? page.locator(`[id="${id}"]`).textContent() : null;
}

describe('dates in the web app', () => {
  it('writes dates year first in English too: a birth date, a record’s creation, the audit log', async () => {
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    await page.goto(`${web.baseUrl}/customers/${customer.id}`);
    const profile = page.getByTestId('profile');
    await expect.poll(() => profile.textContent()).toContain('1988-11-05');
    expect(await profile.textContent()).toContain(chinaMinute(customer.createdAt));
    expect(await profile.textContent()).not.toMatch(US_DATE);
    // The timeline gives each entry's moment, not only how long ago.
    await expect.poll(() => page.getByTestId('timeline').locator('time').first().textContent()).toBe(chinaMinute(customer.createdAt));

    // The form takes the birth date year first too, typed the Chinese way.
    await page.goto(`${web.baseUrl}/customers/${customer.id}/edit`);
    const birth = page.getByTestId('field-birthDate');
    await expect.poll(() => birth.inputValue()).toBe('1988-11-05');
    await birth.fill('1988年11月6日');
    await page.keyboard.press('Tab');
    await expect.poll(() => birth.inputValue()).toBe('1988-11-06');

    await page.goto(`${web.baseUrl}/admin/audit`);
    const row = page.getByTestId('audit-row').first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b/);
    expect(await row.textContent()).not.toMatch(US_DATE);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes a day typed by keyboard in the forms clerks write, and says when one is outside the range', async () => {
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    await page.goto(`${web.baseUrl}/admin/audit`);
    const from = page.getByTestId('audit-filter-from');
    const to = page.getByTestId('audit-filter-to');
    await from.waitFor();
    expect(await from.getAttribute('placeholder')).toBe(en.common.day.placeholder);

    // Slashes and single digits; shown year first once the field is left. The address changes at
    // once, the page follows it a moment later (a router navigation): hence the polls.
    await from.click();
    await page.keyboard.type('2026/3/1');
    await expect.poll(() => param(page, 'from')).toBe('2026-03-01');
    await page.keyboard.press('Tab');
    await expect.poll(() => from.inputValue()).toBe('2026-03-01');
    // Eight digits.
    await to.click();
    await page.keyboard.type('20260331');
    await expect.poll(() => param(page, 'to')).toBe('2026-03-31');
    await page.keyboard.press('Tab');
    await expect.poll(() => to.inputValue()).toBe('2026-03-31');

    // A day that does not exist, typed key by key: on the way, 2026-04-3 is a day of its own and
    // the filter takes it; the text left is no day, so it is named and no day is kept.
    await to.fill('');
    await to.pressSequentially('2026-04-31');
    await page.keyboard.press('Tab');
    await expect.poll(() => fieldError(page, 'audit-filter-to')).toBe(fill(en.common.day.notADay, { text: '2026-04-31' }));
    await expect.poll(() => param(page, 'to')).toBeNull();
    await expect.poll(() => to.inputValue()).toBe('');

    // An end before the start is taken, as the native input took it, and said at both ends.
    await to.fill('2026-02-28');
    await expect.poll(() => param(page, 'to')).toBe('2026-02-28');
    await page.keyboard.press('Tab');
    await expect.poll(() => fieldError(page, 'audit-filter-to')).toBe(fill(en.common.day.notBefore, { day: '2026-03-01' }));
    await expect.poll(() => fieldError(page, 'audit-filter-from')).toBe(fill(en.common.day.notAfter, { day: '2026-02-28' }));
    await to.fill('2026-03-31');
    await expect.poll(() => fieldError(page, 'audit-filter-to')).toBeNull();
    await expect.poll(() => fieldError(page, 'audit-filter-from')).toBeNull();

    // Emptied by keyboard, or by its ×: no filter.
    await to.fill('');
    await expect.poll(() => param(page, 'to')).toBeNull();
    await page.keyboard.press('Escape');
    await page.locator('.mantine-DateInput-root', { has: from }).getByRole('button', { name: en.common.day.clear }).click();
    await expect.poll(() => param(page, 'from')).toBeNull();
    await expect.poll(() => from.inputValue()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('applies on Enter exactly the days typed in the customer list, Enter pressed with the last key', async () => {
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    await page.goto(`${web.baseUrl}/customers`);
    const from = page.getByTestId('filter-created-from');
    const to = page.getByTestId('filter-created-to');
    await page.getByTestId('customer-row').first().waitFor();
    // The page renders the address a moment after it changes; Enter comes before that. Each form a
    // clerk types, with text in the search box too: all of it is applied, nothing typed is lost.
    const typed: [string, string][] = [
      ['2026-03-01', '2026-03-01'],
      ['2026/3/2', '2026-03-02'],
      ['20260303', '2026-03-03'],
      ['2026年3月4日', '2026-03-04'],
      ['２０２６-０３-０５', '2026-03-05'],
    ];
    for (const [text, day] of typed) {
      await page.getByTestId('filter-q').fill(`q${day}`);
      await from.fill('');
      await expect.poll(() => param(page, 'createdFrom')).toBeNull();
      await from.pressSequentially(text);
      await from.press('Enter');
      await expect.poll(() => param(page, 'q')).toBe(`q${day}`);
      await expect.poll(() => param(page, 'createdFrom')).toBe(day);
      // Settled: the day stays (the list has loaded for it), and the field shows it year first.
      await page.getByTestId('list-total').filter({ hasText: /\d/ }).waitFor();
      await page.waitForTimeout(300);
      expect(param(page, 'createdFrom')).toBe(day);
      await expect.poll(() => from.inputValue()).toMatch(new RegExp(`^(${day}|${text})$`));
    }

    // An end typed at once after the start, then Enter: both kept.
    await page.getByTestId('filter-q').fill('');
    await from.fill('');
    await from.pressSequentially('2026-02-01');
    await to.click();
    await to.pressSequentially('2026-02-28');
    await to.press('Enter');
    await page.waitForTimeout(300);
    await expect.poll(() => [param(page, 'createdFrom'), param(page, 'createdTo'), param(page, 'q')]).toEqual(['2026-02-01', '2026-02-28', null]);

    // A day that does not exist: on the way, 2026-04-3 was a day of its own; Enter names the text
    // and keeps no day.
    await to.fill('');
    await to.pressSequentially('2026-04-31');
    await to.press('Enter');
    await expect.poll(() => fieldError(page, 'filter-created-to')).toBe(fill(en.common.day.notADay, { text: '2026-04-31' }));
    await page.waitForTimeout(300);
    expect(param(page, 'createdTo')).toBeNull();
    expect(param(page, 'createdFrom')).toBe('2026-02-01');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens the calendar on a click, ArrowDown or its button, not when the field is reached by Tab', async () => {
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    await page.goto(`${web.baseUrl}/admin/audit`);
    const from = page.getByTestId('audit-filter-from');
    const to = page.getByTestId('audit-filter-to');
    await from.waitFor();
    await from.focus();
    await page.keyboard.type('2020-03-01');
    await expect.poll(() => param(page, 'from')).toBe('2020-03-01');
    // One Tab to the next field (the clear button is for the mouse): no calendar shows.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('audit-filter-to');
    await page.waitForTimeout(400);
    expect(await dropdown(page).count()).toBe(0);
    expect(await from.inputValue()).toBe('2020-03-01');
    // ArrowDown opens it, at the month the range starts (not today's: years apart); Escape closes
    // it, the focus staying in the field.
    await page.keyboard.press('ArrowDown');
    await dropdown(page).waitFor();
    await dropdown(page).locator('button[aria-label="2020-03-15"]:not([data-outside])').waitFor();
    await page.keyboard.press('Escape');
    await dropdown(page).waitFor({ state: 'detached' });
    expect(await to.evaluate((el) => el === document.activeElement)).toBe(true);
    // A click opens it; a click outside closes it.
    await to.click();
    await dropdown(page).waitFor();
    await page.getByRole('heading', { level: 1 }).click();
    await dropdown(page).waitFor({ state: 'detached' });
    // The calendar button beside the text opens it too, the focus left in the field for typing.
    await page.locator('.mantine-DateInput-root', { has: to }).getByRole('button', { name: en.common.day.openCalendar }).click();
    await dropdown(page).waitFor();
    expect(await to.evaluate((el) => el === document.activeElement)).toBe(true);
    const fifteenth = dropdown(page).locator('button[aria-label$="-15"]:not([data-outside])');
    const day = (await fifteenth.getAttribute('aria-label'))!;
    await fifteenth.click();
    await expect.poll(() => param(page, 'to')).toBe(day);
    await dropdown(page).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('closes the calendar with Escape before the dialog around the field', async () => {
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    await page.goto(`${web.baseUrl}/admin/api-tokens`);
    await page.getByTestId('new-token').click();
    await page.getByTestId('token-expiry').click();
    await page.getByRole('option', { name: en.admin.tokens.expiry.date }).click();
    const day = page.getByTestId('token-expiry-date');
    await day.click();
    await dropdown(page).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dropdown(page).isVisible()).toBe(false);
    expect(await page.getByTestId('token-form').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('token-form').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('picks a day in a calendar in the interface language, days outside the range not offered', async () => {
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    await page.goto(`${web.baseUrl}/admin/audit?from=2026-03-01&to=2026-03-31`);
    const from = page.getByTestId('audit-filter-from');
    await from.click();
    await dropdown(page).waitFor();
    expect(await dropdown(page).getByRole('button', { name: en.common.day.monthLevel }).textContent()).toBe('March 2026');
    // Weeks start on Monday, as in China.
    expect((await dropdown(page).locator('thead th').allTextContents())[0]).toBe('Mo');
    // The days after the end cannot be picked (April's first days close the last week).
    expect(await dropdown(page).getByRole('button', { name: '2026-03-31' }).isDisabled()).toBe(false);
    expect(await dropdown(page).getByRole('button', { name: '2026-04-01' }).isDisabled()).toBe(true);
    await dropdown(page).getByRole('button', { name: '2026-03-15' }).click();
    await expect.poll(() => param(page, 'from')).toBe('2026-03-15');
    await expect.poll(() => from.inputValue()).toBe('2026-03-15');
    await dropdown(page).waitFor({ state: 'detached' });
    await page.getByTestId('audit-filter-to').click();
    await dropdown(page).waitFor();
    expect(await dropdown(page).getByRole('button', { name: '2026-03-14' }).isDisabled()).toBe(true);
    expect(await dropdown(page).getByRole('button', { name: '2026-03-16' }).isDisabled()).toBe(false);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await context.close();

    // In Chinese: the month as Chinese calendars write it, weekdays in Chinese, the field still year first.
    const zhPage = await pageAs(adminZh, { locale: 'zh-CN' });
    await zhPage.page.goto(`${web.baseUrl}/admin/audit?from=2026-03-01`);
    const zhFrom = zhPage.page.getByTestId('audit-filter-from');
    expect(await zhFrom.inputValue()).toBe('2026-03-01');
    await zhFrom.click();
    await dropdown(zhPage.page).waitFor();
    expect(await dropdown(zhPage.page).getByRole('button', { name: zh.common.day.monthLevel }).textContent()).toBe('2026年3月');
    expect((await dropdown(zhPage.page).locator('thead th').allTextContents())[0]).toBe('一');
    expect(await dropdown(zhPage.page).getByRole('button', { name: zh.common.day.nextMonth }).count()).toBe(1);
    expect(zhPage.errors).toEqual([]);
    await zhPage.context.close();
  });
});
