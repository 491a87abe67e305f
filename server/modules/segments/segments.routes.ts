import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '#platform/http/schemas.ts';
import { RuleSchema } from '#modules/tags/rules.ts';

const names = {
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullable().optional(),
  description: z.string().trim().max(2000).nullable().optional(),
};
const SegmentDto = z
  .object({
    id: z.number(),
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    description: z.string().nullable(),
    kind: z.enum(['dynamic', 'static']),
    rule: z.unknown().nullable(),
    sourceSegmentId: z.number().nullable(),
    ownerId: z.number().nullable(),
    memberCount: z.number().describe('All members'),
    visibleCount: z.number().describe('Members inside your data scope'),
    computedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Segment' });
const CountDto = z.object({
  count: z.number(),
  sample: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  breakdown: z.object({
    orgUnits: z.array(z.object({ id: z.number(), nameZh: z.string(), nameEn: z.string().nullable(), count: z.number() })),
    ageBands: z.array(z.object({ band: z.string(), count: z.number() })),
    gender: z.array(z.object({ gender: z.string(), count: z.number() })),
    tiers: z.array(z.object({ tier: z.string(), count: z.number() })),
  }),
});
const IdParams = z.strictObject({ id: idParam });

export const segmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { segments } = app.services;
  const tags = ['segments'];
  const read = { permission: 'customer:read' as const };
  const manage = { permission: 'segment:manage' as const };

  app.post(
    '/segments/count',
    {
      config: read,
      schema: {
        tags,
        summary: 'Live audience count of a rule in your scope, with ten members and breakdowns by org unit, age band, gender and value tier (for the builder, while typing)',
        body: z.strictObject({ rule: RuleSchema }),
        response: { 200: CountDto },
      },
    },
    (request) => segments.count(request.actor, request.body.rule),
  );
  app.get('/segments', { config: read, schema: { tags, response: { 200: z.array(SegmentDto) } } }, (request) => segments.list(request.actor));
  app.get('/segments/:id', { config: read, schema: { tags, summary: 'A segment; its members are GET /customers?segmentId=', params: IdParams, response: { 200: SegmentDto } } }, (request) =>
    segments.get(request.actor, request.params.id),
  );
  app.post(
    '/segments',
    {
      config: manage,
      schema: { tags, summary: 'Save a dynamic segment (membership kept current) or a static one (the matches now, frozen)', body: z.strictObject({ ...names, kind: z.enum(['dynamic', 'static']), rule: RuleSchema }), response: { 201: SegmentDto } },
    },
    async (request, reply) => reply.code(201).send(await segments.create(request.actor, request.body)),
  );
  app.put(
    '/segments/:id',
    { config: manage, schema: { tags, summary: 'Rename; a dynamic segment may change its rule', params: IdParams, body: z.strictObject({ ...names, rule: RuleSchema.optional() }), response: { 200: SegmentDto } } },
    (request) => segments.update(request.actor, request.params.id, request.body),
  );
  app.delete('/segments/:id', { config: manage, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (request, reply) => {
    await segments.remove(request.actor, request.params.id);
    return reply.code(204).send(null);
  });
  app.post(
    '/segments/:id/snapshot',
    { config: manage, schema: { tags, summary: "Freeze the segment's members now into a new static segment", params: IdParams, body: z.strictObject({ nameZh: names.nameZh, nameEn: names.nameEn }), response: { 201: SegmentDto } } },
    async (request, reply) => reply.code(201).send(await segments.snapshot(request.actor, request.params.id, request.body)),
  );
  app.post(
    '/segments/:id/refresh',
    { config: manage, schema: { tags, summary: 'Recompute a dynamic segment now', params: IdParams, response: { 200: z.object({ segments: z.number(), added: z.number(), removed: z.number() }) } } },
    async (request) => {
      await segments.get(request.actor, request.params.id);
      return segments.recompute(request.params.id);
    },
  );
};
