import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { withAdmin, type Client } from '#test/factories.ts';
import { encodeCursor } from './customers.service.ts';

/**
 * The customer API under generated input: whatever a client sends, the answer is a 2xx for valid
 * input or a 4xx problem document, never a 5xx, and a rejected request leaves no row behind.
 */

// A fixed seed keeps runs repeatable; FC_SEED=<n> explores other inputs.
const SEED = Number(process.env.FC_SEED ?? 20_240_611);
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

const JSON_HEADERS = { 'content-type': 'application/json' };
const TEXT_FIELDS = ['nameEn', 'birthDate', 'idNumber', 'mobile', 'phone', 'email', 'provinceCode', 'cityCode', 'districtCode', 'address', 'postalCode', 'industry', 'sourceChannel'] as const;
const ENUMS = {
  kind: ['individual', 'organization'],
  gender: ['male', 'female', 'unknown'],
  idType: ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_resident', 'uscc', 'other'],
  size: ['micro', 'small', 'medium', 'large'],
  status: ['prospect', 'active', 'dormant', 'churned'],
} as const;

/** What the app promises to store for a name: NFC, trimmed, inner whitespace runs collapsed. */
const storedForm = (s: string) => s.normalize('NFC').replace(/\u3000/g, ' ').trim().replace(/\s+/g, ' ');

const notString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }),
);
const notBoolean = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.boolean(), { maxLength: 2 }), fc.constantFrom('true', 'false', 0, 1));
const notEnum = (values: readonly string[]) => fc.oneof(notString, fc.string({ maxLength: 20 }).filter((s) => !values.includes(s)), fc.constantFrom(...values.map((v) => v.toUpperCase())));

/** Text that tries to break things: SQL, markup, emoji, CJK beyond the BMP, RTL marks, quotes. */
const hostileText = fc
  .array(
    fc.constantFrom(
      "'; drop table customers; --",
      '<script>alert(1)</script>',
      '" or 1=1 --',
      '%',
      '_',
      '\\',
      '😀',
      '👨‍👩‍👧',
      '👍🏽',
      '王',
      '李',
      '𠀀',
      '𪚥',
      '·',
      'é',
      'e\u0301',
      '\u202E',
      '\u200B',
      ' ',
      'a',
      'Z',
      '7',
      '${x}',
      '{{x}}',
      '\u00A0',
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Control characters, including NUL, which PostgreSQL text cannot hold. */
const controlText = fc
  .array(fc.oneof(fc.constantFrom('\u0000', '\u0001', '\u0008', '\u001B', '\u007F', '\uFFFF', '\uFFFE'), fc.constantFrom('a', '王', '😀')), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''));

describe('customer API under generated input', () => {
  let t: TestApp;
  let admin: Client;
  let existing: { id: number; code: string };

  const customerCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from customers'))[0]!.n;
  const versionOf = async (id: number) => (await t.db.query<{ v: number }>('select version as v from customers where id = $1', [id]))[0]!.v;
  const postRaw = (payload: string, headers: Record<string, string> = JSON_HEADERS) => admin.request('POST', '/api/v1/customers', payload, headers);
  const patchRaw = (id: number | string, payload: string, headers: Record<string, string> = JSON_HEADERS) =>
    admin.request('PATCH', `/api/v1/customers/${id}`, payload, headers);

  /** A 4xx problem document, in the RFC 9457 shape, whose status matches the response. */
  function expectProblem(res: LightMyRequestResponse, status?: number) {
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (status !== undefined) expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const p = body(res);
    expect(p).toMatchObject({ status: res.statusCode, type: expect.any(String), title: expect.any(String), code: expect.any(String) });
  }

  /** Either one of the success statuses, or a problem; never a server error. */
  function expectSuccessOrProblem(res: LightMyRequestResponse, success: number[]) {
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (!success.includes(res.statusCode)) expectProblem(res);
  }

  const fieldsNamed = (res: LightMyRequestResponse): string[] => (body(res).errors ?? []).map((e: { field: string }) => e.field);
  const names = (res: LightMyRequestResponse, field: string) => fieldsNamed(res).some((f) => f === field || f.startsWith(`${field}.`));

  /** POSTs a body and checks that only a 201 adds a row; returns the response. */
  async function createExpectingNoStrayRows(payload: string) {
    const before = await customerCount();
    const res = await postRaw(payload);
    expectSuccessOrProblem(res, [201]);
    expect(await customerCount()).toBe(res.statusCode === 201 ? before + 1 : before);
    return res;
  }

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin } = await withAdmin(t));
    const created = await admin.post('/api/v1/customers', { kind: 'individual', name: '靶子客户' });
    expect(created.statusCode, created.body).toBe(201);
    existing = body(created);
    const field = await admin.post('/api/v1/custom-fields', { key: 'remark', type: 'text', labelZh: '备注', labelEn: 'Remark' });
    expect(field.statusCode, field.body).toBe(201);
  });

  describe('POST /customers', () => {
    it('answers any JSON value with 201 or a problem, and only a 201 adds a row', async () => {
      const customerish = fc.record(
        {
          kind: fc.oneof(fc.constantFrom(...ENUMS.kind), fc.jsonValue()),
          name: fc.oneof(hostileText, fc.jsonValue()),
          mobile: fc.oneof(fc.string(), fc.jsonValue()),
          contacts: fc.oneof(fc.array(fc.record({ name: fc.oneof(fc.string(), fc.jsonValue()) }, { requiredKeys: [] }), { maxLength: 3 }), fc.jsonValue()),
          custom: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 2 }), fc.jsonValue()),
          allowDuplicate: fc.jsonValue(),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.object(), customerish), async (value) => {
          await createExpectingNoStrayRows(JSON.stringify(value) ?? 'null');
        }),
        runs(150),
      );
    });

    it('rejects a value of the wrong type in any field with 400 naming that field', async () => {
      const wrongValue = fc.oneof(
        fc.record({ field: fc.constant('name'), value: fc.oneof(notString, fc.constant(null)) }),
        fc.record({ field: fc.constantFrom(...TEXT_FIELDS), value: notString }),
        fc.record({ field: fc.constant('kind'), value: fc.oneof(notEnum(ENUMS.kind), fc.constant(null)) }),
        fc.record({ field: fc.constant('status'), value: fc.oneof(notEnum(ENUMS.status), fc.constant(null)) }),
        fc.constantFrom('gender', 'idType', 'size').chain((f) => fc.record({ field: fc.constant(f), value: notEnum(ENUMS[f]) })),
        fc.record({ field: fc.constant('allowDuplicate'), value: notBoolean }),
        fc.record({ field: fc.constant('custom'), value: fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 3 })) }),
        fc.record({
          field: fc.constant('contacts'),
          value: fc.oneof(
            fc.string(),
            fc.integer(),
            fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue(), { maxKeys: 2 }),
            fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { minLength: 1, maxLength: 3 }),
            fc.array(fc.record({ name: notString }), { minLength: 1, maxLength: 2 }),
            fc.constant(Array.from({ length: 51 }, (_, i) => ({ name: `联系人${i}` }))),
          ),
        }),
      );
      await fc.assert(
        fc.asyncProperty(wrongValue, async ({ field, value }) => {
          const before = await customerCount();
          const res = await postRaw(JSON.stringify({ kind: 'individual', name: '类型测试', [field]: value }));
          expectProblem(res, 400);
          expect(names(res, `body.${field}`), `${field}: ${res.body}`).toBe(true);
          expect(await customerCount()).toBe(before);
        }),
        runs(150),
      );
    });

    it('reports a value of the wrong type as such, not as a missing field', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('name', ...TEXT_FIELDS, 'contacts', 'allowDuplicate'), fc.oneof(fc.integer(), fc.boolean(), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 1 })), async (field, value) => {
          const res = await postRaw(JSON.stringify({ kind: 'individual', name: '类型提示', [field]: value }));
          expectProblem(res, 400);
          const error = body(res).errors.find((e: { field: string }) => e.field === `body.${field}`);
          expect(error, res.body).toBeDefined();
          expect(error.code, res.body).not.toBe('field.required');
        }),
        runs(20),
      );
    });

    it('rejects orgUnitId and ownerId that are not JSON numbers instead of coercing them', async () => {
      const notAnId = fc.oneof(
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }).map((n) => [n]),
        fc.integer({ min: 1, max: 5 }).map(String),
        fc.constantFrom('0x1', '1e0', ' 1 ', '１'),
        fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 1 }),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('orgUnitId', 'ownerId'), notAnId, async (field, value) => {
          const before = await customerCount();
          const res = await postRaw(JSON.stringify({ kind: 'individual', name: '编号类型', [field]: value }));
          expectProblem(res, 400);
          expect(names(res, `body.${field}`), res.body).toBe(true);
          expect(await customerCount()).toBe(before);
        }),
        runs(40),
      );
    });

    it('answers any string in any text field with 201 or a problem naming that field', async () => {
      const field = fc.constantFrom('name', ...TEXT_FIELDS);
      const text = fc.oneof(hostileText, fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
      await fc.assert(
        fc.asyncProperty(field, text, async (f, value) => {
          const payload = { kind: 'individual', name: '文本测试', allowDuplicate: true, [f]: value };
          const res = await createExpectingNoStrayRows(JSON.stringify(payload));
          if (res.statusCode === 400) expect(names(res, `body.${f}`), res.body).toBe(true);
        }),
        runs(200),
      );
    });

    it('never answers a 5xx for control characters in free text, contacts or custom text fields', async () => {
      const where = fc.constantFrom('name', 'nameEn', 'address', 'industry', 'sourceChannel', 'contact', 'custom');
      await fc.assert(
        fc.asyncProperty(where, controlText, async (w, value) => {
          const payload: Record<string, unknown> = { kind: 'individual', name: '控制字符', allowDuplicate: true };
          if (w === 'contact') payload.contacts = [{ name: value }];
          else if (w === 'custom') payload.custom = { remark: value };
          else payload[w] = value;
          await createExpectingNoStrayRows(JSON.stringify(payload));
        }),
        runs(40),
      );
    });

    it('never answers a 5xx for a well-formed birth date, whatever its year', async () => {
      const date = fc
        .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
      await fc.assert(
        fc.asyncProperty(date, async (birthDate) => {
          const res = await createExpectingNoStrayRows(JSON.stringify({ kind: 'individual', name: '生日测试', birthDate }));
          if (res.statusCode === 201) expect(body(res).birthDate).toBe(birthDate);
          else expect(names(res, 'body.birthDate'), res.body).toBe(true);
        }),
        runs(60),
      );
    });

    it('rejects over-long strings with 400 naming the field', async () => {
      const limits = { name: 200, nameEn: 200, address: 500, industry: 100, sourceChannel: 50, postalCode: 10, email: 200, mobile: 40 } as const;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...(Object.keys(limits) as (keyof typeof limits)[])), fc.integer({ min: 1, max: 200_000 }), fc.constantFrom('x', '王', '😀'), async (f, extra, ch) => {
          // Limits count characters (code points), so an emoji counts once.
          const value = ch.repeat(limits[f] + extra);
          const before = await customerCount();
          const res = await postRaw(JSON.stringify({ kind: 'individual', name: '超长', [f]: value }));
          expectProblem(res, 400);
          expect(names(res, `body.${f}`), res.body.slice(0, 300)).toBe(true);
          expect(await customerCount()).toBe(before);
        }),
        runs(30),
      );
    });

    const known = new Set(['kind', 'name', ...TEXT_FIELDS, 'gender', 'idType', 'size', 'status', 'custom', 'orgUnitId', 'ownerId', 'contacts', 'allowDuplicate']);
    const unknownKey = fc
      .oneof(fc.constantFrom('id', 'code', 'version', 'createdBy', 'deletedAt', 'mergedIntoId', 'role', 'owner'), fc.stringMatching(/^[a-zA-Z]\w{0,10}$/))
      .filter((k) => !known.has(k));

    it('rejects an unknown property with 400 naming it', async () => {
      await fc.assert(
        fc.asyncProperty(unknownKey, fc.jsonValue(), async (key, value) => {
          const before = await customerCount();
          const res = await postRaw(JSON.stringify({ kind: 'individual', name: '多余字段', [key]: value }));
          expectProblem(res, 400);
          expect(fieldsNamed(res), res.body).toContain(`body.${key}`);
          expect(await customerCount()).toBe(before);
        }),
        runs(40),
      );
    });

    it('names every unknown property of a body, not only the first', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(unknownKey, { minLength: 2, maxLength: 3 }), fc.jsonValue(), async (keys, value) => {
          const before = await customerCount();
          const res = await postRaw(JSON.stringify({ kind: 'individual', name: '多余字段', ...Object.fromEntries(keys.map((k) => [k, value])) }));
          expectProblem(res, 400);
          for (const k of keys) expect(fieldsNamed(res), res.body).toContain(`body.${k}`);
          expect(await customerCount()).toBe(before);
        }),
        runs(40),
      );
    });
  });

  describe('PATCH /customers/:id', () => {
    it('answers any JSON value with 200 or a problem; only a 200 changes the version, nothing adds a row', async () => {
      const patchish = fc.record(
        {
          name: fc.oneof(hostileText, fc.jsonValue()),
          status: fc.oneof(fc.constantFrom(...ENUMS.status), fc.jsonValue()),
          email: fc.oneof(fc.emailAddress(), fc.jsonValue()),
          version: fc.oneof(fc.integer(), fc.jsonValue()),
          custom: fc.oneof(fc.record({ remark: fc.oneof(fc.string(), fc.jsonValue()) }), fc.jsonValue()),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.object(), patchish), async (value) => {
          const count = await customerCount();
          const version = await versionOf(existing.id);
          const res = await patchRaw(existing.id, JSON.stringify(value) ?? 'null');
          expectSuccessOrProblem(res, [200]);
          expect(await versionOf(existing.id)).toBe(res.statusCode === 200 ? version + 1 : version);
          expect(await customerCount()).toBe(count);
        }),
        runs(150),
      );
    });

    it('rejects wrong types and fields it does not take, without writing', async () => {
      const wrong = fc.oneof(
        fc.record({ field: fc.constantFrom('name', ...TEXT_FIELDS), value: notString }),
        fc.record({ field: fc.constant('status'), value: fc.oneof(notEnum(ENUMS.status), fc.constant(null)) }),
        fc.record({ field: fc.constant('version'), value: fc.oneof(fc.string(), fc.double({ min: 0.1, max: 10, noInteger: true }), fc.integer({ max: 0 }), fc.boolean()) }),
        fc.record({ field: fc.constantFrom('kind', 'orgUnitId', 'ownerId', 'contacts', 'allowDuplicate', 'id', 'code', 'createdBy'), value: fc.jsonValue() }),
      );
      await fc.assert(
        fc.asyncProperty(wrong, async ({ field, value }) => {
          const version = await versionOf(existing.id);
          const res = await patchRaw(existing.id, JSON.stringify({ [field]: value }));
          expectProblem(res, 400);
          expect(names(res, `body.${field}`), res.body).toBe(true);
          expect(await versionOf(existing.id)).toBe(version);
        }),
        runs(100),
      );
    });

    it('never answers a 5xx for control characters in a patch', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('name', 'nameEn', 'address', 'industry'), controlText, async (field, value) => {
          const version = await versionOf(existing.id);
          const res = await patchRaw(existing.id, JSON.stringify({ [field]: value }));
          expectSuccessOrProblem(res, [200]);
          expect(await versionOf(existing.id)).toBe(res.statusCode === 200 ? version + 1 : version);
        }),
        runs(30),
      );
    });

    it('answers a stale version with 409 and leaves the row alone', async () => {
      const version = await versionOf(existing.id);
      const res = await patchRaw(existing.id, JSON.stringify({ status: 'dormant', version: version + 1 }));
      expectProblem(res, 409);
      expect(body(res).currentVersion).toBe(version);
      expect(await versionOf(existing.id)).toBe(version);
    });
  });

  describe('ids in the URL', () => {
    const routes = (id: string) =>
      [
        ['GET', `/api/v1/customers/${id}`],
        ['PATCH', `/api/v1/customers/${id}`],
        ['DELETE', `/api/v1/customers/${id}`],
        ['GET', `/api/v1/customers/${id}/contacts`],
        ['POST', `/api/v1/customers/${id}/contacts`],
        ['GET', `/api/v1/customers/${id}/timeline`],
        ['POST', `/api/v1/customers/${id}/merge`],
        ['POST', `/api/v1/customers/${id}/transfer`],
      ] as const;
    const payloadFor = (method: string, url: string) =>
      method === 'GET' || method === 'DELETE'
        ? undefined
        : url.endsWith('/contacts')
          ? { name: '联系人' }
          : url.endsWith('/merge')
            ? { sourceId: existing.id }
            : url.endsWith('/transfer')
              ? { ownerId: admin.userId }
              : { status: 'active' };

    it('answers malformed ids with 400 naming params.id, and writes nothing', async () => {
      for (const id of ['abc', '-1', '0', '1.5', '99999999999999999999', '9007199254740993', '1e400', 'NaN', 'Infinity', '%20', 'null', '[1]']) {
        for (const [method, url] of routes(id)) {
          const count = await customerCount();
          const version = await versionOf(existing.id);
          const res = await admin.request(method, url, payloadFor(method, url));
          expectProblem(res, 400);
          expect(fieldsNamed(res), `${method} ${url}`).toContain('params.id');
          expect(await customerCount()).toBe(count);
          expect(await versionOf(existing.id)).toBe(version);
        }
      }
    });

    it('answers ids of customers that do not exist with 404', async () => {
      for (const id of ['999999999', String(Number.MAX_SAFE_INTEGER)]) {
        for (const [method, url] of routes(id)) {
          const res = await admin.request(method, url, payloadFor(method, url));
          expectProblem(res, 404);
          expect(body(res).code, `${method} ${url}`).toBe('CUSTOMER_NOT_FOUND');
        }
      }
    });

    it('never answers a 5xx for any path segment', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ minLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1 }), fc.double().map(String), fc.bigInt().map(String)), fc.constantFrom('GET', 'PATCH'), async (raw, method) => {
          const count = await customerCount();
          const res = await admin.request(method, `/api/v1/customers/${encodeURIComponent(raw)}`, method === 'PATCH' ? { status: 'active' } : undefined);
          expectSuccessOrProblem(res, [200]);
          expect(await customerCount()).toBe(count);
        }),
        runs(100),
      );
    });

    it('never answers a 5xx for any customer code', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ maxLength: 70 }), controlText, hostileText), async (code) => {
          const res = await admin.get(`/api/v1/customers/by-code/${encodeURIComponent(code)}`);
          expectSuccessOrProblem(res, [200]);
        }),
        runs(60),
      );
    });
  });

  describe('malformed requests', () => {
    it('answers malformed JSON with 400 INVALID_JSON and writes nothing', async () => {
      const valid = fc.jsonValue().map((v) => JSON.stringify({ kind: 'individual', name: '截断', extra: v }));
      const truncated = fc.tuple(valid, fc.nat()).map(([s, n]) => s.slice(0, 1 + (n % (s.length - 1))));
      const garbage = fc.string({ minLength: 1 }).filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return s.trim() !== '';
        }
      });
      const fixed = fc.constantFrom('{', '{"kind":', "{'kind':'individual'}", '{"a":1,}', 'NaN', '[1,2', '{"name":"\\u00"}', '\u0000', '{"kind":"individual","name":"x"}}');
      await fc.assert(
        fc.asyncProperty(fc.oneof(truncated, garbage, fixed), async (payload) => {
          const count = await customerCount();
          const version = await versionOf(existing.id);
          const post = await postRaw(payload);
          expectProblem(post, 400);
          expect(['INVALID_JSON', 'CTP_EMPTY_JSON_BODY']).toContain(body(post).code);
          const patch = await patchRaw(existing.id, payload);
          expectProblem(patch, 400);
          expect(await customerCount()).toBe(count);
          expect(await versionOf(existing.id)).toBe(version);
        }),
        runs(120),
      );
    });

    it('answers an empty JSON body with 400', async () => {
      expectProblem(await postRaw(''), 400);
      expectProblem(await patchRaw(existing.id, ''), 400);
    });

    it('answers a body over 1 MiB with 413 and writes nothing', async () => {
      const count = await customerCount();
      const version = await versionOf(existing.id);
      const big = JSON.stringify({ kind: 'individual', name: '大', address: 'x'.repeat(1_048_576) });
      expectProblem(await postRaw(big), 413);
      expectProblem(await patchRaw(existing.id, big), 413);
      const manyContacts = JSON.stringify({ kind: 'individual', name: '大', contacts: Array.from({ length: 40_000 }, () => ({ name: '联系人联系人联系人' })) });
      expectProblem(await postRaw(manyContacts), 413);
      expect(await customerCount()).toBe(count);
      expect(await versionOf(existing.id)).toBe(version);
    });

    it('answers a body that is not JSON with 415 and writes nothing', async () => {
      const valid = JSON.stringify({ kind: 'individual', name: '内容类型' });
      const types = ['application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/csv', 'text/plain', 'text/plain; charset=utf-8'];
      const statuses: Record<string, number[]> = {};
      for (const contentType of types) {
        const count = await customerCount();
        const version = await versionOf(existing.id);
        const post = await postRaw(valid, { 'content-type': contentType });
        const patch = await patchRaw(existing.id, JSON.stringify({ status: 'dormant' }), { 'content-type': contentType });
        for (const res of [post, patch]) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        statuses[contentType] = [post.statusCode, patch.statusCode];
        expect(await customerCount()).toBe(count);
        expect(await versionOf(existing.id)).toBe(version);
      }
      expect(statuses).toEqual(Object.fromEntries(types.map((type) => [type, [415, 415]])));
    });
  });

  describe('GET /customers', () => {
    it('answers any page size with 200 or 400, never more than 200 rows', async () => {
      const limit = fc.oneof(fc.integer(), fc.bigInt().map(String), fc.double().map(String), fc.string({ maxLength: 10 }), fc.constantFrom('1e9', '0x10', '-0', '', ' ', '200', '201', '1e2'));
      await fc.assert(
        fc.asyncProperty(limit, async (l) => {
          const res = await admin.get(`/api/v1/customers?limit=${encodeURIComponent(String(l))}`);
          expectSuccessOrProblem(res, [200]);
          if (res.statusCode === 200) expect(body(res).items.length).toBeLessThanOrEqual(200);
          else expect(fieldsNamed(res)).toContain('querystring.limit');
        }),
        runs(80),
      );
    });

    it('answers any cursor with 200 or 400 naming the cursor', async () => {
      const decoded = fc
        .tuple(fc.oneof(fc.string({ maxLength: 40 }), fc.double(), fc.integer(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), controlText), fc.oneof(fc.integer(), fc.constant(1)))
        .map(([value, id]) => encodeCursor(value, id));
      const raw = fc.oneof(fc.string({ maxLength: 60 }), fc.base64String({ maxLength: 60 }), fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')));
      await fc.assert(
        fc.asyncProperty(fc.oneof(decoded, raw), fc.constantFrom('-createdAt', 'createdAt', 'updatedAt', 'name', '-code'), async (cursor, sort) => {
          const res = await admin.get(`/api/v1/customers?sort=${sort}&cursor=${encodeURIComponent(cursor)}`);
          expectSuccessOrProblem(res, [200]);
          if (res.statusCode === 400) expect(fieldsNamed(res)).toContain('querystring.cursor');
        }),
        runs(120),
      );
    });

    it('rejects a cursor whose value does not fit the sort column with 400', async () => {
      for (const [sort, value] of [
        ['-createdAt', 'hello'],
        ['createdAt', '2024-13-45T00:00:00Z'],
        ['-updatedAt', ''],
        ['updatedAt', 'yesterday; drop table customers'],
      ] as const) {
        const res = await admin.get(`/api/v1/customers?sort=${sort}&cursor=${encodeCursor(value, 1)}`);
        expectProblem(res, 400);
        expect(fieldsNamed(res), `${sort} ${value}`).toContain('querystring.cursor');
      }
    });

    it('answers any search text and text filter with 200 or 400', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('q', 'industry', 'provinceCode', 'custom.remark'), fc.oneof(fc.string({ maxLength: 30 }), hostileText, controlText), async (p, v) => {
          const res = await admin.get(`/api/v1/customers?${p}=${encodeURIComponent(v)}`);
          expectSuccessOrProblem(res, [200]);
        }),
        runs(100),
      );
    });

    it('answers any well-formed date filter with 200 or 400', async () => {
      const date = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('createdFrom', 'createdTo'), date, async (p, v) => {
          const res = await admin.get(`/api/v1/customers?${p}=${v}`);
          expectSuccessOrProblem(res, [200]);
        }),
        runs(60),
      );
    });

    it('answers any other filter value with 200 or 400', async () => {
      const param = fc.constantFrom('ownerId', 'orgUnitId', 'kind', 'status', 'sort', 'deleted', 'custom.nope', 'createdFrom');
      const value = fc.oneof(fc.string({ maxLength: 30 }), hostileText, fc.bigInt().map(String), fc.double().map(String));
      await fc.assert(
        fc.asyncProperty(param, value, async (p, v) => {
          const res = await admin.get(`/api/v1/customers?${encodeURIComponent(p)}=${encodeURIComponent(v)}`);
          expectSuccessOrProblem(res, [200]);
        }),
        runs(100),
      );
    });

    it('exports under the same inputs without a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('q', 'industry', 'createdFrom', 'limit'), fc.oneof(hostileText, controlText, fc.constantFrom('0000-01-01', '9999-12-31', '100000')), async (p, v) => {
          const res = await admin.get(`/api/v1/customers/export.csv?${p}=${encodeURIComponent(v)}`);
          expectSuccessOrProblem(res, [200]);
        }),
        runs(40),
      );
    });
  });

  describe('names in any script', () => {
    const piece = fc.constantFrom('王', '李', '欧阳', '𠀀', '𪚥', '𡃁', '😀', '👨‍👩‍👧', '👍🏽', '🇨🇳', '·', 'é', 'e\u0301', '\u1100\u1161', 'ñ', 'Ω', 'a', 'Z', ' ', '\u3000', '  ');
    const anyName = fc
      .array(piece, { minLength: 1, maxLength: 20 })
      .map((parts) => parts.join(''))
      // Search text is capped at 100 characters; keep names searchable in full.
      .filter((s) => storedForm(s) !== '' && [...storedForm(s)].length <= 100);

    it('stores CJK (beyond the BMP too), emoji and combining marks exactly, NFC and trimmed', async () => {
      await fc.assert(
        fc.asyncProperty(anyName, fc.constantFrom('individual', 'organization'), async (raw, kind) => {
          const expected = storedForm(raw);
          const res = await postRaw(JSON.stringify({ kind, name: raw, allowDuplicate: true }));
          expect(res.statusCode, res.body).toBe(201);
          const created = body(res);
          expect(created.name).toBe(expected);
          const [row] = await t.db.query<{ name: string }>('select name from customers where id = $1', [created.id]);
          expect(row!.name).toBe(expected);
          expect(body(await admin.get(`/api/v1/customers/${created.id}`)).name).toBe(expected);
          expect(body(await admin.get(`/api/v1/customers/by-code/${created.code}`)).name).toBe(expected);
        }),
        runs(60),
      );
    });

    it('finds a customer again by searching for its full stored name', async () => {
      await fc.assert(
        fc.asyncProperty(anyName, async (raw) => {
          const created = body(await postRaw(JSON.stringify({ kind: 'individual', name: raw, allowDuplicate: true })));
          const found = body(await admin.get(`/api/v1/customers?limit=200&q=${encodeURIComponent(created.name)}`));
          expect(found.items.map((c: { id: number }) => c.id)).toContain(created.id);
        }),
        runs(60),
      );
    });

    it('rejects a name of only whitespace as required', async () => {
      for (const name of [' ', '\u3000', ' \t\n ', '\u00A0']) {
        const count = await customerCount();
        const res = await postRaw(JSON.stringify({ kind: 'individual', name }));
        expectProblem(res, 400);
        expect(fieldsNamed(res)).toContain('body.name');
        expect(await customerCount()).toBe(count);
      }
    });
  });
});
