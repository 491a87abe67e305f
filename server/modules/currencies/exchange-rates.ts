import type { Db } from '#platform/db/db.ts';
import { scopeCondition, type Actor } from '#platform/auth/actor.ts';
import type { EventBus } from '#platform/events.ts';
import { invalidField, notFound } from '#platform/errors.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';

/** Totals across accounts are in this currency; its rate is 1 and cannot be changed. */
export const BASE_CURRENCY = 'CNY';

/**
 * `amount` in yuan: as it is when in yuan, else times its currency's rate, or null where no rate is
 * kept, so that a sum leaves it out instead of counting dollars as yuan. The rate is looked up only
 * for amounts in another currency: a sum over yuan amounts costs about a fifth more than before,
 * where a join with the rates cost two thirds more (200,000 customers' assets, PostgreSQL).
 */
export const inYuan = (amount: string, currency: string) =>
  `case when ${currency} = '${BASE_CURRENCY}' then ${amount} else ${amount} * (select xr.rate from exchange_rates xr where xr.currency = ${currency}) end`;

/** Every rate with who changed it last ($1: the base currency). */
const RATES = `select r.currency, r.rate::text as rate, r.currency = $1 as base, x.updated_at as "updatedAt", u.display_name as "updatedByName"
  from currency_rates r left join exchange_rates x on x.currency = r.currency left join users u on u.id = x.updated_by`;

export interface ExchangeRate {
  currency: string;
  rate: string;
  base: boolean;
  updatedAt: Date | null;
  updatedByName: string | null;
}

/** A currency some amounts are kept in, with no rate: those amounts are left out of totals. */
export interface CurrencyWithoutRate {
  currency: string;
  holdings: number;
  transactions: number;
  receivables: number;
  creditLimits: number;
  /** Customers with an amount in this currency. */
  customers: number;
  /** A few of them in the reader's scope, to tell a typo in one file from a currency in real use. */
  examples: { id: number; code: string; name: string }[];
}

/**
 * The rates into yuan that totals use. Changing one re-scores credit and re-evaluates tag and
 * segment rules for every customer (as a night's run would); values follow at their next recompute.
 */
export class ExchangeRatesService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
  ) {}

  async list(actor: Actor): Promise<{ base: string; rates: ExchangeRate[]; missing: CurrencyWithoutRate[] }> {
    const rates = await this.db.query<ExchangeRate>(`${RATES} order by r.currency = $1 desc, r.currency`, [BASE_CURRENCY]);
    // One pass over each table; transactions are the big one (a sequential scan at ten million rows
    // takes about a second), and this runs only when an administrator opens the page.
    const counts = await this.db.query<Omit<CurrencyWithoutRate, 'customers' | 'examples'>>(
      `with used as (
         select currency, count(*) as n, 'h' as t from holdings group by currency
         union all select currency, count(*), 't' from transactions group by currency
         union all select currency, count(*), 'r' from receivables group by currency
         union all select currency, count(*), 'l' from credit_limits group by currency)
       select u.currency,
              coalesce(sum(n) filter (where t = 'h'), 0)::int as holdings,
              coalesce(sum(n) filter (where t = 't'), 0)::int as transactions,
              coalesce(sum(n) filter (where t = 'r'), 0)::int as receivables,
              coalesce(sum(n) filter (where t = 'l'), 0)::int as "creditLimits"
         from used u where not exists (select 1 from currency_rates x where x.currency = u.currency)
        group by u.currency order by u.currency`,
    );
    if (!counts.length) return { base: BASE_CURRENCY, rates, missing: [] };
    // Currencies without a rate are few and their amounts rare: a second pass over their rows only.
    const params: unknown[] = [counts.map((c) => c.currency)];
    const customers = await this.db.query<{ currency: string; customers: number; examples: CurrencyWithoutRate['examples'] }>(
      `with used as (
         select currency, customer_id from holdings where currency = any($1::text[])
         union select currency, customer_id from transactions where currency = any($1::text[])
         union select currency, customer_id from receivables where currency = any($1::text[])
         union select currency, customer_id from credit_limits where currency = any($1::text[]))
       select u.currency, count(*)::int as customers,
              coalesce((select json_agg(json_build_object('id', c.id, 'code', c.code, 'name', c.name) order by c.id)
                          from (select c.id, c.code, c.name from customers c
                                 where c.deleted_at is null and c.id in (select customer_id from used v where v.currency = u.currency)
                                   and ${scopeCondition(actor.scope, 'c', params)}
                                 order by c.id limit 3) c), '[]') as examples
         from used u group by u.currency`,
      params,
    );
    const byCurrency = new Map(customers.map((c) => [c.currency, c]));
    const missing = counts.map((c) => ({ ...c, customers: byCurrency.get(c.currency)?.customers ?? 0, examples: byCurrency.get(c.currency)?.examples ?? [] }));
    return { base: BASE_CURRENCY, rates, missing };
  }

  /** Sets (or adds) the rate of one currency. */
  async set(actor: Actor, currency: string, rate: string): Promise<ExchangeRate> {
    if (currency === BASE_CURRENCY) throw invalidField('params.currency', 'exchange_rates.base_fixed', { currency });
    const saved = await this.db.transaction(async (tx) => {
      const [before] = await tx.query<{ rate: string }>(`select rate::text as rate from exchange_rates where currency = $1 for update`, [currency]);
      const [row] = await tx.query<{ rate: string }>(
        `insert into exchange_rates (currency, rate, updated_by) values ($1, $2, $3)
         on conflict (currency) do update set rate = excluded.rate, updated_by = excluded.updated_by, updated_at = now()
         returning rate::text as rate`,
        [currency, rate, actor.userId],
      );
      if (before?.rate !== row!.rate) {
        await recordAudit(tx, actor, { action: before ? 'update' : 'create', entity: 'exchange_rate', entityId: currency, before: before ?? undefined, after: row });
      }
      return before?.rate !== row!.rate;
    });
    if (saved) this.events.emit('business.changed', { customerIds: 'all' });
    // The one row: list() would also count every table's currencies.
    return (await this.db.query<ExchangeRate>(`${RATES} where r.currency = $2`, [BASE_CURRENCY, currency]))[0]!;
  }

  /** Removes a currency's rate: its amounts are left out of totals from then on. */
  async remove(actor: Actor, currency: string): Promise<void> {
    if (currency === BASE_CURRENCY) throw invalidField('params.currency', 'exchange_rates.base_fixed', { currency });
    await this.db.transaction(async (tx) => {
      const [before] = await tx.query<{ rate: string }>(`delete from exchange_rates where currency = $1 returning rate::text as rate`, [currency]);
      if (!before) throw notFound('EXCHANGE_RATE_NOT_FOUND', 'exchange_rates.not_found');
      await recordAudit(tx, actor, { action: 'delete', entity: 'exchange_rate', entityId: currency, before });
    });
    this.events.emit('business.changed', { customerIds: 'all' });
  }
}
