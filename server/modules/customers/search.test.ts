import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin, type Client } from '#test/factories.ts';
import { searchForm } from './name-grams.ts';

// A small alphabet makes names share characters, so queries match several customers.
const HAN = [...'王李张刘陈杨黄赵伟芳娜敏静丽强磊军洋'];
const LATIN = [...'abcdeno'];

describe('name search', () => {
  let t: TestApp;
  let admin: Client;
  const names: { id: number; name: string; nameEn: string | null }[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    ({ client: admin } = await withAdmin(t));
    const generated = fc.sample(
      fc.record({
        name: fc.array(fc.constantFrom(...HAN), { minLength: 2, maxLength: 4 }).map((a) => a.join('')),
        nameEn: fc.option(fc.array(fc.constantFrom(...LATIN, ' '), { minLength: 3, maxLength: 8 }).map((a) => a.join('').trim() || 'ab'), { nil: null }),
      }),
      { numRuns: 120, seed: 42 },
    );
    for (const g of generated) {
      const res = await admin.post('/api/v1/customers', { kind: 'individual', ...g });
      expect(res.statusCode, res.body).toBe(201);
      const c = body(res);
      names.push({ id: c.id, name: c.name, nameEn: c.nameEn });
    }
  });

  async function searchAll(q: string): Promise<number[]> {
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = body(res);
      ids.push(...page.items.map((c: { id: number }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids.sort((a, b) => a - b);
  }

  it('finds exactly the customers whose name contains the query (1, 2 and 3+ characters)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(fc.constantFrom(...HAN), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
          fc.array(fc.constantFrom(...LATIN), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
          fc.constantFrom(...names.map((n) => n.name.slice(1, 3))),
        ),
        async (q) => {
          const needle = searchForm(q);
          const expected = names
            .filter((n) => searchForm(n.name).includes(needle) || (n.nameEn !== null && searchForm(n.nameEn).includes(needle)))
            .map((n) => n.id)
            .sort((a, b) => a - b);
          expect(await searchAll(q)).toEqual(expected);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });
});

describe('code search', () => {
  let t: TestApp;
  let admin: Client;
  let branchClerk: Client;
  const customers: { id: number; code: string; inBranch: boolean }[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    let hq;
    ({ client: admin, hq } = await withAdmin(t));
    const branch = await buildOrgUnit(t, hq);
    const other = await buildOrgUnit(t, hq);
    branchClerk = await login(t, await buildUser(t, { role: 'branch_manager', orgUnit: branch }));
    for (let i = 0; i < 24; i++) {
      const inBranch = i % 2 === 0;
      const res = await admin.post('/api/v1/customers', { kind: 'individual', name: `编号${i}`, orgUnitId: inBranch ? branch.id : other.id });
      expect(res.statusCode, res.body).toBe(201);
      const c = body(res);
      customers.push({ id: c.id, code: c.code, inBranch });
    }
  });

  async function search(client: Client, q: string): Promise<number[]> {
    const res = await client.get(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    return body(res).items.map((c: { id: number }) => c.id).sort((a: number, b: number) => a - b);
  }
  const startingWith = (prefix: string, only: (c: (typeof customers)[number]) => boolean = () => true) =>
    customers.filter((c) => only(c) && c.code.startsWith(prefix)).map((c) => c.id).sort((a, b) => a - b);
  const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

  it('finds exactly the customers whose code starts with the query, from 4 characters, in any case', async () => {
    // Codes from one sequence: short prefixes match all 24 customers, longer ones fewer, down to one.
    for (const c of [customers[0]!, customers[9]!, customers[23]!]) {
      for (let length = 4; length <= c.code.length; length++) {
        const prefix = c.code.slice(0, length);
        const expected = startingWith(prefix);
        expect(expected.length).toBeGreaterThan(0);
        expect(await search(admin, prefix), prefix).toEqual(expected);
        expect(await search(admin, prefix.toLowerCase()), prefix.toLowerCase()).toEqual(expected);
      }
    }
    // A whole code is still exactly that customer.
    expect(await search(admin, customers[9]!.code.toLowerCase())).toEqual([customers[9]!.id]);
  });

  it('takes full-width letters and digits as typed by a Chinese input method', async () => {
    const prefix = customers[0]!.code.slice(0, -1);
    expect(await search(admin, fullWidth(prefix.toLowerCase()))).toEqual(startingWith(prefix));
  });

  it('matches a shorter query only as a whole code, and takes no character as a wildcard', async () => {
    expect(await search(admin, customers[0]!.code.slice(0, 3))).toEqual([]);
    const stem = customers[0]!.code.slice(0, 5);
    for (const q of [`${stem}%`, `${stem}_`, `${stem.slice(0, 4)}_${customers[0]!.code.slice(5, 7)}`]) expect(await search(admin, q), q).toEqual([]);
    expect(await search(admin, `x${customers[0]!.code.slice(1)}`)).toEqual([]);
  });

  it('keeps to the searcher\'s scope', async () => {
    const prefix = customers[0]!.code.slice(0, -2);
    expect(startingWith(prefix).length).toBeGreaterThan(startingWith(prefix, (c) => c.inBranch).length);
    expect(await search(branchClerk, prefix)).toEqual(startingWith(prefix, (c) => c.inBranch));
    const outside = customers.find((c) => !c.inBranch)!;
    expect(await search(branchClerk, outside.code)).toEqual([]);
  });
});
