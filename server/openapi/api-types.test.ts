import { readFile } from 'node:fs/promises';
import { describe, it, expect } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from './api-types.ts';

describe('typed API client', () => {
  it('web/src/lib/api-schema.ts is generated from the current OpenAPI document (run `npm run api:types` after changing a route)', async () => {
    const committed = await readFile(API_TYPES_FILE, 'utf8');
    const current = await apiTypesSource();
    expect(committed === current, 'web/src/lib/api-schema.ts is out of date: run `npm run api:types`').toBe(true);
  });
});
