import { describe, it, expect, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = promisify(execFile);

describe('guanxi command line', { timeout: 300_000 }, () => {
  let dir: string;
  // The CLI runs against its own embedded database in a temporary folder, whatever DATABASE_URL says.
  const env = async () => {
    dir ??= await mkdtemp(join(tmpdir(), 'guanxi-cli-'));
    return { ...process.env, DATABASE_URL: '', DATA_DIR: dir, LOG_LEVEL: 'silent' };
  };
  const guanxi = async (...args: string[]) => run('node', ['bin/guanxi.js', ...args], { env: await env(), timeout: 120_000 });
  const guanxiIn = async (dataDir: string, ...args: string[]) =>
    run('node', ['bin/guanxi.js', ...args], { env: { ...(await env()), DATA_DIR: dataDir }, timeout: 120_000 });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints its help', async () => {
    const { stdout } = await guanxi('help');
    expect(stdout).toContain('demo --customers N');
    expect(stdout).toContain('user reset-password');
  });

  it('migrates, makes demo data, creates a user, resets a password, backs up and restores', async () => {
    expect((await guanxi('migrate')).stdout).toMatch(/applied: 0001_identity\.sql/);
    expect((await guanxi('migrate')).stdout).toContain('up to date');
    const demo = await guanxi('demo', '--customers', '50');
    expect(demo.stdout).toMatch(/customers: 50/);
    expect(demo.stdout).toMatch(/demo password: Demo-/);
    const created = await guanxi('user', 'create', 'wang.li', '--org', 'HQ', '--role', 'branch_manager', '--name', '王立');
    expect(created.stdout).toMatch(/created wang\.li; temporary password: \S+/);
    const reset = await guanxi('user', 'reset-password', 'wang.li', '--password', 'New-passw0rd-1');
    expect(reset.stdout).toContain('new temporary password for wang.li: New-passw0rd-1');
    const backup = await guanxi('backup', join(dir, 'b.gz'));
    expect(backup.stdout).toMatch(/backup written to .*b\.gz: \d+ rows in \d+ tables/);
    const restored = await guanxiIn(join(dir, 'copy'), 'restore', join(dir, 'b.gz'));
    expect(restored.stdout).toMatch(/restored \d+ rows in \d+ tables .* checksum verified/);
    // The copy holds the user created above.
    expect((await guanxiIn(join(dir, 'copy'), 'user', 'reset-password', 'wang.li')).stdout).toContain('new temporary password for wang.li');
    await expect(guanxiIn(join(dir, 'copy'), 'restore', join(dir, 'b.gz'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not empty') });
    expect((await guanxiIn(join(dir, 'copy'), 'restore', join(dir, 'b.gz'), '--replace')).stdout).toMatch(/restored/);
  });

  it('prints the administrator login when it created him, and never opens an embedded database another process holds', async () => {
    const fresh = join(await (async () => ((await env()).DATA_DIR))(), 'fresh');
    const first = await guanxiIn(fresh, 'user', 'create', 'zhao.yun', '--org', 'HQ', '--role', 'branch_manager');
    expect(first.stdout).toMatch(/administrator login[\s\S]*user name: admin[\s\S]*password: +\S+/);
    expect((await guanxiIn(fresh, 'user', 'reset-password', 'zhao.yun')).stdout).not.toContain('administrator login');
    // A live process (this one) holds the folder: every command refuses it, and the lock stays.
    await writeFile(`${fresh}/pglite.lock`, String(process.pid));
    await expect(guanxiIn(fresh, 'backup', join(fresh, 'b.gz'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining(`in use by another Guanxi process (pid ${process.pid})`) });
    expect(await readFile(`${fresh}/pglite.lock`, 'utf8')).toBe(String(process.pid));
    // A lock left by a process that died is taken over, and let go when the command ends.
    const dead = await run('node', ['-e', 'console.log(process.pid)']);
    await writeFile(`${fresh}/pglite.lock`, dead.stdout.trim());
    expect((await guanxiIn(fresh, 'backup', join(fresh, 'b.gz'))).stdout).toMatch(/backup written/);
    await expect(readFile(`${fresh}/pglite.lock`, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails with a message and exit code 1 on bad input', async () => {
    await expect(guanxi('user', 'create', 'x', '--org', 'NOPE', '--role', 'admin')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown org unit code: NOPE'),
    });
    await expect(guanxi('frobnicate')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('unknown command') });
    await expect(guanxi('import', 'x.csv', '--tagret', 'customers')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('guanxi help') });
    for (const asked of [['import', '--help'], ['import', '-h'], ['help', 'import']]) {
      expect((await guanxi(...asked)).stdout, asked.join(' ')).toContain('import <file> --target customers|holdings|transactions|customer_tags');
    }
  });

  it('imports a GBK file, writes the error report beside it, and changes nothing on a second run', async () => {
    await guanxi('migrate');
    const file = join(await (async () => ((await env()).DATA_DIR))(), '客户.csv');
    await writeFile(file, iconv.encode('客户名称,手机号码,机构号\r\n诸葛亮,13800138000,HQ\r\n司马懿,1380013,HQ\r\n', 'gbk'));
    const failed = guanxi('import', file, '--target', 'customers');
    await expect(failed).rejects.toMatchObject({ code: 1, stdout: expect.stringMatching(/第 \d+ 次导入：整个文件被拒绝——读取 2，新增 0.*拒绝 1/) });
    expect(await readFile(`${file}.errors.csv`, 'utf8')).toContain('3,手机号码,1380013,');
    const loaded = await guanxi('import', file, '--target', 'customers', '--policy', 'load_valid');
    expect(loaded.stdout).toMatch(/GB18030/);
    // Said in one language, fields by their names: Chinese unless --locale en.
    expect(loaded.stdout).toContain('映射：客户名称 → 客户名称，手机号码 → 手机号码，机构号 → 机构号');
    expect(loaded.stdout).toMatch(/成功——读取 2，新增 1，更新 0，未变 0，拒绝 1/);
    const again = await guanxi('import', file, '--target', 'customers', '--policy', 'load_valid', '--locale', 'en');
    expect(again.stdout).toMatch(/This file was already loaded by import #\d+, started .+ \(China time\).*\(use --force to load it again\)/);
    expect(again.stdout).toContain('mapping: 客户名称 → Name, 手机号码 → Mobile, 机构号 → Org unit code');
  });
});
