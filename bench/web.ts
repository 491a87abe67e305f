/**
 * Web benchmarks (npm run bench:web): time from navigation to a rendered customer list page and
 * to a rendered customer 360 page, in Debian's chromium, on N customers. Beside each, measured in
 * the same run: the API requests the page makes (fetched from the same browser), and the
 * navigation to a static file (what the browser and server cost before any app code runs).
 *
 *   npm run bench:web -- --customers 1000000 --db postgres
 */
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../server/app.ts';
import { openBenchDb, prepare, machine, BENCH_PASSWORD, type BenchArgs } from './setup.ts';
import { ms, percentile, table, type Latency } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    db: { type: 'string', default: 'postgres' },
    runs: { type: 'string', default: '30' },
    fresh: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const benchArgs: BenchArgs = { customers: Number(args.customers), db: args.db === 'pglite' ? 'pglite' : 'postgres', fresh: args.fresh };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function summary(samples: number[]): Latency & { max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}

/** Waits until the page shows its content: the marker element, and no spinner or skeleton left. */
async function rendered(page: Page, testId: string) {
  await page.getByTestId(testId).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root, .mantine-Skeleton-root[data-visible="true"]'));
}

async function timeNavigation(page: Page, url: string, testId: string | null): Promise<number> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: testId ? 'commit' : 'load' });
  if (testId) await rendered(page, testId);
  return performance.now() - t0;
}

/** Mean time of fetch() calls from inside the page: the API cost as the browser sees it. */
async function timeFetches(page: Page, paths: string[]): Promise<number> {
  return page.evaluate(async (list) => {
    const t0 = performance.now();
    await Promise.all(list.map((path) => fetch(path, { headers: { accept: 'application/json' } }).then((r) => r.text())));
    return performance.now() - t0;
  }, paths);
}

async function main() {
  console.log(`Guanxi web benchmarks — ${benchArgs.customers.toLocaleString()} customers on ${benchArgs.db}`);
  const db = await openBenchDb(benchArgs);
  await prepare(db, benchArgs);
  const build = spawnSync(process.execPath, ['scripts/build-web-if-stale.js', '--quiet', '--strict'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the web app failed');
  const app = await buildApp({ db, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);

  // First visit with an empty cache: the JavaScript the sign-in page and the list page need.
  let scriptBytes = 0;
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') pending.push(response.body().then((b) => void (scriptBytes += gzipSync(b, { level: 9 }).length), () => undefined));
  });
  await page.goto(`${base}/login`);
  await page.locator('input[name=username]').fill('bench_head');
  await page.locator('input[name=password]').fill(BENCH_PASSWORD);
  await page.locator('input[name=password]').press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  const coldList = await timeNavigation(page, `${base}/customers`, 'customer-row');
  await Promise.all(pending);
  page.removeAllListeners('response');

  const sample = await db.query<{ id: number }>(`select id from customers where deleted_at is null order by md5(id::text) limit $1`, [RUNS]);
  const list: number[] = [];
  const customer360: number[] = [];
  const listApi: number[] = [];
  const api360: number[] = [];
  const staticFile: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    list.push(await timeNavigation(page, `${base}/customers`, 'customer-row'));
    listApi.push(await timeFetches(page, ['/api/v1/auth/me', '/api/v1/customers?sort=-createdAt&limit=50', '/api/v1/org-units']));
    const id = sample[i % sample.length]!.id;
    customer360.push(await timeNavigation(page, `${base}/customers/${id}`, 'customer-360'));
    api360.push(await timeFetches(page, [`/api/v1/customers/${id}`, `/api/v1/customers/${id}/activities`, `/api/v1/customers/${id}/timeline`]));
    staticFile.push(await timeNavigation(page, `${base}/favicon.svg`, null));
  }
  const results = {
    ...machine(),
    customers: benchArgs.customers,
    db: benchArgs.db,
    firstVisitScriptsGzipBytes: scriptBytes,
    coldListMs: coldList,
    list: summary(list),
    listApi: summary(listApi),
    customer360: summary(customer360),
    api360: summary(api360),
    staticFile: summary(staticFile),
  };
  console.log(`\nFirst visit (empty cache): list page rendered in ${ms(coldList)}; JavaScript ${(scriptBytes / 1024).toFixed(1)} kB gzipped (target ≤ 300 kB)`);
  console.log(`\nNavigation → rendered page, ${RUNS} runs (target ≤ 1 s each)`);
  console.log(
    table([
      ['', 'p50', 'p95', 'max'],
      ['customer list page', ms(results.list.p50), ms(results.list.p95), ms(results.list.max)],
      ['  its API calls (fetched in the page)', ms(results.listApi.p50), ms(results.listApi.p95), ms(results.listApi.max)],
      ['customer 360 page', ms(results.customer360.p50), ms(results.customer360.p95), ms(results.customer360.max)],
      ['  its API calls (fetched in the page)', ms(results.api360.p50), ms(results.api360.p95), ms(results.api360.max)],
      ['static file (browser + server floor)', ms(results.staticFile.p50), ms(results.staticFile.p95), ms(results.staticFile.max)],
    ]),
  );
  mkdirSync('bench/out', { recursive: true });
  writeFileSync(`bench/out/web-${benchArgs.db}-${benchArgs.customers}.json`, JSON.stringify(results, null, 2));
  await browser.close();
  await app.close();
  await db.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
