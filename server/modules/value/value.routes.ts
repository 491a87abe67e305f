import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '#platform/http/schemas.ts';
import { ValueSettings, ValueSettingsBody } from './value.service.ts';

const IdParams = z.strictObject({ id: idParam });
const Group = z.object({ key: z.string().nullable(), customers: z.number(), contribution: z.string().nullable() });

export const valueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { value, customers } = app.services;
  const tags = ['customer value'];

  app.get('/value/settings', { config: { permission: 'customer:read' }, schema: { tags, summary: 'The contribution formula, tiers and Pareto share', response: { 200: ValueSettings } } }, () =>
    value.settings(),
  );
  app.put(
    '/value/settings',
    { config: { permission: 'settings:manage' }, schema: { tags, summary: 'Change the formula (every setting named); takes effect at the next recompute', body: ValueSettingsBody, response: { 200: ValueSettings } } },
    (request) => value.saveSettings(request.actor, request.body),
  );
  app.post(
    '/value/recompute',
    {
      config: { permission: 'settings:manage' },
      schema: { tags, summary: 'Recompute RFM, contribution, the Pareto core and tiers for every customer now (also nightly)', response: { 200: z.object({ customers: z.number(), scored: z.number(), core: z.number(), ms: z.number() }) } },
    },
    () => value.recompute(),
  );
  app.get(
    '/value/summary',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags,
        summary: 'Customers and contribution per RFM segment and per tier, and the Pareto core, in your scope',
        response: { 200: z.object({ bySegment: z.array(Group), byTier: z.array(Group), byLifecycle: z.array(Group), pareto: z.object({ customers: z.number(), core: z.number(), coreContribution: z.string().nullable(), contribution: z.string().nullable(), computedAt: z.date().nullable() }) }) },
      },
    },
    (request) => value.summary(request.actor),
  );
  const CustomerValueDto = z.object({
    current: z
      .object({
        recencyDays: z.number().nullable(), frequency: z.number(), monetary: z.string(), r: z.number().nullable(), f: z.number().nullable(), m: z.number().nullable(),
        rfmSegment: z.string().nullable(), contribution: z.string(), contributionRank: z.number().nullable(), paretoCore: z.boolean(), tier: z.string().nullable(),
        lifecycle: z.string().nullable(), trend: z.string().nullable(), computedAt: z.date(),
      })
      .nullable(),
    history: z.array(z.object({ computedOn: z.string(), rfmSegment: z.string().nullable(), contribution: z.string(), tier: z.string().nullable(), paretoCore: z.boolean(), lifecycle: z.string().nullable() })),
  });
  app.get('/customers/:id/value', { config: { permission: 'customer:read' }, schema: { tags, summary: "A customer's value now and its history by day", params: IdParams, response: { 200: CustomerValueDto } } }, async (request) => {
    await customers.get(request.actor, request.params.id);
    return value.forCustomer(request.params.id);
  });
};
