import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildOrgUnit, buildUser, login, uniqueMobile } from '#test/factories.ts';
import type { TestApp } from '#test/test-app.ts';
import { expectInSight, expectNoHorizontalOverflow, launchBrowser, signedInTabs, startWebApp, type WebApp } from './harness.ts';

/**
 * The customer page as a clerk reads it: money whose currency is plain in both languages, the
 * section bar kept in sight and linking to its sections, and the page (with the exchange rates
 * page) read on a phone.
 */

let web: WebApp;
let browser: Browser;
let adminEn: { id: number; username: string };
let adminZh: { id: number; username: string };
let customerId: number;

beforeAll(async () => {
  browser = await launchBrowser();
  web = await startWebApp();
  const t: TestApp = { app: web.app, db: web.db };
  const hq = await buildOrgUnit(t, null, { code: 'CP-HQ', nameZh: '客户页总行' });
  adminEn = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'cp.admin.en', locale: 'en' });
  adminZh = await buildUser(t, { role: 'admin', orgUnit: hq, username: 'cp.admin.zh', locale: 'zh-CN' });
  const client = await login(t, adminEn);
  const res = await client.post('/api/v1/customers', { kind: 'individual', name: '钱多多', birthDate: '1984-02-09', mobile: uniqueMobile(), allowDuplicate: true });
  expect(res.statusCode, res.body).toBe(201);
  customerId = (res.json() as { id: number }).id;
  // Accounts and transactions come from the business systems (imports): straight into the database here.
  await web.db.query(
    `insert into holdings (customer_id, external_id, kind, product_name, balance, currency) values
       ($1, 'CP-CNY', 'deposit', 'CNY savings', 152300.50, 'CNY'),
       ($1, 'CP-USD', 'deposit', 'USD savings', 12000, 'USD'),
       ($1, 'CP-HKD', 'deposit', 'HKD savings', 8800, 'HKD')`,
    [customerId],
  );
  // Enough transactions for a long page: the section bar has somewhere to scroll to.
  await web.db.query(
    `insert into transactions (customer_id, external_id, occurred_at, amount, currency, direction, merchant)
     select $1, 'CP-T' || n, now() - n * interval '2 days', 100 + n, case when n % 4 = 0 then 'USD' else 'CNY' end, case when n % 3 = 0 then 'credit' else 'debit' end, 'Merchant ' || n
     from generate_series(1, 30) as n`,
    [customerId],
  );
  for (const [currency, rate] of [['USD', '7.1'], ['HKD', '0.91'], ['JPY', '0.0481']]) {
    const put = await client.put(`/api/v1/exchange-rates/${currency}`, { rate });
    expect(put.statusCode, put.body).toBe(200);
  }
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const pageAs = signedInTabs(() => ({ browser, web }));

const texts = (page: Page, testId: string) => page.getByTestId(testId).allTextContents();

/** The top of an element in the window, and the bottom of what stays over the page there (the fixed header and the section bar). */
const tops = (page: Page, id: string) =>
  page.evaluate((sectionId) => {
    const bar = document.querySelector('[data-testid=customer-sections]')!.getBoundingClientRect();
    return { section: document.getElementById(sectionId)!.getBoundingClientRect().top, barTop: bar.top, barBottom: bar.bottom };
  }, id);

/** Whether the section's top sits just below the sticky bar, as a jump to it leaves it. */
const justBelowBar = async (page: Page, section: string) => {
  const at = await tops(page, section);
  return at.section >= at.barBottom - 1 && at.section <= at.barBottom + 40;
};

describe('the customer page', () => {
  it('writes foreign dollars as US$ and HK$ beside the yuan, in English and in Chinese', async () => {
    const en = await pageAs(adminEn, { locale: 'en' });
    await en.page.goto(`${web.baseUrl}/customers/${customerId}`);
    await expect.poll(() => en.page.getByTestId('holding-row').count()).toBe(3);
    const balances = (await en.page.getByTestId('holdings-table').locator('td').allTextContents()).join(' ');
    expect(balances).toContain('US$12,000.00');
    expect(balances).toContain('HK$8,800.00');
    expect(balances).toContain('CN¥152,300.50');
    // No amount with a bare dollar sign, whose dollars it would leave open.
    expect(balances).not.toMatch(/(^|[^A-Z])\$/);
    await en.page.getByTestId('transaction-row').first().waitFor();
    const amounts = (await en.page.getByTestId('transactions-table').locator('td').allTextContents()).join(' ');
    expect(amounts).toMatch(/[+−]US\$1\d\d\.00/);
    expect(amounts).toMatch(/[+−]CN¥1\d\d\.00/);
    expect(amounts).not.toMatch(/(^|[^A-Z])\$/);
    expect(en.errors).toEqual([]);
    await en.context.close();

    // Chinese writes the yuan as ¥, as before; the dollars as in English.
    const zh = await pageAs(adminZh, { locale: 'zh-CN' });
    await zh.page.goto(`${web.baseUrl}/customers/${customerId}`);
    await expect.poll(() => zh.page.getByTestId('holding-row').count()).toBe(3);
    const zhBalances = (await zh.page.getByTestId('holdings-table').locator('td').allTextContents()).join(' ');
    expect(zhBalances).toContain('US$12,000.00');
    expect(zhBalances).toContain('HK$8,800.00');
    expect(zhBalances).toMatch(/(^|[^A-Z])¥152,300\.50/);
    expect(zh.errors).toEqual([]);
    await zh.context.close();
  });

  it('keeps the section bar under the header while the page scrolls, its entries links to the sections', async () => {
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    await page.goto(`${web.baseUrl}/customers/${customerId}`);
    await page.getByTestId('transaction-row').first().waitFor();
    const links = page.getByTestId('customer-section-link');
    const transactions = links.and(page.locator('[data-section=transactions]'));
    // Real links: they can be opened in a new tab, or copied.
    expect(await transactions.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(`${web.baseUrl}/customers/${customerId}#section-transactions`);
    expect(await links.evaluateAll((all) => all.every((a) => a.tagName === 'A' && (a as HTMLAnchorElement).hash.startsWith('#section-')))).toBe(true);

    // Scrolled to the end, the bar is still right under the header, not covered by what scrolls past.
    const header = await page.locator('header.mantine-AppShell-header').evaluate((el) => el.getBoundingClientRect().bottom);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY > 1000)).toBe(true);
    const { barTop } = await tops(page, 'section-transactions');
    expect(Math.abs(barTop - header)).toBeLessThanOrEqual(1);
    const box = (await page.getByTestId('customer-sections').boundingBox())!;
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid=customer-sections]') !== null, [box.x + 4, box.y + box.height / 2])).toBe(true);

    // A click goes to the section, below the bar, and names it in the address without a new history entry.
    await page.evaluate(() => window.scrollTo(0, 0));
    const entries = await page.evaluate(() => history.length);
    await transactions.click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#section-transactions');
    await expect.poll(() => justBelowBar(page, 'section-transactions')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-transactions');
    expect(await page.evaluate(() => history.length)).toBe(entries);
    // The bar marks the section being read, and follows the reader back up.
    await expect.poll(() => page.locator('[data-testid=customer-section-link][aria-current=location]').getAttribute('data-section')).toBe('transactions');
    await page.evaluate(() => window.scrollTo(0, 0));
    const first = await links.first().getAttribute('data-section');
    await expect.poll(() => page.locator('[data-testid=customer-section-link][aria-current=location]').getAttribute('data-section')).toBe(first);
    await transactions.click();
    await expect.poll(() => justBelowBar(page, 'section-transactions')).toBe(true);
    // The page did not reload: the router took the fragment.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

    // A middle click opens the section in a new tab.
    const [tab] = await Promise.all([context.waitForEvent('page'), links.and(page.locator('[data-section=holdings]')).click({ button: 'middle' })]);
    await expect.poll(() => tab.url()).toBe(`${web.baseUrl}/customers/${customerId}#section-holdings`);
    expect(new URL(page.url()).hash).toBe('#section-transactions');
    await tab.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens scrolled to the section its address names, while the panels above it load', async () => {
    const { page, errors, context } = await pageAs(adminEn, { locale: 'en' });
    await page.goto(`${web.baseUrl}/customers/${customerId}#section-transactions`);
    await page.getByTestId('transaction-row').first().waitFor();
    await expect.poll(() => justBelowBar(page, 'section-transactions')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-transactions');
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [locale, user] of [
    ['en', () => adminEn],
    ['zh-CN', () => adminZh],
  ] as const) {
    it(`reads well on a 390×844 phone (${locale}): the header's details in full lines, the exchange rates without sideways scrolling`, async () => {
      const { page, errors, context } = await pageAs(user(), { locale, width: 390, height: 844 });
      await page.goto(`${web.baseUrl}/customers/${customerId}`);
      const header = page.getByTestId('customer-360').locator('header');
      await header.waitFor();
      // The moment of the last change is one line, not broken after the year; the details take the
      // width of the card rather than a column beside the buttons.
      const updated = await header.evaluate((el) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(node.textContent ?? '')) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
        }
        return 0;
      });
      expect(updated).toBe(1);
      const [name, card] = await Promise.all([page.getByTestId('customer-name').boundingBox(), header.boundingBox()]);
      const code = (await page.getByTestId('customer-code').boundingBox())!;
      expect(code.y).toBeGreaterThan(name!.y);
      expect(await page.getByTestId('customer-code').evaluate((el) => el.closest('.mantine-Stack-root')!.getBoundingClientRect().width)).toBeGreaterThan(card!.width * 0.7);
      await expectInSight(page, page.getByTestId('edit-customer'));
      await expectNoHorizontalOverflow(page);

      await page.goto(`${web.baseUrl}/admin/exchange-rates`);
      const usd = page.locator('[data-testid=rate-row][data-currency=USD]');
      await usd.waitFor();
      // Nothing in the list is wider than its box: every rate, its date and its buttons in sight.
      const wider = await page.locator('section', { has: page.getByTestId('rates-table') }).evaluate((section) =>
        [section, ...Array.from(section.querySelectorAll('*'))].filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible').length,
      );
      expect(wider).toBe(0);
      expect(await usd.getByTestId('rate-value-cell').textContent()).toBe('1 USD = 7.1 CNY');
      await expectInSight(page, usd.getByTestId('rate-value-cell'));
      await expectInSight(page, usd.getByTestId('rate-edit'));
      await expectInSight(page, usd.getByTestId('rate-remove'));
      expect(await texts(page, 'rate-row')).toHaveLength(4);
      await expectNoHorizontalOverflow(page);

      // Editing from the list works as from the table.
      await usd.getByTestId('rate-edit').click();
      await expect.poll(() => page.getByTestId('rate-value').inputValue()).toBe('7.1');

      // The customer list's lines break between values, never inside a date or a mobile.
      await page.goto(`${web.baseUrl}/customers?cols=code,name,mobile,orgUnit,createdAt,updatedAt`);
      const summary = page.getByTestId('customer-summary').first();
      await summary.waitFor();
      const broken = await summary.evaluate((el) =>
        Array.from(el.querySelectorAll('span'))
          .filter((span) => /^(\d{4}-\d{2}-\d{2}|\d{3} \d{4} \d{4})$/.test(span.textContent ?? ''))
          .map((span) => ({ text: span.textContent, lines: new Set(Array.from(span.getClientRects(), (r) => Math.round(r.top))).size })),
      );
      expect(broken.length).toBeGreaterThanOrEqual(2);
      expect(broken.filter((b) => b.lines > 1)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
