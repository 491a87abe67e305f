import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { CustomerPage } from '../../lib/types.ts';
import type { CustomerValue, RecomputeResult, ValueSettings, ValueSummary } from './types.ts';

export const valueKeys = {
  all: ['value'] as const,
  settings: ['value', 'settings'] as const,
  summary: ['value', 'summary'] as const,
  lastComputed: ['value', 'last-computed'] as const,
  /** Below the customer's own key, so whatever refreshes a customer refreshes his value too. */
  customer: (customerId: number) => ['customers', 'one', customerId, 'value'] as const,
};

export function useValueSettings() {
  return useQuery({ queryKey: valueKeys.settings, queryFn: ({ signal }) => api.get<ValueSettings>('/value/settings', undefined, signal) });
}

export function useValueSummary() {
  return useQuery({ queryKey: valueKeys.summary, queryFn: ({ signal }) => api.get<ValueSummary>('/value/summary', undefined, signal) });
}

export function useCustomerValue(customerId: number) {
  return useQuery({ queryKey: valueKeys.customer(customerId), queryFn: ({ signal }) => api.get<CustomerValue>(`/customers/${customerId}/value`, undefined, signal) });
}

/**
 * When the values were last computed. The summary does not say, but one statement computes every
 * customer with the same time, so the oldest customer in scope (the one most surely computed) tells.
 */
export function useLastComputed() {
  return useQuery({
    queryKey: valueKeys.lastComputed,
    queryFn: async ({ signal }) => {
      const page = await api.get<CustomerPage>('/customers', { limit: 1, sort: 'createdAt' }, signal);
      const first = page.items[0];
      if (!first) return null;
      const value = await api.get<CustomerValue>(`/customers/${first.id}/value`, undefined, signal);
      return value.current?.computedAt ?? null;
    },
  });
}

/** Every value figure on screen, after a recompute. */
function refreshValues(client: QueryClient) {
  void client.invalidateQueries({ queryKey: valueKeys.all });
  void client.invalidateQueries({ predicate: (query) => query.queryKey[0] === 'customers' && query.queryKey[1] === 'one' && query.queryKey[3] === 'value' });
}

export function useRecompute() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RecomputeResult>('/value/recompute'),
    onSuccess: () => refreshValues(client),
  });
}

export function useSaveValueSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: ValueSettings) => api.put<ValueSettings>('/value/settings', settings),
    onSuccess: (saved) => client.setQueryData(valueKeys.settings, saved),
  });
}
