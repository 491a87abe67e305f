import { describe, it, expect, beforeAll } from 'vitest';
import { openDb } from '#platform/db/db.ts';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { withAdmin, type Client } from '#test/factories.ts';
import { nameGrams } from '#modules/customers/name-grams.ts';
import { csvChunks, csvValue, pgTextArray } from '#platform/db/copy-csv.ts';

/** Values that a careless CSV writer or COPY's defaults would change. */
const AWKWARD = [
  'plain',
  'comma, inside',
  'quote " inside',
  '"quoted"',
  'line\nbreak',
  'carriage\r\nreturn',
  'back\\slash',
  '\\.',
  '\\N',
  'NULL',
  '',
  ' spaces at the ends ',
  '王晓明，北京市朝阳区“三里屯”',
  '🐉 龍',
];

describe('COPY CSV', () => {
  it('writes CSV that reads back as the same values: nothing as null, empty text quoted', () => {
    expect(csvValue(null)).toBe('');
    expect(csvValue(undefined)).toBe('');
    expect(csvValue('')).toBe('""');
    expect(csvValue('a,b')).toBe('"a,b"');
    expect(csvValue('say "hi"')).toBe('"say ""hi"""');
    expect(csvValue('\\.')).toBe('"\\."');
    expect(csvValue('中文')).toBe('中文');
    expect(csvValue(12)).toBe('12');
    expect(csvValue(false)).toBe('false');
  });

  it('stores every value exactly, text arrays too', async () => {
    const db = await openDb({ databaseUrl: process.env.DATABASE_URL, poolSize: 2 });
    try {
      await db.transaction(async (tx) => {
        await tx.query(`create temporary table gx_copy_test (n int, text text, list text[], missing text) on commit drop`);
        const rows = [...AWKWARD.map((text, i) => ({ n: i, text })), { n: AWKWARD.length, text: null }];
        const list = (r: { text: string | null }) => (r.text === null ? [] : [r.text, `${r.text}{,}`, 'NULL']);
        await tx.copyFrom(`copy gx_copy_test (n, text, list, missing) from stdin with (format csv)`, csvChunks(rows, (r) => [r.n, r.text, pgTextArray(list(r)), null]));
        const back = await tx.query<{ n: number; text: string | null; list: string[]; missing: string | null }>(`select n, text, list, missing from gx_copy_test order by n`);
        expect(back.map((r) => r.text)).toEqual([...AWKWARD, null]);
        expect(back.map((r) => r.list)).toEqual(rows.map(list));
        expect(back.every((r) => r.missing === null)).toBe(true);
      });
    } finally {
      await db.close();
    }
  });

  describe('through an import', () => {
    let t: TestApp;
    let admin: Client;
    beforeAll(async () => {
      t = await buildTestApp();
      admin = (await withAdmin(t)).client;
    });

    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const csv = (rows: string[][]) => rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
    async function importFile(text: string, fileName: string, target: string) {
      const up = await admin.request('POST', '/api/v1/imports/files', text, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) });
      expect(up.statusCode, up.body).toBe(201);
      const file = body(up);
      const res = await admin.post('/api/v1/imports?wait=true', { fileId: file.fileId, fileName, target, mapping: file.suggested[target], options: { sourceSystem: 'esc' } });
      expect(res.statusCode, res.body).toBe(200);
      return body(res).run;
    }

    it('keeps commas, quotes, backslashes and Chinese text, and empty cells stay empty (null)', async () => {
      const customers = await importFile(
        csv([
          ['客户号', '客户名称', '地址', '邮箱'],
          ['E1', '王"小",明', '北京市\\朝阳区, “三里屯”路 "8" 号', ''],
          ['E2', '李\\.雷', '\\.', 'li@example.com'],
        ]),
        'esc-customers.csv',
        'customers',
      );
      expect(customers).toMatchObject({ status: 'succeeded', rowsInserted: 2, rowsRejected: 0 });
      const stored = await t.db.query(
        `select code, name, address, email, name_grams as grams from customers where code in ('E1', 'E2') order by code`,
      );
      expect(stored).toEqual([
        { code: 'E1', name: '王"小",明', address: '北京市\\朝阳区, “三里屯”路 "8" 号', email: null, grams: nameGrams('王"小",明', null) },
        { code: 'E2', name: '李\\.雷', address: '\\.', email: 'li@example.com', grams: nameGrams('李\\.雷', null) },
      ]);

      const transactions = await importFile(
        csv([
          ['交易流水号', '客户号', '交易时间', '交易金额', '商户', '摘要'],
          ['X1', 'E1', '2026-11-01 09:00:00', '1,000.00', '', '退款, "部分" \\N'],
          ['X2', 'E2', '2026-11-02', '-5', '京东', '\\.'],
        ]),
        'esc-transactions.csv',
        'transactions',
      );
      expect(transactions).toMatchObject({ status: 'succeeded', rowsInserted: 2, rowsRejected: 0 });
      expect(await t.db.query(`select external_id as "externalId", amount, direction, merchant, description from transactions where source_system = 'esc' order by external_id`)).toEqual([
        { externalId: 'X1', amount: '1000.00', direction: 'credit', merchant: null, description: '退款, "部分" \\N' },
        { externalId: 'X2', amount: '5.00', direction: 'debit', merchant: '京东', description: '\\.' },
      ]);
    });
  });
});
