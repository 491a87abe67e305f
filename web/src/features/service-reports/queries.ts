import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ApiError, apiUrl, type Problem } from '../../lib/api.ts';
import type { ProcessSummary, ReportQuery, StageReport, TicketReport } from './types.ts';

export function useTicketReport(query: ReportQuery) {
  return useQuery({
    queryKey: ['tickets', 'report', query],
    queryFn: ({ signal }) => api.get<TicketReport>('/tickets/report', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProcessList() {
  return useQuery({ queryKey: ['process', 'definitions'], queryFn: ({ signal }) => api.get<ProcessSummary[]>('/process/definitions', undefined, signal) });
}

export function useStageReport(key: string | null, riskHours: number, since: string | null) {
  return useQuery({
    queryKey: ['process', 'stage-report', key, riskHours, since],
    queryFn: ({ signal }) => api.get<StageReport>(`/process/definitions/${key}/stage-report`, { riskHours, since }, signal),
    enabled: key !== null,
    placeholderData: keepPreviousData,
  });
}

/**
 * Downloads the report as Excel in the interface language: fetched with the session cookie and
 * the language header, then handed to the browser as a file.
 */
export async function downloadReport(query: ReportQuery, locale: string): Promise<void> {
  const response = await fetch(apiUrl('/tickets/report.xlsx', { ...query }), { credentials: 'same-origin', headers: { 'x-locale': locale } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(problem && typeof problem === 'object' && 'status' in problem ? problem : { status: response.status, title: response.statusText });
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `tickets-${query.by}-${query.from}-${query.to}.xlsx`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
