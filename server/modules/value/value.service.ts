import { z } from 'zod';
import type { Db, Queryable } from '#platform/db/db.ts';
import { scopeCondition, type Actor } from '#platform/auth/actor.ts';
import { settings } from '#platform/settings.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import { AppError, invalidField } from '#platform/errors.ts';
import type { MessageKey } from '#platform/i18n/index.ts';
import { compileRule, conditionsOf, RuleError, RuleSchema, type Rule } from '#modules/tags/rules.ts';
import { createReadStream } from 'node:fs';
import { csvChunks } from '#platform/db/copy-csv.ts';
import { estimateClv, type ClvCustomer, type ClvEstimate, type ClvRun } from './clv.ts';
import { CHANGES_TABLE, ValueStore, VALUE_COLUMNS, type SyncResult } from './value-store.ts';

/**
 * The value formula, editable by administrators. Contribution (贡献度) estimates what a customer
 * brings in a year: each active holding's balance times the margin of its kind (deposits and loans
 * earn a spread, cards and insurance fees), plus a rate on his spending in the window.
 */
const HOLDING_KINDS = ['deposit', 'loan', 'mortgage', 'credit_card', 'debit_card', 'insurance', 'investment', 'service_contract', 'membership', 'other'] as const;
const tierKey = z.string().regex(/^[a-z][a-z0-9_]{0,30}$/);
const ascending = (list: number[]) => list.every((v, i) => i === 0 || v > list[i - 1]!);

/**
 * The customer grade matrix (客户等级): age bands × income bands → a tier. Bounds are where the
 * next band begins, so [30, 45, 60] makes four bands: under 30, 30–44, 45–59 and 60 or older.
 * Income is a number custom field (yearly income, as the customer declared it) or, where none is
 * kept, the customer's deposits and investments. Unknown age or income: no matrix tier.
 */
const Matrix = z
  .strictObject({
    incomeSource: z
      .union([z.literal('assets'), z.string().regex(/^custom\.[a-z][a-z0-9_]{0,49}$/)])
      .describe("'custom.<key>' of a number custom field holding yearly income, or 'assets': active deposit and investment balances in yuan"),
    ageBounds: z.array(z.number().int().min(1).max(120)).max(8).refine(ascending, { params: { messageKey: 'value.bounds_ascending' } }).describe('Ages where the next band begins, ascending'),
    incomeBounds: z.array(z.number().min(0)).max(8).refine(ascending, { params: { messageKey: 'value.bounds_ascending' } }).describe('Incomes where the next band begins, ascending'),
    cells: z.array(z.array(tierKey.nullable()).max(9)).max(9).describe('A row per age band (youngest first), a column per income band (lowest first): the tier key, or null for none'),
  })
  .refine((m) => m.cells.length === m.ageBounds.length + 1 && m.cells.every((row) => row.length === m.incomeBounds.length + 1), {
    params: { messageKey: 'value.matrix_shape' },
    path: ['cells'],
  });

/** Key / potential / ordinary (重点/潜力/普通) and VIP, as rules of the rule language of tags and segments. */
const Classification = z.strictObject({
  key: RuleSchema.nullable().describe('Key customers (重点客户); null: nobody'),
  potential: RuleSchema.nullable().describe('Potential customers (潜力客户), among those who are not key; the rest are ordinary'),
  vip: RuleSchema.nullable().describe('VIP customers; the rest are regular. May read customerClass'),
});

/** Lifetime value (终身价值): BG/NBD purchases × Gamma-Gamma spend over a horizon. */
const Clv = z.strictObject({
  horizonMonths: z.number().int().min(1).max(120).describe('Months ahead the lifetime value covers'),
  discountRate: z.number().min(0).max(1).describe('Yearly discount rate for future value; 0 = none'),
  valueShare: z.number().min(0).max(1).describe('Share of future spending counted as value (1 = the value is the spending)'),
  historyDays: z.number().int().min(90).max(3660).describe('Purchases of these last days calibrate the models'),
  minCustomers: z.number().int().min(10).max(1_000_000).describe('Below this many customers with purchases, fall back to past spending'),
});

const fields = {
  windowDays: z.number().int().min(7).max(3660).describe('RFM and spending look back this many days'),
  holdingRates: z.partialRecord(z.enum(HOLDING_KINDS), z.number().min(-1).max(1)).describe('Yearly margin per holding kind, as a share of the balance'),
  transactionRate: z.number().min(0).max(1).describe('Share of debit spending in the window that counts as fee income'),
  tiers: z
    .array(z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/), minContribution: z.number() }))
    .max(10)
    .refine((tiers) => new Set(tiers.map((t) => t.key)).size === tiers.length, { params: { messageKey: 'field.taken' } })
    .describe('Value tiers, highest first: a customer gets the first whose minimum his contribution reaches (none below the last)'),
  paretoShare: z.number().min(0.05).max(0.99).describe('The core customers together bring this share of all contribution'),
  matrix: Matrix,
  classification: Classification,
  clv: Clv,
};
/** What is stored, with the defaults of an installation that never changed it. */
export const ValueSettings = z.strictObject({
  windowDays: fields.windowDays.default(365),
  holdingRates: fields.holdingRates.default({ deposit: 0.015, loan: 0.03, mortgage: 0.02, credit_card: 0.05, investment: 0.01, insurance: 0.02 }),
  transactionRate: fields.transactionRate.default(0.002),
  tiers: fields.tiers.default([
    { key: 'gold', minContribution: 10_000 },
    { key: 'silver', minContribution: 2_000 },
    { key: 'bronze', minContribution: 0.01 },
  ]),
  paretoShare: fields.paretoShare.default(0.8),
  matrix: fields.matrix.default({
    incomeSource: 'custom.annual_income',
    ageBounds: [30, 45, 60],
    incomeBounds: [100_000, 300_000],
    cells: [
      ['bronze', 'silver', 'gold'],
      ['bronze', 'silver', 'gold'],
      ['bronze', 'silver', 'gold'],
      ['bronze', 'bronze', 'silver'],
    ],
  }),
  classification: fields.classification.default({
    key: { field: 'paretoCore', op: 'eq', value: 'true' },
    potential: {
      any: [
        { field: 'lifecycle', op: 'eq', value: 'rising' },
        { field: 'rfmSegment', op: 'in', value: ['potential', 'new', 'loyal'] },
        { field: 'matrixTier', op: 'eq', value: 'gold' },
      ],
    },
    // Financial assets of ¥500,000 or more, the usual line of a bank's VIP service.
    vip: { holdings: { kind: ['deposit', 'investment'] }, measure: 'balance', op: 'gte', value: 500_000 },
  }),
  clv: fields.clv.default({ horizonMonths: 12, discountRate: 0, valueShare: 1, historyDays: 1095, minCustomers: 200 }),
});
/** A change names every setting: an empty body never resets the formula. */
export const ValueSettingsBody = z.strictObject(fields);
export type ValueSettings = z.infer<typeof ValueSettings>;
const SETTING = 'value.settings';

/**
 * Named RFM segments from quintile scores (5 = most recent, most frequent, most spent; the score is
 * the fifth of the scored customers a value reaches, ties alike), tried in
 * this order; customers without spending in the window have none.
 */
export const RFM_SEGMENTS = [
  ['champions', 'r >= 4 and f >= 4 and m >= 4'],
  ['loyal', 'r >= 3 and f >= 4'],
  ['potential', 'r >= 4 and f between 2 and 3'],
  ['new', 'r >= 4 and f = 1'],
  ['at_risk', 'r <= 2 and f >= 3'],
  ['lost', 'r = 1 and f = 1'],
  ['hibernating', 'r <= 2 and f <= 2'],
  ['need_attention', 'true'],
] as const;

/**
 * Lifecycle stages from spending in the last 90 days against the 90 days before (trend = the
 * change in percent): new (nothing before), rising (+20% or more), declining (−20% or less),
 * peak (steady in between: the plateau), dormant (nothing in 180 days though he spent before).
 */
export const LIFECYCLE_STAGES = ['new', 'rising', 'peak', 'declining', 'dormant'] as const;

export interface CustomerValue {
  recencyDays: number | null;
  frequency: number;
  monetary: string;
  r: number | null;
  f: number | null;
  m: number | null;
  rfmSegment: string | null;
  contribution: string;
  contributionRank: number | null;
  paretoCore: boolean;
  tier: string | null;
  lifecycle: string | null;
  trend: string | null;
  matrixTier: string | null;
  customerClass: (typeof CUSTOMER_CLASSES)[number] | null;
  vip: boolean;
  clv: string | null;
  expectedPurchases: string | null;
  pAlive: string | null;
  computedAt: Date;
}

/**
 * Recency and rank are read, not stored: they move every day or with anyone's contribution, and
 * storing them would rewrite every row at each recompute. The rank is the competition rank (ties
 * share it), counted on the contribution index. The time is the last recompute's.
 */
const COLUMNS = `floor(extract(epoch from now() - v.last_purchase_at) / 86400)::int as "recencyDays", v.frequency, v.monetary, v.r, v.f, v.m,
  v.rfm_segment as "rfmSegment", v.contribution,
  case when v.contribution > 0 then (select count(*) + 1 from customer_value w where w.contribution > v.contribution)::int end as "contributionRank",
  v.pareto_core as "paretoCore", v.tier, v.lifecycle, v.trend, v.matrix_tier as "matrixTier",
  v.customer_class as "customerClass", v.vip, v.clv, v.expected_purchases as "expectedPurchases", v.p_alive as "pAlive",
  greatest(v.computed_at, (select max(computed_at) from value_runs)) as "computedAt"`;

export const CUSTOMER_CLASSES = ['key', 'potential', 'ordinary'] as const;
/** Fields a classification rule may not read: the key and potential rules decide customerClass; the VIP rule decides vip. */
const DECIDES: Record<keyof ValueSettings['classification'], string[]> = { key: ['customerClass', 'vip'], potential: ['customerClass', 'vip'], vip: ['vip'] };

/** A declared yearly income kept in a number custom field, as SQL on `customers c`: a malformed value counts as unknown. */
function declaredIncomeSql(source: string): string {
  if (source === 'assets') return 'null';
  // The key was checked against /^custom\.[a-z][a-z0-9_]*$/: safe inside the statement.
  const text = `(c.custom ->> '${source.slice('custom.'.length)}')`;
  return `(case when ${text} ~ '^-?[0-9]+(\\.[0-9]+)?$' then ${text}::numeric end)`;
}

/** A classification rule that could not be applied in a recompute: which, where in it, and the message key why. */
export interface RuleProblem {
  rule: string;
  field: string;
  code: string;
}

/** The recompute's answer. */
export interface RecomputeResult {
  customers: number;
  scored: number;
  core: number;
  vip: number;
  /** Customers whose value changed (and got a history row). */
  changed: number;
  clvMethod: ClvRun['method'];
  ms: number;
  /** How the copy of the purchases was brought up to date. */
  purchases: SyncResult;
  /** Milliseconds per step, for the benchmark and the log. */
  phases: Record<string, number>;
}


/**
 * RFM scores and segments, contribution, the Pareto core and value tiers for every customer, in one
 * statement over transactions and holdings, with a history row per customer and day.
 */
export class ValueService {
  readonly store: ValueStore;

  /** storePath: where the column-store copy of the purchases is kept (default: in memory). */
  constructor(
    private readonly db: Db,
    storePath?: string,
  ) {
    this.store = new ValueStore(db, storePath);
  }

  async settings(): Promise<ValueSettings> {
    return ValueSettings.parse(await settings.get(this.db, SETTING, {}));
  }

  async saveSettings(actor: Actor, value: ValueSettings): Promise<ValueSettings> {
    // Every rule must compile now, not fail at night.
    for (const which of ['key', 'potential', 'vip'] as const) {
      const rule = value.classification[which];
      if (rule) await this.compile(this.db, rule, `body.classification.${which}`, [], which);
    }
    const before = await this.settings();
    await this.db.transaction(async (tx) => {
      await settings.set(tx, SETTING, value);
      await recordAudit(tx, actor, { action: 'update', entity: 'setting', entityId: SETTING, before, after: value });
    });
    return value;
  }

  /** A classification rule as SQL on `customers c`, or a 400 naming the part at fault. */
  private async compile(
    q: Queryable,
    rule: Rule,
    field: string,
    params: unknown[],
    which: keyof ValueSettings['classification'],
    pass?: { valueAlias: string; joins: string[] },
  ): Promise<string> {
    // Read one after the other: inside a transaction they share its one connection.
    const custom = await q.query<{ key: string; type: string }>(`select key, type from custom_fields where entity = 'customer' and active`);
    const tags = await q.query<{ key: string; id: number }>(`select key, id from tags`);
    const paths = conditionsOf(rule);
    if (paths.some((c) => 'field' in c && DECIDES[which].includes(c.field))) throw invalidField(field, 'value.rule_reads_itself');
    try {
      return compileRule(rule, { customFields: new Map(custom.map((f) => [f.key, f.type])), tagIds: new Map(tags.map((t) => [t.key, Number(t.id)])), ...pass }, params);
    } catch (error) {
      if (error instanceof RuleError) throw invalidField(error.path.replace(/^rule/, field), `tag.rule.${error.reason}` as MessageKey);
      throw error;
    }
  }

  /**
   * Recomputes everything for every customer. The figures are worked out in the column store: RFM,
   * the lifecycle's halves and the lifetime-value inputs from its copy of the purchases; the
   * lifetime value fitted here; then contribution (with each customer's holdings income and matrix
   * tier read from the database), the core and both tiers. Only customers whose value differs from
   * what is stored are sent back; then, in one transaction, they are written, the classification
   * rules (which may read them) run, and a history row is kept for each customer who changed.
   */
  async recompute(): Promise<RecomputeResult> {
    const started = performance.now();
    const phases: Record<string, number> = {};
    let mark = started;
    const phase = (name: string) => {
      const t = performance.now();
      phases[name] = Math.round(t - mark);
      mark = t;
    };
    const cfg = await this.settings();
    // The database's clock, so that every figure is as of the same moment.
    const [{ now }] = (await this.db.query<{ now: Date }>(`select now() as now`)) as [{ now: Date }];
    return this.store.session(async (store) => {
      phases.purchaseCopy = store.synced.ms;
      mark = performance.now();
      const stats = await store.purchaseFigures(now, { windowDays: cfg.windowDays, historyDays: cfg.clv.historyDays });
      for (const [step, ms] of Object.entries(stats.steps)) phases[`purchaseStats.${step}`] = ms;
      phase('purchaseStats');

      const deleted = new Set((await this.db.query<{ id: number }>(`select id from customers where deleted_at is not null`)).map((r) => r.id));
      const [ids = [], xs = [], txs = [], Ts = [], means = [], totals = []] = stats.clv;
      const customers: ClvCustomer[] = [];
      for (let i = 0; i < ids.length; i++) {
        if (!deleted.has(ids[i]!)) customers.push({ id: ids[i]!, x: xs[i]!, tx: txs[i]!, T: Ts[i]!, repeatMean: means[i] ?? null, total: totals[i]! });
      }
      const { run: clv, estimates } = estimateClv(customers, cfg.clv);
      await store.load(
        'clv_in',
        'customer_id bigint, clv decimal(20, 2), expected_purchases decimal(14, 4), p_alive decimal(6, 4)',
        csvChunks(estimates, (e) => [e.id, e.clv.toFixed(2), e.expectedPurchases.toFixed(4), e.pAlive === null ? null : e.pAlive.toFixed(4)]),
      );
      phase('lifetimeValue');

      // From the database: each customer's age and declared income, and the active holdings. They
      // are summed in the column store, where a million customers' sums take a fraction of the time.
      const [customersCsv, holdingsCsv] = await this.db.transaction(async (tx) => {
        await this.longStatements(tx);
        return [
          await tx.copyTo(
            `copy (select c.id, c.kind = 'individual', extract(year from age(current_date, c.birth_date))::int, ${declaredIncomeSql(cfg.matrix.incomeSource)}
                     from customers c where c.deleted_at is null) to stdout with (format csv)`,
          ),
          // In yuan; a balance in a currency without an exchange rate is left out.
          await tx.copyTo(
            `copy (select h.customer_id, h.kind, round(h.balance * x.rate, 2) from holdings h join currency_rates x on x.currency = h.currency
                    where h.status = 'active') to stdout with (format csv)`,
          ),
        ];
      });
      await store.load('customers_in', 'customer_id bigint, individual boolean, age integer, income double', customersCsv);
      await store.load('holdings_in', 'customer_id bigint, kind varchar, balance decimal(20, 2)', holdingsCsv);
      phase('customersRead');

      const counts = await store.nextValues({
        holdingRates: cfg.holdingRates,
        matrix: { assetsAsIncome: cfg.matrix.incomeSource === 'assets', ageBounds: cfg.matrix.ageBounds, incomeBounds: cfg.matrix.incomeBounds, cells: cfg.matrix.cells },
        transactionRate: cfg.transactionRate,
        tiers: [...cfg.tiers].sort((a, b) => b.minContribution - a.minContribution).map((t) => [t.minContribution, t.key]),
        paretoShare: cfg.paretoShare,
        segments: RFM_SEGMENTS,
      });
      phase('valuesComputed');
      const changes = await store.changes();
      phase(changes.mirrorReloaded ? 'changesFound (stored values read back)' : 'changesFound');

      const result = await this.db.transaction(async (tx) => {
        await this.longStatements(tx);
        await tx.query(`create temp table value_diff (${CHANGES_TABLE}) on commit drop`);
        await tx.copyFrom(`copy value_diff from stdin with (format csv)`, createReadStream(changes.file));
        const VALUE = `last_purchase_at, ${VALUE_COLUMNS.slice(1).join(', ')}`;
        const NEW = `to_timestamp(last_at), ${VALUE_COLUMNS.slice(1).join(', ')}`;
        await tx.query(
          `insert into customer_value (customer_id, ${VALUE}, computed_at)
           select customer_id, ${NEW}, $1::timestamptz from value_diff where op <> 'd'
           on conflict (customer_id) do update set (${VALUE}, computed_at) = (${VALUE.split(', ').map((c) => `excluded.${c}`).join(', ')}, excluded.computed_at)`,
          [now],
        );
        await tx.query(`delete from customer_value v using value_diff d where d.op = 'd' and d.customer_id = v.customer_id`);
        await tx.query(`create temp table value_changed on commit drop as select customer_id from value_diff where op <> 'd'`);
        // Deleted customers keep no current value (their history stays); one deleted since the
        // figures were read too.
        await tx.query(`delete from customer_value v using customers c where c.id = v.customer_id and c.deleted_at is not null`);
        phase('valuesWritten');

        // Classification: a rule that no longer compiles (a custom field switched off, a tag
        // deleted) leaves its class unset and is reported with the run, rather than stopping it.
        const problems: RuleProblem[] = [];
        const ruleParams: unknown[] = [];
        // Holdings and transaction measures the rules read, grouped once for everyone and joined.
        const classJoins: string[] = [];
        const vipJoins: string[] = [];
        const condition = async (which: keyof ValueSettings['classification'], valueAlias: string, joins: string[]) => {
          const rule = cfg.classification[which];
          if (!rule) return 'false';
          // Compiled on a copy: a rule that fails leaves no parameters (nor joins) behind.
          const attempt = [...ruleParams];
          const joined: string[] = [];
          try {
            const sql = await this.compile(tx, rule, 'rule', attempt, which, { valueAlias, joins: joined });
            ruleParams.splice(0, ruleParams.length, ...attempt);
            joins.push(...joined);
            return sql;
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            const first = error.options.fields?.[0];
            problems.push({ rule: which, field: first?.field ?? 'rule', code: first?.message ?? error.messageKey });
            return null;
          }
        };
        // The rules read the values written above from the joined row (vv), not by a lookup per
        // customer; the VIP rule may read the class, so when it does it reads the new one (k).
        const key = await condition('key', 'vv', classJoins);
        const potential = await condition('potential', 'vv', classJoins);
        // Both class rules or neither: the parameters of one without the other would go unused.
        if (key === null || potential === null) {
          ruleParams.length = 0;
          classJoins.length = 0;
        }
        const vipReadsClass = conditionsOf(cfg.classification.vip ?? { all: [] }).some((c) => 'field' in c && c.field === 'customerClass');
        const vip = (await condition('vip', vipReadsClass ? 'k' : 'vv', vipReadsClass ? vipJoins : classJoins)) ?? 'false';
        const customerClass = key !== null && potential !== null ? `case when ${key} then 'key' when ${potential} then 'potential' else 'ordinary' end` : 'null::text';
        const READ = 'tier, rfm_segment, r, f, m, contribution, pareto_core, lifecycle, matrix_tier, clv';
        const next = vipReadsClass
          ? `with k as (
               select c.id, ${READ.split(', ').map((col) => `vv.${col}`).join(', ')}, vv.customer_class as old_class, vv.vip as old_vip, ${customerClass} as customer_class
                 from customers c join customer_value vv on vv.customer_id = c.id ${classJoins.join(' ')} where c.deleted_at is null)
             select k.id, k.customer_class as class, coalesce(${vip}, false) as vip, k.old_class, k.old_vip
               from k join customers c on c.id = k.id ${vipJoins.join(' ')}`
          : `select c.id, ${customerClass} as class, coalesce(${vip}, false) as vip, vv.customer_class as old_class, vv.vip as old_vip
               from customers c join customer_value vv on vv.customer_id = c.id ${classJoins.join(' ')} where c.deleted_at is null`;
        await tx.query(
          `with n as (${next}),
           written as (
             update customer_value v set customer_class = n.class, vip = n.vip from n
              where n.id = v.customer_id and (n.old_class, n.old_vip) is distinct from (n.class, n.vip)
             returning v.customer_id)
           insert into value_changed select customer_id from written`,
          ruleParams,
        );
        phase('classes');

        // History: a row that day for each customer whose segment, contribution, tier, core, stage,
        // class or VIP moved since his last row (the lifetime value is kept with it but drifts with
        // every refit, so it alone does not make a row).
        await tx.query(`analyze value_changed`);
        await tx.query(
          `insert into customer_value_history as h (customer_id, computed_on, rfm_segment, contribution, tier, pareto_core, lifecycle, matrix_tier, customer_class, vip, clv)
           select v.customer_id, $1::timestamptz::date, v.rfm_segment, v.contribution, v.tier, v.pareto_core, v.lifecycle, v.matrix_tier, v.customer_class, v.vip, v.clv
             from customer_value v join (select distinct customer_id from value_changed) ch on ch.customer_id = v.customer_id
             left join lateral (
               select * from customer_value_history l where l.customer_id = v.customer_id order by l.computed_on desc limit 1) last on true
            where last.customer_id is null
               or (last.rfm_segment, last.contribution, last.tier, last.pareto_core, last.lifecycle, last.matrix_tier, last.customer_class, last.vip)
                  is distinct from (v.rfm_segment, v.contribution, v.tier, v.pareto_core, v.lifecycle, v.matrix_tier, v.customer_class, v.vip)
           on conflict (customer_id, computed_on) do update set
             (rfm_segment, contribution, tier, pareto_core, lifecycle, matrix_tier, customer_class, vip, clv) =
             (excluded.rfm_segment, excluded.contribution, excluded.tier, excluded.pareto_core, excluded.lifecycle, excluded.matrix_tier,
              excluded.customer_class, excluded.vip, excluded.clv)`,
          [now],
        );
        const [{ vip: vips, changed }] = (await tx.query<{ vip: number; changed: number }>(
          `select (select count(*) filter (where vip)::int from customer_value) as vip, (select count(distinct customer_id)::int from value_changed) as changed`,
        )) as [{ vip: number; changed: number }];
        phase('history');
        const ms = Math.round(performance.now() - started);
        const [run] = await tx.query<{ id: number; atUs: number }>(
          `insert into value_runs (customers, scored, core, vip, ms, clv, problems) values ($1, $2, $3, $4, $5, $6, $7)
           returning id::float8 as id, floor(extract(epoch from computed_at) * 1000000)::float8 as "atUs"`,
          [counts.customers, counts.scored, counts.core, vips, ms, JSON.stringify(clv), JSON.stringify(problems)],
        );
        return { ...counts, vip: vips, changed, clvMethod: clv.method, run: run! };
      });
      // What the database now holds, for the next run to compare with.
      await store.saveMirror(result.run);
      phase('commit');
      const { run: _run, ...figures } = result;
      return { ...figures, ms: Math.round(performance.now() - started), purchases: store.synced, phases };
    });
  }

  /** A recompute's statements pass over every customer: longer than a request may take, sorting in memory. */
  private async longStatements(tx: Queryable) {
    if (this.db.kind !== 'postgres') return;
    await tx.query(`set local statement_timeout = '30min'`);
    await tx.query(`set local work_mem = '256MB'`);
  }

  /** The latest recomputes, newest first: counts, the lifetime-value method and its parameters, rules that failed. */
  async runs(limit = 10) {
    return this.db.query<{ id: number; computedAt: Date; customers: number; scored: number; core: number; vip: number; ms: number; clv: ClvRun; problems: RuleProblem[] }>(
      `select id::int as id, computed_at as "computedAt", customers, scored, core, vip, ms, clv, problems from value_runs order by computed_at desc, id desc limit $1`,
      [limit],
    );
  }

  async forCustomer(customerId: number) {
    const [current] = await this.db.query<CustomerValue>(`select ${COLUMNS} from customer_value v where v.customer_id = $1`, [customerId]);
    const history = await this.db.query<{
      computedOn: string;
      rfmSegment: string | null;
      contribution: string;
      tier: string | null;
      paretoCore: boolean;
      lifecycle: string | null;
      matrixTier: string | null;
      customerClass: string | null;
      vip: boolean;
      clv: string | null;
    }>(
      `select computed_on as "computedOn", rfm_segment as "rfmSegment", contribution, tier, pareto_core as "paretoCore", lifecycle,
              matrix_tier as "matrixTier", customer_class as "customerClass", vip, clv
         from customer_value_history where customer_id = $1 order by computed_on desc limit 24`,
      [customerId],
    );
    return { current: current ?? null, history };
  }

  /**
   * Customers, contribution and lifetime value per RFM segment, tier, lifecycle stage, matrix tier,
   * class and VIP; the core's share; and the last run's lifetime-value method, inside the actor's scope.
   */
  async summary(actor: Actor) {
    const params: unknown[] = [];
    const scope = scopeCondition(actor.scope, 'c', params);
    const from = `from customer_value v join customers c on c.id = v.customer_id where c.deleted_at is null and ${scope}`;
    type Group = { key: string | null; customers: number; contribution: string; clv: string | null };
    const group = (column: string, order: string) =>
      this.db.query<Group>(`select ${column} as key, count(*)::int as customers, sum(v.contribution) as contribution, sum(v.clv) as clv ${from} group by 1 order by ${order}`, params);
    const [bySegment, byTier, byLifecycle, byMatrixTier, byClass, byVip, [core], [run]] = await Promise.all([
      group('v.rfm_segment', '2 desc'),
      group('v.tier', '3 desc nulls last'),
      group('v.lifecycle', '2 desc'),
      group('v.matrix_tier', '2 desc'),
      group('v.customer_class', '2 desc'),
      group('v.vip::text', '1 desc'),
      this.db.query<{ customers: number; core: number; coreContribution: string | null; contribution: string | null; computedAt: Date | null; clv: string | null; clvCustomers: number }>(
        `select count(*)::int as customers, count(*) filter (where v.pareto_core)::int as core, (select max(computed_at) from value_runs) as "computedAt",
                sum(v.contribution) filter (where v.pareto_core) as "coreContribution", sum(greatest(v.contribution, 0)) as contribution,
                sum(v.clv) as clv, count(v.clv)::int as "clvCustomers" ${from}`,
        params,
      ),
      this.runs(1),
    ]);
    const { clv, clvCustomers, ...pareto } = core!;
    return { bySegment, byTier, byLifecycle, byMatrixTier, byClass, byVip, pareto, clv: { total: clv, customers: clvCustomers, run: run?.clv ?? null, problems: run?.problems ?? [] } };
  }
}
