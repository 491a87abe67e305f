import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Db } from '#platform/db/db.ts';
import { sendProblem } from '#platform/http/problem.ts';
import { registerAuth } from '#platform/http/auth-hook.ts';
import { registerIdempotency } from '#platform/http/idempotency.ts';
import { rejectNulCharacters } from '#platform/http/nul.ts';
import { AppError } from '#platform/errors.ts';
import { createServices, type Services } from './services.ts';
import { identityRoutes } from '#modules/identity/identity.routes.ts';
import { customersRoutes } from '#modules/customers/customers.routes.ts';
import { auditRoutes } from '#modules/audit/audit.routes.ts';
import { customFieldsRoutes } from '#modules/custom-fields/custom-fields.routes.ts';
import { regionsRoutes } from '#modules/regions/regions.routes.ts';
import { savedViewsRoutes } from '#modules/saved-views/saved-views.routes.ts';
import { dashboardRoutes } from '#modules/dashboard/dashboard.routes.ts';
import { importsRoutes } from '#modules/ingest/imports.routes.ts';
import { holdingsRoutes } from '#modules/ingest/holdings.routes.ts';
import { importProfilesRoutes } from '#modules/ingest/import-profiles.ts';
import { sourcesRoutes } from '#modules/ingest/sources.routes.ts';
import { dictionaryRoutes } from '#modules/ingest/dictionary.ts';
import { backupsRoutes } from '#modules/backups/backups.routes.ts';
import { tagsRoutes } from '#modules/tags/tags.routes.ts';
import { segmentsRoutes } from '#modules/segments/segments.routes.ts';
import { valueRoutes } from '#modules/value/value.routes.ts';
import { notificationsRoutes } from '#modules/notifications/notifications.routes.ts';
import type { Mailer } from '#modules/notifications/notifications.service.ts';
import { processRoutes } from '#modules/process/process.routes.ts';
import { ticketsRoutes } from '#modules/tickets/tickets.routes.ts';
import { creditRoutes } from '#modules/credit/credit.routes.ts';
import { exchangeRatesRoutes } from '#modules/currencies/exchange-rates.routes.ts';
import { webRoutes } from './web.ts';

export interface AppOptions {
  db: Db;
  logLevel?: string;
  sessionTtlHours?: number;
  cookieSecure?: boolean;
  loginMaxFailures?: number;
  loginLockMinutes?: number;
  bodyLimit?: number;
  /** See TRUST_PROXY in .env.example. */
  trustProxy?: string;
  /** Where uploaded import files are kept (default: a folder in the system's temporary directory). */
  importDir?: string;
  importMaxBytes?: number;
  /** Folder sources of scheduled imports must lie inside this folder. */
  importInbox?: string;
  /** Where backups made from the administration pages are kept. */
  backupDir?: string;
  /** Count audiences on the in-memory index (AUDIENCE_INDEX); off by default, so tests use SQL. */
  audienceIndex?: boolean;
  /** Sends notifications by e-mail too (SMTP_URL). */
  mailer?: Mailer;
  /** The DuckDB file of the value recompute's purchase copy (default: in memory, rebuilt by each process). */
  valueStorePath?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    cookieSecure: boolean;
    sessionTtlHours: number;
  }
}

/** Builds the whole HTTP application without listening, so tests and the server share it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    trustProxy: trustProxySetting(options.trustProxy),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: a text/plain body is refused with 415 instead of reaching a schema as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('services', createServices(options.db, {
    sessionTtlHours: options.sessionTtlHours ?? 12,
    maxFailures: options.loginMaxFailures ?? 5,
    lockMinutes: options.loginLockMinutes ?? 15,
  }, {
    importDir: options.importDir ?? join(tmpdir(), 'guanxi-imports'),
    importMaxBytes: options.importMaxBytes ?? 2 * 1024 ** 3,
    importInbox: options.importInbox ?? join(tmpdir(), 'guanxi-inbox'),
    backupDir: options.backupDir ?? join(tmpdir(), 'guanxi-backups'),
  }, { audienceIndex: options.audienceIndex ?? false, mailer: options.mailer, valueStorePath: options.valueStorePath }));
  app.services.events.onError = (err, event) => app.log.error({ err, event }, 'an event handler failed');
  app.addHook('onClose', async () => {
    await app.services.value.store.close();
  });
  app.decorate('cookieSecure', options.cookieSecure ?? false);
  app.decorate('sessionTtlHours', options.sessionTtlHours ?? 12);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
  });
  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(new AppError('NOT_FOUND', 'ROUTE_NOT_FOUND', 'problem.not_found'), request, reply),
  );

  await app.register(cookie);
  registerAuth(app, app.services.auth);
  registerIdempotency(app, options.db);
  rejectNulCharacters(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Guanxi CRM API',
        version: '1',
        description:
          'REST API of Guanxi. Sign in with POST /api/v1/auth/login (session cookie + CSRF token) or send an API token as `Authorization: Bearer gx_…`. Errors are application/problem+json in the language of Accept-Language (zh-CN or en).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gx_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // The interactive docs page is public; the API it documents is not.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());

  app.get('/health', { config: { public: true }, schema: { hide: true } }, async () => {
    await options.db.query('select 1');
    return { status: 'ok' };
  });

  await app.register(identityRoutes, { prefix: '/api/v1' });
  await app.register(customersRoutes, { prefix: '/api/v1' });
  await app.register(auditRoutes, { prefix: '/api/v1' });
  await app.register(customFieldsRoutes, { prefix: '/api/v1' });
  await app.register(regionsRoutes, { prefix: '/api/v1' });
  await app.register(savedViewsRoutes, { prefix: '/api/v1' });
  await app.register(dashboardRoutes, { prefix: '/api/v1' });
  await app.register(importsRoutes, { prefix: '/api/v1' });
  await app.register(holdingsRoutes, { prefix: '/api/v1' });
  await app.register(importProfilesRoutes, { prefix: '/api/v1' });
  await app.register(sourcesRoutes, { prefix: '/api/v1' });
  await app.register(dictionaryRoutes, { prefix: '/api/v1' });
  await app.register(backupsRoutes, { prefix: '/api/v1' });
  await app.register(tagsRoutes, { prefix: '/api/v1' });
  await app.register(segmentsRoutes, { prefix: '/api/v1' });
  await app.register(valueRoutes, { prefix: '/api/v1' });
  await app.register(creditRoutes, { prefix: '/api/v1' });
  await app.register(exchangeRatesRoutes, { prefix: '/api/v1' });
  await app.register(notificationsRoutes, { prefix: '/api/v1' });
  await app.register(processRoutes, { prefix: '/api/v1' });
  await app.register(ticketsRoutes, { prefix: '/api/v1' });
  await app.register(webRoutes);
  return app;
}

/** '' → trust no proxy; a number → that many hops; otherwise a list of addresses or CIDRs. */
function trustProxySetting(value: string | undefined): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (!value) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}
