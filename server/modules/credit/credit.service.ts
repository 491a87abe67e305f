import type { Db, Queryable } from '#platform/db/db.ts';
import { scopeCondition, type Actor } from '#platform/auth/actor.ts';
import { AppError, invalidField, notFound } from '#platform/errors.ts';
import { settings } from '#platform/settings.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import { CUSTOMER_SINCE_SQL } from '#modules/customers/customers.repository.ts';
import { inYuan } from '#modules/currencies/exchange-rates.ts';
import { clamp, DEFAULT_SCORECARD, Scorecard, score, type FactorResult } from './scorecard.ts';
import type { AgeingBucketDto, CreditAdjustmentDto, CreditAlertDto, CreditHistoryEntryDto, ReceivableDto } from './credit.dto.ts';

const SETTING = 'credit.scorecard';
const BATCH = 5_000;
/** Overdue ageing buckets, by days past the due date. */
const BUCKETS = [
  ['current', 'r.d <= 0'],
  ['1-30', 'r.d between 1 and 30'],
  ['31-60', 'r.d between 31 and 60'],
  ['61-90', 'r.d between 61 and 90'],
  ['90+', 'r.d > 90'],
] as const;

/** The holdings whose balances count as assets or debt. */
const CREDIT_KINDS = `'deposit', 'investment', 'loan', 'mortgage', 'credit_card'`;

/** The factor values of customers (all, or some), in one query. */
const FACTOR_VALUES = `
  select c.id, c.custom,
         extract(year from age(current_date, c.birth_date))::float8 as age,
         extract(year from age(current_date, ${CUSTOMER_SINCE_SQL}))::float8 as "customerYears",
         (select coalesce(sum(${inYuan('h.balance', 'h.currency')}), 0)::float8 from holdings h
           where h.customer_id = c.id and h.status = 'active' and h.kind in ('deposit', 'investment')) as assets,
         (select coalesce(sum(${inYuan('h.balance', 'h.currency')}), 0)::float8 from holdings h
           where h.customer_id = c.id and h.status = 'active' and h.kind in ('loan', 'mortgage', 'credit_card')) as debt,
         (select count(*)::float8 from receivables r where r.customer_id = c.id and r.due_on >= current_date - 365
             and ((r.paid_on is not null and r.paid_amount >= r.amount and r.paid_on > r.due_on + 30)
                  or (r.paid_amount < r.amount and current_date > r.due_on + 30))) as "latePayments12m",
         (select coalesce(max(current_date - r.due_on), 0)::float8 from receivables r
           where r.customer_id = c.id and r.paid_amount < r.amount and r.due_on < current_date) as "overdueDays"
    from customers c where c.deleted_at is null`;

type ValuesRow = Record<string, number | null> & { id: number; custom: Record<string, unknown> };

/**
 * Credit assessment: the automatic score from the scorecard with a reason per factor; manual
 * adjustments requested with a reason and counted only once someone else approved them (the
 * latest approved one is in effect); final = automatic + adjustment; every change in the history.
 * Credit limits, receivables with their ageing, and alerts for customers over their limit or overdue.
 */
export class CreditService {
  constructor(private readonly db: Db) {}

  async scorecard(): Promise<Scorecard> {
    return Scorecard.parse(await settings.get(this.db, SETTING, DEFAULT_SCORECARD));
  }

  async saveScorecard(actor: Actor, card: Scorecard): Promise<Scorecard> {
    if (card.min >= card.max) throw invalidField('body.max', 'credit.min_max');
    const before = await this.scorecard();
    await this.db.transaction(async (tx) => {
      await settings.set(tx, SETTING, card);
      await recordAudit(tx, actor, { action: 'update', entity: 'setting', entityId: SETTING, before, after: card });
    });
    return card;
  }

  /** Scores every customer, or only the given ones; a history row only where the score moved. */
  async recompute(customerIds?: number[]): Promise<{ customers: number; changed: number }> {
    const card = await this.scorecard();
    const params: unknown[] = [];
    const rows = await this.db.transaction(async (tx) => {
      // Every customer's factors in one read: longer than a request may take.
      if (!customerIds && this.db.kind === 'postgres') await tx.query(`set local statement_timeout = '30min'`);
      return tx.query<ValuesRow>(`${FACTOR_VALUES}${customerIds ? ` and c.id = any($${params.push(customerIds)}::bigint[])` : ''} order by c.id`, params);
    });
    let changed = 0;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map((r) => {
        const values: Record<string, number | null> = { ...r };
        for (const f of card.factors) {
          if (!f.key.startsWith('custom.')) continue;
          const raw = r.custom?.[f.key.slice(7)];
          values[f.key] = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : null;
        }
        return { id: r.id, ...score(card, values) };
      });
      changed += await this.db.transaction(async (tx) => {
        const moved = await tx.query<{ customerId: number }>(
          `with input as (select * from unnest($1::bigint[], $2::int[], $3::jsonb[]) as t(customer_id, automatic, explanation)),
           upserted as (
             insert into credit_scores as s (customer_id, automatic, adjustment, final, explanation, computed_at)
             select i.customer_id, i.automatic, coalesce(a.points, 0), least($5::int, greatest($4::int, i.automatic + coalesce(a.points, 0))), i.explanation, now()
               from input i left join lateral (
                 select points from credit_adjustments where customer_id = i.customer_id and status = 'approved' order by decided_at desc, id desc limit 1) a on true
             on conflict (customer_id) do update set automatic = excluded.automatic, adjustment = excluded.adjustment, final = excluded.final,
               explanation = excluded.explanation, computed_at = excluded.computed_at
             returning customer_id, automatic, adjustment, final, (select s2.final from credit_scores s2 where s2.customer_id = s.customer_id) as previous)
           insert into credit_score_history (customer_id, automatic, adjustment, final, cause)
           select customer_id, automatic, adjustment, final, 'computed' from upserted where previous is distinct from final
           returning customer_id as "customerId"`,
          [batch.map((b) => b.id), batch.map((b) => b.automatic), batch.map((b) => JSON.stringify(b.explanation)), card.min, card.max],
        );
        return moved.length;
      });
    }
    return { customers: rows.length, changed };
  }

  async onCustomersChanged(customerIds: number[] | 'all'): Promise<void> {
    if (customerIds === 'all' || customerIds.length > BATCH) await this.recompute();
    else if (customerIds.length) await this.recompute(customerIds);
  }

  /** Everything about one customer's credit (the caller has checked that he may see him). */
  async forCustomer(customerId: number) {
    const [current] = await this.db.query<{ automatic: number; adjustment: number; final: number; explanation: FactorResult[]; computedAt: Date }>(
      `select automatic, adjustment, final, explanation, computed_at as "computedAt" from credit_scores where customer_id = $1`,
      [customerId],
    );
    const history = await this.db.query<CreditHistoryEntryDto>(
      `select automatic, adjustment, final, cause, at from credit_score_history where customer_id = $1 order by at desc, id desc limit 50`,
      [customerId],
    );
    const adjustments = await this.adjustmentsWhere('a.customer_id = $1', [customerId]);
    const [limit] = await this.db.query<{ amount: string; currency: string; amountInBase: string | null; setAt: Date; setByName: string | null }>(
      `select l.amount, l.currency, round(${inYuan('l.amount', 'l.currency')}, 2) as "amountInBase", l.set_at as "setAt", u.display_name as "setByName"
         from credit_limits l left join users u on u.id = l.set_by where l.customer_id = $1`,
      [customerId],
    );
    const receivables = await this.db.query<ReceivableDto>(
      `select id, external_id as "externalId", amount, paid_amount as "paidAmount", currency, due_on as "dueOn", paid_on as "paidOn",
              (amount - paid_amount) as outstanding, greatest(current_date - due_on, 0) as "daysOverdue"
         from receivables where customer_id = $1 order by (paid_amount >= amount), due_on limit 200`,
      [customerId],
    );
    const [exposure] = await this.db.query<{ outstanding: string; debt: string }>(
      `select (select round(coalesce(sum(${inYuan('(r.amount - r.paid_amount)', 'r.currency')}), 0), 2) from receivables r
                where r.customer_id = $1 and r.paid_amount < r.amount) as outstanding,
              (select round(coalesce(sum(${inYuan('h.balance', 'h.currency')}), 0), 2) from holdings h
                where h.customer_id = $1 and h.status = 'active' and h.kind in ('loan', 'mortgage', 'credit_card')) as debt`,
      [customerId],
    );
    // Amounts in a currency without a rate are left out of assets, debt and exposure: say which.
    const unpriced = await this.db.query<{ currency: string }>(
      `select distinct u.currency from (
         select h.currency from holdings h where h.customer_id = $1 and h.status = 'active' and h.kind in (${CREDIT_KINDS})
         union select r.currency from receivables r where r.customer_id = $1 and r.paid_amount < r.amount) u
        where not exists (select 1 from currency_rates x where x.currency = u.currency) order by 1`,
      [customerId],
    );
    const ageing = await this.ageingWhere('r.customer_id = $1', [customerId]);
    const alerts = (await this.alertsWhere('c.id = $1', [customerId])).map(({ kind, daysOverdue, exposure: e }) => ({ kind, daysOverdue, exposure: e }));
    return { score: current ?? null, history, adjustments, limit: limit ?? null, exposure: exposure!, unpricedCurrencies: unpriced.map((u) => u.currency), receivables, ageing, alerts };
  }

  // ---- adjustments

  /** A customer manager asks to move the score, with a reason; it counts once approved. */
  async requestAdjustment(actor: Actor, customerId: number, input: { points: number; reason: string }) {
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `insert into credit_adjustments (customer_id, points, reason, requested_by) values ($1, $2, $3, $4) returning id`,
        [customerId, input.points, input.reason, actor.userId],
      );
      await recordAudit(tx, actor, { action: 'request', entity: 'credit_adjustment', entityId: row!.id, after: { customerId, ...input } });
      return row!.id;
    });
    return (await this.adjustmentsWhere('a.id = $1', [id]))[0]!;
  }

  /** Pending (or other) adjustments of the customers in the actor's scope: the approval screen. */
  async adjustments(actor: Actor, status: 'pending' | 'approved' | 'rejected' | 'withdrawn' = 'pending') {
    const params: unknown[] = [status];
    // A request for a customer since merged into another or deleted waits for nobody: it is not listed as pending.
    return this.adjustmentsWhere(`a.status = $1 and ($1 <> 'pending' or c.deleted_at is null) and ${scopeCondition(actor.scope, 'c', params)}`, params);
  }

  /**
   * Approves or rejects a pending adjustment. The approver needs credit:approve (checked by the
   * route), must see the customer, and may not decide his own request. Two deciders at once: one
   * wins, the other is told it was already decided.
   */
  async decide(actor: Actor, adjustmentId: number, approve: boolean, comment: string | null) {
    const params: unknown[] = [adjustmentId];
    const [adjustment] = await this.adjustmentsWhere(`a.id = $1 and ${scopeCondition(actor.scope, 'c', params)}`, params);
    if (!adjustment) throw notFound('CREDIT_ADJUSTMENT_NOT_FOUND', 'credit.adjustment_not_found');
    if (adjustment.requestedBy === actor.userId) throw new AppError('FORBIDDEN', 'CREDIT_OWN_REQUEST', 'credit.own_request');
    if (adjustment.customerDeleted) throw new AppError('CONFLICT', 'CREDIT_CUSTOMER_GONE', 'credit.customer_gone');
    // Read before the transaction: the embedded database has one connection.
    const card = await this.scorecard();
    await this.db.transaction(async (tx) => {
      const decided = await tx.query(
        `update credit_adjustments set status = $2, decided_by = $3, decided_at = now(), decision_comment = $4 where id = $1 and status = 'pending' returning id`,
        [adjustmentId, approve ? 'approved' : 'rejected', actor.userId, comment],
      );
      if (!decided.length) throw new AppError('CONFLICT', 'CREDIT_ALREADY_DECIDED', 'credit.already_decided');
      if (approve) await this.applyAdjustment(tx, card, adjustment.customerId, adjustment.points);
      await recordAudit(tx, actor, { action: approve ? 'approve' : 'reject', entity: 'credit_adjustment', entityId: adjustmentId, after: { comment } });
    });
    return (await this.adjustmentsWhere('a.id = $1', [adjustmentId]))[0]!;
  }

  private async applyAdjustment(tx: Queryable, card: Scorecard, customerId: number, points: number) {
    const [row] = await tx.query<{ automatic: number }>(`select automatic from credit_scores where customer_id = $1 for update`, [customerId]);
    if (!row) return; // not scored yet: the next computation picks the approved adjustment up
    const final = clamp(card, row.automatic + points);
    await tx.query(`update credit_scores set adjustment = $2, final = $3 where customer_id = $1`, [customerId, points, final]);
    await tx.query(`insert into credit_score_history (customer_id, automatic, adjustment, final, cause) values ($1, $2, $3, $4, 'adjustment')`, [customerId, row.automatic, points, final]);
  }

  private adjustmentsWhere(where: string, params: unknown[]) {
    return this.db.query<CreditAdjustmentDto>(
      `select a.id, a.customer_id as "customerId", c.code as "customerCode", c.name as "customerName", a.points, a.reason, a.status,
              a.requested_by as "requestedBy", ru.display_name as "requestedByName", a.requested_at as "requestedAt",
              du.display_name as "decidedByName", a.decided_at as "decidedAt", a.decision_comment as "decisionComment", s.final as "currentScore",
              c.deleted_at is not null as "customerDeleted"
         from credit_adjustments a join customers c on c.id = a.customer_id join users ru on ru.id = a.requested_by
         left join users du on du.id = a.decided_by left join credit_scores s on s.customer_id = a.customer_id
        where ${where} order by a.requested_at desc, a.id desc limit 200`,
      params,
    );
  }

  // ---- limits, receivables, alerts

  async setLimit(actor: Actor, customerId: number, input: { amount: string; currency: string }) {
    await this.db.transaction(async (tx) => {
      const [before] = await tx.query(`select amount, currency from credit_limits where customer_id = $1`, [customerId]);
      await tx.query(
        `insert into credit_limits (customer_id, amount, currency, set_by) values ($1, $2, $3, $4)
         on conflict (customer_id) do update set amount = excluded.amount, currency = excluded.currency, set_by = excluded.set_by, set_at = now()`,
        [customerId, input.amount, input.currency, actor.userId],
      );
      await recordAudit(tx, actor, { action: 'update', entity: 'credit_limit', entityId: customerId, before: before ?? null, after: input });
    });
  }

  async addReceivable(actor: Actor, customerId: number, input: { externalId: string; amount: string; currency: string; dueOn: string; paidAmount?: string; paidOn?: string | null }) {
    const [row] = await this.db.query<{ id: number }>(
      `insert into receivables (customer_id, external_id, amount, currency, due_on, paid_amount, paid_on) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (source_system, external_id) do nothing returning id`,
      [customerId, input.externalId, input.amount, input.currency, input.dueOn, input.paidAmount ?? '0', input.paidOn ?? null],
    );
    if (!row) throw invalidField('body.externalId', 'field.taken');
    await recordAudit(this.db, actor, { action: 'create', entity: 'receivable', entityId: row.id, after: { customerId, ...input } });
    return row;
  }

  /** Records a payment on a receivable (customer checked by the caller). */
  async pay(actor: Actor, customerId: number, receivableId: number, input: { amount: string; paidOn: string }) {
    const [row] = await this.db.query<{ id: number }>(
      `update receivables set paid_amount = least(amount, paid_amount + $3::numeric), paid_on = $4 where id = $1 and customer_id = $2 returning id`,
      [receivableId, customerId, input.amount, input.paidOn],
    );
    if (!row) throw notFound('RECEIVABLE_NOT_FOUND', 'credit.receivable_not_found');
    await recordAudit(this.db, actor, { action: 'payment', entity: 'receivable', entityId: receivableId, after: input });
  }

  /** Outstanding amounts by ageing bucket, over the customers in the actor's scope. */
  async ageing(actor: Actor) {
    const params: unknown[] = [];
    return this.ageingWhere(scopeCondition(actor.scope, 'c', params), params);
  }

  private async ageingWhere(where: string, params: unknown[]) {
    const rows = await this.db.query<AgeingBucketDto>(
      `select b.bucket, count(r.id)::int as receivables, round(coalesce(sum(r.outstanding), 0), 2) as outstanding
         from (values ${BUCKETS.map((_, i) => `(${i}, '${BUCKETS[i]![0]}')`).join(', ')}) as b(n, bucket)
         left join (
           select r.id, ${inYuan('(r.amount - r.paid_amount)', 'r.currency')} as outstanding, current_date - r.due_on as d
             from receivables r join customers c on c.id = r.customer_id
            where r.paid_amount < r.amount and c.deleted_at is null and ${where}) r
           on ${BUCKETS.map(([key, condition]) => `(b.bucket = '${key}' and ${condition})`).join(' or ')}
        group by b.n, b.bucket order by b.n`,
      params,
    );
    return rows;
  }

  /** Customers over their credit limit (open receivables plus loan and card balances) or overdue, in the actor's scope. */
  async alerts(actor: Actor) {
    const params: unknown[] = [];
    return this.alertsWhere(scopeCondition(actor.scope, 'c', params), params);
  }

  private alertsWhere(where: string, params: unknown[]) {
    return this.db.query<CreditAlertDto>(
      `with e as (
         select c.id, c.code, c.name,
                round((select coalesce(sum(${inYuan('(r.amount - r.paid_amount)', 'r.currency')}), 0) from receivables r
                        where r.customer_id = c.id and r.paid_amount < r.amount)
                + (select coalesce(sum(${inYuan('h.balance', 'h.currency')}), 0) from holdings h
                    where h.customer_id = c.id and h.status = 'active' and h.kind in ('loan', 'mortgage', 'credit_card')), 2) as exposure,
                (select max(current_date - r.due_on) from receivables r where r.customer_id = c.id and r.paid_amount < r.amount and r.due_on < current_date) as days,
                round(${inYuan('l.amount', 'l.currency')}, 2) as lim
           from customers c left join credit_limits l on l.customer_id = c.id
          where c.deleted_at is null and ${where}
            and (l.customer_id is not null or exists (select 1 from receivables r where r.customer_id = c.id and r.paid_amount < r.amount and r.due_on < current_date)))
       select 'over_limit' as kind, id as "customerId", code as "customerCode", name as "customerName", null::int as "daysOverdue", exposure, lim as limit
         from e where lim is not null and exposure > lim
       union all
       select 'overdue', id, code, name, days, exposure, lim from e where days > 0
       order by 1, 5 desc nulls last, 2 limit 500`,
      params,
    );
  }
}
