import { z } from 'zod';
import { CaseViewDto } from '#modules/process/process.dto.ts';
import { CHANNELS, PRIORITIES, TICKET_TYPES } from './tickets.service.ts';

// ---- responses
const nullableString = z.string().nullable();
const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;

/** A ticket with its case's current state (a row of the queue, the board, the customer 360). */
export const TicketDto = z
  .object({
    id: z.number(),
    number: z.string().describe('TK + date + sequence, e.g. TK20260105000042'),
    type: z.enum(TICKET_TYPES),
    categoryId: z.number().nullable(),
    categoryNameZh: nullableString,
    categoryNameEn: nullableString,
    priority: z.enum(PRIORITIES),
    channel: z.enum(CHANNELS),
    customerId: z.number(),
    customerName: z.string(),
    customerCode: z.string(),
    orgUnitId: z.number().describe("The customer's org unit"),
    ownerId: z.number().nullable().describe("The customer's manager"),
    holdingId: z.number().nullable(),
    relatedKind: nullableString,
    relatedRef: nullableString,
    subject: z.string(),
    description: z.string(),
    departmentId: z.number().nullable().describe('The unit it was last handed to'),
    departmentNameZh: nullableString,
    departmentNameEn: nullableString,
    solution: nullableString,
    resolution: nullableString,
    serviceContent: nullableString,
    serviceCharge: nullableString.describe('A decimal amount as a string, e.g. 200.00'),
    chargeCurrency: z.string(),
    slaDueAt: z.date(),
    slaBreached: z.boolean().describe('Resolved after its SLA deadline, or still open past it'),
    firstResponseAt: z.date().nullable(),
    resolvedAt: z.date().nullable(),
    closedAt: z.date().nullable(),
    reopenCount: z.number(),
    satisfaction: z.number().nullable().describe('The latest return visit score, 1–5'),
    createdBy: z.number().nullable(),
    createdByName: nullableString,
    createdAt: z.date(),
    updatedAt: z.date(),
    caseId: z.number(),
    state: z.string(),
    stateNameZh: z.string(),
    stateNameEn: z.string(),
    seq: z.number().describe("The case's seq; send it back as expectedSeq"),
    status: z.enum(['open', 'closed']),
    stateDueAt: z.date().nullable().describe("The current state's time limit"),
    assigneeUserId: z.number().nullable(),
    assigneeName: nullableString,
    assigneeUnitId: z.number().nullable(),
    assigneeRole: nullableString,
    escalated: z.boolean(),
    definitionId: z.number(),
    processKey: z.string(),
  })
  .meta({ id: 'Ticket' });
export type TicketDto = z.infer<typeof TicketDto>;

export const TicketPage = z.object({ items: z.array(TicketDto), nextCursor: nullableString });

export const AttachmentDto = z.object({ id: z.number(), name: z.string(), contentType: z.string(), size: z.number().describe('Bytes'), uploadedByName: nullableString, uploadedAt: z.date() });

export const ReturnVisitDto = z.object({ id: z.number(), score: z.number(), comment: nullableString, via: z.enum(['staff', 'link']), recordedByName: nullableString, at: z.date() });
export type ReturnVisitDto = z.infer<typeof ReturnVisitDto>;

export const SuggestionDto = z.object({ id: z.number(), titleZh: z.string(), titleEn: nullableString, score: z.number().describe('Share of the text bigrams found in the article, 0–1') });

/** The ticket page: the ticket, its case as the reader sees it, return visits, similar articles, files. */
export const TicketDetailDto = z.object({
  ticket: TicketDto,
  case: CaseViewDto,
  returnVisits: z.array(ReturnVisitDto),
  suggestions: z.array(SuggestionDto),
  attachments: z.array(AttachmentDto),
  actions: CaseViewDto.shape.actions.extend({ returnVisit: z.boolean().describe('A return visit may be recorded now'), edit: z.boolean() }),
});

/** The answer to a step sent with 'Prefer: return=minimal'. */
export const StepMinimalDto = z.object({ id: z.number(), caseId: z.number(), state: z.string(), seq: z.number(), status: z.enum(['open', 'closed']) });

export const BoardDto = z.object({
  columns: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), count: z.number().describe('All open tickets in the state'), tickets: z.array(TicketDto).describe('The 50 most urgent') })),
});

export const CategoryDto = z.object({ id: z.number(), parentId: z.number().nullable(), code: z.string(), nameZh: z.string(), nameEn: z.string(), active: z.boolean() });

const hours = z.number().describe('Hours to resolution');
export const SlaDto = z.object({ low: hours, normal: hours, high: hours, urgent: hours });

const ReportRowDto = z.object({
  key: nullableString.describe('The group (null on the total)'),
  labelZh: nullableString,
  labelEn: nullableString,
  tickets: z.number(),
  open: z.number(),
  firstResponseMedianHours: z.number().nullable(),
  firstResponseP90Hours: z.number().nullable(),
  resolutionMedianHours: z.number().nullable(),
  resolutionP90Hours: z.number().nullable(),
  slaBreachRate: z.number().nullable().describe('0–1, of the tickets resolved or still open past their deadline'),
  reopenRate: z.number().nullable(),
  satisfactionAvg: z.number().nullable(),
  satisfactionCount: z.number(),
});
export const TicketReportDto = z.object({ rows: z.array(ReportRowDto), total: ReportRowDto });

export const VisitLinkDto = z.object({ token: z.string(), path: z.string().describe('The web page to send the customer, /visit/<token>'), expiresAt: z.date() });
export const PublicVisitDto = z.object({ number: z.string(), subject: z.string(), used: z.boolean(), expired: z.boolean() });

export const ArticleDto = z
  .object({
    id: z.number(),
    ticketId: z.number().nullable(),
    ticketNumber: nullableString,
    categoryId: z.number().nullable(),
    titleZh: z.string(),
    titleEn: nullableString,
    bodyZh: z.string(),
    bodyEn: nullableString,
    status: z.enum(ARTICLE_STATUSES),
    createdByName: nullableString,
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'KbArticle' });
export type ArticleDto = z.infer<typeof ArticleDto>;

export const ArticleHitDto = z.object({
  id: z.number(),
  titleZh: z.string(),
  titleEn: nullableString,
  excerptZh: z.string().describe('The first 200 characters of the body'),
  excerptEn: nullableString,
  status: z.enum(ARTICLE_STATUSES),
  categoryId: z.number().nullable(),
  updatedAt: z.date(),
});
export type ArticleHitDto = z.infer<typeof ArticleHitDto>;
