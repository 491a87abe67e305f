import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '#platform/errors.ts';
import { SESSION_COOKIE } from '#platform/http/auth-hook.ts';
import {
  IdParams,
  LocaleBody,
  LoginBody,
  MeDto,
  OrgUnitCreateBody,
  OrgUnitDto,
  OrgUnitUpdateBody,
  PasswordChangeBody,
  PasswordResetBody,
  RoleCreateBody,
  RoleDto,
  RoleUpdateBody,
  TokenCreateBody,
  TokenDto,
  UserCreateBody,
  UserDto,
  UserListQuery,
  UserLookupDto,
  UserLookupQuery,
  UserUpdateBody,
} from './identity.dto.ts';
import { PERMISSIONS } from './permissions.ts';

const NoContent = { 204: z.null() };

export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth, orgUnits, roles, users, tokens } = app.services;

  // ---- sign-in ----
  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token for unsafe requests',
        body: LoginBody,
        response: { 200: z.object({ csrfToken: z.string(), mustChangePassword: z.boolean(), expiresAt: z.date() }) },
      },
    },
    async (request, reply) => {
      const session = await auth.login({ ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: app.cookieSecure,
        path: '/',
        expires: session.expiresAt,
      });
      return { csrfToken: session.csrfToken, mustChangePassword: session.mustChangePassword, expiresAt: session.expiresAt };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], response: NoContent } }, async (request, reply) => {
    if (request.sessionId) await auth.logout(request.sessionId, request.actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user, his permissions and scope', response: { 200: MeDto } } }, async (request) => {
    const actor = request.actor;
    const user = await users.get({ ...actor, unitScope: { kind: 'all' } }, actor.userId!);
    const orgUnit = actor.orgUnitId ? await orgUnits.get(actor.orgUnitId) : null;
    const roleNames = (await roles.list()).filter((r) => actor.roleKeys.includes(r.key));
    return {
      user,
      roles: roleNames.map(({ key, nameZh, nameEn }) => ({ key, nameZh, nameEn })),
      orgUnit,
      permissions: [...actor.permissions],
      dataScope: actor.dataScope,
      fieldRules: actor.fieldRules,
      csrfToken: request.csrfToken ?? null,
      locale: request.locale,
    };
  });

  app.post('/auth/password', { schema: { tags: ['auth'], body: PasswordChangeBody, response: NoContent } }, async (request, reply) => {
    await auth.changePassword(request.actor, request.sessionId, request.body.currentPassword, request.body.newPassword);
    return reply.code(204).send(null);
  });

  app.put('/auth/locale', { schema: { tags: ['auth'], summary: 'Remember the language for this user', body: LocaleBody, response: NoContent } }, async (request, reply) => {
    await users.setLocale(request.actor, request.body.locale);
    return reply.code(204).send(null);
  });

  // ---- org units ----
  app.get('/org-units', { schema: { tags: ['org units'], summary: 'The whole org tree, ordered by path', response: { 200: z.array(OrgUnitDto) } } }, () =>
    orgUnits.list(),
  );
  app.get('/org-units/:id', { schema: { tags: ['org units'], params: IdParams, response: { 200: OrgUnitDto } } }, (request) =>
    orgUnits.get(request.params.id),
  );
  app.post(
    '/org-units',
    { config: { permission: 'org:manage' }, schema: { tags: ['org units'], body: OrgUnitCreateBody, response: { 201: OrgUnitDto } } },
    async (request, reply) => reply.code(201).send(await orgUnits.create(request.actor, request.body)),
  );
  app.patch(
    '/org-units/:id',
    { config: { permission: 'org:manage' }, schema: { tags: ['org units'], params: IdParams, body: OrgUnitUpdateBody, response: { 200: OrgUnitDto } } },
    (request) => orgUnits.update(request.actor, request.params.id, request.body),
  );
  app.delete(
    '/org-units/:id',
    { config: { permission: 'org:manage' }, schema: { tags: ['org units'], params: IdParams, response: NoContent } },
    async (request, reply) => {
      await orgUnits.delete(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---- roles ----
  app.get('/permissions', { schema: { tags: ['roles'], response: { 200: z.array(z.string()) } } }, () => [...PERMISSIONS]);
  app.get('/roles', { config: { permission: 'user:read' }, schema: { tags: ['roles'], response: { 200: z.array(RoleDto) } } }, () => roles.list());
  app.post(
    '/roles',
    { config: { permission: 'role:manage' }, schema: { tags: ['roles'], body: RoleCreateBody, response: { 201: RoleDto } } },
    async (request, reply) => reply.code(201).send(await roles.create(request.actor, request.body)),
  );
  app.put(
    '/roles/:id',
    { config: { permission: 'role:manage' }, schema: { tags: ['roles'], params: IdParams, body: RoleUpdateBody, response: { 200: RoleDto } } },
    (request) => roles.update(request.actor, request.params.id, request.body),
  );
  app.delete(
    '/roles/:id',
    { config: { permission: 'role:manage' }, schema: { tags: ['roles'], params: IdParams, response: NoContent } },
    async (request, reply) => {
      await roles.delete(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---- users ----
  app.get(
    '/users',
    { config: { permission: 'user:read' }, schema: { tags: ['users'], querystring: UserListQuery, response: { 200: z.array(UserDto) } } },
    (request) => users.list(request.actor, request.query),
  );
  app.get(
    '/users/lookup',
    {
      config: { permission: 'customer:read' },
      schema: { tags: ['users'], summary: 'Active staff by name, for owner and transfer pickers', querystring: UserLookupQuery, response: { 200: z.array(UserLookupDto) } },
    },
    (request) => users.lookup(request.query),
  );
  app.get(
    '/users/:id',
    { config: { permission: 'user:read' }, schema: { tags: ['users'], params: IdParams, response: { 200: UserDto } } },
    (request) => users.get(request.actor, request.params.id),
  );
  app.post(
    '/users',
    { config: { permission: 'user:manage' }, schema: { tags: ['users'], body: UserCreateBody, response: { 201: UserDto } } },
    async (request, reply) => reply.code(201).send(await users.create(request.actor, request.body)),
  );
  app.put(
    '/users/:id',
    { config: { permission: 'user:manage' }, schema: { tags: ['users'], params: IdParams, body: UserUpdateBody, response: { 200: UserDto } } },
    (request) => users.update(request.actor, request.params.id, request.body),
  );
  app.post(
    '/users/:id/password-reset',
    {
      config: { permission: 'user:manage' },
      schema: { tags: ['users'], summary: 'Set a temporary password the user must change', params: IdParams, body: PasswordResetBody, response: NoContent },
    },
    async (request, reply) => {
      await users.resetPassword(request.actor, request.params.id, request.body.password);
      return reply.code(204).send(null);
    },
  );

  // ---- API tokens ----
  app.get('/api-tokens', { config: { permission: 'token:manage' }, schema: { tags: ['api tokens'], response: { 200: z.array(TokenDto) } } }, () =>
    tokens.list(),
  );
  app.post(
    '/api-tokens',
    {
      config: { permission: 'token:manage' },
      schema: {
        tags: ['api tokens'],
        summary: 'Create a token; the clear value is in this response only',
        body: TokenCreateBody,
        response: { 201: TokenDto.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      await users.get(request.actor, request.body.userId).catch(() => {
        throw new AppError('VALIDATION', 'VALIDATION_FAILED', 'problem.validation', { fields: [{ field: 'body.userId', message: 'user.not_found' }] });
      });
      const created = await auth.createApiToken(request.actor, {
        name: request.body.name,
        userId: request.body.userId,
        expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : null,
      });
      return reply.code(201).send(created);
    },
  );
  app.delete(
    '/api-tokens/:id',
    { config: { permission: 'token:manage' }, schema: { tags: ['api tokens'], params: IdParams, response: NoContent } },
    async (request, reply) => {
      await tokens.revoke(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
