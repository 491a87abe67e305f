import { cellText, readAmount, readCode, readDateTime } from '../cells.ts';
import { wordsFor } from '../targets.ts';
import { cell, rowError, type Counts, type Loader, type PreparedRow } from './loader.ts';
import { resolveCustomers } from './customer-ref.ts';
import { stage } from './copy.ts';

export interface TransactionValues {
  customerId: number | null;
  externalId: string;
  holdingExternalId: string | null;
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

/**
 * Transactions: booked facts, inserted once by (source system, transaction id); seeing one again
 * changes nothing. A negative amount without a direction column is a debit. Unknown customers go
 * to the quarantine list, to be loaded when the customer arrives.
 */
export const transactionsLoader: Loader<TransactionValues> = {
  async prepare(ctx, rows) {
    const customers = await resolveCustomers(ctx, rows);
    const prepared: PreparedRow<TransactionValues>[] = [];
    // Repeats within this batch; repeats of an earlier batch are found by the database on write,
    // so memory does not grow with the file (a day's file can hold tens of millions of rows).
    const batchIds = new Map<string, number>();
    for (const row of rows) {
      const before = ctx.errors.length;
      const externalId = cellText(cell(ctx, row, 'externalId'));
      if (!externalId) rowError(ctx, row, 'externalId', 'field.required');
      const occurredAt = readDateTime(cell(ctx, row, 'occurredAt'));
      if (!occurredAt.ok) rowError(ctx, row, 'occurredAt', occurredAt.message);
      else if (!occurredAt.value) rowError(ctx, row, 'occurredAt', 'field.required');
      const amount = readAmount(cell(ctx, row, 'amount'));
      if (amount.ok && amount.value) ctx.amountSum?.add(amount.value.value);
      if (!amount.ok) rowError(ctx, row, 'amount', amount.message);
      else if (!amount.value) rowError(ctx, row, 'amount', 'field.required');
      const direction = readCode(cell(ctx, row, 'direction'), DIRECTION_WORDS);
      if (!direction.ok) rowError(ctx, row, 'direction', direction.message);
      const currency = readCode(cell(ctx, row, 'currency'), CURRENCY_WORDS);
      if (!currency.ok) rowError(ctx, row, 'currency', currency.message);
      const twin = externalId ? batchIds.get(externalId) : undefined;
      if (twin !== undefined) rowError(ctx, row, 'externalId', 'import.row.duplicate_in_file', { row: twin });
      const customer = customers.of(row);
      if (customer === 'out_of_scope') rowError(ctx, row, ctx.columns.has('customerCode') ? 'customerCode' : 'customerExternalId', 'import.row.out_of_scope');
      if (ctx.errors.length > before || !amount.ok || !amount.value || !occurredAt.ok || !occurredAt.value) continue;
      batchIds.set(externalId!, row.rowNo);
      const negative = amount.value.value.startsWith('-');
      const values: TransactionValues = {
        customerId: typeof customer === 'object' ? customer.id : null,
        externalId: externalId!,
        holdingExternalId: cellText(cell(ctx, row, 'holdingExternalId')),
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
      else prepared.push({ rowNo: row.rowNo, action: 'insert', values });
    }
    return prepared;
  },

  async write(ctx, rows, counts: Counts) {
    const rowsToStore = rows.filter((r) => r.action === 'insert');
    if (!rowsToStore.length) return;
    await stage(ctx.tx, 'import_transactions_stage', STAGE_COLUMNS, rowsToStore, ({ rowNo, values: v }) => [
      rowNo, v.customerId, v.externalId, v.holdingExternalId, v.occurredAt, v.amount, v.currency, v.direction, v.channel, v.productCode,
      v.merchant, v.category, v.description,
    ]);
    // Only the count comes back, and the distinct customers while they are still worth listing.
    const [result] = await ctx.tx.query<{ inserted: number; firstId: number | null; customerIds: number[] | null }>(
      `with inserted as (
         insert into transactions (customer_id, holding_id, source_system, external_id, occurred_at, amount, currency, direction,
                                   channel, product_code, merchant, category, description)
         select t.customer_id, h.id, $1, t.external_id, t.occurred_at, t.amount, t.currency, t.direction, t.channel, t.product_code,
                t.merchant, t.category, t.description
           from import_transactions_stage t
           left join holdings h on h.source_system = $1 and h.external_id = t.holding_external_id
         on conflict (source_system, external_id) do nothing
         returning id, customer_id)
       select count(*)::int as inserted, min(id) as "firstId", case when $2::boolean then null else array_agg(distinct customer_id) end as "customerIds" from inserted`,
      [ctx.sourceSystem, ctx.changed.many],
    );
    // Rows not inserted were stored before: by an earlier run (unchanged), or by an earlier batch
    // of this run, which makes them repeats within the file. Rows of this transaction have its id as
    // xmin; those of this statement have ids from firstId on. Only asked when something was skipped.
    let repeats = 0;
    if (result!.inserted < rowsToStore.length) {
      const twins = await ctx.tx.query<{ rowNo: number; externalId: string }>(
        `select s.row_no as "rowNo", s.external_id as "externalId"
           from import_transactions_stage s join transactions t on t.source_system = $1 and t.external_id = s.external_id
          where t.xmin::text::bigint = txid_current() % 4294967296 and ($2::bigint is null or t.id < $2)`,
        [ctx.sourceSystem, result!.firstId],
      );
      for (const twin of twins) {
        ctx.errors.push({ rowNo: twin.rowNo, column: ctx.columns.get('externalId') ?? 'externalId', value: twin.externalId.slice(0, 200), message: 'import.row.duplicate_earlier_in_file' });
      }
      repeats = twins.length;
    }
    counts.inserted += result!.inserted;
    counts.unchanged += rowsToStore.length - result!.inserted - repeats;
    if (result!.customerIds) ctx.changed.add(result!.customerIds.map(Number));
  },
};

const STAGE_COLUMNS = `row_no bigint, customer_id bigint, external_id text, holding_external_id text, occurred_at timestamptz, amount numeric, currency text,
  direction text, channel text, product_code text, merchant text, category text, description text`;
