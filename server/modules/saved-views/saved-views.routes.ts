import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '#platform/http/schemas.ts';

/** List pages that keep views; a later module adds its page name here. */
export const VIEW_PAGES = ['customers', 'tickets'] as const;

const name = z.string().trim().min(1).max(100);
const state = z.record(z.string().max(100), z.unknown()).describe("The page's filters, sort and columns, as the page itself stores them");
const SavedViewDto = z
  .object({
    id: z.number(),
    page: z.string(),
    name: z.string(),
    state: z.record(z.string(), z.unknown()),
    isDefault: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'SavedView' });
const IdParams = z.strictObject({ id: idParam });

export const savedViewsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { savedViews } = app.services;
  const tags = ['saved views'];
  app.get(
    '/saved-views',
    {
      schema: {
        tags,
        summary: "The signed-in user's saved views of a list page",
        querystring: z.strictObject({ page: z.enum(VIEW_PAGES) }),
        response: { 200: z.array(SavedViewDto) },
      },
    },
    (request) => savedViews.list(request.actor, request.query.page),
  );
  app.post(
    '/saved-views',
    {
      schema: {
        tags,
        summary: 'Save a view; 409 when the name is taken. A new default replaces the old one',
        body: z.strictObject({ page: z.enum(VIEW_PAGES), name, state, isDefault: z.boolean().optional() }),
        response: { 201: SavedViewDto },
      },
    },
    async (request, reply) => reply.code(201).send(await savedViews.create(request.actor, request.body)),
  );
  app.put(
    '/saved-views/:id',
    {
      schema: {
        tags,
        summary: 'Rename a view, replace its state or make it the default',
        params: IdParams,
        body: z.strictObject({ name: name.optional(), state: state.optional(), isDefault: z.boolean().optional() }),
        response: { 200: SavedViewDto },
      },
    },
    (request) => savedViews.update(request.actor, request.params.id, request.body),
  );
  app.delete(
    '/saved-views/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await savedViews.remove(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
