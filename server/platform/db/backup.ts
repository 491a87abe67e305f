import { readFile, writeFile, readdir, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { openDb, pgliteOf, type Db } from './db.ts';

/**
 * A consistent copy of the embedded database: PGlite dumps its whole data directory as one
 * gzipped tarball while no other statement runs. PostgreSQL servers are backed up with their
 * own tools (pg_dump, pg_basebackup), which do this better than we could.
 */
export async function backupEmbedded(db: Db, file: string): Promise<number> {
  const lite = pgliteOf(db);
  if (!lite) throw new Error('This database is a PostgreSQL server: back it up with pg_dump or pg_basebackup.');
  await lite.query('checkpoint');
  const blob = await lite.dumpDataDir('gzip');
  const bytes = Buffer.from(await blob.arrayBuffer());
  await writeFile(file, bytes);
  return bytes.length;
}

/** Restores a backup into an empty data directory (refuses to overwrite existing data). */
export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(`${dataDir} is not empty: move it away first, then restore into an empty folder.`);
  }
  await mkdir(dataDir, { recursive: true });
  const db = await openDb({ dataDir, loadDataDir: new Blob([await readFile(file)]) });
  await db.close();
}
