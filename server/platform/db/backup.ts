import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { finished } from 'node:stream/promises';
import type { Db, Queryable } from './db.ts';
import { applicationTables, migrate, MIGRATIONS_DIR } from './migrate.ts';

/**
 * Logical backups that work the same on PGlite and on PostgreSQL, so a backup of the embedded
 * database can also be restored into a server (the way to move from one to the other).
 *
 * The file is gzipped text, one line per row (the row as PostgreSQL's own jsonb text, which keeps
 * numeric precision and is never parsed here) with control lines starting with '##':
 *   ## {"format":"guanxi-backup","version":1,...}     header: engine, time, applied migrations
 *   ## {"table":"customers","columns":[...]}          then that table's rows, in key order
 *   ## {"end":"customers","rows":N,"sha256":"..."}     count and checksum of the lines above
 *   ## {"sequences":{...}}                              sequence positions
 *   ## {"complete":true}                                a truncated file lacks this line
 * Everything is read in one repeatable-read transaction: a consistent snapshot while the
 * application keeps running.
 */

export const BACKUP_FORMAT = 'guanxi-backup';
const CONTROL = '## ';
const FETCH_ROWS = 2000;
const INSERT_BYTES = 4_000_000;

export interface TableSummary {
  table: string;
  rows: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  engine: Db['kind'];
  createdAt: string;
  migrations: string[];
  tables: TableSummary[];
  bytes: number;
  /** sha256 of the whole file, to tell a damaged copy from a good one. */
  fileSha256: string;
}

interface TableInfo {
  name: string;
  columns: string[];
  orderBy: string;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The same session settings for writing and checking, so values print the same way. */
async function stableOutput(tx: Queryable) {
  await tx.query(`select set_config('timezone', 'UTC', true), set_config('intervalstyle', 'postgres', true), set_config('extra_float_digits', '1', true)`);
}

/** Every table of the application (not other tables of the same database), with its stored (not generated) columns and its key order. */
async function listTables(tx: Queryable): Promise<TableInfo[]> {
  const rows = await tx.query<{ name: string; columns: string[]; key: string[] | null }>(
    `select c.relname as name,
            array(select a.attname::text from pg_attribute a
                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                  order by a.attnum) as columns,
            (select array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, n)
                          join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.n)
               from pg_index i where i.indrelid = c.oid and i.indisprimary) as key
       from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = 'public' and c.relkind = 'r' and c.relname = any($1::text[])
      order by c.relname`,
    [applicationTables()],
  );
  return rows.map((r) => ({
    name: r.name,
    columns: r.columns,
    // Without a primary key the whole row orders it, so the checksum does not depend on storage order.
    orderBy: r.key && r.key.length > 0 ? r.key.map(quoteIdent).join(', ') : 't::text',
  }));
}

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Streams a table's rows as jsonb text in key order, a batch at a time, through a cursor.
 * `only` limits the row to the columns a backup had (columns added since are left out).
 */
async function* tableRows(tx: Queryable, table: TableInfo, only?: string[]): AsyncGenerator<string[]> {
  const cursor = `backup_${table.name}`;
  const extra = only ? table.columns.filter((c) => !only.includes(c)) : [];
  const row = extra.length > 0 ? `(to_jsonb(t) - array[${extra.map(quoteLiteral).join(', ')}]::text[])` : 'to_jsonb(t)';
  await tx.query(`declare ${quoteIdent(cursor)} no scroll cursor for select ${row}::text as j from ${quoteIdent(table.name)} t order by ${table.orderBy}`);
  for (;;) {
    const batch = await tx.query<{ j: string }>(`fetch ${FETCH_ROWS} from ${quoteIdent(cursor)}`);
    if (batch.length === 0) break;
    yield batch.map((r) => r.j);
    if (batch.length < FETCH_ROWS) break;
  }
  await tx.query(`close ${quoteIdent(cursor)}`);
}

async function readSequences(tx: Queryable): Promise<Record<string, string | null>> {
  const rows = await tx.query<{ name: string; value: string | null }>(
    `select sequencename as name, last_value::text as value from pg_sequences where schemaname = 'public' order by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

/**
 * Writes a consistent snapshot of the whole database to `file` (gzipped). The file appears only
 * when complete: it is written beside and renamed at the end.
 */
export async function backupDatabase(db: Db, file: string): Promise<BackupManifest> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const gzip = createGzip({ level: 6 });
  const fileHash = createHash('sha256');
  gzip.on('data', (chunk: Buffer) => fileHash.update(chunk));
  gzip.pipe(out);
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  try {
    const manifest = await db.transaction(async (tx) => {
      await tx.query('set transaction isolation level repeatable read, read only');
      await stableOutput(tx);
      const migrations = (await tx.query<{ name: string }>('select name from schema_migrations order by name')).map((r) => r.name);
      const header = { format: BACKUP_FORMAT as typeof BACKUP_FORMAT, version: 1 as const, engine: db.kind, createdAt: new Date().toISOString(), migrations };
      await write(`${CONTROL}${JSON.stringify(header)}\n`);
      const tables: TableSummary[] = [];
      for (const table of await listTables(tx)) {
        await write(`${CONTROL}${JSON.stringify({ table: table.name, columns: table.columns })}\n`);
        const hash = createHash('sha256');
        let rows = 0;
        for await (const batch of tableRows(tx, table)) {
          const text = `${batch.join('\n')}\n`;
          hash.update(text);
          rows += batch.length;
          await write(text);
        }
        const summary = { table: table.name, rows, sha256: hash.digest('hex') };
        tables.push(summary);
        await write(`${CONTROL}${JSON.stringify({ end: table.name, rows, sha256: summary.sha256 })}\n`);
      }
      await write(`${CONTROL}${JSON.stringify({ sequences: await readSequences(tx) })}\n`);
      await write(`${CONTROL}${JSON.stringify({ complete: true })}\n`);
      return { ...header, tables };
    });
    gzip.end();
    await finished(out);
    await rename(partial, file);
    return { ...manifest, bytes: (await stat(file)).size, fileSha256: fileHash.digest('hex') };
  } catch (error) {
    gzip.destroy();
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

/** Row count and checksum of every table, computed exactly as a backup records them. */
export async function tableChecksums(db: Db): Promise<TableSummary[]> {
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    await stableOutput(tx);
    return checksumTables(tx, await listTables(tx));
  });
}

async function checksumTables(tx: Queryable, tables: TableInfo[], columns?: Map<string, string[]>): Promise<TableSummary[]> {
  const result: TableSummary[] = [];
  for (const table of tables) {
    const hash = createHash('sha256');
    let rows = 0;
    for await (const batch of tableRows(tx, table, columns?.get(table.name))) {
      hash.update(`${batch.join('\n')}\n`);
      rows += batch.length;
    }
    result.push({ table: table.name, rows, sha256: hash.digest('hex') });
  }
  return result;
}

export interface BackupReport {
  ok: boolean;
  /** What is wrong when not ok: 'not_a_backup', 'truncated' or 'checksum_mismatch'. */
  problem: string | null;
  createdAt: string | null;
  engine: string | null;
  migrations: string[];
  tables: (TableSummary & { ok: boolean })[];
  fileSha256: string;
}

/** Reads a whole backup file and checks each table's lines against its recorded checksum. */
export async function inspectBackup(file: string): Promise<BackupReport> {
  const fileHash = createHash('sha256');
  const report: BackupReport = { ok: false, problem: null, createdAt: null, engine: null, migrations: [], tables: [], fileSha256: '' };
  let hash = createHash('sha256');
  let rows = 0;
  let complete = false;
  try {
    let first = true;
    for await (const line of readLines(file, fileHash)) {
      if (!line.startsWith(CONTROL)) {
        hash.update(`${line}\n`);
        rows++;
        continue;
      }
      const control = parseControl(line);
      if (first && control.format !== BACKUP_FORMAT) throw new BackupError('not_a_backup', 'not a backup');
      first = false;
      if (control.format) Object.assign(report, { createdAt: control.createdAt ?? null, engine: control.engine ?? null, migrations: control.migrations ?? [] });
      else if (control.table) [hash, rows] = [createHash('sha256'), 0];
      else if (control.end) {
        const sha256 = hash.digest('hex');
        report.tables.push({ table: control.end, rows, sha256, ok: sha256 === control.sha256 && rows === control.rows });
      } else if (control.complete) complete = true;
    }
    if (!report.createdAt) throw new BackupError('not_a_backup', 'not a backup');
    report.problem = !complete ? 'truncated' : report.tables.some((t) => !t.ok) ? 'checksum_mismatch' : null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    report.problem = error instanceof BackupError ? error.code : code === 'Z_BUF_ERROR' ? 'truncated' : 'not_a_backup';
  }
  report.ok = report.problem === null;
  report.fileSha256 = fileHash.digest('hex');
  return report;
}

interface ControlLine {
  format?: string;
  createdAt?: string;
  engine?: string;
  migrations?: string[];
  table?: string;
  columns?: string[];
  end?: string;
  rows?: number;
  sha256?: string;
  sequences?: Record<string, string | null>;
  complete?: boolean;
}

function parseControl(line: string): ControlLine {
  try {
    return JSON.parse(line.slice(CONTROL.length)) as ControlLine;
  } catch {
    throw new BackupError('not_a_backup', 'A control line of the backup is not valid JSON.');
  }
}

export class BackupError extends Error {
  constructor(
    readonly code: 'not_a_backup' | 'truncated' | 'newer_schema' | 'not_empty' | 'unknown_column' | 'checksum_mismatch',
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface RestoreOptions {
  /** Empty every table first; without it the target must hold no rows. */
  replace?: boolean;
  /**
   * Tables (with an identity `id`) whose rows missing from the backup are kept, such as the audit
   * log: replacing the data must not erase the record of who did what since, nor of the restore.
   */
  keepRowsOf?: string[];
}

export interface RestoreResult {
  tables: TableSummary[];
  rows: number;
  migrationsApplied: string[];
}

/**
 * Restores a backup into `db` in one transaction: the schema is brought to this version's
 * migrations, foreign keys are set aside while the rows go in and checked again at the end,
 * sequences are put back, and every table's checksum must match the backup's before anything
 * commits. A damaged or truncated file therefore changes nothing.
 */
export async function restoreDatabase(db: Db, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const lines = readLines(file);
  try {
    return await restoreLines(db, file, lines, options);
  } finally {
    await lines.return(undefined);
  }
}

async function restoreLines(db: Db, file: string, lines: AsyncGenerator<string>, options: RestoreOptions): Promise<RestoreResult> {
  const next = async () => {
    try {
      const step = await lines.next();
      return step.done ? undefined : step.value;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'Z_BUF_ERROR') throw new BackupError('truncated', 'The backup file is incomplete (it ends before its last line): nothing was restored.');
      if (code === 'Z_DATA_ERROR') throw new BackupError('not_a_backup', `${file} is not a Guanxi backup (it is not gzip data).`);
      throw error;
    }
  };
  const first = await next();
  const header = first?.startsWith(CONTROL) ? parseControl(first) : undefined;
  if (header?.format !== BACKUP_FORMAT) throw new BackupError('not_a_backup', `${file} is not a Guanxi backup.`);
  const migrationsApplied = await migrate(db, MIGRATIONS_DIR);

  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query(`set local statement_timeout = 0`);
    await stableOutput(tx);
    const known = new Set((await tx.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name));
    const newer = (header.migrations ?? []).filter((m) => !known.has(m));
    if (newer.length > 0) throw new BackupError('newer_schema', `The backup comes from a newer version (migrations ${newer.join(', ')}): upgrade Guanxi first.`, { migrations: newer });

    const tables = new Map((await listTables(tx)).map((t) => [t.name, t]));
    for (const name of options.keepRowsOf ?? []) {
      await tx.exec(`create temp table ${quoteIdent(`keep_${name}`)} on commit drop as select * from ${quoteIdent(name)}`);
    }
    if (options.replace) {
      await tx.exec(`truncate ${[...tables.keys()].map(quoteIdent).join(', ')} restart identity cascade`);
    } else {
      const filled: string[] = [];
      for (const name of tables.keys()) if ((await tx.query(`select 1 from ${quoteIdent(name)} limit 1`)).length > 0) filled.push(name);
      if (filled.length > 0) throw new BackupError('not_empty', `The database is not empty (${filled.join(', ')}): restore into an empty one, or replace its data explicitly.`, { tables: filled });
    }

    // Rows go in table by table; the foreign keys would need a parent-first order, including
    // inside self-referencing tables such as the org tree, so they are dropped and re-added.
    const foreignKeys = await tx.query<{ tbl: string; name: string; def: string }>(
      `select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
         from pg_constraint c join pg_namespace ns on ns.oid = c.connamespace
        where c.contype = 'f' and ns.nspname = 'public'`,
    );
    for (const fk of foreignKeys) await tx.exec(`alter table ${fk.tbl} drop constraint ${quoteIdent(fk.name)}`);

    const restored: TableSummary[] = [];
    const expected: TableSummary[] = [];
    const backupColumns = new Map<string, string[]>();
    let sequences: Record<string, string | null> = {};
    let complete = false;
    let current: { table: TableInfo; columns: string; batch: string[]; bytes: number; rows: number } | undefined;
    const flush = async () => {
      if (!current || current.batch.length === 0) return;
      const name = quoteIdent(current.table.name);
      await tx.query(
        `insert into ${name} (${current.columns}) overriding system value
         select ${current.columns} from jsonb_populate_recordset(null::${name}, $1::jsonb)`,
        [`[${current.batch.join(',')}]`],
      );
      current.rows += current.batch.length;
      current.batch = [];
      current.bytes = 0;
    };

    for (let line = await next(); line !== undefined; line = await next()) {
      if (!line.startsWith(CONTROL)) {
        if (!current) throw new BackupError('not_a_backup', 'Rows before any table in the backup.');
        current.batch.push(line);
        current.bytes += line.length;
        if (current.bytes >= INSERT_BYTES) await flush();
        continue;
      }
      const control = parseControl(line);
      if (control.table) {
        const table = tables.get(control.table);
        if (!table) throw new BackupError('unknown_column', `Table ${control.table} of the backup does not exist in this version.`, { table: control.table });
        const missing = (control.columns ?? []).filter((c) => !table.columns.includes(c));
        if (missing.length > 0) throw new BackupError('unknown_column', `Columns ${missing.join(', ')} of ${control.table} do not exist in this version.`, { table: control.table, columns: missing });
        backupColumns.set(table.name, control.columns ?? []);
        current = { table, columns: (control.columns ?? []).map(quoteIdent).join(', '), batch: [], bytes: 0, rows: 0 };
      } else if (control.end) {
        await flush();
        expected.push({ table: control.end, rows: control.rows ?? 0, sha256: control.sha256 ?? '' });
        current = undefined;
      } else if (control.sequences) {
        sequences = control.sequences;
      } else if (control.complete) {
        complete = true;
      }
    }
    if (!complete) throw new BackupError('truncated', 'The backup file is incomplete (it ends before its last line): nothing was restored.');

    for (const fk of foreignKeys) await tx.exec(`alter table ${fk.tbl} add constraint ${quoteIdent(fk.name)} ${fk.def}`);
    for (const [name, value] of Object.entries(sequences)) {
      if (value !== null) await tx.query(`select setval($1::regclass, $2::bigint, true)`, [quoteIdent(name), value]);
    }

    // The proof: every table reads back exactly as it was written.
    const check = await checksumTables(tx, expected.map((e) => tables.get(e.table)!), backupColumns);
    for (const [i, want] of expected.entries()) {
      const got = check[i]!;
      if (got.rows !== want.rows || got.sha256 !== want.sha256) {
        throw new BackupError('checksum_mismatch', `Table ${want.table} does not read back as backed up (${got.rows} rows against ${want.rows}).`, { table: want.table });
      }
      restored.push(got);
    }
    for (const name of options.keepRowsOf ?? []) {
      const table = quoteIdent(name);
      await tx.exec(
        `insert into ${table} overriding system value select * from ${quoteIdent(`keep_${name}`)} k where not exists (select 1 from ${table} t where t.id = k.id)`,
      );
      await tx.query(`select setval(pg_get_serial_sequence($1, 'id'), greatest((select max(id) from ${table}), 1))`, [table]);
    }
    return { tables: restored, rows: restored.reduce((n, t) => n + t.rows, 0), migrationsApplied };
  });
}

/** The file's lines, decompressed as they are read; gzip errors surface from the iteration. */
async function* readLines(file: string, fileHash?: Hash): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (error) => gunzip.destroy(error));
  if (fileHash) source.on('data', (chunk) => fileHash.update(chunk));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  rest += decoder.end();
  if (rest) yield rest;
}
