import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '#platform/http/schemas.ts';
import { redactCustomerData } from '#modules/customers/customer.presenter.ts';
import { listAudit } from './audit.service.ts';

/** Entries whose records hold a customer's personal data: shown under the reader's field rules. */
const CUSTOMER_DATA = new Set(['customer', 'contact']);

const AuditDto = z.object({
  id: z.number(),
  at: z.date(),
  actorId: z.number().nullable(),
  actorKind: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: "The audit trail, newest first; page with beforeId. Customers' and contacts' data follow the reader's field rules (masked or left out)",
        querystring: z.strictObject({
          entity: z.string().max(50).optional(),
          entityId: z.string().max(50).optional(),
          actorId: idParam.optional(),
          action: z.string().max(50).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          beforeId: idParam.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.array(AuditDto) },
      },
    },
    async (request) =>
      (await listAudit(app.services.db, request.query)).map((entry) =>
        CUSTOMER_DATA.has(entry.entity) ? { ...entry, before: redactCustomerData(entry.before, request.actor), after: redactCustomerData(entry.after, request.actor) } : entry,
      ),
  );
};
