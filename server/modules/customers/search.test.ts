import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { withAdmin, type Client } from '#test/factories.ts';
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
