import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCurrencyCode } from '#lib/currency.ts';

const Currency = z.string().trim().toUpperCase().refine(isCurrencyCode, { params: { messageKey: 'field.currency' } }).describe('ISO 4217 code, e.g. USD');
const CurrencyParams = z.strictObject({ currency: Currency });
/** Yuan for one unit: positive, up to 8 decimals (full-width digits are read as digits). */
const Rate = z
  .string()
  .trim()
  .transform((s) => s.normalize('NFKC'))
  .refine((s) => /^\d{1,12}(\.\d{1,8})?$/.test(s) && Number(s) > 0, { params: { messageKey: 'exchange_rates.rate' } })
  .describe('Yuan for one unit of the currency, e.g. "7.1234"');
const ExchangeRate = z.object({
  currency: z.string(),
  rate: z.string(),
  base: z.boolean().describe('The base currency (CNY): its rate is always 1'),
  updatedAt: z.date().nullable().describe('Null for the base currency'),
  updatedByName: z.string().nullable(),
});
const ExchangeRates = z.object({
  base: z.string(),
  rates: z.array(ExchangeRate),
  missing: z
    .array(
      z.object({
        currency: z.string(),
        holdings: z.number(),
        transactions: z.number(),
        receivables: z.number(),
        creditLimits: z.number(),
        customers: z.number().describe('Customers with an amount in this currency'),
        examples: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })).describe("Up to three of them, in the reader's scope"),
      }),
    )
    .describe('Currencies amounts are kept in that have no rate: those amounts are left out of every total'),
});

export const exchangeRatesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exchangeRates } = app.services;
  const tags = ['exchange rates'];

  app.get(
    '/exchange-rates',
    { config: { permission: 'customer:read' }, schema: { tags, summary: 'The rates into yuan that totals across accounts use, and the currencies still without one', response: { 200: ExchangeRates } } },
    (request) => exchangeRates.list(request.actor),
  );
  app.put(
    '/exchange-rates/:currency',
    {
      config: { permission: 'settings:manage' },
      schema: {
        tags,
        summary: "Set a currency's rate (adds it when new); credit, tag and segment rules are recomputed for every customer",
        params: CurrencyParams,
        body: z.strictObject({ rate: Rate }),
        response: { 200: ExchangeRate },
      },
    },
    (request) => exchangeRates.set(request.actor, request.params.currency, request.body.rate),
  );
  app.delete(
    '/exchange-rates/:currency',
    { config: { permission: 'settings:manage' }, schema: { tags, summary: "Remove a currency's rate: its amounts are left out of totals", params: CurrencyParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await exchangeRates.remove(request.actor, request.params.currency);
      return reply.code(204).send(null);
    },
  );
};
