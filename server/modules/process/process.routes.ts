import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { t as translate } from '#platform/i18n/index.ts';
import { definitionProblems, ProcessDefinition } from './definition.ts';
import { DefinitionCheckResult, InboxItem, ProcessDetailDto, ProcessSummaryDto, ProcessVersionDto, StageReportDto } from './process.dto.ts';

const KeyParams = z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) });
const DefinitionBody = z.strictObject({ nameZh: z.string().trim().min(1).max(100), nameEn: z.string().trim().min(1).max(100), definition: ProcessDefinition });

export const processRoutes: FastifyPluginAsyncZod = async (app) => {
  const { process: engine, db } = app.services;
  const tags = ['process'];

  app.get(
    '/process/inbox',
    {
      schema: {
        tags,
        summary: "Cases waiting for you ('mine': assigned to you or your approval) or for your unit and roles ('department'), most urgent first",
        querystring: z.strictObject({
          box: z.enum(['mine', 'department']).default('mine'),
          subjectType: z.string().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          afterDue: z.iso.datetime().optional(),
          afterId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: z.object({ items: z.array(InboxItem) }) },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await engine.inbox(request.actor, { box: q.box, subjectType: q.subjectType, limit: q.limit, after: q.afterId ? { dueAt: q.afterDue ?? null, id: q.afterId } : undefined });
      return { items };
    },
  );
  app.get('/process/definitions', { config: { permission: 'customer:read' }, schema: { tags, summary: 'The latest version of every process', response: { 200: z.array(ProcessSummaryDto) } } }, () => engine.listDefinitions());
  app.get(
    '/process/definitions/:key',
    { config: { permission: 'customer:read' }, schema: { tags, summary: 'The latest version of a process, with the list of its versions', params: KeyParams, response: { 200: ProcessDetailDto } } },
    async (request) => {
      const latest = await engine.latest(db, request.params.key);
      return { ...latest, versions: await engine.versions(request.params.key) };
    },
  );
  app.put(
    '/process/definitions/:key',
    {
      config: { permission: 'process:manage' },
      schema: { tags, summary: 'Save a new version (running cases keep the version they started with); unreachable states or no end are refused', params: KeyParams, body: DefinitionBody, response: { 200: ProcessVersionDto } },
    },
    async (request) => {
      const saved = await db.transaction((tx) => engine.saveDefinition(request.actor, tx, request.params.key, request.body));
      return { ...(await engine.latest(db, request.params.key)), version: saved.version };
    },
  );
  app.post(
    '/process/definitions/check',
    { config: { permission: 'process:manage' }, schema: { tags, summary: 'Check a definition without saving it', body: DefinitionBody, response: { 200: DefinitionCheckResult } } },
    async (request) => {
      // Shaped like a 400's field errors (field, code, message in the reader's language), so a form shows both alike.
      return { problems: definitionProblems(request.body.definition).map((p) => ({ field: p.field, code: p.message, message: translate(request.locale, p.message, p.params) })) };
    },
  );
  app.get(
    '/process/definitions/:key/stage-report',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags,
        summary: 'Time spent per state (median, p90) and the open cases at risk of missing a key node',
        params: KeyParams,
        querystring: z.strictObject({ riskHours: z.coerce.number().min(0).max(24 * 30).default(24), since: z.iso.date().optional() }),
        response: { 200: StageReportDto },
      },
    },
    (request) => engine.stageReport(request.params.key, request.query),
  );
};
