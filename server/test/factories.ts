import type { LightMyRequestResponse } from 'fastify';
import { orgUnitsRepository, rolesRepository, usersRepository, type OrgUnitRow } from '#modules/identity/identity.repository.ts';
import { hashPassword } from '#modules/identity/passwords.ts';
import type { TestApp } from './test-app.ts';

export const TEST_PASSWORD = 'Passw0rd-for-tests';
let passwordHash: Promise<string> | undefined;
let counter = 0;
const unique = (prefix: string) => `${prefix}${process.pid}x${++counter}`;

/** An org unit under the given parent (or a new root). */
export async function buildOrgUnit(t: TestApp, parent: OrgUnitRow | null = null, overrides: { code?: string; nameZh?: string } = {}) {
  return orgUnitsRepository.insert(t.db, {
    parentId: parent?.id ?? null,
    code: overrides.code ?? unique('U'),
    nameZh: overrides.nameZh ?? `机构${counter}`,
    nameEn: null,
    kind: parent ? 'branch' : 'head_office',
  });
}

/** A user with one built-in (or custom) role in an org unit; the password is TEST_PASSWORD. */
export async function buildUser(t: TestApp, opts: { role: string; orgUnit: OrgUnitRow; managerId?: number | null; username?: string; locale?: string }) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = opts.username ?? unique('user');
  const id = await usersRepository.insert(t.db, {
    username,
    displayName: `测试${username}`,
    email: null,
    orgUnitId: opts.orgUnit.id,
    managerId: opts.managerId ?? null,
    passwordHash: await passwordHash,
    locale: opts.locale ?? 'en',
    mustChangePassword: false,
  });
  const [role] = await rolesRepository.byKeys(t.db, [opts.role]);
  if (!role) throw new Error(`no role ${opts.role}`);
  await usersRepository.setRoles(t.db, id, [role.id]);
  return { id, username, orgUnitId: opts.orgUnit.id };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in browser-like client: session cookie plus the CSRF header on unsafe requests. */
export interface Client {
  userId: number;
  request(method: Method, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** `remoteAddress` signs in from another client address (the per-address sign-in limit is 20 a minute). */
export async function login(
  t: TestApp,
  user: { id: number; username: string },
  password = TEST_PASSWORD,
  remoteAddress?: string,
): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username: user.username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gx_session')!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const request: Client['request'] = (method, url, payload, headers = {}) =>
    t.app.inject({
      method,
      url,
      payload: payload as never,
      cookies: { gx_session: cookie.value },
      headers: { 'x-csrf-token': csrf, ...headers },
    });
  return {
    userId: user.id,
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, payload, headers) => request('POST', url, payload, headers),
    patch: (url, payload) => request('PATCH', url, payload),
    put: (url, payload) => request('PUT', url, payload),
    delete: (url) => request('DELETE', url),
  };
}

/** A head office with an admin signed in: the usual start of a test file. */
export async function withAdmin(t: TestApp) {
  const hq = await buildOrgUnit(t, null, { code: unique('HQ'), nameZh: '总行' });
  const admin = await buildUser(t, { role: 'admin', orgUnit: hq });
  return { hq, admin, client: await login(t, admin) };
}

let mobileSeq = 0;
/** A valid, unique mainland mobile number. */
export const uniqueMobile = () => `139${String(process.pid % 10_000).padStart(4, '0')}${String(++mobileSeq).padStart(4, '0')}`;
