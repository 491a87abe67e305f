import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Holding, TransactionPage } from '../../lib/types.ts';

/** The transactions panel's filters: days (YYYY-MM-DD, China time, both included) and text. */
export interface TransactionFilter {
  from?: string;
  to?: string;
  q?: string;
}

export const holdingKeys = {
  /** Below the customer's own key, so whatever refreshes a customer refreshes these too. */
  holdings: (customerId: number) => ['customers', 'one', customerId, 'holdings'] as const,
  transactions: (customerId: number) => ['customers', 'one', customerId, 'transactions'] as const,
  filteredTransactions: (customerId: number, filter: TransactionFilter) => [...holdingKeys.transactions(customerId), filter] as const,
};

export function useHoldings(customerId: number) {
  return useQuery({
    queryKey: holdingKeys.holdings(customerId),
    queryFn: ({ signal }) => api.get<Holding[]>(`/customers/${customerId}/holdings`, undefined, signal),
  });
}

export const TRANSACTION_PAGE = 20;

/** Newest first, a page at a time by the server's cursor; the filter goes with every page. */
export function useTransactions(customerId: number, filter: TransactionFilter = {}) {
  return useInfiniteQuery({
    queryKey: holdingKeys.filteredTransactions(customerId, filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<TransactionPage>(
        `/customers/${customerId}/transactions`,
        { cursor: pageParam, limit: TRANSACTION_PAGE, from: filter.from || undefined, to: filter.to || undefined, q: filter.q || undefined },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The rows stay while a changed filter loads, so the filter inputs do not jump away.
    placeholderData: keepPreviousData,
  });
}
