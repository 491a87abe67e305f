import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { read } from './kept-messages.ts';
import { runFor } from './imports.service.ts';
import { idParam } from '#platform/http/schemas.ts';
import { AppError } from '#platform/errors.ts';
import { t, type Locale } from '#platform/i18n/index.ts';
import type { SourceRow } from './sources.ts';
import { TARGETS } from './targets.ts';
import { DEBT_SIGNS } from './loaders/loader.ts';

const SourceBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['folder', 'postgres', 'mysql']),
  target: z.enum(TARGETS),
  config: z.strictObject({
    path: z
      .string()
      .max(500)
      .optional()
      .describe('folder: a folder inside the import inbox (GET /import-sources/settings tells where it is), e.g. "cards"; an absolute path inside the inbox is stored relative to it'),
    pattern: z.string().max(200).optional().describe("folder: file names to take, e.g. 'cards_*.csv'"),
    url: z.string().max(1000).optional().describe('postgres/mysql: connection string'),
    query: z.string().max(20_000).optional().describe('postgres/mysql: the rows to load; :watermark stands for the last loaded value (null at first)'),
    watermarkColumn: z.string().max(100).optional().describe('postgres/mysql: the column whose highest value is remembered'),
    requireControlFile: z
      .boolean()
      .optional()
      .describe("folder: a data file waits until its control file '<name>.ctl' (rows=…, amount=…) is there; without this, a control file is checked when present"),
    debtSign: z.enum(DEBT_SIGNS).optional().describe("holdings: how the source writes what a customer owes on loans, mortgages and cards ('negative': -1234.50 is 1234.50 owed)"),
  }),
  mapping: z.record(z.string().max(200), z.string().max(100)),
  policy: z.enum(['reject_file', 'load_valid']).default('reject_file'),
  sourceSystem: z.string().trim().regex(/^[\w.-]{1,50}$/),
  cron: z.string().trim().max(100).describe("When to run, e.g. '0 2 * * *' for 02:00 every day"),
  timeZone: z.string().max(64).default('Asia/Shanghai'),
  enabled: z.boolean().default(true),
  maxRetries: z.number().int().min(0).max(10).default(2),
});
const SourceDto = z
  .object({
    id: z.number(),
    name: z.string(),
    kind: z.string(),
    target: z.string(),
    config: z.record(z.string(), z.unknown()),
    mapping: z.record(z.string(), z.string()),
    policy: z.string(),
    sourceSystem: z.string(),
    cron: z.string(),
    timeZone: z.string(),
    enabled: z.boolean(),
    maxRetries: z.number(),
    watermark: z.string().nullable(),
    nextRunAt: z.date().nullable(),
    attempt: z.number(),
    lastRunAt: z.date().nullable(),
    lastStatus: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'ImportSource' });
const SavedSourceDto = SourceDto.extend({
  warnings: z
    .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
    .describe("Saved, but the source should know: e.g. 'IMPORT_SOURCE_FOLDER_NOT_YET', its folder does not exist yet and its runs fail until it is created"),
}).meta({ id: 'SavedImportSource' });
const SettingsDto = z
  .object({ inbox: z.string().describe('The absolute path of the import inbox on the server: folder sources name a folder inside it') })
  .meta({ id: 'ImportSourceSettings' });
const IdParams = z.strictObject({ id: idParam });

export const sourcesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { sources } = app.services;
  const tags = ['import sources'];
  app.get('/import-sources', { config: { permission: 'data:import' }, schema: { tags, summary: 'The scheduled extractions', response: { 200: z.array(SourceDto) } } }, async (request) =>
    (await sources.list()).map((s) => sources.present(s, request.locale)),
  );
  app.get(
    '/import-sources/settings',
    { config: { permission: 'settings:manage' }, schema: { tags, summary: 'Where folder sources live on the server (for those who set sources up)', response: { 200: SettingsDto } } },
    async () => ({ inbox: sources.inboxRoot }),
  );
  /** The saved source, with what it should be told in the reader's language. */
  const saved = async (row: SourceRow, locale: Locale) => ({
    ...sources.present(row, locale),
    warnings: (await sources.warningsFor(row)).map((w) => ({ field: w.field, code: w.code, message: t(locale, w.key, w.params) })),
  });
  app.post('/import-sources', { config: { permission: 'settings:manage' }, schema: { tags, body: SourceBody, response: { 201: SavedSourceDto } } }, async (request, reply) =>
    reply.code(201).send(await saved(await sources.create(request.actor, request.body), request.locale)),
  );
  app.put('/import-sources/:id', { config: { permission: 'settings:manage' }, schema: { tags, params: IdParams, body: SourceBody, response: { 200: SavedSourceDto } } }, async (request) =>
    saved(await sources.update(request.actor, request.params.id, request.body), request.locale),
  );
  app.delete(
    '/import-sources/:id',
    { config: { permission: 'settings:manage' }, schema: { tags, summary: 'Remove a source (not while it runs); its runs stay in the import history', params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await sources.remove(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/import-sources/:id/run',
    {
      config: { permission: 'data:import' },
      schema: { tags, summary: 'Run a source now and wait for it', params: IdParams, response: { 200: z.object({ status: z.string(), error: z.string().nullable(), runIds: z.array(z.number()) }) } },
    },
    async (request) => {
      const result = await sources.run(request.params.id, request.actor);
      if (result.status === 'busy') throw new AppError('CONFLICT', 'IMPORT_SOURCE_RUNNING', 'import.source.running');
      return { status: result.status, error: read(result.error, request.locale), runIds: result.runs.map((r) => r.id) };
    },
  );
  app.get('/import-sources/:id/runs', { config: { permission: 'data:import' }, schema: { tags, summary: "The source's runs, newest first", params: IdParams } }, async (request) => {
    await sources.get(request.params.id);
    return (await sources.runs(request.params.id)).map((r) => runFor(r, request.actor, request.locale));
  });
};
