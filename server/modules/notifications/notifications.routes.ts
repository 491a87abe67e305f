import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '#platform/http/schemas.ts';

const NoContent = { 204: z.null() };
const Notification = z.object({ id: z.number(), kind: z.string(), text: z.string(), params: z.record(z.string(), z.unknown()), link: z.string().nullable(), createdAt: z.date(), readAt: z.date().nullable() });

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { notifications } = app.services;
  const tags = ['notifications'];
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first, in your language, with the unread count',
        querystring: z.strictObject({ unread: z.enum(['true', 'false']).default('false'), limit: z.coerce.number().int().min(1).max(200).default(30) }),
        response: { 200: z.object({ unread: z.number(), items: z.array(Notification) }) },
      },
    },
    (request) => notifications.list(request.actor, { unreadOnly: request.query.unread === 'true', limit: request.query.limit }),
  );
  app.post('/notifications/:id/read', { schema: { tags, params: z.strictObject({ id: idParam }), response: NoContent } }, async (request, reply) => {
    await notifications.markRead(request.actor, request.params.id);
    return reply.code(204).send(null);
  });
  app.post('/notifications/read-all', { schema: { tags, response: NoContent } }, async (request, reply) => {
    await notifications.markRead(request.actor, 'all');
    return reply.code(204).send(null);
  });
};
