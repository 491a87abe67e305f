import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../lib/api.ts';
import type { CustomerPage } from '../../lib/types.ts';
import type { Rule } from '../tags/types.ts';
import type { AudienceCount, RefreshResult, Segment, SegmentBody, SegmentUpdateBody, SnapshotBody } from './types.ts';

export const segmentKeys = {
  all: ['segments'] as const,
  list: ['segments', 'list'] as const,
  one: (id: number) => ['segments', 'one', id] as const,
  count: (rule: string) => ['segments', 'count', rule] as const,
  /** Members come from the customer list, so whatever refreshes customers refreshes these too. */
  members: (id: number, cursor: string | undefined, limit: number) => ['customers', 'list', { segmentId: id, cursor, limit }] as const,
};

export function useSegments() {
  return useQuery({ queryKey: segmentKeys.list, queryFn: ({ signal }) => api.get<Segment[]>('/segments', undefined, signal) });
}

export function useSegment(id: number) {
  return useQuery({
    queryKey: segmentKeys.one(id),
    queryFn: ({ signal }) => api.get<Segment>(`/segments/${id}`, undefined, signal),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: false,
  });
}

/** Segments and their members change together: both lists are refreshed. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: segmentKeys.all }), queryClient.invalidateQueries({ queryKey: ['customers', 'list'] })]);
}

export function useSaveSegment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: SegmentBody | SegmentUpdateBody }) =>
      id ? api.put<Segment>(`/segments/${id}`, body) : api.post<Segment>('/segments', body),
    onSuccess: invalidate,
  });
}

export function useDeleteSegment() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => api.delete(`/segments/${id}`), onSuccess: invalidate });
}

export function useSnapshotSegment() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, body }: { id: number; body: SnapshotBody }) => api.post<Segment>(`/segments/${id}/snapshot`, body), onSuccess: invalidate });
}

export function useRefreshSegment() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => api.post<RefreshResult>(`/segments/${id}/refresh`), onSuccess: invalidate });
}

/** The live audience of a rule (as JSON, already debounced); null asks nothing. */
export function useAudienceCount(rule: string | null) {
  return useQuery({
    queryKey: segmentKeys.count(rule ?? ''),
    queryFn: ({ signal }) => request<AudienceCount>('POST', '/segments/count', { body: { rule: JSON.parse(rule!) as Rule }, signal }),
    enabled: rule !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
}

/** A page of a segment's members in the reader's scope, through the customer list. */
export function useSegmentMembers(id: number, cursor: string | undefined, limit: number) {
  return useQuery({
    queryKey: segmentKeys.members(id, cursor, limit),
    queryFn: ({ signal }) => api.get<CustomerPage>('/customers', { segmentId: id, cursor, limit, sort: 'name' }, signal),
    placeholderData: keepPreviousData,
  });
}
