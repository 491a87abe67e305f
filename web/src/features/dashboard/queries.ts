import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { CustomerDashboard } from '../../lib/types.ts';

/** Under the customers key, so saving a customer refreshes the figures too. */
export const dashboardKey = ['customers', 'dashboard'] as const;

export function useCustomerDashboard() {
  return useQuery({
    queryKey: dashboardKey,
    queryFn: ({ signal }) => api.get<CustomerDashboard>('/dashboard/customers', undefined, signal),
    staleTime: 60_000,
  });
}
