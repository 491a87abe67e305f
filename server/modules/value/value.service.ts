import { z } from 'zod';
import type { Db } from '#platform/db/db.ts';
import { scopeCondition, type Actor } from '#platform/auth/actor.ts';
import { settings } from '#platform/settings.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';

/**
 * The value formula, editable by administrators. Contribution (贡献度) estimates what a customer
 * brings in a year: each active holding's balance times the margin of its kind (deposits and loans
 * earn a spread, cards and insurance fees), plus a rate on his spending in the window.
 */
const HOLDING_KINDS = ['deposit', 'loan', 'mortgage', 'credit_card', 'debit_card', 'insurance', 'investment', 'service_contract', 'membership', 'other'] as const;
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
  computedAt: Date;
}

const COLUMNS = `recency_days as "recencyDays", frequency, monetary, r, f, m, rfm_segment as "rfmSegment", contribution,
  contribution_rank as "contributionRank", pareto_core as "paretoCore", tier, lifecycle, trend, computed_at as "computedAt"`;

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
    const before = await this.settings();
    await this.db.transaction(async (tx) => {
      await settings.set(tx, SETTING, value);
      await recordAudit(tx, actor, { action: 'update', entity: 'setting', entityId: SETTING, before, after: value });
    });
    return value;
  }

  /** Recomputes everything for every customer; answers how many were scored and how many are core. */
  async recompute(): Promise<{ customers: number; scored: number; core: number; ms: number }> {
    const started = performance.now();
    const cfg = await this.settings();
    const params: unknown[] = [cfg.windowDays, cfg.transactionRate, JSON.stringify(cfg.holdingRates), cfg.paretoShare];
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
           select c.id as customer_id, q.recency_days, coalesce(q.frequency, 0) as frequency, coalesce(q.monetary, 0) as monetary,
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
           insert into customer_value (customer_id, recency_days, frequency, monetary, r, f, m, rfm_segment, contribution, contribution_rank, pareto_core, tier, lifecycle, trend, computed_at)
           select customer_id, recency_days, frequency, monetary, r, f, m, case when r is null then null else ${segment} end,
                  contribution, contribution_rank, contribution > 0 and cum_before < total * $4::numeric, ${tier}, lifecycle, trend, now()
             from ranked
           on conflict (customer_id) do update set
             recency_days = excluded.recency_days, frequency = excluded.frequency, monetary = excluded.monetary, r = excluded.r,
             f = excluded.f, m = excluded.m, rfm_segment = excluded.rfm_segment, contribution = excluded.contribution,
             contribution_rank = excluded.contribution_rank, pareto_core = excluded.pareto_core, tier = excluded.tier,
             lifecycle = excluded.lifecycle, trend = excluded.trend, computed_at = excluded.computed_at
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
      return rows;
    });
    return { ...counts!, ms: Math.round(performance.now() - started) };
  }

  async forCustomer(customerId: number) {
    const [current] = await this.db.query<CustomerValue>(`select ${COLUMNS} from customer_value where customer_id = $1`, [customerId]);
    const history = await this.db.query<{ computedOn: string; rfmSegment: string | null; contribution: string; tier: string | null; paretoCore: boolean; lifecycle: string | null }>(
      `select computed_on as "computedOn", rfm_segment as "rfmSegment", contribution, tier, pareto_core as "paretoCore", lifecycle
         from customer_value_history where customer_id = $1 order by computed_on desc limit 24`,
      [customerId],
    );
    return { current: current ?? null, history };
  }

  /** Customers per RFM segment, tier and lifecycle stage, the core's share, and when it was computed, inside the actor's scope. */
  async summary(actor: Actor) {
    const params: unknown[] = [];
    const scope = scopeCondition(actor.scope, 'c', params);
    const from = `from customer_value v join customers c on c.id = v.customer_id where c.deleted_at is null and ${scope}`;
    const [bySegment, byTier, byLifecycle, [core]] = await Promise.all([
      this.db.query<{ key: string | null; customers: number; contribution: string }>(`select v.rfm_segment as key, count(*)::int as customers, sum(v.contribution) as contribution ${from} group by 1 order by 2 desc`, params),
      this.db.query<{ key: string | null; customers: number; contribution: string }>(`select v.tier as key, count(*)::int as customers, sum(v.contribution) as contribution ${from} group by 1 order by 3 desc nulls last`, params),
      this.db.query<{ key: string | null; customers: number; contribution: string }>(`select v.lifecycle as key, count(*)::int as customers, sum(v.contribution) as contribution ${from} group by 1 order by 2 desc`, params),
      this.db.query<{ customers: number; core: number; coreContribution: string | null; contribution: string | null; computedAt: Date | null }>(
        `select count(*)::int as customers, count(*) filter (where v.pareto_core)::int as core, max(v.computed_at) as "computedAt",
                sum(v.contribution) filter (where v.pareto_core) as "coreContribution", sum(greatest(v.contribution, 0)) as contribution ${from}`,
        params,
      ),
    ]);
    return { bySegment, byTier, byLifecycle, pareto: core! };
  }
}
