import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { CustomField, Locale, OrgUnit, Role, User } from '../../lib/types.ts';
import { ME_KEY } from '../../app/auth.tsx';
import type { DataScope, FieldAccess, OrgUnitKind } from './access/model.ts';

export { useOrgUnits } from '../customers/queries.ts';

export const adminKeys = {
  users: ['users'] as const,
  userList: (search: string) => ['users', 'list', search] as const,
  roles: ['roles'] as const,
  permissions: ['permissions'] as const,
  /** Shared with the customer pages, which read the same tree. */
  orgUnits: ['org-units'] as const,
  customFields: ['custom-fields'] as const,
};

const USER_PAGE = 500;
const USER_PAGES_MAX = 20;

export interface UserList {
  users: User[];
  /** False when there were more users than the page reads (USER_PAGE × USER_PAGES_MAX). */
  complete: boolean;
}

/**
 * Every user the signed-in user may see that matches the search, read with the API's keyset
 * paging (up to 500 a request). The list filters by org unit, role and status on this side, as
 * GET /users filters only by name.
 */
async function fetchUsers(search: string, signal?: AbortSignal): Promise<UserList> {
  const users: User[] = [];
  let afterId: number | undefined;
  for (let page = 0; page < USER_PAGES_MAX; page++) {
    const batch = await api.get<User[]>('/users', { search: search || undefined, limit: USER_PAGE, afterId }, signal);
    users.push(...batch);
    if (batch.length < USER_PAGE) return { users, complete: true };
    afterId = batch[batch.length - 1]!.id;
  }
  return { users, complete: false };
}

export function useUsers(search = '', enabled = true) {
  return useQuery({
    queryKey: adminKeys.userList(search),
    queryFn: ({ signal }) => fetchUsers(search, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRoles() {
  return useQuery({ queryKey: adminKeys.roles, queryFn: ({ signal }) => api.get<Role[]>('/roles', undefined, signal) });
}

export function usePermissionList() {
  return useQuery({ queryKey: adminKeys.permissions, queryFn: ({ signal }) => api.get<string[]>('/permissions', undefined, signal), staleTime: Infinity });
}

/** Custom fields of customers, inactive ones included (a role may still carry rules for them). */
export function useCustomerFields() {
  return useQuery({
    queryKey: adminKeys.customFields,
    queryFn: ({ signal }) => api.get<CustomField[]>('/custom-fields', undefined, signal),
    staleTime: 10 * 60_000,
    select: (fields) => fields.filter((f) => f.entity === 'customer').sort((a, b) => a.position - b.position),
  });
}

// ---- changes ----

export interface UserFields {
  displayName: string;
  email: string | null;
  orgUnitId: number;
  managerId: number | null;
  locale: Locale;
  roleIds: number[];
}
export type UserCreateInput = UserFields & { username: string; password: string };
export type UserUpdateInput = UserFields & { status: 'active' | 'disabled' };

export interface RoleFields {
  nameZh: string;
  nameEn: string;
  permissions: string[];
  dataScope: DataScope;
  fieldRules: Record<string, FieldAccess>;
}
export type RoleCreateInput = RoleFields & { key: string };

export interface OrgUnitCreateInput {
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string | null;
  kind: OrgUnitKind;
}
export type OrgUnitPatch = Partial<Omit<OrgUnitCreateInput, 'parentId'>> & { parentId?: number };

/** The signed-in user's own record, rights and unit come with /auth/me: refreshed after changes that may touch them. */
const refreshMe = (client: QueryClient) => client.invalidateQueries({ queryKey: ME_KEY });

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UserCreateInput) => api.post<User>('/users', input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: UserUpdateInput }) => api.put<User>(`/users/${id}`, input),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: adminKeys.users }), refreshMe(client)]),
  });
}

export function useResetPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) => api.post<void>(`/users/${id}/password-reset`, { password }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

export function useSaveRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: RoleCreateInput }) => {
      if (id === null) return api.post<Role>('/roles', input);
      const { key: _key, ...fields } = input;
      return api.put<Role>(`/roles/${id}`, fields);
    },
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: adminKeys.roles }), refreshMe(client)]),
  });
}

export function useDeleteRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/roles/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.roles }),
  });
}

/** Org-unit names show in customer lists and in the user menu as well; a move changes who sees which users. */
const refreshOrgUnits = (client: QueryClient) =>
  Promise.all([
    client.invalidateQueries({ queryKey: adminKeys.orgUnits }),
    client.invalidateQueries({ queryKey: adminKeys.users }),
    client.invalidateQueries({ queryKey: ['customers'] }),
    refreshMe(client),
  ]);

export function useCreateOrgUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: OrgUnitCreateInput) => api.post<OrgUnit>('/org-units', input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.orgUnits }),
  });
}

export function useUpdateOrgUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: OrgUnitPatch }) => api.patch<OrgUnit>(`/org-units/${id}`, patch),
    onSuccess: () => refreshOrgUnits(client),
  });
}

export function useDeleteOrgUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/org-units/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.orgUnits }),
  });
}
