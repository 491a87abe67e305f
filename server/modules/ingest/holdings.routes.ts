import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '#platform/http/schemas.ts';

const HoldingDto = z
  .object({
    id: z.number(),
    customerId: z.number(),
    sourceSystem: z.string(),
    externalId: z.string(),
    kind: z.string(),
    productCode: z.string().nullable(),
    productName: z.string().nullable(),
    currency: z.string(),
    balance: z.string().nullable().describe('Decimal string, exact'),
    creditLimit: z.string().nullable(),
    openedOn: z.string().nullable(),
    maturesOn: z.string().nullable(),
    closedOn: z.string().nullable(),
    status: z.string(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Holding' });
const TransactionDto = z
  .object({
    id: z.number(),
    customerId: z.number(),
    holdingId: z.number().nullable(),
    sourceSystem: z.string(),
    externalId: z.string(),
    occurredAt: z.date(),
    amount: z.string().describe('Decimal string, exact, never negative: see direction'),
    currency: z.string(),
    direction: z.enum(['debit', 'credit']),
    channel: z.string().nullable(),
    productCode: z.string().nullable(),
    merchant: z.string().nullable(),
    category: z.string().nullable(),
    description: z.string().nullable(),
  })
  .meta({ id: 'Transaction' });

export const holdingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { holdings } = app.services;
  const tags = ['holdings'];
  app.get(
    '/customers/:id/holdings',
    { config: { permission: 'customer:read' }, schema: { tags, summary: 'Accounts, products and contracts the customer holds', params: z.strictObject({ id: idParam }), response: { 200: z.array(HoldingDto) } } },
    (request) => holdings.holdings(request.actor, request.params.id),
  );
  app.get(
    '/customers/:id/transactions',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags,
        summary: "The customer's transactions, newest first; page with nextCursor",
        params: z.strictObject({ id: idParam }),
        querystring: z.strictObject({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(TransactionDto), nextCursor: z.string().nullable() }) },
      },
    },
    (request) => holdings.transactions(request.actor, request.params.id, request.query),
  );
};
