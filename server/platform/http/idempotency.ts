import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '#platform/db/db.ts';
import { AppError, invalidField } from '#platform/errors.ts';

const HEADER = 'idempotency-key';
/** Keys are kept a day: long enough for any client's retries. */
const KEEP_HOURS = 24;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { actor: string; key: string };
  }
}

/**
 * Makes POST commands safe to retry: a client that sends `Idempotency-Key: <uuid>` and repeats
 * the request (after a timeout, say) gets the first answer again instead of a second customer.
 * The same key with a different body is a 409; a key whose first request is still running too.
 */
export function registerIdempotency(app: FastifyInstance, db: Db): void {
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.actor) return;
    if (!/^[\w.:-]{8,100}$/.test(key)) throw invalidField('headers.idempotency-key', 'field.invalid_format');
    const actor = `${request.actor.kind}:${request.actor.tokenId ?? request.actor.userId}`;
    const hash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const inserted = await db.query(
      `insert into idempotency_keys (actor, key, request_hash) values ($1, $2, $3) on conflict do nothing returning key`,
      [actor, key, hash],
    );
    if (inserted.length === 1) {
      request.idempotency = { actor, key };
      return;
    }
    const [seen] = await db.query<{ requestHash: string; statusCode: number | null; response: string | null; contentType: string | null }>(
      `select request_hash as "requestHash", status_code as "statusCode", response, content_type as "contentType"
         from idempotency_keys where actor = $1 and key = $2`,
      [actor, key],
    );
    if (!seen || seen.requestHash !== hash || seen.statusCode === null) {
      throw new AppError('CONFLICT', 'IDEMPOTENCY_CONFLICT', 'idempotency.conflict');
    }
    reply.header('idempotent-replayed', 'true');
    if (seen.contentType) reply.type(seen.contentType);
    return reply.code(seen.statusCode).send(seen.response ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem) return payload;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      // Nothing was done (or nothing replayable was answered): the client may retry with the same key.
      await db.query(`delete from idempotency_keys where actor = $1 and key = $2`, [idem.actor, idem.key]);
      return payload;
    }
    await db.query(
      `update idempotency_keys set status_code = $3, response = $4, content_type = $5 where actor = $1 and key = $2`,
      [idem.actor, idem.key, reply.statusCode, payload, String(reply.getHeader('content-type') ?? '')],
    );
    return payload;
  });
}

/** Forgets keys older than a day (called at start-up and by the maintenance job). */
export async function pruneIdempotencyKeys(db: Db): Promise<void> {
  await db.query(`delete from idempotency_keys where created_at < now() - make_interval(hours => $1)`, [KEEP_HOURS]);
}
