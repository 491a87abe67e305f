import type { FastifyInstance } from 'fastify';
import { invalidField } from '#platform/errors.ts';

/**
 * PostgreSQL text and jsonb cannot hold the NUL character, so a value with one would fail deep in
 * a query. Every request's params, query string and body are checked once, before validation,
 * and a NUL is answered with a 400 naming the field.
 */
export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const path = findNul(value, part);
      if (path) throw invalidField(path, 'field.invalid');
    }
  });
}

function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  // A streamed upload's body is a socket, not data to look into.
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}.${key.replaceAll('\u0000', '')}`;
    const found = findNul(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
