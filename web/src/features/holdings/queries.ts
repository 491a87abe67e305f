import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Holding, TransactionPage } from '../../lib/types.ts';

export const holdingKeys = {
  /** Below the customer's own key, so whatever refreshes a customer refreshes these too. */
  holdings: (customerId: number) => ['customers', 'one', customerId, 'holdings'] as const,
  transactions: (customerId: number) => ['customers', 'one', customerId, 'transactions'] as const,
};

export function useHoldings(customerId: number) {
  return useQuery({
    queryKey: holdingKeys.holdings(customerId),
    queryFn: ({ signal }) => api.get<Holding[]>(`/customers/${customerId}/holdings`, undefined, signal),
  });
}

export const TRANSACTION_PAGE = 20;

/** Newest first, a page at a time by the server's cursor. */
export function useTransactions(customerId: number) {
  return useInfiniteQuery({
    queryKey: holdingKeys.transactions(customerId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<TransactionPage>(`/customers/${customerId}/transactions`, { cursor: pageParam, limit: TRANSACTION_PAGE }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
