import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDb, pgliteOf } from '#platform/db/db.ts';
import { migrate } from '#platform/db/migrate.ts';
import { RolesService } from '#modules/identity/identity.service.ts';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: string;
  }
}

/**
 * Migrates one database for the whole run; each test file then starts from a copy of it:
 * a PGlite data-dir snapshot, or, with DATABASE_URL, a PostgreSQL database cloned from a template.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `guanxi_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const db = await openDb({ databaseUrl: withDatabase(url, template), poolSize: 2 });
    await migrate(db);
    await new RolesService(db).ensureBuiltins();
    await db.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteSnapshot', '');
    return async () => {
      // Only this run's databases: other runs may be going on against the same server.
      const stale = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1 or datname = $2`, [
        `guanxi\\_t\\_${process.pid}\\_%`,
        template,
      ]);
      for (const { datname } of stale.rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-test-'));
  const db = await openDb({});
  await migrate(db);
  await new RolesService(db).ensureBuiltins();
  const blob = await pgliteOf(db)!.dumpDataDir('none');
  const file = join(dir, 'migrated.tar');
  await writeFile(file, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  project.provide('pgliteSnapshot', file);
  project.provide('pgTemplate', '');
  return () => rm(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
