import { describe, it, expect, beforeAll } from 'vitest';
import { buildTestApp, body, type TestApp } from '#test/test-app.ts';
import { withAdmin, type Client } from '#test/factories.ts';

describe('regions API', () => {
  let t: TestApp;
  let client: Client;
  beforeAll(async () => {
    t = await buildTestApp();
    ({ client } = await withAdmin(t));
  });

  it('walks province → city → district', async () => {
    const provinces = body(await client.get('/api/v1/regions'));
    expect(provinces).toHaveLength(34);
    expect(provinces).toContainEqual({ code: '440000', name: '广东省', nameEn: 'Guangdong', level: 'province' });
    const cities = body(await client.get('/api/v1/regions?parent=440000'));
    expect(cities).toContainEqual({ code: '440300', name: '深圳市', nameEn: 'Shenzhen', level: 'city' });
    const districts = body(await client.get('/api/v1/regions?parent=440300'));
    expect(districts).toContainEqual({ code: '440305', name: '南山区', nameEn: 'Nanshan District', level: 'district' });
  });

  it('lists a municipality\'s districts directly and hides retired codes', async () => {
    const beijing = body(await client.get('/api/v1/regions?parent=110000'));
    expect(beijing).toContainEqual({ code: '110105', name: '朝阳区', nameEn: 'Chaoyang District', level: 'district' });
    expect(beijing.map((r: { code: string }) => r.code)).not.toContain('110104');
    expect(body(await client.get('/api/v1/regions/110104/path'))).toEqual([
      { code: '110000', name: '北京市', nameEn: 'Beijing' },
      { code: '110104', name: '宣武区', nameEn: 'Xuanwu District' },
    ]);
  });

  it('refuses a malformed code and needs a signed-in user', async () => {
    expect((await client.get('/api/v1/regions?parent=44')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/regions' })).statusCode).toBe(401);
  });
});
