import { describe, it, expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.ts';
import { migrate } from './migrate.ts';
import { backupEmbedded, restoreEmbedded } from './backup.ts';
import { RolesService } from '#modules/identity/identity.service.ts';
import { generateDemo } from '../../demo/demo-data.ts';

const checksum = async (db: Awaited<ReturnType<typeof openDb>>, table: string) =>
  (await db.query<{ sum: string; n: number }>(`select md5(string_agg(t::text, '|' order by t::text)) as sum, count(*)::int as n from ${table} t`))[0]!;

describe('embedded backup and restore', () => {
  it('restores into an empty folder with identical data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-backup-'));
    try {
      const source = await openDb({ dataDir: join(dir, 'source') });
      await migrate(source);
      await new RolesService(source).ensureBuiltins();
      await generateDemo(source, { customers: 300, seed: 7 });
      const file = join(dir, 'backup.tar.gz');
      expect(await backupEmbedded(source, file)).toBeGreaterThan(0);
      const tables = ['customers', 'org_units', 'users', 'roles', 'user_roles'];
      const before = await Promise.all(tables.map((t) => checksum(source, t)));
      await source.close();

      await restoreEmbedded(file, join(dir, 'restored'));
      const restored = await openDb({ dataDir: join(dir, 'restored') });
      const after = await Promise.all(tables.map((t) => checksum(restored, t)));
      await restored.close();
      expect(after).toEqual(before);
      expect(before[0]!.n).toBe(300);
      await expect(restoreEmbedded(file, join(dir, 'restored'))).rejects.toThrow(/not empty/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
