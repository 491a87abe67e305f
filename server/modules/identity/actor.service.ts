import type { Queryable } from '#platform/db/db.ts';
import type { Actor, RecordScope } from '#platform/auth/actor.ts';
import { isLocale } from '#platform/i18n/index.ts';
import { orgUnitsRepository, rolesRepository, usersRepository, type UserRow } from './identity.repository.ts';
import { DATA_SCOPES, FIELD_ACCESS, type DataScope, type FieldAccess, type Permission } from './permissions.ts';

// Broader scopes rank higher; a user with several roles gets the broadest.
const SCOPE_RANK: Record<DataScope, number> = { own: 0, own_and_subordinates: 1, unit: 2, unit_and_below: 3, all: 4 };
// For field rules the most permissive of a user's roles wins.
const FIELD_RANK: Record<FieldAccess, number> = { hidden: 0, masked: 1, masked_in_lists: 2, read: 3, edit: 4 };

/** Builds the actor of a user: permissions, data scope and field rules from all his roles. */
export async function loadActor(q: Queryable, user: UserRow, kind: 'user' | 'token' = 'user'): Promise<Actor> {
  const roles = await rolesRepository.byKeys(q, user.roleKeys);
  const permissions = new Set<Permission>(roles.flatMap((r) => r.permissions));
  const dataScope = roles.reduce<DataScope>(
    (best, r) => (SCOPE_RANK[r.dataScope] > SCOPE_RANK[best] ? r.dataScope : best),
    DATA_SCOPES[0],
  );
  const fieldRules = mergeFieldRules(roles.map((r) => r.fieldRules));
  const subtree = dataScope === 'all' ? [] : await orgUnitsRepository.subtreeIds(q, user.orgUnitId);
  const unitScope: RecordScope = dataScope === 'all' ? { kind: 'all' } : { kind: 'units', unitIds: subtree };
  return {
    kind,
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    orgUnitId: user.orgUnitId,
    locale: isLocale(user.locale) ? user.locale : 'zh-CN',
    roleKeys: user.roleKeys,
    permissions,
    dataScope,
    scope: await recordScope(q, user, dataScope, subtree),
    unitScope,
    fieldRules,
  };
}

async function recordScope(q: Queryable, user: UserRow, dataScope: DataScope, subtree: number[]): Promise<RecordScope> {
  switch (dataScope) {
    case 'all':
      return { kind: 'all' };
    case 'unit_and_below':
      return { kind: 'units', unitIds: subtree };
    case 'unit':
      return { kind: 'units', unitIds: [user.orgUnitId] };
    case 'own_and_subordinates':
      return { kind: 'owners', ownerIds: await usersRepository.subordinateIds(q, user.id) };
    case 'own':
      return { kind: 'owners', ownerIds: [user.id] };
  }
}

/** Unlisted fields are fully editable for a role, so a field is restricted only if every role restricts it. */
function mergeFieldRules(all: Record<string, FieldAccess>[]): Record<string, FieldAccess> {
  if (all.length === 0) return {};
  const fields = new Set(all.flatMap((r) => Object.keys(r)));
  const merged: Record<string, FieldAccess> = {};
  for (const field of fields) {
    const best = all
      .map((r) => r[field] ?? 'edit')
      .filter((a): a is FieldAccess => (FIELD_ACCESS as readonly string[]).includes(a))
      .reduce((a, b) => (FIELD_RANK[b] > FIELD_RANK[a] ? b : a), 'hidden' as FieldAccess);
    if (best !== 'edit') merged[field] = best;
  }
  return merged;
}
