import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '#platform/db/db.ts';
import { can, scopeCondition, type Actor } from '#platform/auth/actor.ts';
import { AppError, invalid, invalidField, notFound } from '#platform/errors.ts';
import { settings } from '#platform/settings.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import type { CustomersService } from '#modules/customers/customers.service.ts';
import type { Timeline } from '#modules/customers/timeline.ts';
import { nameGrams, queryGrams } from '#modules/customers/name-grams.ts';
import type { ProcessService, StepEvent, StepInput } from '#modules/process/process.service.ts';
import type { NotificationsService } from '#modules/notifications/notifications.service.ts';
import { DEFAULT_CATEGORIES, DEFAULT_PROCESSES, PROCESS_OF_TYPE } from './default-processes.ts';
import type { ArticleDto, ArticleHitDto, ReturnVisitDto, TicketDto } from './tickets.dto.ts';

export const TICKET_TYPES = ['complaint', 'suggestion', 'request', 'inquiry'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const CHANNELS = ['counter', 'phone', 'email', 'web', 'api', 'social'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Channel = (typeof CHANNELS)[number];

/** Hours to resolution by priority: the service level a ticket is measured against. */
export const DEFAULT_SLA: Record<Priority, number> = { urgent: 24, high: 48, normal: 120, low: 240 };
const SLA_SETTING = 'tickets.sla';
const LINK_DAYS = 14;
/** The signal a recorded return visit sends its case (the processes' return-visit transitions wait for it). */
const VISIT_SIGNAL = 'visit_recorded';

export interface TicketInput {
  type: TicketType;
  customerId: number;
  subject: string;
  description?: string;
  categoryId?: number | null;
  priority?: Priority;
  channel: Channel;
  holdingId?: number | null;
  relatedKind?: string | null;
  relatedRef?: string | null;
  /** A process other than the type's default (e.g. 'hookup' for a connection application). */
  processKey?: string;
  serviceContent?: string | null;
  serviceCharge?: string | null;
}

export interface TicketFilter {
  type?: TicketType;
  status?: 'open' | 'closed';
  state?: string;
  priority?: Priority;
  channel?: Channel;
  categoryId?: number;
  customerId?: number;
  departmentId?: number;
  assignedToMe?: boolean;
  overdue?: boolean;
  q?: string;
  createdFrom?: string;
  createdTo?: string;
  limit: number;
  cursor?: string;
}

const TICKET_COLUMNS = `t.id, t.number, t.type, t.category_id as "categoryId", cat.name_zh as "categoryNameZh", cat.name_en as "categoryNameEn",
  t.priority, t.channel, t.customer_id as "customerId", cu.name as "customerName", cu.code as "customerCode",
  t.org_unit_id as "orgUnitId", t.owner_id as "ownerId", t.holding_id as "holdingId", t.related_kind as "relatedKind", t.related_ref as "relatedRef",
  t.subject, t.description, t.department_id as "departmentId", dep.name_zh as "departmentNameZh", dep.name_en as "departmentNameEn",
  t.solution, t.resolution, t.service_content as "serviceContent", t.service_charge as "serviceCharge", t.charge_currency as "chargeCurrency",
  t.sla_due_at as "slaDueAt", coalesce(t.resolved_at, now()) > t.sla_due_at as "slaBreached",
  t.first_response_at as "firstResponseAt", t.resolved_at as "resolvedAt", t.closed_at as "closedAt", t.reopen_count as "reopenCount",
  t.satisfaction, t.created_by as "createdBy", cb.display_name as "createdByName", t.created_at as "createdAt", t.updated_at as "updatedAt",
  pc.id as "caseId", pc.state, pc.seq, pc.status, pc.due_at as "stateDueAt", pc.assignee_user_id as "assigneeUserId", au.display_name as "assigneeName",
  pc.assignee_unit_id as "assigneeUnitId", pc.assignee_role as "assigneeRole", pc.escalated, pc.definition_id as "definitionId",
  pd.key as "processKey"`;

/** Everything a ticket row shows, joined to tickets t (written out after the table that leads). */
const TICKET_JOINS = `join customers cu on cu.id = t.customer_id
  left join ticket_categories cat on cat.id = t.category_id left join org_units dep on dep.id = t.department_id
  left join users cb on cb.id = t.created_by
  join process_cases pc on pc.subject_type = 'ticket' and pc.subject_id = t.id join process_definitions pd on pd.id = pc.definition_id
  left join users au on au.id = pc.assignee_user_id`;
const TICKET_FROM = `tickets t ${TICKET_JOINS}`;

/** The ids of a category and of every category below it. */
const CATEGORY_AND_BELOW = (param: string) =>
  `with recursive d as (select id from ticket_categories where id = ${param} union all select c.id from ticket_categories c join d on c.parent_id = d.id) select id from d`;

export type TicketRow = TicketDto;

/**
 * The service desk: complaints, suggestions, requests and inquiries, each with a case in the
 * process engine (which decides who acts and when); return visits by staff or by the customer
 * through a link that works once; the knowledge base; the complaint analysis.
 */
export class TicketsService {
  constructor(
    private readonly db: Db,
    private readonly deps: { process: ProcessService; customers: CustomersService; notifications: NotificationsService },
  ) {
    deps.process.registerSubject('ticket', {
      link: (id) => `/tickets/${id}`,
      onStep: (tx, e) => this.followStep(tx, e),
    });
  }

  private defaults: Promise<void> | undefined;

  /** Seeds the defaults once per process, before the first use (and at start-up). */
  ensureDefaults(): Promise<void> {
    this.defaults ??= this.seedDefaults().catch((error: unknown) => {
      this.defaults = undefined;
      throw error;
    });
    return this.defaults;
  }

  /** The default processes and categories, on a database that has none yet. */
  private async seedDefaults(): Promise<void> {
    const present = new Set((await this.db.query<{ key: string }>(`select distinct key from process_definitions`)).map((r) => r.key));
    const missing = DEFAULT_PROCESSES.filter((p) => !present.has(p.key));
    const [{ n }] = (await this.db.query<{ n: number }>(`select count(*)::int as n from ticket_categories`)) as [{ n: number }];
    if (!missing.length && n > 0) return;
    await this.db.transaction(async (tx) => {
      for (const p of missing) {
        // Another server may have seeded it meanwhile: only the first version 1 counts.
        if ((await tx.query(`select 1 from process_definitions where key = $1`, [p.key])).length) continue;
        await this.deps.process.saveDefinition(null, tx, p.key, p);
      }
      if (n === 0) {
        for (const [code, zh, en, parent] of DEFAULT_CATEGORIES) {
          await tx.query(
            `insert into ticket_categories (code, name_zh, name_en, parent_id, sort) values ($1, $2, $3, (select id from ticket_categories where code = $4), $5) on conflict (code) do nothing`,
            [code, zh, en, parent, DEFAULT_CATEGORIES.findIndex((c) => c[0] === code)],
          );
        }
      }
    });
  }

  // ---- categories and settings

  async categories() {
    await this.ensureDefaults();
    return this.db.query<{ id: number; parentId: number | null; code: string; nameZh: string; nameEn: string; active: boolean }>(
      `select id, parent_id as "parentId", code, name_zh as "nameZh", name_en as "nameEn", active from ticket_categories order by sort, id`,
    );
  }

  async saveCategory(actor: Actor, id: number | null, input: { code: string; nameZh: string; nameEn: string; parentId: number | null; active: boolean }) {
    if (id !== null && input.parentId !== null) {
      // A category may not sit under itself or one of its own children.
      const loop = await this.db.query(
        `with recursive up as (select id, parent_id from ticket_categories where id = $1 union all select c.id, c.parent_id from ticket_categories c join up on c.id = up.parent_id)
         select 1 from up where id = $2`,
        [input.parentId, id],
      );
      if (loop.length) throw invalidField('body.parentId', 'ticket.category_loop');
    }
    return this.db.transaction(async (tx) => {
      const taken = await tx.query(`select 1 from ticket_categories where code = $1 and id is distinct from $2`, [input.code, id]);
      if (taken.length) throw invalidField('body.code', 'ticket.category_code_taken');
      const [row] =
        id === null
          ? await tx.query<{ id: number }>(
              `insert into ticket_categories (code, name_zh, name_en, parent_id, active, sort) values ($1, $2, $3, $4, $5, (select coalesce(max(sort), 0) + 1 from ticket_categories)) returning id`,
              [input.code, input.nameZh, input.nameEn, input.parentId, input.active],
            )
          : await tx.query<{ id: number }>(`update ticket_categories set code = $2, name_zh = $3, name_en = $4, parent_id = $5, active = $6 where id = $1 returning id`, [
              id,
              input.code,
              input.nameZh,
              input.nameEn,
              input.parentId,
              input.active,
            ]);
      if (!row) throw notFound('TICKET_CATEGORY_NOT_FOUND', 'ticket.category_not_found');
      await recordAudit(tx, actor, { action: id === null ? 'create' : 'update', entity: 'ticket_category', entityId: row.id, after: input });
      return row;
    });
  }

  async sla(): Promise<Record<Priority, number>> {
    return { ...DEFAULT_SLA, ...(await settings.get(this.db, SLA_SETTING, DEFAULT_SLA)) };
  }

  async saveSla(actor: Actor, sla: Record<Priority, number>) {
    const before = await this.sla();
    await this.db.transaction(async (tx) => {
      await settings.set(tx, SLA_SETTING, sla);
      await recordAudit(tx, actor, { action: 'update', entity: 'setting', entityId: SLA_SETTING, before, after: sla });
    });
    return sla;
  }

  // ---- tickets

  async create(actor: Actor, input: TicketInput): Promise<TicketRow> {
    await this.ensureDefaults();
    const customer = await this.deps.customers.get(actor, input.customerId).catch(() => {
      throw invalidField('body.customerId', 'ticket.unknown_customer');
    });
    const processKey = input.processKey ?? PROCESS_OF_TYPE[input.type]!;
    const sla = await this.sla();
    const priority = input.priority ?? 'normal';
    const id = await this.db.transaction(async (tx) => {
      if (input.categoryId && !(await tx.query(`select 1 from ticket_categories where id = $1 and active`, [input.categoryId])).length) {
        throw invalidField('body.categoryId', 'ticket.category_not_found');
      }
      if (input.holdingId && !(await tx.query(`select 1 from holdings where id = $1 and customer_id = $2`, [input.holdingId, input.customerId])).length) {
        throw invalidField('body.holdingId', 'ticket.unknown_holding');
      }
      if (!(await tx.query(`select 1 from process_definitions where key = $1`, [processKey])).length) throw invalidField('body.processKey', 'process.not_found');
      const [row] = await tx.query<{ id: number; number: string }>(
        `insert into tickets (number, type, category_id, priority, channel, customer_id, org_unit_id, owner_id, holding_id, related_kind, related_ref,
                              subject, description, service_content, service_charge, sla_due_at, grams, created_by)
         values ('TK' || to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('ticket_number_seq')::text, 6, '0'),
                 $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now() + make_interval(hours => $15::int), $16, $17)
         returning id, number`,
        [
          input.type,
          input.categoryId ?? null,
          priority,
          input.channel,
          input.customerId,
          customer.orgUnitId,
          customer.ownerId ?? null,
          input.holdingId ?? null,
          input.relatedKind ?? null,
          input.relatedRef ?? null,
          input.subject,
          input.description ?? '',
          input.serviceContent ?? null,
          input.serviceCharge ?? null,
          sla[priority],
          nameGrams(input.subject, input.description),
          actor.userId,
        ],
      );
      await this.deps.process.start(tx, actor, {
        processKey,
        subjectType: 'ticket',
        subjectId: row!.id,
        reference: row!.number,
        title: input.subject,
        orgUnitId: customer.orgUnitId,
        ownerId: customer.ownerId ?? null,
        vars: { type: input.type, priority, channel: input.channel },
      });
      await recordAudit(tx, actor, { action: 'create', entity: 'ticket', entityId: row!.id, after: { number: row!.number, ...input } });
      return row!.id;
    });
    return (await this.byId(this.db, id))!;
  }

  /** The ticket with its case as this actor sees it, its return visits and similar articles. */
  async get(actor: Actor, id: number) {
    const ticket = await this.visible(actor, id);
    const c = (await this.deps.process.caseById(this.db, ticket.caseId))!;
    const [view, visits, suggestions, attachments, awaitsVisit] = await Promise.all([
      this.deps.process.view(actor, this.db, c),
      this.db.query<ReturnVisitDto>(
        `select v.id, v.score, v.comment, v.via, u.display_name as "recordedByName", v.at from ticket_return_visits v left join users u on u.id = v.recorded_by where v.ticket_id = $1 order by v.at`,
        [id],
      ),
      this.suggest(`${ticket.subject} ${ticket.description}`, 5),
      this.attachmentList(id),
      this.deps.process.awaitsSignal(this.db, c, VISIT_SIGNAL),
    ]);
    const mayAct = this.deps.process.mayAct(actor, c);
    return { ticket, case: view, returnVisits: visits, suggestions, attachments, actions: { ...view.actions, returnVisit: awaitsVisit && mayAct, edit: mayAct } };
  }

  async list(actor: Actor, filter: TicketFilter) {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.type) where.push(`t.type = $${params.push(filter.type)}`);
    // A ticket's closed_at follows its case (set on closing, cleared on reopening); filtering on it
    // lets the open tickets' own date index serve the queue.
    if (filter.status) where.push(filter.status === 'open' ? 't.closed_at is null' : 't.closed_at is not null');
    if (filter.state) where.push(`pc.state = $${params.push(filter.state)}`);
    if (filter.priority) where.push(`t.priority = $${params.push(filter.priority)}`);
    if (filter.channel) where.push(`t.channel = $${params.push(filter.channel)}`);
    if (filter.categoryId) {
      where.push(`t.category_id in (${CATEGORY_AND_BELOW(`$${params.push(filter.categoryId)}`)})`);
    }
    if (filter.customerId) where.push(`t.customer_id = $${params.push(filter.customerId)}`);
    if (filter.departmentId) where.push(`(t.department_id = $${params.push(filter.departmentId)} or pc.assignee_unit_id = $${params.length})`);
    if (filter.assignedToMe) where.push(`pc.assignee_user_id = $${params.push(actor.userId)}`);
    if (filter.overdue) where.push(`t.closed_at is null and (pc.due_at < now() or t.sla_due_at < now())`);
    if (filter.createdFrom) where.push(`t.created_at >= $${params.push(filter.createdFrom)}::date`);
    if (filter.createdTo) where.push(`t.created_at < $${params.push(filter.createdTo)}::date + 1`);
    if (filter.q?.trim()) {
      const q = filter.q.trim();
      where.push(`(t.number = $${params.push(q.toUpperCase())} or t.grams @> $${params.push(queryGrams(q))}::text[] or cu.name = $${params.push(q)})`);
    }
    if (filter.cursor) {
      const [at, cid] = Buffer.from(filter.cursor, 'base64url').toString().split('|');
      where.push(`(t.created_at, t.id) < ($${params.push(at)}::timestamptz, $${params.push(Number(cid))}::bigint)`);
    }
    const limit = `$${params.push(filter.limit + 1)}`;
    const filters = where.length ? where.join(' and ') : 'true';
    // The newest page of each way a ticket can be visible, then the newest of those: each part
    // walks an index in date order and stops early, where one OR of them would read every ticket.
    const pages = this.visibleSources(actor, params).map(
      (source) => `(select t.id, t.created_at from tickets t join customers cu on cu.id = t.customer_id join process_cases pc on pc.subject_type = 'ticket' and pc.subject_id = t.id
                     where ${source} and ${filters} order by t.created_at desc, t.id desc limit ${limit})`,
    );
    const rows = await this.db.query<TicketRow>(
      `with page as materialized (select id from (${pages.join(' union ')}) u order by created_at desc, id desc limit ${limit})
       select ${TICKET_COLUMNS} from page join tickets t on t.id = page.id ${TICKET_JOINS}
        order by t.created_at desc, t.id desc`,
      params,
    );
    const items = await this.named(rows.slice(0, filter.limit));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : null };
  }

  /** Open tickets counted by state: the board's columns. */
  async board(actor: Actor, filter: { type?: TicketType; processKey: string }) {
    await this.ensureDefaults();
    const def = await this.deps.process.latest(this.db, filter.processKey);
    const params: unknown[] = [filter.processKey];
    const where = [`pc.definition_id in (select id from process_definitions where key = $1)`, `pc.subject_type = 'ticket'`, `pc.status = 'open'`];
    if (filter.type) where.push(`pc.subject_id in (select id from tickets where type = $${params.push(filter.type)})`);
    // Outside a head-office scope, the tickets one may see are gathered first (each way of seeing
    // one is an index lookup), then their open cases are counted and ranked.
    let visible = '';
    if (actor.scope.kind !== 'all') {
      const sources = this.visibleSources(actor, params).map(
        (source) => `select t.id from tickets t join process_cases pc on pc.subject_type = 'ticket' and pc.subject_id = t.id where ${source}`,
      );
      visible = `with vis as materialized (${sources.join(' union ')}) `;
      where.push('pc.subject_id in (select id from vis)');
    }
    const conditions = where.join(' and ');
    const counts = await this.db.query<{ state: string; n: number }>(`${visible}select pc.state, count(*)::int as n from process_cases pc where ${conditions} group by pc.state`, params);
    const states = def.definition.states.filter((s) => !s.final).map((s) => s.key);
    // Each column walks the open cases of its state by deadline and stops at 50.
    const rows = await this.named(
      await this.db.query<TicketRow>(
        `${visible}select ${TICKET_COLUMNS} from unnest($${params.push(states)}::text[]) as col(state)
           cross join lateral (select pc.subject_id as ticket_id from process_cases pc where pc.state = col.state and ${conditions} order by pc.due_at nulls last, pc.id limit 50) page
           join tickets t on t.id = page.ticket_id ${TICKET_JOINS}
          order by pc.due_at nulls last, pc.id`,
        params,
      ),
    );
    return {
      columns: def.definition.states
        .filter((s) => !s.final)
        .map((s) => ({ key: s.key, nameZh: s.nameZh, nameEn: s.nameEn, count: counts.find((c) => c.state === s.key)?.n ?? 0, tickets: rows.filter((r) => r.state === s.key) })),
    };
  }

  async update(actor: Actor, id: number, input: { priority?: Priority; categoryId?: number | null; serviceContent?: string | null; serviceCharge?: string | null; chargeCurrency?: string }) {
    const ticket = await this.visible(actor, id);
    const c = (await this.deps.process.caseById(this.db, ticket.caseId))!;
    if (!this.deps.process.mayAct(actor, c) && !can(actor, 'ticket:manage')) throw new AppError('FORBIDDEN', 'PROCESS_NOT_YOUR_TASK', 'process.not_your_task');
    const sets: string[] = [];
    const params: unknown[] = [id];
    const column: Record<string, string> = { priority: 'priority', categoryId: 'category_id', serviceContent: 'service_content', serviceCharge: 'service_charge', chargeCurrency: 'charge_currency' };
    for (const [key, value] of Object.entries(input)) {
      if (value !== undefined && column[key]) sets.push(`${column[key]} = $${params.push(value)}`);
    }
    if (!sets.length) return ticket;
    await this.db.transaction(async (tx) => {
      if (input.categoryId && !(await tx.query(`select 1 from ticket_categories where id = $1`, [input.categoryId])).length) throw invalidField('body.categoryId', 'ticket.category_not_found');
      await tx.query(`update tickets set ${sets.join(', ')}, updated_at = now() where id = $1`, params);
      await recordAudit(tx, actor, { action: 'update', entity: 'ticket', entityId: id, before: pick(ticket, Object.keys(input)), after: input });
    });
    return (await this.byId(this.db, id))!;
  }

  /** A step of the ticket's process, by someone who can see the ticket. */
  /** `minimal`: answer with the case's new state only (integrations that do not show the ticket). */
  async act(actor: Actor, id: number, input: StepInput, minimal = false) {
    const c = await this.deps.process.act(actor, await this.visibleCase(actor, id), input);
    if (minimal) return { id, caseId: c.id, state: c.state, seq: c.seq, status: c.status };
    return this.get(actor, id);
  }

  async decide(actor: Actor, id: number, input: { approve: boolean; comment?: string | null; expectedSeq: number }) {
    await this.deps.process.decide(actor, await this.visibleCase(actor, id), input);
    return this.get(actor, id);
  }

  async claim(actor: Actor, id: number, expectedSeq: number) {
    await this.deps.process.claim(actor, await this.visibleCase(actor, id), expectedSeq);
    return this.get(actor, id);
  }

  // ---- attachments

  /** Keeps a file with the ticket; who may see the ticket may add and read its files. */
  async attach(actor: Actor, id: number, file: { name: string; contentType: string; data: Buffer }) {
    await this.visibleCase(actor, id);
    if (!file.data.length) throw invalidField('body', 'ticket.attachment_empty');
    const name = file.name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'file';
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number; name: string; contentType: string; size: number; uploadedAt: Date }>(
        `insert into ticket_attachments (ticket_id, name, content_type, size, sha256, data, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7)
         returning id, name, content_type as "contentType", size, uploaded_at as "uploadedAt"`,
        [id, name, file.contentType, file.data.length, createHash('sha256').update(file.data).digest('hex'), file.data, actor.userId],
      );
      await recordAudit(tx, actor, { action: 'attach', entity: 'ticket', entityId: id, after: { attachmentId: row!.id, name, size: file.data.length } });
      return row!;
    });
  }

  async attachments(actor: Actor, id: number) {
    await this.visibleCase(actor, id);
    return this.attachmentList(id);
  }

  private attachmentList(id: number) {
    return this.db.query<{ id: number; name: string; contentType: string; size: number; uploadedByName: string | null; uploadedAt: Date }>(
      `select a.id, a.name, a.content_type as "contentType", a.size, u.display_name as "uploadedByName", a.uploaded_at as "uploadedAt"
         from ticket_attachments a left join users u on u.id = a.uploaded_by where a.ticket_id = $1 order by a.uploaded_at, a.id`,
      [id],
    );
  }

  async attachment(actor: Actor, id: number, attachmentId: number) {
    await this.visibleCase(actor, id);
    const [row] = await this.db.query<{ name: string; contentType: string; data: Buffer }>(
      `select name, content_type as "contentType", data from ticket_attachments where id = $1 and ticket_id = $2`,
      [attachmentId, id],
    );
    if (!row) throw notFound('TICKET_ATTACHMENT_NOT_FOUND', 'ticket.attachment_not_found');
    return row;
  }

  // ---- return visits

  /** Staff record what the customer said; the process closes or reopens the ticket by the score. */
  async recordVisit(actor: Actor, id: number, input: { score: number; comment?: string | null; expectedSeq: number }) {
    const ticket = await this.visible(actor, id);
    await this.db.transaction(async (tx) => {
      const c = (await this.deps.process.caseById(tx, ticket.caseId))!;
      if (c.seq !== input.expectedSeq) throw new AppError('CONFLICT', 'PROCESS_CASE_MOVED', 'process.case_moved', { extra: { state: c.state, seq: c.seq } });
      if (!this.deps.process.mayAct(actor, c)) throw new AppError('FORBIDDEN', 'PROCESS_NOT_YOUR_TASK', 'process.not_your_task');
      await this.visit(tx, ticket.id, ticket.caseId, { score: input.score, comment: input.comment ?? null, via: 'staff', userId: actor.userId });
    });
    return this.get(actor, id);
  }

  /** A link for the customer to rate the service once (sent by SMS or e-mail by the caller). */
  async visitLink(actor: Actor, id: number) {
    const ticket = await this.visible(actor, id);
    const c = (await this.deps.process.caseById(this.db, ticket.caseId))!;
    if (!(await this.deps.process.awaitsSignal(this.db, c, VISIT_SIGNAL))) throw new AppError('CONFLICT', 'TICKET_NOT_AWAITING_VISIT', 'ticket.not_awaiting_visit');
    const token = randomBytes(24).toString('base64url');
    const [row] = await this.db.query<{ expiresAt: Date }>(
      `insert into ticket_visit_links (token_hash, ticket_id, expires_at) values ($1, $2, now() + make_interval(days => $3)) returning expires_at as "expiresAt"`,
      [hashToken(token), id, LINK_DAYS],
    );
    return { token, path: `/visit/${token}`, expiresAt: row!.expiresAt };
  }

  /** What the customer sees before rating: no personal data, only the ticket's number and subject. */
  async linkInfo(token: string) {
    const [row] = await this.db.query<{ number: string; subject: string; usedAt: Date | null; expired: boolean }>(
      `select t.number, t.subject, l.used_at as "usedAt", l.expires_at < now() as expired from ticket_visit_links l join tickets t on t.id = l.ticket_id where l.token_hash = $1`,
      [hashToken(token)],
    );
    if (!row) throw notFound('VISIT_LINK_NOT_FOUND', 'ticket.link_not_found');
    return { number: row.number, subject: row.subject, used: row.usedAt !== null, expired: row.expired };
  }

  /** The customer's answer through the link: accepted once; a second use is refused. */
  async visitByLink(token: string, input: { score: number; comment?: string | null }) {
    await this.db.transaction(async (tx) => {
      const [link] = await tx.query<{ ticketId: number }>(
        `update ticket_visit_links set used_at = now() where token_hash = $1 and used_at is null and expires_at > now() returning ticket_id as "ticketId"`,
        [hashToken(token)],
      );
      if (!link) {
        const [known] = await tx.query(`select 1 from ticket_visit_links where token_hash = $1`, [hashToken(token)]);
        if (!known) throw notFound('VISIT_LINK_NOT_FOUND', 'ticket.link_not_found');
        throw new AppError('CONFLICT', 'VISIT_LINK_USED', 'ticket.link_used');
      }
      // A ticket no longer waiting for the visit is refused by the process (signal), with the rest undone.
      const c = (await this.deps.process.caseOf(tx, 'ticket', link.ticketId))!;
      await this.visit(tx, link.ticketId, c.id, { score: input.score, comment: input.comment ?? null, via: 'link', userId: null });
    });
  }

  private async visit(tx: Queryable, ticketId: number, caseId: number, v: { score: number; comment: string | null; via: 'staff' | 'link'; userId: number | null }) {
    await tx.query(`insert into ticket_return_visits (ticket_id, score, comment, via, recorded_by) values ($1, $2, $3, $4, $5)`, [ticketId, v.score, v.comment, v.via, v.userId]);
    await tx.query(`update tickets set satisfaction = $2, updated_at = now() where id = $1`, [ticketId, v.score]);
    const moved = await this.deps.process.signal(tx, caseId, VISIT_SIGNAL, { satisfaction: v.score }, v.userId);
    if (!moved) throw new AppError('CONFLICT', 'TICKET_NOT_AWAITING_VISIT', 'ticket.not_awaiting_visit');
  }

  // ---- knowledge base

  async createArticle(actor: Actor, input: { ticketId?: number | null; categoryId?: number | null; titleZh: string; titleEn?: string | null; bodyZh: string; bodyEn?: string | null }) {
    if (input.ticketId) {
      const ticket = await this.visible(actor, input.ticketId);
      if (!ticket.resolvedAt) throw invalidField('body.ticketId', 'ticket.not_resolved');
    }
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `insert into kb_articles (ticket_id, category_id, title_zh, title_en, body_zh, body_en, grams, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [input.ticketId ?? null, input.categoryId ?? null, input.titleZh, input.titleEn ?? null, input.bodyZh, input.bodyEn ?? null, articleGrams(input), actor.userId],
      );
      await recordAudit(tx, actor, { action: 'create', entity: 'kb_article', entityId: row!.id, after: input });
      return row!.id;
    });
    return this.article(id);
  }

  async updateArticle(actor: Actor, id: number, input: { categoryId?: number | null; titleZh: string; titleEn?: string | null; bodyZh: string; bodyEn?: string | null; status: 'draft' | 'published' | 'archived' }) {
    const before = await this.article(id);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `update kb_articles set category_id = $2, title_zh = $3, title_en = $4, body_zh = $5, body_en = $6, status = $7, grams = $8, updated_at = now() where id = $1`,
        [id, input.categoryId ?? null, input.titleZh, input.titleEn ?? null, input.bodyZh, input.bodyEn ?? null, input.status, articleGrams(input)],
      );
      await recordAudit(tx, actor, { action: 'update', entity: 'kb_article', entityId: id, before, after: input });
    });
    return this.article(id);
  }

  async article(id: number) {
    const [row] = await this.db.query<ArticleDto>(
      `select a.id, a.ticket_id as "ticketId", t.number as "ticketNumber", a.category_id as "categoryId", a.title_zh as "titleZh", a.title_en as "titleEn",
              a.body_zh as "bodyZh", a.body_en as "bodyEn", a.status, u.display_name as "createdByName", a.created_at as "createdAt", a.updated_at as "updatedAt"
         from kb_articles a left join tickets t on t.id = a.ticket_id left join users u on u.id = a.created_by where a.id = $1`,
      [id],
    );
    if (!row) throw notFound('KB_ARTICLE_NOT_FOUND', 'ticket.article_not_found');
    return row;
  }

  /** Articles by text (every bigram of the query present) or all, newest first. */
  async searchArticles(options: { q?: string; categoryId?: number; includeDrafts: boolean; limit: number }) {
    const params: unknown[] = [];
    const where = [options.includeDrafts ? `a.status <> 'archived'` : `a.status = 'published'`];
    if (options.q?.trim()) where.push(`a.grams @> $${params.push(queryGrams(options.q))}::text[]`);
    if (options.categoryId) where.push(`a.category_id in (${CATEGORY_AND_BELOW(`$${params.push(options.categoryId)}`)})`);
    params.push(options.limit);
    return this.db.query<ArticleHitDto>(
      `select a.id, a.title_zh as "titleZh", a.title_en as "titleEn", left(a.body_zh, 200) as "excerptZh", left(a.body_en, 200) as "excerptEn", a.status, a.category_id as "categoryId", a.updated_at as "updatedAt"
         from kb_articles a where ${where.join(' and ')} order by a.updated_at desc, a.id desc limit $${params.length}`,
      params,
    );
  }

  /** Published articles sharing the most bigrams with a text: suggested when a similar ticket comes in. */
  async suggest(text: string, limit: number) {
    const grams = nameGrams(text).filter((g) => [...g].length === 2);
    if (!grams.length) return [];
    return this.db.query<{ id: number; titleZh: string; titleEn: string | null; score: number }>(
      `select a.id, a.title_zh as "titleZh", a.title_en as "titleEn",
              round((select count(*) from unnest(a.grams) g where g = any($1::text[]))::numeric / greatest(cardinality($1::text[]), 1), 3)::float8 as score
         from kb_articles a where a.status = 'published' and a.grams && $1::text[]
        order by score desc, a.id desc limit $2`,
      [grams, limit],
    ).then((rows) => rows.filter((r) => r.score >= 0.15));
  }

  // ---- customer 360

  forCustomer(actor: Actor, customerId: number) {
    return this.list(actor, { customerId, limit: 50 });
  }

  registerTimeline(timeline: Timeline): void {
    timeline.register('ticket', async (db, customerId, { before, beforeId, limit }) => {
      const rows = await db.query<{ id: number; number: string; type: string; subject: string; at: Date; name: string | null }>(
        `select t.id, t.number, t.type, t.subject, t.created_at as at, u.display_name as name from tickets t left join users u on u.id = t.created_by
          where t.customer_id = $1 and (date_trunc('milliseconds', t.created_at), t.id) < ($2::timestamptz, $4::bigint)
          order by date_trunc('milliseconds', t.created_at) desc, t.id desc limit $3`,
        [customerId, before, limit, beforeId],
      );
      return rows.map((r) => ({ at: r.at, source: 'ticket', kind: r.type, title: `${r.number} ${r.subject}`, actorName: r.name, ref: { entity: 'ticket', id: r.id } }));
    });
  }

  // ---- internals

  private async followStep(tx: Queryable, e: StepEvent) {
    const sets = ['updated_at = now()'];
    const params: unknown[] = [e.case.subjectId];
    if (typeof e.data.solution === 'string') sets.push(`solution = $${params.push(e.data.solution)}`);
    if (typeof e.data.resolution === 'string') sets.push(`resolution = $${params.push(e.data.resolution)}`);
    // Responding includes any step a person takes after the ticket was received.
    if (e.actorId !== null || e.transition.effect === 'first_response') sets.push(`first_response_at = coalesce(first_response_at, now())`);
    if (e.transition.effect === 'resolve') sets.push(`resolved_at = now()`);
    if (e.transition.effect === 'reopen') sets.push(`reopen_count = reopen_count + 1, resolved_at = null, closed_at = null`);
    if (e.final) sets.push(`closed_at = now(), resolved_at = coalesce(resolved_at, now())`);
    // The department is whoever the case was last handed to by a person's choice.
    const [c] = await tx.query<{ unitId: number | null; userUnit: number | null }>(
      `select assignee_unit_id as "unitId", (select org_unit_id from users where id = assignee_user_id) as "userUnit" from process_cases where id = $1`,
      [e.case.id],
    );
    if (e.transition.key && (c?.unitId || c?.userUnit) && (await this.deps.process.definition(tx, e.case.definitionId)).definition.states.find((s) => s.key === e.to)?.actor?.kind === 'chosen') {
      sets.push(`department_id = $${params.push(c.unitId ?? c.userUnit)}`);
    }
    await tx.query(`update tickets set ${sets.join(', ')} where id = $1`, params);
  }

  private async byId(q: Queryable, id: number): Promise<TicketRow | undefined> {
    const [row] = await this.named(await q.query<TicketRow>(`select ${TICKET_COLUMNS} from ${TICKET_FROM} where t.id = $1`, [id]));
    return row;
  }

  /** State names in both languages, from the (cached) version of each ticket's process. */
  private async named(rows: TicketRow[]): Promise<TicketRow[]> {
    for (const row of rows) {
      const { definition } = await this.deps.process.definition(this.db, row.definitionId as number);
      const state = definition.states.find((s) => s.key === row.state);
      row.stateNameZh = state?.nameZh ?? row.state;
      row.stateNameEn = state?.nameEn ?? row.state;
    }
    return rows;
  }

  /** The case of a ticket the actor may see, without reading the ticket. */
  private async visibleCase(actor: Actor, id: number): Promise<number> {
    const params: unknown[] = [id];
    const [row] = await this.db.query<{ caseId: number }>(
      `select pc.id as "caseId" from tickets t join customers cu on cu.id = t.customer_id join process_cases pc on pc.subject_type = 'ticket' and pc.subject_id = t.id
        where t.id = $1 and ${this.visibleCondition(actor, params)}`,
      params,
    );
    if (!row) throw notFound('TICKET_NOT_FOUND', 'ticket.not_found');
    return row.caseId;
  }

  /** A ticket the actor may see: its customer is in his scope, it waits for him or his unit, or he took part in it. */
  private async visible(actor: Actor, id: number): Promise<TicketRow> {
    const params: unknown[] = [id];
    const [row] = await this.named(await this.db.query<TicketRow>(`select ${TICKET_COLUMNS} from ${TICKET_FROM} where t.id = $1 and ${this.visibleCondition(actor, params)}`, params));
    if (!row) throw notFound('TICKET_NOT_FOUND', 'ticket.not_found');
    return row;
  }

  /**
   * The ways a ticket (t, its case pc) is visible to the actor: its customer is in his scope (by
   * the unit and manager the ticket keeps in step with its customer), it waits for him, his unit
   * or his roles, or he took it or worked on it.
   */
  private visibleSources(actor: Actor, params: unknown[]): string[] {
    if (actor.scope.kind === 'all') return ['true'];
    const me = `$${params.push(actor.userId)}::bigint`;
    const unit = `$${params.push(actor.orgUnitId)}::bigint`;
    const roles = `$${params.push(actor.roleKeys)}::text[]`;
    return [
      scopeCondition(actor.scope, 't', params),
      `pc.status = 'open' and pc.assignee_user_id = ${me}`,
      `pc.status = 'open' and pc.assignee_user_id is null and pc.assignee_unit_id = ${unit}`,
      `pc.status = 'open' and pc.assignee_user_id is null and pc.assignee_unit_id is null and pc.assignee_role = any(${roles})`,
      `t.created_by = ${me}`,
      `pc.id in (select case_id from process_steps where actor_id = ${me})`,
      `pc.id in (select case_id from process_approvals where user_id = ${me})`,
    ];
  }

  /** The same, as one condition: for reading one ticket, or a few. */
  private visibleCondition(actor: Actor, params: unknown[]): string {
    return `(${this.visibleSources(actor, params).map((source) => `(${source})`).join(' or ')})`;
  }

  /** A ticket keeps its customer's unit and manager, so that scope reads the ticket alone. */
  async onCustomersChanged(customerIds: number[] | 'all'): Promise<void> {
    const params: unknown[] = [];
    const which = customerIds === 'all' ? '' : ` and t.customer_id = any($${params.push(customerIds)}::bigint[])`;
    // The service cases follow too: later steps find the customer's manager and branch from them.
    await this.db.query(
      `with moved as (
         update tickets t set org_unit_id = c.org_unit_id, owner_id = c.owner_id from customers c
          where c.id = t.customer_id${which} and (t.org_unit_id, t.owner_id) is distinct from (c.org_unit_id, c.owner_id)
         returning t.id, t.org_unit_id, t.owner_id)
       update process_cases p set org_unit_id = m.org_unit_id, owner_id = m.owner_id
         from moved m where p.subject_type = 'ticket' and p.subject_id = m.id`,
      params,
    );
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function articleGrams(a: { titleZh: string; titleEn?: string | null; bodyZh: string; bodyEn?: string | null }): string[] {
  return nameGrams(a.titleZh, a.titleEn, a.bodyZh, a.bodyEn);
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

