import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '#platform/http/schemas.ts';
import { FIELD_TYPES } from './custom-fields.repository.ts';

const Option = z.strictObject({ value: z.string().trim().min(1).max(100), labelZh: z.string().trim().min(1).max(100), labelEn: z.string().trim().min(1).max(100) });
const editable = {
  labelZh: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().min(1).max(100),
  descriptionZh: z.string().trim().max(1000).nullable().default(null),
  descriptionEn: z.string().trim().max(1000).nullable().default(null),
  required: z.boolean().default(false),
  options: z.array(Option).max(500).default([]),
  position: z.number().int().min(0).max(10_000).default(0),
  active: z.boolean().default(true),
};
const CreateBody = z.strictObject({
  entity: z.enum(['customer']).default('customer'),
  key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/).describe('Stable key, used in the API as custom.<key>'),
  type: z.enum(FIELD_TYPES),
  ...editable,
});
const UpdateBody = z.strictObject(editable);
const FieldDto = z
  .object({
    id: z.number(),
    entity: z.string(),
    key: z.string(),
    type: z.enum(FIELD_TYPES),
    labelZh: z.string(),
    labelEn: z.string(),
    descriptionZh: z.string().nullable(),
    descriptionEn: z.string().nullable(),
    required: z.boolean(),
    options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })),
    position: z.number(),
    active: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'CustomField' });

export const customFieldsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { customFields } = app.services;
  const tags = ['data dictionary'];
  app.get(
    '/custom-fields',
    { schema: { tags, summary: 'The data dictionary of custom fields (readable by all staff)', response: { 200: z.array(FieldDto) } } },
    () => customFields.list(),
  );
  app.post(
    '/custom-fields',
    { config: { permission: 'custom_field:manage' }, schema: { tags, body: CreateBody, response: { 201: FieldDto } } },
    async (request, reply) => reply.code(201).send(await customFields.create(request.actor, request.body)),
  );
  app.put(
    '/custom-fields/:id',
    {
      config: { permission: 'custom_field:manage' },
      schema: { tags, params: z.strictObject({ id: idParam }), body: UpdateBody, response: { 200: FieldDto } },
    },
    (request) => customFields.update(request.actor, request.params.id, request.body),
  );
};
