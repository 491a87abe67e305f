import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildUser, login, withAdmin, type Client } from '#test/factories.ts';
import { globToRegExp, isoTimestamp, nextCronRun, parseControlFile, redactUrl, SourcesService } from './sources.ts';

const INBOX = join(tmpdir(), 'guanxi-inbox');

describe('scheduled import sources', () => {
  let t: TestApp;
  let admin: Client;
  let hq: Awaited<ReturnType<typeof withAdmin>>['hq'];
  const folder = `t${process.pid}-${Date.now()}`;
  const dir = join(INBOX, folder);

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin, hq } = await withAdmin(t));
    await mkdir(dir, { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const folderSource = (name: string, path = folder, extra: Record<string, unknown> = {}) => ({
    name,
    kind: 'folder',
    target: 'customers',
    config: { path, pattern: 'crm_*.csv' },
    mapping: { 客户号: 'externalId', 姓名: 'name' },
    sourceSystem: 'old_crm',
    cron: '0 2 * * *',
    ...extra,
  });

  it('takes each new file of a folder once', async () => {
    await writeFile(join(dir, 'crm_20261121.csv'), '客户号,姓名\nA1,陈一\nA2,陈二\n');
    await writeFile(join(dir, 'crm_20261122.csv'), '客户号,姓名\nA3,陈三\n');
    await writeFile(join(dir, 'other.csv'), '客户号,姓名\nX,不要\n');
    const created = await admin.post('/api/v1/import-sources', folderSource('旧系统客户'));
    expect(created.statusCode, created.body).toBe(201);
    const source = body(created);
    expect(new Date(source.nextRunAt).getTime()).toBeGreaterThan(Date.now());

    const first = body(await admin.post(`/api/v1/import-sources/${source.id}/run`));
    expect(first).toMatchObject({ status: 'succeeded', error: null });
    expect(first.runIds).toHaveLength(2);
    const runs = body(await admin.get(`/api/v1/import-sources/${source.id}/runs`));
    expect(runs.map((r: { rowsInserted: number }) => r.rowsInserted).sort()).toEqual([1, 2]);
    expect(runs[0]).toMatchObject({ sourceId: source.id, source: 'source:旧系统客户' });

    expect(body(await admin.post(`/api/v1/import-sources/${source.id}/run`)).runIds).toEqual([]);
    await writeFile(join(dir, 'crm_20261123.csv'), '客户号,姓名\nA4,陈四\n');
    expect(body(await admin.post(`/api/v1/import-sources/${source.id}/run`)).runIds).toHaveLength(1);
    expect(body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('不要')}`)).items).toEqual([]);
    // A customer loaded this way begins his timeline with the system that knows him.
    const [chen] = body(await admin.get(`/api/v1/customers?q=${encodeURIComponent('陈四')}`)).items;
    const timeline = body(await admin.get(`/api/v1/customers/${chen.id}/timeline`)).items;
    expect(timeline).toEqual([expect.objectContaining({ source: 'record', kind: 'create', body: 'old_crm' })]);
  });

  it('loads a card system\'s holdings with its debts written negative as owed', async () => {
    const cards = join(dir, 'cards');
    await mkdir(cards, { recursive: true });
    await writeFile(join(cards, 'crm_cards.csv'), '客户号,姓名\nK1,卡一\n');
    await writeFile(join(cards, 'crm_cards_h.csv'), '客户号,账号,产品类型,余额\nK1,C-9,信用卡,-88.80\n');
    const customers = body(await admin.post('/api/v1/import-sources', folderSource('卡系统客户', `${folder}/cards`, { config: { path: `${folder}/cards`, pattern: 'crm_cards.csv' }, mapping: { 客户号: 'code', 姓名: 'name' }, sourceSystem: 'cards' })));
    expect(body(await admin.post(`/api/v1/import-sources/${customers.id}/run`))).toMatchObject({ status: 'succeeded' });
    const created = await admin.post(
      '/api/v1/import-sources',
      folderSource('卡系统账户', `${folder}/cards`, {
        target: 'holdings',
        config: { path: `${folder}/cards`, pattern: 'crm_cards_h.csv', debtSign: 'negative' },
        mapping: { 客户号: 'customerCode', 账号: 'externalId', 产品类型: 'kind', 余额: 'balance' },
        sourceSystem: 'cards',
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(body(created).config.debtSign).toBe('negative');
    expect(body(await admin.post(`/api/v1/import-sources/${body(created).id}/run`))).toMatchObject({ status: 'succeeded' });
    const [card] = await t.db.query<{ balance: string }>(`select balance::text from holdings where source_system = 'cards' and external_id = 'C-9'`);
    expect(card!.balance).toBe('88.80');
  });

  it('records a failure that read nothing as a run, runs one at a time, and keeps paths to itself', async () => {
    const missing = body(await admin.post('/api/v1/import-sources', folderSource('消失的文件夹', `${folder}/gone`)));
    const failed = body(await admin.post(`/api/v1/import-sources/${missing.id}/run`, undefined, { 'x-locale': 'en' }));
    expect(failed.status).toBe('failed');
    expect(failed.error).not.toContain(INBOX);
    const runs = body(await admin.get(`/api/v1/import-sources/${missing.id}/runs`));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'failed', sourceId: missing.id, error: failed.error });
    // While it runs (marked as by another server), a second start is told so.
    await t.db.query(`update import_sources set running_since = now() where id = $1`, [missing.id]);
    const busy = await admin.request('POST', `/api/v1/import-sources/${missing.id}/run`, undefined, { 'x-locale': 'en' });
    expect(busy.statusCode).toBe(409);
    expect(body(busy).title).toMatch(/running now/);
    await t.db.query(`update import_sources set running_since = null where id = $1`, [missing.id]);
  });

  it('refuses an edited connection string that still holds the password placeholder', async () => {
    const db = { name: '核心库', kind: 'postgres', target: 'customers', config: { url: 'postgres://etl:secret@db.example:5432/core', query: 'select 1', watermarkColumn: 'id' }, mapping: { id: 'externalId' }, sourceSystem: 'core', cron: '0 2 * * *' };
    const source = body(await admin.post('/api/v1/import-sources', db));
    expect(source.config.url).toBe('postgres://etl:****@db.example:5432/core');
    const kept = await admin.put(`/api/v1/import-sources/${source.id}`, { ...db, config: { ...db.config, url: source.config.url } });
    expect(kept.statusCode).toBe(200);
    const moved = await admin.put(`/api/v1/import-sources/${source.id}`, { ...db, config: { ...db.config, url: 'postgres://etl:****@db2.example:5432/core' } });
    expect(moved.statusCode).toBe(400);
    expect(body(moved).errors[0].field).toBe('body.config.url');
    const [stored] = await t.db.query<{ url: string }>(`select config->>'url' as url from import_sources where id = $1`, [source.id]);
    expect(stored!.url).toBe('postgres://etl:secret@db.example:5432/core');
  });

  it('catches a missed run up once after a restart, never twice', async () => {
    const source = body(await admin.post('/api/v1/import-sources', folderSource('补跑测试')));
    await t.db.query(`update import_sources set next_run_at = now() - interval '3 days' where id = $1`, [source.id]);
    const sources = t.app.services.sources;
    await Promise.all([sources.tick(), sources.tick()]);
    await sources.tick();
    const after = body(await admin.get('/api/v1/import-sources')).find((s: { id: number }) => s.id === source.id);
    expect(after.lastStatus).toBe('succeeded');
    expect(new Date(after.nextRunAt).getTime()).toBe(nextCronRun('0 2 * * *', 'Asia/Shanghai', new Date(after.lastRunAt))!.getTime());
    const [{ n }] = (await t.db.query<{ n: number }>(`select count(*)::int as n from import_sources where id = $1 and last_run_at is not null`, [source.id])) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('retries a failed run, then reports it and waits for its next time', async () => {
    const missing = `${folder}/missing`;
    const source = body(await admin.post('/api/v1/import-sources', folderSource('失败重试', missing, { maxRetries: 1 })));
    const first = body(await admin.post(`/api/v1/import-sources/${source.id}/run`));
    expect(first.status).toBe('failed');
    let row = body(await admin.get('/api/v1/import-sources')).find((s: { id: number }) => s.id === source.id);
    expect(row).toMatchObject({ lastStatus: 'failed', attempt: 1 });
    expect(new Date(row.nextRunAt).getTime() - Date.now()).toBeLessThan(6 * 60_000);
    await admin.post(`/api/v1/import-sources/${source.id}/run`);
    row = body(await admin.get('/api/v1/import-sources')).find((s: { id: number }) => s.id === source.id);
    expect(row).toMatchObject({ lastStatus: 'failed', attempt: 0 });
    expect(new Date(row.nextRunAt).getTime()).toBe(nextCronRun('0 2 * * *', 'Asia/Shanghai')!.getTime());
  });

  it('tells the people who set sources up when a scheduled run ends without loading, once until it changes', async () => {
    const notices = async (client: Client) =>
      body(await client.request('GET', '/api/v1/notifications', undefined, { 'x-locale': 'en' })).items.filter((n: { link: string | null }) => n.link?.startsWith('/import-sources'));
    const clerk = await login(t, await buildUser(t, { role: 'customer_manager', orgUnit: hq }));
    // "Run now" answers whoever pressed it: no notice, even when it will not be retried.
    const once = body(await admin.post('/api/v1/import-sources', folderSource('手动失败', `${folder}/gone`, { maxRetries: 0 })));
    expect(body(await admin.post(`/api/v1/import-sources/${once.id}/run`)).status).toBe('failed');
    expect(await notices(admin)).toEqual([]);
    const source = body(await admin.post('/api/v1/import-sources', folderSource('夜间失败', `${folder}/gone`, { maxRetries: 1 })));
    const scheduled = () => t.app.services.sources.run(source.id);
    // At night: the first failure is retried in a few minutes, unannounced; the last one is told.
    expect((await scheduled()).status).toBe('failed');
    expect(await notices(admin)).toEqual([]);
    expect((await scheduled()).status).toBe('failed');
    expect(await notices(admin)).toEqual([
      expect.objectContaining({ text: 'Scheduled import "夜间失败" failed and will not be retried before its next time: open it to see why', link: `/import-sources?source=${source.id}` }),
    ]);
    // Failing the same way the next nights adds no notice; nobody without the right to manage sources hears of it.
    for (let night = 0; night < 2; night++) {
      await scheduled();
      await scheduled();
    }
    expect(await notices(admin)).toHaveLength(1);
    expect(await notices(clerk)).toEqual([]);
    // Once it loads again, the next failure is news again.
    await mkdir(join(dir, 'gone'), { recursive: true });
    expect((await scheduled()).status).toBe('succeeded');
    await rm(join(dir, 'gone'), { recursive: true });
    await scheduled();
    await scheduled();
    expect(await notices(admin)).toHaveLength(2);

    // A file whose rows are refused is told too.
    const refusing = body(await admin.post('/api/v1/import-sources', folderSource('夜间拒绝', folder, { config: { path: folder, pattern: 'night_*.csv' } })));
    await writeFile(join(dir, 'night_1.csv'), '客户号,姓名\nN1,\n');
    expect((await t.app.services.sources.run(refusing.id)).status).toBe('rejected');
    expect((await notices(admin)).map((n: { text: string }) => n.text)).toContain('Scheduled import "夜间拒绝" refused the rows of a file: open it to see which and why');
  });

  it('refuses folders outside the inbox, bad cron expressions and connection strings of the wrong kind', async () => {
    expect(body(await admin.post('/api/v1/import-sources', folderSource('越界', '../../etc'))).errors[0]).toMatchObject({ field: 'body.config.path', code: 'import.source.outside_inbox' });
    expect(body(await admin.post('/api/v1/import-sources', folderSource('坏表达式', folder, { cron: 'every day' }))).errors[0].field).toBe('body.cron');
    const wrong = await admin.post('/api/v1/import-sources', { ...folderSource('错库'), kind: 'postgres', config: { url: 'mysql://x@y/z', query: 'select 1' } });
    expect(body(wrong).errors[0].field).toBe('body.config.url');
  });

  it('tells those who set sources up where the inbox is, and no one else', async () => {
    const settings = await admin.get('/api/v1/import-sources/settings');
    expect(settings.statusCode, settings.body).toBe(200);
    expect(body(settings)).toEqual({ inbox: INBOX });
    // A data clerk may run sources, not set them up: the server's paths are not for him.
    const role = await admin.post('/api/v1/roles', { key: `loader_${process.pid}`, nameZh: '装载员', nameEn: 'Loader', permissions: ['customer:read', 'data:import'], dataScope: 'all' });
    expect(role.statusCode, role.body).toBe(201);
    const loader = await login(t, await buildUser(t, { role: `loader_${process.pid}`, orgUnit: hq }));
    expect((await loader.get('/api/v1/import-sources')).statusCode).toBe(200);
    expect((await loader.get('/api/v1/import-sources/settings')).statusCode).toBe(403);
  });

  it('names the inbox when a folder lies outside it, in the reader\'s language', async () => {
    for (const [locale, text] of [['en', `inside the import inbox, ${INBOX}:`], ['zh-CN', `导入收件目录 ${INBOX} 之内`]] as const) {
      for (const path of ['../elsewhere', '/etc/cards', `${INBOX}-other/cards`]) {
        const res = await admin.request('POST', '/api/v1/import-sources', folderSource(`越界${path}`, path), { 'x-locale': locale });
        expect(res.statusCode, res.body).toBe(400);
        expect(body(res).errors[0]).toMatchObject({ field: 'body.config.path', code: 'import.source.outside_inbox', message: expect.stringContaining(text) });
        expect(body(res).errors[0].message).not.toContain('IMPORT_INBOX');
      }
    }
  });

  it('takes an absolute folder inside the inbox and keeps it relative to the inbox', async () => {
    const created = await admin.post('/api/v1/import-sources', folderSource('绝对路径', join(INBOX, folder)));
    expect(created.statusCode, created.body).toBe(201);
    expect(body(created).config.path).toBe(folder);
    expect(body(created).warnings).toEqual([]);
    const edited = await admin.put(`/api/v1/import-sources/${body(created).id}`, folderSource('绝对路径', `${join(INBOX, folder)}/./sub/../`));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(body(edited).config.path).toBe(folder);
    const [stored] = await t.db.query<{ path: string }>(`select config->>'path' as path from import_sources where id = $1`, [body(created).id]);
    expect(stored!.path).toBe(folder);
    // It runs from there like any other.
    expect(body(await admin.post(`/api/v1/import-sources/${body(created).id}/run`)).status).toBe('succeeded');
  });

  it('saves a source whose folder is not there yet, and says at once that its runs fail until it is', async () => {
    const later = `${folder}/arrives-later`;
    const full = join(INBOX, later);
    const created = await admin.request('POST', '/api/v1/import-sources', folderSource('稍后建目录', later), { 'x-locale': 'en' });
    expect(created.statusCode, created.body).toBe(201);
    expect(body(created).warnings).toEqual([
      { field: 'body.config.path', code: 'IMPORT_SOURCE_FOLDER_NOT_YET', message: `The folder ${full} does not exist yet. The source is saved, but its runs will fail until the folder is created.` },
    ]);
    const id = body(created).id;
    const zh = await admin.request('PUT', `/api/v1/import-sources/${id}`, folderSource('稍后建目录', later), { 'x-locale': 'zh-CN' });
    expect(zh.statusCode, zh.body).toBe(200);
    expect(body(zh).warnings[0].message).toBe(`文件夹 ${full} 还不存在。数据源已保存，但在创建该文件夹之前，每次运行都会失败。`);
    // A file where the folder should be is no better.
    await writeFile(full, 'not a folder');
    try {
      const file = body(await admin.put(`/api/v1/import-sources/${id}`, folderSource('稍后建目录', later)));
      expect(file.warnings).toEqual([expect.objectContaining({ code: 'IMPORT_SOURCE_NOT_A_FOLDER', message: expect.stringContaining(full) })]);
    } finally {
      await rm(full, { force: true });
    }
    // Once the folder is there, nothing to say.
    await mkdir(full, { recursive: true });
    expect(body(await admin.put(`/api/v1/import-sources/${id}`, folderSource('稍后建目录', later))).warnings).toEqual([]);
    // A database source has no folder to warn about.
    const db = { name: '无目录', kind: 'postgres', target: 'customers', config: { url: 'postgres://etl:x@db.example/core', query: 'select 1' }, mapping: { id: 'externalId' }, sourceSystem: 'core', cron: '0 2 * * *' };
    expect(body(await admin.post('/api/v1/import-sources', db)).warnings).toEqual([]);
  });

  it('creates a missing inbox when asked at start', async () => {
    const root = await mkdtemp(join(tmpdir(), 'guanxi-inbox-test-'));
    try {
      const inbox = join(root, 'data', 'inbox');
      const sources = new SourcesService(t.db, t.app.services.imports, join(root, 'data', '.', 'inbox'), join(root, 'work'));
      expect(sources.inboxRoot).toBe(inbox);
      expect(await sources.ensureInbox()).toBe(inbox);
      expect((await stat(inbox)).isDirectory()).toBe(true);
      // Again, with the folder there: nothing happens.
      await sources.ensureInbox();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('checks the mapping when the source is saved, not at its first run at night', async () => {
    const refused = async (extra: Record<string, unknown>) => {
      const res = await admin.request('POST', '/api/v1/import-sources', folderSource(`映射${Math.random()}`, folder, extra), { 'x-locale': 'en' });
      expect(res.statusCode, res.body).toBe(400);
      return body(res).errors.map((e: { field: string; code: string }) => [e.field, e.code]);
    };
    expect(await refused({ mapping: { 客户号: 'externalId', 姓名: 'nmae' } })).toEqual([['body.mapping.姓名', 'import.mapping.unknown_field']]);
    expect(await refused({ mapping: { 客户号: 'externalId', 姓名: 'name', 名称: 'name' } })).toEqual([['body.mapping.名称', 'import.mapping.twice']]);
    expect(await refused({ target: 'transactions', mapping: { 流水号: 'externalId', 金额: 'amount', 时间: 'occurredAt' } })).toEqual([['body.mapping', 'import.mapping.customer_ref']]);
    // Editing is checked the same way.
    const source = body(await admin.post('/api/v1/import-sources', folderSource('映射可改')));
    const edited = await admin.put(`/api/v1/import-sources/${source.id}`, folderSource('映射可改', folder, { mapping: { 姓名: 'name', 手机: 'phone_no' } }));
    expect(edited.statusCode).toBe(400);
    expect(body(edited).errors[0]).toMatchObject({ field: 'body.mapping.手机', code: 'import.mapping.unknown_field' });
  });

  it('removes a source, not while it runs, and keeps its runs in the history', async () => {
    const source = body(await admin.post('/api/v1/import-sources', folderSource('待删除', `${folder}/gone-too`)));
    const failed = body(await admin.post(`/api/v1/import-sources/${source.id}/run`));
    const [run] = body(await admin.get(`/api/v1/import-sources/${source.id}/runs`));
    expect(failed.runIds).toEqual([run.id]);

    await t.db.query(`update import_sources set running_since = now() where id = $1`, [source.id]);
    const busy = await admin.request('DELETE', `/api/v1/import-sources/${source.id}`, undefined, { 'x-locale': 'en' });
    expect(busy.statusCode).toBe(409);
    expect(body(busy).title).toMatch(/running now/);
    await t.db.query(`update import_sources set running_since = null where id = $1`, [source.id]);

    const clerk = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: hq }));
    expect((await clerk.request('DELETE', `/api/v1/import-sources/${source.id}`)).statusCode).toBe(403);
    const removed = await admin.request('DELETE', `/api/v1/import-sources/${source.id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await admin.get(`/api/v1/import-sources/${source.id}/runs`)).statusCode).toBe(404);
    expect((await admin.request('DELETE', `/api/v1/import-sources/${source.id}`)).statusCode).toBe(404);
    expect(body(await admin.get(`/api/v1/imports/${run.id}`))).toMatchObject({ id: run.id, sourceId: null, status: 'failed' });
    const [audit] = await t.db.query<{ n: number }>(`select count(*)::int as n from audit_log where entity = 'import_source' and entity_id = $1::text and action = 'delete'`, [String(source.id)]);
    expect(audit!.n).toBe(1);
  });

  it('does not read again, night after night, a file whose rows it refused, and still reports it', async () => {
    const refusing = async (name: string, policy: string, pattern: string) => {
      const created = await admin.post('/api/v1/import-sources', folderSource(name, folder, { config: { path: folder, pattern }, policy }));
      expect(created.statusCode, created.body).toBe(201);
      return body(created).id as number;
    };
    const run = async (id: number) => body(await admin.request('POST', `/api/v1/import-sources/${id}/run`, undefined, { 'x-locale': 'en' }));
    for (const [policy, pattern] of [['reject_file', 'refuse_a_*.csv'], ['load_valid', 'refuse_b_*.csv']] as const) {
      const id = await refusing(`拒绝-${policy}`, policy, pattern);
      const file = pattern.replace('*', '1');
      await writeFile(join(dir, file), `客户号,姓名\n${policy}1,\n${policy}2,\n`);
      const first = await run(id);
      expect(first.runIds, policy).toHaveLength(1);
      expect(body(await admin.get(`/api/v1/imports/${first.runIds[0]}`))).toMatchObject({ rowsRejected: 2, rowsInserted: 0 });
      // Unchanged: not read again, but the source still says why nothing was loaded.
      const again = await run(id);
      expect(again, policy).toMatchObject({ status: 'rejected', runIds: [] });
      expect(again.error).toContain(`${file}: unchanged since import #${first.runIds[0]} refused its rows`);
      expect(body(await admin.get(`/api/v1/import-sources/${id}/runs`))).toHaveLength(1);
      // Corrected: loaded.
      await writeFile(join(dir, file), '客户号,姓名\nR1,容错一\nR2,容错二\n'.replace('R1', `R1${policy}`).replace('R2', `R2${policy}`));
      const fixed = await run(id);
      expect(fixed, policy).toMatchObject({ status: 'succeeded', error: null });
      expect(fixed.runIds).toHaveLength(1);
    }
    // A file rejected whole for one bad row: once the source loads the valid rows, its good row loads.
    const id = await refusing('拒绝-改策略', 'reject_file', 'refuse_c_*.csv');
    await writeFile(join(dir, 'refuse_c_1.csv'), '客户号,姓名\nRC1,容错三\nRC2,\n');
    expect(await run(id)).toMatchObject({ status: 'rejected' });
    expect(await run(id)).toMatchObject({ status: 'rejected', runIds: [] });
    expect((await admin.put(`/api/v1/import-sources/${id}`, folderSource('拒绝-改策略', folder, { config: { path: folder, pattern: 'refuse_c_*.csv' }, policy: 'load_valid' }))).statusCode).toBe(200);
    const valid = await run(id);
    expect(valid).toMatchObject({ status: 'succeeded' });
    expect(body(await admin.get(`/api/v1/imports/${valid.runIds[0]}`))).toMatchObject({ rowsInserted: 1, rowsRejected: 1 });
  });

  it('checks a file against its control file, waits for it when required, and does not retry a mismatch until something changes', async () => {
    const created = await admin.post('/api/v1/import-sources', {
      name: '带控制文件的交易',
      kind: 'folder',
      target: 'transactions',
      config: { path: folder, pattern: 'txn_*.csv', requireControlFile: true },
      mapping: { 流水号: 'externalId', 客户号: 'customerExternalId', 时间: 'occurredAt', 金额: 'amount' },
      sourceSystem: 'ctl_card',
      cron: '0 4 * * *',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = body(created).id;
    const run = async () => body(await admin.post(`/api/v1/import-sources/${id}/run`));

    await writeFile(join(dir, 'txn_1.csv'), '流水号,客户号,时间,金额\nT1,NOBODY,2026-11-01,10.10\nT2,NOBODY,2026-11-01,-0.10\n');
    // No control file yet: the file waits.
    expect(await run()).toMatchObject({ status: 'succeeded', runIds: [] });
    await writeFile(join(dir, 'txn_1.csv.ctl'), '# 2 rows\nrows=2\namount=10.00\n');
    const loaded = await run();
    expect(loaded).toMatchObject({ status: 'succeeded' });
    expect(loaded.runIds).toHaveLength(1);
    expect(body(await admin.get(`/api/v1/imports/${loaded.runIds[0]}`))).toMatchObject({ status: 'succeeded', controlRows: 2, controlAmountSum: '10.00', amountSum: '10.00', controlMatched: true, rowsQuarantined: 2 });

    // A control file that says otherwise: nothing loaded, the source failed.
    await writeFile(join(dir, 'txn_2.csv'), '流水号,客户号,时间,金额\nT3,NOBODY,2026-11-02,5\n');
    await writeFile(join(dir, 'txn_2.csv.ctl'), 'rows=2\n');
    const failed = await run();
    expect(failed.status).toBe('failed');
    expect(failed.runIds).toHaveLength(1);
    expect(body(await admin.get(`/api/v1/imports/${failed.runIds[0]}`))).toMatchObject({ status: 'failed', controlMatched: false, rowsQuarantined: 0 });
    // Trying again in five minutes would fail the same way: no retry, the next scheduled time.
    const afterMismatch = body(await admin.get('/api/v1/import-sources')).find((s: { id: number }) => s.id === id);
    expect(afterMismatch).toMatchObject({ lastStatus: 'failed', attempt: 0 });
    expect(new Date(afterMismatch.nextRunAt).getTime()).toBe(nextCronRun('0 4 * * *', 'Asia/Shanghai')!.getTime());
    // Tried again: skipped (it would fail the same way) and still reported.
    const skipped = await run();
    expect(skipped).toMatchObject({ status: 'failed', runIds: [] });
    expect(skipped.error).toContain('txn_2.csv');
    const listed = body(await admin.get('/api/v1/import-sources')).find((s: { id: number }) => s.id === id);
    expect(listed).toMatchObject({ lastStatus: 'failed' });
    // The corrected control file: loaded.
    await writeFile(join(dir, 'txn_2.csv.ctl'), 'rows=1\namount=5\n');
    const fixed = await run();
    expect(fixed).toMatchObject({ status: 'succeeded' });
    expect(fixed.runIds).toHaveLength(1);
    // A control file that cannot be read is reported, and its file not loaded.
    await writeFile(join(dir, 'txn_3.csv'), '流水号,客户号,时间,金额\nT4,NOBODY,2026-11-03,1\n');
    await writeFile(join(dir, 'txn_3.csv.ctl'), 'count: many\n');
    const unreadable = await run();
    expect(unreadable).toMatchObject({ status: 'failed', runIds: [] });
    expect(unreadable.error).toContain('txn_3.csv.ctl');
  });

  it('reads control files: rows and amount, comments, nothing else', () => {
    expect(parseControlFile('rows=3\namount=1,234.50\n')).toEqual({ rows: 3, amountSum: '1234.50' });
    expect(parseControlFile('\uFEFF# from core\r\nROWS: 10\r\n')).toEqual({ rows: 10 });
    expect(parseControlFile('amount=-0.5')).toEqual({ amountSum: '-0.5' });
    for (const bad of ['', '# nothing', 'rows=1.5', 'rows=1\nrows=2', 'amount=abc', 'total=3', 'rows=3 extra']) expect(parseControlFile(bad), bad).toBeNull();
  });

  it('helpers: globs, cron times in China time, redacted passwords', () => {
    expect(globToRegExp('cards_????.csv').test('cards_2026.csv')).toBe(true);
    expect(globToRegExp('*.csv').test('a.csv.bak')).toBe(false);
    expect(nextCronRun('0 2 * * *', 'Asia/Shanghai', new Date('2026-11-23T00:00:00Z'))?.toISOString()).toBe('2026-11-23T18:00:00.000Z');
    expect(redactUrl('postgres://etl:s3cret@db.bank.cn:5432/core')).toBe('postgres://etl:****@db.bank.cn:5432/core');
    expect(isoTimestamp('2026-11-23 01:00:00.123456+00')).toBe('2026-11-23T01:00:00.123456+00:00');
    expect(isoTimestamp('2026-11-23 09:00:00.5+05:30')).toBe('2026-11-23T09:00:00.500000+05:30');
    expect(isoTimestamp('2026-11-23 09:00:00')).toBe('2026-11-23T09:00:00.000000');
    expect(isoTimestamp('infinity')).toBe('infinity');
  });

  it('says which folder is missing, in the reader\'s language', async () => {
    const id = body(await admin.post('/api/v1/import-sources', folderSource('缺失的目录', 'not/there'))).id;
    const result = body(await admin.post(`/api/v1/import-sources/${id}/run`));
    expect(result.status).toBe('failed');
    expect(result.error).toContain('not/there');
    expect(result.error).not.toMatch(/ENOENT|scandir/);
    // Kept for every reader: the source's last error and its failed run, in English and in Chinese.
    const inEnglish = { 'x-locale': 'en' };
    const listed = body(await admin.request('GET', '/api/v1/import-sources', undefined, inEnglish)).find((s: { id: number }) => s.id === id);
    expect(listed.lastError).toMatch(/^The folder not\/there does not exist/);
    const listedZh = body(await admin.request('GET', '/api/v1/import-sources', undefined, { 'x-locale': 'zh-CN' })).find((s: { id: number }) => s.id === id);
    expect(listedZh.lastError).toMatch(/没有文件夹 not\/there/);
    const [run] = body(await admin.request('GET', `/api/v1/import-sources/${id}/runs`, undefined, inEnglish));
    expect(run.error).toBe(listed.lastError);
    expect(body(await admin.request('GET', `/api/v1/imports/${run.id}`, undefined, inEnglish)).error).toBe(listed.lastError);
  });

  it('records a database source it cannot reach as a failed run, and the server stays up', async () => {
    const created = await admin.post('/api/v1/import-sources', {
      name: '关闭的计费库',
      kind: 'mysql',
      target: 'customers',
      // Port 1: nothing listens there, the connection is refused.
      config: { url: 'mysql://etl@127.0.0.1:1/billing', query: 'select id, name from customers' },
      mapping: { id: 'externalId', name: 'name' },
      sourceSystem: 'billing',
      cron: '0 3 * * *',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = body(created).id;
    const result = body(await admin.post(`/api/v1/import-sources/${id}/run`));
    expect(result).toMatchObject({ status: 'failed' });
    expect(result.error).toMatch(/ECONNREFUSED/);
    expect(body(await admin.get(`/api/v1/imports/${result.runIds[0]}`))).toMatchObject({ status: 'failed' });
    // Not left marked as running: it can be run again at once.
    expect(body(await admin.post(`/api/v1/import-sources/${id}/run`))).toMatchObject({ status: 'failed' });
    expect((await admin.get('/health')).statusCode).toBe(200);
    // Marked by a run that renewed its mark two minutes ago: busy. Three minutes without a beat: a dead process, free.
    await t.db.query(`update import_sources set running_since = now() - interval '2 minutes' where id = $1`, [id]);
    const busy = await admin.post(`/api/v1/import-sources/${id}/run`);
    expect(busy.statusCode).toBe(409);
    await t.db.query(`update import_sources set running_since = now() - interval '4 minutes' where id = $1`, [id]);
    expect(body(await admin.post(`/api/v1/import-sources/${id}/run`))).toMatchObject({ status: 'failed' });
  });

  describe.runIf(process.env.DATABASE_URL)('from a PostgreSQL source, with a watermark', () => {
    const table = `src_customers_${process.pid}`;
    let source: pg.Client;
    beforeAll(async () => {
      source = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await source.connect();
      await source.query(`create table ${table} (id text, name text, mobile text, updated_at timestamptz)`);
      await source.query(`insert into ${table} values ('P1', '林一', '13900139001', '2026-11-20T01:00:00Z'), ('P2', '林二', '13900139002', '2026-11-21T01:00:00Z')`);
    });
    afterAll(async () => {
      await source.query(`drop table if exists ${table}`);
      await source.end();
    });

    it('loads the rows changed since the last run', async () => {
      const created = await admin.post('/api/v1/import-sources', {
        name: '核心系统',
        kind: 'postgres',
        target: 'customers',
        config: { url: process.env.DATABASE_URL, query: `select id, name, mobile, updated_at from ${table} where :watermark::timestamptz is null or updated_at > :watermark::timestamptz order by updated_at`, watermarkColumn: 'updated_at' },
        mapping: { id: 'externalId', name: 'name', mobile: 'mobile' },
        sourceSystem: 'core',
        cron: '30 1 * * *',
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = body(created).id;
      const first = body(await admin.post(`/api/v1/import-sources/${id}/run`));
      expect(first.status, JSON.stringify(first)).toBe('succeeded');
      await source.query(`update ${table} set name = '林二改', updated_at = '2026-11-22T01:00:00Z' where id = 'P2'`);
      const second = body(await admin.post(`/api/v1/import-sources/${id}/run`));
      const run = body(await admin.get(`/api/v1/imports/${second.runIds[0]}`));
      expect(run).toMatchObject({ rowsRead: 1, rowsUpdated: 1 });
      const stored = body(await admin.get('/api/v1/import-sources')).find((s: { id: number }) => s.id === id);
      expect(new Date(stored.watermark).toISOString()).toBe('2026-11-22T01:00:00.000Z');
      // A watermark keeps the microseconds: the last row is not read again at the next run.
      await source.query(`update ${table} set name = '林一改', updated_at = '2026-11-23T01:00:00.123456Z' where id = 'P1'`);
      const third = body(await admin.post(`/api/v1/import-sources/${id}/run`));
      expect(body(await admin.get(`/api/v1/imports/${third.runIds[0]}`))).toMatchObject({ rowsRead: 1, rowsUpdated: 1 });
      const fourth = body(await admin.post(`/api/v1/import-sources/${id}/run`));
      expect(fourth).toMatchObject({ status: 'succeeded', runIds: [] });
      const after = body(await admin.get('/api/v1/import-sources')).find((s: { id: number }) => s.id === id);
      expect(after.watermark).toBe('2026-11-23T01:00:00.123456+00:00');
    });
  });

  describe.runIf(process.env.MYSQL_URL)('from a MySQL/MariaDB source', () => {
    const table = `src_txn_${process.pid}`;
    let mysql: import('mysql2/promise').Connection;
    beforeAll(async () => {
      const { createConnection } = await import('mysql2/promise');
      mysql = await createConnection(process.env.MYSQL_URL!);
      await mysql.query(`create table ${table} (id int primary key, name varchar(50), mobile varchar(20))`);
      await mysql.query(`insert into ${table} values (1, '马一', '13700137101'), (2, '马二', '13700137102')`);
    });
    afterAll(async () => {
      await mysql.query(`drop table if exists ${table}`);
      await mysql.end();
    });

    it('loads the rows above the watermark id', async () => {
      const created = await admin.post('/api/v1/import-sources', {
        name: '计费系统',
        kind: 'mysql',
        target: 'customers',
        config: { url: process.env.MYSQL_URL, query: `select id, name, mobile from ${table} where id > coalesce(:watermark, 0) order by id`, watermarkColumn: 'id' },
        mapping: { id: 'externalId', name: 'name', mobile: 'mobile' },
        sourceSystem: 'billing',
        cron: '0 3 * * *',
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(body(created).config.url).not.toContain(new URL(process.env.MYSQL_URL!).password || '\u0000');
      const id = body(created).id;
      expect(body(await admin.post(`/api/v1/import-sources/${id}/run`)).status).toBe('succeeded');
      await mysql.query(`insert into ${table} values (3, '马三', '13700137103')`);
      const second = body(await admin.post(`/api/v1/import-sources/${id}/run`));
      expect(body(await admin.get(`/api/v1/imports/${second.runIds[0]}`))).toMatchObject({ rowsRead: 1, rowsInserted: 1 });
      expect(body(await admin.get('/api/v1/import-sources')).find((s: { id: number }) => s.id === id).watermark).toBe('3');
    });
  });
});
