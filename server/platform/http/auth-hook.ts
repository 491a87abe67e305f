import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '#platform/auth/actor.ts';
import { AppError, forbidden } from '#platform/errors.ts';
import { isLocale, negotiateLocale, type Locale } from '#platform/i18n/index.ts';
import type { Permission } from '#modules/identity/permissions.ts';
import type { AuthService } from '#modules/identity/auth.service.ts';

export const SESSION_COOKIE = 'gx_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in. Every other route needs an actor. */
    public?: boolean;
    /** The permission the actor must hold; routes without one only need a signed-in actor. */
    permission?: Permission;
  }
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    sessionId?: string;
    csrfToken?: string;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication, CSRF and permission checks for every route, in one hook: a route is protected
 * unless it says `config: { public: true }`, so forgetting to protect one is not possible.
 */
export function registerAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRequest', async (request) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    request.actor = undefined as unknown as Actor;
    const config = request.routeOptions.config;
    // Pages and assets of the web app need no actor: no session lookup for each file loaded.
    if (config.public && !request.url.startsWith('/api/')) return;
    const authenticated = await authenticate(request, auth);
    if (authenticated) {
      request.actor = { ...authenticated, requestId: request.id, ip: request.ip };
      // The language a user chose in his settings wins over the browser's.
      request.locale = authenticated.locale;
    }
    const explicit = request.headers['x-locale'];
    if (typeof explicit === 'string' && isLocale(explicit)) {
      request.locale = explicit;
      if (request.actor) request.actor.locale = explicit;
    }
    if (config.public) return;
    if (!authenticated) throw new AppError('UNAUTHENTICATED', 'UNAUTHENTICATED', 'problem.unauthenticated');
    if (request.sessionId && UNSAFE.has(request.method) && !sameToken(request.headers[CSRF_HEADER], request.csrfToken)) {
      throw new AppError('FORBIDDEN', 'CSRF_TOKEN_INVALID', 'auth.csrf');
    }
    if (config.permission && !request.actor.permissions.has(config.permission)) throw forbidden();
  });
}

async function authenticate(request: FastifyRequest, auth: AuthService): Promise<Actor | undefined> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return auth.fromApiToken(header.slice(7).trim());
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) return undefined;
  const session = await auth.fromSession(cookie);
  if (!session) return undefined;
  request.sessionId = session.sessionId;
  request.csrfToken = session.csrfToken;
  return session.actor;
}

/** Constant-time comparison, so response timing says nothing about how much of a token was right. */
function sameToken(given: string | string[] | undefined, expected: string | undefined): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
