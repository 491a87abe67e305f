import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, withAdmin, type Client } from '#test/factories.ts';
import type { OrgUnitRow } from '#modules/identity/identity.repository.ts';

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
/** A run's start as the answer names it: China time, to the second. */
const chinaTime = (at: string) => new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** The same file imported again: what a second run does depends on what the first one loaded, not on the policies. */
describe('importing a file again', () => {
  let t: TestApp;
  let admin: Client;
  let hq: OrgUnitRow;

  async function upload(text: string, fileName: string) {
    const res = await admin.request('POST', '/api/v1/imports/files', text, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) });
    expect(res.statusCode, res.body).toBe(201);
    return body(res);
  }
  async function start(file: { fileId: string; suggested: Record<string, Record<string, string>> }, target: string, extra: Record<string, unknown> = {}, locale = 'en') {
    const res = await admin.request('POST', '/api/v1/imports?wait=true', { fileId: file.fileId, target, mapping: file.suggested[target], ...extra }, { 'x-locale': locale });
    expect(res.statusCode, res.body).toBe(200);
    return body(res);
  }
  const count = async (name: string) => ((await t.db.query<{ n: number }>(`select count(*)::int as n from customers where name = $1`, [name]))[0] as { n: number }).n;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin, hq } = await withAdmin(t));
  });

  it('runs a file rejected as a whole again, under either policy; once it loaded, answers with the run that loaded it whatever the policy', async () => {
    const file = await upload(csv([['姓名', '手机'], ['重跑甲', '13900139001'], ['重跑乙', '12345']]), 'again.csv');
    const rejected = await start(file, 'customers', { policy: 'reject_file' });
    expect(rejected).toMatchObject({ alreadyImported: false, run: { status: 'rejected', rowsRejected: 1 } });
    // Rejected: nothing was loaded, so nothing stops it from being tried again.
    const rejectedAgain = await start(file, 'customers', { policy: 'reject_file' });
    expect(rejectedAgain).toMatchObject({ alreadyImported: false, run: { status: 'rejected' } });
    expect(rejectedAgain.run.id).not.toBe(rejected.run.id);
    expect(rejectedAgain.message).toBeUndefined();

    const loaded = await start(file, 'customers', { policy: 'load_valid' });
    expect(loaded).toMatchObject({ alreadyImported: false, run: { status: 'succeeded', rowsInserted: 1, rowsRejected: 1 } });
    const at = chinaTime(loaded.run.startedAt);

    // Under reject_file the file would now be rejected, loading nothing: the run that loaded it answers, and says what it left out.
    const strict = await start(file, 'customers', { policy: 'reject_file' });
    expect(strict).toMatchObject({ alreadyImported: true, run: { id: loaded.run.id, policy: 'load_valid' } });
    expect(strict.message).toBe(
      `This file was already loaded by import #${loaded.run.id}, started ${at} (China time), with the same mapping and options: nothing was loaded again. That run loaded the valid rows and left out the rows with errors (1): see its error report`,
    );
    const zh = await start(file, 'customers', { policy: 'load_valid' }, 'zh-CN');
    expect(zh).toMatchObject({ alreadyImported: true, run: { id: loaded.run.id } });
    expect(zh.message).toBe(`该文件已由第 ${loaded.run.id} 次导入（北京时间 ${at} 开始）以相同的映射和选项载入，本次未重复载入。那次导入载入了无误的行，有 1 行因错误未载入，详见其错误报告`);
    expect(await count('重跑甲')).toBe(1);

    // A file loaded whole under reject_file is answered under load_valid alike.
    const clean = await upload(csv([['姓名', '手机'], ['重跑丙', '13900139003']]), 'clean.csv');
    const first = await start(clean, 'customers', { policy: 'reject_file' });
    const second = await start(clean, 'customers', { policy: 'load_valid' });
    expect(second).toMatchObject({ alreadyImported: true, run: { id: first.run.id } });
    expect(second.message).toBe(`This file was already loaded by import #${first.run.id}, started ${chinaTime(first.run.startedAt)} (China time), with the same mapping and options: nothing was loaded again`);
    expect(await count('重跑丙')).toBe(1);
  });

  it('runs again a file whose every row had errors under load_valid, or whose run was interrupted', async () => {
    const file = await upload(csv([['姓名', '机构号'], ['重跑丁', 'RR01']]), 'unit.csv');
    // A run the server's stop interrupted: nothing of it was stored.
    await t.db.query(
      `insert into import_runs (target, source, file_checksum, mapping, options, policy, status, error, finished_at)
       values ('customers', 'upload', $1, $2::jsonb, '{"sourceSystem":"file"}', 'load_valid', 'failed', 'interrupted', now())`,
      [file.fileId, JSON.stringify(file.suggested.customers)],
    );
    const nothing = await start(file, 'customers', { policy: 'load_valid' });
    expect(nothing).toMatchObject({ alreadyImported: false, run: { status: 'succeeded', rowsInserted: 0, rowsRejected: 1 } });
    // The org unit it lacked is created: the same file loads now.
    await buildOrgUnit(t, hq, { code: 'RR01', nameZh: '重跑支行' });
    const loaded = await start(file, 'customers', { policy: 'load_valid' });
    expect(loaded).toMatchObject({ alreadyImported: false, run: { status: 'succeeded', rowsInserted: 1, rowsRejected: 0 } });
    expect(await start(file, 'customers', { policy: 'load_valid' })).toMatchObject({ alreadyImported: true, run: { id: loaded.run.id } });
    expect(await count('重跑丁')).toBe(1);
  });
});
