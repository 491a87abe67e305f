import type { Queryable } from '#platform/db/db.ts';
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
}

const COLUMNS = `r.id, r.target, r.source, r.file_name as "fileName", r.file_checksum as "fileChecksum", r.file_size as "fileSize",
  r.format, r.encoding, r.mapping, r.options, r.policy, r.status, r.rows_read as "rowsRead", r.rows_inserted as "rowsInserted",
  r.rows_updated as "rowsUpdated", r.rows_unchanged as "rowsUnchanged", r.rows_rejected as "rowsRejected",
  r.rows_quarantined as "rowsQuarantined", r.error, r.started_by as "startedBy", u.display_name as "startedByName",
  r.source_id as "sourceId", r.started_at as "startedAt", r.finished_at as "finishedAt", r.duration_ms as "durationMs"`;
const FROM = `import_runs r left join users u on u.id = r.started_by`;

/** Two-key advisory lock namespace of running imports: (IMPORT_LOCK, run id). */
export const IMPORT_LOCK = 0x1_4d_50;

export const importsRepository = {
  async start(
    q: Queryable,
    v: { target: string; source: string; sourceId?: number | null; fileName: string | null; checksum: string | null; size: number | null; format: string | null; encoding: string | null; mapping: Record<string, string>; options: Record<string, unknown>; policy: string; startedBy: number | null },
  ): Promise<number> {
    const [row] = await q.query<{ id: number }>(
      `insert into import_runs (target, source, file_name, file_checksum, file_size, format, encoding, mapping, options, policy, status, started_by, source_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'running', $11, $12) returning id`,
      [v.target, v.source, v.fileName, v.checksum, v.size, v.format, v.encoding, JSON.stringify(v.mapping), JSON.stringify(v.options), v.policy, v.startedBy, v.sourceId ?? null],
    );
    return row!.id;
  },
  finish: (q: Queryable, id: number, status: string, counts: Counts, error: string | null, durationMs: number) =>
    q.query(
      `update import_runs set status = $2, rows_read = $3, rows_inserted = $4, rows_updated = $5, rows_unchanged = $6,
              rows_rejected = $7, rows_quarantined = $8, error = $9, finished_at = now(), duration_ms = $10
        where id = $1`,
      [id, status, counts.read, counts.inserted, counts.updated, counts.unchanged, counts.rejected, counts.quarantined, error, durationMs],
    ),
  byId: async (q: Queryable, id: number) => (await q.query<ImportRunRow>(`select ${COLUMNS} from ${FROM} where r.id = $1`, [id]))[0],
  list: (q: Queryable, f: { target?: string; sourceId?: number; beforeId?: number; limit: number }) => {
    const params: unknown[] = [];
    const where: string[] = [];
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
  /** The last successful run of the same file, target and mapping: running it again would change nothing. */
  sameSucceeded: async (q: Queryable, v: { target: string; checksum: string; mapping: Record<string, string>; options: Record<string, unknown> }) =>
    (
      await q.query<ImportRunRow>(
        `select ${COLUMNS} from ${FROM}
          where r.target = $1 and r.file_checksum = $2 and r.mapping = $3::jsonb and r.options = $4::jsonb and r.status = 'succeeded'
          order by r.id desc limit 1`,
        [v.target, v.checksum, JSON.stringify(v.mapping), JSON.stringify(v.options)],
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
  errors: (q: Queryable, runId: number, limit: number) =>
    q.query<RowError>(
      `select row_no as "rowNo", field as column, value, message, params from import_errors where run_id = $1 order by row_no limit $2`,
      [runId, limit],
    ),
  async quarantine(q: Queryable, runId: number, target: string, rows: { rowNo: number; reason: string; payload: unknown }[]) {
    if (!rows.length) return;
    await q.query(
      `insert into import_quarantine (run_id, target, row_no, reason, payload)
       select $1, $2, row_no, reason, payload::jsonb from unnest($3::int[], $4::text[], $5::text[]) as t(row_no, reason, payload)`,
      [runId, target, rows.map((r) => r.rowNo), rows.map((r) => r.reason), rows.map((r) => JSON.stringify(r.payload))],
    );
  },
  /** Runs left 'running' by a process that died: their transaction rolled back, so nothing of them is stored. */
  markInterrupted: (q: Queryable) =>
    q.query<{ id: number }>(
      `update import_runs set status = 'failed', error = 'interrupted', finished_at = now()
        where status = 'running' and pg_try_advisory_xact_lock(${IMPORT_LOCK}, id::int) returning id`,
    ),
};
