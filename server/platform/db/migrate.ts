import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = new URL('../../../migrations/', import.meta.url).pathname;

/**
 * Applies the SQL files in migrations/ in name order, each in its own transaction, and records
 * them in schema_migrations. Several processes starting at once on one PostgreSQL server are
 * serialised by an advisory lock, so a file never runs twice.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(`create table if not exists schema_migrations (
    name text primary key, applied_at timestamptz not null default now())`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const name of files) {
    const sql = readFileSync(join(dir, name), 'utf8');
    const done = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('select pg_advisory_xact_lock(4242001)');
      const seen = await tx.query('select 1 from schema_migrations where name = $1', [name]);
      if (seen.length > 0) return false;
      // Multi-statement SQL: both drivers accept it when there are no parameters.
      await tx.exec(sql);
      await tx.query('insert into schema_migrations (name) values ($1)', [name]);
      return true;
    });
    if (done) applied.push(name);
  }
  return applied;
}

/**
 * The tables the migrations create (and do not drop again): the application's own. A PostgreSQL
 * database may hold other tables beside them, which backups, restores and --replace leave alone.
 */
export function applicationTables(dir = MIGRATIONS_DIR): string[] {
  const tables = new Set<string>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    const sql = readFileSync(join(dir, name), 'utf8').replace(/--.*$/gm, '');
    for (const m of sql.matchAll(/\b(create|drop)\s+table\s+(?:if\s+(?:not\s+)?exists\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?/gi)) {
      if (m[1]!.toLowerCase() === 'create') tables.add(m[2]!.toLowerCase());
      else tables.delete(m[2]!.toLowerCase());
    }
  }
  return [...tables].sort();
}
