import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idBody, idParam, isoDate } from '#platform/http/schemas.ts';
import { t as translate, type MessageKey } from '#platform/i18n/index.ts';
import { CHANNELS, PRIORITIES, TICKET_TYPES } from './tickets.service.ts';
import { REPORT_DIMENSIONS, ticketReport, ticketReportWorkbook, type ReportRow } from './tickets.report.ts';
import {
  ArticleDto,
  ArticleHitDto,
  AttachmentDto,
  BoardDto,
  CategoryDto,
  PublicVisitDto,
  SlaDto,
  StepMinimalDto,
  SuggestionDto,
  TicketDetailDto,
  TicketDto,
  TicketPage,
  TicketReportDto,
  VisitLinkDto,
} from './tickets.dto.ts';

const IdParams = z.strictObject({ id: idParam });
const NoContent = { 204: z.null() };
const Created = z.object({ id: z.number() });
const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};
const money = z.string().trim().regex(/^\d{1,18}(\.\d{1,2})?$/).describe('A decimal amount, e.g. 200.00');
const text = (max: number) => z.string().trim().max(max);
const TicketBody = z.strictObject({
  type: z.enum(TICKET_TYPES),
  customerId: idBody,
  subject: z.string().trim().min(2).max(200),
  description: text(10_000).optional(),
  categoryId: idBody.nullable().optional(),
  priority: z.enum(PRIORITIES).optional(),
  channel: z.enum(CHANNELS),
  holdingId: idBody.nullable().optional(),
  relatedKind: z.enum(['opportunity', 'contract', 'order', 'other']).nullable().optional(),
  relatedRef: text(100).nullable().optional(),
  processKey: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).optional().describe("A process other than the type's default, e.g. 'hookup'"),
  serviceContent: text(5000).nullable().optional(),
  serviceCharge: money.nullable().optional(),
});
const StepBody = z.strictObject({
  transition: z.string().min(1).max(40),
  expectedSeq: z.number().int().min(0).describe("The case's seq you saw; if someone acted since, you get 409 instead of overwriting"),
  comment: text(5000).nullable().optional(),
  data: z.record(z.string(), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()])).optional(),
  assignee: z.union([z.strictObject({ userId: idBody }), z.strictObject({ unitId: idBody })]).optional(),
  attachments: z.array(z.strictObject({ name: text(200).min(1), url: z.url().max(2000) })).max(20).optional(),
});
const VisitBody = z.strictObject({ score: z.number().int().min(1).max(5), comment: text(2000).nullable().optional() });
const ArticleBody = z.strictObject({
  ticketId: idBody.nullable().optional(),
  categoryId: idBody.nullable().optional(),
  titleZh: z.string().trim().min(2).max(200),
  titleEn: text(200).nullable().optional(),
  bodyZh: z.string().trim().min(2).max(50_000),
  bodyEn: text(50_000).nullable().optional(),
});
const CategoryBody = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,59}$/),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  parentId: idBody.nullable().default(null),
  active: z.boolean().default(true),
});
const ReportQuery = z.strictObject({ by: z.enum(REPORT_DIMENSIONS).default('category'), from: isoDate, to: isoDate, type: z.enum(TICKET_TYPES).optional() });
const ListQuery = z.strictObject({
  type: z.enum(TICKET_TYPES).optional(),
  status: z.enum(['open', 'closed']).optional(),
  state: z.string().max(40).optional(),
  priority: z.enum(PRIORITIES).optional(),
  channel: z.enum(CHANNELS).optional(),
  categoryId: idParam.optional(),
  customerId: idParam.optional(),
  departmentId: idParam.optional(),
  assignedToMe: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(100).optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const ticketsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { tickets, customers, db } = app.services;
  const tags = ['tickets'];

  app.get('/tickets', { config: { permission: 'customer:read' }, schema: { tags, summary: 'The ticket queue: filters, newest first, keyset pages', querystring: ListQuery, response: { 200: TicketPage } } }, (request) => {
    const { assignedToMe, overdue, ...rest } = request.query;
    return tickets.list(request.actor, { ...rest, assignedToMe: assignedToMe === 'true', overdue: overdue === 'true' });
  });
  app.post('/tickets', { config: { permission: 'ticket:create' }, schema: { tags, summary: 'Take a complaint, suggestion, request or inquiry; its process starts', body: TicketBody, response: { 201: TicketDto } } }, async (request, reply) =>
    reply.code(201).send(await tickets.create(request.actor, request.body)),
  );
  app.get(
    '/tickets/board',
    { config: { permission: 'customer:read' }, schema: { tags, summary: 'Open tickets by state of a process (50 per column, most urgent first)', querystring: z.strictObject({ processKey: z.string().max(40).default('complaint'), type: z.enum(TICKET_TYPES).optional() }), response: { 200: BoardDto } } },
    (request) => tickets.board(request.actor, request.query),
  );
  app.get('/tickets/categories', { config: { permission: 'customer:read' }, schema: { tags, response: { 200: z.array(CategoryDto) } } }, () => tickets.categories());
  app.post('/tickets/categories', { config: { permission: 'ticket:manage' }, schema: { tags, body: CategoryBody, response: { 201: Created } } }, async (request, reply) =>
    reply.code(201).send(await tickets.saveCategory(request.actor, null, request.body)),
  );
  app.put('/tickets/categories/:id', { config: { permission: 'ticket:manage' }, schema: { tags, params: IdParams, body: CategoryBody, response: { 200: Created } } }, (request) =>
    tickets.saveCategory(request.actor, request.params.id, request.body),
  );
  const Sla = z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, z.number().positive().max(24 * 365)])) as Record<(typeof PRIORITIES)[number], z.ZodNumber>);
  app.get('/tickets/sla', { config: { permission: 'customer:read' }, schema: { tags, summary: 'Hours to resolution by priority', response: { 200: SlaDto } } }, () => tickets.sla());
  app.put('/tickets/sla', { config: { permission: 'settings:manage' }, schema: { tags, body: Sla, response: { 200: SlaDto } } }, (request) => tickets.saveSla(request.actor, request.body));

  app.get('/tickets/report', { config: { permission: 'customer:read' }, schema: { tags, summary: 'Complaint analysis by category, channel, department, org unit, month, type or priority', querystring: ReportQuery, response: { 200: TicketReportDto } } }, (request) =>
    ticketReport(db, request.actor, request.query),
  );
  app.get('/tickets/report.xlsx', { config: { permission: 'customer:export' }, schema: { tags, summary: 'The same report as an Excel workbook', querystring: ReportQuery } }, async (request, reply) => {
    const report = await ticketReport(db, request.actor, request.query);
    const locale = request.locale;
    const labelOf = (r: ReportRow) => {
      if (['channel', 'type', 'priority'].includes(request.query.by)) return translate(locale, `ticket.${request.query.by}.${r.key}` as MessageKey);
      return (locale === 'en' ? r.labelEn : r.labelZh) ?? r.key ?? '-';
    };
    const file = await ticketReportWorkbook(report, request.query, locale, labelOf);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="tickets-${request.query.by}-${request.query.from}-${request.query.to}.xlsx"`)
      .send(file);
  });

  app.get('/tickets/:id', { config: { permission: 'customer:read' }, schema: { tags, summary: 'The ticket, its case (steps, approvals, what you may do now), return visits and similar articles', params: IdParams, response: { 200: TicketDetailDto } } }, (request) =>
    tickets.get(request.actor, request.params.id),
  );
  app.patch(
    '/tickets/:id',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags,
        summary: 'Priority, category, service content and charges (by whoever may act on it, or ticket:manage)',
        params: IdParams,
        body: z.strictObject({ priority: z.enum(PRIORITIES).optional(), categoryId: idBody.nullable().optional(), serviceContent: text(5000).nullable().optional(), serviceCharge: money.nullable().optional(), chargeCurrency: z.string().regex(/^[A-Z]{3}$/).optional() }),
        response: { 200: TicketDto },
      },
    },
    (request) => tickets.update(request.actor, request.params.id, request.body),
  );
  app.post(
    '/tickets/:id/steps',
    {
      config: { permission: 'customer:read' },
      schema: {
        tags,
        summary: "Take one of the transitions your view of the ticket lists; with 'Prefer: return=minimal' the answer is the case's new state only",
        params: IdParams,
        body: StepBody,
        response: { 200: z.union([TicketDetailDto, StepMinimalDto]) },
      },
    },
    // RFC 7240: a client that will not show the ticket saves reading it back.
    (request) => tickets.act(request.actor, request.params.id, request.body, /\breturn=minimal\b/.test(String(request.headers.prefer ?? ''))),
  );
  app.post(
    '/tickets/:id/decision',
    { config: { permission: 'customer:read' }, schema: { tags, summary: 'Approve or reject, as one of the approvers asked (never your own proposal)', params: IdParams, body: z.strictObject({ approve: z.boolean(), comment: text(5000).nullable().optional(), expectedSeq: z.number().int().min(0) }), response: { 200: TicketDetailDto } } },
    (request) => tickets.decide(request.actor, request.params.id, request.body),
  );
  app.post('/tickets/:id/claim', { config: { permission: 'customer:read' }, schema: { tags, summary: "Take a ticket waiting in your unit's or role's pool", params: IdParams, body: z.strictObject({ expectedSeq: z.number().int().min(0) }), response: { 200: TicketDetailDto } } }, (request) =>
    tickets.claim(request.actor, request.params.id, request.body.expectedSeq),
  );
  app.post(
    '/tickets/:id/return-visits',
    { config: { permission: 'customer:read' }, schema: { tags, summary: 'Record the return visit: 3–5 closes the ticket, 1–2 reopens it', params: IdParams, body: VisitBody.extend({ expectedSeq: z.number().int().min(0) }), response: { 200: TicketDetailDto } } },
    (request) => tickets.recordVisit(request.actor, request.params.id, request.body),
  );
  app.post('/tickets/:id/visit-link', { config: { permission: 'customer:read' }, schema: { tags, summary: 'A link the customer opens once to rate the service (valid 14 days)', params: IdParams, response: { 200: VisitLinkDto } } }, (request) =>
    tickets.visitLink(request.actor, request.params.id),
  );
  // Files come as their raw bytes (any type), up to 10 MB, in a scope of their own so that the
  // other routes keep refusing what is not JSON.
  await app.register(async (plugin) => {
    const files = plugin.withTypeProvider<ZodTypeProvider>();
    files.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_request, body, done) => done(null, body));
    files.post(
      '/tickets/:id/attachments',
      {
        config: { permission: 'customer:read' },
        bodyLimit: ATTACHMENT_MAX_BYTES,
        schema: {
          tags,
          summary: 'Attach a file (the raw bytes as the body, its type as Content-Type, its name URI-encoded in X-File-Name; 10 MB at most)',
          params: IdParams,
          headers: z.object({ 'x-file-name': z.string().max(1000).optional() }).passthrough(),
          response: { 201: AttachmentDto.omit({ uploadedByName: true }) },
        },
      },
      async (request, reply) => {
        const raw = request.headers['x-file-name'];
        const name = typeof raw === 'string' ? safeDecode(raw) : 'file';
        const contentType = String(request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim() || 'application/octet-stream';
        const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return reply.code(201).send(await tickets.attach(request.actor, request.params.id, { name, contentType, data }));
      },
    );
  });
  app.get('/tickets/:id/attachments', { config: { permission: 'customer:read' }, schema: { tags, params: IdParams, response: { 200: z.array(AttachmentDto) } } }, (request) => tickets.attachments(request.actor, request.params.id));
  app.get(
    '/tickets/:id/attachments/:attachmentId',
    { config: { permission: 'customer:read' }, schema: { tags, summary: 'Download an attached file', params: z.strictObject({ id: idParam, attachmentId: idParam }) } },
    async (request, reply) => {
      const file = await tickets.attachment(request.actor, request.params.id, request.params.attachmentId);
      // Always a download: a file uploaded as HTML must not run as a page of this site.
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.data);
    },
  );

  const Token = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });
  app.get('/public/visits/:token', { config: { public: true }, schema: { tags, summary: 'What the customer sees before rating (no personal data)', params: Token, response: { 200: PublicVisitDto } } }, (request) => tickets.linkInfo(request.params.token));
  app.post('/public/visits/:token', { config: { public: true }, schema: { tags, summary: "The customer's rating through the link; accepted once", params: Token, body: VisitBody, response: NoContent } }, async (request, reply) => {
    await tickets.visitByLink(request.params.token, request.body);
    return reply.code(204).send(null);
  });

  app.get('/customers/:id/tickets', { config: { permission: 'customer:read' }, schema: { tags, summary: "The customer's tickets (360 view)", params: IdParams, response: { 200: TicketPage } } }, async (request) => {
    await customers.get(request.actor, request.params.id);
    return tickets.forCustomer(request.actor, request.params.id);
  });

  app.get(
    '/kb',
    { config: { permission: 'customer:read' }, schema: { tags: ['knowledge base'], summary: 'Search the knowledge base', querystring: z.strictObject({ q: z.string().max(200).optional(), categoryId: idParam.optional(), drafts: z.enum(['true', 'false']).default('false'), limit: z.coerce.number().int().min(1).max(100).default(30) }), response: { 200: z.array(ArticleHitDto) } } },
    (request) => tickets.searchArticles({ q: request.query.q, categoryId: request.query.categoryId, includeDrafts: request.query.drafts === 'true', limit: request.query.limit }),
  );
  app.get('/kb/suggest', { config: { permission: 'customer:read' }, schema: { tags: ['knowledge base'], summary: 'Articles like a text (a new ticket as it is typed)', querystring: z.strictObject({ text: z.string().max(10_000) }), response: { 200: z.array(SuggestionDto) } } }, (request) =>
    tickets.suggest(request.query.text, 5),
  );
  app.get('/kb/:id', { config: { permission: 'customer:read' }, schema: { tags: ['knowledge base'], params: IdParams, response: { 200: ArticleDto } } }, (request) => tickets.article(request.params.id));
  app.post('/kb', { config: { permission: 'ticket:manage' }, schema: { tags: ['knowledge base'], summary: 'A case article, from a resolved ticket or on its own', body: ArticleBody, response: { 201: ArticleDto } } }, async (request, reply) =>
    reply.code(201).send(await tickets.createArticle(request.actor, request.body)),
  );
  app.put(
    '/kb/:id',
    { config: { permission: 'ticket:manage' }, schema: { tags: ['knowledge base'], params: IdParams, body: ArticleBody.omit({ ticketId: true }).extend({ status: z.enum(['draft', 'published', 'archived']) }), response: { 200: ArticleDto } } },
    (request) => tickets.updateArticle(request.actor, request.params.id, request.body),
  );
};
