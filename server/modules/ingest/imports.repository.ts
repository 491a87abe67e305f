import type { Queryable } from '#platform/db/db.ts';
import { scopeCondition, type RecordScope } from '#platform/auth/actor.ts';
import type { RowError } from './cells.ts';
import type { Counts } from './loaders/loader.ts';

export interface ImportRunRow {
  id: number;
  target: string;
  source: string;
  fileName: string | null;
  fileChecksum: string | null;
  fileSize: number | null;
  format: string | null;
  encoding: string | null;
  mapping: Record<string, string>;
  options: Record<string, unknown>;
  policy: 'reject_file' | 'load_valid';
  status: 'running' | 'succeeded' | 'rejected' | 'failed';
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  rowsQuarantined: number;
  error: string | null;
  startedBy: number | null;
  startedByName: string | null;
  sourceId: number | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  /** The control totals the request gave (null: none), the amount sum the run found, and whether they matched. */
  controlRows: number | null;
  controlAmountSum: string | null;
  amountSum: string | null;
  controlMatched: boolean | null;
}

export interface ControlTotals {
  rows?: number;
  amountSum?: string;
}

/** A quarantined row: a valid holding or transaction whose customer was not known when its file was loaded. */
export interface QuarantineRow {
  id: number;
  runId: number;
  target: string;
  rowNo: number;
  reason: string;
  payload: Record<string, unknown>;
  sourceSystem: string;
  resolvedAt: Date | null;
  resolvedRunId: number | null;
  createdAt: Date;
}

export type QuarantineStatus = 'open' | 'resolved' | 'all';

/** How a listed run ended ('interrupted': failed because the server stopped while it ran; 'failed' leaves those out). */
export const RUN_LIST_STATUSES = ['running', 'succeeded', 'rejected', 'failed', 'interrupted'] as const;
/** How a listed run was started; 'schedule' stands for every scheduled source (source:<name>). */
export const RUN_LIST_SOURCES = ['upload', 'api', 'cli', 'schedule', 'quarantine'] as const;
export interface RunListFilter {
  target?: string;
  status?: (typeof RUN_LIST_STATUSES)[number];
  source?: (typeof RUN_LIST_SOURCES)[number];
  /** YYYY-MM-DD, China time, both included. */
  startedFrom?: string;
  startedTo?: string;
  sourceId?: number;
  beforeId?: number;
  limit: number;
}

const COLUMNS = `r.id, r.target, r.source, r.file_name as "fileName", r.file_checksum as "fileChecksum", r.file_size as "fileSize",
  r.format, r.encoding, r.mapping, r.options, r.policy, r.status, r.rows_read as "rowsRead", r.rows_inserted as "rowsInserted",
  r.rows_updated as "rowsUpdated", r.rows_unchanged as "rowsUnchanged", r.rows_rejected as "rowsRejected",
  r.rows_quarantined as "rowsQuarantined", r.error, r.started_by as "startedBy", u.display_name as "startedByName",
  r.source_id as "sourceId", r.started_at as "startedAt", r.finished_at as "finishedAt", r.duration_ms as "durationMs",
  r.control_rows as "controlRows", r.control_amount_sum::text as "controlAmountSum", r.amount_sum::text as "amountSum",
  r.control_matched as "controlMatched"`;
const QUARANTINE_COLUMNS = `q.id, q.run_id as "runId", q.target, q.row_no as "rowNo", q.reason, q.payload,
  coalesce(r.options->>'sourceSystem', 'file') as "sourceSystem", q.resolved_at as "resolvedAt", q.resolved_run_id as "resolvedRunId",
  q.created_at as "createdAt"`;
const QUARANTINE_FROM = `import_quarantine q join import_runs r on r.id = q.run_id`;

/** The where clause of a quarantine list, with its parameters. */
function quarantineWhere(f: { runId?: number; status: QuarantineStatus; target?: string; sourceSystem?: string }, params: unknown[]): string[] {
  const where: string[] = [];
  if (f.runId) {
    params.push(f.runId);
    where.push(`q.run_id = $${params.length}`);
  }
  if (f.status === 'open') where.push('q.resolved_at is null');
  if (f.status === 'resolved') where.push('q.resolved_at is not null');
  if (f.target) {
    params.push(f.target);
    where.push(`q.target = $${params.length}`);
  }
  if (f.sourceSystem) {
    params.push(f.sourceSystem);
    where.push(`coalesce(r.options->>'sourceSystem', 'file') = $${params.length}`);
  }
  return where;
}
const FROM = `import_runs r left join users u on u.id = r.started_by`;

/** Two-key advisory lock namespace of running imports: (IMPORT_LOCK, run id). */
const IMPORT_LOCK = 0x1_4d_50;

export const importsRepository = {
  /**
   * Sets up the transaction a run (or a reprocess) writes in: its lock, held until commit, tells a
   * restarted server that the run is still alive; JIT is off, because compiling any of the run's
   * thousands of short statements costs more than it saves.
   */
  async holdRun(tx: Queryable, runId: number): Promise<void> {
    await tx.query(`select pg_advisory_xact_lock(${IMPORT_LOCK}, $1::int), set_config('jit', 'off', true)`, [runId]);
  },

  async start(
    q: Queryable,
    v: {
      target: string;
      source: string;
      sourceId?: number | null;
      fileName: string | null;
      checksum: string | null;
      size: number | null;
      format: string | null;
      encoding: string | null;
      mapping: Record<string, string>;
      options: Record<string, unknown>;
      policy: string;
      startedBy: number | null;
      control?: ControlTotals | null;
    },
  ): Promise<number> {
    const [row] = await q.query<{ id: number }>(
      `insert into import_runs (target, source, file_name, file_checksum, file_size, format, encoding, mapping, options, policy, status, started_by, source_id,
                                control_rows, control_amount_sum)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'running', $11, $12, $13, $14::numeric) returning id`,
      [
        v.target, v.source, v.fileName, v.checksum, v.size, v.format, v.encoding, JSON.stringify(v.mapping), JSON.stringify(v.options), v.policy, v.startedBy,
        v.sourceId ?? null, v.control?.rows ?? null, v.control?.amountSum ?? null,
      ],
    );
    return row!.id;
  },
  finish: (q: Queryable, id: number, status: string, counts: Counts, error: string | null, durationMs: number, totals: { amountSum?: string | null; controlMatched?: boolean | null } = {}) =>
    q.query(
      `update import_runs set status = $2, rows_read = $3, rows_inserted = $4, rows_updated = $5, rows_unchanged = $6,
              rows_rejected = $7, rows_quarantined = $8, error = $9, finished_at = now(), duration_ms = $10,
              amount_sum = $11::numeric, control_matched = $12
        where id = $1`,
      [id, status, counts.read, counts.inserted, counts.updated, counts.unchanged, counts.rejected, counts.quarantined, error, durationMs, totals.amountSum ?? null, totals.controlMatched ?? null],
    ),
  byId: async (q: Queryable, id: number) => (await q.query<ImportRunRow>(`select ${COLUMNS} from ${FROM} where r.id = $1`, [id]))[0],
  list: (q: Queryable, f: RunListFilter) => {
    const params: unknown[] = [];
    const where: string[] = [];
    if (f.status === 'interrupted') where.push(`r.status = 'failed' and r.error = 'interrupted'`);
    else if (f.status === 'failed') where.push(`r.status = 'failed' and r.error is distinct from 'interrupted'`);
    else if (f.status) {
      params.push(f.status);
      where.push(`r.status = $${params.length}`);
    }
    if (f.source === 'schedule') where.push(`r.source like 'source:%'`);
    else if (f.source) {
      params.push(f.source);
      where.push(`r.source = $${params.length}`);
    }
    // Calendar days in China time, as the history shows its times; the last day is included.
    if (f.startedFrom) {
      params.push(f.startedFrom);
      where.push(`r.started_at >= ($${params.length}::date)::timestamp at time zone 'Asia/Shanghai'`);
    }
    if (f.startedTo) {
      params.push(f.startedTo);
      where.push(`r.started_at < ($${params.length}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
    }
    if (f.sourceId) {
      params.push(f.sourceId);
      where.push(`r.source_id = $${params.length}`);
    }
    if (f.target) {
      params.push(f.target);
      where.push(`r.target = $${params.length}`);
    }
    if (f.beforeId) {
      params.push(f.beforeId);
      where.push(`r.id < $${params.length}`);
    }
    params.push(f.limit);
    return q.query<ImportRunRow>(`select ${COLUMNS} from ${FROM} ${where.length ? `where ${where.join(' and ')}` : ''} order by r.id desc limit $${params.length}`, params);
  },
  /**
   * The last run that loaded the same file with the same target, mapping and options: running it
   * again would change nothing. Its policy does not matter: a run under reject_file that succeeded
   * had no errors, and one under load_valid loaded every valid row (a reject_file run of the same
   * file would load nothing). A run that loaded nothing because every row had errors is not one:
   * like a rejected file, it can be run again (after the org unit or user it lacked is created).
   */
  sameSucceeded: async (q: Queryable, v: { target: string; checksum: string; mapping: Record<string, string>; options: Record<string, unknown> }) =>
    (
      await q.query<ImportRunRow>(
        `select ${COLUMNS} from ${FROM}
          where r.target = $1 and r.file_checksum = $2 and r.mapping = $3::jsonb and r.options = $4::jsonb and r.status = 'succeeded'
            and (r.rows_rejected = 0 or r.rows_inserted + r.rows_updated + r.rows_unchanged + r.rows_quarantined > 0)
          order by r.id desc limit 1`,
        [v.target, v.checksum, JSON.stringify(v.mapping), JSON.stringify(v.options)],
      )
    )[0],
  /**
   * The last completed run of the same file, mapping and options when it loaded nothing because of
   * its rows (rejected under reject_file, or every row refused): reading the same bytes again under
   * the same policy would refuse them again. Undefined when the last completed run loaded something.
   */
  sameRowsRefused: async (q: Queryable, v: { target: string; checksum: string; mapping: Record<string, string>; options: Record<string, unknown>; policy: string }) => {
    const [last] = await q.query<ImportRunRow>(
      `select ${COLUMNS} from ${FROM}
        where r.target = $1 and r.file_checksum = $2 and r.mapping = $3::jsonb and r.options = $4::jsonb and r.status in ('succeeded', 'rejected')
        order by r.id desc limit 1`,
      [v.target, v.checksum, JSON.stringify(v.mapping), JSON.stringify(v.options)],
    );
    const loaded = last ? last.rowsInserted + last.rowsUpdated + last.rowsUnchanged + last.rowsQuarantined : 0;
    if (!last || last.rowsRejected === 0 || loaded > 0) return undefined;
    // Under another policy the valid rows of a rejected file would load: only a file refused whole blocks it.
    return last.policy === v.policy || last.rowsRejected >= last.rowsRead ? last : undefined;
  },
  /** The last run of the same file and mapping that failed on the same control totals: trying again would fail again. */
  sameControlFailed: async (q: Queryable, v: { target: string; checksum: string; mapping: Record<string, string>; options: Record<string, unknown>; control: ControlTotals }) =>
    (
      await q.query<ImportRunRow>(
        `select ${COLUMNS} from ${FROM}
          where r.target = $1 and r.file_checksum = $2 and r.mapping = $3::jsonb and r.options = $4::jsonb and r.status = 'failed'
            and r.control_matched = false and r.control_rows is not distinct from $5::int
            and r.control_amount_sum is not distinct from $6::numeric
          order by r.id desc limit 1`,
        [v.target, v.checksum, JSON.stringify(v.mapping), JSON.stringify(v.options), v.control.rows ?? null, v.control.amountSum ?? null],
      )
    )[0],
  async addErrors(q: Queryable, runId: number, errors: RowError[]) {
    for (let i = 0; i < errors.length; i += 1000) {
      const chunk = errors.slice(i, i + 1000);
      await q.query(
        `insert into import_errors (run_id, row_no, field, value, message, params)
         select $1, row_no, field, value, message, params::jsonb from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
           as t(row_no, field, value, message, params)`,
        [runId, chunk.map((e) => e.rowNo), chunk.map((e) => e.column), chunk.map((e) => e.value), chunk.map((e) => e.message), chunk.map((e) => (e.params ? JSON.stringify(e.params) : null))],
      );
    }
  },
  /** A run's row errors by row number, each row's in the order they were stored (found). */
  errors: (q: Queryable, runId: number, limit: number) =>
    q.query<RowError>(
      `select row_no as "rowNo", field as column, value, message, params from import_errors where run_id = $1 order by row_no, ctid limit $2`,
      [runId, limit],
    ),
  /** Removes a run that did nothing worth keeping (a reprocess that loaded nothing); nothing refers to it yet. */
  async discard(q: Queryable, runId: number) {
    await q.query(`delete from import_runs where id = $1`, [runId]);
  },
  /** Code and name of the customers a preview's rows refer to, those in the reader's scope. */
  async customerLabels(q: Queryable, scope: RecordScope, ids: number[]) {
    if (!ids.length) return [];
    const params: unknown[] = [ids];
    return q.query<{ id: number; code: string; name: string }>(
      `select c.id::int as id, c.code, c.name from customers c where c.id = any($1::bigint[]) and ${scopeCondition(scope, 'c', params)} order by c.id`,
      params,
    );
  },
  /** The staff named as customer managers in a file, by name (staff names are visible to all staff). */
  async userLabels(q: Queryable, ids: number[]) {
    if (!ids.length) return [];
    return q.query<{ id: number; username: string; displayName: string }>(
      `select u.id::int as id, u.username, u.display_name as "displayName" from users u where u.id = any($1::bigint[]) order by u.id`,
      [ids],
    );
  },
  async quarantine(q: Queryable, runId: number, target: string, rows: { rowNo: number; reason: string; payload: unknown }[]) {
    if (!rows.length) return;
    await q.query(
      `insert into import_quarantine (run_id, target, row_no, reason, payload)
       select $1, $2, row_no, reason, payload::jsonb from unnest($3::int[], $4::text[], $5::text[]) as t(row_no, reason, payload)`,
      [runId, target, rows.map((r) => r.rowNo), rows.map((r) => r.reason), rows.map((r) => JSON.stringify(r.payload))],
    );
  },
  /** A page of quarantined rows, by id in the given order; `afterId` is the last id of the previous page. */
  quarantineList: (q: Queryable, f: { runId?: number; status: QuarantineStatus; target?: string; afterId?: number; order: 'asc' | 'desc'; limit: number }) => {
    const params: unknown[] = [];
    const where = quarantineWhere(f, params);
    if (f.afterId) {
      params.push(f.afterId);
      where.push(`q.id ${f.order === 'asc' ? '>' : '<'} $${params.length}`);
    }
    params.push(f.limit);
    return q.query<QuarantineRow>(
      `select ${QUARANTINE_COLUMNS} from ${QUARANTINE_FROM} ${where.length ? `where ${where.join(' and ')}` : ''} order by q.id ${f.order} limit $${params.length}`,
      params,
    );
  },
  quarantineCount: async (q: Queryable, f: { runId?: number; status: QuarantineStatus; target?: string }) => {
    const params: unknown[] = [];
    const where = quarantineWhere(f, params);
    // No source system filter here: the rows alone are counted, through the run or open-rows index.
    const [row] = await q.query<{ n: number }>(`select count(*)::int as n from import_quarantine q ${where.length ? `where ${where.join(' and ')}` : ''}`, params);
    return row!.n;
  },
  /** The (target, source system) pairs that have open quarantined rows: each is reprocessed as one run. */
  quarantineGroups: (q: Queryable, runId?: number) =>
    q.query<{ target: string; sourceSystem: string }>(
      `select distinct q.target, coalesce(r.options->>'sourceSystem', 'file') as "sourceSystem" from ${QUARANTINE_FROM}
        where q.resolved_at is null and ($1::bigint is null or q.run_id = $1) order by 1, 2`,
      [runId ?? null],
    ),
  /**
   * The next open rows of a group, newest first, locked until commit; rows another reprocess holds
   * are skipped, so two of them never load one row twice.
   */
  lockOpenQuarantine: (q: Queryable, f: { target: string; sourceSystem: string; runId?: number; beforeId: number | null; limit: number }) =>
    q.query<QuarantineRow>(
      `select ${QUARANTINE_COLUMNS} from ${QUARANTINE_FROM}
        where q.resolved_at is null and q.target = $1 and coalesce(r.options->>'sourceSystem', 'file') = $2
          and ($3::bigint is null or q.run_id = $3) and ($4::bigint is null or q.id < $4)
        order by q.id desc limit $5 for update of q skip locked`,
      [f.target, f.sourceSystem, f.runId ?? null, f.beforeId, f.limit],
    ),
  resolveQuarantine: async (q: Queryable, ids: number[], runId: number) => {
    if (ids.length) await q.query(`update import_quarantine set resolved_at = now(), resolved_run_id = $2 where id = any($1::bigint[])`, [ids, runId]);
  },
  /** Runs left 'running' by a process that died: their transaction rolled back, so nothing of them is stored. */
  markInterrupted: (q: Queryable) =>
    q.query<{ id: number }>(
      `update import_runs set status = 'failed', error = 'interrupted', finished_at = now()
        where status = 'running' and pg_try_advisory_xact_lock(${IMPORT_LOCK}, id::int) returning id`,
    ),
};
