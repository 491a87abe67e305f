import type { FastifyPluginAsync } from 'fastify';

/**
 * The landing page at /. The staff web app replaces it; until then it tells a visitor, in both
 * languages, where the API and its documentation are.
 */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Guanxi 关系 CRM</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;line-height:1.6;color:#1f2933}
a{color:#0b5cad}code{background:#f0f3f6;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>Guanxi 关系 · 客户关系管理</h1>
<p>服务器正在运行。接口文档：<a href="/api/docs">/api/docs</a>（OpenAPI：<a href="/api/openapi.json">/api/openapi.json</a>）。</p>
<p>The server is running. API documentation: <a href="/api/docs">/api/docs</a> (OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a>).</p>
<p>Sign in with <code>POST /api/v1/auth/login</code> using the admin login printed when the server first started.</p>
</body></html>`;
  });
};
