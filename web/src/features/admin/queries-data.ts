import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../lib/api.ts';
import type { ApiToken, AuditEntry, AuditFilter, CreatedApiToken, CustomField } from '../../lib/types.ts';

export const dataKeys = {
  /** Shared with the customer form, so a saved definition shows there at once. */
  customFields: ['custom-fields'] as const,
  tokens: ['api-tokens'] as const,
  audit: (query: Query) => ['audit', query] as const,
};

// ---- custom fields ----

export type CustomFieldType = CustomField['type'];
export interface CustomFieldBody {
  labelZh: string;
  labelEn: string;
  descriptionZh: string | null;
  descriptionEn: string | null;
  required: boolean;
  options: CustomField['options'];
  position: number;
  active: boolean;
}
export interface CustomFieldCreateBody extends CustomFieldBody {
  entity: 'customer';
  key: string;
  type: CustomFieldType;
}

/** Every definition, inactive ones too, in the order the form shows them. */
export function useCustomFieldDefinitions() {
  return useQuery({
    queryKey: dataKeys.customFields,
    queryFn: ({ signal }) => api.get<CustomField[]>('/custom-fields', undefined, signal),
    select: (fields) => fields.filter((f) => f.entity === 'customer'),
  });
}

export function useSaveCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; body: CustomFieldBody } | { id?: undefined; body: CustomFieldCreateBody }) =>
      input.id === undefined ? api.post<CustomField>('/custom-fields', input.body) : api.put<CustomField>(`/custom-fields/${input.id}`, input.body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dataKeys.customFields }),
  });
}

// ---- API tokens ----

export function useApiTokens() {
  return useQuery({ queryKey: dataKeys.tokens, queryFn: ({ signal }) => api.get<ApiToken[]>('/api-tokens', undefined, signal) });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; userId: number; expiresAt: string | null }) => api.post<CreatedApiToken>('/api-tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dataKeys.tokens }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api-tokens/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dataKeys.tokens }),
  });
}

// ---- audit log ----

export const AUDIT_PAGE = 50;

/** A local day (YYYY-MM-DD) as the instant it starts, shifted by `days`. */
function dayStart(day: string, days = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).toISOString();
}

export function auditQuery(filter: AuditFilter): Query {
  return {
    entity: filter.entity,
    entityId: filter.entityId?.trim() || undefined,
    actorId: filter.actorId,
    action: filter.action,
    from: filter.from ? dayStart(filter.from) : undefined,
    // The server's `to` is exclusive: the whole last day is included.
    to: filter.to ? dayStart(filter.to, 1) : undefined,
  };
}

/** Newest first, AUDIT_PAGE entries at a time, older pages by `beforeId`. */
export function useAuditLog(filter: AuditFilter) {
  const query = auditQuery(filter);
  return useInfiniteQuery({
    queryKey: dataKeys.audit(query),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) => api.get<AuditEntry[]>('/audit', { ...query, beforeId: pageParam, limit: AUDIT_PAGE }, signal),
    getNextPageParam: (last) => (last.length === AUDIT_PAGE ? last[last.length - 1]!.id : undefined),
    placeholderData: keepPreviousData,
  });
}
