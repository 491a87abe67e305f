import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from './db.ts';
import { backupDatabase, restoreDatabase, tableChecksums, type BackupManifest } from './backup.ts';
import { emptyDb, testDb } from '#test/test-app.ts';
import { generateDemo } from '../../demo/demo-data.ts';

/** An independent check, not the one the restore uses: PostgreSQL's md5 of every row as text. */
const md5Of = async (db: Db, table: string) =>
  (await db.query<{ sum: string; n: number }>(`select md5(string_agg(t::text, '|' order by t::text)) as sum, count(*)::int as n from ${table} t`))[0]!;
const TABLES = ['customers', 'contacts', 'org_units', 'users', 'roles', 'user_roles', 'holdings', 'transactions'];

describe('backup and restore', () => {
  let dir: string;
  let source: Db;
  let file: string;
  let manifest: BackupManifest;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'guanxi-backup-'));
    source = await testDb();
    await generateDemo(source, { customers: 300, seed: 7 });
    // Values that a careless dump changes: big decimals, quotes and new lines, jsonb, nulls, time zones.
    const [c] = await source.query<{ id: number }>(
      `update customers set name = E'王 "老五"\\n第二行', custom = '{"vip": true, "note": "a,b"}'::jsonb
        where id = (select min(id) from customers) returning id`,
    );
    const [h] = await source.query<{ id: number }>(
      `insert into holdings (customer_id, external_id, kind, balance, credit_limit, opened_on)
       values ($1, 'H-1', 'loan', 123456789012345678.91, null, '2020-02-29') returning id`,
      [c!.id],
    );
    await source.query(
      `insert into transactions (customer_id, holding_id, external_id, occurred_at, amount, direction, description)
       values ($1, $2, 'T-1', '2026-01-05 23:59:59.123456+08', 0.01, 'credit', E'tab\\there')`,
      [c!.id, h!.id],
    );
    file = join(dir, 'backup.gz');
    manifest = await backupDatabase(source, file);
  });

  afterAll(async () => {
    await source?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a manifest with every table, its rows and checksum', () => {
    expect(manifest.format).toBe('guanxi-backup');
    expect(manifest.migrations).toContain('0001_identity.sql');
    expect(manifest.tables.find((t) => t.table === 'customers')?.rows).toBe(300);
    expect(manifest.tables.find((t) => t.table === 'transactions')?.rows).toBe(1);
    expect(manifest.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('restores into an empty database with identical data, by its own checksums and by md5 of every row', async () => {
    const target = await emptyDb();
    try {
      const result = await restoreDatabase(target, file);
      expect(result.rows).toBe(manifest.tables.reduce((n, t) => n + t.rows, 0));
      expect(await tableChecksums(target)).toEqual(await tableChecksums(source));
      for (const table of TABLES) expect(await md5Of(target, table), table).toEqual(await md5Of(source, table));
      // Sequences continue where the source stood: new rows get fresh keys and codes.
      const [next] = await target.query<{ code: string }>(`select nextval('customer_code_seq')::text as code`);
      const [sourceNext] = await source.query<{ code: string }>(`select nextval('customer_code_seq')::text as code`);
      expect(next!.code).toBe(sourceNext!.code);
      await target.query(`insert into org_units (code, name_zh, path, depth) values ('NEW-1', '新机构', '/x/', 1)`);
      // Foreign keys are back, and the reference checks of transactions work: orphans are refused.
      await expect(target.query(`insert into holdings (customer_id, external_id, kind) values (-1, 'x', 'deposit')`)).rejects.toThrow(/foreign key/);
      await expect(target.query(`insert into transactions (customer_id, external_id, occurred_at, amount, direction) values (-1, 'x', now(), 1, 'debit')`)).rejects.toThrow(/customer -1 does not exist/);
    } finally {
      await target.close();
    }
  });

  it('restores into the embedded database whatever engine made the backup', async () => {
    const target = await openDb({});
    try {
      await restoreDatabase(target, file);
      expect(await tableChecksums(target)).toEqual(await tableChecksums(source));
    } finally {
      await target.close();
    }
  });

  it('refuses a database that holds data, and replaces it only when told to', async () => {
    const target = await testDb();
    try {
      // A table of another application in the same database: neither counted, backed up nor emptied.
      await target.exec(`create table other_app_orders (id int primary key); insert into other_app_orders values (1), (2)`);
      const own = await backupDatabase(target, join(dir, 'with-other.gz'));
      expect(own.tables.map((t) => t.table)).not.toContain('other_app_orders');
      await target.query(`insert into org_units (code, name_zh, path, depth) values ('OLD', '旧', '/o/', 1)`);
      const refused = await restoreDatabase(target, file).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'not_empty' });
      expect((refused as { detail: { tables: string[] } }).detail.tables).not.toContain('other_app_orders');
      expect(String(refused)).not.toContain('other_app_orders');
      await restoreDatabase(target, file, { replace: true });
      expect(await tableChecksums(target)).toEqual(await tableChecksums(source));
      expect(await target.query(`select 1 from org_units where code = 'OLD'`)).toHaveLength(0);
      expect(await target.query(`select id from other_app_orders`)).toHaveLength(2);
    } finally {
      await target.close();
    }
  });

  it('leaves nothing behind from a truncated, damaged or foreign file', async () => {
    const text = gunzipSync(await readFile(file)).toString('utf8');
    const cases: [string, Buffer, string][] = [
      // Cut in the middle of the customers: a complete gzip stream whose last line is missing.
      ['cut.gz', gzipSync(text.slice(0, text.indexOf('## {"end":"customers"'))), 'truncated'],
      // The compressed file itself cut short, as by a full disk.
      ['short.gz', (await readFile(file)).subarray(0, 20_000), 'truncated'],
      ['plain.csv', Buffer.from('code,name\n1,王五\n'), 'not_a_backup'],
      ['other.gz', gzipSync('{"hello":"world"}\n'), 'not_a_backup'],
      // A row altered after the backup was written: the checksum catches it.
      ['altered.gz', gzipSync(text.replace('"H-1"', '"H-2"')), 'checksum_mismatch'],
    ];
    for (const [name, bytes, code] of cases) {
      await writeFile(join(dir, name), bytes);
      const target = await emptyDb();
      try {
        await expect(restoreDatabase(target, join(dir, name)), name).rejects.toMatchObject({ code });
        const customers = await target.query<{ n: number }>(`select count(*)::int as n from customers`).catch(() => [{ n: 0 }]);
        expect(customers[0]!.n, name).toBe(0);
      } finally {
        await target.close();
      }
    }
  });
});
