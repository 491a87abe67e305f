import type { ApiAnswer, ApiBody } from '../../lib/api-contract.ts';
import type { ImportPolicy, ImportTarget } from '../../lib/types.ts';
import { APP_TIME_ZONE, formatDateTimeIn } from '../../lib/format.ts';

/** A scheduled source as GET /import-sources shows it; a connection string's password is `****`. */
export interface ImportSource {
  id: number;
  name: string;
  kind: string;
  target: string;
  /** folder: path, pattern; postgres/mysql: url, query, watermarkColumn. */
  config: Record<string, unknown>;
  mapping: Record<string, string>;
  policy: string;
  sourceSystem: string;
  cron: string;
  timeZone: string;
  enabled: boolean;
  maxRetries: number;
  watermark: string | null;
  nextRunAt: string | null;
  /** Failed runs in a row still to be retried; 0 when the last run succeeded or the retries are used up. */
  attempt: number;
  lastRunAt: string | null;
  lastStatus: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export type SourceKind = 'folder' | 'postgres' | 'mysql';
export const SOURCE_KINDS: readonly SourceKind[] = ['folder', 'postgres', 'mysql'];
export const isSourceKind = (value: unknown): value is SourceKind => SOURCE_KINDS.includes(value as SourceKind);

/** The body of POST /import-sources and PUT /import-sources/:id. */
export interface ImportSourceBody {
  name: string;
  kind: SourceKind;
  target: ImportTarget;
  config: { path?: string; pattern?: string; url?: string; query?: string; watermarkColumn?: string };
  mapping: Record<string, string>;
  policy: ImportPolicy;
  sourceSystem: string;
  cron: string;
  timeZone: string;
  enabled: boolean;
  maxRetries: number;
}

/** What the server still tells about a saved source: e.g. its folder does not exist yet. */
export interface SourceWarning {
  field: string;
  code: string;
  message: string;
}

/** The answer of POST /import-sources and PUT /import-sources/:id. */
export interface SavedImportSource extends ImportSource {
  warnings: SourceWarning[];
}

/** GET /import-sources/settings: the inbox folder sources live in, as an absolute path on the server. */
export interface ImportSourceSettings {
  inbox: string;
}

/** POST /import-sources/:id/run: how the run ended and the import runs it produced. */
export interface SourceRunResult {
  status: string;
  error: string | null;
  runIds: number[];
}

// Compile-time proof that these shapes match the server's OpenAPI document (as lib/api-contract.ts does).
type Fits<Server, Client> = [Server] extends [never] ? false : [Server] extends [Client] ? true : false;
type Check<T extends true> = T;
export type SourcesContract = [
  Check<Fits<ApiAnswer<'/api/v1/import-sources', 'get'>, ImportSource[]>>,
  Check<Fits<ApiAnswer<'/api/v1/import-sources', 'post', 201>, SavedImportSource>>,
  Check<Fits<ApiAnswer<'/api/v1/import-sources/{id}', 'put'>, SavedImportSource>>,
  Check<Fits<ApiAnswer<'/api/v1/import-sources/settings', 'get'>, ImportSourceSettings>>,
  Check<Fits<ApiAnswer<'/api/v1/import-sources/{id}/run', 'post'>, SourceRunResult>>,
  Check<Fits<ImportSourceBody, ApiBody<'/api/v1/import-sources', 'post'>>>,
  Check<Fits<ImportSourceBody, ApiBody<'/api/v1/import-sources/{id}', 'put'>>>,
];

/** A text value of a source's config, or ''. */
export const configText = (source: Pick<ImportSource, 'config'>, key: string): string => {
  const value = source.config[key];
  return typeof value === 'string' ? value : '';
};

export const CRON_PRESETS = [
  { key: 'daily', cron: '0 2 * * *' },
  { key: 'hourly', cron: '0 * * * *' },
  { key: 'weekdays', cron: '0 7 * * 1-5' },
] as const;
export type CronPreset = (typeof CRON_PRESETS)[number]['key'];

export const presetOf = (cron: string): CronPreset | null => CRON_PRESETS.find((p) => p.cron === cron.trim().replace(/\s+/g, ' '))?.key ?? null;

export const DEFAULT_TIME_ZONE = APP_TIME_ZONE;

/** The IANA time zones this browser knows, the given ones first. */
export function timeZones(first: string[]): string[] {
  let known: string[] = [];
  try {
    known = Intl.supportedValuesOf('timeZone');
  } catch {
    // An old browser: the given zones only.
  }
  return [...new Set([...first.filter(Boolean), ...known, 'UTC'])];
}

/**
 * A time as the source's schedule reads it: in the source's time zone, which is named when it is
 * not China time, in which every other time is shown (02:00 Europe/London is not 02:00 in Beijing).
 */
export function formatInZone(value: string | Date | null, timeZone: string, locale: string): string {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(value);
  // The weekday in the interface language (a schedule is read by it), the date year first as everywhere.
  const format = (zone: string) => `${new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: zone }).format(date)} ${formatDateTimeIn(date, zone)}`;
  try {
    const text = format(timeZone);
    return timeZone === APP_TIME_ZONE ? text : `${text} (${timeZone})`;
  } catch {
    return format(APP_TIME_ZONE);
  }
}

/** Where a source reads from, in one line: the folder and pattern, or the connection without its password. */
export function sourceLocation(source: Pick<ImportSource, 'kind' | 'config'>): string {
  if (source.kind === 'folder') {
    const path = configText(source, 'path');
    const pattern = configText(source, 'pattern') || '*';
    return `${path.replace(/\/+$/, '')}/${pattern}`;
  }
  const url = configText(source, 'url');
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}

/** `****` as the password of a connection string: the API's stand-in for the stored one. */
export const REDACTED_PASSWORD = /^[a-z]+:\/\/[^/@:]*:\*{4}@/i;

export const URL_SCHEMES: Record<Exclude<SourceKind, 'folder'>, RegExp> = {
  postgres: /^postgres(ql)?:\/\//i,
  mysql: /^(mysql|mariadb):\/\//i,
};
