import type { OrgUnit, Role, User } from '../../../lib/types.ts';

/** How far a role sees customers, narrowest first (as the server ranks them). */
export const DATA_SCOPES = ['own', 'own_and_subordinates', 'unit', 'unit_and_below', 'all'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

/** Access to a protected field, most open first; 'edit' is what a field without a rule gets. */
export const FIELD_ACCESS = ['edit', 'read', 'masked_in_lists', 'masked', 'hidden'] as const;
export type FieldAccess = (typeof FIELD_ACCESS)[number];

/** Customer fields a role can restrict; custom fields are addressed as `custom.<key>`. */
export const PROTECTED_FIELDS = ['idNumber', 'mobile', 'phone', 'email', 'birthDate', 'address'] as const;

export const ORG_UNIT_KINDS = ['head_office', 'province', 'city', 'branch', 'sub_branch', 'department'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const ROLE_KEY = /^[a-z][a-z0-9_]{1,40}$/;
export const USERNAME = /^[A-Za-z0-9_.-]{2,50}$/;
export const ORG_UNIT_CODE = /^[A-Za-z0-9_-]{1,40}$/;

export const isDataScope = (value: string): value is DataScope => (DATA_SCOPES as readonly string[]).includes(value);
export const isOrgUnitKind = (value: string): value is OrgUnitKind => (ORG_UNIT_KINDS as readonly string[]).includes(value);

export function roleName(role: Pick<Role, 'nameZh' | 'nameEn'>, locale: string): string {
  return locale === 'en' ? role.nameEn || role.nameZh : role.nameZh || role.nameEn;
}

/** Permissions by what they act on (`customer:read` → customer), in the server's order. */
export function groupPermissions(permissions: readonly string[]): { group: string; permissions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const permission of permissions) {
    const group = permission.split(':')[0] ?? permission;
    groups.set(group, [...(groups.get(group) ?? []), permission]);
  }
  return [...groups].map(([group, list]) => ({ group, permissions: list }));
}

/** Catalogue path of a permission's label: `customer:merge_undo` → customer.merge_undo (i18next reads ':' as a namespace). */
export const permissionPath = (permission: string) => permission.replace(':', '.');

/** Locked out after too many failed sign-ins, until lockedUntil. */
export const isLocked = (user: Pick<User, 'lockedUntil'>, now = Date.now()) => user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;

/** The unit and every unit below it, by path (`/1/4/` is below `/1/`). */
export function subtreeIds(units: readonly OrgUnit[], id: number): Set<number> {
  const root = units.find((u) => u.id === id);
  if (!root) return new Set([id]);
  return new Set(units.filter((u) => u.path.startsWith(root.path)).map((u) => u.id));
}

/** The unit's ancestors from the root down, itself last. */
export function unitTrail(units: readonly OrgUnit[], id: number): OrgUnit[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const trail: OrgUnit[] = [];
  for (let unit = byId.get(id); unit && trail.length <= units.length; unit = unit.parentId === null ? undefined : byId.get(unit.parentId)) trail.unshift(unit);
  return trail;
}

const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/**
 * A temporary password that meets the server's rule (10+ characters with letters and digits),
 * without look-alike characters, so it can be read out over the phone.
 */
export function temporaryPassword(length = 12): string {
  const alphabet = LETTERS + DIGITS;
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint32Array(length));
    const password = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
    if (/[A-Za-z]/.test(password) && /\d/.test(password)) return password;
  }
}
