import { z } from 'zod';
import { idBody, idParam } from '#platform/http/schemas.ts';
import { DATA_SCOPES, FIELD_ACCESS, PERMISSIONS } from './permissions.ts';

export const IdParams = z.strictObject({ id: idParam });
const id = idBody;
const name = (max: number) => z.string().trim().min(1).max(max);

export const LoginBody = z.strictObject({ username: name(100), password: z.string().min(1).max(200) });
export const PasswordChangeBody = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) });
export const LocaleBody = z.strictObject({ locale: z.enum(['zh-CN', 'en']) });

export const OrgUnitDto = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    kind: z.string(),
    path: z.string(),
    depth: z.number(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'OrgUnit' });
export const OrgUnitCreateBody = z.strictObject({
  parentId: id.nullable(),
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/),
  nameZh: name(100),
  nameEn: z.string().trim().max(100).nullable().default(null),
  kind: z.enum(['head_office', 'province', 'city', 'branch', 'sub_branch', 'department']).default('branch'),
});
/** Only the fields sent change; parentId moves the unit with its subtree. */
export const OrgUnitUpdateBody = z.strictObject({
  parentId: id.optional().describe('Set to move the unit with its whole subtree'),
  code: OrgUnitCreateBody.shape.code.optional(),
  nameZh: name(100).optional(),
  nameEn: z.string().trim().max(100).nullable().optional(),
  kind: z.enum(['head_office', 'province', 'city', 'branch', 'sub_branch', 'department']).optional(),
});

export const RoleDto = z
  .object({
    id: z.number(),
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    builtin: z.boolean(),
    permissions: z.array(z.string()),
    dataScope: z.enum(DATA_SCOPES),
    fieldRules: z.record(z.string(), z.enum(FIELD_ACCESS)),
  })
  .meta({ id: 'Role' });
const roleFields = {
  nameZh: name(100),
  nameEn: name(100),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
  dataScope: z.enum(DATA_SCOPES),
  fieldRules: z.record(z.string().regex(/^(idNumber|mobile|phone|email|birthDate|address|custom\.[a-z][a-z0-9_]{0,62})$/), z.enum(FIELD_ACCESS)).default({}),
};
export const RoleCreateBody = z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/), ...roleFields });
export const RoleUpdateBody = z.strictObject(roleFields);

export const UserDto = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    orgUnitId: z.number(),
    managerId: z.number().nullable(),
    locale: z.string(),
    status: z.string(),
    lockedUntil: z.date().nullable(),
    mustChangePassword: z.boolean(),
    roleKeys: z.array(z.string()),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'User' });
const userFields = {
  displayName: name(100),
  email: z.email().max(200).nullable().default(null),
  orgUnitId: id,
  managerId: id.nullable().default(null),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  roleIds: z.array(id).max(20).default([]),
};
export const UserCreateBody = z.strictObject({
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{2,50}$/),
  password: z.string().min(1).max(200),
  ...userFields,
});
export const UserUpdateBody = z.strictObject({ ...userFields, status: z.enum(['active', 'disabled']).default('active') });
export const UserListQuery = z.strictObject({
  search: z.string().trim().max(100).optional(),
  orgUnitId: idParam.optional().describe('Users of this unit and every unit below it'),
  status: z.enum(['active', 'disabled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  afterId: idParam.optional(),
});
export const UserLookupQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Part of a name or username'),
  ids: z
    .string()
    .regex(/^\d+(,\d+){0,49}$/)
    .optional()
    .describe('Comma-separated user ids, to show the names of users already chosen'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const UserLookupDto = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.number(),
  orgUnitNameZh: z.string(),
  orgUnitNameEn: z.string().nullable(),
});
export const PasswordResetBody = z.strictObject({ password: z.string().min(1).max(200) });

export const TokenDto = z
  .object({
    id: z.number(),
    name: z.string(),
    userId: z.number(),
    prefix: z.string(),
    createdBy: z.number().nullable(),
    createdAt: z.date(),
    expiresAt: z.date().nullable(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  })
  .meta({ id: 'ApiToken' });
export const TokenCreateBody = z.strictObject({
  name: name(100),
  userId: id.describe('The token acts as this user, with his roles and scope'),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const MeDto = z.object({
  user: UserDto,
  roles: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string() })),
  orgUnit: OrgUnitDto.nullable(),
  permissions: z.array(z.string()),
  dataScope: z.string(),
  fieldRules: z.record(z.string(), z.string()),
  csrfToken: z.string().nullable(),
  locale: z.string(),
});
