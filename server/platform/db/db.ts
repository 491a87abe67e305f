import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import v8 from 'node:v8';
import { from as copyFromStream, to as copyToStream } from 'pg-copy-streams';

/** Anything that runs SQL: the database itself or an open transaction. */
export interface QueryOptions {
  /**
   * Keep the statement prepared on each server connection (PostgreSQL): for hot, fixed queries
   * whose plan does not depend on the values, such as primary-key reads. Planning the customer
   * 360 query on every call cost more than running it (3.5k against 9k reads/s on 2 cores).
   */
  prepare?: boolean;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs several statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
  /**
   * `COPY … FROM STDIN`: feeds the chunks (in the format the statement names) to the server, the
   * fastest way in for many rows. On PGlite the chunks are gathered first: send batches.
   */
  copyFrom(sql: string, chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void>;
  /** `COPY … TO STDOUT`: the whole output, the fastest way out for many rows. Ask for ranges. */
  copyTo(sql: string): Promise<Buffer>;
}

/**
 * One interface over PGlite (embedded, the default) and a PostgreSQL server, so that every
 * repository runs the same SQL on both. Values come back alike from either driver:
 * int8 as number, date as 'YYYY-MM-DD', timestamptz as Date, numeric as string.
 */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: all of it commits or none of it does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… for a server; otherwise PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string;
  /** A PGlite data-dir tarball to start from (tests load a migrated snapshot). */
  loadDataDir?: Blob;
  poolSize?: number;
  statementTimeoutMs?: number;
  /**
   * PGlite's buffer cache (PostgreSQL's shared_buffers, e.g. '32MB'). PGlite touches all of it when
   * it starts, so it is resident memory from the first second; pages beyond it are read from the
   * data folder's files, which the operating system caches.
   */
  pgliteSharedBuffers?: string;
}

/**
 * For a process that holds the embedded database in its own memory: V8 lets the JavaScript heap
 * grow to about four times what is alive before it collects it whole, which put a large import's
 * peak over 500 MB beside PGlite. Growing it by half instead: peak 402–405 against 461–490 MB at
 * 200,000 customers, imports as fast to 9% slower (docs/benchmarks.md, 2026-11-24). The server and
 * the CLI call it when they open the embedded database; tests and PostgreSQL keep V8's default.
 */
export function tightenHeapBesideEmbeddedDb(): void {
  v8.setFlagsFromString('--heap-growing-percent=50');
}

/** PGlite's buffer cache unless set: PostgreSQL's default of 128MB made the server hold 280 MB idle. */
export const PGLITE_SHARED_BUFFERS = '32MB';

const INT8 = 20;
const DATE = 1082;

export async function openDb(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options);
}

/**
 * Creates a new PGlite data directory in a short-lived child process. PGlite runs initdb as a second
 * WebAssembly instance whose memory (about 500 MB) this process would keep until it exits: a server
 * started on a new folder idled at 770 MB instead of 280 MB.
 */
async function initDataDir(dataDir: string): Promise<void> {
  const script = `const { PGlite } = await import('@electric-sql/pglite');
    const lite = new PGlite({ dataDir: process.argv[1] }); await lite.waitReady; await lite.close();`;
  // Run from the project folder, where the package resolves.
  const cwd = fileURLToPath(new URL('../../../', import.meta.url));
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, resolvePath(dataDir)], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`could not create the database in ${dataDir}: ${stderr.trim() || `exit code ${code}`}`);
}

/** The embedded database's folder is open in another live process: opening it too would lose writes. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `内嵌数据库 ${dataDir} 正被另一个 Guanxi 进程（pid ${pid}）使用：请先停止它，或在它运行时使用网页或 API（备份：“备份”页面或 POST /api/v1/backups）。\n` +
        `The embedded database in ${dataDir} is in use by another Guanxi process (pid ${pid}): stop it first, or while it runs use the web app or the API (backups: the Backups page or POST /api/v1/backups).`,
    );
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Claims a PGlite folder for this process with a lock file beside it (<folder>.lock, holding the
 * pid). PGlite itself takes no lock: a second process (the CLI beside the server) would open the
 * same files, and what either wrote could be lost. A lock left by a process that died is taken over.
 * Returns the release, also run when the process exits.
 */
function holdDataDir(dataDir: string): () => void {
  const file = `${resolvePath(dataDir)}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DataDirInUse(dataDir, pid);
      rmSync(file, { force: true });
    }
  }
  const release = () => {
    process.off('exit', release);
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return release;
}

async function openPglite(options: DbOptions): Promise<Db> {
  const release = options.dataDir ? holdDataDir(options.dataDir) : () => undefined;
  try {
    return await startPglite(options, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function startPglite(options: DbOptions, release: () => void): Promise<Db> {
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    if (!options.loadDataDir && !existsSync(join(options.dataDir, 'PG_VERSION'))) await initDataDir(options.dataDir);
  }
  const lite = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: { [DATE]: (value: string) => value, [INT8]: (value: string) => Number(value) },
    serializers: { [pgliteTypes.DATE]: (value: unknown) => String(value) },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.pgliteSharedBuffers ?? PGLITE_SHARED_BUFFERS}`],
  });
  await lite.waitReady;
  const run = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: unknown[]) =>
    (await q.query<T>(sql, params as unknown[])).rows;
  // PGlite copies through a virtual file instead of the wire protocol's copy mode.
  const copyFrom = async (q: Pick<PGlite, 'query'>, sql: string, chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>) => {
    const parts: (string | Uint8Array)[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    await q.query(sql.replace(/\bfrom\s+stdin\b/i, `from '/dev/blob'`), [], { blob: new Blob(parts as BlobPart[]) });
  };
  const copyTo = async (q: Pick<PGlite, 'query'>, sql: string) => {
    const result = await q.query(sql.replace(/\bto\s+stdout\b/i, `to '/dev/blob'`));
    return result.blob ? Buffer.from(await result.blob.arrayBuffer()) : Buffer.alloc(0);
  };
  return {
    kind: 'pglite',
    query: (sql, params) => run(lite, sql, params),
    exec: async (sql) => {
      await lite.exec(sql);
    },
    copyFrom: (sql, chunks) => copyFrom(lite, sql, chunks),
    copyTo: (sql) => copyTo(lite, sql),
    transaction: (fn) =>
      lite.transaction((tx) =>
        fn({
          query: (sql, params) => run(tx, sql, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
          copyFrom: (sql, chunks) => copyFrom(tx, sql, chunks),
          copyTo: (sql) => copyTo(tx, sql),
        }),
      ),
    close: async () => {
      try {
        await lite.close();
      } finally {
        release();
      }
    },
    // exposed for backup and test snapshots
    ...{ lite },
  } as Db;
}

/** The PGlite instance behind a Db, when there is one (backups, test snapshots). */
export function pgliteOf(db: Db): PGlite | undefined {
  return (db as Db & { lite?: PGlite }).lite;
}

async function openPostgres(url: string, options: DbOptions): Promise<Db> {
  pg.types.setTypeParser(INT8, (value: string) => Number(value));
  pg.types.setTypeParser(DATE, (value: string) => value);
  const statement = (sql: string, params: unknown[] | undefined, options?: QueryOptions) =>
    options?.prepare
      ? { name: `gx_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, text: sql, values: params as unknown[] }
      : { text: sql, values: params as unknown[] };
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // A runaway query must not hold a pooled connection for ever.
    statement_timeout: options.statementTimeoutMs ?? 15_000,
  });
  pool.on('error', () => {
    // An idle client lost its server; the pool replaces it. Queries in flight report their own errors.
  });
  await pool.query('select 1');
  const copyFrom = async (client: pg.PoolClient, sql: string, chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>) => {
    await pipeline(Readable.from(chunks), client.query(copyFromStream(sql)));
  };
  const copyTo = async (client: pg.PoolClient, sql: string) => {
    const parts: Buffer[] = [];
    for await (const chunk of client.query(copyToStream(sql))) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  };
  /** Outside a transaction, a pooled connection for the one copy. */
  const pooled = async <T>(fn: (client: pg.PoolClient) => Promise<T>) => {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  };
  return {
    kind: 'postgres',
    query: async (sql, params, options) => (await pool.query(statement(sql, params, options))).rows,
    exec: async (sql) => {
      await pool.query(sql);
    },
    copyFrom: (sql, chunks) => pooled((client) => copyFrom(client, sql, chunks)),
    copyTo: (sql) => pooled((client) => copyTo(client, sql)),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: async (sql, params, options) => (await client.query(statement(sql, params, options))).rows,
          exec: async (sql) => {
            await client.query(sql);
          },
          copyFrom: (sql, chunks) => copyFrom(client, sql, chunks),
          copyTo: (sql) => copyTo(client, sql),
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** First row or undefined. */
export async function queryOne<T>(q: Queryable, sql: string, params?: unknown[]): Promise<T | undefined> {
  const rows = await q.query<T>(sql, params);
  return rows[0];
}
