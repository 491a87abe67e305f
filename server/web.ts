import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:web` (vite build) puts the staff web app. */
export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');

export interface WebOptions {
  /** The built app; defaults to dist/web. */
  root?: string;
}

// Pages load scripts and styles from this server only. Mantine sets CSS variables in <style> tags.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Guanxi 关系 CRM</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;line-height:1.6;color:#1f2933}
a{color:#0b5cad}code{background:#f0f3f6;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>Guanxi 关系 · 客户关系管理</h1>
<p>服务器正在运行，但网页端尚未构建。请在项目目录运行 <code>npm run build:web</code>，然后刷新本页（<code>npm start</code> 会自动构建）。接口文档：<a href="/api/docs">/api/docs</a>。</p>
<p lang="en">The server is running, but the web app has not been built. Run <code>npm run build:web</code> in the project directory, then reload this page (<code>npm start</code> builds it for you). API documentation: <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return !accept || accept.includes('text/html') || accept.includes('*/*');
}

/**
 * Serves the single-page web app at /: its files from dist/web, and index.html for any other
 * page address (GET, not under /api or /health, from a client that accepts HTML) so the app's
 * router can show it. Public: the app itself asks for a session when it needs one.
 */
export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const root = resolve(options.root ?? WEB_DIST);
  const index = resolve(root, 'index.html');
  await app.register(fastifyStatic, { serve: false });

  /** A file inside the build, never a dotfile (the Vite manifest) or anything outside it. */
  function servable(relative: string): boolean {
    if (!relative || relative.split('/').some((part) => part === '' || part.startsWith('.'))) return false;
    const absolute = resolve(root, relative);
    if (!absolute.startsWith(root + sep)) return false;
    return statSync(absolute, { throwIfNoEntry: false })?.isFile() ?? false;
  }

  function sendIndex(reply: FastifyReply) {
    reply.header('cache-control', 'no-cache');
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('referrer-policy', 'same-origin');
    return reply.sendFile('index.html', root, { cacheControl: false });
  }

  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (/^\/(api|health)(\/|$)/.test(pathname)) return reply.callNotFound();
    let relative: string;
    try {
      relative = decodeURIComponent(pathname).replace(/^\/+/, '');
    } catch {
      return reply.callNotFound();
    }
    if (!existsSync(index)) {
      if (!acceptsHtml(request)) return reply.callNotFound();
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT_PAGE);
    }
    if (relative === 'index.html') return sendIndex(reply);
    if (servable(relative)) {
      // Built files carry a content hash in their name, so they never change.
      const hashed = relative.startsWith('assets/');
      return reply.sendFile(relative, root, hashed ? { maxAge: '365d', immutable: true } : { maxAge: '1h' });
    }
    // A missing script or style must not be answered with the page (browsers would parse HTML as code).
    if (relative.startsWith('assets/') || /\.[a-z0-9]{1,8}$/i.test(relative) || !acceptsHtml(request)) return reply.callNotFound();
    return sendIndex(reply);
  });
};
