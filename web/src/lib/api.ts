/**
 * The web app's only way to the server: same-origin fetch with the session cookie, the CSRF
 * header on unsafe requests, the UI language, and problem+json errors turned into ApiError.
 */

export interface FieldProblem {
  /** Path of the value at fault, e.g. `body.contacts.1.mobile`. */
  field: string;
  code?: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  code?: string;
  detail?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly code: string | undefined;
  readonly errors: FieldProblem[];
  readonly requestId: string | undefined;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId;
    this.problem = problem;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

let csrfToken: string | null = null;
let locale = 'zh-CN';
const unauthorizedListeners = new Set<() => void>();

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
export const setApiLocale = (value: string) => {
  locale = value;
};
/** Called when a request finds the session gone (401), so the app can return to the login page. */
export const onUnauthorized = (listener: () => void) => {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
};

/** `/api/v1` + path + the non-empty query values, in a stable order. */
export function apiUrl(path: string, query?: Query): string {
  const params = toSearchParams(query);
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

export function toSearchParams(query?: Query): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  return params;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not report a 401 as a lost session (the login call itself). */
  expectUnauthorized?: boolean;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-locale': locale };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, title: '', code: 'NETWORK_ERROR' });
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const payload: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (response.ok) return payload as T;
  const problem: Problem =
    payload && typeof payload === 'object' && 'status' in payload
      ? (payload as Problem)
      : { status: response.status, title: response.statusText, requestId: response.headers.get('x-request-id') ?? undefined };
  if (response.status === 401 && !options.expectUnauthorized) unauthorizedListeners.forEach((listener) => listener());
  throw new ApiError(problem);
}

/** Sends a file as the raw request body, its name URI-encoded in X-File-Name (attachments). */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': file.type || 'application/octet-stream',
    'x-file-name': encodeURIComponent(file.name),
    'x-locale': locale,
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path), { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, title: '', code: 'NETWORK_ERROR' });
  }
  const payload: unknown = (response.headers.get('content-type') ?? '').includes('json') ? await response.json().catch(() => null) : null;
  if (response.ok) return payload as T;
  throw new ApiError(
    payload && typeof payload === 'object' && 'status' in payload ? (payload as Problem) : { status: response.status, title: response.statusText, requestId: response.headers.get('x-request-id') ?? undefined },
  );
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/**
 * Server field paths (`body.contacts.1.mobile`, `querystring.q`) as form paths
 * (`contacts.1.mobile`, `q`), keeping the first message of each field.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const problem of error.errors) {
    const path = problem.field.replace(/^(body|querystring|params)\.?/, '');
    if (path && !(path in result)) result[path] = problem.message;
  }
  return result;
}
