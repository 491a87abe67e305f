import { z } from 'zod';
import type { Db, Queryable } from '#platform/db/db.ts';
import { scopeCondition, type Actor } from '#platform/auth/actor.ts';
import { settings } from '#platform/settings.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import { AppError, invalidField } from '#platform/errors.ts';
import type { MessageKey } from '#platform/i18n/index.ts';
import { compileRule, conditionsOf, RuleError, RuleSchema, type Rule } from '#modules/tags/rules.ts';
import { estimateClv, type ClvCustomer, type ClvRun } from './clv.ts';

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
      .describe("'custom.<key>' of a number custom field holding yearly income, or 'assets': active deposit and investment balances"),
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

const COLUMNS = `recency_days as "recencyDays", frequency, monetary, r, f, m, rfm_segment as "rfmSegment", contribution,
  contribution_rank as "contributionRank", pareto_core as "paretoCore", tier, lifecycle, trend, matrix_tier as "matrixTier",
  customer_class as "customerClass", vip, clv, expected_purchases as "expectedPurchases", p_alive as "pAlive", computed_at as "computedAt"`;

export const CUSTOMER_CLASSES = ['key', 'potential', 'ordinary'] as const;
/** Fields a classification rule may not read: the key and potential rules decide customerClass; the VIP rule decides vip. */
const DECIDES: Record<keyof ValueSettings['classification'], string[]> = { key: ['customerClass', 'vip'], potential: ['customerClass', 'vip'], vip: ['vip'] };

/** Income for the matrix, as SQL on `customers c`: a malformed custom value counts as unknown. */
function incomeSql(source: string): string {
  if (source === 'assets') return `(select sum(h.balance) from holdings h where h.customer_id = c.id and h.status = 'active' and h.kind in ('deposit', 'investment'))`;
  // The key was checked against /^custom\.[a-z][a-z0-9_]*$/: safe inside the statement.
  const text = `(c.custom ->> '${source.slice('custom.'.length)}')`;
  return `(case when ${text} ~ '^-?[0-9]+(\\.[0-9]+)?$' then ${text}::numeric end)`;
}

/** The band a value falls in: how many bounds it reaches (0 below the first). */
function bandSql(value: string, bounds: number[], params: unknown[]): string {
  if (bounds.length === 0) return `(case when ${value} is null then null else 0 end)`;
  params.push(bounds);
  return `width_bucket(${value}, $${params.length}::numeric[])`;
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
  clvMethod: ClvRun['method'];
  ms: number;
}

/**
 * RFM scores and segments, contribution, the Pareto core and value tiers for every customer, in one
 * statement over transactions and holdings, with a history row per customer and day.
 */
export class ValueService {
  constructor(private readonly db: Db) {}

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
  private async compile(q: Queryable, rule: Rule, field: string, params: unknown[], which: keyof ValueSettings['classification']): Promise<string> {
    // Read one after the other: inside a transaction they share its one connection.
    const custom = await q.query<{ key: string; type: string }>(`select key, type from custom_fields where entity = 'customer' and active`);
    const tags = await q.query<{ key: string; id: number }>(`select key, id from tags`);
    const paths = conditionsOf(rule);
    if (paths.some((c) => 'field' in c && DECIDES[which].includes(c.field))) throw invalidField(field, 'value.rule_reads_itself');
    try {
      return compileRule(rule, { customFields: new Map(custom.map((f) => [f.key, f.type])), tagIds: new Map(tags.map((t) => [t.key, Number(t.id)])) }, params);
    } catch (error) {
      if (error instanceof RuleError) throw invalidField(error.path.replace(/^rule/, field), `tag.rule.${error.reason}` as MessageKey);
      throw error;
    }
  }

  /**
   * Recomputes everything for every customer, in one transaction: RFM, contribution, the core,
   * both tiers and lifecycle in one statement; then the classification rules, which may read those;
   * then the lifetime value, fitted on the purchase history; then today's history row.
   */
  async recompute(): Promise<RecomputeResult> {
    const started = performance.now();
    const cfg = await this.settings();
    const params: unknown[] = [cfg.windowDays, cfg.transactionRate, JSON.stringify(cfg.holdingRates), cfg.paretoShare];
    const ageBand = bandSql('extract(year from age(current_date, c.birth_date))', cfg.matrix.ageBounds, params);
    const incomeBand = bandSql(incomeSql(cfg.matrix.incomeSource), cfg.matrix.incomeBounds, params);
    params.push(JSON.stringify(cfg.matrix.cells));
    // Individuals only: an organisation has neither an age nor a personal income.
    const matrixTier = `case when c.kind = 'individual' then ($${params.length}::jsonb -> (${ageBand})::int) ->> (${incomeBand})::int end`;
    const tier = cfg.tiers.length
      ? `case ${[...cfg.tiers].sort((a, b) => b.minContribution - a.minContribution).map((t) => `when contribution >= $${params.push(t.minContribution)}::numeric then $${params.push(t.key)}::text`).join(' ')} end`
      : 'null::text';
    const segment = `case ${RFM_SEGMENTS.map(([key, condition]) => `when ${condition} then '${key}'`).join(' ')} end`;
    const [counts] = await this.db.transaction(async (tx) => {
      // One pass over every customer: longer than a request may take.
      if (this.db.kind === 'postgres') await tx.query(`set local statement_timeout = '30min'`);
      const rows = await tx.query<{ customers: number; scored: number; core: number }>(
        `with spend as (
           select customer_id, count(*)::int as frequency, sum(amount) as monetary,
                  floor(extract(epoch from now() - max(occurred_at)) / 86400)::int as recency_days
             from transactions
            where direction = 'debit' and occurred_at >= now() - make_interval(days => $1::int)
            group by customer_id),
         quintiles as (
           -- Quintile scores by cumulative share: equal values get equal scores, and a lone
           -- customer is not scored as the worst fifth.
           select s.*, ceil(cume_dist() over (order by recency_days desc) * 5)::int as r,
                  ceil(cume_dist() over (order by frequency) * 5)::int as f,
                  ceil(cume_dist() over (order by monetary) * 5)::int as m
             from spend s),
         halves as (
           select customer_id,
                  coalesce(sum(amount) filter (where occurred_at >= now() - interval '90 days'), 0) as recent,
                  coalesce(sum(amount) filter (where occurred_at < now() - interval '90 days' and occurred_at >= now() - interval '180 days'), 0) as earlier,
                  bool_or(occurred_at < now() - interval '180 days') as older
             from transactions where direction = 'debit' and occurred_at >= now() - interval '3 years'
            group by customer_id),
         held as (
           select customer_id, sum(coalesce(balance, 0) * coalesce(($3::jsonb ->> kind)::numeric, 0)) as income
             from holdings where status = 'active' group by customer_id),
         base as (
           select c.id as customer_id, ${matrixTier} as matrix_tier, q.recency_days, coalesce(q.frequency, 0) as frequency, coalesce(q.monetary, 0) as monetary,
                  q.r, q.f, q.m, round(coalesce(h.income, 0) + coalesce(q.monetary, 0) * $2::numeric, 2) as contribution,
                  case when hv.customer_id is null then null
                       when hv.recent = 0 and hv.earlier = 0 then 'dormant'
                       when hv.earlier = 0 then case when hv.older then 'rising' else 'new' end
                       when hv.recent >= hv.earlier * 1.2 then 'rising'
                       when hv.recent <= hv.earlier * 0.8 then 'declining'
                       else 'peak' end as lifecycle,
                  case when hv.earlier > 0 then round((hv.recent / hv.earlier - 1) * 100, 2) end as trend
             from customers c left join quintiles q on q.customer_id = c.id left join held h on h.customer_id = c.id
             left join halves hv on hv.customer_id = c.id
            where c.deleted_at is null),
         ranked as (
           select b.*, row_number() over (order by contribution desc, customer_id) as contribution_rank,
                  sum(contribution) over (order by contribution desc, customer_id rows between unbounded preceding and current row) - contribution as cum_before,
                  sum(greatest(contribution, 0)) over () as total
             from base b),
         upserted as (
           insert into customer_value (customer_id, recency_days, frequency, monetary, r, f, m, rfm_segment, contribution, contribution_rank, pareto_core, tier, lifecycle, trend,
                                       matrix_tier, customer_class, vip, clv, expected_purchases, p_alive, computed_at)
           select customer_id, recency_days, frequency, monetary, r, f, m, case when r is null then null else ${segment} end,
                  contribution, contribution_rank, contribution > 0 and cum_before < total * $4::numeric, ${tier}, lifecycle, trend,
                  matrix_tier, null, false, null, null, null, now()
             from ranked
           on conflict (customer_id) do update set
             recency_days = excluded.recency_days, frequency = excluded.frequency, monetary = excluded.monetary, r = excluded.r,
             f = excluded.f, m = excluded.m, rfm_segment = excluded.rfm_segment, contribution = excluded.contribution,
             contribution_rank = excluded.contribution_rank, pareto_core = excluded.pareto_core, tier = excluded.tier,
             lifecycle = excluded.lifecycle, trend = excluded.trend, matrix_tier = excluded.matrix_tier,
             -- set again below, after this statement: the rules read its results
             customer_class = null, vip = false, clv = null, expected_purchases = null, p_alive = null, computed_at = excluded.computed_at
           returning customer_id, rfm_segment, contribution, tier, pareto_core, r, lifecycle)
         , history as (
           insert into customer_value_history (customer_id, computed_on, rfm_segment, contribution, tier, pareto_core, lifecycle)
           select customer_id, current_date, rfm_segment, contribution, tier, pareto_core, lifecycle from upserted
           on conflict (customer_id, computed_on) do update set
             rfm_segment = excluded.rfm_segment, contribution = excluded.contribution, tier = excluded.tier, pareto_core = excluded.pareto_core,
             lifecycle = excluded.lifecycle)
         select count(*)::int as customers, count(r)::int as scored, count(*) filter (where pareto_core)::int as core from upserted`,
        params,
      );
      // Deleted customers keep no current value (their history stays).
      await tx.query(`delete from customer_value v using customers c where c.id = v.customer_id and c.deleted_at is not null`);

      // Classification: a rule that no longer compiles (a custom field switched off, a tag
      // deleted) leaves its class unset and is reported with the run, rather than stopping it.
      const problems: RuleProblem[] = [];
      const condition = async (which: keyof ValueSettings['classification'], ruleParams: unknown[]) => {
        const rule = cfg.classification[which];
        if (!rule) return 'false';
        try {
          return await this.compile(tx, rule, 'rule', ruleParams, which);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const first = error.options.fields?.[0];
          problems.push({ rule: which, field: first?.field ?? 'rule', code: first?.message ?? error.messageKey });
          return null;
        }
      };
      const classParams: unknown[] = [];
      const key = await condition('key', classParams);
      const potential = await condition('potential', classParams);
      if (key !== null && potential !== null) {
        await tx.query(
          `update customer_value v set customer_class = case when ${key} then 'key' when ${potential} then 'potential' else 'ordinary' end
             from customers c where c.id = v.customer_id`,
          classParams,
        );
      }
      const vipParams: unknown[] = [];
      const vip = await condition('vip', vipParams);
      if (vip !== null) await tx.query(`update customer_value v set vip = coalesce(${vip}, false) from customers c where c.id = v.customer_id`, vipParams);

      const clv = await this.lifetimeValues(tx, cfg);
      await tx.query(
        `update customer_value_history h set matrix_tier = v.matrix_tier, customer_class = v.customer_class, vip = v.vip, clv = v.clv
           from customer_value v where v.customer_id = h.customer_id and h.computed_on = current_date`,
      );
      const [{ vip: vips }] = (await tx.query<{ vip: number }>(`select count(*) filter (where vip)::int as vip from customer_value`)) as [{ vip: number }];
      const ms = Math.round(performance.now() - started);
      const c = rows[0]!;
      await tx.query(`insert into value_runs (customers, scored, core, vip, ms, clv, problems) values ($1, $2, $3, $4, $5, $6, $7)`, [
        c.customers, c.scored, c.core, vips, ms, JSON.stringify(clv), JSON.stringify(problems),
      ]);
      return [{ ...c, vip: vips, clvMethod: clv.method }];
    });
    return { ...counts!, ms: Math.round(performance.now() - started) };
  }

  /**
   * Lifetime value of every customer who bought in the calibration period: purchases counted by
   * day (several on one day are one purchase), the first one opening his history. Written in
   * batches; customers without purchases keep none.
   */
  private async lifetimeValues(tx: Queryable, cfg: ValueSettings): Promise<ClvRun> {
    const rows = await tx.query<{ id: number; x: number; tx: number; T: number; repeatMean: number | null; total: number }>(
      `with days as (
         select t.customer_id, floor(extract(epoch from t.occurred_at) / 86400)::int as day, sum(t.amount) as amount
           from transactions t join customers c on c.id = t.customer_id and c.deleted_at is null
          where t.direction = 'debit' and t.amount > 0 and t.occurred_at >= now() - make_interval(days => $1::int) and t.occurred_at <= now()
          group by 1, 2),
       firsts as (select customer_id, min(day) as first_day from days group by 1)
       select d.customer_id as id, count(*)::int - 1 as x, max(d.day) - f.first_day as tx,
              floor(extract(epoch from now()) / 86400)::int - f.first_day as "T",
              ((sum(d.amount) - sum(d.amount) filter (where d.day = f.first_day)) / nullif(count(*) - 1, 0))::float8 as "repeatMean",
              sum(d.amount)::float8 as total
         from days d join firsts f on f.customer_id = d.customer_id
        group by d.customer_id, f.first_day
        order by d.customer_id`,
      [cfg.clv.historyDays],
    );
    const customers: ClvCustomer[] = rows.map((r) => ({ id: Number(r.id), x: r.x, tx: r.tx, T: r.T, repeatMean: r.repeatMean, total: r.total }));
    const { run, estimates } = estimateClv(customers, cfg.clv);
    const BATCH = 5000;
    for (let i = 0; i < estimates.length; i += BATCH) {
      const batch = estimates.slice(i, i + BATCH);
      await tx.query(
        `update customer_value v set clv = u.clv, expected_purchases = u.purchases, p_alive = u.alive
           from (select unnest($1::bigint[]) as id, unnest($2::numeric[]) as clv, unnest($3::numeric[]) as purchases, unnest($4::numeric[]) as alive) u
          where v.customer_id = u.id`,
        [batch.map((e) => e.id), batch.map((e) => e.clv), batch.map((e) => e.expectedPurchases), batch.map((e) => e.pAlive)],
      );
    }
    return run;
  }

  /** The latest recomputes, newest first: counts, the lifetime-value method and its parameters, rules that failed. */
  async runs(limit = 10) {
    return this.db.query<{ id: number; computedAt: Date; customers: number; scored: number; core: number; vip: number; ms: number; clv: ClvRun; problems: RuleProblem[] }>(
      `select id::int as id, computed_at as "computedAt", customers, scored, core, vip, ms, clv, problems from value_runs order by computed_at desc, id desc limit $1`,
      [limit],
    );
  }

  async forCustomer(customerId: number) {
    const [current] = await this.db.query<CustomerValue>(`select ${COLUMNS} from customer_value where customer_id = $1`, [customerId]);
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
        `select count(*)::int as customers, count(*) filter (where v.pareto_core)::int as core, max(v.computed_at) as "computedAt",
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
