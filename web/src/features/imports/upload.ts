import { ApiError, type Problem } from '../../lib/api.ts';
import type { ImportFileInfo } from '../../lib/types.ts';

export interface UploadOptions {
  csrfToken: string | null;
  locale: string;
  signal?: AbortSignal;
}

/**
 * Sends a file to POST /imports/files as the raw request body (streamed to disk by the server,
 * whatever its size), with its name URI-encoded in X-File-Name. Errors come back as ApiError,
 * as from the app's other requests.
 */
export async function uploadImportFile(file: File, { csrfToken, locale, signal }: UploadOptions): Promise<ImportFileInfo> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent(file.name),
    'x-locale': locale,
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch('/api/v1/imports/files', { method: 'POST', headers, body: file, credentials: 'same-origin', signal });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, title: '', code: 'NETWORK_ERROR' });
  }
  const type = response.headers.get('content-type') ?? '';
  const payload: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (response.ok) return payload as ImportFileInfo;
  const problem: Problem =
    payload && typeof payload === 'object' && 'status' in payload
      ? (payload as Problem)
      : { status: response.status, title: response.statusText, requestId: response.headers.get('x-request-id') ?? undefined };
  throw new ApiError(problem);
}
