import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, apiUrl, type Query } from '../../lib/api.ts';
import type { Activity, CustomField, Customer, CustomerListFilter, CustomerPage, OrgUnit, TimelinePage } from '../../lib/types.ts';

export const customerKeys = {
  all: ['customers'] as const,
  list: (query: Query) => ['customers', 'list', query] as const,
  one: (id: number) => ['customers', 'one', id] as const,
  activities: (id: number) => ['customers', 'one', id, 'activities'] as const,
  timeline: (id: number) => ['customers', 'one', id, 'timeline'] as const,
};

/** The list query string for a filter; also used for the CSV export link. */
export function listQuery(filter: CustomerListFilter): Query {
  return {
    q: filter.q?.trim() || undefined,
    kind: filter.kind,
    status: filter.status,
    orgUnitId: filter.orgUnitId,
    createdFrom: filter.createdFrom,
    createdTo: filter.createdTo,
    sort: filter.sort,
  };
}

export const exportUrl = (filter: CustomerListFilter, format: 'csv' | 'xlsx') => apiUrl(`/customers/export.${format}`, listQuery(filter));

export function useCustomerList(filter: CustomerListFilter, cursor: string | undefined, limit: number) {
  const query = { ...listQuery(filter), cursor, limit };
  return useQuery({
    queryKey: customerKeys.list(query),
    queryFn: ({ signal }) => api.get<CustomerPage>('/customers', query, signal),
    placeholderData: keepPreviousData,
  });
}

export const customerQuery = (id: number) =>
  queryOptions({ queryKey: customerKeys.one(id), queryFn: ({ signal }) => api.get<Customer>(`/customers/${id}`, undefined, signal), retry: false });

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
