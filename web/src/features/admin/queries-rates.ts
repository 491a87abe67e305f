import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { ME_KEY } from '../../app/auth.tsx';
import type { ApiAnswer, ApiBody } from '../../lib/api-contract.ts';

export interface ExchangeRate {
  currency: string;
  /** Yuan for one unit, as an exact decimal string. */
  rate: string;
  base: boolean;
  /** Null for the base currency. */
  updatedAt: string | null;
  updatedByName: string | null;
}

/** A currency amounts are kept in with no rate: they are left out of every total. */
export interface CurrencyWithoutRate {
  currency: string;
  holdings: number;
  transactions: number;
  receivables: number;
  creditLimits: number;
  /** Customers with an amount in it. */
  customers: number;
  /** Up to three of them, in the reader's scope. */
  examples: { id: number; code: string; name: string }[];
}

export interface ExchangeRates {
  base: string;
  rates: ExchangeRate[];
  missing: CurrencyWithoutRate[];
}

// Compile-time proof that these shapes match the server's OpenAPI document (as lib/api-contract.ts does).
type Fits<Server, Client> = [Server] extends [never] ? false : [Server] extends [Client] ? true : false;
type Check<T extends true> = T;
export type ExchangeRatesContract = [
  Check<Fits<ApiAnswer<'/api/v1/exchange-rates', 'get'>, ExchangeRates>>,
  Check<Fits<ApiAnswer<'/api/v1/exchange-rates/{currency}', 'put'>, ExchangeRate>>,
  Check<Fits<{ rate: string }, ApiBody<'/api/v1/exchange-rates/{currency}', 'put'>>>,
];

const key = ['exchange-rates'] as const;

export function useExchangeRates(enabled = true) {
  return useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<ExchangeRates>('/exchange-rates', undefined, signal), enabled });
}

/** Credit, tags and segments are recomputed on the server after a change: their pages are read again. */
function useAfterChange() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
}

export function useSetExchangeRate() {
  const afterChange = useAfterChange();
  return useMutation({
    mutationFn: ({ currency, rate }: { currency: string; rate: string }) => api.put<ExchangeRate>(`/exchange-rates/${encodeURIComponent(currency)}`, { rate }),
    onSuccess: afterChange,
  });
}

export function useRemoveExchangeRate() {
  const afterChange = useAfterChange();
  return useMutation({
    mutationFn: (currency: string) => api.delete(`/exchange-rates/${encodeURIComponent(currency)}`),
    onSuccess: afterChange,
  });
}
