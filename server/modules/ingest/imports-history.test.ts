import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildUser, login, withAdmin, type Client } from '#test/factories.ts';

/**
 * The import history's filters (GET /imports): what was loaded, how it ended, how it was started and
 * the day it started (China time), on runs written straight into the table so every kind is there.
 */
describe('import history filters', () => {
  let t: TestApp;
  let admin: Client;
  let zhClient: Client;
  const ids: Record<string, number> = {};

  async function run(name: string, v: { target: string; source: string; status: string; error?: string; startedAt: string }) {
    const [row] = await t.db.query<{ id: number }>(
      `insert into import_runs (target, source, mapping, policy, status, error, started_at, finished_at, duration_ms)
       values ($1, $2, '{}', 'reject_file', $3, $4, $5::timestamptz, case when $3 = 'running' then null else $5::timestamptz end, 1200) returning id::int as id`,
      [v.target, v.source, v.status, v.error ?? null, v.startedAt],
    );
    ids[name] = row!.id;
  }
  const listed = async (query: string, client = admin) => {
    const res = await client.get(`/api/v1/imports?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (body(res) as { id: number }[]).map((r) => r.id);
  };
  const named = (...names: string[]) => names.map((n) => ids[n]!).sort((a, b) => b - a);

  beforeAll(async () => {
    t = await buildTestApp();
    const setup = await withAdmin(t);
    admin = setup.client;
    zhClient = await login(t, await buildUser(t, { role: 'admin', orgUnit: setup.hq, locale: 'zh-CN' }));
    // China time is UTC+8: 2026-03-01 23:30 in Beijing is still 2026-03-01 there, but 15:30 UTC.
    await run('webCustomers', { target: 'customers', source: 'upload', status: 'succeeded', startedAt: '2026-03-01T15:30:00Z' });
    await run('apiHoldings', { target: 'holdings', source: 'api', status: 'rejected', startedAt: '2026-03-02T01:00:00Z' });
    await run('cliTransactions', { target: 'transactions', source: 'cli', status: 'failed', error: 'control totals', startedAt: '2026-03-02T16:30:00Z' });
    await run('scheduledInterrupted', { target: 'transactions', source: 'source:核心系统', status: 'failed', error: 'interrupted', startedAt: '2026-03-03T02:00:00Z' });
    await run('scheduledRunning', { target: 'customers', source: 'source:cards', status: 'running', startedAt: '2026-03-04T02:00:00Z' });
    await run('reprocess', { target: 'holdings', source: 'quarantine', status: 'succeeded', startedAt: '2026-03-05T02:00:00Z' });
  });

  it('lists every run without filters, newest first', async () => {
    expect(await listed('')).toEqual(named('webCustomers', 'apiHoldings', 'cliTransactions', 'scheduledInterrupted', 'scheduledRunning', 'reprocess'));
  });

  it('filters by status; failed and interrupted are told apart', async () => {
    expect(await listed('status=succeeded')).toEqual(named('webCustomers', 'reprocess'));
    expect(await listed('status=rejected')).toEqual(named('apiHoldings'));
    expect(await listed('status=failed')).toEqual(named('cliTransactions'));
    expect(await listed('status=interrupted')).toEqual(named('scheduledInterrupted'));
    expect(await listed('status=running')).toEqual(named('scheduledRunning'));
  });

  it('filters by how the run was started: the web app, the API, the command line, a schedule, a reprocess', async () => {
    expect(await listed('source=upload')).toEqual(named('webCustomers'));
    expect(await listed('source=api')).toEqual(named('apiHoldings'));
    expect(await listed('source=cli')).toEqual(named('cliTransactions'));
    expect(await listed('source=schedule')).toEqual(named('scheduledInterrupted', 'scheduledRunning'));
    expect(await listed('source=quarantine')).toEqual(named('reprocess'));
  });

  it('filters by the day it started in China time, both days included, and combines the filters', async () => {
    // 2026-03-01 15:30 UTC is 23:30 on 1 March in Beijing; 2026-03-02 16:30 UTC is already 3 March there.
    expect(await listed('startedFrom=2026-03-01&startedTo=2026-03-01')).toEqual(named('webCustomers'));
    expect(await listed('startedFrom=2026-03-02&startedTo=2026-03-02')).toEqual(named('apiHoldings'));
    expect(await listed('startedFrom=2026-03-03')).toEqual(named('cliTransactions', 'scheduledInterrupted', 'scheduledRunning', 'reprocess'));
    expect(await listed('startedTo=2026-03-02')).toEqual(named('webCustomers', 'apiHoldings'));
    expect(await listed('target=transactions&source=schedule&startedFrom=2026-03-03&startedTo=2026-03-03')).toEqual(named('scheduledInterrupted'));
    expect(await listed('target=customers&status=failed')).toEqual([]);
    // Paging keeps the filter.
    const [first] = await listed('source=schedule&limit=1');
    expect(first).toBe(ids.scheduledRunning);
    expect(await listed(`source=schedule&limit=1&beforeId=${first}`)).toEqual(named('scheduledInterrupted'));
  });

  it('answers bad filters with a 400 naming the field, in the reader\'s language', async () => {
    const problem = async (query: string, client = admin) => {
      const res = await client.get(`/api/v1/imports?${query}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      return body(res) as { errors: { field: string; message: string }[] };
    };
    expect((await problem('status=done')).errors).toEqual([expect.objectContaining({ field: 'querystring.status', message: expect.stringContaining('interrupted') })]);
    expect((await problem('source=web')).errors).toEqual([expect.objectContaining({ field: 'querystring.source', message: expect.stringContaining('schedule') })]);
    expect((await problem('startedFrom=2026-13-45')).errors).toEqual([expect.objectContaining({ field: 'querystring.startedFrom' })]);
    expect((await problem('startedTo=yesterday')).errors).toEqual([expect.objectContaining({ field: 'querystring.startedTo' })]);
    expect((await problem('startedFrom=2026-03-05&startedTo=2026-03-01')).errors).toEqual([
      { field: 'querystring.startedTo', message: 'The end date cannot be before the start date', code: expect.any(String) },
    ]);
    expect((await problem('startedFrom=2026-03-05&startedTo=2026-03-01', zhClient)).errors).toEqual([
      { field: 'querystring.startedTo', message: '结束日期不能早于开始日期', code: expect.any(String) },
    ]);
    expect((await problem('status=done', zhClient)).errors[0]!.message).toMatch(/^[^A-Za-z]+：|可|应|必须|之一/);
    expect((await problem('sourceId=3')).errors).toEqual([expect.objectContaining({ field: 'querystring.sourceId' })]);
  });

  it('names a quarantined row\'s reason plainly in both languages', async () => {
    const upload = async (client: Client, text: string, name: string) => {
      const res = await client.request('POST', '/api/v1/imports/files', text, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) });
      expect(res.statusCode, res.body).toBe(201);
      return body(res).fileId as string;
    };
    const fileId = await upload(admin, '交易流水号,客户编号,交易时间,交易金额\r\nHQ1,NOBODY-9,2026-03-01 10:00,100.00\r\n', 'q.csv');
    const res = await admin.post('/api/v1/imports?wait=true', {
      fileId,
      fileName: 'q.csv',
      target: 'transactions',
      mapping: { 交易流水号: 'externalId', 客户编号: 'customerCode', 交易时间: 'occurredAt', 交易金额: 'amount' },
      options: { sourceSystem: 'hist' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const runId = body(res).run.id as number;
    expect(body(res).run).toMatchObject({ status: 'succeeded', rowsQuarantined: 1 });
    expect(body(await admin.get(`/api/v1/imports/${runId}/quarantine`)).items[0].message).toBe('Customer not in the CRM yet');
    expect(body(await zhClient.get(`/api/v1/imports/${runId}/quarantine`)).items[0].message).toBe('客户尚未建档');
  });
});
