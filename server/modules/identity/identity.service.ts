import type { Db } from '#platform/db/db.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { AppError, forbidden, invalidField, notFound } from '#platform/errors.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import {
  orgUnitsRepository,
  rolesRepository,
  sessionsRepository,
  tokensRepository,
  usersRepository,
  type OrgUnitRow,
  type RoleRow,
  type UserRow,
} from './identity.repository.ts';
import { hashPassword, isStrongPassword } from './passwords.ts';
import { BUILTIN_ROLES, type DataScope, type FieldAccess, type Permission } from './permissions.ts';

export type UserDto = Omit<UserRow, 'passwordHash' | 'failedLogins'>;
export const toUserDto = ({ passwordHash: _p, failedLogins: _f, ...user }: UserRow): UserDto => user;

/** The org tree: any depth, editable, moves carry their subtree. */
export class OrgUnitsService {
  /** onChange: told after a move, so cached scopes of signed-in users are rebuilt. */
  constructor(
    private readonly db: Db,
    private readonly onChange: () => void = () => undefined,
  ) {}

  list = () => orgUnitsRepository.all(this.db);

  subtreeIds = (id: number) => orgUnitsRepository.subtreeIds(this.db, id);

  async get(id: number): Promise<OrgUnitRow> {
    const unit = await orgUnitsRepository.byId(this.db, id);
    if (!unit) throw notFound('ORG_UNIT_NOT_FOUND', 'org_unit.not_found');
    return unit;
  }

  async create(actor: Actor, v: { parentId: number | null; code: string; nameZh: string; nameEn: string | null; kind: string }) {
    if (v.parentId !== null && !(await orgUnitsRepository.byId(this.db, v.parentId))) {
      throw invalidField('body.parentId', 'org_unit.not_found');
    }
    // A new top-level unit is a head-office decision; anyone else adds units inside his subtree.
    if (!unitInScope(actor, v.parentId)) throw invalidField('body.parentId', 'org_unit.out_of_scope');
    if (await orgUnitsRepository.byCode(this.db, v.code)) throw invalidField('body.code', 'field.taken');
    return this.db.transaction(async (tx) => {
      const unit = await orgUnitsRepository.insert(tx, v);
      await recordAudit(tx, actor, { action: 'create', entity: 'org_unit', entityId: unit.id, after: unit });
      return unit;
    }).finally(() => this.onChange()); // the new unit joins the scopes of everyone above it
  }

  async update(actor: Actor, id: number, patch: { code?: string; nameZh?: string; nameEn?: string | null; kind?: string; parentId?: number }) {
    const before = await this.get(id);
    if (!unitInScope(actor, id)) throw forbidden();
    const v = {
      code: patch.code ?? before.code,
      nameZh: patch.nameZh ?? before.nameZh,
      nameEn: patch.nameEn === undefined ? before.nameEn : patch.nameEn,
      kind: patch.kind ?? before.kind,
    };
    const sameCode = await orgUnitsRepository.byCode(this.db, v.code);
    if (sameCode && sameCode.id !== id) throw invalidField('body.code', 'field.taken');
    let newParent: OrgUnitRow | undefined;
    if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
      newParent = await orgUnitsRepository.byId(this.db, patch.parentId);
      if (!newParent) throw invalidField('body.parentId', 'org_unit.not_found');
      if (newParent.path.startsWith(before.path)) throw invalidField('body.parentId', 'field.parent_cycle');
      if (!unitInScope(actor, newParent.id)) throw invalidField('body.parentId', 'org_unit.out_of_scope');
    }
    return this.db.transaction(async (tx) => {
      await orgUnitsRepository.update(tx, id, v);
      if (newParent) await orgUnitsRepository.move(tx, before, newParent);
      const after = (await orgUnitsRepository.byId(tx, id))!;
      await recordAudit(tx, actor, { action: newParent ? 'move' : 'update', entity: 'org_unit', entityId: id, before, after });
      return after;
    }).finally(() => this.onChange());
  }

  async delete(actor: Actor, id: number): Promise<void> {
    const before = await this.get(id);
    if (!unitInScope(actor, id)) throw forbidden();
    await this.db.transaction(async (tx) => {
      if (await orgUnitsRepository.hasMembers(tx, id)) throw new AppError('CONFLICT', 'ORG_UNIT_IN_USE', 'org_unit.has_members');
      await orgUnitsRepository.delete(tx, id);
      await recordAudit(tx, actor, { action: 'delete', entity: 'org_unit', entityId: id, before });
    });
  }
}

export interface RoleInput {
  key: string;
  nameZh: string;
  nameEn: string;
  permissions: Permission[];
  dataScope: DataScope;
  fieldRules: Record<string, FieldAccess>;
}

export class RolesService {
  /** onChange: told after a role changes, so signed-in users get the new rights at once. */
  constructor(
    private readonly db: Db,
    private readonly onChange: () => void = () => undefined,
  ) {}

  list = () => rolesRepository.all(this.db);

  async get(id: number): Promise<RoleRow> {
    const role = await rolesRepository.byId(this.db, id);
    if (!role) throw notFound('ROLE_NOT_FOUND', 'role.not_found');
    return role;
  }

  async create(actor: Actor, v: RoleInput): Promise<RoleRow> {
    if ((await rolesRepository.byKeys(this.db, [v.key])).length) throw invalidField('body.key', 'field.taken');
    return this.db.transaction(async (tx) => {
      const role = await rolesRepository.upsert(tx, { ...v, builtin: false });
      await recordAudit(tx, actor, { action: 'create', entity: 'role', entityId: role.id, after: role });
      return role;
    });
  }

  async update(actor: Actor, id: number, v: Omit<RoleInput, 'key'>): Promise<RoleRow> {
    const before = await this.get(id);
    // Built-in roles are rewritten at every start; an edit would silently come undone.
    if (before.builtin) throw new AppError('CONFLICT', 'ROLE_BUILTIN', 'role.builtin_edit');
    return this.db.transaction(async (tx) => {
      const role = await rolesRepository.upsert(tx, { ...v, key: before.key, builtin: before.builtin });
      await recordAudit(tx, actor, { action: 'update', entity: 'role', entityId: id, before, after: role });
      return role;
    }).finally(() => this.onChange());
  }

  async delete(actor: Actor, id: number): Promise<void> {
    const before = await this.get(id);
    if (before.builtin) throw new AppError('CONFLICT', 'ROLE_BUILTIN', 'role.builtin');
    await this.db.transaction(async (tx) => {
      if (await rolesRepository.inUse(tx, id)) throw new AppError('CONFLICT', 'ROLE_IN_USE', 'role.in_use');
      await rolesRepository.delete(tx, id);
      await recordAudit(tx, actor, { action: 'delete', entity: 'role', entityId: id, before });
    });
  }

  /** Creates or refreshes the built-in roles (at every start, so new permissions reach them). */
  async ensureBuiltins(db: Db = this.db): Promise<void> {
    for (const r of BUILTIN_ROLES) {
      await rolesRepository.upsert(db, { ...r, permissions: [...r.permissions], builtin: true });
    }
  }
}

export interface UserInput {
  username: string;
  displayName: string;
  email: string | null;
  orgUnitId: number;
  managerId: number | null;
  locale: string;
  roleIds: number[];
  password: string;
}

/** How far a data scope reaches, to compare a role with its grantor's. */
const SCOPE_RANK: Record<DataScope, number> = { own: 0, own_and_subordinates: 1, unit: 2, unit_and_below: 3, all: 4 };

/** Whether an org unit (null: the top level) lies inside the units the actor may manage. */
function unitInScope(actor: Actor, unitId: number | null): boolean {
  if (actor.unitScope.kind === 'all') return true;
  return unitId !== null && actor.unitScope.kind === 'units' && actor.unitScope.unitIds.includes(unitId);
}

export class UsersService {
  constructor(private readonly db: Db) {}

  /** Users the actor may see: everyone for a head-office scope, his subtree otherwise. */
  /** Staff names for pickers (owner, transfer): every active user, as colleagues see each other. */
  lookup(f: { q?: string; ids?: string; limit: number }) {
    return usersRepository.lookup(this.db, { search: f.q, ids: f.ids?.split(',').map(Number), limit: f.limit });
  }

  async list(actor: Actor, f: { search?: string; orgUnitId?: number; status?: string; limit: number; afterId?: number }) {
    const unitIds = actor.unitScope.kind === 'all' ? null : actor.unitScope.kind === 'units' ? actor.unitScope.unitIds : [];
    return (await usersRepository.list(this.db, { ...f, unitIds })).map(toUserDto);
  }

  async get(actor: Actor, id: number): Promise<UserDto> {
    const user = await usersRepository.byId(this.db, id);
    const visible = user && (actor.unitScope.kind === 'all' || (actor.unitScope.kind === 'units' && actor.unitScope.unitIds.includes(user.orgUnitId)));
    if (!visible) throw notFound('USER_NOT_FOUND', 'user.not_found');
    return toUserDto(user);
  }

  async create(actor: Actor, v: UserInput): Promise<UserDto> {
    if (!isStrongPassword(v.password)) throw invalidField('body.password', 'field.password_weak');
    await this.checkRefs(actor, v);
    if (await usersRepository.byUsername(this.db, v.username)) throw invalidField('body.username', 'field.taken');
    const passwordHash = await hashPassword(v.password);
    return this.db.transaction(async (tx) => {
      const id = await usersRepository.insert(tx, { ...v, passwordHash, mustChangePassword: true });
      await usersRepository.setRoles(tx, id, v.roleIds);
      const user = toUserDto((await usersRepository.byId(tx, id))!);
      await recordAudit(tx, actor, { action: 'create', entity: 'user', entityId: id, after: user });
      return user;
    });
  }

  async update(actor: Actor, id: number, v: Omit<UserInput, 'username' | 'password'> & { status: 'active' | 'disabled' }) {
    const before = await this.get(actor, id);
    if (id === actor.userId) {
      if (v.status === 'disabled') throw invalidField('body.status', 'user.self_disable');
      if ([...v.roleIds].sort().join() !== (await usersRepository.roleIds(this.db, id)).sort().join()) throw invalidField('body.roleIds', 'user.self_roles');
    }
    await this.checkRefs(actor, v);
    if (v.managerId === id) throw invalidField('body.managerId', 'field.invalid');
    return this.db.transaction(async (tx) => {
      await usersRepository.update(tx, id, v);
      await usersRepository.setRoles(tx, id, v.roleIds);
      if (v.status === 'disabled') await sessionsRepository.deleteForUser(tx, id);
      const after = toUserDto((await usersRepository.byId(tx, id))!);
      await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: id, before, after });
      return after;
    });
  }

  /** Admin reset: a new temporary password that must be changed at the next sign-in. */
  async resetPassword(actor: Actor, id: number, password: string): Promise<void> {
    await this.get(actor, id);
    if (!isStrongPassword(password)) throw invalidField('body.password', 'field.password_weak');
    const hash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      await usersRepository.setPassword(tx, id, hash, true);
      await sessionsRepository.deleteForUser(tx, id);
      await recordAudit(tx, actor, { action: 'password_reset', entity: 'user', entityId: id });
    });
  }

  async setLocale(actor: Actor, locale: string): Promise<void> {
    if (actor.userId === null) return;
    await usersRepository.setLocale(this.db, actor.userId, locale);
  }

  /**
   * A user manager places users inside his own subtree and gives roles no stronger than his own:
   * otherwise a branch's user manager could make himself, or a friend, a head-office admin.
   */
  private async checkRefs(actor: Actor, v: { orgUnitId: number; managerId: number | null; roleIds: number[] }) {
    if (!(await orgUnitsRepository.byId(this.db, v.orgUnitId))) throw invalidField('body.orgUnitId', 'org_unit.not_found');
    if (!unitInScope(actor, v.orgUnitId)) throw invalidField('body.orgUnitId', 'org_unit.out_of_scope');
    if (v.managerId !== null && !(await usersRepository.byId(this.db, v.managerId))) throw invalidField('body.managerId', 'user.not_found');
    for (const [i, roleId] of v.roleIds.entries()) {
      const role = await rolesRepository.byId(this.db, roleId);
      if (!role) throw invalidField(`body.roleIds.${i}`, 'role.not_found');
      const stronger = role.permissions.some((p) => !actor.permissions.has(p)) || SCOPE_RANK[role.dataScope] > SCOPE_RANK[actor.dataScope];
      if (stronger) throw invalidField(`body.roleIds.${i}`, 'role.beyond_own');
    }
  }
}

export class TokensService {
  constructor(private readonly db: Db) {}

  list = () => tokensRepository.list(this.db);

  async revoke(actor: Actor, id: number): Promise<void> {
    const before = await tokensRepository.byId(this.db, id);
    if (!before) throw notFound('TOKEN_NOT_FOUND', 'token.not_found');
    await this.db.transaction(async (tx) => {
      await tokensRepository.revoke(tx, id);
      await recordAudit(tx, actor, { action: 'revoke', entity: 'api_token', entityId: id, before });
    });
  }
}
