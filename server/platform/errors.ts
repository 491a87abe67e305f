import type { MessageKey } from '#platform/i18n/index.ts';

/** What went wrong, independent of transport; the HTTP layer maps each kind to one status. */
export type ErrorKind =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'LOCKED';

export interface FieldError {
  /** Dotted path of the field in the request, e.g. 'body.contacts.0.mobile'. */
  field: string;
  message: MessageKey;
  params?: Record<string, unknown>;
}

/**
 * A domain error: a kind (which decides the HTTP status), a stable code for programs, a message
 * key for people (translated when sent), and the fields at fault.
 */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly options: {
      params?: Record<string, unknown>;
      fields?: FieldError[];
      /** Extra, already safe members for the problem document (e.g. duplicate matches). */
      extra?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(code);
  }
}

export const notFound = (code: string, key: MessageKey) => new AppError('NOT_FOUND', code, key);
export const forbidden = () => new AppError('FORBIDDEN', 'FORBIDDEN', 'problem.forbidden');
export const invalid = (fields: FieldError[]) => new AppError('VALIDATION', 'VALIDATION_FAILED', 'problem.validation', { fields });
export const invalidField = (field: string, message: MessageKey, params?: Record<string, unknown>) =>
  invalid([{ field, message, params }]);

export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'VALIDATION':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'LOCKED':
      return 423;
    case 'RATE_LIMITED':
      return 429;
    default:
      return assertNever(kind);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
