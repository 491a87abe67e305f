import type { Locale } from '#platform/i18n/index.ts';
import { memberOf } from '#platform/db/sql.ts';
import type { DataScope, FieldAccess, Permission } from '#modules/identity/permissions.ts';

/**
 * Which records an actor may see, resolved once per request from his roles:
 * everything, the records of some org units, or the records owned by some users.
 */
export type RecordScope =
  | { kind: 'all' }
  | { kind: 'units'; unitIds: number[] }
  | { kind: 'owners'; ownerIds: number[] };

/** Who is asking: a signed-in user, an API token acting as its user, or the system itself. */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  userId: number | null;
  username: string;
  displayName: string;
  orgUnitId: number | null;
  locale: Locale;
  roleKeys: string[];
  permissions: ReadonlySet<Permission>;
  dataScope: DataScope;
  scope: RecordScope;
  /** Units the actor may place records in (his subtree, or all). */
  unitScope: RecordScope;
  fieldRules: Readonly<Record<string, FieldAccess>>;
  requestId?: string;
  ip?: string;
  tokenId?: number;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/**
 * The SQL condition that limits a query on a customer-owned table to the actor's scope.
 * This is the only place such a condition is written; repositories receive the actor and call it.
 * `params` is the query's parameter list; the condition's values are appended to it.
 */
export function scopeCondition(scope: RecordScope, alias: string, params: unknown[]): string {
  switch (scope.kind) {
    case 'all':
      return 'true';
    case 'units':
      return memberOf(`${alias}.org_unit_id`, scope.unitIds, params);
    case 'owners':
      return memberOf(`${alias}.owner_id`, scope.ownerIds, params);
  }
}


/** Whether a record with this org unit and owner lies inside the scope (checks after a load). */
export function inScope(scope: RecordScope, record: { orgUnitId: number; ownerId: number | null }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'units':
      return scope.unitIds.includes(record.orgUnitId);
    case 'owners':
      return record.ownerId !== null && scope.ownerIds.includes(record.ownerId);
  }
}

/** The system actor: migrations, demo data, scheduled jobs. Never bound to a request. */
export function systemActor(permissions: ReadonlySet<Permission>): Actor {
  return {
    kind: 'system',
    userId: null,
    username: 'system',
    displayName: 'System',
    orgUnitId: null,
    locale: 'zh-CN',
    roleKeys: ['admin'],
    permissions,
    dataScope: 'all',
    scope: { kind: 'all' },
    unitScope: { kind: 'all' },
    fieldRules: {},
  };
}
