import { CUSTOMER_KINDS, CUSTOMER_STATUSES, SORTS, type CustomField } from '../../lib/types.ts';
import type { ListFilter } from './queries.ts';

/**
 * The customer list's state lives in the address (filters, sort, columns, page size), so a list
 * can be bookmarked, shared and reloaded; a saved view is the same state under a name.
 */

export const PAGE_SIZES = ['20', '50', '100'];
export const DEFAULT_SORT = '-createdAt';
export const DEFAULT_LIMIT = '20';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** Address parameters that filter the list (custom.<key> ones besides). */
export const FILTER_PARAMS = ['q', 'kind', 'status', 'orgUnitId', 'ownerId', 'createdFrom', 'createdTo', 'tagId', 'segmentId'] as const;

export const BUILTIN_COLUMNS = [
  'code',
  'name',
  'kind',
  'status',
  'mobile',
  'phone',
  'email',
  'orgUnit',
  'owner',
  'industry',
  'size',
  'sourceChannel',
  'postalCode',
  'createdAt',
  'updatedAt',
] as const;
export type BuiltinColumn = (typeof BUILTIN_COLUMNS)[number];
export const DEFAULT_COLUMNS: string[] = ['code', 'name', 'status', 'mobile', 'orgUnit', 'owner', 'createdAt'];
/** The name links to the customer: it is always shown. */
export const FIXED_COLUMN = 'name';

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

const positiveId = (value: string | null) => {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

export function filterFrom(params: URLSearchParams): ListFilter {
  const date = (key: string) => {
    const value = params.get(key);
    return value && DATE.test(value) ? value : undefined;
  };
  const custom: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key.startsWith('custom.') && CUSTOM_KEY.test(key.slice(7)) && value.trim()) custom[key.slice(7)] = value.trim();
  }
  return {
    q: params.get('q')?.trim() || undefined,
    kind: oneOf(CUSTOMER_KINDS, params.get('kind')),
    status: oneOf(CUSTOMER_STATUSES, params.get('status')),
    orgUnitId: positiveId(params.get('orgUnitId')),
    ownerId: positiveId(params.get('ownerId')),
    createdFrom: date('createdFrom'),
    createdTo: date('createdTo'),
    tagId: positiveId(params.get('tagId')),
    segmentId: positiveId(params.get('segmentId')),
    custom: Object.keys(custom).length ? custom : undefined,
    deleted: params.get('deleted') === 'true' || undefined,
    sort: oneOf(SORTS, params.get('sort')) ?? DEFAULT_SORT,
  };
}

export const limitFrom = (params: URLSearchParams) => Number(oneOf(PAGE_SIZES, params.get('limit')) ?? DEFAULT_LIMIT);

/** The columns in the address (`cols=code,name,…`), known ones only, the name always among them. */
export function columnsFrom(params: URLSearchParams, fields: CustomField[] | undefined): string[] {
  const raw = params.get('cols');
  if (!raw) return DEFAULT_COLUMNS;
  const known = (id: string) =>
    (BUILTIN_COLUMNS as readonly string[]).includes(id) || (id.startsWith('custom.') && (fields === undefined || fields.some((f) => `custom.${f.key}` === id)));
  const columns = [...new Set(raw.split(',').map((c) => c.trim()))].filter(known);
  if (!columns.includes(FIXED_COLUMN)) columns.unshift(FIXED_COLUMN);
  return columns;
}

export const sameColumns = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/** What a saved view holds: the filters as address parameters, the sort, the columns and the page size. */
export interface ViewState {
  filters: Record<string, string>;
  sort: string;
  columns: string[];
  limit: number;
}

export function stateFrom(params: URLSearchParams): ViewState {
  const filters: Record<string, string> = {};
  const filter = filterFrom(params);
  for (const key of FILTER_PARAMS) {
    const value = filter[key];
    if (value !== undefined && value !== '') filters[key] = String(value);
  }
  for (const [key, value] of Object.entries(filter.custom ?? {})) filters[`custom.${key}`] = value;
  return { filters, sort: filter.sort ?? DEFAULT_SORT, columns: columnsFrom(params, undefined), limit: limitFrom(params) };
}

/** A stored view's state, read defensively: it may come from an older version of this page. */
export function viewState(state: Record<string, unknown>): ViewState {
  const params = paramsFrom(state as Partial<ViewState>);
  return stateFrom(params);
}

/** The address parameters of a state (a view's, or the current one's). */
export function paramsFrom(state: Partial<ViewState>, viewId?: number): URLSearchParams {
  const params = new URLSearchParams();
  const filters = state.filters && typeof state.filters === 'object' ? state.filters : {};
  for (const [key, value] of Object.entries(filters).sort(([a], [b]) => a.localeCompare(b))) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    if ((FILTER_PARAMS as readonly string[]).includes(key) || key.startsWith('custom.')) params.set(key, String(value));
  }
  if (typeof state.sort === 'string' && state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (Array.isArray(state.columns) && state.columns.length && !sameColumns(state.columns.map(String), DEFAULT_COLUMNS)) params.set('cols', state.columns.join(','));
  if (state.limit && String(state.limit) !== DEFAULT_LIMIT && PAGE_SIZES.includes(String(state.limit))) params.set('limit', String(state.limit));
  if (viewId) params.set('view', String(viewId));
  return params;
}

export const sameState = (a: ViewState, b: ViewState) => paramsFrom(a).toString() === paramsFrom(b).toString();

/** True when the address says nothing about the list: the user's default view may apply. */
export function isBlank(params: URLSearchParams): boolean {
  for (const key of params.keys()) if (key !== 'limit') return false;
  return true;
}
