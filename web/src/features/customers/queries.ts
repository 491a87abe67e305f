import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, apiUrl, type Query } from '../../lib/api.ts';
import type {
  Activity,
  CustomField,
  Customer,
  CustomerListFilter,
  CustomerMerge,
  CustomerPage,
  OrgUnit,
  Region,
  SavedView,
  TimelinePage,
  UserLookup,
} from '../../lib/types.ts';

/** The list's filter: the common one plus owner, custom fields (custom.<key>=value) and the deleted toggle. */
export interface ListFilter extends CustomerListFilter {
  ownerId?: number;
  /** Customers who have a tag, or the members of a segment (links from those pages). */
  tagId?: number;
  segmentId?: number;
  custom?: Record<string, string>;
  deleted?: boolean;
}

export const customerKeys = {
  all: ['customers'] as const,
  list: (query: Query) => ['customers', 'list', query] as const,
  one: (id: number) => ['customers', 'one', id] as const,
  activities: (id: number) => ['customers', 'one', id, 'activities'] as const,
  timeline: (id: number) => ['customers', 'one', id, 'timeline'] as const,
  merges: (id: number) => ['customers', 'one', id, 'merges'] as const,
  search: (q: string) => ['customers', 'pick', q] as const,
};

export const savedViewKeys = { page: (page: string) => ['saved-views', page] as const };

/** The list query string for a filter; also used for the CSV export link. */
export function listQuery(filter: ListFilter): Query {
  const query: Query = {
    q: filter.q?.trim() || undefined,
    kind: filter.kind,
    status: filter.status,
    orgUnitId: filter.orgUnitId,
    ownerId: filter.ownerId,
    createdFrom: filter.createdFrom,
    createdTo: filter.createdTo,
    tagId: filter.tagId,
    segmentId: filter.segmentId,
    deleted: filter.deleted ? 'true' : undefined,
    sort: filter.sort,
  };
  for (const [key, value] of Object.entries(filter.custom ?? {}).sort(([a], [b]) => a.localeCompare(b))) query[`custom.${key}`] = value;
  return query;
}

export const exportUrl = (filter: ListFilter, format: 'csv' | 'xlsx') => apiUrl(`/customers/export.${format}`, listQuery(filter));

export function useCustomerList(filter: ListFilter, cursor: string | undefined, limit: number) {
  const query = { ...listQuery(filter), cursor, limit };
  return useQuery({
    queryKey: customerKeys.list(query),
    queryFn: ({ signal }) => api.get<CustomerPage>('/customers', query, signal),
    placeholderData: keepPreviousData,
  });
}

export const customerQuery = (id: number) =>
  queryOptions({ queryKey: customerKeys.one(id), // Deleted customers come too for users who may restore them (the server ignores it for others).
  queryFn: ({ signal }) => api.get<Customer>(`/customers/${id}`, { includeDeleted: 'true' }, signal), retry: false });

export function useCustomer(id: number) {
  return useQuery({ ...customerQuery(id), enabled: Number.isSafeInteger(id) && id > 0 });
}

export function useActivities(id: number) {
  return useQuery({ queryKey: customerKeys.activities(id), queryFn: ({ signal }) => api.get<Activity[]>(`/customers/${id}/activities`, undefined, signal) });
}

const TIMELINE_PAGE = 20;
export function useTimeline(id: number) {
  return useInfiniteQuery({
    queryKey: customerKeys.timeline(id),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<TimelinePage>(`/customers/${id}/timeline`, { cursor: pageParam, limit: TIMELINE_PAGE }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOrgUnits() {
  return useQuery({ queryKey: ['org-units'], queryFn: ({ signal }) => api.get<OrgUnit[]>('/org-units', undefined, signal), staleTime: 10 * 60_000 });
}

export function useCustomFields() {
  return useQuery({
    queryKey: ['custom-fields'],
    queryFn: ({ signal }) => api.get<CustomField[]>('/custom-fields', undefined, signal),
    staleTime: 10 * 60_000,
    select: (fields) => fields.filter((f) => f.entity === 'customer' && f.active).sort((a, b) => a.position - b.position),
  });
}

export function useMerges(id: number) {
  return useQuery({ queryKey: customerKeys.merges(id), queryFn: ({ signal }) => api.get<CustomerMerge[]>(`/customers/${id}/merges`, undefined, signal) });
}

/** Active staff by part of a name or username (the owner pickers). */
export function useUserLookup(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'lookup', q],
    queryFn: ({ signal }) => api.get<UserLookup[]>('/users/lookup', { q: q.trim() || undefined, limit: 20 }, signal),
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** Users by id, to name an owner or actor that is already chosen or recorded. */
export function useUsersById(ids: number[]) {
  const key = [...new Set(ids)].sort((a, b) => a - b);
  return useQuery({
    queryKey: ['users', 'lookup', 'ids', key],
    queryFn: ({ signal }) => api.get<UserLookup[]>('/users/lookup', { ids: key.join(','), limit: Math.min(50, key.length) }, signal),
    enabled: key.length > 0,
    staleTime: 5 * 60_000,
  });
}

export function useSavedViews(page: string) {
  return useQuery({
    queryKey: savedViewKeys.page(page),
    queryFn: ({ signal }) => api.get<SavedView[]>('/saved-views', { page }, signal),
    staleTime: 5 * 60_000,
  });
}

/** Divisions below a code (none: the provinces); they do not change while the app runs. */
export function useRegions(parent: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['regions', 'children', enabled ? parent || 'provinces' : 'none'],
    queryFn: ({ signal }) => api.get<Region[]>('/regions', { parent: parent || undefined }, signal),
    enabled,
    staleTime: Infinity,
    gcTime: 30 * 60_000,
  });
}

export function useRegionPath(code: string | null | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['regions', 'path', code],
    queryFn: ({ signal }) => api.get<{ code: string; name: string; nameEn: string }[]>(`/regions/${code}/path`, undefined, signal),
    enabled: enabled && Boolean(code),
    staleTime: Infinity,
  });
}

/** Customers by search text, for pickers (the merge source). */
export function useCustomerSearch(q: string, enabled: boolean) {
  const text = q.trim();
  return useQuery({
    queryKey: customerKeys.search(text),
    queryFn: ({ signal }) => api.get<CustomerPage>('/customers', { q: text || undefined, limit: 10 }, signal),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/**
 * Customers deleted from their 360 page in this session: the server no longer returns a deleted
 * customer by id, so the page keeps what it showed to offer the restore.
 */
export const recentlyDeleted = new Map<number, Customer>();
