import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '#platform/http/schemas.ts';
import { ValueSettings, ValueSettingsBody } from './value.service.ts';

const IdParams = z.strictObject({ id: idParam });
const Group = z.object({ key: z.string().nullable(), customers: z.number(), contribution: z.string().nullable(), clv: z.string().nullable() });
const Fit = { logLikelihood: z.number(), converged: z.boolean() };
/** The lifetime-value method of a run and its fitted parameters. */
const ClvRun = z.object({
  method: z.enum(['bgnbd_gamma_gamma', 'historical']),
  reason: z.enum(['few_customers', 'few_repeat_customers', 'no_fit']).optional().describe('Why the models were not used'),
  customers: z.number().describe('Customers with purchases in the calibration period'),
  repeatCustomers: z.number(),
  fittedOn: z.number(),
  bgnbd: z.object({ r: z.number(), alpha: z.number().describe('in days'), a: z.number(), b: z.number(), ...Fit }).optional(),
  gammaGamma: z.object({ p: z.number(), q: z.number(), gamma: z.number(), ...Fit }).optional(),
  horizonMonths: z.number(),
  discountRate: z.number(),
  valueShare: z.number(),
});
const RuleProblem = z.object({ rule: z.string(), field: z.string(), code: z.string() });

export const valueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { value, customers } = app.services;
  const tags = ['customer value'];

  app.get('/value/settings', { config: { permission: 'customer:read' }, schema: { tags, summary: 'The contribution formula, tiers, Pareto share, tier matrix, classification rules and lifetime-value settings', response: { 200: ValueSettings } } }, () =>
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
      schema: {
        tags,
        summary: 'Recompute RFM, contribution, the Pareto core, tiers, classes, VIP and lifetime value for every customer now (also nightly)',
        response: {
          200: z.object({
            customers: z.number(),
            scored: z.number(),
            core: z.number(),
            vip: z.number(),
            changed: z.number().describe('Customers whose value changed, the only ones written'),
            clvMethod: z.enum(['bgnbd_gamma_gamma', 'historical']),
            ms: z.number(),
            purchases: z.object({ appended: z.number(), rebuilt: z.boolean(), ms: z.number() }).describe('How the column-store copy of the purchases was brought up to date'),
            phases: z.record(z.string(), z.number()).describe('Milliseconds per step'),
          }),
        },
      },
    },
    () => value.recompute(),
  );
  app.get(
    '/value/summary',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags,
        summary: 'Customers, contribution and lifetime value per RFM segment, tier, lifecycle stage, matrix tier, class and VIP, the Pareto core, and the last lifetime-value run, in your scope',
        response: {
          200: z.object({
            bySegment: z.array(Group),
            byTier: z.array(Group),
            byLifecycle: z.array(Group),
            byMatrixTier: z.array(Group),
            byClass: z.array(Group),
            byVip: z.array(Group).describe("key 'true' or 'false'"),
            pareto: z.object({ customers: z.number(), core: z.number(), coreContribution: z.string().nullable(), contribution: z.string().nullable(), computedAt: z.date().nullable() }),
            clv: z.object({ total: z.string().nullable(), customers: z.number(), run: ClvRun.nullable(), problems: z.array(RuleProblem) }),
          }),
        },
      },
    },
    (request) => value.summary(request.actor),
  );
  app.get(
    '/value/runs',
    {
      config: { permission: 'settings:manage' },
      schema: {
        tags,
        summary: 'The last ten recomputes: counts, the lifetime-value method with its fitted parameters, and classification rules that could not be applied',
        response: { 200: z.array(z.object({ id: z.number(), computedAt: z.date(), customers: z.number(), scored: z.number(), core: z.number(), vip: z.number(), ms: z.number(), clv: ClvRun, problems: z.array(RuleProblem) })) },
      },
    },
    () => value.runs(),
  );
  const CustomerValueDto = z.object({
    current: z
      .object({
        recencyDays: z.number().nullable(), frequency: z.number(), monetary: z.string(), r: z.number().nullable(), f: z.number().nullable(), m: z.number().nullable(),
        rfmSegment: z.string().nullable(), contribution: z.string(), contributionRank: z.number().nullable(), paretoCore: z.boolean(), tier: z.string().nullable(),
        lifecycle: z.string().nullable(), trend: z.string().nullable(), matrixTier: z.string().nullable(), customerClass: z.enum(['key', 'potential', 'ordinary']).nullable(),
        vip: z.boolean(), clv: z.string().nullable(), expectedPurchases: z.string().nullable(), pAlive: z.string().nullable(), computedAt: z.date(),
      })
      .nullable(),
    history: z.array(
      z.object({
        computedOn: z.string(), rfmSegment: z.string().nullable(), contribution: z.string(), tier: z.string().nullable(), paretoCore: z.boolean(), lifecycle: z.string().nullable(),
        matrixTier: z.string().nullable(), customerClass: z.string().nullable(), vip: z.boolean(), clv: z.string().nullable(),
      }),
    ),
  });
  app.get('/customers/:id/value', { config: { permission: 'customer:read' }, schema: { tags, summary: "A customer's value now and its history by day", params: IdParams, response: { 200: CustomerValueDto } } }, async (request) => {
    await customers.get(request.actor, request.params.id);
    return value.forCustomer(request.params.id);
  });
};
