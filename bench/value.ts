/**
 * Customer value benchmark (npm run bench:value): RFM, contribution, the Pareto core, tiers and
 * lifecycle for every customer in one recompute, beside the same RFM alone as the plain SQL of
 * STACK-NOTES (GROUP BY + 3 × ntile) in the same run, on N demo customers with T transactions.
 *
 *   npm run bench:value -- --customers 1000000 --transactions 10000000 --db postgres
 */
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ValueService } from '#modules/value/value.service.ts';
import { machine, openBenchDb, prepare } from './setup.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    transactions: { type: 'string', default: '10000000' },
    db: { type: 'string', default: 'postgres' },
    // A DuckDB file for the purchase copy, kept between runs (default: in memory, copied anew).
    store: { type: 'string' },
  },
});
const N = Number(args.customers);
const T = Number(args.transactions);

async function main() {
  const db = await openBenchDb({ customers: N, db: args.db as 'postgres' | 'pglite', fresh: false });
  const results: Record<string, unknown> = { ...machine(), db: args.db, customers: N, transactions: T };
  await prepare(db, { customers: N, db: args.db as 'postgres' | 'pglite', fresh: false }, results);
  const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from transactions where external_id like 'VB%'`)) as [{ n: number }];
  if (n < T) {
    console.log(`  generating ${(T - n).toLocaleString()} transactions …`);
    const [{ lo, hi }] = (await db.query<{ lo: number; hi: number }>('select min(id)::int as lo, max(id)::int as hi from customers')) as [{ lo: number; hi: number }];
    for (let from = n; from < T; from += 1_000_000) {
      const to = Math.min(T, from + 1_000_000);
      // Spread over the customers and the last 400 days; a fifth are credits.
      await db.query(
        `insert into transactions (customer_id, external_id, occurred_at, amount, direction)
         select $1::bigint + (g * 7919) % ($2::bigint - $1::bigint + 1), 'VB' || g, now() - make_interval(secs => (g * 104729) % (400 * 86400)),
                ((g * 31) % 100000) / 10.0 + 1, case when g % 5 = 0 then 'credit' else 'debit' end
           from generate_series($3::bigint, $4::bigint - 1) g`,
        [lo, hi, from, to],
      );
    }
    await db.exec('analyze transactions');
  }

  // Contribution reads balances: two holdings per customer on average, of mixed kinds, a few rich.
  const [{ h }] = (await db.query<{ h: number }>(`select count(*)::int as h from holdings where external_id like 'VH%'`)) as [{ h: number }];
  if (h === 0) {
    console.log(`  generating ${(2 * N).toLocaleString()} holdings …`);
    const [{ lo, hi }] = (await db.query<{ lo: number; hi: number }>('select min(id)::int as lo, max(id)::int as hi from customers')) as [{ lo: number; hi: number }];
    await db.query(
      `insert into holdings (customer_id, external_id, kind, balance, opened_on, status)
       select $1::bigint + (g * 7919) % ($2::bigint - $1::bigint + 1), 'VH' || g,
              (array['deposit', 'deposit', 'debit_card', 'credit_card', 'loan', 'investment', 'insurance', 'mortgage'])[1 + g % 8],
              round((((g * 104729) % 1000) ^ 3 / 2000.0)::numeric, 2), current_date - (g % 3000)::int, case when g % 20 = 0 then 'closed' else 'active' end
         from generate_series(1, $3::bigint) g`,
      [lo, hi, 2 * N],
    );
    await db.exec('analyze holdings');
  }

  // Baseline: the plain RFM query, nothing stored.
  const t0 = performance.now();
  await db.query(
    `select count(*) from (
       select customer_id, ntile(5) over (order by max(occurred_at)) r, ntile(5) over (order by count(*)) f, ntile(5) over (order by sum(amount)) m
         from transactions where direction = 'debit' and occurred_at >= now() - interval '365 days' group by customer_id) x`,
  );
  const baseline = (performance.now() - t0) / 1000;
  // The purchase copy starts empty, as on a new server: the first run copies every purchase.
  const value = new ValueService(db, args.store);
  const first = await value.recompute();
  // The next night with nothing new: the copy is current, no value moved.
  const steady = await value.recompute();
  // A day's business: one customer in a hundred buys something.
  const [{ lo, hi }] = (await db.query<{ lo: number; hi: number }>('select min(id)::int as lo, max(id)::int as hi from customers')) as [{ lo: number; hi: number }];
  const day = Math.round((hi - lo + 1) / 100);
  await db.query(
    `insert into transactions (customer_id, external_id, occurred_at, amount, direction)
     select $1::bigint + (g * 7919) % ($2::bigint - $1::bigint + 1), 'VD' || extract(epoch from now())::bigint || '-' || g, now() - make_interval(secs => g % 3600), 88, 'debit'
       from generate_series(1, $3::int) g`,
    [lo, hi, day],
  );
  const daily = await value.recompute();
  await value.store.close();
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const line = (name: string, r: typeof first) =>
    `${name}: ${seconds(r.ms)} s — copy ${r.purchases.appended.toLocaleString()} purchases ${seconds(r.purchases.ms)} s; ` +
    Object.entries(r.phases).map(([k, v]) => `${k} ${seconds(v)} s`).join(', ') + `; ${r.changed.toLocaleString()} customers written`;
  Object.assign(results, { baselineRfmSeconds: baseline, first, steady, daily, scored: first.scored, core: first.core });
  console.log(`\nplain RFM query in the database (3 × ntile, nothing stored): ${baseline.toFixed(1)} s`);
  console.log(`RFM alone from the purchase copy (steady run): ${seconds(steady.phases['purchaseStats.rfm']!)} s; with lifecycle, lifetime-value inputs and export: ${seconds(steady.phases.purchaseStats!)} s`);
  console.log(line('first recompute (empty copy, every customer written)', first));
  console.log(line('steady recompute (nothing new)', steady));
  console.log(line(`next day (${day.toLocaleString()} new purchases)`, daily));
  console.log('targets: RFM ≤ 3 s over 10,000,000 transactions; contribution, tiers and lifecycle for 1,000,000 customers ≤ 10 s');
  mkdirSync('bench/out', { recursive: true });
  writeFileSync(`bench/out/value-${args.db}.json`, JSON.stringify(results, null, 2));
  await db.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
