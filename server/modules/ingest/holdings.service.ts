import type { Db } from '#platform/db/db.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { invalidField } from '#platform/errors.ts';
import type { CustomersService } from '#modules/customers/customers.service.ts';
import type { Timeline, TimelineProvider } from '#modules/customers/timeline.ts';

const HOLDING_COLUMNS = `id, customer_id as "customerId", source_system as "sourceSystem", external_id as "externalId", kind,
  product_code as "productCode", product_name as "productName", currency, balance::text as balance, credit_limit::text as "creditLimit",
  opened_on as "openedOn", matures_on as "maturesOn", closed_on as "closedOn", status, updated_at as "updatedAt"`;
/** The columns of transactions as `t`. */
const TRANSACTION_COLUMNS = `t.id, t.customer_id as "customerId", t.holding_id as "holdingId", t.source_system as "sourceSystem",
  t.external_id as "externalId", t.occurred_at as "occurredAt", t.amount::text as amount, t.currency, t.direction, t.channel,
  t.product_code as "productCode", t.merchant, t.category, t.description`;

export interface HoldingRow {
  id: number;
  customerId: number;
  sourceSystem: string;
  externalId: string;
  kind: string;
  productCode: string | null;
  productName: string | null;
  currency: string;
  balance: string | null;
  creditLimit: string | null;
  openedOn: string | null;
  maturesOn: string | null;
  closedOn: string | null;
  status: string;
  updatedAt: Date;
}

export interface TransactionQuery {
  cursor?: string;
  limit: number;
  /** First and last day (YYYY-MM-DD, China time), both included. */
  from?: string;
  to?: string;
  /** Text in the merchant or the description, any case. */
  q?: string;
}

/**
 * Account and card numbers (a holding's externalId, the account a transaction was booked on) are
 * as sensitive as the customer's ID number and follow the reader's rule for it, as the customer's
 * own page applies it: roles that mask the ID number there or hide it ('masked', 'hidden') see the
 * last four characters only (****2642), listed in `masked`; every other reader (no rule, 'read',
 * 'edit', 'masked_in_lists': these panels are on the customer's page) sees the whole number.
 */
export function accountNumbersMasked(actor: Pick<Actor, 'fieldRules'>): boolean {
  const rule = actor.fieldRules.idNumber;
  return rule === 'masked' || rule === 'hidden';
}

/** ****2642; a number of four characters or fewer is starred whole. */
export function maskAccountNumber(value: string): string {
  const plain = value.replace(/\s+/g, '');
  return plain.length <= 4 ? '****' : `****${plain.slice(-4)}`;
}

export interface TransactionRow {
  id: number;
  customerId: number;
  holdingId: number | null;
  sourceSystem: string;
  externalId: string;
  occurredAt: Date;
  amount: string;
  currency: string;
  direction: 'debit' | 'credit';
  channel: string | null;
  productCode: string | null;
  merchant: string | null;
  category: string | null;
  description: string | null;
}

/** What a customer holds and does, as the business systems report it; read within the reader's scope. */
export class HoldingsService {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomersService,
  ) {}

  async holdings(actor: Actor, customerId: number) {
    await this.customers.requireCustomer(actor, customerId);
    const rows = await this.db.query<HoldingRow>(`select ${HOLDING_COLUMNS} from holdings where customer_id = $1 order by status = 'closed', kind, opened_on desc nulls last, id`, [customerId]);
    const mask = accountNumbersMasked(actor);
    return rows.map((r) => (mask ? { ...r, externalId: maskAccountNumber(r.externalId), masked: ['externalId'] } : { ...r, masked: [] }));
  }

  async transactions(actor: Actor, customerId: number, q: TransactionQuery) {
    await this.customers.requireCustomer(actor, customerId);
    if (q.from && q.to && q.to < q.from) throw invalidField('querystring.to', 'field.date_range');
    let before: [string, number] = ['infinity', Number.MAX_SAFE_INTEGER];
    if (q.cursor) {
      const [at, id] = Buffer.from(q.cursor, 'base64url').toString().split('|');
      if (!at || !id || Number.isNaN(Date.parse(at)) || !/^\d+$/.test(id)) throw invalidField('querystring.cursor', 'field.invalid');
      before = [at, Number(id)];
    }
    const params: unknown[] = [customerId, before[0], before[1], q.limit + 1];
    const where = ['t.customer_id = $1', '(t.occurred_at, t.id) < ($2::timestamptz, $3::bigint)'];
    // Days in China time, as the panel shows them.
    if (q.from) where.push(`t.occurred_at >= ($${params.push(q.from)}::date::timestamp at time zone 'Asia/Shanghai')`);
    if (q.to) where.push(`t.occurred_at < (($${params.push(q.to)}::date + 1)::timestamp at time zone 'Asia/Shanghai')`);
    const text = q.q?.trim();
    if (text) {
      const n = params.push(`%${text.replace(/[\\%_]/g, '\\$&')}%`);
      where.push(`(t.merchant ilike $${n} or t.description ilike $${n})`);
    }
    const rows = await this.db.query<TransactionRow & { accountNumber: string | null }>(
      // With the account number of the holding `h` it was booked on.
      `select ${TRANSACTION_COLUMNS}, h.external_id as "accountNumber" from transactions t left join holdings h on h.id = t.holding_id
        where ${where.join(' and ')}
        order by t.occurred_at desc, t.id desc limit $4`,
      params,
    );
    const mask = accountNumbersMasked(actor);
    const items = rows.slice(0, q.limit).map((r) =>
      mask && r.accountNumber !== null ? { ...r, accountNumber: maskAccountNumber(r.accountNumber), masked: ['accountNumber'] } : { ...r, masked: [] },
    );
    const last = items.at(-1);
    const nextCursor = rows.length > q.limit && last ? Buffer.from(`${last.occurredAt.toISOString()}|${last.id}`).toString('base64url') : null;
    return { items, nextCursor };
  }
}

/**
 * A customer's accounts and products on his timeline: when each was opened (or first loaded, when
 * the file gave no opening date) and when it was closed. Dates are days in China time. Titles are
 * the product kind's code, bodies the product's name.
 */
function holdingEntries(source: 'holding' | 'holding_closed', at: string, kind: string): TimelineProvider {
  return async (db, customerId, { before, beforeId, limit }) => {
    const rows = await db.query<{ id: number; at: Date; kind: string; productKind: string; productName: string | null }>(
      `select id, at, kind, product_kind as "productKind", product_name as "productName"
         from (select id, ${at} as at, ${kind} as kind, kind as product_kind, product_name from holdings where customer_id = $1) h
        where at is not null and (date_trunc('milliseconds', at), id) < ($2::timestamptz, $4::bigint)
        order by date_trunc('milliseconds', at) desc, id desc limit $3`,
      [customerId, before, limit, beforeId],
    );
    return rows.map((r) => ({ at: r.at, source, kind: r.kind, title: r.productKind, body: r.productName, ref: { entity: 'holding', id: r.id } }));
  };
}

/** Transactions on the customer's timeline: "debit ¥1,200.00 · 京东商城"; holdings opened and closed. */
export function registerHoldingsTimeline(timeline: Timeline): void {
  const day = (column: string) => `(${column}::timestamp at time zone 'Asia/Shanghai')`;
  timeline.register('holding', holdingEntries('holding', `coalesce(${day('opened_on')}, created_at)`, `case when opened_on is null then 'added' else 'opened' end`));
  timeline.register('holding_closed', holdingEntries('holding_closed', day('closed_on'), `'closed'`));
  timeline.register('transaction', async (db, customerId, { before, beforeId, limit }) => {
    const rows = await db.query<TransactionRow>(
      `select ${TRANSACTION_COLUMNS} from transactions t
        where t.customer_id = $1 and (date_trunc('milliseconds', t.occurred_at), t.id) < ($2::timestamptz, $4::bigint)
        order by date_trunc('milliseconds', t.occurred_at) desc, t.id desc limit $3`,
      [customerId, before, limit, beforeId],
    );
    return rows.map((r) => ({
      at: r.occurredAt,
      source: 'transaction',
      kind: r.direction,
      title: `${r.direction === 'debit' ? '-' : '+'}${r.amount} ${r.currency}`,
      body: [r.merchant, r.description, r.channel].filter(Boolean).join(' · ') || null,
      ref: { entity: 'transaction', id: r.id },
    }));
  });
}
