import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../lib/api.ts';
import type { ApiAnswer, ApiBody } from '../../lib/api-contract.ts';

/** A backup file kept on the server, as GET /backups lists it. */
export interface Backup {
  name: string;
  bytes: number;
  createdAt: string;
  /** A user's name, 'schedule', or null for a file copied into the folder by hand. */
  createdBy: string | null;
  rows: number | null;
  tables: number | null;
  fileSha256: string | null;
  engine: string | null;
}

export interface BackupList {
  items: Backup[];
  nextScheduledAt: string | null;
  /** The backup folder's absolute path on the server. */
  folder: string;
}

/** POST /backups/:name/verify: the file read whole, each table's checksum checked. */
export interface BackupReport {
  ok: boolean;
  /** 'truncated', 'checksum_mismatch' or 'not_a_backup' when not ok. */
  problem: string | null;
  /** Whether the file still hashes as when it was written; null when there is no record of that. */
  sameFile: boolean | null;
  createdAt: string | null;
  engine: string | null;
  migrations: string[];
  tables: { table: string; rows: number; sha256: string; ok: boolean }[];
  fileSha256: string;
}

export interface RestoreResult {
  rows: number;
  tables: number;
}

// Compile-time proof that these shapes match the server's OpenAPI document (as lib/api-contract.ts does).
type Fits<Server, Client> = [Server] extends [never] ? false : [Server] extends [Client] ? true : false;
type Check<T extends true> = T;
export type BackupsContract = [
  Check<Fits<ApiAnswer<'/api/v1/backups', 'get'>, BackupList>>,
  Check<Fits<ApiAnswer<'/api/v1/backups', 'post', 201>, Backup>>,
  Check<Fits<ApiAnswer<'/api/v1/backups/{name}/verify', 'post'>, BackupReport>>,
  Check<Fits<ApiAnswer<'/api/v1/backups/{name}/restore', 'post'>, RestoreResult>>,
  Check<Fits<{ confirm: string }, ApiBody<'/api/v1/backups/{name}/restore', 'post'>>>,
];

export const backupKeys = { list: ['backups'] as const };

const path = (name: string) => `/backups/${encodeURIComponent(name)}`;

/** A plain link is enough to download: the session cookie authenticates it. */
export const backupDownloadUrl = (name: string) => apiUrl(`${path(name)}/download`);

export function useBackups() {
  return useQuery({ queryKey: backupKeys.list, queryFn: ({ signal }) => api.get<BackupList>('/backups', undefined, signal) });
}

export function useCreateBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Backup>('/backups'),
    // Also after a failure: a 409 means another backup is running and may have finished since.
    onSettled: () => queryClient.invalidateQueries({ queryKey: backupKeys.list }),
  });
}

export function useVerifyBackup() {
  return useMutation({ mutationFn: (name: string) => api.post<BackupReport>(`${path(name)}/verify`) });
}

export function useRestoreBackup() {
  // No cache update here: after a restore the whole app reloads, as every cached answer is stale.
  return useMutation({ mutationFn: ({ name, confirm }: { name: string; confirm: string }) => api.post<RestoreResult>(`${path(name)}/restore`, { confirm }) });
}

export function useDeleteBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.delete(path(name)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: backupKeys.list }),
  });
}
