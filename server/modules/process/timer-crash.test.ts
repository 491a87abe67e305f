import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { openDb, type Db } from '#platform/db/db.ts';
import { migrate } from '#platform/db/migrate.ts';
import { withDatabase } from '#test/global-setup.ts';
import { systemActor } from '#platform/auth/actor.ts';
import { PERMISSIONS } from '#modules/identity/permissions.ts';
import { NotificationsService } from '#modules/notifications/notifications.service.ts';
import { ProcessService } from './process.service.ts';
import type { ProcessDefinition } from './definition.ts';

const CASES = 5;

/** A database another process can open: a PGlite folder, or a PostgreSQL database of its own. */
async function sharedDatabase(): Promise<{ target: string; open: () => Promise<Db>; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  const template = inject('pgTemplate');
  if (url && template) {
    const name = `guanxi_t_${template.replace('guanxi_tpl_', '')}_crash_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const target = withDatabase(url, name);
    return {
      target,
      open: () => openDb({ databaseUrl: target, poolSize: 2 }),
      drop: async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-crash-'));
  return { target: dir, open: () => openDb({ dataDir: dir }), drop: () => rm(dir, { recursive: true, force: true }) };
}

const definition = (userId: number): ProcessDefinition => ({
  initial: 'waiting',
  states: [
    { key: 'waiting', nameZh: '等待', nameEn: 'Waiting', stage: false, final: false, actor: { kind: 'user', userId }, timeLimit: { hours: 1, onBreach: 'escalate' } },
    { key: 'done', nameZh: '完成', nameEn: 'Done', stage: false, final: true },
  ],
  transitions: [{ key: 'finish', nameZh: '完成', nameEn: 'Finish', from: 'waiting', to: 'done', trigger: 'user', guards: [], form: [], commentRequired: false }],
});

describe('process timers across a crash', async () => {
  const shared = await sharedDatabase();
  afterAll(() => shared.drop());

  it('fires every due timer exactly once when the server is killed in the middle of firing them', async () => {
    let db = await shared.open();
    await migrate(db);
    const [unit] = await db.query<{ id: number }>(`insert into org_units (code, name_zh, kind, path, depth) values ('CRASH', '崩溃测试', 'branch', '/', 0) returning id`);
    const user = async (name: string, managerId: number | null) =>
      (await db.query<{ id: number }>(`insert into users (username, display_name, org_unit_id, manager_id, password_hash) values ($1, $1, $2, $3, 'x') returning id`, [name, unit!.id, managerId]))[0]!.id;
    const boss = await user('crash-boss', null);
    const worker = await user('crash-worker', boss);
    const engine = new ProcessService(db, new NotificationsService(db));
    const actor = systemActor(new Set(PERMISSIONS));
    await db.transaction((tx) => engine.saveDefinition(null, tx, 'crash', { nameZh: '崩溃', nameEn: 'Crash', definition: definition(worker) }));
    for (let i = 0; i < CASES; i++) {
      await db.transaction((tx) => engine.start(tx, actor, { processKey: 'crash', subjectType: 'test', subjectId: i + 1, reference: `C${i}`, title: `case ${i}`, orgUnitId: unit!.id, ownerId: null }));
    }
    await db.query(`update process_timers set due_at = now() - interval '1 minute'`);
    await db.close();

    // The third timer's transaction is under way when the process dies.
    const child = spawnSync(process.execPath, ['bin/run-ts.js', 'server/modules/process/timer-crash.child.ts', shared.target, '3'], { encoding: 'utf8', timeout: 120_000 });
    expect(child.signal, child.stderr).toBe('SIGKILL');

    db = await shared.open();
    const fired = await db.query<{ n: number }>(`select count(*)::int as n from process_timers where fired_at is not null`);
    expect(fired[0]!.n).toBe(2);
    // After the restart the rest fire, and nothing fires twice.
    const restarted = new ProcessService(db, new NotificationsService(db));
    expect(await restarted.fireDueTimers()).toBe(CASES - 2);
    expect(await restarted.fireDueTimers()).toBe(0);
    const steps = await db.query<{ caseId: number; n: number }>(
      `select c.id as "caseId", count(s.id) filter (where s.transition = 'escalate')::int as n from process_cases c left join process_steps s on s.case_id = c.id group by c.id order by c.id`,
    );
    expect(steps.map((s) => s.n)).toEqual(Array(CASES).fill(1));
    const cases = await db.query<{ assignee: number; seq: number }>(`select assignee_user_id as assignee, seq from process_cases order by id`);
    expect(cases).toEqual(Array(CASES).fill({ assignee: boss, seq: 1 }));
    const notices = await db.query<{ n: number }>(`select count(*)::int as n from notifications where kind = 'notify.case_escalated' and user_id = $1`, [boss]);
    expect(notices[0]!.n).toBe(CASES);
    await db.close();
  }, 180_000);
});
