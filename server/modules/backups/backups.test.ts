import { describe, it, expect, vi } from 'vitest';
import { truncate, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildTestApp, body } from '#test/test-app.ts';
import { buildUser, login, withAdmin } from '#test/factories.ts';
import { applicationTables } from '#platform/db/migrate.ts';
import { BackupsService } from './backups.service.ts';

describe('backups from the administration API', async () => {
  const t = await buildTestApp();
  const { hq, client: admin } = await withAdmin(t);
  const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from customers'))[0]!.n;

  it('is for holders of data:backup only', async () => {
    const manager = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: hq }));
    expect((await manager.get('/api/v1/backups')).statusCode).toBe(403);
    expect((await manager.post('/api/v1/backups')).statusCode).toBe(403);
  });

  it('makes, lists, checks, downloads, restores and deletes a backup', async () => {
    expect(body(await admin.post('/api/v1/customers', { kind: 'individual', name: '备份前' })).id).toBeGreaterThan(0);
    const before = await count();
    const made = await admin.post('/api/v1/backups');
    expect(made.statusCode).toBe(201);
    const backup = body(made);
    expect(backup).toMatchObject({ name: expect.stringMatching(/^guanxi-\d{8}-\d{6}\.gz$/), rows: expect.any(Number), engine: t.db.kind });
    expect(body(await admin.get('/api/v1/backups')).items.map((b: { name: string }) => b.name)).toEqual([backup.name]);

    const report = body(await admin.post(`/api/v1/backups/${backup.name}/verify`));
    expect(report).toMatchObject({ ok: true, problem: null, sameFile: true });
    expect(report.tables.find((x: { table: string }) => x.table === 'customers')).toMatchObject({ rows: before, ok: true });

    const download = await admin.get(`/api/v1/backups/${backup.name}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain(backup.name);
    expect(gunzipSync(download.rawPayload).toString('utf8')).toMatch(/^## \{"format":"guanxi-backup"/);

    // A customer created after the backup disappears when it is restored; the rest is as it was.
    await admin.post('/api/v1/customers', { kind: 'individual', name: '备份后' });
    expect(await count()).toBe(before + 1);
    const unconfirmed = await admin.post(`/api/v1/backups/${backup.name}/restore`, { confirm: 'yes' }, { 'accept-language': 'en' });
    expect(unconfirmed.statusCode).toBe(400);
    expect(body(unconfirmed).errors[0]).toMatchObject({ field: 'body.confirm', message: "Type the backup's name to confirm" });
    const restored = await admin.post(`/api/v1/backups/${backup.name}/restore`, { confirm: backup.name });
    expect(restored.statusCode).toBe(200);
    expect(body(restored).rows).toBe(backup.rows);
    expect(await count()).toBe(before);
    // The session was in the backup, so the admin is still signed in; the audit log tells the story.
    const audit = body(await admin.get('/api/v1/audit?entity=backup'));
    expect(audit.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['create', 'download', 'restore']));

    expect((await admin.delete(`/api/v1/backups/${backup.name}`)).statusCode).toBe(204);
    expect(body(await admin.get('/api/v1/backups')).items).toEqual([]);
    const gone = await admin.get(`/api/v1/backups/${backup.name}/download`, { 'x-locale': 'zh-CN' });
    expect(gone.statusCode).toBe(404);
    expect(body(gone).title).toBe('没有这个名称的备份');
  });

  it('tells the administrator where on the server the backups are kept', async () => {
    const { folder } = body(await admin.get('/api/v1/backups'));
    expect(isAbsolute(folder)).toBe(true);
    expect(folder).toBe(resolve(t.app.services.backups.dir));
    // Relative folders (BACKUP_DIR=./backups) are shown as the absolute path they stand for.
    const relativeDir = new BackupsService(t.db, join('data', 'backups'), () => undefined);
    expect(relativeDir.folder).toBe(join(process.cwd(), 'data', 'backups'));
  });

  it('has a name in both languages for every table a backup holds, for the Backups page', async () => {
    const catalogue = (file: string) => JSON.parse(readFileSync(new URL(`../../../web/src/i18n/${file}`, import.meta.url), 'utf8')).admin.backups.tableNames as Record<string, string>;
    const [en, zh] = [catalogue('en.json'), catalogue('zh-CN.json')];
    const backup = body(await admin.post('/api/v1/backups'));
    const { tables } = body(await admin.post(`/api/v1/backups/${backup.name}/verify`));
    expect(tables.map((x: { table: string }) => x.table).filter((name: string) => !en[name] || !zh[name])).toEqual([]);
    expect(tables.length).toBe(applicationTables().length);
    expect((await admin.delete(`/api/v1/backups/${backup.name}`)).statusCode).toBe(204);
  });

  it('never gives two backups made in the same second the same name', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
      const one = body(await admin.post('/api/v1/backups'));
      const two = body(await admin.post('/api/v1/backups'));
      expect([one.name, two.name]).toEqual(['guanxi-20261123-180000.gz', 'guanxi-20261123-180000-2.gz']);
    } finally {
      vi.useRealTimers();
    }
    for (const name of ['guanxi-20261123-180000.gz', 'guanxi-20261123-180000-2.gz']) expect((await admin.delete(`/api/v1/backups/${name}`)).statusCode).toBe(204);
  });

  it('names a backup by China time, as the Backups page lists it, not by UTC', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let name: string;
    try {
      // 16:30 on the 23rd in UTC is 00:30 on the 24th in Beijing.
      vi.setSystemTime(new Date('2026-11-23T16:30:05Z'));
      name = body(await admin.post('/api/v1/backups')).name;
    } finally {
      vi.useRealTimers();
    }
    expect(name).toBe('guanxi-20261124-003005.gz');
    expect((await admin.delete(`/api/v1/backups/${name}`)).statusCode).toBe(204);
  });

  it('reads its schedule on China time, whatever the server clock says', async () => {
    const backups = t.app.services.backups;
    backups.start('0 3 * * *', 7, () => undefined);
    try {
      // 03:00 in Beijing is 19:00 UTC the day before.
      expect(backups.nextScheduledRun()!.getUTCHours()).toBe(19);
      expect(body(await admin.get('/api/v1/backups')).nextScheduledAt).toMatch(/T19:00:00/);
    } finally {
      backups.stop();
    }
    backups.start('0 3 * * *', 7, () => undefined, 'UTC');
    expect(backups.nextScheduledRun()!.getUTCHours()).toBe(3);
    backups.stop();
  });

  it('reports a damaged file and refuses to restore it, changing nothing', async () => {
    const backup = body(await admin.post('/api/v1/backups'));
    const file = join(t.app.services.backups.dir, backup.name);
    await truncate(file, Math.floor((await stat(file)).size / 2));
    expect(body(await admin.post(`/api/v1/backups/${backup.name}/verify`))).toMatchObject({ ok: false, problem: 'truncated', sameFile: false });
    const before = await count();
    const res = await admin.post(`/api/v1/backups/${backup.name}/restore`, { confirm: backup.name }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(409);
    expect(body(res).title).toMatch(/incomplete/);
    expect(await count()).toBe(before);
  });

  it('never reaches outside its folder', async () => {
    expect((await admin.get('/api/v1/backups/..%2F..%2Fetc%2Fpasswd.gz/download')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/backups/nothing.gz/download')).statusCode).toBe(404);
  });
});
