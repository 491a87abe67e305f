import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, statusOf, type FieldError } from '#platform/errors.ts';
import { t, typeName, type Locale, type MessageKey } from '#platform/i18n/index.ts';

/** RFC 9457 problem document, with the fields at fault in `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: { field: string; code: string; message: string }[];
  [extra: string]: unknown;
}

const TITLE_BY_STATUS: Record<number, MessageKey> = {
  400: 'problem.validation',
  401: 'problem.unauthenticated',
  403: 'problem.forbidden',
  404: 'problem.not_found',
  409: 'problem.conflict',
  413: 'problem.payload_too_large',
  415: 'problem.unsupported_media_type',
  423: 'problem.forbidden',
  429: 'problem.rate_limited',
};

/** Turns any error into a localised problem+json reply; 5xx details stay in the log only. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = request.locale ?? 'zh-CN';
  const problem = toProblem(error, request, locale);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  if (error instanceof AppError && error.options.headers) reply.headers(error.options.headers);
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

function toProblem(error: unknown, request: FastifyRequest, locale: Locale): Problem {
  const base = (status: number, code: string, title: string, detail?: string): Problem => ({
    type: `/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    instance: request.url,
    code,
    requestId: request.id,
  });

  if (error instanceof AppError) {
    const status = statusOf(error.kind);
    const problem = base(status, error.code, t(locale, error.messageKey, error.options.params));
    if (error.options.fields?.length) problem.errors = error.options.fields.map((f) => fieldProblem(locale, f));
    return { ...problem, ...error.options.extra };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'body';
    const root = (request as unknown as Record<string, unknown>)[context === 'querystring' ? 'query' : context];
    const fields = error.validation.flatMap((v) => {
      // The type provider flattens each zod issue into Fastify's validation shape; rebuild it.
      const issue = { ...v.params, code: v.keyword, path: v.instancePath.split('/').filter(Boolean) } as unknown as z.core.$ZodIssue;
      return zodIssueToFields(issue, context, locale, root);
    });
    return { ...base(400, 'VALIDATION_FAILED', t(locale, 'problem.validation')), errors: fields.map((f) => fieldProblem(locale, f)) };
  }
  if ((error as { code?: unknown }).code === '57014') {
    // PostgreSQL cancelled a statement that ran past DB_STATEMENT_TIMEOUT_MS: the pool is free again.
    return base(503, 'QUERY_TIMEOUT', t(locale, 'problem.timeout'));
  }
  if (isResponseSerializationError(error)) {
    return base(500, 'INTERNAL', t(locale, 'problem.internal'));
  }
  const fastifyError = error as FastifyError;
  const status = fastifyError.statusCode ?? 500;
  if (status < 500) {
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (status === 400 && error instanceof SyntaxError)) {
      return {
        ...base(400, 'INVALID_JSON', t(locale, 'problem.validation')),
        errors: [fieldProblem(locale, { field: 'body', message: 'field.invalid_json' })],
      };
    }
    const key = TITLE_BY_STATUS[status] ?? 'problem.validation';
    const code = (fastifyError.code ?? 'BAD_REQUEST').replace(/^FST_ERR_/, '');
    return base(status, code, t(locale, key));
  }
  return base(500, 'INTERNAL', t(locale, 'problem.internal'));
}

function fieldProblem(locale: Locale, f: FieldError) {
  return { field: f.field, code: f.message, message: t(locale, f.message, f.params) };
}

/** The value a client sent at a path (zod leaves it out of its issues). */
function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Maps one zod issue to field errors whose message keys exist in both languages. */
function zodIssueToFields(issue: z.core.$ZodIssue, context: string, locale: Locale, root: unknown): FieldError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: [context, ...issue.path.map(String), key].join('.'), message: 'field.unknown' as const }));
  }
  return [zodIssueToField(issue, context, locale, root)];
}

function zodIssueToField(issue: z.core.$ZodIssue, context: string, locale: Locale, root: unknown): FieldError {
  const path = [context, ...issue.path.map(String)];
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(root, issue.path) === undefined) return { field: path.join('.'), message: 'field.required' };
      return { field: path.join('.'), message: 'field.invalid_type', params: { expected: typeName(locale, issue.expected) } };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { field: path.join('.'), message: 'field.required' };
      if (issue.origin === 'string') return { field: path.join('.'), message: 'field.too_short', params: { min: issue.minimum } };
      return { field: path.join('.'), message: 'field.too_small', params: { min: issue.minimum } };
    case 'too_big':
      if (issue.origin === 'string') return { field: path.join('.'), message: 'field.too_long', params: { max: issue.maximum } };
      return { field: path.join('.'), message: 'field.too_big', params: { max: issue.maximum } };
    case 'invalid_format':
      return { field: path.join('.'), message: issue.format === 'email' ? 'field.invalid_email' : 'field.invalid_format' };
    case 'invalid_value':
      return { field: path.join('.'), message: 'field.invalid_value', params: { options: issue.values.join(', ') } };
    case 'custom': {
      const key = (issue.params as { messageKey?: MessageKey } | undefined)?.messageKey;
      return { field: path.join('.'), message: key ?? 'field.invalid' };
    }
    default:
      return { field: path.join('.'), message: 'field.invalid' };
  }
}
