import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regionChildren, regionPath } from '#lib/cn/index.ts';

const RegionName = z.object({ code: z.string(), name: z.string(), nameEn: z.string().describe('Pinyin and the kind of division: 朝阳区 → Chaoyang District') });
const Region = RegionName.extend({ level: z.enum(['province', 'city', 'district']) });

/** GB/T 2260 administrative divisions, for address pickers and to show a code's names. */
export const regionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        summary: 'Divisions below a code (none: the provinces); current codes only',
        querystring: z.strictObject({ parent: z.string().regex(/^\d{6}$/).optional() }),
        response: { 200: z.array(Region) },
      },
    },
    (request) => regionChildren(request.query.parent).map(({ code, name, nameEn, level }) => ({ code, name, nameEn, level })),
  );
  app.get(
    '/regions/:code/path',
    {
      schema: {
        tags: ['regions'],
        summary: 'Names from the province down to this code; retired codes still resolve',
        params: z.strictObject({ code: z.string().regex(/^\d{6}$/) }),
        response: { 200: z.array(RegionName) },
      },
    },
    (request) => regionPath(request.params.code),
  );
};
