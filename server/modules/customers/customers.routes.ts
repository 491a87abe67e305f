import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { recordAudit } from '#modules/audit/audit.service.ts';
import { invalidField } from '#platform/errors.ts';
import { settings } from '#platform/settings.ts';
import {
  ActivityDto,
  ActivityInput,
  ActivityParams,
  ContactDto,
  ContactInput,
  ContactParams,
  CustomerCreateBody,
  CustomerDto,
  CustomerListQuery,
  CustomerPage,
  CustomerUpdateBody,
  DuplicateCheckBody,
  DuplicateCheckResult,
  IdParams,
  MergeBody,
  TransferBody,
} from './customers.dto.ts';
import { toCsv, xlsxStream, exportColumns } from './customer-export.ts';
import { CODE_PATTERN_SETTING, DEFAULT_CODE_PATTERN, isValidCodePattern } from './customer-code.ts';

const NoContent = { 204: z.null() };
const tags = ['customers'];

export const customersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { customers, timeline, db, customFields } = app.services;

  app.get(
    '/customers',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags,
        summary: 'List customers in your scope: filters, sort, keyset paging (pass nextCursor back as cursor)',
        description: 'Custom fields filter as custom.<key>=value. The total is exact up to 10,000 and estimated above.',
        querystring: CustomerListQuery,
        response: { 200: CustomerPage },
      },
    },
    (request) => customers.list(request.actor, request.query),
  );

  app.get(
    '/customers/export.:format',
    {
      config: { permission: 'customer:export' },
      schema: {
        tags,
        summary: 'Export the filtered list as CSV (UTF-8 with BOM) or Excel (.xlsx, every value as text); audited',
        params: z.strictObject({ format: z.enum(['csv', 'xlsx']) }),
        querystring: CustomerListQuery,
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const { format } = request.params;
      let count = 0;
      const columns = exportColumns(actor, await customFields.list('customer'));
      const rows = customers.exportRows(actor, request.query);
      // The first page is read before answering, so a bad filter still gets a proper 4xx.
      const first = await rows.next();
      async function* pages() {
        let page = first;
        while (!page.done) {
          count += page.value.length;
          yield page.value;
          page = await rows.next();
        }
        await db.transaction((tx) =>
          recordAudit(tx, actor, { action: 'export', entity: 'customer', entityId: null, after: { filter: request.query, rows: count, format } }),
        );
      }
      const filename = `customers-${new Date().toISOString().slice(0, 10)}.${format}`;
      reply.header('content-disposition', `attachment; filename="${filename}"`);
      if (format === 'xlsx') {
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        return reply.send(xlsxStream(pages(), columns, actor.locale, actor.locale === 'en' ? 'Customers' : '客户'));
      }
      reply.header('content-type', 'text/csv; charset=utf-8');
      async function* csv() {
        yield '\uFEFF' + toCsv([columns.map((c) => c.header[actor.locale])]);
        for await (const page of pages()) yield toCsv(page.map((c) => columns.map((col) => col.value(c, actor.locale))));
      }
      return reply.send(Readable.from(csv()));
    },
  );

  app.get(
    '/customers/by-code/:code',
    {
      config: { permission: 'customer:read' },
      schema: { tags, params: z.strictObject({ code: z.string().max(64) }), response: { 200: CustomerDto } },
    },
    (request) => customers.getByCode(request.actor, request.params.code),
  );

  app.post(
    '/customers/duplicate-check',
    {
      config: { permission: 'customer:read' },
      schema: { tags, summary: 'Find existing customers with the same ID, mobile, email or company name (查重)', body: DuplicateCheckBody, response: { 200: DuplicateCheckResult } },
    },
    (request) => customers.duplicateCheck(request.actor, request.body),
  );

  app.get(
    '/customers/:id',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags,
        params: IdParams,
        querystring: z.strictObject({ includeDeleted: z.enum(['true', 'false']).optional().describe('Answer a deleted customer too (needs customer:restore)') }),
        response: { 200: CustomerDto },
      },
    },
    (request) => customers.get(request.actor, request.params.id, request.query.includeDeleted === 'true'),
  );

  app.post(
    '/customers',
    {
      config: { permission: 'customer:create' },
      schema: {
        tags,
        summary: 'Create a customer; 409 with the matches when a duplicate exists',
        body: CustomerCreateBody,
        response: { 201: CustomerDto },
      },
    },
    async (request, reply) => reply.code(201).send(await customers.create(request.actor, request.body)),
  );

  app.patch(
    '/customers/:id',
    { config: { permission: 'customer:update' }, schema: { tags, params: IdParams, body: CustomerUpdateBody, response: { 200: CustomerDto } } },
    (request) => customers.update(request.actor, request.params.id, request.body),
  );

  app.delete(
    '/customers/:id',
    { config: { permission: 'customer:delete' }, schema: { tags, summary: 'Soft delete; restore brings it back', params: IdParams, response: NoContent } },
    async (request, reply) => {
      await customers.delete(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/customers/:id/restore',
    { config: { permission: 'customer:restore' }, schema: { tags, params: IdParams, response: { 200: CustomerDto } } },
    (request) => customers.restore(request.actor, request.params.id),
  );

  app.post(
    '/customers/:id/merge',
    {
      config: { permission: 'customer:merge' },
      schema: { tags, summary: 'Merge another customer into this one; contacts and history move; audited and reversible', params: IdParams, body: MergeBody, response: { 200: CustomerDto } },
    },
    (request) => customers.merge(request.actor, request.params.id, request.body.sourceId, request.body.take),
  );

  app.get(
    '/customers/:id/merges',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags,
        params: IdParams,
        response: {
          200: z.array(
            z.object({
              id: z.number(),
              targetId: z.number(),
              targetCode: z.string(),
              targetName: z.string(),
              sourceId: z.number(),
              sourceCode: z.string(),
              sourceName: z.string(),
              actorId: z.number().nullable(),
              actorName: z.string().nullable(),
              at: z.date(),
              undoneAt: z.date().nullable(),
            }),
          ),
        },
      },
    },
    (request) => customers.merges(request.actor, request.params.id),
  );

  app.post(
    '/customer-merges/:id/undo',
    { config: { permission: 'customer:merge_undo' }, schema: { tags, summary: 'Undo a merge (admins)', params: IdParams, response: { 200: CustomerDto } } },
    (request) => customers.undoMerge(request.actor, request.params.id),
  );

  app.post(
    '/customers/:id/transfer',
    { config: { permission: 'customer:transfer' }, schema: { tags, summary: 'Hand the customer to another manager', params: IdParams, body: TransferBody, response: { 200: CustomerDto } } },
    (request) => customers.transfer(request.actor, request.params.id, request.body),
  );

  // ---- contacts ----
  app.get(
    '/customers/:id/contacts',
    { config: { permission: 'customer:read' }, schema: { tags, params: IdParams, response: { 200: z.array(ContactDto) } } },
    (request) => customers.contacts(request.actor, request.params.id),
  );
  app.post(
    '/customers/:id/contacts',
    { config: { permission: 'customer:update' }, schema: { tags, params: IdParams, body: ContactInput, response: { 201: ContactDto } } },
    async (request, reply) => reply.code(201).send(await customers.addContact(request.actor, request.params.id, request.body)),
  );
  app.put(
    '/customers/:id/contacts/:contactId',
    { config: { permission: 'customer:update' }, schema: { tags, params: ContactParams, body: ContactInput, response: { 200: ContactDto } } },
    (request) => customers.updateContact(request.actor, request.params.id, request.params.contactId, request.body),
  );
  app.delete(
    '/customers/:id/contacts/:contactId',
    { config: { permission: 'customer:update' }, schema: { tags, params: ContactParams, response: NoContent } },
    async (request, reply) => {
      await customers.deleteContact(request.actor, request.params.id, request.params.contactId);
      return reply.code(204).send(null);
    },
  );

  // ---- notes and activities ----
  app.get(
    '/customers/:id/activities',
    { config: { permission: 'customer:read' }, schema: { tags, params: IdParams, response: { 200: z.array(ActivityDto) } } },
    (request) => customers.activities(request.actor, request.params.id),
  );
  app.post(
    '/customers/:id/activities',
    { config: { permission: 'activity:write' }, schema: { tags, summary: 'Add a note, call, meeting, visit or email', params: IdParams, body: ActivityInput, response: { 201: ActivityDto } } },
    async (request, reply) => reply.code(201).send(await customers.addActivity(request.actor, request.params.id, request.body)),
  );
  app.delete(
    '/customers/:id/activities/:activityId',
    { config: { permission: 'activity:write' }, schema: { tags, params: ActivityParams, response: NoContent } },
    async (request, reply) => {
      await customers.deleteActivity(request.actor, request.params.id, request.params.activityId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/customers/:id/timeline',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags,
        summary: "The customer's history from every module, newest first",
        params: IdParams,
        querystring: z.strictObject({ cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                at: z.date(),
                source: z.string(),
                kind: z.string(),
                title: z.string(),
                titleEn: z.string().nullable().optional().describe('The title in English where it has one of its own (a tag\'s English name)'),
                body: z.string().nullable().optional(),
                actorName: z.string().nullable().optional(),
                ref: z.object({ entity: z.string(), id: z.union([z.number(), z.string()]) }).optional(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      await customers.requireCustomer(request.actor, request.params.id);
      return timeline.forCustomer(db, request.params.id, { cursor: request.query.cursor, limit: request.query.limit });
    },
  );

  // ---- settings ----
  app.get(
    '/settings/customer-code-pattern',
    { config: { permission: 'customer:read' }, schema: { tags: ['settings'], response: { 200: z.object({ pattern: z.string() }) } } },
    async () => ({ pattern: await settings.get(db, CODE_PATTERN_SETTING, DEFAULT_CODE_PATTERN) }),
  );
  app.put(
    '/settings/customer-code-pattern',
    {
      config: { permission: 'settings:manage' },
      schema: {
        tags: ['settings'],
        summary: 'Pattern of new customer codes: {yyyy} {yy} {mm} {dd} {type} {seq:N}',
        body: z.strictObject({ pattern: z.string().max(40) }),
        response: { 200: z.object({ pattern: z.string() }) },
      },
    },
    async (request) => {
      if (!isValidCodePattern(request.body.pattern)) throw invalidField('body.pattern', 'field.invalid_format');
      await db.transaction(async (tx) => {
        const before = await settings.get(tx, CODE_PATTERN_SETTING, DEFAULT_CODE_PATTERN);
        await settings.set(tx, CODE_PATTERN_SETTING, request.body.pattern);
        await recordAudit(tx, request.actor, { action: 'update', entity: 'setting', entityId: CODE_PATTERN_SETTING, before, after: request.body.pattern });
      });
      return { pattern: request.body.pattern };
    },
  );
};
