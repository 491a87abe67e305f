import type { Queryable } from '#platform/db/db.ts';
import type { DataScope, FieldAccess, Permission } from './permissions.ts';

export interface OrgUnitRow {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string | null;
  kind: string;
  path: string;
  depth: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RoleRow {
  id: number;
  key: string;
  nameZh: string;
  nameEn: string;
  builtin: boolean;
  permissions: Permission[];
  dataScope: DataScope;
  fieldRules: Record<string, FieldAccess>;
}

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  orgUnitId: number;
  managerId: number | null;
  passwordHash: string;
  locale: string;
  status: 'active' | 'disabled';
  failedLogins: number;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  createdAt: Date;
  updatedAt: Date;
  roleKeys: string[];
}

const ORG_COLUMNS = `id, parent_id as "parentId", code, name_zh as "nameZh", name_en as "nameEn", kind, path, depth,
  created_at as "createdAt", updated_at as "updatedAt"`;
const ROLE_COLUMNS = `id, key, name_zh as "nameZh", name_en as "nameEn", builtin, permissions, data_scope as "dataScope",
  field_rules as "fieldRules"`;
const USER_COLUMNS = `u.id, u.username, u.display_name as "displayName", u.email, u.org_unit_id as "orgUnitId",
  u.manager_id as "managerId", u.password_hash as "passwordHash", u.locale, u.status, u.failed_logins as "failedLogins",
  u.locked_until as "lockedUntil", u.must_change_password as "mustChangePassword", u.created_at as "createdAt",
  u.updated_at as "updatedAt",
  coalesce((select array_agg(r.key order by r.key) from user_roles ur join roles r on r.id = ur.role_id
            where ur.user_id = u.id), '{}') as "roleKeys"`;

export const orgUnitsRepository = {
  all: (q: Queryable) => q.query<OrgUnitRow>(`select ${ORG_COLUMNS} from org_units order by path`),
  byId: async (q: Queryable, id: number) =>
    (await q.query<OrgUnitRow>(`select ${ORG_COLUMNS} from org_units where id = $1`, [id]))[0],
  byCode: async (q: Queryable, code: string) =>
    (await q.query<OrgUnitRow>(`select ${ORG_COLUMNS} from org_units where code = $1`, [code]))[0],
  /** Ids of the unit and every unit below it. */
  subtreeIds: async (q: Queryable, id: number): Promise<number[]> =>
    (
      await q.query<{ id: number }>(
        `select s.id from org_units u join org_units s on s.path like u.path || '%' where u.id = $1`,
        [id],
      )
    ).map((r) => r.id),
  async insert(
    q: Queryable,
    v: { parentId: number | null; code: string; nameZh: string; nameEn: string | null; kind: string },
  ): Promise<OrgUnitRow> {
    const parent = v.parentId === null ? undefined : await orgUnitsRepository.byId(q, v.parentId);
    const [row] = await q.query<{ id: number }>(
      `insert into org_units (parent_id, code, name_zh, name_en, kind, path, depth)
       values ($1, $2, $3, $4, $5, '', $6) returning id`,
      [v.parentId, v.code, v.nameZh, v.nameEn, v.kind, parent ? parent.depth + 1 : 0],
    );
    const id = row!.id;
    await q.query(`update org_units set path = $2 where id = $1`, [id, `${parent?.path ?? '/'}${id}/`]);
    return (await orgUnitsRepository.byId(q, id))!;
  },
  update: (q: Queryable, id: number, v: { code: string; nameZh: string; nameEn: string | null; kind: string }) =>
    q.query(`update org_units set code = $2, name_zh = $3, name_en = $4, kind = $5, updated_at = now() where id = $1`, [
      id,
      v.code,
      v.nameZh,
      v.nameEn,
      v.kind,
    ]),
  /** Moves a unit with its whole subtree: every path under the old prefix is rewritten in one statement. */
  async move(q: Queryable, unit: OrgUnitRow, newParent: OrgUnitRow): Promise<void> {
    const newPath = `${newParent.path}${unit.id}/`;
    const depthDelta = newParent.depth + 1 - unit.depth;
    await q.query(
      `update org_units set path = $2 || substr(path, length($1) + 1), depth = depth + $3, updated_at = now()
        where path like $1 || '%'`,
      [unit.path, newPath, depthDelta],
    );
    await q.query(`update org_units set parent_id = $2 where id = $1`, [unit.id, newParent.id]);
  },
  async hasMembers(q: Queryable, id: number): Promise<boolean> {
    const [row] = await q.query<{ used: boolean }>(
      `select exists(select 1 from org_units where parent_id = $1)
           or exists(select 1 from users where org_unit_id = $1)
           or exists(select 1 from customers where org_unit_id = $1) as used`,
      [id],
    );
    return row!.used;
  },
  delete: (q: Queryable, id: number) => q.query(`delete from org_units where id = $1`, [id]),
};

export const rolesRepository = {
  all: (q: Queryable) => q.query<RoleRow>(`select ${ROLE_COLUMNS} from roles order by id`),
  byId: async (q: Queryable, id: number) =>
    (await q.query<RoleRow>(`select ${ROLE_COLUMNS} from roles where id = $1`, [id]))[0],
  byKeys: (q: Queryable, keys: string[]) =>
    q.query<RoleRow>(`select ${ROLE_COLUMNS} from roles where key = any($1::text[])`, [keys]),
  async upsert(q: Queryable, v: Omit<RoleRow, 'id'>): Promise<RoleRow> {
    const [row] = await q.query<RoleRow>(
      `insert into roles (key, name_zh, name_en, builtin, permissions, data_scope, field_rules)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (key) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
         permissions = excluded.permissions, data_scope = excluded.data_scope, field_rules = excluded.field_rules,
         updated_at = now()
       returning ${ROLE_COLUMNS}`,
      [v.key, v.nameZh, v.nameEn, v.builtin, v.permissions, v.dataScope, JSON.stringify(v.fieldRules)],
    );
    return row!;
  },
  async inUse(q: Queryable, id: number): Promise<boolean> {
    const rows = await q.query(`select 1 from user_roles where role_id = $1 limit 1`, [id]);
    return rows.length > 0;
  },
  delete: (q: Queryable, id: number) => q.query(`delete from roles where id = $1`, [id]),
};

export interface UserLookupRow {
  id: number;
  username: string;
  displayName: string;
  orgUnitId: number;
  orgUnitNameZh: string;
  orgUnitNameEn: string | null;
}

export const usersRepository = {
  byId: async (q: Queryable, id: number) =>
    (await q.query<UserRow>(`select ${USER_COLUMNS} from users u where u.id = $1`, [id]))[0],
  byUsername: async (q: Queryable, username: string) =>
    (await q.query<UserRow>(`select ${USER_COLUMNS} from users u where u.username = $1`, [username.toLowerCase()]))[0],
  list: (
    q: Queryable,
    f: { unitIds: number[] | null; search?: string; orgUnitId?: number; status?: string; limit: number; afterId?: number },
  ) => {
    const params: unknown[] = [];
    const where: string[] = [];
    if (f.unitIds) {
      params.push(f.unitIds);
      where.push(`u.org_unit_id = any($${params.length}::bigint[])`);
    }
    if (f.orgUnitId) {
      params.push(f.orgUnitId);
      where.push(`u.org_unit_id in (select d.id from org_units a join org_units d on d.path like a.path || '%' where a.id = $${params.length})`);
    }
    if (f.status) {
      params.push(f.status);
      where.push(`u.status = $${params.length}`);
    }
    if (f.search) {
      params.push(`%${f.search.toLowerCase()}%`);
      where.push(`(u.username like $${params.length} or lower(u.display_name) like $${params.length})`);
    }
    if (f.afterId) {
      params.push(f.afterId);
      where.push(`u.id > $${params.length}`);
    }
    params.push(f.limit);
    return q.query<UserRow>(
      `select ${USER_COLUMNS} from users u ${where.length ? `where ${where.join(' and ')}` : ''}
        order by u.id limit $${params.length}`,
      params,
    );
  },
  /** Active staff by name or username, with their unit's names: the owner pickers' data. */
  lookup: (q: Queryable, f: { search?: string; ids?: number[]; limit: number }) => {
    const params: unknown[] = [];
    const where = [`u.status = 'active'`];
    if (f.search) {
      params.push(`%${f.search.toLowerCase()}%`);
      where.push(`(u.username like $${params.length} or lower(u.display_name) like $${params.length})`);
    }
    if (f.ids) {
      params.push(f.ids);
      where.push(`u.id = any($${params.length}::bigint[])`);
    }
    params.push(f.limit);
    return q.query<UserLookupRow>(
      `select u.id, u.username, u.display_name as "displayName", u.org_unit_id as "orgUnitId",
              o.name_zh as "orgUnitNameZh", o.name_en as "orgUnitNameEn"
         from users u join org_units o on o.id = u.org_unit_id
        where ${where.join(' and ')}
        order by u.display_name, u.id limit $${params.length}`,
      params,
    );
  },
  async insert(
    q: Queryable,
    v: { username: string; displayName: string; email: string | null; orgUnitId: number; managerId: number | null; passwordHash: string; locale: string; mustChangePassword: boolean },
  ): Promise<number> {
    const [row] = await q.query<{ id: number }>(
      `insert into users (username, display_name, email, org_unit_id, manager_id, password_hash, locale, must_change_password)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [v.username.toLowerCase(), v.displayName, v.email, v.orgUnitId, v.managerId, v.passwordHash, v.locale, v.mustChangePassword],
    );
    return row!.id;
  },
  update: (
    q: Queryable,
    id: number,
    v: { displayName: string; email: string | null; orgUnitId: number; managerId: number | null; locale: string; status: string },
  ) =>
    q.query(
      `update users set display_name = $2, email = $3, org_unit_id = $4, manager_id = $5, locale = $6, status = $7,
         updated_at = now() where id = $1`,
      [id, v.displayName, v.email, v.orgUnitId, v.managerId, v.locale, v.status],
    ),
  setLocale: (q: Queryable, id: number, locale: string) =>
    q.query(`update users set locale = $2, updated_at = now() where id = $1`, [id, locale]),
  roleIds: async (q: Queryable, userId: number): Promise<number[]> =>
    (await q.query<{ roleId: number }>(`select role_id as "roleId" from user_roles where user_id = $1`, [userId])).map((r) => r.roleId),
  async setRoles(q: Queryable, userId: number, roleIds: number[]): Promise<void> {
    await q.query(`delete from user_roles where user_id = $1`, [userId]);
    await q.query(`insert into user_roles (user_id, role_id) select $1, unnest($2::bigint[])`, [userId, roleIds]);
    // A new user version invalidates cached actors of this user.
    await q.query(`update users set updated_at = clock_timestamp() where id = $1`, [userId]);
  },
  setPassword: (q: Queryable, id: number, hash: string, mustChange: boolean) =>
    q.query(
      `update users set password_hash = $2, must_change_password = $3, password_changed_at = now(),
         failed_logins = 0, locked_until = null, updated_at = now() where id = $1`,
      [id, hash, mustChange],
    ),
  /**
   * Counts a failed login and locks the account when the count reaches maxFailures. After a lock
   * has run out the count starts again from zero, so the user gets his full number of tries.
   */
  recordFailure: async (q: Queryable, id: number, maxFailures: number, lockMinutes: number) =>
    (
      await q.query<{ lockedUntil: Date | null }>(
        `with prior as (
           select case when locked_until is not null and locked_until <= now() then 0 else failed_logins end as n
             from users where id = $1)
         update users set failed_logins = prior.n + 1,
           locked_until = case when prior.n + 1 >= $2 then now() + make_interval(mins => $3)
                               when locked_until <= now() then null
                               else locked_until end
           from prior where id = $1 returning locked_until as "lockedUntil"`,
        [id, maxFailures, lockMinutes],
      )
    )[0],
  recordSuccess: (q: Queryable, id: number) =>
    q.query(`update users set failed_logins = 0, locked_until = null where id = $1`, [id]),
  /** The user and everyone who reports to him, directly or through others. */
  subordinateIds: async (q: Queryable, id: number): Promise<number[]> =>
    (
      await q.query<{ id: number }>(
        `with recursive team(id) as (select $1::bigint union select u.id from users u join team t on u.manager_id = t.id)
         select id from team`,
        [id],
      )
    ).map((r) => r.id),
};

export interface SessionRow {
  id: string;
  userId: number;
  csrfToken: string;
  expiresAt: Date;
  userStatus: string;
  userUpdatedAt: Date;
}

export const sessionsRepository = {
  insert: (q: Queryable, v: { id: string; userId: number; csrfToken: string; expiresAt: Date; ip: string; userAgent: string | null }) =>
    q.query(`insert into sessions (id, user_id, csrf_token, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5, $6)`, [
      v.id,
      v.userId,
      v.csrfToken,
      v.expiresAt,
      v.ip,
      v.userAgent,
    ]),
  byId: async (q: Queryable, id: string) =>
    (
      await q.query<SessionRow>(
        `select s.id, s.user_id as "userId", s.csrf_token as "csrfToken", s.expires_at as "expiresAt",
                u.status as "userStatus", u.updated_at as "userUpdatedAt"
           from sessions s join users u on u.id = s.user_id where s.id = $1 and s.expires_at > now()`,
        [id],
        { prepare: true },
      )
    )[0],
  delete: (q: Queryable, id: string) => q.query(`delete from sessions where id = $1`, [id]),
  deleteForUser: (q: Queryable, userId: number, exceptId?: string) =>
    q.query(`delete from sessions where user_id = $1 and id is distinct from $2`, [userId, exceptId ?? null]),
  deleteExpired: (q: Queryable) => q.query(`delete from sessions where expires_at <= now()`),
};

export interface ApiTokenRow {
  id: number;
  name: string;
  userId: number;
  prefix: string;
  createdBy: number | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
const TOKEN_COLUMNS = `id, name, user_id as "userId", prefix, created_by as "createdBy", created_at as "createdAt",
  expires_at as "expiresAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt"`;

export const tokensRepository = {
  list: (q: Queryable) => q.query<ApiTokenRow>(`select ${TOKEN_COLUMNS} from api_tokens order by id desc`),
  byId: async (q: Queryable, id: number) =>
    (await q.query<ApiTokenRow>(`select ${TOKEN_COLUMNS} from api_tokens where id = $1`, [id]))[0],
  /** A live token by its hash; marks it used. */
  use: async (q: Queryable, hash: string) =>
    (
      await q.query<ApiTokenRow>(
        `update api_tokens set last_used_at = now()
          where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > now())
          returning ${TOKEN_COLUMNS}`,
        [hash],
      )
    )[0],
  async insert(q: Queryable, v: { name: string; userId: number; hash: string; prefix: string; createdBy: number | null; expiresAt: Date | null }) {
    const [row] = await q.query<ApiTokenRow>(
      `insert into api_tokens (name, user_id, token_hash, prefix, created_by, expires_at) values ($1, $2, $3, $4, $5, $6)
       returning ${TOKEN_COLUMNS}`,
      [v.name, v.userId, v.hash, v.prefix, v.createdBy, v.expiresAt],
    );
    return row!;
  },
  revoke: (q: Queryable, id: number) => q.query(`update api_tokens set revoked_at = now() where id = $1 and revoked_at is null`, [id]),
};
