import { describe, it, expect, beforeAll, vi } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, body, type Json, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, TEST_PASSWORD, type Client } from '#test/factories.ts';
import { PERMISSIONS } from './permissions.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type OrgUnit = Awaited<ReturnType<typeof buildOrgUnit>>;

const LOGIN_URL = '/api/v1/auth/login';
const NEW_PASSWORD = 'N3w-password-for-tests';

/** A sign-in attempt, answered as is. */
const signIn = (t: TestApp, username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: LOGIN_URL, payload: { username, password }, headers });

/** A browser session: the raw cookie value and its CSRF token, for requests the factory client cannot make. */
interface Session {
  cookie: string;
  csrf: string;
  answer: Json;
}

async function openSession(t: TestApp, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await signIn(t, username, password);
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'gx_session');
  expect(cookie).toBeDefined();
  return { cookie: cookie!.value, csrf: body(res).csrfToken, answer: body(res) };
}

/** One request with exactly the credentials given: a session cookie, a CSRF header, a bearer token, or none. */
function send(
  t: TestApp,
  method: Method,
  url: string,
  opts: { cookie?: string; csrf?: string; bearer?: string; payload?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.csrf !== undefined) headers['x-csrf-token'] = opts.csrf;
  if (opts.bearer !== undefined) headers.authorization = `Bearer ${opts.bearer}`;
  return t.app.inject({
    method,
    url,
    payload: opts.payload as never,
    headers,
    ...(opts.cookie !== undefined ? { cookies: { gx_session: opts.cookie } } : {}),
  });
}

function expectProblem(res: LightMyRequestResponse, status: number, code: string): Json {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const p = body(res);
  expect(p).toMatchObject({ status, code, type: `/problems/${code.toLowerCase().replaceAll('_', '-')}` });
  expect(typeof p.title).toBe('string');
  expect(typeof p.requestId).toBe('string');
  return p;
}

/** The fields and codes of a 400 problem. */
function expectInvalid(res: LightMyRequestResponse, ...errors: { field: string; code?: string }[]) {
  const p = expectProblem(res, 400, 'VALIDATION_FAILED');
  expect(p.errors).toEqual(errors.map((e) => expect.objectContaining(e)));
}

const ids = (items: { id: number }[]) => items.map((i) => i.id);

describe('sign-in, sessions and CSRF', () => {
  let t: TestApp;
  let admin: Client;
  let hq: OrgUnit;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin, hq } = await withAdmin(t));
  });

  it('refuses a wrong password with a 401 problem in the language of Accept-Language', async () => {
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });

    const en = await signIn(t, user.username, 'wrong-password-1', { 'accept-language': 'en-US,en;q=0.9' });
    const p = expectProblem(en, 401, 'INVALID_CREDENTIALS');
    expect(p).toMatchObject({ title: 'Wrong user name or password', instance: LOGIN_URL });
    expect(en.cookies).toEqual([]);

    const zh = await signIn(t, user.username, 'wrong-password-1', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(expectProblem(zh, 401, 'INVALID_CREDENTIALS').title).toBe('用户名或密码错误');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
    const wrong = await signIn(t, user.username, 'wrong-password-2', { 'accept-language': 'en' });
    const unknown = await signIn(t, 'nobody-by-that-name', 'wrong-password-2', { 'accept-language': 'en' });
    expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
    const { requestId: _a, ...a } = body(wrong);
    const { requestId: _b, ...b } = body(unknown);
    expect(b).toEqual(a);
    expect(unknown.cookies).toEqual([]);
  });

  it('signs in with an HttpOnly, SameSite=Lax session cookie and returns the CSRF token', async () => {
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
    const before = Date.now();
    // user names are matched without regard to case or surrounding blanks
    const res = await signIn(t, ` ${user.username.toUpperCase()} `, TEST_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const answer = body(res);
    expect(Object.keys(answer).sort()).toEqual(['csrfToken', 'expiresAt', 'mustChangePassword']);
    expect(answer.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(answer.mustChangePassword).toBe(false);
    const expiresAt = new Date(answer.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 12 * 3_600_000 - 1_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 12 * 3_600_000 + 1_000);

    expect(res.cookies).toHaveLength(1);
    const cookie = res.cookies[0]!;
    expect(cookie).toMatchObject({ name: 'gx_session', path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.value).not.toBe(answer.csrfToken);
    expect(Math.abs(new Date(cookie.expires!).getTime() - expiresAt)).toBeLessThan(1_000);
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Lax/i);
  });

  it('tells the signed-in user who he is, what he may do and what he sees', async () => {
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
    const s = await openSession(t, user.username);
    const res = await send(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie });
    expect(res.statusCode, res.body).toBe(200);
    const me = body(res);
    expect(me.user).toMatchObject({
      id: user.id,
      username: user.username,
      displayName: `测试${user.username}`,
      orgUnitId: hq.id,
      status: 'active',
      lockedUntil: null,
      mustChangePassword: false,
      roleKeys: ['customer_manager'],
    });
    expect(me.user).not.toHaveProperty('passwordHash');
    expect(me.user).not.toHaveProperty('failedLogins');
    expect(me.orgUnit).toMatchObject({ id: hq.id, code: hq.code, path: hq.path });
    expect([...me.permissions].sort()).toEqual(['activity:write', 'credit:adjust', 'customer:create', 'customer:read', 'customer:update', 'tag:assign', 'ticket:create', 'user:read']);
    expect(me.dataScope).toBe('own');
    expect(me.fieldRules).toEqual({ idNumber: 'masked_in_lists' });
    expect(me.csrfToken).toBe(s.csrf);
    expect(me.locale).toBe('en');
    expect(res.body).not.toContain('$argon2');

    const adminMe = body(await admin.get('/api/v1/auth/me'));
    expect([...adminMe.permissions].sort()).toEqual([...PERMISSIONS].sort());
    expect(adminMe.dataScope).toBe('all');
  });

  it('speaks the signed-in user’s language, unless X-Locale asks otherwise', async () => {
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq, locale: 'zh-CN' });
    const s = await openSession(t, user.username);
    const zh = await send(t, 'GET', '/api/v1/audit', { cookie: s.cookie, headers: { 'accept-language': 'en' } });
    expect(expectProblem(zh, 403, 'FORBIDDEN').title).toBe('您没有执行此操作的权限');
    const en = await send(t, 'GET', '/api/v1/audit', { cookie: s.cookie, headers: { 'x-locale': 'en' } });
    expect(expectProblem(en, 403, 'FORBIDDEN').title).toBe('You do not have permission to do this');
  });

  describe('CSRF', () => {
    let s: Session;
    const unit = (code: string) => ({ parentId: hq.id, code, nameZh: `网点${code}` });

    beforeAll(async () => {
      const user = await buildUser(t, { role: 'admin', orgUnit: hq });
      s = await openSession(t, user.username);
    });

    it('refuses an unsafe request with the cookie but no CSRF token', async () => {
      const res = await send(t, 'POST', '/api/v1/org-units', { cookie: s.cookie, payload: unit('CSRF_NONE'), headers: { 'accept-language': 'zh-CN' } });
      const p = expectProblem(res, 403, 'CSRF_TOKEN_INVALID');
      // the user's own language (en) wins over the browser's
      expect(p.title).toBe('Missing or wrong CSRF token: reload the page and try again');
      const tree = body(await admin.get('/api/v1/org-units'));
      expect(tree.map((u: { code: string }) => u.code)).not.toContain('CSRF_NONE');
    });

    it('refuses a wrong CSRF token, including the token of another session', async () => {
      const wrong = await send(t, 'POST', '/api/v1/org-units', { cookie: s.cookie, csrf: 'not-the-token', payload: unit('CSRF_WRONG') });
      expectProblem(wrong, 403, 'CSRF_TOKEN_INVALID');
      const empty = await send(t, 'POST', '/api/v1/org-units', { cookie: s.cookie, csrf: '', payload: unit('CSRF_EMPTY') });
      expectProblem(empty, 403, 'CSRF_TOKEN_INVALID');
      const other = await admin.get('/api/v1/auth/me');
      const foreign = await send(t, 'POST', '/api/v1/org-units', { cookie: s.cookie, csrf: body(other).csrfToken, payload: unit('CSRF_OTHER') });
      expectProblem(foreign, 403, 'CSRF_TOKEN_INVALID');
    });

    it('checks the CSRF token on PUT, PATCH and DELETE too', async () => {
      const locale = await send(t, 'PUT', '/api/v1/auth/locale', { cookie: s.cookie, payload: { locale: 'zh-CN' } });
      expectProblem(locale, 403, 'CSRF_TOKEN_INVALID');
      expect(body(await send(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie })).locale).toBe('en');

      const target = await buildOrgUnit(t, hq);
      const patch = await send(t, 'PATCH', `/api/v1/org-units/${target.id}`, { cookie: s.cookie, payload: { code: target.code, nameZh: '改名' } });
      expectProblem(patch, 403, 'CSRF_TOKEN_INVALID');
      expectProblem(await send(t, 'DELETE', `/api/v1/org-units/${target.id}`, { cookie: s.cookie }), 403, 'CSRF_TOKEN_INVALID');
      expect(body(await admin.get(`/api/v1/org-units/${target.id}`)).nameZh).toBe(target.nameZh);
    });

    it('accepts the unsafe request with the right CSRF token', async () => {
      const res = await send(t, 'POST', '/api/v1/org-units', { cookie: s.cookie, csrf: s.csrf, payload: unit('CSRF_OK') });
      expect(res.statusCode, res.body).toBe(201);
      expect(body(res)).toMatchObject({ code: 'CSRF_OK', parentId: hq.id });
    });

    it('needs no CSRF token for a GET', async () => {
      const res = await send(t, 'GET', '/api/v1/org-units', { cookie: s.cookie });
      expect(res.statusCode, res.body).toBe(200);
      expect(ids(body(res))).toContain(hq.id);
    });

    it('needs no CSRF token with an API token, even next to a session cookie', async () => {
      const created = await admin.post('/api/v1/api-tokens', { name: 'csrf test', userId: admin.userId });
      expect(created.statusCode, created.body).toBe(201);
      const token = body(created).token;
      const res = await send(t, 'POST', '/api/v1/org-units', { bearer: token, payload: unit('CSRF_BEARER') });
      expect(res.statusCode, res.body).toBe(201);
      const withCookie = await send(t, 'POST', '/api/v1/org-units', { bearer: token, cookie: s.cookie, payload: unit('CSRF_BEARER2') });
      expect(withCookie.statusCode, withCookie.body).toBe(201);
    });
  });

  describe('public and protected routes', () => {
    it.each([
      ['GET', '/api/v1/customers'],
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/users/1'],
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/org-units'],
      ['POST', '/api/v1/customers'],
      ['POST', '/api/v1/auth/logout'],
    ] as const)('refuses %s %s without a session', async (method, url) => {
      const res = await send(t, method, url, { headers: { 'accept-language': 'en' }, payload: method === 'POST' ? {} : undefined });
      const p = expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(p).toMatchObject({ title: 'Please sign in', instance: url });
    });

    it('refuses an unknown session cookie and an unknown API token', async () => {
      expectProblem(await send(t, 'GET', '/api/v1/customers', { cookie: 'forged-session-value' }), 401, 'UNAUTHENTICATED');
      expectProblem(await send(t, 'GET', '/api/v1/customers', { bearer: 'gx_forged-token-value' }), 401, 'UNAUTHENTICATED');
      expect(body(await send(t, 'GET', '/api/v1/users', { headers: { 'accept-language': 'zh-CN' } })).title).toBe('请先登录');
    });

    it('serves /health, the OpenAPI document and the docs page without a session', async () => {
      const health = await send(t, 'GET', '/health');
      expect(health.statusCode).toBe(200);
      expect(body(health)).toEqual({ status: 'ok' });

      const spec = await send(t, 'GET', '/api/openapi.json');
      expect(spec.statusCode, spec.body).toBe(200);
      const doc = body(spec);
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.paths['/api/v1/customers']).toHaveProperty('get');
      expect(doc.paths['/api/v1/customers']).toHaveProperty('post');
      expect(doc.paths['/api/v1/auth/login']).toHaveProperty('post');
      expect(doc.paths).not.toHaveProperty('/health');
      expect(doc.components.securitySchemes.session).toEqual({ type: 'apiKey', in: 'cookie', name: 'gx_session' });

      const docs = await send(t, 'GET', '/api/docs');
      expect(docs.statusCode, docs.body).toBe(200);
      expect(docs.headers['content-type']).toContain('text/html');
    });
  });

  it('logs out: the session is deleted and its cookie no longer works', async () => {
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
    const s = await openSession(t, user.username);
    expect((await send(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie })).statusCode).toBe(200);

    const out = await send(t, 'POST', '/api/v1/auth/logout', { cookie: s.cookie, csrf: s.csrf });
    expect(out.statusCode, out.body).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'gx_session');
    expect(cleared?.value).toBe('');
    expect(new Date(cleared!.expires!).getTime()).toBeLessThanOrEqual(Date.now());

    expectProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie }), 401, 'UNAUTHENTICATED');
    expectProblem(await send(t, 'POST', '/api/v1/auth/logout', { cookie: s.cookie, csrf: s.csrf }), 401, 'UNAUTHENTICATED');
    // other users' sessions are untouched
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});

describe('passwords', () => {
  // a separate app: sign-ins here do not count against the per-address limit of the tests above
  let t: TestApp;
  let admin: Client;
  let hq: OrgUnit;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin, hq } = await withAdmin(t));
  });

  describe('password change', () => {
    let user: Awaited<ReturnType<typeof buildUser>>;
    let current: Session;
    let other: Session;

    beforeAll(async () => {
      user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
      current = await openSession(t, user.username);
      other = await openSession(t, user.username);
    });

    const change = (currentPassword: string, newPassword: string) =>
      send(t, 'POST', '/api/v1/auth/password', { cookie: current.cookie, csrf: current.csrf, payload: { currentPassword, newPassword } });

    it('refuses a wrong current password, naming body.currentPassword', async () => {
      const res = await change('not-my-password-1', NEW_PASSWORD);
      expectInvalid(res, { field: 'body.currentPassword', code: 'field.password_wrong' });
      expect(body(res).errors[0].message).toBe('The current password is wrong');
    });

    it.each([
      ['too short', 'abc12345'],
      ['without a digit', 'only-letters-here'],
      ['without a letter', '1234567890123'],
    ])('refuses a weak new password (%s), naming body.newPassword', async (_label, weak) => {
      expectInvalid(await change(TEST_PASSWORD, weak), { field: 'body.newPassword', code: 'field.password_weak' });
    });

    it('changes it: the old password stops working, the new one works, other sessions are signed out', async () => {
      // nothing changed so far: both sessions live, the old password still good
      expect((await send(t, 'GET', '/api/v1/auth/me', { cookie: other.cookie })).statusCode).toBe(200);

      const res = await change(TEST_PASSWORD, NEW_PASSWORD);
      expect(res.statusCode, res.body).toBe(204);

      expect((await send(t, 'GET', '/api/v1/auth/me', { cookie: current.cookie })).statusCode).toBe(200);
      expectProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie: other.cookie }), 401, 'UNAUTHENTICATED');

      expectProblem(await signIn(t, user.username, TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');
      const again = await signIn(t, user.username, NEW_PASSWORD);
      expect(again.statusCode, again.body).toBe(200);
      expect(body(again).mustChangePassword).toBe(false);

      const audit = body(await admin.get(`/api/v1/audit?entity=user&entityId=${user.id}&action=password_change`));
      expect(audit).toEqual([expect.objectContaining({ actorId: user.id, before: null, after: null })]);
    });
  });

  it('lets an admin reset a password: sessions end and the user must change it', async () => {
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
    const s = await openSession(t, user.username);

    expectInvalid(await admin.post(`/api/v1/users/${user.id}/password-reset`, { password: 'short1' }), {
      field: 'body.password',
      code: 'field.password_weak',
    });
    expectProblem(await admin.post('/api/v1/users/999999/password-reset', { password: 'Temp0rary-pass' }), 404, 'USER_NOT_FOUND');

    const reset = await admin.post(`/api/v1/users/${user.id}/password-reset`, { password: 'Temp0rary-pass' });
    expect(reset.statusCode, reset.body).toBe(204);
    expectProblem(await send(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie }), 401, 'UNAUTHENTICATED');
    expectProblem(await signIn(t, user.username, TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');

    const temp = await openSession(t, user.username, 'Temp0rary-pass');
    expect(temp.answer.mustChangePassword).toBe(true);
    const me = await send(t, 'GET', '/api/v1/auth/me', { cookie: temp.cookie });
    expect(body(me).user.mustChangePassword).toBe(true);

    const changed = await send(t, 'POST', '/api/v1/auth/password', {
      cookie: temp.cookie,
      csrf: temp.csrf,
      payload: { currentPassword: 'Temp0rary-pass', newPassword: NEW_PASSWORD },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect(body(await send(t, 'GET', '/api/v1/auth/me', { cookie: temp.cookie })).user.mustChangePassword).toBe(false);

    const audit = body(await admin.get(`/api/v1/audit?entity=user&entityId=${user.id}&action=password_reset`));
    expect(audit).toEqual([expect.objectContaining({ actorId: admin.userId, actorKind: 'user' })]);
  });
});

describe('account lockout', () => {
  let t: TestApp;
  let admin: Client;
  let hq: OrgUnit;

  beforeAll(async () => {
    t = await buildTestApp({ loginMaxFailures: 3 });
    ({ client: admin, hq } = await withAdmin(t));
  });

  it('locks the account at the third wrong password; even the right one is then refused', async () => {
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
    const en = { 'accept-language': 'en' };
    expectProblem(await signIn(t, user.username, 'wrong-password-1', en), 401, 'INVALID_CREDENTIALS');
    expectProblem(await signIn(t, user.username, 'wrong-password-2', en), 401, 'INVALID_CREDENTIALS');

    const start = Date.now();
    const third = await signIn(t, user.username, 'wrong-password-3', en);
    const p = expectProblem(third, 423, 'ACCOUNT_LOCKED');
    const lockedUntil = new Date(p.lockedUntil).getTime();
    expect(p.lockedUntil).toBe(new Date(lockedUntil).toISOString());
    // 15 minutes by default
    expect(lockedUntil).toBeGreaterThan(start + 15 * 60_000 - 5_000);
    expect(lockedUntil).toBeLessThan(Date.now() + 15 * 60_000 + 5_000);
    expect(p.title).toBe(`Too many failed attempts: the account is locked until ${p.lockedUntil}`);
    expect(third.cookies).toEqual([]);

    const right = await signIn(t, user.username, TEST_PASSWORD, en);
    expect(expectProblem(right, 423, 'ACCOUNT_LOCKED').lockedUntil).toBe(p.lockedUntil);
    expect(right.cookies).toEqual([]);
    // further attempts do not extend the lock
    expect(expectProblem(await signIn(t, user.username, 'wrong-password-4'), 423, 'ACCOUNT_LOCKED').lockedUntil).toBe(p.lockedUntil);

    const shown = body(await admin.get(`/api/v1/users/${user.id}`));
    expect(new Date(shown.lockedUntil).toISOString()).toBe(p.lockedUntil);

    // an admin's password reset unlocks the account
    expect((await admin.post(`/api/v1/users/${user.id}/password-reset`, { password: 'Temp0rary-pass' })).statusCode).toBe(204);
    const unlocked = await signIn(t, user.username, 'Temp0rary-pass');
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(body(unlocked).mustChangePassword).toBe(true);
  });

  it('starts counting again after a successful sign-in', async () => {
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
    expectProblem(await signIn(t, user.username, 'wrong-password-1'), 401, 'INVALID_CREDENTIALS');
    expectProblem(await signIn(t, user.username, 'wrong-password-2'), 401, 'INVALID_CREDENTIALS');
    expect((await signIn(t, user.username, TEST_PASSWORD)).statusCode).toBe(200);
    expectProblem(await signIn(t, user.username, 'wrong-password-3'), 401, 'INVALID_CREDENTIALS');
    expectProblem(await signIn(t, user.username, 'wrong-password-4'), 401, 'INVALID_CREDENTIALS');
    expect((await signIn(t, user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('gives a fresh count of attempts once the lock has expired', async () => {
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
    for (const attempt of [1, 2]) expectProblem(await signIn(t, user.username, `wrong-password-${attempt}`), 401, 'INVALID_CREDENTIALS');
    expectProblem(await signIn(t, user.username, 'wrong-password-3'), 423, 'ACCOUNT_LOCKED');
    // fifteen minutes pass
    await t.db.query(`update users set locked_until = now() - interval '1 second' where id = $1`, [user.id]);

    // one typo after the lock has ended is one failure, not a new lock
    expectProblem(await signIn(t, user.username, 'wrong-password-4'), 401, 'INVALID_CREDENTIALS');
    expect((await signIn(t, user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('sign-in rate limit per client address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
  });

  it('answers 429 after 20 attempts in a minute, whatever the credentials', async () => {
    const hq = await buildOrgUnit(t);
    const user = await buildUser(t, { role: 'customer_manager', orgUnit: hq });
    for (let i = 0; i < 20; i++) expectProblem(await signIn(t, `ghost${i}`, 'wrong-password-1'), 401, 'INVALID_CREDENTIALS');
    const res = await signIn(t, user.username, TEST_PASSWORD, { 'accept-language': 'en' });
    const p = expectProblem(res, 429, 'LOGIN_RATE_LIMITED');
    expect(p.title).toBe('Too many sign-in attempts from your address: wait a minute');
    expect(res.headers['retry-after']).toBe('60');
    expect(res.cookies).toEqual([]);
  });
});

describe('sign-in rate limit: the client address cannot be forged', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
  });

  it('counts attempts by the connecting address, whatever X-Forwarded-For claims', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await signIn(t, `ghost${i}`, 'wrong-password-1', { 'x-forwarded-for': `198.51.100.${i}` });
      expectProblem(res, 401, 'INVALID_CREDENTIALS');
    }
    const res = await signIn(t, 'ghost-last', 'wrong-password-1', { 'x-forwarded-for': '198.51.100.250' });
    expectProblem(res, 429, 'LOGIN_RATE_LIMITED');
  });
});

describe('administration: org units, roles, users, tokens, audit, settings', () => {
  let t: TestApp;
  let admin: Client;
  let hq: OrgUnit;
  let adminUser: { id: number; username: string };
  let roleIds: Record<string, number>;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin, hq, admin: adminUser } = await withAdmin(t));
    const roles = body(await admin.get('/api/v1/roles'));
    roleIds = Object.fromEntries(roles.map((r: { key: string; id: number }) => [r.key, r.id]));
  });

  const createUnit = async (parentId: number, code: string, kind = 'branch', nameZh = `机构${code}`) => {
    const res = await admin.post('/api/v1/org-units', { parentId, code, nameZh, kind });
    expect(res.statusCode, res.body).toBe(201);
    return body(res) as OrgUnit;
  };
  const getUnit = async (id: number) => body(await admin.get(`/api/v1/org-units/${id}`)) as OrgUnit;
  const moveUnit = (unit: OrgUnit, parentId: number | null) =>
    admin.patch(`/api/v1/org-units/${unit.id}`, { code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn, kind: unit.kind, parentId });

  describe('org units', () => {
    let north: OrgUnit;
    let south: OrgUnit;
    let city: OrgUnit;
    let branch: OrgUnit;
    let team: OrgUnit;

    beforeAll(async () => {
      north = await createUnit(hq.id, 'NORTH', 'province', '北方大区');
      south = await createUnit(hq.id, 'SOUTH', 'province', '南方大区');
      city = await createUnit(north.id, 'NORTH_CITY', 'city');
      branch = await createUnit(city.id, 'NORTH_BRANCH');
      team = await createUnit(branch.id, 'NORTH_TEAM', 'department');
    });

    it('builds a tree with materialised paths and depths', async () => {
      expect(north).toMatchObject({ parentId: hq.id, kind: 'province', nameEn: null, depth: hq.depth + 1, path: `${hq.path}${north.id}/` });
      expect(city).toMatchObject({ parentId: north.id, depth: hq.depth + 2, path: `${north.path}${city.id}/` });
      expect(branch).toMatchObject({ parentId: city.id, kind: 'branch', depth: hq.depth + 3, path: `${city.path}${branch.id}/` });
      expect(team).toMatchObject({ parentId: branch.id, depth: hq.depth + 4, path: `${branch.path}${team.id}/` });

      const tree: OrgUnit[] = body(await admin.get('/api/v1/org-units'));
      const paths = tree.map((u) => u.path);
      expect(paths).toEqual([...paths].sort());
      expect(ids(tree)).toEqual(expect.arrayContaining([hq.id, north.id, south.id, city.id, branch.id, team.id]));
    });

    it('moves a unit with its whole subtree: paths and depths follow', async () => {
      const res = await moveUnit(city, south.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(body(res)).toMatchObject({ id: city.id, parentId: south.id, depth: south.depth + 1, path: `${south.path}${city.id}/`, kind: 'city' });
      city = await getUnit(city.id);
      branch = await getUnit(branch.id);
      team = await getUnit(team.id);
      expect(branch).toMatchObject({ parentId: city.id, depth: south.depth + 2, path: `${south.path}${city.id}/${branch.id}/` });
      expect(team).toMatchObject({ parentId: branch.id, depth: south.depth + 3, path: `${south.path}${city.id}/${branch.id}/${team.id}/` });
      expect(await getUnit(north.id)).toMatchObject({ path: north.path, depth: north.depth });

      // one level deeper: south under north, three generations below it shift by one
      expect((await moveUnit(south, north.id)).statusCode).toBe(200);
      south = await getUnit(south.id);
      expect(south).toMatchObject({ parentId: north.id, depth: north.depth + 1, path: `${north.path}${south.id}/` });
      expect(await getUnit(city.id)).toMatchObject({ depth: north.depth + 2, path: `${south.path}${city.id}/` });
      expect(await getUnit(branch.id)).toMatchObject({ depth: north.depth + 3, path: `${south.path}${city.id}/${branch.id}/` });
      expect(await getUnit(team.id)).toMatchObject({ depth: north.depth + 4, path: `${south.path}${city.id}/${branch.id}/${team.id}/` });

      const audit = body(await admin.get(`/api/v1/audit?entity=org_unit&entityId=${south.id}&action=move`));
      expect(audit[0]).toMatchObject({ before: { parentId: hq.id, path: `${hq.path}${south.id}/` }, after: { parentId: north.id, path: south.path } });
    });

    it('refuses to move a unit under itself or one of its descendants, naming body.parentId', async () => {
      const current = await getUnit(north.id);
      const teamBefore = await getUnit(team.id);
      for (const target of [team.id, branch.id, north.id]) {
        const res = await moveUnit(current, target);
        expectInvalid(res, { field: 'body.parentId', code: 'field.parent_cycle' });
      }
      expectInvalid(await moveUnit(current, 999_999), { field: 'body.parentId', code: 'org_unit.not_found' });
      expect(await getUnit(north.id)).toEqual(current);
      expect(await getUnit(team.id)).toEqual(teamBefore);
    });

    it('refuses to delete a unit with children (409) and deletes an empty one', async () => {
      const res = await admin.delete(`/api/v1/org-units/${branch.id}`);
      expectProblem(res, 409, 'ORG_UNIT_IN_USE');
      expect((await admin.get(`/api/v1/org-units/${branch.id}`)).statusCode).toBe(200);

      const withUser = await createUnit(hq.id, 'HAS_USER');
      await buildUser(t, { role: 'customer_manager', orgUnit: withUser });
      expectProblem(await admin.delete(`/api/v1/org-units/${withUser.id}`), 409, 'ORG_UNIT_IN_USE');

      const empty = await createUnit(team.id, 'EMPTY_LEAF');
      expect((await admin.delete(`/api/v1/org-units/${empty.id}`)).statusCode).toBe(204);
      expectProblem(await admin.get(`/api/v1/org-units/${empty.id}`), 404, 'ORG_UNIT_NOT_FOUND');
      expectProblem(await admin.delete(`/api/v1/org-units/${empty.id}`), 404, 'ORG_UNIT_NOT_FOUND');
    });

    it('refuses a duplicate code, naming body.code', async () => {
      expectInvalid(await admin.post('/api/v1/org-units', { parentId: hq.id, code: 'NORTH', nameZh: '重复' }), { field: 'body.code', code: 'field.taken' });
      const other = await getUnit(team.id);
      expectInvalid(await admin.patch(`/api/v1/org-units/${other.id}`, { code: 'NORTH', nameZh: other.nameZh, kind: other.kind }), {
        field: 'body.code',
        code: 'field.taken',
      });
      expectInvalid(await admin.post('/api/v1/org-units', { parentId: 999_999, code: 'ORPHAN', nameZh: '孤儿' }), {
        field: 'body.parentId',
        code: 'org_unit.not_found',
      });
      expectInvalid(await admin.post('/api/v1/org-units', { parentId: hq.id, code: 'bad code!', nameZh: '坏' }), { field: 'body.code' });
    });
  });

  describe('roles', () => {
    let unit: OrgUnit;
    let role: Json;
    let viewer: Client;
    let seen: Json;

    beforeAll(async () => {
      unit = await createUnit(hq.id, 'ROLE_UNIT');
      const below = await createUnit(unit.id, 'ROLE_BELOW');
      const created = await admin.post('/api/v1/roles', {
        key: 'customer_viewer',
        nameZh: '客户查看员',
        nameEn: 'Customer viewer',
        permissions: ['customer:read'],
        dataScope: 'unit',
      });
      expect(created.statusCode, created.body).toBe(201);
      role = body(created);
      const user = await admin.post('/api/v1/users', {
        username: 'viewer.one',
        password: 'Initial-pass-1',
        displayName: '查看员',
        orgUnitId: unit.id,
        locale: 'en',
        roleIds: [role.id],
      });
      expect(user.statusCode, user.body).toBe(201);
      viewer = await login(t, body(user), 'Initial-pass-1');

      const customer = async (name: string, orgUnitId: number) => {
        const res = await admin.post('/api/v1/customers', { kind: 'individual', name, orgUnitId, ownerId: null });
        expect(res.statusCode, res.body).toBe(201);
        return body(res).id as number;
      };
      seen = {
        mine: await customer('本部门客户', unit.id),
        below: await customer('下级机构客户', below.id),
        hq: await customer('总行客户', hq.id),
      };
    });

    it('creates a custom role with the permissions and scope chosen', () => {
      expect(role).toEqual({
        id: expect.any(Number),
        key: 'customer_viewer',
        nameZh: '客户查看员',
        nameEn: 'Customer viewer',
        builtin: false,
        permissions: ['customer:read'],
        dataScope: 'unit',
        fieldRules: {},
      });
    });

    it('lets its user do exactly what it grants, within its scope', async () => {
      const me = body(await viewer.get('/api/v1/auth/me'));
      expect(me.permissions).toEqual(['customer:read']);
      expect(me.dataScope).toBe('unit');
      expect(me.user.roleKeys).toEqual(['customer_viewer']);

      const list = await viewer.get('/api/v1/customers');
      expect(list.statusCode, list.body).toBe(200);
      expect(ids(body(list).items)).toEqual([seen.mine]);
      expect((await viewer.get(`/api/v1/customers/${seen.mine}`)).statusCode).toBe(200);
      expectProblem(await viewer.get(`/api/v1/customers/${seen.below}`), 404, 'CUSTOMER_NOT_FOUND');

      const create = await viewer.post('/api/v1/customers', { kind: 'individual', name: '不该建' });
      expect(expectProblem(create, 403, 'FORBIDDEN').title).toBe('You do not have permission to do this');
      expectProblem(await viewer.patch(`/api/v1/customers/${seen.mine}`, { status: 'dormant' }), 403, 'FORBIDDEN');
      expectProblem(await viewer.get('/api/v1/users'), 403, 'FORBIDDEN');
      expectProblem(await viewer.get('/api/v1/roles'), 403, 'FORBIDDEN');
      expectProblem(await viewer.get('/api/v1/customers/export.csv'), 403, 'FORBIDDEN');
    });

    it('applies a change of the role to its signed-in users once their cached rights expire (3 s)', async () => {
      const updated = await admin.put(`/api/v1/roles/${role.id}`, {
        nameZh: role.nameZh,
        nameEn: role.nameEn,
        permissions: ['customer:read', 'customer:create'],
        dataScope: 'unit_and_below',
      });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(body(updated)).toMatchObject({ key: 'customer_viewer', builtin: false, permissions: ['customer:read', 'customer:create'], dataScope: 'unit_and_below' });

      const realNow = Date.now.bind(Date);
      const clock = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 3_100);
      try {
        const me = body(await viewer.get('/api/v1/auth/me'));
        expect([...me.permissions].sort()).toEqual(['customer:create', 'customer:read']);
        const list = body(await viewer.get('/api/v1/customers'));
        expect(ids(list.items).sort((a, b) => a - b)).toEqual([seen.mine, seen.below].sort((a, b) => a - b));
        const create = await viewer.post('/api/v1/customers', { kind: 'individual', name: '现在可以建' });
        expect(create.statusCode, create.body).toBe(201);
        expectProblem(await viewer.get('/api/v1/users'), 403, 'FORBIDDEN');
      } finally {
        clock.mockRestore();
      }
    });

    it('refuses bad role input', async () => {
      const base = { nameZh: '角色', nameEn: 'Role', permissions: ['customer:read'], dataScope: 'own' };
      expectInvalid(await admin.post('/api/v1/roles', { ...base, key: 'customer_viewer' }), { field: 'body.key', code: 'field.taken' });
      expectInvalid(await admin.post('/api/v1/roles', { ...base, key: 'fly_role', permissions: ['customer:fly'] }), { field: 'body.permissions.0' });
      expectInvalid(await admin.post('/api/v1/roles', { ...base, key: 'wide_role', dataScope: 'galaxy' }), { field: 'body.dataScope' });
    });

    it('never deletes a built-in role (409) nor one still given to users', async () => {
      for (const key of ['admin', 'customer_manager', 'auditor']) {
        const res = await admin.delete(`/api/v1/roles/${roleIds[key]}`);
        expectProblem(res, 409, 'ROLE_BUILTIN');
      }
      expectProblem(await admin.delete(`/api/v1/roles/${role.id}`), 409, 'ROLE_IN_USE');
      const keys = body(await admin.get('/api/v1/roles')).map((r: { key: string }) => r.key);
      expect(keys).toEqual(expect.arrayContaining(['admin', 'customer_manager', 'auditor', 'customer_viewer']));

      const unused = await admin.post('/api/v1/roles', { key: 'short_lived', nameZh: '临时', nameEn: 'Short-lived', permissions: [], dataScope: 'own' });
      expect(unused.statusCode, unused.body).toBe(201);
      expect((await admin.delete(`/api/v1/roles/${body(unused).id}`)).statusCode).toBe(204);
      expectProblem(await admin.delete(`/api/v1/roles/${body(unused).id}`), 404, 'ROLE_NOT_FOUND');
    });
  });

  describe('a customer manager cannot reach privileged routes', () => {
    let cm: Client;
    const x: Record<string, number> = {};

    beforeAll(async () => {
      const unit = await createUnit(hq.id, 'CM_UNIT');
      const user = await buildUser(t, { role: 'customer_manager', orgUnit: unit });
      cm = await login(t, user);
      x.self = user.id;
      x.unit = (await createUnit(unit.id, 'CM_LEAF')).id;
      const customRole = await admin.post('/api/v1/roles', { key: 'cm_target', nameZh: '目标', nameEn: 'Target', permissions: [], dataScope: 'own' });
      x.role = body(customRole).id;
      const token = await admin.post('/api/v1/api-tokens', { name: 'cm target', userId: adminUser.id });
      x.token = body(token).id;
      const field = await admin.post('/api/v1/custom-fields', { key: 'cm_target', type: 'text', labelZh: '目标', labelEn: 'Target' });
      expect(field.statusCode, field.body).toBe(201);
      x.field = body(field).id;
      const own = async (name: string) => {
        const res = await cm.post('/api/v1/customers', { kind: 'individual', name });
        expect(res.statusCode, res.body).toBe(201);
        return body(res).id as number;
      };
      x.customer = await own('经理客户甲');
      x.other = await own('经理客户乙');
    });

    it('can still do what his role allows', async () => {
      expect((await cm.get('/api/v1/users')).statusCode).toBe(200);
      expect((await cm.get('/api/v1/roles')).statusCode).toBe(200);
      expect((await cm.get(`/api/v1/customers/${x.customer}`)).statusCode).toBe(200);
      expect((await cm.post(`/api/v1/customers/${x.customer}/activities`, { kind: 'call', body: '回访' })).statusCode).toBe(201);
    });

    const routes: { route: string; method: Method; url: (x: Record<string, number>) => string; payload?: (x: Record<string, number>) => unknown }[] = [
      { route: 'POST /org-units', method: 'POST', url: () => '/org-units', payload: (x) => ({ parentId: x.unit, code: 'CM_MADE', nameZh: '越权' }) },
      { route: 'PATCH /org-units/:id', method: 'PATCH', url: (x) => `/org-units/${x.unit}`, payload: () => ({ code: 'CM_LEAF', nameZh: '越权改名' }) },
      { route: 'DELETE /org-units/:id', method: 'DELETE', url: (x) => `/org-units/${x.unit}` },
      {
        route: 'POST /roles',
        method: 'POST',
        url: () => '/roles',
        payload: () => ({ key: 'cm_made', nameZh: '越权', nameEn: 'Made', permissions: [...PERMISSIONS], dataScope: 'all' }),
      },
      {
        route: 'PUT /roles/:id',
        method: 'PUT',
        url: () => `/roles/${roleIds.customer_manager}`,
        payload: () => ({ nameZh: '客户经理', nameEn: 'Customer manager', permissions: [...PERMISSIONS], dataScope: 'all' }),
      },
      { route: 'DELETE /roles/:id', method: 'DELETE', url: (x) => `/roles/${x.role}` },
      {
        route: 'POST /users',
        method: 'POST',
        url: () => '/users',
        payload: (x) => ({ username: 'cm.made', password: 'Strong-pass-1', displayName: '越权', orgUnitId: x.unit, roleIds: [roleIds.admin] }),
      },
      {
        route: 'PUT /users/:id',
        method: 'PUT',
        url: (x) => `/users/${x.self}`,
        payload: (x) => ({ displayName: '越权', orgUnitId: x.unit, roleIds: [roleIds.admin] }),
      },
      { route: 'POST /users/:id/password-reset', method: 'POST', url: () => `/users/${adminUser.id}/password-reset`, payload: () => ({ password: 'Hijacked-pass-1' }) },
      { route: 'GET /api-tokens', method: 'GET', url: () => '/api-tokens' },
      { route: 'POST /api-tokens', method: 'POST', url: () => '/api-tokens', payload: () => ({ name: 'mine', userId: adminUser.id }) },
      { route: 'DELETE /api-tokens/:id', method: 'DELETE', url: (x) => `/api-tokens/${x.token}` },
      { route: 'GET /audit', method: 'GET', url: () => '/audit' },
      {
        route: 'POST /custom-fields',
        method: 'POST',
        url: () => '/custom-fields',
        payload: () => ({ key: 'cm_made', type: 'text', labelZh: '越权', labelEn: 'Made' }),
      },
      { route: 'PUT /custom-fields/:id', method: 'PUT', url: (x) => `/custom-fields/${x.field}`, payload: () => ({ labelZh: '越权', labelEn: 'Made' }) },
      { route: 'PUT /settings/customer-code-pattern', method: 'PUT', url: () => '/settings/customer-code-pattern', payload: () => ({ pattern: 'X{seq:4}' }) },
      { route: 'DELETE /customers/:id', method: 'DELETE', url: (x) => `/customers/${x.customer}` },
      { route: 'POST /customers/:id/restore', method: 'POST', url: (x) => `/customers/${x.customer}/restore` },
      { route: 'POST /customers/:id/merge', method: 'POST', url: (x) => `/customers/${x.customer}/merge`, payload: (x) => ({ sourceId: x.other }) },
      { route: 'POST /customer-merges/:id/undo', method: 'POST', url: () => '/customer-merges/1/undo' },
      { route: 'POST /customers/:id/transfer', method: 'POST', url: (x) => `/customers/${x.customer}/transfer`, payload: () => ({ ownerId: adminUser.id }) },
      { route: 'GET /customers/export.csv', method: 'GET', url: () => '/customers/export.csv' },
    ];

    it.each(routes)('refuses $route with 403 FORBIDDEN', async ({ method, url, payload }) => {
      const res = await cm.request(method, `/api/v1${url(x)}`, payload?.(x));
      const p = expectProblem(res, 403, 'FORBIDDEN');
      expect(p.title).toBe('You do not have permission to do this');
    });

    it('left everything as it was', async () => {
      const codes = body(await admin.get('/api/v1/org-units')).map((u: { code: string }) => u.code);
      expect(codes).toContain('CM_LEAF');
      expect(codes).not.toContain('CM_MADE');
      expect((await admin.get(`/api/v1/org-units/${x.unit}`)).json()).toMatchObject({ nameZh: '机构CM_LEAF' });
      const roles = body(await admin.get('/api/v1/roles'));
      expect(roles.map((r: { key: string }) => r.key)).toContain('cm_target');
      expect(roles.map((r: { key: string }) => r.key)).not.toContain('cm_made');
      expect(roles.find((r: { key: string }) => r.key === 'customer_manager').dataScope).toBe('own');
      expect(body(await admin.get(`/api/v1/users/${x.self}`)).roleKeys).toEqual(['customer_manager']);
      expect(body(await admin.get('/api/v1/api-tokens')).find((tk: { id: number }) => tk.id === x.token).revokedAt).toBeNull();
      expect(body(await admin.get('/api/v1/settings/customer-code-pattern')).pattern).toBe('C{yyyy}{seq:8}');
      expect((await cm.get(`/api/v1/customers/${x.customer}`)).statusCode).toBe(200);
      expect((await cm.get(`/api/v1/customers/${x.other}`)).statusCode).toBe(200);
    });
  });

  describe('API tokens', () => {
    let unit: OrgUnit;
    let bm: { id: number; username: string; orgUnitId: number };
    let created: Json;
    let inUnit: number;
    let atHq: number;

    beforeAll(async () => {
      unit = await createUnit(hq.id, 'TOKEN_UNIT');
      bm = await buildUser(t, { role: 'branch_manager', orgUnit: unit });
      const customer = async (name: string, orgUnitId: number) =>
        body(await admin.post('/api/v1/customers', { kind: 'individual', name, orgUnitId, ownerId: null })).id as number;
      inUnit = await customer('令牌机构客户', unit.id);
      atHq = await customer('令牌总行客户', hq.id);
      const res = await admin.post('/api/v1/api-tokens', { name: 'Nightly ETL', userId: bm.id });
      expect(res.statusCode, res.body).toBe(201);
      created = body(res);
    });

    it('shows the clear token once, at creation', async () => {
      expect(created).toMatchObject({ name: 'Nightly ETL', userId: bm.id, createdBy: adminUser.id, expiresAt: null, lastUsedAt: null, revokedAt: null });
      expect(created.token).toMatch(/^gx_[A-Za-z0-9_-]{43}$/);
      expect(created.prefix).toBe(created.token.slice(0, 10));

      const listed = await admin.get('/api/v1/api-tokens');
      expect(listed.statusCode).toBe(200);
      const entry = body(listed).find((tk: { id: number }) => tk.id === created.id);
      expect(entry).toMatchObject({ name: 'Nightly ETL', userId: bm.id, prefix: created.prefix });
      expect(entry).not.toHaveProperty('token');
      expect(listed.body).not.toContain(created.token);

      const audit = await admin.get(`/api/v1/audit?entity=api_token&entityId=${created.id}`);
      expect(body(audit)[0]).toMatchObject({ action: 'create', actorId: adminUser.id, after: { name: 'Nightly ETL', userId: bm.id } });
      expect(audit.body).not.toContain(created.token);
    });

    it('acts as its user, with his permissions and data scope', async () => {
      const me = body(await send(t, 'GET', '/api/v1/auth/me', { bearer: created.token }));
      expect(me.user).toMatchObject({ id: bm.id, username: bm.username });
      expect(me.dataScope).toBe('unit_and_below');
      expect(me.csrfToken).toBeNull();

      const list = body(await send(t, 'GET', '/api/v1/customers', { bearer: created.token }));
      expect(ids(list.items)).toEqual([inUnit]);
      expectProblem(await send(t, 'GET', `/api/v1/customers/${atHq}`, { bearer: created.token }), 404, 'CUSTOMER_NOT_FOUND');

      const made = await send(t, 'POST', '/api/v1/customers', { bearer: created.token, payload: { kind: 'individual', name: '令牌新客户' } });
      expect(made.statusCode, made.body).toBe(201);
      expect(body(made)).toMatchObject({ orgUnitId: unit.id, ownerId: bm.id });
      const audit = body(await admin.get(`/api/v1/audit?entity=customer&entityId=${body(made).id}`));
      expect(audit[0]).toMatchObject({ action: 'create', actorId: bm.id, actorKind: 'token' });

      // the token has the user's rights, not those of the admin who made it
      expectProblem(await send(t, 'POST', '/api/v1/org-units', { bearer: created.token, payload: { parentId: hq.id, code: 'TOKEN_MADE', nameZh: '越权' } }), 403, 'FORBIDDEN');
      expectProblem(await send(t, 'GET', '/api/v1/api-tokens', { bearer: created.token }), 403, 'FORBIDDEN');

      const entry = body(await admin.get('/api/v1/api-tokens')).find((tk: { id: number }) => tk.id === created.id);
      expect(entry.lastUsedAt).not.toBeNull();
    });

    it('refuses a token for an unknown user and an expired token', async () => {
      expectInvalid(await admin.post('/api/v1/api-tokens', { name: 'Ghost', userId: 999_999 }), { field: 'body.userId', code: 'user.not_found' });
      const expired = await admin.post('/api/v1/api-tokens', { name: 'Expired', userId: bm.id, expiresAt: '2020-01-01T00:00:00Z' });
      expect(expired.statusCode, expired.body).toBe(201);
      expectProblem(await send(t, 'GET', '/api/v1/auth/me', { bearer: body(expired).token }), 401, 'UNAUTHENTICATED');
    });

    it('stops working once revoked', async () => {
      const other = body(await admin.post('/api/v1/api-tokens', { name: 'Other', userId: bm.id }));
      const res = await admin.delete(`/api/v1/api-tokens/${created.id}`);
      expect(res.statusCode, res.body).toBe(204);
      expectProblem(await send(t, 'GET', '/api/v1/auth/me', { bearer: created.token }), 401, 'UNAUTHENTICATED');
      expectProblem(await send(t, 'POST', '/api/v1/customers', { bearer: created.token, payload: { kind: 'individual', name: '吊销后' } }), 401, 'UNAUTHENTICATED');
      const entry = body(await admin.get('/api/v1/api-tokens')).find((tk: { id: number }) => tk.id === created.id);
      expect(entry.revokedAt).not.toBeNull();
      // other tokens of the same user keep working
      expect((await send(t, 'GET', '/api/v1/auth/me', { bearer: other.token })).statusCode).toBe(200);
      expectProblem(await admin.delete('/api/v1/api-tokens/999999'), 404, 'TOKEN_NOT_FOUND');
    });

    it('stops working when its user is disabled', async () => {
      const user = await buildUser(t, { role: 'customer_manager', orgUnit: unit });
      const token = body(await admin.post('/api/v1/api-tokens', { name: 'Soon disabled', userId: user.id })).token;
      expect((await send(t, 'GET', '/api/v1/auth/me', { bearer: token })).statusCode).toBe(200);
      const disabled = await admin.put(`/api/v1/users/${user.id}`, {
        displayName: '已停用',
        orgUnitId: unit.id,
        roleIds: [roleIds.customer_manager],
        status: 'disabled',
      });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expect(body(disabled).status).toBe('disabled');
      expectProblem(await send(t, 'GET', '/api/v1/auth/me', { bearer: token }), 401, 'UNAUTHENTICATED');
      expectProblem(await signIn(t, user.username, TEST_PASSWORD), 403, 'ACCOUNT_DISABLED');
    });
  });

  describe('users', () => {
    it('shows a branch manager only the users of his subtree', async () => {
      const region = await createUnit(hq.id, 'USERS_REGION');
      const branchA = await createUnit(region.id, 'USERS_A');
      const subA = await createUnit(branchA.id, 'USERS_A_SUB');
      const branchB = await createUnit(region.id, 'USERS_B');
      const manager = await buildUser(t, { role: 'branch_manager', orgUnit: branchA });
      const inA = await buildUser(t, { role: 'customer_manager', orgUnit: branchA, managerId: manager.id });
      const inSub = await buildUser(t, { role: 'service_agent', orgUnit: subA });
      const inB = await buildUser(t, { role: 'customer_manager', orgUnit: branchB });
      const atRegion = await buildUser(t, { role: 'branch_manager', orgUnit: region });

      const client = await login(t, manager);
      const res = await client.get('/api/v1/users');
      expect(res.statusCode, res.body).toBe(200);
      expect(ids(body(res))).toEqual([manager.id, inA.id, inSub.id]);
      expect(res.body).not.toContain('passwordHash');
      expect(res.body).not.toContain('$argon2');

      expect(ids(body(await client.get(`/api/v1/users?search=${inSub.username}`)))).toEqual([inSub.id]);
      expect(ids(body(await client.get(`/api/v1/users?search=${inB.username}`)))).toEqual([]);
      expect(body(await client.get(`/api/v1/users/${inSub.id}`))).toMatchObject({ id: inSub.id, roleKeys: ['service_agent'] });
      expectProblem(await client.get(`/api/v1/users/${inB.id}`), 404, 'USER_NOT_FOUND');
      expectProblem(await client.get(`/api/v1/users/${atRegion.id}`), 404, 'USER_NOT_FOUND');

      const all = ids(body(await admin.get('/api/v1/users?limit=500')));
      expect(all).toEqual(expect.arrayContaining([manager.id, inA.id, inSub.id, inB.id, atRegion.id, adminUser.id]));
    });

    it('creates a user who must change his password, refusing taken names and weak passwords', async () => {
      const unit = await createUnit(hq.id, 'USERS_NEW');
      const input = { username: 'Li.Lei', password: 'Initial-pass-1', displayName: '李雷', orgUnitId: unit.id, roleIds: [roleIds.customer_manager] };
      const res = await admin.post('/api/v1/users', input);
      expect(res.statusCode, res.body).toBe(201);
      expect(body(res)).toMatchObject({ username: 'li.lei', displayName: '李雷', orgUnitId: unit.id, mustChangePassword: true, status: 'active', locale: 'zh-CN', roleKeys: ['customer_manager'] });
      expect(res.body).not.toContain('Initial-pass-1');
      expect(res.body).not.toContain('passwordHash');

      expectInvalid(await admin.post('/api/v1/users', { ...input, username: 'LI.LEI' }), { field: 'body.username', code: 'field.taken' });
      expectInvalid(await admin.post('/api/v1/users', { ...input, username: 'han.meimei', password: 'weakpass' }), { field: 'body.password', code: 'field.password_weak' });
      expectInvalid(await admin.post('/api/v1/users', { ...input, username: 'han.meimei', roleIds: [999_999] }), { field: 'body.roleIds.0', code: 'role.not_found' });
      expectInvalid(await admin.post('/api/v1/users', { ...input, username: 'han.meimei', orgUnitId: 999_999 }), { field: 'body.orgUnitId', code: 'org_unit.not_found' });
    });
  });

  describe('audit', () => {
    it('records sign-ins, org unit changes and user creation with actor, request and before/after', async () => {
      const unit = await createUnit(hq.id, 'AUDIT_UNIT');
      const user = await buildUser(t, { role: 'customer_manager', orgUnit: unit });
      await login(t, user);

      const logins = body(await admin.get(`/api/v1/audit?entity=user&entityId=${user.id}&action=login`));
      expect(logins).toEqual([
        expect.objectContaining({
          actorId: user.id,
          actorKind: 'user',
          actorName: `测试${user.username}`,
          entity: 'user',
          entityId: String(user.id),
          before: null,
          after: null,
          ip: '127.0.0.1',
        }),
      ]);

      const created = await admin.post('/api/v1/org-units', { parentId: hq.id, code: 'AUDITED', nameZh: '审计前' }, { 'x-request-id': 'audit-req-1' });
      expect(created.statusCode, created.body).toBe(201);
      const unitId = body(created).id;
      const renamed = await admin.patch(`/api/v1/org-units/${unitId}`, { code: 'AUDITED', nameZh: '审计后' });
      expect(renamed.statusCode, renamed.body).toBe(200);

      const trail = body(await admin.get(`/api/v1/audit?entity=org_unit&entityId=${unitId}`));
      expect(trail.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
      const [update, create] = trail;
      expect(create).toMatchObject({
        actorId: adminUser.id,
        actorKind: 'user',
        requestId: 'audit-req-1',
        before: null,
        after: { id: unitId, code: 'AUDITED', nameZh: '审计前', parentId: hq.id, path: `${hq.path}${unitId}/` },
      });
      expect(update).toMatchObject({ actorId: adminUser.id, before: { nameZh: '审计前' }, after: { nameZh: '审计后' } });

      const newUser = await admin.post('/api/v1/users', { username: 'audited.user', password: 'Initial-pass-1', displayName: '审计用户', orgUnitId: unit.id, roleIds: [roleIds.auditor] });
      expect(newUser.statusCode, newUser.body).toBe(201);
      const userAudit = await admin.get(`/api/v1/audit?entity=user&entityId=${body(newUser).id}`);
      expect(body(userAudit)).toEqual([
        expect.objectContaining({
          action: 'create',
          actorId: adminUser.id,
          before: null,
          after: expect.objectContaining({ username: 'audited.user', orgUnitId: unit.id, roleKeys: ['auditor'], mustChangePassword: true }),
        }),
      ]);
      expect(userAudit.body).not.toContain('Initial-pass-1');
      expect(userAudit.body).not.toContain('argon2');
      expect(userAudit.body).not.toContain('passwordHash');

      const byAdmin = body(await admin.get(`/api/v1/audit?actorId=${adminUser.id}&limit=3`));
      expect(byAdmin).toHaveLength(3);
      expect(byAdmin.map((e: { actorId: number }) => e.actorId)).toEqual([adminUser.id, adminUser.id, adminUser.id]);
      expect(byAdmin[0].entity).toBe('user');
    });
  });

  describe('customer code pattern', () => {
    it('numbers new customers from the pattern and refuses a pattern without {seq}', async () => {
      const set = await admin.put('/api/v1/settings/customer-code-pattern', { pattern: 'KH{yy}{seq:6}' });
      expect(set.statusCode, set.body).toBe(200);
      expect(body(set)).toEqual({ pattern: 'KH{yy}{seq:6}' });
      expect(body(await admin.get('/api/v1/settings/customer-code-pattern'))).toEqual({ pattern: 'KH{yy}{seq:6}' });

      const yy = String(new Date().getUTCFullYear()).slice(2);
      const first = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '编码甲' }));
      const second = body(await admin.post('/api/v1/customers', { kind: 'organization', name: '编码乙有限公司' }));
      for (const c of [first, second]) {
        expect(c.code).toMatch(/^KH\d{2}\d{6}$/);
        expect(c.code.slice(2, 4)).toBe(yy);
      }
      expect(Number(second.code.slice(4))).toBeGreaterThan(Number(first.code.slice(4)));

      for (const pattern of ['KH{yy}', 'KH{yy}{seqx}', 'KH {seq:6}', '']) {
        expectInvalid(await admin.put('/api/v1/settings/customer-code-pattern', { pattern }), { field: 'body.pattern' });
      }
      expect(body(await admin.get('/api/v1/settings/customer-code-pattern'))).toEqual({ pattern: 'KH{yy}{seq:6}' });

      const back = await admin.put('/api/v1/settings/customer-code-pattern', { pattern: 'C{yyyy}{seq:8}' });
      expect(back.statusCode).toBe(200);
      expect(body(await admin.post('/api/v1/customers', { kind: 'individual', name: '编码丙' })).code).toMatch(/^C\d{4}\d{8}$/);
    });
  });
});
