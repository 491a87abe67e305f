import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { TicketCategory } from '../kb/types.ts';
import type { CheckProblem, Priority, ProcessBody, ProcessDetail } from './types.ts';

export { useProcessList } from '../service-reports/queries.ts';
export { useTicketCategories } from '../kb/queries.ts';

export function useProcess(key: string) {
  return useQuery({ queryKey: ['process', 'definition', key], queryFn: ({ signal }) => api.get<ProcessDetail>(`/process/definitions/${key}`, undefined, signal), retry: false });
}

export function useSaveProcess(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProcessBody) => api.put<ProcessDetail>(`/process/definitions/${key}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['process'] }),
  });
}

export function useCheckProcess() {
  return useMutation({ mutationFn: (body: ProcessBody) => api.post<{ problems: CheckProblem[] }>('/process/definitions/check', body) });
}

export function useSla() {
  return useQuery({ queryKey: ['tickets', 'sla'], queryFn: ({ signal }) => api.get<Record<Priority, number>>('/tickets/sla', undefined, signal) });
}

export function useSaveSla() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: Record<Priority, number>) => api.put<Record<Priority, number>>('/tickets/sla', body), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tickets', 'sla'] }) });
}

export interface CategoryBody {
  code: string;
  nameZh: string;
  nameEn: string;
  parentId: number | null;
  active: boolean;
}

export function useSaveCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: CategoryBody }) => (id ? api.put<Pick<TicketCategory, 'id'>>(`/tickets/categories/${id}`, body) : api.post<Pick<TicketCategory, 'id'>>('/tickets/categories', body)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tickets', 'categories'] }),
  });
}
