import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, TEST_PASSWORD, type Client } from '#test/factories.ts';
import type { OrgUnitRow } from '#modules/identity/identity.repository.ts';
import { BUILTIN_ROLES, type Permission } from '#modules/identity/permissions.ts';

/**
 * The access matrix over random org trees: who sees which customer is computed here from the
 * tree, the owners and the reporting lines, independently of the application, and every route
 * must agree with it. A customer outside a user's scope is "not found" everywhere and untouched.
 */

// A fixed seed keeps runs repeatable; FC_SEED=<n> explores other trees.
const SEED = Number(process.env.FC_SEED ?? 20_240_611);

const CUSTOM_PERMISSIONS: Permission[] = [
  'customer:read',
  'customer:update',
  'customer:delete',
  'customer:restore',
  'customer:merge',
  'customer:export',
  'customer:transfer',
  'user:read',
  'activity:write',
];
const ROLES = ['branch_manager', 'customer_manager', 'scope_unit', 'scope_team'] as const;
type Role = (typeof ROLES)[number];
const PERMISSIONS_OF: Record<Role, ReadonlySet<Permission>> = {
  branch_manager: new Set(BUILTIN_ROLES.find((r) => r.key === 'branch_manager')!.permissions),
  customer_manager: new Set(BUILTIN_ROLES.find((r) => r.key === 'customer_manager')!.permissions),
  scope_unit: new Set(CUSTOM_PERMISSIONS),
  scope_team: new Set(CUSTOM_PERMISSIONS),
};

// ---- the model: a tree of units, users in them, customers placed and owned ----

type Tree = Tree[];
const subtree = (levels: number): fc.Arbitrary<Tree> => (levels === 0 ? fc.constant([]) : fc.array(subtree(levels - 1), { maxLength: 3 }));
/** A root with 1–3 children and 2–4 levels in all. */
const treeArb = fc.integer({ min: 1, max: 3 }).chain((below) => fc.array(subtree(below - 1), { minLength: 1, maxLength: 3 }));

interface UserSpec {
  role: Role;
  unit: number;
  manager: number | null;
  order: number;
}
const userSpec = (role: fc.Arbitrary<Role>) =>
  fc.record({ role, unit: fc.nat(), manager: fc.option(fc.nat(), { freq: 3, nil: null }), order: fc.nat() });
/** One user of each role, up to two more of any, in random order. */
const usersArb = fc
  .tuple(fc.tuple(...ROLES.map((r) => userSpec(fc.constant(r)))), fc.array(userSpec(fc.constantFrom(...ROLES)), { maxLength: 2 }))
  .map(([one, more]): UserSpec[] => [...one, ...more].sort((x, y) => x.order - y.order));
const customersArb = fc.array(
  fc.record({
    unit: fc.nat(),
    owner: fc.option(fc.nat(), { freq: 6, nil: null }),
    kind: fc.constantFrom('individual', 'organization'),
    deleted: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  }),
  { minLength: 3, maxLength: 6 },
);

interface Model {
  /** parent[i] is the index of unit i's parent; unit 0 is the root. */
  parent: (number | null)[];
  users: { role: Role; unit: number; manager: number | null }[];
  customers: { unit: number; owner: number | null; kind: string; deleted: boolean }[];
}

function buildModel(tree: Tree, specs: UserSpec[], customers: Model['customers']): Model {
  const parent: (number | null)[] = [null];
  const walk = (children: Tree, at: number) => {
    for (const child of children) {
      parent.push(at);
      walk(child, parent.length - 1);
    }
  };
  walk(tree, 0);
  const users = specs.map((s, i) => ({
    role: s.role,
    unit: s.unit % parent.length,
    // Managers come earlier in the list, so reporting lines never loop.
    manager: s.manager === null || i === 0 ? null : s.manager % i,
  }));
  return {
    parent,
    users,
    customers: customers.map((c) => ({ ...c, unit: c.unit % parent.length, owner: c.owner === null ? null : c.owner % users.length })),
  };
}

function isUnitWithin(m: Model, unit: number, top: number): boolean {
  for (let u: number | null = unit; u !== null; u = m.parent[u]!) if (u === top) return true;
  return false;
}

function reportsTo(m: Model, user: number, boss: number): boolean {
  for (let u: number | null = user; u !== null; u = m.users[u]!.manager) if (u === boss) return true;
  return false;
}

/** The access rule, written from the role descriptions; deleted customers are in scope too (for restore). */
function inExpectedScope(m: Model, user: number, customer: number): boolean {
  const u = m.users[user]!;
  const c = m.customers[customer]!;
  switch (u.role) {
    case 'branch_manager':
      return isUnitWithin(m, c.unit, u.unit);
    case 'scope_unit':
      return c.unit === u.unit;
    case 'customer_manager':
      return c.owner === user;
    case 'scope_team':
      return c.owner !== null && reportsTo(m, c.owner, user);
  }
}

function describeModel(m: Model): string {
  return JSON.stringify({
    units: m.parent.map((p, i) => (p === null ? `${i}:root` : `${i}<${p}`)).join(' '),
    users: m.users.map((u, i) => `${i}:${u.role}@${u.unit}${u.manager === null ? '' : `^${u.manager}`}`).join(' '),
    customers: m.customers.map((c, i) => `${i}@${c.unit}/${c.owner ?? '-'}${c.deleted ? '(deleted)' : ''}`).join(' '),
  });
}

let loginNo = 0;
/**
 * Signs in like a browser from its own address: one property run signs in more users than the
 * per-address login limit allows in a minute.
 */
function signIn(t: TestApp, user: { id: number; username: string }): Promise<Client> {
  const n = ++loginNo;
  return login(t, user, TEST_PASSWORD, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
}

describe('customer access over random org trees', () => {
  let t: TestApp;
  let admin: Client;
  let hq: OrgUnitRow;
  let runNo = 0;

  const customerCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from customers'))[0]!.n;

  /** Everything a request on a customer could change: the rows, their dependants and the audit trail. */
  const snapshot = (ids: number[]) =>
    t.db.query(
      `select c.id, c.version, c.deleted_at, c.owner_id, c.org_unit_id, c.status, c.name, c.updated_at, c.merged_into_id,
              (select count(*)::int from contacts x where x.customer_id = c.id) as contacts,
              (select count(*)::int from activities x where x.customer_id = c.id) as activities,
              (select count(*)::int from customer_merges x where x.target_id = c.id or x.source_id = c.id) as merges,
              (select count(*)::int from audit_log a where a.entity in ('customer', 'contact', 'activity') and a.action <> 'export') as audits
         from customers c where c.id = any($1::bigint[]) order by c.id`,
      [ids],
    );

  function expectNotFound(res: LightMyRequestResponse, what: string) {
    expect(res.statusCode, `${what}: ${res.body}`).toBe(404);
    expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
    expect(body(res).code, what).toBe('CUSTOMER_NOT_FOUND');
  }

  async function listAll(client: Client, query: string, limit: number) {
    const ids: number[] = [];
    const totals = new Set<number>();
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res = await client.get(`/api/v1/customers?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const p = body(res);
      expect(p.totalIsEstimate).toBe(false);
      totals.add(p.total);
      ids.push(...p.items.map((c: { id: number }) => c.id));
      cursor = p.nextCursor;
      if (!cursor) break;
    }
    expect(cursor, 'paging ends').toBeNull();
    return { ids, totals: [...totals] };
  }

  /** The customer codes of an export (first column; codes never need quoting). */
  function exportedCodes(csv: string): string[] {
    return csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .slice(1)
      .filter((line) => line !== '')
      .map((line) => line.split(',')[0]!);
  }

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin, hq } = await withAdmin(t));
    for (const [key, dataScope] of [
      ['scope_unit', 'unit'],
      ['scope_team', 'own_and_subordinates'],
    ] as const) {
      const res = await admin.post('/api/v1/roles', { key, nameZh: `范围${key}`, nameEn: key, permissions: CUSTOM_PERMISSIONS, dataScope });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  // Passing takes well under a minute; shrinking a failure replays whole worlds, hence the long timeout.
  it('every route agrees with the expected scope for every user and customer', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, usersArb, customersArb, fc.integer({ min: 1, max: 5 }), async (tree, specs, customerSpecs, pageSize) => {
        const run = ++runNo;
        const m = buildModel(tree, specs, customerSpecs);

        // The world: units under a fresh root, users (managers first), customers placed by the admin.
        const units: OrgUnitRow[] = [];
        for (const [i, p] of m.parent.entries()) units.push(await buildOrgUnit(t, p === null ? null : units[p]!, { nameZh: `树${run}单元${i}` }));
        const users: { id: number; username: string; orgUnitId: number }[] = [];
        for (const u of m.users) {
          users.push(await buildUser(t, { role: u.role, orgUnit: units[u.unit]!, managerId: u.manager === null ? null : users[u.manager]!.id }));
        }
        const customers: { id: number; code: string; name: string; version: number }[] = [];
        for (const [i, c] of m.customers.entries()) {
          const res = await admin.post('/api/v1/customers', {
            kind: c.kind,
            name: `范${run}号${i}客`,
            orgUnitId: units[c.unit]!.id,
            ownerId: c.owner === null ? null : users[c.owner]!.id,
            allowDuplicate: true,
          });
          expect(res.statusCode, res.body).toBe(201);
          customers.push(body(res));
          if (c.deleted) expect((await admin.delete(`/api/v1/customers/${body(res).id}`)).statusCode).toBe(204);
        }
        const ids = customers.map((c) => c.id);
        const before = await snapshot(ids);
        const context = describeModel(m);

        for (const [ui, u] of m.users.entries()) {
          const client = await signIn(t, users[ui]!);
          const can = (p: Permission) => PERMISSIONS_OF[u.role].has(p);
          const inScope = (ci: number) => inExpectedScope(m, ui, ci);
          const visible = customers.filter((_, ci) => inScope(ci) && !m.customers[ci]!.deleted);
          const deletedInScope = customers.filter((_, ci) => inScope(ci) && m.customers[ci]!.deleted);
          const who = `user ${ui} (${u.role}) in ${context}`;

          // List, count and export hold exactly the visible customers.
          const listed = await listAll(client, '', pageSize);
          expect(new Set(listed.ids).size, `${who}: no repeats`).toBe(listed.ids.length);
          expect([...listed.ids].sort((a, b) => a - b), who).toEqual(visible.map((c) => c.id).sort((a, b) => a - b));
          expect(listed.totals, who).toEqual([visible.length]);
          // Filtering by a unit narrows the scope, never widens it.
          const underRoot = await listAll(client, `&orgUnitId=${units[0]!.id}`, 200);
          expect(underRoot.ids.sort((a, b) => a - b), who).toEqual(visible.map((c) => c.id).sort((a, b) => a - b));
          if (can('customer:restore')) {
            const deleted = await listAll(client, '&deleted=true', 200);
            expect(deleted.ids.sort((a, b) => a - b), `${who}: deleted`).toEqual(deletedInScope.map((c) => c.id).sort((a, b) => a - b));
          }
          if (can('customer:export')) {
            const csv = await client.get('/api/v1/customers/export.csv');
            expect(csv.statusCode, csv.body).toBe(200);
            expect(exportedCodes(csv.body).sort(), who).toEqual(visible.map((c) => c.code).sort());
          }

          for (const [ci, c] of customers.entries()) {
            const sees = inScope(ci) && !m.customers[ci]!.deleted;
            const what = `${who}, customer ${ci}`;
            // Search by name or by code, alternating so each run tries both.
            const q = (ci + ui + run) % 2 === 0 ? c.name : c.code;
            const found = body(await client.get(`/api/v1/customers?q=${encodeURIComponent(q)}`));
            expect(found.items.map((x: { id: number }) => x.id), `${what}, search ${q}`).toEqual(sees ? [c.id] : []);
            expect(found.total, `${what}, search ${q}`).toBe(sees ? 1 : 0);
            if (sees) {
              expect((await client.get(`/api/v1/customers/${c.id}`)).statusCode, what).toBe(200);
              expect((await client.get(`/api/v1/customers/by-code/${c.code}`)).statusCode, what).toBe(200);
              continue;
            }

            // Out of scope or deleted: every route says "not found" (never "forbidden", which would confirm
            // the customer exists) and writes nothing. Merge history and restore still reach a deleted
            // customer in scope, so those two are left out for it.
            const other = visible[0] ?? customers.find((x) => x.id !== c.id)!;
            const probes: [Permission, string, () => Promise<LightMyRequestResponse>][] = [
              ['customer:read', 'GET', () => client.get(`/api/v1/customers/${c.id}`)],
              ['customer:read', 'GET by code', () => client.get(`/api/v1/customers/by-code/${c.code}`)],
              ['customer:read', 'GET contacts', () => client.get(`/api/v1/customers/${c.id}/contacts`)],
              ['customer:read', 'GET activities', () => client.get(`/api/v1/customers/${c.id}/activities`)],
              ['customer:read', 'GET timeline', () => client.get(`/api/v1/customers/${c.id}/timeline`)],
              ['customer:update', 'PATCH', () => client.patch(`/api/v1/customers/${c.id}`, { status: 'dormant', name: '改名', version: c.version })],
              ['customer:update', 'POST contact', () => client.post(`/api/v1/customers/${c.id}/contacts`, { name: '越权联系人' })],
              ['activity:write', 'POST activity', () => client.post(`/api/v1/customers/${c.id}/activities`, { body: '越权备注' })],
              ['customer:delete', 'DELETE', () => client.delete(`/api/v1/customers/${c.id}`)],
              ['customer:merge', 'merge as target', () => client.post(`/api/v1/customers/${c.id}/merge`, { sourceId: other.id })],
              ['customer:merge', 'merge as source', () => client.post(`/api/v1/customers/${other.id}/merge`, { sourceId: c.id })],
              ['customer:transfer', 'transfer', () => client.post(`/api/v1/customers/${c.id}/transfer`, { ownerId: users[ui]!.id, reason: '越权' })],
            ];
            if (!inScope(ci)) {
              probes.push(
                ['customer:read', 'GET merges', () => client.get(`/api/v1/customers/${c.id}/merges`)],
                ['customer:restore', 'restore', () => client.post(`/api/v1/customers/${c.id}/restore`)],
              );
            }
            for (const [permission, label, send] of probes) {
              const res = await send();
              if (can(permission)) expectNotFound(res, `${what}: ${label}`);
              else expect(res.statusCode, `${what}: ${label}`).toBe(403);
            }
          }
          expect(await snapshot(ids), `${who} wrote something`).toEqual(before);
        }

        // Read back as admin: nothing was changed by anyone.
        for (const [ci, c] of customers.entries()) {
          if (m.customers[ci]!.deleted) continue;
          const res = await admin.get(`/api/v1/customers/${c.id}`);
          expect(res.statusCode).toBe(200);
          expect(body(res)).toMatchObject({ version: c.version, deletedAt: null, name: c.name, status: 'active' });
        }
      }),
      { seed: SEED, numRuns: 15 },
    );
  }, 300_000);

  describe('properties a client may not set on create', () => {
    let branch: OrgUnitRow;
    let elsewhere: OrgUnitRow;
    let cm: Client & { unitId: number };
    let bm: Client;
    let outsider: { id: number };

    beforeAll(async () => {
      branch = await buildOrgUnit(t, hq);
      elsewhere = await buildOrgUnit(t, hq);
      const cmUser = await buildUser(t, { role: 'customer_manager', orgUnit: branch });
      cm = Object.assign(await signIn(t, cmUser), { unitId: branch.id });
      bm = await signIn(t, await buildUser(t, { role: 'branch_manager', orgUnit: branch }));
      outsider = await buildUser(t, { role: 'customer_manager', orgUnit: elsewhere });
    });

    const unknownKeys = ['createdBy', 'updatedBy', 'role', 'id', 'code', 'version', 'deletedAt', 'mergedIntoId', 'createdAt', 'owner', 'org_unit_id'] as const;

    it('rejects unknown properties with 400 naming the field, for any value', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...unknownKeys), fc.jsonValue(), fc.boolean(), async (key, value, asBranchManager) => {
          const count = await customerCount();
          const res = await (asBranchManager ? bm : cm).post('/api/v1/customers', { kind: 'individual', name: '多余属性', [key]: value });
          expect(res.statusCode, res.body).toBe(400);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(body(res).errors.map((e: { field: string }) => e.field)).toContain(`body.${key}`);
          expect(await customerCount()).toBe(count);
        }),
        { seed: SEED, numRuns: 40 },
      );
    });

    it('rejects ownerId and orgUnitId from a user without customer:assign, whatever they name', async () => {
      const placement = fc.oneof(
        fc.record({ ownerId: fc.constantFrom(outsider.id, cm.userId, null) }),
        fc.record({ orgUnitId: fc.constantFrom(elsewhere.id, branch.id, hq.id) }),
        fc.record({ ownerId: fc.constantFrom(outsider.id, null), orgUnitId: fc.constantFrom(elsewhere.id, branch.id) }),
      );
      await fc.assert(
        fc.asyncProperty(placement, async (fields) => {
          const count = await customerCount();
          const res = await cm.post('/api/v1/customers', { kind: 'individual', name: '指定归属', ...fields });
          expect(res.statusCode, res.body).toBe(400);
          const named = body(res).errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
          for (const key of Object.keys(fields)) expect(named, res.body).toContain(`body.${key}:field.not_editable`);
          expect(await customerCount()).toBe(count);
        }),
        { seed: SEED, numRuns: 20 },
      );
      const own = await cm.post('/api/v1/customers', { kind: 'individual', name: '自己的客户' });
      expect(own.statusCode, own.body).toBe(201);
      expect(body(own)).toMatchObject({ ownerId: cm.userId, orgUnitId: cm.unitId });
    });

    it('rejects placement and bookkeeping properties in a patch, leaving the customer where it was', async () => {
      const mine = body(await cm.post('/api/v1/customers', { kind: 'individual', name: '不可挪动' }));
      for (const fields of [{ ownerId: outsider.id }, { orgUnitId: elsewhere.id }, { createdBy: outsider.id }, { code: 'C1' }, { id: mine.id + 1 }, { deletedAt: null }]) {
        const res = await cm.patch(`/api/v1/customers/${mine.id}`, { status: 'dormant', ...fields });
        expect(res.statusCode, res.body).toBe(400);
        expect(body(res).errors.map((e: { field: string }) => e.field)).toContain(`body.${Object.keys(fields)[0]}`);
      }
      const after = body(await admin.get(`/api/v1/customers/${mine.id}`));
      expect(after).toMatchObject({ ownerId: cm.userId, orgUnitId: cm.unitId, version: mine.version, status: 'active', code: mine.code });
    });

    it('rejects placement outside the subtree of a user with customer:assign', async () => {
      for (const [fields, field] of [
        [{ orgUnitId: elsewhere.id }, 'body.orgUnitId'],
        [{ orgUnitId: hq.id }, 'body.orgUnitId'],
        [{ ownerId: outsider.id }, 'body.ownerId'],
      ] as const) {
        const count = await customerCount();
        const res = await bm.post('/api/v1/customers', { kind: 'individual', name: '越界归属', ...fields });
        expect(res.statusCode, res.body).toBe(400);
        expect(body(res).errors.map((e: { field: string }) => e.field)).toContain(field);
        expect(await customerCount()).toBe(count);
      }
    });
  });
});
