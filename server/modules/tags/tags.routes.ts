import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idBody, idParam } from '#platform/http/schemas.ts';
import { RuleSchema } from './rules.ts';

const CategoryBody = z.strictObject({
  parentId: idBody.nullable().optional(),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullable().optional(),
  sort: z.number().int().min(0).max(100_000).optional(),
});
const CategoryDto = z
  .object({ id: z.number(), parentId: z.number().nullable(), nameZh: z.string(), nameEn: z.string().nullable(), sort: z.number(), tagCount: z.number() })
  .meta({ id: 'TagCategory' });
const TagBody = z.strictObject({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/).describe('Stable key used by rules, segments and imports: lower-case letters, digits, _'),
  categoryId: idBody.nullable().optional(),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullable().optional(),
  kind: z.enum(['manual', 'rule', 'imported']),
  description: z.string().trim().max(2000).nullable().optional(),
  rule: RuleSchema.nullable().optional(),
  active: z.boolean().optional(),
});
const TagDto = z
  .object({
    id: z.number(),
    key: z.string(),
    categoryId: z.number().nullable(),
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    kind: z.enum(['manual', 'rule', 'imported']),
    description: z.string().nullable(),
    ownerId: z.number().nullable(),
    rule: z.unknown().nullable(),
    active: z.boolean(),
    memberCount: z.number(),
    computedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Tag' });
const Who = z
  .strictObject({
    customerIds: z.array(idBody).max(10_000).optional(),
    codes: z.array(z.string().max(64)).max(10_000).optional(),
  })
  .refine((w) => (w.customerIds?.length ?? 0) + (w.codes?.length ?? 0) > 0, { message: 'field.required', path: ['customerIds'] });
const AssignResult = z.object({ changed: z.number(), unchanged: z.number(), notFound: z.number() });
const IdParams = z.strictObject({ id: idParam });
const Recomputed = z.object({ tags: z.number(), gained: z.number(), lost: z.number(), failed: z.array(z.object({ key: z.string(), error: z.string() })) });
const MembersDto = z.object({
  items: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), orgUnitId: z.number(), ownerId: z.number().nullable(), since: z.date() })),
  next: z.number().nullable().describe('Pass as after= for the next page'),
});
const CustomerTagsDto = z.object({
  tags: z.array(TagDto.extend({ since: z.date(), setBy: z.number().nullable() })),
  history: z.array(z.object({ id: z.number(), tagId: z.number(), tagKey: z.string(), nameZh: z.string(), nameEn: z.string().nullable(), change: z.string(), source: z.string(), actorName: z.string().nullable(), at: z.date() })),
});

export const tagsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { tags, customers, events } = app.services;
  const schemaTags = ['tags'];
  const manage = { permission: 'tag:manage' as const };
  const assign = { permission: 'tag:assign' as const };
  const read = { permission: 'customer:read' as const };

  app.get('/tag-categories', { config: read, schema: { tags: schemaTags, response: { 200: z.array(CategoryDto) } } }, () => tags.categories());
  app.post('/tag-categories', { config: manage, schema: { tags: schemaTags, body: CategoryBody, response: { 201: CategoryDto } } }, async (request, reply) =>
    reply.code(201).send(await tags.saveCategory(request.actor, null, request.body)),
  );
  app.put('/tag-categories/:id', { config: manage, schema: { tags: schemaTags, params: IdParams, body: CategoryBody, response: { 200: CategoryDto } } }, (request) =>
    tags.saveCategory(request.actor, request.params.id, request.body),
  );
  app.delete('/tag-categories/:id', { config: manage, schema: { tags: schemaTags, params: IdParams, response: { 204: z.null() } } }, async (request, reply) => {
    await tags.deleteCategory(request.actor, request.params.id);
    return reply.code(204).send(null);
  });

  app.get(
    '/tags',
    {
      config: read,
      schema: {
        tags: schemaTags,
        summary: 'The tag catalogue',
        querystring: z.strictObject({
          categoryId: idParam.optional(),
          kind: z.enum(['manual', 'rule', 'imported']).optional(),
          q: z.string().trim().max(100).optional(),
          includeInactive: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.array(TagDto) },
      },
    },
    (request) => tags.list({ ...request.query, includeInactive: request.query.includeInactive === 'true' }),
  );
  app.get('/tags/:id', { config: read, schema: { tags: schemaTags, params: IdParams, response: { 200: TagDto } } }, (request) => tags.get(request.params.id));
  app.post(
    '/tags',
    { config: manage, schema: { tags: schemaTags, summary: 'Create a tag; a rule tag is computed at once', body: TagBody, response: { 201: TagDto } } },
    async (request, reply) => reply.code(201).send(await tags.create(request.actor, request.body)),
  );
  app.put(
    '/tags/:id',
    { config: manage, schema: { tags: schemaTags, summary: 'Edit a tag (its kind stays); a changed rule is recomputed at once', params: IdParams, body: TagBody, response: { 200: TagDto } } },
    (request) => tags.update(request.actor, request.params.id, request.body),
  );
  app.post(
    '/tags/preview',
    {
      config: manage,
      schema: {
        tags: schemaTags,
        summary: 'How many customers in your scope a rule matches now, and the first ten: for the rule editor',
        body: z.strictObject({ rule: RuleSchema }),
        response: { 200: z.object({ count: z.number(), sample: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })) }) },
      },
    },
    (request) => tags.preview(request.actor, request.body.rule),
  );
  app.post(
    '/tags/recompute',
    { config: manage, schema: { tags: schemaTags, summary: 'Recompute every rule tag now; rules that no longer compile are listed in failed', response: { 200: Recomputed } } },
    () => tags.recompute(),
  );
  app.post(
    '/tags/:id/recompute',
    { config: manage, schema: { tags: schemaTags, params: IdParams, response: { 200: Recomputed } } },
    async (request) => {
      await tags.get(request.params.id);
      return tags.recompute(request.params.id);
    },
  );
  app.get(
    '/tags/:id/members',
    {
      config: read,
      schema: {
        tags: schemaTags,
        summary: 'Customers with the tag, in your scope, by customer id',
        params: IdParams,
        querystring: z.strictObject({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: MembersDto },
      },
    },
    (request) => tags.members(request.actor, request.params.id, request.query.after, request.query.limit),
  );
  const bulk = (change: 'add' | 'remove') => async (request: { actor: Parameters<typeof tags.assign>[0]; params: { id: number }; body: z.infer<typeof Who> }) => {
    const result = await tags.assign(request.actor, request.params.id, change, request.body);
    events.emit('customers.changed', { customerIds: result.customerIds });
    return { changed: result.changed, unchanged: result.unchanged, notFound: result.notFound };
  };
  app.post(
    '/tags/:id/members',
    { config: assign, schema: { tags: schemaTags, summary: 'Set a manual or imported tag on customers, by id or code (up to 10,000)', params: IdParams, body: Who, response: { 200: AssignResult } } },
    bulk('add'),
  );
  app.post(
    '/tags/:id/members/remove',
    { config: assign, schema: { tags: schemaTags, summary: 'Take a manual or imported tag off customers, by id or code', params: IdParams, body: Who, response: { 200: AssignResult } } },
    bulk('remove'),
  );

  const CustomerTagParams = z.strictObject({ id: idParam, tagId: idParam });
  app.get(
    '/customers/:id/tags',
    { config: read, schema: { tags: schemaTags, summary: "A customer's tags now and their history", params: IdParams, response: { 200: CustomerTagsDto } } },
    async (request) => {
      await customers.get(request.actor, request.params.id);
      return { tags: await tags.customerTags(request.params.id), history: await tags.history(request.params.id) };
    },
  );
  app.put('/customers/:id/tags/:tagId', { config: assign, schema: { tags: schemaTags, params: CustomerTagParams, response: { 200: AssignResult } } }, async (request) => {
    await customers.get(request.actor, request.params.id);
    return bulk('add')({ actor: request.actor, params: { id: request.params.tagId }, body: { customerIds: [request.params.id] } });
  });
  app.delete('/customers/:id/tags/:tagId', { config: assign, schema: { tags: schemaTags, params: CustomerTagParams, response: { 200: AssignResult } } }, async (request) => {
    await customers.get(request.actor, request.params.id);
    return bulk('remove')({ actor: request.actor, params: { id: request.params.tagId }, body: { customerIds: [request.params.id] } });
  });
};
