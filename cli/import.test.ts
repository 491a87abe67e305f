import { describe, it, expect, afterAll, beforeAll, vi } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '#platform/db/db.ts';
import { testDb } from '#test/test-app.ts';
import { importFile } from './import.ts';

/** `guanxi import` with control totals, run in-process on a test database (the process-level CLI is covered by cli.test.ts). */
describe('guanxi import --expect-rows / --expect-amount', () => {
  let db: Db;
  let dir: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    db = await testDb();
    close = db.close.bind(db);
    // importFile closes its database when done; here the test keeps it for the next command.
    db.close = async () => undefined;
    dir = await mkdtemp(join(tmpdir(), 'guanxi-cli-import-'));
  });
  afterAll(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(...argv: string[]) {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      const code = await importFile(db, argv);
      return { code, out: lines.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('loads nothing and exits with 1 when the file does not match its control totals, and loads it when it does', async () => {
    const file = join(dir, '交易.csv');
    await writeFile(file, '交易流水号,客户号,交易时间,交易金额\r\nX1,NOBODY,2026-11-01,"1,000.10"\r\nX2,NOBODY,2026-11-02,-0.10\r\n');
    const wrong = await run(file, '--target', 'transactions', '--expect-rows', '3', '--expect-amount', '1000', '--locale', 'en');
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/failed — read 2, inserted 0/);
    expect(wrong.out).toContain('control totals do not match: expected 3 rows, amount 1000; found 2 rows, amount 1000.00');
    expect(wrong.out).toContain('The control totals do not match (rows: expected 3, found 2); nothing was loaded');
    const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from import_quarantine`)) as [{ n: number }];
    expect(n).toBe(0);

    const right = await run(file, '--target', 'transactions', '--expect-rows', '2', '--expect-amount', '1,000.00');
    expect(right.code).toBe(0);
    expect(right.out).toMatch(/成功——读取 2，.*隔离 2/);
    expect(right.out).toContain('控制总数相符：应为 2 行，金额 1000；实际 2 行，金额 1000.00');
  });

  it('reads debts written negative with --debt-sign negative, and refuses another word', async () => {
    const people = join(dir, '客户.csv');
    await writeFile(people, '客户编号,姓名\r\nCLI-D1,孙债\r\n');
    expect((await run(people, '--target', 'customers')).code).toBe(0);
    const cards = join(dir, '账户.csv');
    await writeFile(cards, '客户编号,账号,产品类型,余额\r\nCLI-D1,CARD-CLI,信用卡,"-2,000.00"\r\n');
    await expect(run(cards, '--target', 'holdings', '--debt-sign', 'minus')).rejects.toThrow('--debt-sign must be positive or negative');
    expect((await run(cards, '--target', 'holdings', '--source-system', 'cli_cards', '--debt-sign', 'negative')).code).toBe(0);
    const [card] = await db.query<{ balance: string }>(`select balance::text from holdings where external_id = 'CARD-CLI'`);
    expect(card!.balance).toBe('2000.00');
  });

  it('refuses control totals that are not numbers', async () => {
    const file = join(dir, 'c.csv');
    await writeFile(file, '姓名\r\n张三\r\n');
    await expect(run(file, '--target', 'customers', '--expect-rows', 'many')).rejects.toThrow('--expect-rows takes a row count');
    await expect(run(file, '--target', 'transactions', '--expect-amount', '12..5')).rejects.toThrow('--expect-amount takes a decimal amount');
    const customers = await run(file, '--target', 'customers', '--expect-amount', '10', '--locale', 'en');
    expect(customers.code).toBe(1);
    expect(customers.out).toContain('--expect-amount: Customer files have no amount column');
  });

  it('names a missing file, and says what a dry run checked', async () => {
    await expect(run(join(dir, 'nothere.csv'), '--target', 'customers')).rejects.toThrow('nothere.csv: no such file');
    const file = join(dir, 'dry.csv');
    await writeFile(file, '姓名,手机\r\n试运行,13800138061\r\n');
    const dry = await run(file, '--target', 'customers', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('第 2 行：新增');
    expect(dry.out).not.toContain('nameGrams');
    expect(dry.out).toContain('试运行：检查了前 20 行，未写入任何数据');
    const binary = join(dir, 'photo.csv');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 0]));
    const refused = await run(binary, '--target', 'customers', '--locale', 'en');
    expect(refused.code).toBe(1);
    // Said once, not again under the file's name.
    expect(refused.out.split('\n').filter((l) => l.includes('not a text or Excel file'))).toHaveLength(1);
  });

  it('runs a rejected file again, and answers a loaded one as the API does: the run that loaded it and when', async () => {
    const file = join(dir, '重跑.csv');
    await writeFile(file, '姓名,手机\r\n命令甲,13800138091\r\n命令乙,12345\r\n');
    const rejected = await run(file, '--target', 'customers');
    expect(rejected.code).toBe(1);
    expect(rejected.out).toContain('整个文件被拒绝');
    const again = await run(file, '--target', 'customers');
    expect(again.code).toBe(1);
    expect(again.out).not.toContain('已由');
    expect((await run(file, '--target', 'customers', '--policy', 'load_valid')).code).toBe(0);
    const [loaded] = (await db.query<{ id: number; startedAt: Date }>(`select id::int as id, started_at as "startedAt" from import_runs where status = 'succeeded' order by id desc limit 1`)) as [{ id: number; startedAt: Date }];
    const at = new Date(loaded.startedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    const answered = await run(file, '--target', 'customers', '--locale', 'en');
    expect(answered.code).toBe(0);
    expect(answered.out).toContain(`This file was already loaded by import #${loaded.id}, started ${at} (China time), with the same mapping and options: nothing was loaded again. That run loaded the valid rows and left out the rows with errors (1): see its error report (use --force to load it again)`);
    const zh = await run(file, '--target', 'customers', '--policy', 'load_valid');
    expect(zh.out).toContain(`该文件已由第 ${loaded.id} 次导入（北京时间 ${at} 开始）以相同的映射和选项载入，本次未重复载入。`);
    const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from customers where name = '命令甲'`)) as [{ n: number }];
    expect(n).toBe(1);
  });
});
