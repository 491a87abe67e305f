import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, isoDate } from '#platform/http/schemas.ts';

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
    masked: z.array(z.string()).describe("['externalId'] when the account number is shown masked (****2642): it follows the reader's rule for the ID number"),
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
    accountNumber: z.string().nullable().describe('The account or card number of the holding it was booked on; masked as the holding\'s'),
    masked: z.array(z.string()).describe("['accountNumber'] when the account number is shown masked"),
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
        summary: "The customer's transactions, newest first; page with nextCursor (send the same filters with it)",
        params: z.strictObject({ id: idParam }),
        querystring: z.strictObject({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          from: isoDate.optional().describe('First day, YYYY-MM-DD in China time, included'),
          to: isoDate.optional().describe('Last day, YYYY-MM-DD in China time, included; not before from'),
          q: z.string().trim().max(100).optional().describe('Text in the merchant or the description, any case'),
        }),
        response: { 200: z.object({ items: z.array(TransactionDto), nextCursor: z.string().nullable() }) },
      },
    },
    (request) => holdings.transactions(request.actor, request.params.id, request.query),
  );
};
