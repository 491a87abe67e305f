import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Db } from '#platform/db/db.ts';

/**
 * The column-store side of the value recompute, in DuckDB beside the database:
 * - a copy of every debit transaction (customer, time, amount, currency): RFM, lifecycle and the
 *   lifetime-value inputs read ten million purchases in about a second here, against fifteen in
 *   PostgreSQL (a row store reading whole rows). Transactions are booked once and never change, so
 *   the copy only appends what is new, and is rebuilt whole when it no longer matches the database
 *   (a restore, another database);
 * - the customer values as last written (`stored`), so a recompute works out here which customers
 *   changed and sends the database only those. It counts as current only while the database's
 *   latest run is the one it was saved with; otherwise it is read back from the database.
 */
export class ValueStore {
  private connection: Promise<{ instance: DuckDBInstance; c: DuckDBConnection }> | undefined;
  /** Serialises recomputes: one at a time uses the store. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Checked against the database once per process (a file may predate a restore), and after `reset`. */
  private verified = false;

  /** path: a DuckDB file kept between starts, or ':memory:' (rebuilt by each process). */
  constructor(
    private readonly db: Db,
    private readonly path = ':memory:',
  ) {}

  private async connect(): Promise<DuckDBConnection> {
    this.connection ??= (async () => {
      if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
      const instance = await DuckDBInstance.create(this.path);
      const c = await instance.connect();
      // Amounts stay exact: DECIMAL(18, 2) (up to 10^16 yuan a purchase) reads twenty times faster
      // than the database's numeric(20, 2), which needs 128-bit decimals; sums widen to 38 digits.
      // A copy made before purchases kept their currency is rebuilt.
      const [currencyKept] = (
        await c.runAndReadAll(`select count(*)::int from information_schema.columns where table_name = 'purchases' and column_name = 'currency'`)
      ).getRowsJS()[0] as [number];
      if (!currencyKept) await c.run(`drop table if exists purchases; drop table if exists sync_state`);
      await c.run(`create table if not exists purchases (id bigint, customer_id bigint, at_s bigint, amount decimal(18, 2), currency varchar)`);
      // safe_id: every transaction id up to it is copied; later ones may still be arriving.
      await c.run(`create table if not exists sync_state (safe_id bigint, copied bigint)`);
      await c.run(`create table if not exists stored (${VALUE_TABLE})`);
      // The database's value run (id and time in microseconds) that wrote what `stored` holds.
      await c.run(`create table if not exists stored_run (id bigint, at_us bigint)`);
      return { instance, c };
    })();
    return (await this.connection).c;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs one recompute on the store, alone: the copy of the purchases is brought up to date first.
   * Temporary tables it makes live until it ends.
   */
  session<T>(fn: (session: ValueSession) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      const synced = await this.sync();
      const c = await this.connect();
      await this.priced(c);
      const dir = await mkdtemp(join(tmpdir(), 'guanxi-value-'));
      try {
        return await fn(new ValueSession(this.db, c, dir, synced, () => this.mirrorChecked(c, dir)));
      } finally {
        await c.run(`drop view if exists priced`);
        for (const table of ['rfm', 'lifecycle', 'lifetime', 'stats', 'customers_in', 'holdings_in', 'held', 'clv_in', 'base', 'next', 'rates']) await c.run(`drop table if exists ${table}`);
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  /** Reads `stored` back from the database unless it was saved by the database's latest run. */
  private async mirrorChecked(c: DuckDBConnection, dir: string): Promise<{ reloaded: boolean }> {
    const [latest] = await this.db.query<{ id: number; atUs: number }>(
      `select id::float8 as id, floor(extract(epoch from computed_at) * 1000000)::float8 as "atUs" from value_runs order by id desc limit 1`,
    );
    const saved = (await c.runAndReadAll(`select id::double, at_us::double from stored_run`)).getRowsJS()[0] as [number, number] | undefined;
    if (latest && saved && saved[0] === latest.id && saved[1] === latest.atUs) return { reloaded: false };
    // Into the session's folder, removed with it.
    const file = join(dir, 'stored.csv');
    await writeFile(
      file,
      await this.db.copyTo(
        `copy (select customer_id, floor(extract(epoch from last_purchase_at))::bigint, frequency, monetary, r, f, m, rfm_segment, contribution,
                      pareto_core::text, tier, lifecycle, trend, matrix_tier, clv, expected_purchases, p_alive from customer_value) to stdout with (format csv)`,
      ),
    );
    await c.run(`delete from stored; delete from stored_run`);
    await c.run(`insert into stored select * from ${readCsv(file, VALUE_TABLE)}`);
    await rm(file);
    return { reloaded: true };
  }

  /**
   * Appends the transactions the copy lacks. On PostgreSQL a transaction being written may hold an
   * id below one already committed, so the safe point only moves when a brief share lock shows no
   * writer in flight; otherwise what is visible is copied and the next sync looks again.
   */
  private async sync(): Promise<SyncResult> {
    const c = await this.connect();
    const started = performance.now();
    const state = (await c.runAndReadAll(`select safe_id::double, copied::double from sync_state`)).getRowsJS()[0] as [number, number] | undefined;
    let [safeId, copied] = state ?? [0, 0];
    // A copy that no longer matches the database (restored, replaced) is rebuilt whole.
    if (safeId > 0 && !this.verified) {
      const [{ n }] = (await this.db.query<{ n: number }>(`select count(*)::int as n from transactions where id <= $1 and direction = 'debit'`, [safeId])) as [{ n: number }];
      if (n !== copied) {
        await c.run(`delete from purchases; delete from sync_state`);
        safeId = 0;
      }
    }
    this.verified = true;
    const upTo = await this.quietMaxId();
    const [{ hi }] = (await this.db.query<{ hi: number | null }>(`select max(id) as hi from transactions`)) as [{ hi: number | null }];
    const last = hi ?? 0;
    let rows = 0;
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-purchases-'));
    try {
      // Rows above the safe point may already be here from a sync that could not move it.
      await c.run(`delete from purchases where id > $1`, [safeId]);
      const STEP = 2_000_000;
      for (let from = safeId; from < last; from += STEP) {
        const to = Math.min(last, from + STEP);
        const csv = await this.db.copyTo(
          `copy (select id, customer_id, floor(extract(epoch from occurred_at))::bigint, amount, currency from transactions
                  where id > ${from} and id <= ${to} and direction = 'debit') to stdout with (format csv)`,
        );
        if (!csv.length) continue;
        const file = join(dir, `${from}.csv`);
        await writeFile(file, csv);
        const result = await c.run(
          `insert into purchases select * from read_csv('${file.replaceAll("'", "''")}', header = false,
             columns = {'id': 'bigint', 'customer_id': 'bigint', 'at_s': 'bigint', 'amount': 'decimal(18, 2)', 'currency': 'varchar'}, auto_detect = false)`,
        );
        rows += Number(result.rowsChanged);
        await rm(file);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const newSafe = upTo ?? safeId;
    const [{ n }] = (await c.runAndReadAll(`select count(*)::double as n from purchases where id <= $1`, [newSafe])).getRowObjectsJS() as [{ n: number }];
    await c.run(`delete from sync_state; insert into sync_state values ($1, $2)`, [newSafe, n]);
    return { appended: rows, rebuilt: safeId === 0 && rows > 0, ms: Math.round(performance.now() - started) };
  }

  /**
   * The view `priced`: the purchases with their amounts in yuan at today's exchange rates (a
   * purchase in a currency without a rate is left out). Rates are read anew for each recompute, so
   * a changed rate reprices the whole history; when every purchase is in yuan, no join is made.
   */
  private async priced(c: DuckDBConnection) {
    const foreign = (await c.runAndReadAll(`select exists (select 1 from purchases where currency <> 'CNY')`)).getRowsJS()[0]![0];
    if (!foreign) {
      await c.run(`create or replace temp view priced as select id, customer_id, at_s, amount from purchases`);
      return;
    }
    await c.run(`create or replace temp table rates (currency varchar, rate decimal(20, 8))`);
    for (const { currency, rate } of await this.db.query<{ currency: string; rate: string }>(`select currency, rate::text as rate from currency_rates`)) {
      await c.run(`insert into rates values ($1, $2::decimal(20, 8))`, [currency, rate]);
    }
    await c.run(
      `create or replace temp view priced as
         select p.id, p.customer_id, p.at_s, cast(p.amount * r.rate as decimal(18, 2)) as amount from purchases p join rates r on r.currency = p.currency`,
    );
  }

  /** The highest transaction id below which nothing more can arrive, or undefined when a writer is busy. */
  private async quietMaxId(): Promise<number | undefined> {
    if (this.db.kind === 'pglite') {
      // One connection: nothing else writes while this runs.
      const [{ hi }] = (await this.db.query<{ hi: number | null }>(`select max(id) as hi from transactions`)) as [{ hi: number | null }];
      return hi ?? 0;
    }
    try {
      return await this.db.transaction(async (tx) => {
        await tx.query(`set local lock_timeout = '2s'`);
        await tx.query(`lock table transactions in share mode`);
        const [{ hi }] = (await tx.query<{ hi: number | null }>(`select max(id) as hi from transactions`)) as [{ hi: number | null }];
        return hi ?? 0;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') return undefined; // lock_not_available: an import is running
      throw error;
    }
  }

  /** The database was replaced (a restore): check the copy again before the next use. */
  reset() {
    this.verified = false;
  }

  async close() {
    const open = await this.connection?.catch(() => undefined);
    this.connection = undefined;
    open?.c.closeSync();
    open?.instance.closeSync();
  }
}

export interface StatsWindows {
  windowDays: number;
  historyDays: number;
}

export interface SyncResult {
  appended: number;
  rebuilt: boolean;
  ms: number;
}

/**
 * A customer's value as stored, the row the recompute compares and writes. The time of the last
 * purchase is in epoch seconds; the rest as the database's customer_value declares it.
 */
export const VALUE_COLUMNS = [
  'last_at', 'frequency', 'monetary', 'r', 'f', 'm', 'rfm_segment', 'contribution', 'pareto_core', 'tier', 'lifecycle', 'trend', 'matrix_tier',
  'clv', 'expected_purchases', 'p_alive',
] as const;
const VALUE_TABLE = `customer_id bigint, last_at bigint, frequency integer, monetary decimal(20, 2), r smallint, f smallint, m smallint, rfm_segment varchar,
  contribution decimal(20, 2), pareto_core boolean, tier varchar, lifecycle varchar, trend decimal(8, 2), matrix_tier varchar, clv decimal(20, 2),
  expected_purchases decimal(14, 4), p_alive decimal(6, 4)`;

/**
 * A CSV file as a relation of the given `name type, …` columns, nothing guessed. DuckDB reads text
 * into a decimal wider than 18 digits (a 128-bit one) some fifty times slower than into a narrower
 * one, so such a column goes through the narrow type when its text is short enough to fit.
 */
function readCsv(file: string, columns: string): string {
  const read: string[] = [];
  const select: string[] = [];
  for (const column of columns.split(/,(?![^(]*\))/)) {
    const [name, ...words] = column.trim().split(/\s+/);
    const type = words.join(' ');
    const wide = /^decimal\((\d+),\s*(\d+)\)$/.exec(type);
    if (wide && Number(wide[1]) > 18) {
      read.push(`'${name}': 'varchar'`);
      select.push(`case when length(${name}) <= 18 then ${name}::decimal(18, ${wide[2]}) else ${name}::${type} end::${type} as ${name}`);
    } else {
      read.push(`'${name}': '${type}'`);
      select.push(name!);
    }
  }
  return `(select ${select.join(', ')} from read_csv('${file.replaceAll("'", "''")}', header = false, auto_detect = false, columns = {${read.join(', ')}}))`;
}

/** What the value formula needs in the column store; numbers and keys as the settings schema checked them. */
export interface NextValuesFormula {
  /** Yearly margin per holding kind, as a share of the balance. */
  holdingRates: Record<string, number>;
  transactionRate: number;
  /** The grade matrix: age and income bounds (where the next band begins), cells[age band][income band]. */
  matrix: { assetsAsIncome: boolean; ageBounds: number[]; incomeBounds: number[]; cells: (string | null)[][] };
  /** [minimum contribution, tier key], highest first. */
  tiers: [number, string][];
  paretoShare: number;
  /** RFM segments in the order they are tried: [key, condition on r, f, m]. */
  segments: readonly (readonly [string, string])[];
}

/** One recompute's use of the store: the figures it works out there, and what it sends back. */
export class ValueSession {
  constructor(
    private readonly db: Db,
    private readonly c: DuckDBConnection,
    private readonly dir: string,
    readonly synced: SyncResult,
    private readonly checkMirror: () => Promise<{ reloaded: boolean }>,
  ) {}

  /**
   * Per-customer purchase figures as of `now` into the temporary table `stats`, each step timed (the
   * benchmark reports RFM alone against its target); returns the lifetime-value inputs by column:
   * customer id, repeat purchase days, recency, age (days), mean repeat spend, total.
   */
  async purchaseFigures(now: Date, windows: StatsWindows): Promise<{ steps: Record<string, number>; clv: number[][] }> {
    const nowS = Math.floor(now.getTime() / 1000);
    const threeYearsAgo = new Date(now);
    threeYearsAgo.setUTCFullYear(threeYearsAgo.getUTCFullYear() - 3);
    const day = 86_400;
    const params = {
      now: nowS,
      window_start: nowS - windows.windowDays * day,
      recent_start: nowS - 90 * day,
      earlier_start: nowS - 180 * day,
      trend_start: Math.floor(threeYearsAgo.getTime() / 1000),
      history_start: nowS - windows.historyDays * day,
    };
    const steps: Record<string, number> = {};
    for (const [name, sql] of STATS_STEPS) {
      const t = performance.now();
      await this.c.run(`create or replace temp table ${name} as ${sql}`, Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`$${k}`))));
      steps[name] = Math.round(performance.now() - t);
    }
    const t = performance.now();
    // In customer order: the models are fitted on a sample taken by position, and the same
    // purchases must give the same fit (and so write nothing) from one night to the next.
    const clv = (await this.c.runAndReadAll(`select customer_id::double, x::double, tx::double, t::double, repeat_mean, total from stats where x is not null order by customer_id`)).getColumnsJS() as number[][];
    steps.lifetimeInputs = Math.round(performance.now() - t);
    return { steps, clv };
  }

  /** Rows into a new temporary table: CSV text (as COPY writes it) or CSV pieces, with `name type, …` columns. */
  async load(table: string, columns: string, csv: Buffer | Iterable<string>) {
    const file = join(this.dir, `${table}.csv`);
    await writeFile(file, Buffer.isBuffer(csv) ? csv : Readable.from(csv));
    await this.c.run(`create or replace temp table ${table} as select * from ${readCsv(file, columns)}`);
    await rm(file);
  }

  /**
   * Every customer's next value into `next`, from `customers_in` (customer_id, individual, age,
   * declared income), `holdings_in` (customer_id, kind, balance of the active ones), `stats` and
   * `clv_in` (customer_id, clv, expected purchases, p_alive). The Pareto core is the largest
   * contributors, taken in order until those before them bring the share of all positive
   * contribution. Returns the counts the run records.
   */
  async nextValues(formula: NextValuesFormula): Promise<{ customers: number; scored: number; core: number }> {
    const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
    const rates = Object.entries(formula.holdingRates);
    // Exact: balance decimal(20, 2) × rate decimal(18, 10), summed in 38 digits.
    const rate = rates.length ? `case kind ${rates.map(([kind, r]) => `when ${quote(kind)} then cast(${quote(String(r))} as double)::decimal(18, 10)`).join(' ')} else 0 end` : '0';
    await this.c.run(
      `create or replace temp table held as
       select customer_id, sum(coalesce(balance, 0) * ${rate}) as income,
              sum(balance) filter (where kind in ('deposit', 'investment')) as assets
         from holdings_in group by customer_id`,
    );
    // The band a value falls in: how many bounds it reaches (0 below the first), as width_bucket.
    const band = (value: string, bounds: number[]) =>
      `(case when ${value} is null then null else ${bounds.length ? bounds.map((b) => `(${value} >= ${Number(b)})::integer`).join(' + ') : '0'} end)`;
    const cells = `[${formula.matrix.cells.map((row) => `[${row.map((cell) => (cell === null ? 'null::varchar' : quote(cell))).join(', ')}]`).join(', ')}]`;
    const income = formula.matrix.assetsAsIncome ? 'h.assets::double' : 'p.income';
    // Individuals only: an organisation has neither an age nor a personal income.
    const matrixTier = `case when p.individual then ${cells}[${band('p.age', formula.matrix.ageBounds)} + 1][${band(income, formula.matrix.incomeBounds)} + 1] end`;
    const tier = formula.tiers.length
      ? `case ${formula.tiers.map(([min, key]) => `when contribution::double >= ${Number(min)} then '${key.replaceAll("'", "''")}'`).join(' ')} end`
      : 'null';
    const segment = `case ${formula.segments.map(([key, condition]) => `when ${condition} then '${key}'`).join(' ')} end`;
    await this.c.run(
      `create or replace temp table base as
       select p.customer_id, ${matrixTier} as matrix_tier, s.last_at, coalesce(s.frequency, 0)::integer as frequency,
              coalesce(s.monetary, 0)::decimal(20, 2) as monetary, s.r::smallint as r, s.f::smallint as f, s.m::smallint as m,
              round(coalesce(h.income, 0) + coalesce(s.monetary, 0)::decimal(20, 2) * $rate::decimal(18, 10), 2)::decimal(20, 2) as contribution,
              case when s.recent is null then null
                   when s.recent = 0 and s.earlier = 0 then 'dormant'
                   when s.earlier = 0 then case when s.older then 'rising' else 'new' end
                   when s.recent >= s.earlier * 1.2 then 'rising'
                   when s.recent <= s.earlier * 0.8 then 'declining'
                   else 'peak' end as lifecycle,
              -- Capped to what the column holds: a customer who spent a cent before and much now.
              case when s.earlier > 0 then least(greatest(round((s.recent / s.earlier - 1) * 100, 2), -999999.99), 999999.99)::decimal(8, 2) end as trend,
              l.clv, l.expected_purchases, l.p_alive
         from customers_in p left join stats s on s.customer_id = p.customer_id left join held h on h.customer_id = p.customer_id
              left join clv_in l on l.customer_id = p.customer_id`,
      { rate: formula.transactionRate },
    );
    await this.c.run(
      `create or replace temp table next as
       with ranked as (
         select customer_id,
                sum(contribution) over (order by contribution desc, customer_id rows between unbounded preceding and current row) - contribution as before
           from base where contribution > 0),
       total as (select sum(contribution) as total from base where contribution > 0)
       select b.customer_id, b.last_at, b.frequency, b.monetary, b.r, b.f, b.m, case when b.r is null then null else ${segment} end as rfm_segment,
              b.contribution, coalesce(k.before::double < t.total::double * $share, false) as pareto_core, ${tier} as tier, b.lifecycle, b.trend,
              b.matrix_tier, b.clv, b.expected_purchases, b.p_alive
         from base b left join ranked k on k.customer_id = b.customer_id cross join total t`,
      { share: formula.paretoShare },
    );
    const [customers, scored, core] = (await this.c.runAndReadAll(`select count(*)::double, count(r)::double, count(*) filter (where pareto_core)::double from next`)).getRowsJS()[0] as [
      number,
      number,
      number,
    ];
    return { customers, scored, core };
  }

  /**
   * The customers whose value differs from what is stored, as a CSV file of customer_id, `op`
   * (a: added, c: changed, d: no longer a customer) and VALUE_COLUMNS, for COPY into the database.
   */
  async changes(): Promise<{ file: string; count: number; mirrorReloaded: boolean }> {
    const { reloaded } = await this.checkMirror();
    const file = join(this.dir, 'changes.csv');
    const differs = VALUE_COLUMNS.map((column) => `n.${column} is distinct from s.${column}`).join(' or ');
    const values = (alias: string) => VALUE_COLUMNS.map((column) => `${alias}.${column}`).join(', ');
    const result = await this.c.run(
      `copy (
         select n.customer_id, case when s.customer_id is null then 'a' else 'c' end as op, ${values('n')}
           from next n left join stored s on s.customer_id = n.customer_id
          where s.customer_id is null or ${differs}
         union all
         select s.customer_id, 'd', ${VALUE_COLUMNS.map(() => 'null').join(', ')}
           from stored s anti join next n on n.customer_id = s.customer_id
       ) to '${file.replaceAll("'", "''")}' (format csv, header false)`,
    );
    return { file, count: Number(result.rowsChanged), mirrorReloaded: reloaded };
  }

  /** After the database committed run `run`: what it now holds is `next`. */
  async saveMirror(run: { id: number; atUs: number }) {
    await this.c.run(`begin transaction`);
    try {
      await this.c.run(`delete from stored; insert into stored select * from next; delete from stored_run; insert into stored_run values ($id, $at)`, {
        id: run.id,
        at: run.atUs,
      });
      await this.c.run(`commit`);
    } catch (error) {
      await this.c.run(`rollback`);
      throw error;
    }
  }
}

/** The value columns of the database's temporary table that receives the changes. */
export const CHANGES_TABLE = `customer_id bigint, op text, last_at bigint, frequency int, monetary numeric(20, 2), r smallint, f smallint, m smallint,
  rfm_segment text, contribution numeric(20, 2), pareto_core boolean, tier text, lifecycle text, trend numeric(8, 2), matrix_tier text,
  clv numeric(20, 2), expected_purchases numeric(14, 4), p_alive numeric(6, 4)`;

/**
 * Per customer: RFM in the window (quintiles by cumulative share, so equal values score alike and a
 * lone customer is not the worst fifth), spending in the last 90 days against the 90 before
 * (lifecycle), and purchase days in the calibration period (lifetime value: several purchases on
 * one day are one; the first opens the history). Times are epoch seconds; days are UTC days.
 */
const STATS_STEPS: [string, string][] = [
  [
    'rfm',
    `with spend as (
       select customer_id, count(*)::int as frequency, sum(amount) as monetary, max(at_s) as last_at,
              floor(($now - max(at_s)) / 86400)::int as recency_days
         from priced where at_s >= $window_start group by customer_id)
     select *, ceil(cume_dist() over (order by recency_days desc) * 5)::int as r,
            ceil(cume_dist() over (order by frequency) * 5)::int as f,
            ceil(cume_dist() over (order by monetary) * 5)::int as m
       from spend`,
  ],
  [
    'lifecycle',
    `select customer_id,
            coalesce(sum(amount) filter (where at_s >= $recent_start), 0) as recent,
            coalesce(sum(amount) filter (where at_s < $recent_start and at_s >= $earlier_start), 0) as earlier,
            bool_or(at_s < $earlier_start) as older
       from priced where at_s >= $trend_start group by customer_id`,
  ],
  [
    'lifetime',
    `with days as (
       select customer_id, at_s // 86400 as day, sum(amount) as amount
         from priced where amount > 0 and at_s >= $history_start and at_s <= $now group by 1, 2)
     select customer_id, count(*)::int - 1 as x, (max(day) - min(day))::int as tx, ($now // 86400 - min(day))::int as t,
            ((sum(amount) - arg_min(amount, day)) / nullif(count(*) - 1, 0))::double as repeat_mean, sum(amount)::double as total
       from days group by customer_id`,
  ],
  [
    'stats',
    `select coalesce(q.customer_id, h.customer_id, l.customer_id) as customer_id, q.last_at, q.recency_days, q.frequency, q.monetary, q.r, q.f, q.m,
            h.recent, h.earlier, h.older, l.x, l.tx, l.t, l.repeat_mean, l.total
       from rfm q
       full join lifecycle h on h.customer_id = q.customer_id
       full join lifetime l on l.customer_id = coalesce(q.customer_id, h.customer_id)`,
  ],
];
