import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { CustomField } from '../../lib/types.ts';
import type {
  AdjustmentRequestBody,
  AdjustmentStatus,
  AgeingBucket,
  CreditAdjustment,
  CreditAlert,
  CreditRecomputeResult,
  CustomerCredit,
  LimitBody,
  PaymentBody,
  ReceivableBody,
  Scorecard,
} from './types.ts';

export const creditKeys = {
  all: ['credit'] as const,
  scorecard: ['credit', 'scorecard'] as const,
  ageing: ['credit', 'ageing'] as const,
  alerts: ['credit', 'alerts'] as const,
  adjustments: (status: AdjustmentStatus) => ['credit', 'adjustments', status] as const,
  /** Below the customer's own key, so whatever refreshes a customer refreshes his credit too. */
  customer: (customerId: number) => ['customers', 'one', customerId, 'credit'] as const,
};

const isCustomerCredit = (key: readonly unknown[]) => key[0] === 'customers' && key[1] === 'one' && key[3] === 'credit';

/** Every credit figure on screen: after a decision, a recompute or a new scorecard. */
function refreshCredit(client: QueryClient, customerId?: number) {
  void client.invalidateQueries({ queryKey: creditKeys.all });
  if (customerId !== undefined) void client.invalidateQueries({ queryKey: creditKeys.customer(customerId) });
  else void client.invalidateQueries({ predicate: (query) => isCustomerCredit(query.queryKey) });
}

export function useCustomerCredit(customerId: number) {
  return useQuery({
    queryKey: creditKeys.customer(customerId),
    queryFn: ({ signal }) => api.get<CustomerCredit>(`/customers/${customerId}/credit`, undefined, signal),
  });
}

export function useScorecard(enabled = true) {
  return useQuery({
    queryKey: creditKeys.scorecard,
    queryFn: ({ signal }) => api.get<Scorecard>('/credit/scorecard', undefined, signal),
    staleTime: 60_000,
    enabled,
  });
}

export function useAgeing() {
  return useQuery({ queryKey: creditKeys.ageing, queryFn: ({ signal }) => api.get<AgeingBucket[]>('/credit/ageing', undefined, signal) });
}

export function useAlerts() {
  return useQuery({ queryKey: creditKeys.alerts, queryFn: ({ signal }) => api.get<CreditAlert[]>('/credit/alerts', undefined, signal) });
}

export function useAdjustments(status: AdjustmentStatus, enabled = true) {
  return useQuery({
    queryKey: creditKeys.adjustments(status),
    queryFn: ({ signal }) => api.get<CreditAdjustment[]>('/credit/adjustments', { status }, signal),
    enabled,
  });
}

/** Number custom fields, which a scorecard factor may use (e.g. monthly income). */
export function useNumberCustomFields(enabled: boolean) {
  return useQuery({
    queryKey: ['custom-fields'] as const,
    queryFn: ({ signal }) => api.get<CustomField[]>('/custom-fields', undefined, signal),
    select: (fields) => fields.filter((f) => f.entity === 'customer' && f.type === 'number'),
    staleTime: 60_000,
    enabled,
  });
}

export function useRequestAdjustment(customerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AdjustmentRequestBody) => api.post<CreditAdjustment>(`/customers/${customerId}/credit/adjustments`, body),
    onSuccess: () => refreshCredit(client, customerId),
  });
}

export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { adjustment: CreditAdjustment; approve: boolean; comment: string | null }) =>
      api.post<CreditAdjustment>(`/credit/adjustments/${input.adjustment.id}/decision`, { approve: input.approve, comment: input.comment }),
    // Also after a failure: a 409 means the list on screen is out of date.
    onSettled: (_data, _error, input) => refreshCredit(client, input.adjustment.customerId),
  });
}

export function useSetLimit(customerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LimitBody) => api.put<void>(`/customers/${customerId}/credit/limit`, body),
    onSuccess: () => refreshCredit(client, customerId),
  });
}

export function useAddReceivable(customerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReceivableBody) => api.post<{ id: number }>(`/customers/${customerId}/receivables`, body),
    onSuccess: () => refreshCredit(client, customerId),
  });
}

export function useRecordPayment(customerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { receivableId: number; body: PaymentBody }) => api.post<void>(`/customers/${customerId}/receivables/${input.receivableId}/payments`, input.body),
    // Also after a failure: a 404 means the receivable on screen is gone.
    onSettled: () => refreshCredit(client, customerId),
  });
}

export function useSaveScorecard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (card: Scorecard) => api.put<Scorecard>('/credit/scorecard', card),
    onSuccess: (saved) => client.setQueryData(creditKeys.scorecard, saved),
  });
}

export function useRecomputeCredit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CreditRecomputeResult>('/credit/recompute'),
    onSuccess: () => refreshCredit(client),
  });
}
