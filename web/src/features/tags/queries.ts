import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../lib/api.ts';
import type {
  AssignResult,
  CustomerTags,
  RecomputeResult,
  Rule,
  RulePreview,
  Tag,
  TagBody,
  TagCategory,
  TagCategoryBody,
  TagMembersPage,
} from './types.ts';

export const tagKeys = {
  all: ['tags'] as const,
  list: ['tags', 'list'] as const,
  one: (id: number) => ['tags', 'one', id] as const,
  members: (id: number) => ['tags', 'one', id, 'members'] as const,
  preview: (rule: string) => ['tags', 'preview', rule] as const,
  categories: ['tag-categories'] as const,
  /** Below the customer's own key, so whatever refreshes a customer refreshes these too. */
  customer: (customerId: number) => ['customers', 'one', customerId, 'tags'] as const,
  timeline: (customerId: number) => ['customers', 'one', customerId, 'timeline'] as const,
};

/**
 * The whole catalogue, inactive tags included: a bank's 1,200 tags are a few hundred kilobytes,
 * and one cached list serves the catalogue's filters and every tag picker at once.
 */
export function useTags(enabled = true) {
  return useQuery({
    queryKey: tagKeys.list,
    queryFn: ({ signal }) => api.get<Tag[]>('/tags', { includeInactive: 'true' }, signal),
    staleTime: 60_000,
    enabled,
  });
}

export function useTag(id: number) {
  return useQuery({
    queryKey: tagKeys.one(id),
    queryFn: ({ signal }) => api.get<Tag>(`/tags/${id}`, undefined, signal),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: false,
  });
}

export function useTagCategories() {
  return useQuery({
    queryKey: tagKeys.categories,
    queryFn: ({ signal }) => api.get<TagCategory[]>('/tag-categories', undefined, signal),
    staleTime: 60_000,
  });
}

function useInvalidateCatalogue() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: tagKeys.all }), queryClient.invalidateQueries({ queryKey: tagKeys.categories })]);
}

export function useSaveCategory() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: TagCategoryBody }) =>
      id ? api.put<TagCategory>(`/tag-categories/${id}`, body) : api.post<TagCategory>('/tag-categories', body),
    onSuccess: invalidate,
  });
}

export function useDeleteCategory() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({ mutationFn: (id: number) => api.delete(`/tag-categories/${id}`), onSuccess: invalidate });
}

export function useSaveTag() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: TagBody }) => (id ? api.put<Tag>(`/tags/${id}`, body) : api.post<Tag>('/tags', body)),
    onSuccess: invalidate,
  });
}

/** One rule tag now, or every rule tag when no id is given. */
export function useRecompute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number | null) => api.post<RecomputeResult>(id ? `/tags/${id}/recompute` : '/tags/recompute'),
    // Members change; so may any customer's tags and history.
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: tagKeys.all }), queryClient.invalidateQueries({ queryKey: ['customers', 'one'] })]),
  });
}

/** How many customers a rule matches now. `rule` is the rule as JSON, already debounced; null asks nothing. */
export function useRulePreview(rule: string | null) {
  return useQuery({
    queryKey: tagKeys.preview(rule ?? ''),
    queryFn: ({ signal }) => request<RulePreview>('POST', '/tags/preview', { body: { rule: JSON.parse(rule!) as Rule }, signal }),
    enabled: rule !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
}

export const MEMBER_PAGE = 50;

export function useTagMembers(id: number) {
  return useInfiniteQuery({
    queryKey: tagKeys.members(id),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) => api.get<TagMembersPage>(`/tags/${id}/members`, { after: pageParam, limit: MEMBER_PAGE }, signal),
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** Sets or takes off a manual or imported tag for customers given by code or id. */
export function useAssignMembers(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ change, codes, customerIds }: { change: 'add' | 'remove'; codes?: string[]; customerIds?: number[] }) =>
      api.post<AssignResult>(change === 'add' ? `/tags/${id}/members` : `/tags/${id}/members/remove`, { codes, customerIds }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: tagKeys.all }), queryClient.invalidateQueries({ queryKey: ['customers', 'one'] })]),
  });
}

export function useCustomerTags(customerId: number) {
  return useQuery({
    queryKey: tagKeys.customer(customerId),
    queryFn: ({ signal }) => api.get<CustomerTags>(`/customers/${customerId}/tags`, undefined, signal),
  });
}

export function useSetCustomerTag(customerId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tagId, on }: { tagId: number; on: boolean }) =>
      on ? api.put<AssignResult>(`/customers/${customerId}/tags/${tagId}`) : api.delete<AssignResult>(`/customers/${customerId}/tags/${tagId}`),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: tagKeys.customer(customerId) }),
        queryClient.invalidateQueries({ queryKey: tagKeys.timeline(customerId) }),
        queryClient.invalidateQueries({ queryKey: tagKeys.all }),
      ]),
  });
}
