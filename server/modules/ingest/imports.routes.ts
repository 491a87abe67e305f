import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idBody, idParam, isoDate } from '#platform/http/schemas.ts';
import { badFile, FORMATS } from './readers.ts';
import { TARGETS } from './targets.ts';
import { DEBT_SIGNS } from './loaders/loader.ts';
import { runFor } from './imports.service.ts';
import { RUN_LIST_SOURCES, RUN_LIST_STATUSES, type ImportRunRow } from './imports.repository.ts';

const FileId = z.string().regex(/^[0-9a-f]{64}$/).describe('The SHA-256 of the uploaded file, as the upload answered');
const ImportBody = z.strictObject({
  fileId: FileId,
  fileName: z.string().max(255).nullish(),
  target: z.enum(TARGETS),
  mapping: z.record(z.string().max(200), z.string().max(100)).describe("The file's column → the field it fills (see GET /imports/fields)"),
  policy: z.enum(['reject_file', 'load_valid']).default('reject_file').describe('reject_file: any row error loads nothing; load_valid: load the valid rows'),
  options: z
    .strictObject({
      sourceSystem: z.string().trim().regex(/^[\w.-]{1,50}$/).optional().describe('Where the file comes from (core_banking, billing …); external ids are unique within it'),
      orgUnitId: idBody.optional().describe("Org unit of new customers whose row names neither an org unit nor a customer manager (one naming a manager goes to the manager's unit)"),
      debtSign: z
        .enum(DEBT_SIGNS)
        .optional()
        .describe("Holdings: how the file writes what a customer owes on loans, mortgages and cards. 'positive' (default) as stored; 'negative' turns -1234.50 into 1234.50 owed"),
    })
    .optional(),
  force: z.boolean().optional().describe('Load again a file that was loaded before with the same mapping'),
  format: z.enum(FORMATS).optional().describe('Overrides the detected format'),
  encoding: z.enum(['UTF-8', 'GB18030', 'GBK', 'Big5', 'UTF-16LE', 'UTF-16BE']).optional().describe('Overrides the detected encoding'),
  controlTotals: z
    .strictObject({
      rows: z.number().int().min(0).max(2_000_000_000).optional().describe('The number of data rows the file holds (the header not counted)'),
      amountSum: z.string().trim().max(40).optional().describe("The sum of the amount column as the file writes it (transactions: amount, holdings: balance), a decimal string such as '1234.56'"),
    })
    .optional()
    .describe('Control totals from the sending system: checked before anything is stored; when they differ nothing is loaded and the run fails'),
});
const RunDto = z
  .object({
    id: z.number(),
    target: z.string(),
    source: z.string(),
    fileName: z.string().nullable(),
    fileChecksum: z.string().nullable(),
    fileSize: z.number().nullable(),
    format: z.string().nullable(),
    encoding: z.string().nullable(),
    mapping: z.record(z.string(), z.string()),
    options: z.record(z.string(), z.unknown()),
    policy: z.string(),
    status: z.enum(['running', 'succeeded', 'rejected', 'failed']),
    rowsRead: z.number(),
    rowsInserted: z.number(),
    rowsUpdated: z.number(),
    rowsUnchanged: z.number(),
    rowsRejected: z.number(),
    rowsQuarantined: z.number(),
    error: z.string().nullable(),
    startedBy: z.number().nullable(),
    startedByName: z.string().nullable(),
    sourceId: z.number().nullable(),
    startedAt: z.date(),
    finishedAt: z.date().nullable(),
    durationMs: z.number().nullable(),
    controlRows: z.number().nullable().describe('The row count the control totals gave (null: none given)'),
    controlAmountSum: z.string().nullable().describe('The amount sum the control totals gave'),
    amountSum: z.string().nullable().describe('The sum of the amount column the run read (transactions and holdings)'),
    controlMatched: z.boolean().nullable().describe('Whether the control totals matched; null when none were given'),
    rejectedRowsAllowed: z
      .boolean()
      .describe("Whether you may download its rows with errors (rejected-rows.csv): they are whole, so only for whoever started the run or a reader whose roles mask none of the file's fields"),
  })
  .meta({ id: 'ImportRun' });
const RowErrorDto = z.object({
  rowNo: z.number(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  duplicate: z
    .object({ customerId: z.number().describe('The customer already stored'), sourceId: z.number().nullable().describe("The row's own customer, when it exists") })
    .nullable()
    .optional()
    .describe('For a duplicate of a customer in your scope: the two customers, to open or merge them'),
});
/** Values the customer 360 masks for the reader are masked here too. */
const MaskedDto = z
  .array(z.string())
  .describe(
    "The values shown masked for you, by your roles' field rules as on the customer's page: account numbers (holdings' externalId, transactions' holdingExternalId: ****2642) follow the rule for the ID number; idNumber, mobile, contact.mobile, custom.<key> … their own. Fields your roles hide are left out",
  );
const PreviewDto = z.object({
  rows: z.array(z.object({ rowNo: z.number(), action: z.string(), values: z.record(z.string(), z.unknown()), masked: MaskedDto })),
  errors: z.array(RowErrorDto),
  customers: z
    .array(z.object({ id: z.number(), code: z.string(), name: z.string() }))
    .describe("The customers the rows refer to (values.customerId), those in the reader's scope"),
  owners: z.array(z.object({ id: z.number(), username: z.string(), displayName: z.string() })).describe('The customer managers the rows name (values.ownerId)'),
});
const QuarantinedDto = z
  .object({
    id: z.number(),
    runId: z.number(),
    target: z.string(),
    rowNo: z.number().describe('The row of the file it came from'),
    sourceSystem: z.string(),
    reason: z.string(),
    message: z.string().describe('The reason in your language'),
    customerCode: z.string().nullable(),
    customerExternalId: z.string().nullable(),
    externalId: z.string().nullable().describe("The account number (masked as in values) or transaction id"),
    values: z.record(z.string(), z.unknown()).describe('The row as it will be stored'),
    masked: MaskedDto,
    status: z.enum(['open', 'resolved']),
    resolvedAt: z.date().nullable(),
    resolvedRunId: z.number().nullable().describe('The reprocess run that loaded it'),
    createdAt: z.date(),
  })
  .meta({ id: 'QuarantinedRow' });
const QuarantinePage = z.object({ items: z.array(QuarantinedDto), nextCursor: z.string().nullable(), open: z.number().describe('Open rows in all pages') });
const QuarantineQuery = {
  cursor: z.string().regex(/^\d{1,18}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
const IdParams = z.strictObject({ id: idParam });
/** The history's filters: the days are China-time calendar days, both included. */
const RunListQuery = z
  .strictObject({
    target: z.enum(TARGETS).optional(),
    status: z
      .enum(RUN_LIST_STATUSES)
      .optional()
      .describe("How the run ended: 'failed' leaves out the runs a stopped server interrupted, which 'interrupted' lists"),
    source: z
      .enum(RUN_LIST_SOURCES)
      .optional()
      .describe("How it was started: 'upload' the web app, 'api' an API token, 'cli' the command line, 'schedule' a scheduled source, 'quarantine' a reprocess of quarantined rows"),
    startedFrom: isoDate.optional().describe('Started on this day or later (China time)'),
    startedTo: isoDate.optional().describe('Started on this day or earlier (China time)'),
    beforeId: idParam.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.startedFrom || !q.startedTo || q.startedFrom <= q.startedTo, { path: ['startedTo'], params: { messageKey: 'field.date_range' } });
const tags = ['imports'];

export const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { imports } = app.services;

  // Uploads are streamed to disk as they arrive, whatever their type (JSON and text included: a
  // .jsonl file is sent as it is); the size limit is IMPORT_MAX_MB. In a scope of their own, so
  // that the other routes keep parsing JSON.
  await app.register(async (plugin) => {
    const files = plugin.withTypeProvider<ZodTypeProvider>();
    files.removeAllContentTypeParsers();
    files.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    files.post(
      '/imports/files',
      {
        config: { permission: 'data:import' },
        schema: {
          tags,
          summary: 'Upload a file to import (the raw bytes as the body, any content type but a form); answers its columns, first rows and a suggested mapping',
          headers: z.object({ 'x-file-name': z.string().max(1000).optional().describe('The file name, URI-encoded') }).passthrough(),
          response: { 201: z.object({ fileId: z.string(), size: z.number(), format: z.enum(FORMATS), encoding: z.string().nullable(), delimiter: z.string().nullable(), headers: z.array(z.string()), sample: z.array(z.record(z.string(), z.unknown())), suggested: z.record(z.string(), z.record(z.string(), z.string())), suggestedTarget: z.enum(TARGETS).describe('What the file most likely holds, from its headers') }) },
        },
      },
      async (request, reply) => {
        // A form (curl -F) would be stored with its boundaries as if they were the file.
        if (/^multipart\//i.test(request.headers['content-type'] ?? '')) {
          reply.header('connection', 'close');
          throw badFile('multipart');
        }
        // Refused mid-upload: close the connection rather than read the rest of a huge body.
        const stored = await imports.files.save(request.body as Readable).catch((error: unknown) => {
          reply.header('connection', 'close');
          throw error;
        });
        const name = request.headers['x-file-name'];
        const fileName = typeof name === 'string' ? safeDecode(name) : null;
        return reply.code(201).send(await imports.inspect(stored.fileId, fileName));
      },
    );
  });
  app.get(
    '/imports/fields',
    { config: { permission: 'data:import' }, schema: { tags, summary: 'The fields each target can fill', response: { 200: z.record(z.string(), z.array(z.object({ key: z.string(), kind: z.string(), required: z.boolean() }))) } } },
    async () => {
      const { TARGET_FIELDS } = await import('./targets.ts');
      const custom = (await app.services.customFields.list()).filter((f) => f.active);
      return Object.fromEntries(
        Object.entries(TARGET_FIELDS).map(([target, fields]) => [
          target,
          [
            ...fields.map((f) => ({ key: f.key, kind: f.kind, required: f.required ?? false })),
            ...(target === 'customers' ? custom.map((c) => ({ key: `custom.${c.key}`, kind: 'custom', required: c.required })) : []),
          ],
        ]),
      );
    },
  );
  app.post(
    '/imports/preview',
    {
      config: { permission: 'data:import' },
      schema: { tags, summary: 'The first 20 rows as they would be stored, with their errors; writes nothing', body: ImportBody, response: { 200: PreviewDto } },
    },
    (request) => imports.preview(request.actor, request.body),
  );
  app.post(
    '/imports',
    {
      config: { permission: 'data:import' },
      schema: {
        tags,
        summary: 'Run an import. 202 while it runs (poll GET /imports/:id), or 200 when it ran with ?wait=true or was loaded before',
        querystring: z.strictObject({ wait: z.enum(['true', 'false']).optional() }),
        body: ImportBody,
        response: {
          200: z.object({
            run: RunDto,
            alreadyImported: z.boolean().describe('True when the same file was loaded before with the same target, mapping and options, whatever its policy: `run` is that earlier run, and nothing was loaded again (`force` loads it again)'),
            message: z.string().optional().describe('When alreadyImported: which earlier run loaded the file (its number and start), in your language'),
          }),
          202: z.object({ run: RunDto, alreadyImported: z.boolean() }),
        },
      },
    },
    async (request, reply) => {
      const started = await imports.start({ ...request.actor, locale: request.locale }, { ...request.body, source: request.actor.kind === 'token' ? 'api' : 'upload' });
      const run = (r: ImportRunRow) => runFor(r, request.actor, request.locale);
      if (started.alreadyImported) return reply.code(200).send({ run: run(started.run), alreadyImported: true, message: started.message });
      if (request.query.wait === 'true') return reply.code(200).send({ run: run(await started.done), alreadyImported: false });
      return reply.code(202).send({ run: run(started.run), alreadyImported: false });
    },
  );
  app.get(
    '/imports',
    {
      config: { permission: 'data:import' },
      schema: { tags, summary: 'Import runs, newest first; filtered by what they loaded, how they ended, how they were started and the day they started', querystring: RunListQuery, response: { 200: z.array(RunDto) } },
    },
    async (request) => (await imports.list(request.query)).map((r) => runFor(r, request.actor, request.locale)),
  );
  app.get('/imports/:id', { config: { permission: 'data:import' }, schema: { tags, params: IdParams, response: { 200: RunDto } } }, async (request) => runFor(await imports.run(request.params.id), request.actor, request.locale));
  app.get(
    '/imports/:id/errors',
    { config: { permission: 'data:import' }, schema: { tags, summary: "A run's row errors in your language (first 1,000); values of fields your roles mask are masked", params: IdParams, response: { 200: z.array(RowErrorDto) } } },
    (request) => imports.errors({ ...request.actor, locale: request.locale }, request.params.id),
  );
  app.get(
    '/imports/:id/quarantine',
    {
      config: { permission: 'data:import' },
      schema: {
        tags,
        summary: "A run's quarantined rows (customer not known when it ran), in row order",
        params: IdParams,
        querystring: z.strictObject({ status: z.enum(['open', 'resolved', 'all']).default('all'), ...QuarantineQuery }),
        response: { 200: QuarantinePage },
      },
    },
    (request) => imports.quarantine({ ...request.actor, locale: request.locale }, { runId: request.params.id, ...request.query }),
  );
  app.get(
    '/import-quarantine',
    {
      config: { permission: 'data:import' },
      schema: {
        tags,
        summary: 'Quarantined rows of all runs, newest first',
        querystring: z.strictObject({ status: z.enum(['open', 'resolved', 'all']).default('open'), target: z.enum(['holdings', 'transactions']).optional(), ...QuarantineQuery }),
        response: { 200: QuarantinePage },
      },
    },
    (request) => imports.quarantine({ ...request.actor, locale: request.locale }, request.query),
  );
  app.post(
    '/import-quarantine/reprocess',
    {
      config: { permission: 'data:import' },
      schema: {
        tags,
        summary: 'Load the quarantined rows whose customer is known now (of one run, or all); the others stay. Recorded as import runs',
        body: z.strictObject({ runId: idBody.optional().describe('Only the rows of this run') }).default({}),
        response: { 200: z.object({ runs: z.array(RunDto), tried: z.number(), resolved: z.number(), open: z.number() }) },
      },
    },
    async (request) => {
      const result = await imports.reprocess({ ...request.actor, locale: request.locale }, request.body);
      return { ...result, runs: result.runs.map((r) => runFor(r, request.actor, request.locale)) };
    },
  );
  app.get(
    '/imports/:id/rejected-rows.csv',
    {
      config: { permission: 'data:import' },
      schema: {
        tags,
        summary: "The file's rows that had errors, in its own columns with the reasons last: to correct and import again (UTF-8 CSV). Values are as the file has them, not masked (masked ones could not be imported again): 403 unless you started the run or your roles mask none of its fields",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const rows = await imports.rejectedRows(request.actor, request.locale, request.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${request.params.id}-rejected-rows.csv"`)
        .send(Readable.from(rows));
    },
  );
  app.get(
    '/imports/:id/errors.csv',
    { config: { permission: 'data:import' }, schema: { tags, summary: 'The error report to download: row, column, value, reason (UTF-8 CSV)', params: IdParams } },
    async (request, reply) => {
      const csv = await imports.errorReport({ ...request.actor, locale: request.locale }, request.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${request.params.id}-errors.csv"`)
        .send(csv);
    },
  );
};

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
