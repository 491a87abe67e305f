import type { SourceRow } from '../readers.ts';
import { cellText, readAmount, readCode, readDateTime, readCurrency } from '../cells.ts';
import { wordsFor } from '../targets.ts';
import { cell, rowError, type Counts, type LoadContext, type Loader, type PreparedRow } from './loader.ts';
import { resolveCustomers } from './customer-ref.ts';
import { csvChunks } from '#platform/db/copy-csv.ts';
import type { Queryable } from '#platform/db/db.ts';
import { SeenFilter } from '#lib/seen-filter.ts';

export interface TransactionValues {
  customerId: number | null;
  externalId: string;
  holdingExternalId: string | null;
  /** The holding the id names in the same source system; null when none does. */
  holdingId: number | null;
  occurredAt: string;
  amount: string;
  currency: string;
  direction: 'debit' | 'credit';
  channel: string | null;
  productCode: string | null;
  merchant: string | null;
  category: string | null;
  description: string | null;
  customerCode?: string | null;
  customerExternalId?: string | null;
}

const DIRECTION_WORDS = wordsFor('transactions', 'direction');
const CURRENCY_WORDS = wordsFor('transactions', 'currency');

/** The holdings a batch's rows name, by their id in the source system, in one query. */
async function resolveHoldings(ctx: LoadContext, rows: SourceRow[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (!ctx.columns.has('holdingExternalId')) return found;
  const ids = new Set<string>();
  for (const row of rows) {
    const id = cellText(cell(ctx, row, 'holdingExternalId'));
    if (id) ids.add(id);
  }
  if (!ids.size) return found;
  const holdings = await ctx.read.query<{ id: number; externalId: string }>(
    `select h.id, u.id as "externalId" from unnest($2::text[]) as u(id)
       cross join lateral (select id from holdings where source_system = $1 and external_id = u.id offset 0) h`,
    [ctx.sourceSystem, [...ids]],
  );
  for (const h of holdings) found.set(h.externalId, h.id);
  return found;
}

/**
 * Transactions: booked facts, inserted once by (source system, transaction id); seeing one again
 * changes nothing. A negative amount without a direction column is a debit. Unknown customers go
 * to the quarantine list, to be loaded when the customer arrives.
 */
export const transactionsLoader: Loader<TransactionValues> = {
  // Repeats across batches are found on write, in the order of the file; prepare keeps nothing.
  preparesAhead: true,

  async prepare(ctx, rows) {
    const externalIds = rows.map((row) => cellText(cell(ctx, row, 'externalId')));
    // The three look-ups at once (on PostgreSQL each on a connection of its own).
    const [customers, holdings, stored] = await Promise.all([resolveCustomers(ctx, rows), resolveHoldings(ctx, rows), storedBeforeWrite(ctx, externalIds)]);
    const prepared: PreparedRow<TransactionValues>[] = [];
    // Repeats within this batch; repeats of an earlier batch are found by the database on write,
    // so memory does not grow with the file (a day's file can hold tens of millions of rows).
    const batchIds = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      const before = ctx.errors.length;
      const externalId = externalIds[i]!;
      if (!externalId) rowError(ctx, row, 'externalId', 'field.required');
      const occurredAt = readDateTime(cell(ctx, row, 'occurredAt'));
      if (!occurredAt.ok) rowError(ctx, row, 'occurredAt', occurredAt.message, occurredAt.params);
      else if (!occurredAt.value) rowError(ctx, row, 'occurredAt', 'field.required');
      const amount = readAmount(cell(ctx, row, 'amount'));
      if (amount.ok && amount.value) ctx.amountSum?.add(amount.value.value);
      if (!amount.ok) rowError(ctx, row, 'amount', amount.message);
      else if (!amount.value) rowError(ctx, row, 'amount', 'field.required');
      const direction = readCode(cell(ctx, row, 'direction'), DIRECTION_WORDS);
      if (!direction.ok) rowError(ctx, row, 'direction', direction.message, direction.params);
      const currency = readCurrency(cell(ctx, row, 'currency'), CURRENCY_WORDS);
      if (!currency.ok) rowError(ctx, row, 'currency', currency.message, currency.params);
      const twin = externalId ? batchIds.get(externalId) : undefined;
      if (twin !== undefined) rowError(ctx, row, 'externalId', 'import.row.duplicate_in_file', { row: twin });
      const customer = customers.of(row);
      if (customer === 'out_of_scope') rowError(ctx, row, ctx.columns.has('customerCode') ? 'customerCode' : 'customerExternalId', 'import.row.out_of_scope');
      if (ctx.errors.length > before || !amount.ok || !amount.value || !occurredAt.ok || !occurredAt.value) continue;
      batchIds.set(externalId!, row.rowNo);
      const holdingExternalId = cellText(cell(ctx, row, 'holdingExternalId'));
      const negative = amount.value.value.startsWith('-');
      const values: TransactionValues = {
        customerId: typeof customer === 'object' ? customer.id : null,
        externalId: externalId!,
        holdingExternalId,
        holdingId: holdingExternalId ? (holdings.get(holdingExternalId) ?? null) : null,
        occurredAt: occurredAt.value,
        amount: negative ? amount.value.value.slice(1) : amount.value.value,
        currency: (currency.ok && currency.value) || amount.value.currency || 'CNY',
        direction: ((direction.ok && direction.value) || (negative ? 'debit' : 'credit')) as 'debit' | 'credit',
        channel: cellText(cell(ctx, row, 'channel')),
        productCode: cellText(cell(ctx, row, 'productCode')),
        merchant: cellText(cell(ctx, row, 'merchant')),
        category: cellText(cell(ctx, row, 'category')),
        description: cellText(cell(ctx, row, 'description')),
      };
      if (customer === 'unknown') prepared.push({ rowNo: row.rowNo, action: 'quarantine', values: { ...values, ...customers.key(row) }, reason: 'unknown_customer' });
      else {
        const fresh: PreparedRow<TransactionValues> = { rowNo: row.rowNo, action: stored?.has(externalId!) ? 'unchanged' : 'insert', values };
        if (stored && fresh.action === 'insert') settledBeforeWrite.add(fresh);
        prepared.push(fresh);
      }
    }
    return prepared;
  },

  async classify(ctx, rows) {
    const fresh = rows.filter((r) => r.action === 'insert');
    if (!fresh.length) return;
    const stored = await ctx.read.query<{ externalId: string }>(
      `select external_id as "externalId" from transactions where source_system = $1 and external_id = any($2::text[])`,
      [ctx.sourceSystem, fresh.map((r) => r.values.externalId)],
    );
    const known = new Set(stored.map((s) => s.externalId));
    // A booked transaction is never changed by a file: seen again, it stays as it is.
    for (const row of fresh) if (known.has(row.values.externalId)) row.action = 'unchanged';
  },

  async write(ctx, rows, counts: Counts) {
    for (const row of rows) if (row.action === 'unchanged') counts.unchanged++;
    const rowsToStore = rows.filter((r) => r.action === 'insert');
    if (!rowsToStore.length) return;
    await lockSourceSystem(ctx);
    // Which of the batch's ids are stored already: by an earlier run (the row is unchanged), or by
    // an earlier batch of this run, whose rows have this transaction's id as xmin (a repeat within
    // the file). Asked here, in the run's transaction, because only it sees its own batches; only
    // for the ids the look-up before the write could not settle (see storedBeforeWrite).
    // One index probe per id (the lateral subquery is kept apart by `offset 0`): the planner, which
    // has no statistics for rows this run is still writing, otherwise read every row of the source system.
    // Only runs that look ahead on another connection settle rows before the write and need the filter.
    const written = ctx.read === ctx.tx ? null : writtenIds(ctx);
    const unsettled = written ? rowsToStore.filter((r) => !settledBeforeWrite.has(r) || written.mightHave(r.values.externalId)) : rowsToStore;
    const stored = unsettled.length
      ? await ctx.tx.query<{ externalId: string; mine: boolean }>(
          `select u.id as "externalId", t.mine
             from unnest($2::text[]) as u(id)
             cross join lateral (select xmin::text::bigint = txid_current() % 4294967296 as mine
                                   from transactions where source_system = $1 and external_id = u.id offset 0) t`,
          [ctx.sourceSystem, unsettled.map((r) => r.values.externalId)],
        )
      : [];
    let fresh = rowsToStore;
    if (stored.length) {
      const mine = new Map(stored.map((s) => [s.externalId, s.mine]));
      fresh = [];
      for (const row of rowsToStore) {
        const isMine = mine.get(row.values.externalId);
        if (isMine === undefined) fresh.push(row);
        else if (isMine) {
          ctx.errors.push({ rowNo: row.rowNo, column: ctx.columns.get('externalId') ?? 'externalId', value: row.values.externalId.slice(0, 200), message: 'import.row.duplicate_earlier_in_file' });
        } else counts.unchanged++;
      }
    }
    if (!fresh.length) return;
    if (written) for (const row of fresh) written.add(row.values.externalId);
    // Straight into the table: nothing is left to decide, and a staging table would write each row twice.
    await ctx.tx.copyFrom(`copy transactions (${TRANSACTION_COLUMNS}) from stdin with (format csv)`, csvChunks(fresh, ({ values: v }) => [
      v.customerId, v.holdingId, ctx.sourceSystem, v.externalId, v.occurredAt, v.amount, v.currency, v.direction, v.channel, v.productCode,
      v.merchant, v.category, v.description,
    ]));
    counts.inserted += fresh.length;
    if (!ctx.changed.many) ctx.changed.add(fresh.map((r) => r.values.customerId!));
  },
};

const TRANSACTION_COLUMNS = `customer_id, holding_id, source_system, external_id, occurred_at, amount, currency, direction, channel, product_code,
  merchant, category, description`;

/**
 * The ids of a batch already stored, looked up before the write and beside it (on PostgreSQL on
 * another connection, while earlier batches are written and checked, instead of in the run's
 * transaction). Such a check is final for rows of other runs only when it began after this run
 * took the source system's lock: from then on no other run can add rows of this source system.
 * Repeats of this run's own earlier batches, which the other connection cannot see, are left to
 * the write, for the few ids the run's filter of written ids may have seen. Null when the look-up
 * does not apply: on the embedded database (and in a reprocess) it would run in the run's own
 * transaction anyway, and before the lock it would settle nothing.
 */
async function storedBeforeWrite(ctx: LoadContext, externalIds: (string | null)[]): Promise<Set<string> | null> {
  if (ctx.runId === null || ctx.read === ctx.tx || !locked.has(ctx.tx)) return null;
  const ids = externalIds.filter((id): id is string => !!id);
  if (!ids.length) return new Set();
  const stored = await ctx.read.query<{ externalId: string }>(
    `select u.id as "externalId" from unnest($2::text[]) as u(id)
       cross join lateral (select 1 from transactions where source_system = $1 and external_id = u.id offset 0) t`,
    [ctx.sourceSystem, ids],
  );
  return new Set(stored.map((s) => s.externalId));
}

/** Rows that storedBeforeWrite found in no earlier run. */
const settledBeforeWrite = new WeakSet<PreparedRow<TransactionValues>>();

/** The ids a run has written, as a filter: 16 MB whatever the file's size. */
const writtenFilters = new WeakMap<LoadContext, SeenFilter>();
function writtenIds(ctx: LoadContext): SeenFilter {
  let filter = writtenFilters.get(ctx);
  if (!filter) writtenFilters.set(ctx, (filter = new SeenFilter()));
  return filter;
}

/** The runs' transactions that hold the source system's lock (taken at a run's first write, held until it ends). */
const locked = new WeakSet<Queryable>();

/**
 * Two runs loading the same source system's transactions take turns: the second's check of which
 * ids are stored then sees the first's rows, instead of both inserting one id.
 */
async function lockSourceSystem(ctx: LoadContext): Promise<void> {
  if (locked.has(ctx.tx)) return;
  await ctx.tx.query(`select pg_advisory_xact_lock(${TRANSACTIONS_LOCK}, hashtext($1))`, [ctx.sourceSystem]);
  locked.add(ctx.tx);
}

/** Two-key advisory lock namespace of transaction writes: (TRANSACTIONS_LOCK, hash of the source system). */
const TRANSACTIONS_LOCK = 0x1_4d_54;
