import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '#test/test-app.ts';
import { WEB_DIST, webRoutes } from '../server/web.ts';

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('serving the web app', async () => {
  const { app } = await buildTestApp();
  const manifest = JSON.parse(await readFile(join(WEB_DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean }>;
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry)!.file;

  it('answers / and any page address with index.html, without a session', async () => {
    for (const url of ['/', '/login', '/customers/42', '/customers?q=%E9%9D%92']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves built files with a long cache life, and nothing else', async () => {
    const asset = await app.inject({ url: `/${entry}` });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of ['/assets/missing-123.js', '/.vite/manifest.json', '/..%2f..%2fpackage.json', '/%2e%2e/package.json']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/problem\+json/);
    }
  });

  it('leaves /api and /health to the API: unknown API paths are problem+json, protected ones need a session', async () => {
    const unknown = await app.inject({ url: '/api/v1/no-such-thing', headers: html });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    const customers = await app.inject({ url: '/api/v1/customers', headers: html });
    expect(customers.statusCode).toBe(401);
    const health = await app.inject({ url: '/health', headers: html });
    expect(health.json()).toEqual({ status: 'ok' });
    // Only GET serves the page; other methods get the API's answer for an unknown route.
    const post = await app.inject({ method: 'POST', url: '/customers', headers: html, payload: {} });
    expect([401, 404]).toContain(post.statusCode);
    expect(post.headers['content-type']).toMatch(/problem\+json/);
  });

  it('does not answer a client that wants JSON with the page', async () => {
    const res = await app.inject({ url: '/customers/42', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
  });

  it('explains in both languages how to build the app when dist/web is missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'guanxi-web-'));
    const bare = Fastify();
    await bare.register(webRoutes, { root: empty });
    const res = await bare.inject({ url: '/customers', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build:web');
    expect(res.body).toContain('网页端尚未构建');
    expect(res.body).toContain('has not been built');
    await bare.close();
    await rm(empty, { recursive: true, force: true });
  });
});
