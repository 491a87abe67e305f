import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const count = z.number().int();
const CustomerDashboardDto = z
  .object({
    total: count,
    newThisMonth: count,
    newLastMonth: count,
    byStatus: z.array(z.object({ status: z.string(), count })),
    byKind: z.array(z.object({ kind: z.string(), count })),
    byOrgUnit: z.array(
      z.object({ orgUnitId: z.number(), nameZh: z.string(), nameEn: z.string().nullable(), count, byStatus: z.record(z.string(), count) }),
    ),
    newByMonth: z.array(z.object({ month: z.string().describe('YYYY-MM'), count })).describe('The last 12 months, oldest first'),
    timeZone: z.string().describe('Months are calendar months in this time zone'),
    computedAt: z.date(),
  })
  .meta({ id: 'CustomerDashboard' });

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dashboard/customers',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags: ['dashboard'],
        summary: 'Customer figures for the home page, within your scope (up to 30 s old)',
        response: { 200: CustomerDashboardDto },
      },
    },
    (request) => app.services.dashboard.customers(request.actor),
  );
};
