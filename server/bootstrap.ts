import { importsRepository } from '#modules/ingest/imports.repository.ts';
import { randomBytes } from 'node:crypto';
import type { Db } from '#platform/db/db.ts';
import { migrate } from '#platform/db/migrate.ts';
import { pruneIdempotencyKeys } from '#platform/http/idempotency.ts';
import { RolesService } from '#modules/identity/identity.service.ts';
import { orgUnitsRepository, rolesRepository, usersRepository } from '#modules/identity/identity.repository.ts';
import { hashPassword } from '#modules/identity/passwords.ts';
import { generateDemo, type DemoResult } from './demo/demo-data.ts';
import { withinTransaction } from './demo/within-transaction.ts';

export interface BootstrapResult {
  migrations: string[];
  /** Set only on the very first start: the admin's one-time password. */
  admin?: { username: string; password: string };
  demo?: DemoResult;
}

/**
 * Makes a database ready: migrations, built-in roles, and on an empty database a head office,
 * an admin with a random password (returned once, to be printed) and optionally demo data, all
 * in one transaction: a first start that stops half-way leaves the database empty, and the next
 * one starts over and prints the login again.
 */
export async function bootstrap(db: Db, options: { demoCustomers: number }): Promise<BootstrapResult> {
  const migrations = await migrate(db);
  await new RolesService(db).ensureBuiltins();
  await pruneIdempotencyKeys(db);
  // Imports of a process that died rolled back; say so in their run records.
  await importsRepository.markInterrupted(db);
  // The embedded database is open in this process alone: a source still marked running was left by one that died.
  if (db.kind === 'pglite') await db.query(`update import_sources set running_since = null where running_since is not null`);
  const [{ n }] = (await db.query<{ n: number }>('select count(*)::int as n from users')) as [{ n: number }];
  if (n > 0) return { migrations };

  const { password, demo } = await db.transaction(async (tx) => {
    const q = withinTransaction(db, tx);
    const head =
      (await orgUnitsRepository.byCode(q, 'HQ')) ??
      (await orgUnitsRepository.insert(q, { parentId: null, code: 'HQ', nameZh: '总行', nameEn: 'Head Office', kind: 'head_office' }));
    const password = randomBytes(9).toString('base64url') + '7a';
    const adminId = await usersRepository.insert(q, {
      username: 'admin',
      displayName: '系统管理员',
      email: null,
      orgUnitId: head.id,
      managerId: null,
      passwordHash: await hashPassword(password),
      locale: 'zh-CN',
      mustChangePassword: false,
    });
    const adminRole = (await rolesRepository.byKeys(q, ['admin']))[0]!;
    await usersRepository.setRoles(q, adminId, [adminRole.id]);
    const demo = options.demoCustomers > 0 ? await generateDemo(q, { customers: options.demoCustomers, business: true, vacuum: false }) : undefined;
    return { password, demo };
  });
  // Flushes the GIN pending list of the demo's bulk load, which a transaction cannot.
  if (demo) await db.exec('vacuum analyze customers');
  return { migrations, admin: { username: 'admin', password }, demo };
}

/** The administrator's one-time login, as the server and the command line print it when they created him. */
export function adminLoginLines(admin: { username: string; password: string }): string[] {
  return [
    '================ first start: administrator login (shown only once) ================',
    `  user name: ${admin.username}`,
    `  password:  ${admin.password}`,
    '  Change it after signing in (POST /api/v1/auth/password), or: npx guanxi user reset-password admin',
  ];
}
