import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, isoDate } from '#platform/http/schemas.ts';
import { isCurrencyCode } from '#lib/currency.ts';
import { parseAmount } from '#lib/cn/amounts.ts';
import { Scorecard } from './scorecard.ts';
import { AgeingBucketDto, CreatedReceivable, CreditAdjustmentDto, CreditAlertDto, CustomerCreditDto } from './credit.dto.ts';

const IdParams = z.strictObject({ id: idParam });
const NoContent = { 204: z.null() };
// Written as people write amounts: full-width digits (Chinese input methods), thousands separators,
// 万 and 亿 ('1.5万' is 15000). A currency sign is refused: the currency is its own field.
const money = z
  .string()
  .trim()
  .transform((s) => {
    const read = parseAmount(s);
    return read && read.currency === null ? read.value : s;
  })
  .refine((s) => /^\d{1,18}(\.\d{1,2})?$/.test(s), { params: { messageKey: 'field.invalid_format' } })
  .describe('A decimal amount, e.g. 50000.00, 50,000 or 5万');
const currency = z
  .string()
  .refine(isCurrencyCode, { params: { messageKey: 'field.currency' } })
  .default('CNY')
  .describe('ISO 4217 code, e.g. CNY, USD');

export const creditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { credit, customers } = app.services;
  const tags = ['credit'];
  const seen = (request: { actor: Parameters<typeof customers.get>[0] }, id: number) => customers.get(request.actor, id);

  app.get('/credit/scorecard', { config: { permission: 'customer:read' }, schema: { tags, summary: 'The scorecard: base, factors, bins, points and reasons', response: { 200: Scorecard } } }, () =>
    credit.scorecard(),
  );
  app.put('/credit/scorecard', { config: { permission: 'settings:manage' }, schema: { tags, body: Scorecard, response: { 200: Scorecard } } }, (request) =>
    credit.saveScorecard(request.actor, request.body),
  );
  app.post(
    '/credit/recompute',
    { config: { permission: 'settings:manage' }, schema: { tags, summary: 'Score every customer now (also nightly and after each change of his data)', response: { 200: z.object({ customers: z.number(), changed: z.number() }) } } },
    () => credit.recompute(),
  );
  app.get(
    '/customers/:id/credit',
    { config: { permission: 'customer:read' }, schema: { tags, summary: "Score with its explanation and history, adjustments, limit, exposure, receivables, ageing, alerts", params: IdParams, response: { 200: CustomerCreditDto } } },
    async (request) => {
      await seen(request, request.params.id);
      return credit.forCustomer(request.params.id);
    },
  );
  app.post(
    '/customers/:id/credit/adjustments',
    {
      config: { permission: 'credit:adjust' },
      schema: {
        tags,
        summary: 'Ask to move the score, with a reason; it counts once someone with credit:approve approves it',
        params: IdParams,
        body: z.strictObject({ points: z.number().int().min(-1000).max(1000).refine((p) => p !== 0, 'field.invalid'), reason: z.string().trim().min(5).max(2000) }),
        response: { 201: CreditAdjustmentDto },
      },
    },
    async (request, reply) => {
      await seen(request, request.params.id);
      return reply.code(201).send(await credit.requestAdjustment(request.actor, request.params.id, request.body));
    },
  );
  app.get(
    '/credit/adjustments',
    {
      config: { permission: 'credit:approve' },
      schema: {
        tags,
        summary: 'Adjustments of the customers in your scope (pending by default): the approval screen',
        querystring: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).default('pending') }),
        response: { 200: z.array(CreditAdjustmentDto) },
      },
    },
    (request) => credit.adjustments(request.actor, request.query.status),
  );
  app.post(
    '/credit/adjustments/:id/decision',
    {
      config: { permission: 'credit:approve' },
      schema: {
        tags,
        summary: 'Approve or reject (not your own request)',
        params: IdParams,
        body: z.strictObject({ approve: z.boolean(), comment: z.string().trim().max(2000).nullable().optional() }),
        response: { 200: CreditAdjustmentDto },
      },
    },
    (request) => credit.decide(request.actor, request.params.id, request.body.approve, request.body.comment ?? null),
  );
  app.put(
    '/customers/:id/credit/limit',
    { config: { permission: 'credit:approve' }, schema: { tags, summary: "Set the customer's credit limit", params: IdParams, body: z.strictObject({ amount: money, currency }), response: NoContent } },
    async (request, reply) => {
      await seen(request, request.params.id);
      await credit.setLimit(request.actor, request.params.id, request.body);
      app.services.events.emit('business.changed', { customerIds: [request.params.id] });
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/customers/:id/receivables',
    {
      config: { permission: 'credit:adjust' },
      schema: {
        tags,
        summary: 'Record an amount the customer owes, with its due date',
        params: IdParams,
        body: z.strictObject({ externalId: z.string().trim().min(1).max(100), amount: money, currency, dueOn: isoDate, paidAmount: money.optional(), paidOn: isoDate.nullable().optional() }),
        response: { 201: CreatedReceivable },
      },
    },
    async (request, reply) => {
      await seen(request, request.params.id);
      const row = await credit.addReceivable(request.actor, request.params.id, request.body);
      app.services.events.emit('business.changed', { customerIds: [request.params.id] });
      return reply.code(201).send(row);
    },
  );
  app.post(
    '/customers/:id/receivables/:receivableId/payments',
    { config: { permission: 'credit:adjust' }, schema: { tags, params: z.strictObject({ id: idParam, receivableId: idParam }), body: z.strictObject({ amount: money, paidOn: isoDate }), response: NoContent } },
    async (request, reply) => {
      await seen(request, request.params.id);
      await credit.pay(request.actor, request.params.id, request.params.receivableId, request.body);
      app.services.events.emit('business.changed', { customerIds: [request.params.id] });
      return reply.code(204).send(null);
    },
  );
  app.get('/credit/ageing', { config: { permission: 'customer:read' }, schema: { tags, summary: 'Outstanding receivables by overdue bucket, in your scope', response: { 200: z.array(AgeingBucketDto) } } }, (request) => credit.ageing(request.actor));
  app.get('/credit/alerts', { config: { permission: 'customer:read' }, schema: { tags, summary: 'Customers over their credit limit or overdue, in your scope', response: { 200: z.array(CreditAlertDto) } } }, (request) => credit.alerts(request.actor));
};
