import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '#platform/db/db.ts';
import { testDb } from '#test/test-app.ts';
import { TEST_PASSWORD } from '#test/factories.ts';
import { buildApp } from '../server/app.ts';

/** Debian's chromium; CI installs it (.ci/run). Never downloaded by the tests. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches chromium, or fails with what to do: a missing browser must not pass as skipped tests. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}, which is not installed. ` +
        'Install it with `apt-get install -y chromium` (CI does this in .ci/run) or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface WebApp {
  app: FastifyInstance;
  db: Db;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The whole server in this process on its own test database (PGlite, or PostgreSQL with DATABASE_URL), on a free port.
 * `backupDir`: where its backups go; suites that make backups pass their own temporary folder, as the default is shared.
 */
export async function startWebApp(options: { backupDir?: string } = {}): Promise<WebApp> {
  const db = await testDb();
  const app = await buildApp({ db, logLevel: 'silent', backupDir: options.backupDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    db,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** A browser tab that records uncaught errors, so a test can insist there were none. */
export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export async function openPage(browser: Browser, options: { locale?: string; width?: number; height?: number; storageState?: StorageState } = {}) {
  const context: BrowserContext = await browser.newContext({
    storageState: options.storageState,
    locale: options.locale ?? 'zh-CN',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

export async function signIn(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('input[name=password]').press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Tabs signed in as a user. Sign-ins per address are limited (20 a minute), so each user signs in
 * once and his later tabs reuse the session. With `forgetSignInErrors`, what the page signing in
 * lands on did (its own test's business) is not held against the tab's test.
 * `of` gives the browser and the app, which a test file starts in its beforeAll.
 */
export function signedInTabs(of: () => { browser: Browser; web: WebApp }, options: { forgetSignInErrors?: boolean } = {}) {
  const sessions = new Map<string, StorageState>();
  const open = async (user: { username: string }, tab: { locale?: string; width?: number; height?: number } = {}) => {
    const { browser, web } = of();
    const saved = sessions.get(user.username);
    const opened = await openPage(browser, { ...tab, storageState: saved });
    if (!saved) {
      await signIn(opened.page, web.baseUrl, user.username);
      sessions.set(user.username, await opened.context.storageState());
      if (options.forgetSignInErrors) opened.errors.length = 0;
    }
    return opened;
  };
  /** Keeps a session signed in some other way, for the user's later tabs. */
  const remember = (username: string, state: StorageState) => void sessions.set(username, state);
  return Object.assign(open, { remember });
}

/** Nothing wider than the window: no sideways scrolling of the page itself (tables scroll inside their box). */
export async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, 'page wider than the window').toBeLessThanOrEqual(innerWidth);
}

/**
 * Adds up the gzipped size of every script the page loads from now on; scripts whose URL matches
 * `deferred` (chunks loaded after the page shows its content, e.g. charts) are added up apart.
 */
export function recordScripts(page: Page, deferred?: RegExp) {
  const pending: Promise<{ url: string; size: number }>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    const url = response.url();
    pending.push(response.body().then((body) => ({ url, size: gzipSync(body, { level: 9 }).length }), () => ({ url, size: 0 })));
  };
  page.on('response', onResponse);
  return {
    async total() {
      page.off('response', onResponse);
      const sizes = await Promise.all(pending);
      const first = sizes.filter((s) => !deferred?.test(s.url));
      const later = sizes.filter((s) => deferred?.test(s.url));
      return { bytes: first.reduce((a, b) => a + b.size, 0), files: first.length, deferredBytes: later.reduce((a, b) => a + b.size, 0) };
    },
  };
}

const SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** Saves docs/screenshots/<name>.png when UPDATE_SCREENSHOTS=1 (npm run screenshots); otherwise does nothing. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await mkdir(SCREENSHOTS, { recursive: true });
  // Toasts would cover the header; the page is shown from its top.
  const hide = await page.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
  await page.evaluate(() => window.scrollTo(0, 0));
  const viewport = page.viewportSize();
  // Let transitions and lazy panels settle so the picture shows the finished page.
  await page.waitForTimeout(400);
  if (options.fullPage && viewport) {
    // A window as tall as the page draws the fixed header and navigation once, where they belong.
    for (let round = 0; round < 3; round++) {
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const current = page.viewportSize()?.height ?? 0;
      if (height <= current) break;
      await page.setViewportSize({ width: viewport.width, height });
      await page.waitForTimeout(300);
    }
  }
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, animations: 'disabled', caret: 'hide' });
  if (options.fullPage && viewport) await page.setViewportSize(viewport);
  await hide.evaluate((element) => (element as HTMLStyleElement).remove());
}

/**
 * Shown and within the window's width: in sight without swiping. (A table wider than a phone scrolls
 * inside its own box, which the page's width does not reveal.)
 */
export async function expectInSight(page: Page, locator: Locator) {
  await locator.waitFor();
  const box = await locator.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, 'not shown').not.toBeNull();
  expect(box!.x, 'cut off on the left').toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, 'out of sight on the right').toBeLessThanOrEqual(width);
}
