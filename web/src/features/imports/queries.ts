import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../lib/api.ts';
import type {
  ImportFields,
  ImportPreview,
  ImportProfile,
  ImportProfileBody,
  ImportRequestBody,
  ImportRowError,
  ImportRun,
  ImportStarted,
  Me,
} from '../../lib/types.ts';
import { ME_KEY } from '../../app/auth.tsx';
import { uploadImportFile } from './upload.ts';
import type { QuarantinePage, ReprocessResult } from '../../lib/types.ts';
import type { ImportSource, ImportSourceBody, ImportSourceSettings, SavedImportSource, SourceRunResult } from './sources.ts';

export const importKeys = {
  fields: ['imports', 'fields'] as const,
  runs: ['imports', 'runs'] as const,
  run: (id: number) => ['imports', 'run', id] as const,
  errors: (id: number) => ['imports', 'run', id, 'errors'] as const,
  profiles: ['import-profiles'] as const,
  sources: ['import-sources'] as const,
  sourceRuns: (id: number) => ['import-sources', id, 'runs'] as const,
};

export const RUN_PAGE = 50;
const POLL_MS = 1_000;

export function useImportFields() {
  return useQuery({ queryKey: importKeys.fields, queryFn: ({ signal }) => api.get<ImportFields>('/imports/fields', undefined, signal), staleTime: 5 * 60_000 });
}

export function useImportProfiles() {
  return useQuery({ queryKey: importKeys.profiles, queryFn: ({ signal }) => api.get<ImportProfile[]>('/import-profiles', undefined, signal) });
}

export function useSaveImportProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: ImportProfileBody }) =>
      id === undefined ? api.post<ImportProfile>('/import-profiles', body) : api.put<ImportProfile>(`/import-profiles/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.profiles }),
  });
}

/** Uploads the chosen file with the session's CSRF token and the interface language. */
export function useUploadImportFile() {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: (file: File) => uploadImportFile(file, { csrfToken: queryClient.getQueryData<Me | null>(ME_KEY)?.csrfToken ?? null, locale: i18n.language }),
    onError: (error) => {
      // The session ended: the app returns to the sign-in page once it knows.
      if (isApiError(error) && error.status === 401) void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useImportPreview() {
  return useMutation({ mutationFn: (body: ImportRequestBody) => api.post<ImportPreview>('/imports/preview', body) });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportRequestBody) => api.post<ImportStarted>('/imports', body),
    onSuccess: ({ run }) => {
      queryClient.setQueryData(importKeys.run(run.id), run);
      void queryClient.invalidateQueries({ queryKey: importKeys.runs });
    },
  });
}

/** One run, asked for again every second while it is still running. */
export function useImportRun(id: number | null, initial?: ImportRun) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: importKeys.run(id ?? 0),
    queryFn: async ({ signal }) => {
      const run = await api.get<ImportRun>(`/imports/${id}`, undefined, signal);
      if (run.status !== 'running') {
        // Finished: the history and the records it wrote are out of date.
        void queryClient.invalidateQueries({ queryKey: importKeys.runs });
        void queryClient.invalidateQueries({ queryKey: ['customers'] });
      }
      return run;
    },
    enabled: id !== null,
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });
}

/** How a listed run ended: 'interrupted' (a stopped server) is told apart from 'failed'. */
export const RUN_FILTER_STATUSES = ['succeeded', 'rejected', 'failed', 'interrupted', 'running'] as const;
/** How a run was started: the web app, an API token, the command line, a scheduled source, a reprocess of the quarantine. */
export const RUN_FILTER_SOURCES = ['upload', 'api', 'cli', 'schedule', 'quarantine'] as const;
export type RunFilterStatus = (typeof RUN_FILTER_STATUSES)[number];
export type RunFilterSource = (typeof RUN_FILTER_SOURCES)[number];

/** The import history's filters (GET /imports); the days are YYYY-MM-DD in China time, both included. */
export type RunFilter = {
  target?: string;
  status?: RunFilterStatus;
  source?: RunFilterSource;
  startedFrom?: string;
  startedTo?: string;
};

/** Runs, newest first, RUN_PAGE at a time, filtered; refreshed while any of them is still running. */
export function useImportRuns(filter: RunFilter = {}) {
  return useInfiniteQuery({
    // Below importKeys.runs, so invalidating the history refreshes every filtered list.
    queryKey: [...importKeys.runs, filter] as const,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) => api.get<ImportRun[]>('/imports', { ...filter, beforeId: pageParam, limit: RUN_PAGE }, signal),
    getNextPageParam: (last) => (last.length === RUN_PAGE ? last[last.length - 1]!.id : undefined),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.some((run) => run.status === 'running')) ? 2 * POLL_MS : false),
  });
}

export function useImportErrors(id: number | null, enabled = true) {
  return useQuery({
    queryKey: importKeys.errors(id ?? 0),
    queryFn: ({ signal }) => api.get<ImportRowError[]>(`/imports/${id}/errors`, undefined, signal),
    enabled: id !== null && enabled,
  });
}

export const errorReportUrl = (id: number) => `/api/v1/imports/${id}/errors.csv`;
/** The file's rows that had errors, in its own columns with the reasons last: to correct and import again. */
export const rejectedRowsUrl = (id: number) => `/api/v1/imports/${id}/rejected-rows.csv`;

// ---- scheduled sources (GET/POST /import-sources, PUT /import-sources/:id, …/run, …/runs) ----

/** The sources, refreshed now and then: the scheduler runs them while the page is open. */
export function useImportSources() {
  return useQuery({
    queryKey: importKeys.sources,
    queryFn: ({ signal }) => api.get<ImportSource[]>('/import-sources', undefined, signal),
    refetchInterval: 30_000,
  });
}

/** A source's import runs, newest first (the last 50). */
export function useImportSourceRuns(id: number | null) {
  return useQuery({
    queryKey: importKeys.sourceRuns(id ?? 0),
    queryFn: ({ signal }) => api.get<ImportRun[]>(`/import-sources/${id}/runs`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.some((run) => run.status === 'running') ? 2 * POLL_MS : false),
  });
}

/** Where folder sources live on the server; only for those who may set sources up (settings:manage). */
export function useImportSourceSettings() {
  return useQuery({
    queryKey: ['import-sources', 'settings'] as const,
    queryFn: ({ signal }) => api.get<ImportSourceSettings>('/import-sources/settings', undefined, signal),
    staleTime: Infinity,
  });
}

export function useSaveImportSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: ImportSourceBody }) =>
      id === undefined ? api.post<SavedImportSource>('/import-sources', body) : api.put<SavedImportSource>(`/import-sources/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.sources }),
  });
}

/** Removes a source; its runs stay in the import history. */
export function useRemoveImportSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/import-sources/${id}`),
    onSuccess: (_answer, id) => {
      queryClient.removeQueries({ queryKey: importKeys.sourceRuns(id) });
      void queryClient.invalidateQueries({ queryKey: importKeys.sources });
      void queryClient.invalidateQueries({ queryKey: importKeys.runs });
    },
  });
}

/** Runs a source now; the answer comes when the run is over. */
export function useRunImportSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<SourceRunResult>(`/import-sources/${id}/run`),
    onSettled: (_result, _error, id) => {
      void queryClient.invalidateQueries({ queryKey: importKeys.sources });
      void queryClient.invalidateQueries({ queryKey: importKeys.sourceRuns(id) });
      void queryClient.invalidateQueries({ queryKey: importKeys.runs });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

// ---- quarantine (GET /imports/:id/quarantine, /import-quarantine, POST /import-quarantine/reprocess) ----

export const quarantineKeys = {
  all: ['import-quarantine'] as const,
  run: (id: number) => ['import-quarantine', 'run', id] as const,
  open: ['import-quarantine', 'open'] as const,
};

/** A run's quarantined rows in row order, a page at a time. */
export function useRunQuarantine(id: number, enabled = true) {
  return useInfiniteQuery({
    queryKey: quarantineKeys.run(id),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api.get<QuarantinePage>(`/imports/${id}/quarantine`, { cursor: pageParam, limit: RUN_PAGE }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** How many rows of all runs are still in quarantine (the first of them, newest first). */
export function useOpenQuarantine() {
  return useQuery({
    queryKey: quarantineKeys.open,
    queryFn: ({ signal }) => api.get<QuarantinePage>('/import-quarantine', { status: 'open', limit: 1 }, signal),
  });
}

/** Loads the quarantined rows whose customer is known now: of one run, or of all. */
export function useReprocessQuarantine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId?: number) => api.post<ReprocessResult>('/import-quarantine/reprocess', runId === undefined ? {} : { runId }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: quarantineKeys.all });
      void queryClient.invalidateQueries({ queryKey: importKeys.runs });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}
