import { cellText, readAmount, readCode, readDate, readCurrency } from '../cells.ts';
import { wordsFor } from '../targets.ts';
import { cell, rowError, type Counts, type LoadContext, type Loader, type PreparedRow } from './loader.ts';
import { resolveCustomers } from './customer-ref.ts';

export interface HoldingValues {
  customerId: number | null;
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
  customerCode?: string | null;
  customerExternalId?: string | null;
}

/** A batch of holdings as a table t: the parameters $2…$13 of batchParams, one array per column. */
const BATCH_ROWS = `unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::numeric[],
                  $10::date[], $11::date[], $12::date[], $13::text[])
        as t(customer_id, external_id, kind, product_code, product_name, currency, balance, credit_limit, opened_on,
             matures_on, closed_on, status)`;

/** The source system ($1) and the batch's columns, in the order of BATCH_ROWS. */
function batchParams(sourceSystem: string, rows: PreparedRow<HoldingValues>[]): unknown[] {
  const col = <K extends keyof HoldingValues>(k: K) => rows.map((r) => r.values[k]);
  return [
    sourceSystem,
    col('customerId'), col('externalId'), col('kind'), col('productCode'), col('productName'), col('currency'),
    col('balance'), col('creditLimit'), col('openedOn'), col('maturesOn'), col('closedOn'), col('status'),
  ];
}

/** Kinds whose balance is what the customer owes (stored positive; credit exposure adds them up). */
const DEBT_KINDS = new Set(['loan', 'mortgage', 'credit_card']);

/** The balance as stored: a debt written negative by the file (debtSign 'negative') turns positive, and an overpayment negative. */
function storedBalance(ctx: LoadContext, kind: string, value: string): string {
  if (ctx.debtSign !== 'negative' || !DEBT_KINDS.has(kind)) return value;
  return value.startsWith('-') ? value.slice(1) : `-${value}`;
}

/** Accounts, products and contracts: upserted by (source system, account number); unknown customers are quarantined. */
export const holdingsLoader: Loader<HoldingValues> = {
  async prepare(ctx, rows) {
    const customers = await resolveCustomers(ctx, rows);
    const prepared: PreparedRow<HoldingValues>[] = [];
    for (const row of rows) {
      const before = ctx.errors.length;
      const externalId = cellText(cell(ctx, row, 'externalId'));
      if (!externalId) rowError(ctx, row, 'externalId', 'field.required');
      const kind = readCode(cell(ctx, row, 'kind'), wordsFor('holdings', 'kind'));
      if (!kind.ok) rowError(ctx, row, 'kind', kind.message, kind.params);
      else if (!kind.value) rowError(ctx, row, 'kind', 'field.required');
      const status = readCode(cell(ctx, row, 'status'), wordsFor('holdings', 'status'));
      if (!status.ok) rowError(ctx, row, 'status', status.message, status.params);
      const currency = readCurrency(cell(ctx, row, 'currency'), wordsFor('holdings', 'currency'));
      if (!currency.ok) rowError(ctx, row, 'currency', currency.message, currency.params);
      const amounts = { balance: readAmount(cell(ctx, row, 'balance')), creditLimit: readAmount(cell(ctx, row, 'creditLimit')) };
      if (amounts.balance.ok && amounts.balance.value) ctx.amountSum?.add(amounts.balance.value.value);
      for (const [key, read] of Object.entries(amounts)) if (!read.ok) rowError(ctx, row, key, read.message);
      const dates = { openedOn: readDate(cell(ctx, row, 'openedOn')), maturesOn: readDate(cell(ctx, row, 'maturesOn')), closedOn: readDate(cell(ctx, row, 'closedOn')) };
      for (const [key, read] of Object.entries(dates)) if (!read.ok) rowError(ctx, row, key, read.message, read.params);
      const seenKey = `holding:${externalId}`;
      if (externalId && ctx.seen.has(seenKey)) rowError(ctx, row, 'externalId', 'import.row.duplicate_in_file', { row: ctx.seen.get(seenKey) });
      const customer = customers.of(row);
      if (customer === 'out_of_scope') rowError(ctx, row, ctx.columns.has('customerCode') ? 'customerCode' : 'customerExternalId', 'import.row.out_of_scope');
      if (ctx.errors.length > before) continue;
      ctx.seen.set(seenKey, row.rowNo);
      const balance = amounts.balance.ok ? amounts.balance.value : null;
      const limit = amounts.creditLimit.ok ? amounts.creditLimit.value : null;
      const values: HoldingValues = {
        customerId: typeof customer === 'object' ? customer.id : null,
        externalId: externalId!,
        kind: (kind.ok && kind.value) || 'other',
        productCode: cellText(cell(ctx, row, 'productCode')),
        productName: cellText(cell(ctx, row, 'productName')),
        currency: (currency.ok && currency.value) || balance?.currency || limit?.currency || 'CNY',
        balance: balance ? storedBalance(ctx, (kind.ok && kind.value) || 'other', balance.value) : null,
        creditLimit: limit?.value ?? null,
        openedOn: dates.openedOn.ok ? dates.openedOn.value : null,
        maturesOn: dates.maturesOn.ok ? dates.maturesOn.value : null,
        closedOn: dates.closedOn.ok ? dates.closedOn.value : null,
        status: (status.ok && status.value) || (dates.closedOn.ok && dates.closedOn.value ? 'closed' : 'active'),
      };
      if (customer === 'unknown') prepared.push({ rowNo: row.rowNo, action: 'quarantine', values: { ...values, ...customers.key(row) }, reason: 'unknown_customer' });
      else prepared.push({ rowNo: row.rowNo, action: 'insert', values });
    }
    return prepared;
  },

  async classify(ctx, rows) {
    const fresh = rows.filter((r) => r.action === 'insert');
    if (!fresh.length) return;
    // Compared as the write compares them, so the preview says what the run will do.
    const stored = await ctx.read.query<{ externalId: string; changed: boolean }>(
      `select t.external_id as "externalId",
              (h.customer_id, h.kind, h.product_code, h.product_name, h.currency, h.balance, h.credit_limit, h.opened_on,
               h.matures_on, h.closed_on, h.status)
              is distinct from
              (t.customer_id, t.kind, t.product_code, t.product_name, t.currency, t.balance, t.credit_limit, t.opened_on,
               t.matures_on, t.closed_on, t.status) as changed
         from ${BATCH_ROWS}
         join holdings h on h.source_system = $1 and h.external_id = t.external_id`,
      batchParams(ctx.sourceSystem, fresh),
    );
    const changed = new Map(stored.map((s) => [s.externalId, s.changed]));
    for (const row of fresh) {
      const isChanged = changed.get(row.values.externalId);
      if (isChanged !== undefined) row.action = isChanged ? 'update' : 'unchanged';
    }
  },

  async write(ctx, rows, counts: Counts) {
    const rowsToStore = rows.filter((r) => r.action === 'insert');
    if (rowsToStore.length) {
      // Insert or update; a row whose values did not change is not touched and not returned.
      // An account that moves to another customer changes the one it leaves too (his holdings,
      // years as a customer): the statement answers the previous owners as well (inserted null),
      // read from the table as it was before the statement.
      const written = await ctx.tx.query<{ inserted: boolean | null; customerId: number }>(
        `with moved as (
           select h.customer_id from holdings h join ${BATCH_ROWS} on h.source_system = $1 and h.external_id = t.external_id
            where h.customer_id <> t.customer_id
         ), upserted as (
         insert into holdings as h (customer_id, source_system, external_id, kind, product_code, product_name, currency, balance,
                                    credit_limit, opened_on, matures_on, closed_on, status)
         select customer_id, $1, external_id, kind, product_code, product_name, currency, balance, credit_limit, opened_on,
                matures_on, closed_on, status
           from ${BATCH_ROWS}
         on conflict (source_system, external_id) do update set
           customer_id = excluded.customer_id, kind = excluded.kind, product_code = excluded.product_code,
           product_name = excluded.product_name, currency = excluded.currency, balance = excluded.balance,
           credit_limit = excluded.credit_limit, opened_on = excluded.opened_on, matures_on = excluded.matures_on,
           closed_on = excluded.closed_on, status = excluded.status, updated_at = now()
         where (h.customer_id, h.kind, h.product_code, h.product_name, h.currency, h.balance, h.credit_limit, h.opened_on,
                h.matures_on, h.closed_on, h.status)
               is distinct from
               (excluded.customer_id, excluded.kind, excluded.product_code, excluded.product_name, excluded.currency,
                excluded.balance, excluded.credit_limit, excluded.opened_on, excluded.matures_on, excluded.closed_on, excluded.status)
         returning (xmax = 0) as inserted, customer_id as "customerId")
         select inserted, "customerId" from upserted
         union all select null, customer_id from moved`,
        batchParams(ctx.sourceSystem, rowsToStore),
      );
      ctx.changed.add(written.map((w) => w.customerId));
      const stored = written.filter((w) => w.inserted !== null);
      const inserted = stored.filter((w) => w.inserted).length;
      counts.inserted += inserted;
      counts.updated += stored.length - inserted;
      counts.unchanged += rowsToStore.length - stored.length;
    }
  },
};
