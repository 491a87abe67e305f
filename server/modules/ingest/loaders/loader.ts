import { FingerprintMap } from '#lib/fingerprint-map.ts';
import type { DecimalSum } from '#lib/cn/index.ts';
import type { Queryable } from '#platform/db/db.ts';
import type { Actor } from '#platform/auth/actor.ts';
import type { CustomFieldRow } from '#modules/custom-fields/custom-fields.repository.ts';
import type { OrgUnitRow } from '#modules/identity/identity.repository.ts';
import type { SourceRow } from '../readers.ts';
import type { RowError } from '../cells.ts';

/** What a row will do: 'quarantine' keeps a valid row that cannot be placed yet. */
export type RowAction = 'insert' | 'update' | 'unchanged' | 'quarantine';

export interface PreparedRow<V = Record<string, unknown>> {
  rowNo: number;
  action: RowAction;
  /** The values as they will be stored (what the preview shows). */
  values: V;
  /** For updates and unchanged rows: the id of the record. */
  id?: number;
  reason?: string;
}

export interface Counts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  quarantined: number;
}

export const DEBT_SIGNS = ['positive', 'negative'] as const;
export type DebtSign = (typeof DEBT_SIGNS)[number];

export interface LoadContext {
  tx: Queryable;
  /**
   * Where `prepare` looks up stored records: on PostgreSQL a pooled connection beside the run's
   * transaction, so the next batch is checked while this one is written (it cannot see this run's
   * own rows, which the in-file duplicate check covers); on PGlite, and outside runs, `tx` itself.
   */
  read: Queryable;
  actor: Actor;
  runId: number | null;
  target: string;
  /** Field key → the file's column that fills it. */
  columns: Map<string, string>;
  sourceSystem: string;
  /** How the file writes debts (see ImportOptions.debtSign); holdings are stored with debts positive. */
  debtSign: DebtSign;
  defaultOrgUnitId: number;
  orgUnitsByCode: Map<string, OrgUnitRow>;
  customFields: CustomFieldRow[];
  codePattern: string;
  /** Keys already seen in this file (ID numbers, mobiles, external ids …) → first row number. */
  seen: FingerprintMap;
  /**
   * During a run of a target with an amount column (transactions' amount, holdings' balance): the
   * sum of that column over every row, signs included, as the file writes it (the control total).
   * The loader adds each row's amount when it reads it, so the column is parsed once.
   */
  amountSum: DecimalSum | null;
  /** Customers whose data this run changed, announced after the commit. */
  changed: ChangedCustomers;
  errors: RowError[];
}

/** The customers a run changed, up to a bound: past it, "many" (listeners then recompute whole). */
export class ChangedCustomers {
  readonly ids = new Set<number>();
  many = false;

  constructor(private readonly limit = 5_000) {}

  add(ids: Iterable<number>): void {
    if (this.many) return;
    for (const id of ids) {
      this.ids.add(id);
      if (this.ids.size > this.limit) {
        this.many = true;
        this.ids.clear();
        return;
      }
    }
  }

  get any(): boolean {
    return this.many || this.ids.size > 0;
  }
}

/** One import target: how rows become records. `prepare` only reads; `write` stores what it prepared. */
export interface Loader<V = Record<string, unknown>> {
  prepare(ctx: LoadContext, rows: SourceRow[]): Promise<PreparedRow<V>[]>;
  /**
   * True when the next batch may be prepared while this one still is (its look-ups then run while
   * the batch before is checked): prepare keeps nothing across batches whose order matters, as
   * ctx.seen does (the first of two repeated rows wins).
   */
  preparesAhead?: boolean;
  write(ctx: LoadContext, rows: PreparedRow<V>[], counts: Counts): Promise<void>;
  /**
   * For the preview, where nothing is written: marks the 'insert' rows that are stored already as
   * 'update' or 'unchanged' (targets whose run finds this out only when it writes).
   */
  classify?(ctx: LoadContext, rows: PreparedRow<V>[]): Promise<void>;
}

/** The cell of a row for a field, through the mapping. */
export const cell = (ctx: LoadContext, row: SourceRow, key: string): unknown => {
  const column = ctx.columns.get(key);
  return column === undefined ? undefined : row.cells[column];
};

export function rowError(ctx: LoadContext, row: SourceRow, key: string | null, message: RowError['message'], params?: Record<string, unknown>): void {
  const column = key === null ? null : (ctx.columns.get(key) ?? key);
  const value = key === null ? null : cell(ctx, row, key);
  ctx.errors.push({ rowNo: row.rowNo, column, value: value === undefined || value === null ? null : String(value).slice(0, 200), message, params });
}
