import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject, afterAll } from 'vitest';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDb, type Db } from '#platform/db/db.ts';
import { buildApp } from '../app.ts';
import type { Mailer } from '#modules/notifications/notifications.service.ts';
import { withDatabase } from './global-setup.ts';

/** A fresh, migrated database for one test file, on PGlite or (with DATABASE_URL) PostgreSQL. */
export async function testDb(): Promise<Db> {
  const template = inject('pgTemplate');
  const url = process.env.DATABASE_URL;
  if (template && url) return scratchPostgres(url, template, `template ${template}`);
  const snapshot = await readFile(inject('pgliteSnapshot'));
  return openDb({ loadDataDir: new Blob([snapshot]) });
}

/** A database with nothing in it, not even the schema: what a restore starts from. */
export async function emptyDb(): Promise<Db> {
  const template = inject('pgTemplate');
  const url = process.env.DATABASE_URL;
  if (template && url) return scratchPostgres(url, template, '');
  return openDb({});
}

/** A PostgreSQL database dropped again on close, named after the run for cleanup. */
async function scratchPostgres(url: string, template: string, createOptions: string): Promise<Db> {
  // The global setup's pid is shared through the template name.
  const name = `guanxi_t_${template.replace('guanxi_tpl_', '')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} ${createOptions}`);
  await admin.end();
  const db = await openDb({ databaseUrl: withDatabase(url, name), poolSize: 5 });
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  return db;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
}

/** The whole application on its own database, closed after the file's tests. */
export async function buildTestApp(options: { loginMaxFailures?: number; mailer?: Mailer } = {}): Promise<TestApp> {
  const db = await testDb();
  // Backups of this file's database stay in its own folder.
  const backupDir = await mkdtemp(join(tmpdir(), 'guanxi-test-backups-'));
  const app = await buildApp({ db, logLevel: process.env.TEST_LOG ?? 'silent', loginMaxFailures: options.loginMaxFailures ?? 5, backupDir, mailer: options.mailer });
  afterAll(async () => {
    await app.services.imports.settle();
    await app.services.events.settle();
    await app.close();
    await db.close();
    await rm(backupDir, { recursive: true, force: true });
  });
  return { app, db };
}

// Test assertions read arbitrary JSON; `any` keeps them short.
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const body = (res: LightMyRequestResponse): Json => res.json() as Json;
