import type { Db, Queryable } from '#platform/db/db.ts';
import { can, type Actor } from '#platform/auth/actor.ts';
import { AppError, invalid, notFound, type FieldError } from '#platform/errors.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import type { NotificationsService } from '#modules/notifications/notifications.service.ts';
import { definitionProblems, guardsHold, ProcessDefinition, type ActorSpec, type StateDef, type TransitionDef } from './definition.ts';
import type { AtRiskCaseDto, CaseApprovalDto, CaseStepDto } from './process.dto.ts';

export interface CaseRow {
  id: number;
  definitionId: number;
  subjectType: string;
  subjectId: number;
  reference: string;
  title: string;
  orgUnitId: number | null;
  ownerId: number | null;
  state: string;
  seq: number;
  stateEnteredAt: Date;
  dueAt: Date | null;
  assigneeUserId: number | null;
  assigneeUnitId: number | null;
  assigneeRole: string | null;
  escalated: boolean;
  vars: Record<string, unknown>;
  assignments: Record<string, Assignment>;
  status: 'open' | 'closed';
}

export interface Assignment {
  userId: number | null;
  unitId: number | null;
  role: string | null;
}

export interface StepInput {
  transition: string;
  /** The case's seq the person saw: if someone acted since, he is told instead of overwriting. */
  expectedSeq: number;
  comment?: string | null;
  data?: Record<string, string | number | boolean | null>;
  assignee?: { userId: number } | { unitId: number };
  attachments?: { name: string; url: string }[];
}

/** What the module owning a kind of subject does when its cases move (in the same transaction). */
export interface StepEvent {
  case: CaseRow;
  transition: TransitionDef;
  from: string;
  to: string;
  final: boolean;
  actorId: number | null;
  data: Record<string, unknown>;
}

export interface SubjectHooks {
  onStep(tx: Queryable, event: StepEvent): Promise<void>;
  /** The web path of a subject, for notifications. */
  link(subjectId: number): string;
}

const CASE_COLUMNS = `c.id, c.definition_id as "definitionId", c.subject_type as "subjectType", c.subject_id as "subjectId", c.reference, c.title,
  c.org_unit_id as "orgUnitId", c.owner_id as "ownerId", c.state, c.seq, c.state_entered_at as "stateEnteredAt", c.due_at as "dueAt",
  c.assignee_user_id as "assigneeUserId", c.assignee_unit_id as "assigneeUnitId", c.assignee_role as "assigneeRole", c.escalated, c.vars, c.assignments, c.status`;

const HOUR = 3_600_000;

/**
 * The process engine: definitions as versioned data; cases that move only through allowed
 * transitions, by the people the state names, one step at a time (a stale step is refused);
 * approvals by one or all approvers; time limits whose timers fire once each, in the transaction
 * that does their work. It knows nothing of tickets: subject modules register hooks.
 */
export class ProcessService {
  private readonly hooks = new Map<string, SubjectHooks>();
  private readonly definitions = new Map<number, { key: string; version: number; nameZh: string; nameEn: string; definition: ProcessDefinition }>();

  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationsService,
  ) {}

  registerSubject(type: string, hooks: SubjectHooks): void {
    this.hooks.set(type, hooks);
  }

  // ---- definitions

  /** The latest version of every process, with how many cases are open on each key. */
  async listDefinitions() {
    return this.db.query<{ id: number; key: string; version: number; nameZh: string; nameEn: string; createdAt: Date; openCases: number }>(
      `select d.id, d.key, d.version, d.name_zh as "nameZh", d.name_en as "nameEn", d.created_at as "createdAt",
              (select count(*)::int from process_cases c join process_definitions d2 on d2.id = c.definition_id where d2.key = d.key and c.status = 'open') as "openCases"
         from process_definitions d
        where d.version = (select max(version) from process_definitions x where x.key = d.key)
        order by d.key`,
    );
  }

  async latest(q: Queryable, key: string) {
    const [row] = await q.query<{ id: number }>(`select id from process_definitions where key = $1 order by version desc limit 1`, [key]);
    if (!row) throw notFound('PROCESS_NOT_FOUND', 'process.not_found');
    return { id: row.id, ...(await this.definition(q, row.id)) };
  }

  async versions(key: string) {
    const rows = await this.db.query<{ id: number; version: number; createdAt: Date; createdByName: string | null; cases: number }>(
      `select d.id, d.version, d.created_at as "createdAt", u.display_name as "createdByName",
              (select count(*)::int from process_cases c where c.definition_id = d.id) as cases
         from process_definitions d left join users u on u.id = d.created_by where d.key = $1 order by d.version desc`,
      [key],
    );
    if (!rows.length) throw notFound('PROCESS_NOT_FOUND', 'process.not_found');
    return rows;
  }

  /** A version by id; versions never change, so they are kept once read. */
  async definition(q: Queryable, id: number) {
    let d = this.definitions.get(id);
    if (!d) {
      const [row] = await q.query<{ key: string; version: number; nameZh: string; nameEn: string; definition: unknown }>(
        `select key, version, name_zh as "nameZh", name_en as "nameEn", definition from process_definitions where id = $1`,
        [id],
      );
      if (!row) throw notFound('PROCESS_NOT_FOUND', 'process.not_found');
      d = { ...row, definition: ProcessDefinition.parse(row.definition) };
      this.definitions.set(id, d);
    }
    return d;
  }

  /** Saves a new version (the first, or the next); running cases stay on theirs. */
  async saveDefinition(actor: Actor | null, q: Queryable, key: string, input: { nameZh: string; nameEn: string; definition: ProcessDefinition }) {
    const problems = definitionProblems(input.definition);
    if (problems.length) throw invalid(problems);
    await this.checkActorsExist(q, input.definition);
    const [row] = await q.query<{ id: number; version: number }>(
      `insert into process_definitions (key, version, name_zh, name_en, definition, created_by)
       values ($1, coalesce((select max(version) from process_definitions where key = $1), 0) + 1, $2, $3, $4, $5) returning id, version`,
      [key, input.nameZh, input.nameEn, JSON.stringify(input.definition), actor?.userId ?? null],
    );
    if (actor) await recordAudit(q, actor, { action: 'create', entity: 'process_definition', entityId: `${key}@${row!.version}`, after: input });
    return row!;
  }

  private async checkActorsExist(q: Queryable, def: ProcessDefinition) {
    const problems: FieldError[] = [];
    const specs: [string, ActorSpec | undefined][] = def.states.flatMap((s, i) => [
      [`body.definition.states.${i}.actor`, s.actor],
      [`body.definition.states.${i}.approval.approvers`, s.approval?.approvers],
      [`body.definition.states.${i}.timeLimit.reassignTo`, s.timeLimit?.reassignTo],
    ]);
    for (const [field, spec] of specs) {
      if (spec?.kind === 'role' && !(await q.query(`select 1 from roles where key = $1`, [spec.role])).length) problems.push({ field: `${field}.role`, message: 'process.def.unknown_role', params: { role: spec.role } });
      if (spec?.kind === 'unit' && !(await q.query(`select 1 from org_units where id = $1`, [spec.unitId])).length) problems.push({ field: `${field}.unitId`, message: 'process.def.unknown_unit' });
      if (spec?.kind === 'user' && !(await q.query(`select 1 from users where id = $1`, [spec.userId])).length) problems.push({ field: `${field}.userId`, message: 'process.def.unknown_user' });
    }
    if (problems.length) throw invalid(problems);
  }

  // ---- cases

  /** Opens a case on the latest version of a process, inside the subject's own transaction. */
  async start(
    tx: Queryable,
    actor: Actor,
    input: { processKey: string; subjectType: string; subjectId: number; reference: string; title: string; orgUnitId: number | null; ownerId: number | null; vars?: Record<string, unknown> },
  ): Promise<CaseRow> {
    const def = await this.latest(tx, input.processKey);
    const [row] = await tx.query<{ id: number }>(
      `insert into process_cases (definition_id, subject_type, subject_id, reference, title, org_unit_id, owner_id, state, vars)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [def.id, input.subjectType, input.subjectId, input.reference, input.title, input.orgUnitId, input.ownerId, def.definition.initial, JSON.stringify(input.vars ?? {})],
    );
    await tx.query(`insert into process_steps (case_id, seq, transition, from_state, to_state, actor_id, actor_kind) values ($1, 0, 'start', null, $2, $3, $4)`, [
      row!.id,
      def.definition.initial,
      actor.userId,
      actor.userId ? 'user' : 'system',
    ]);
    const c = (await this.lockCase(tx, row!.id))!;
    await this.enter(tx, c, def.definition, def.definition.initial, { actorId: actor.userId });
    return (await this.lockCase(tx, row!.id))!;
  }

  /** A person takes a transition. One transaction; a stale seq or a wrong state is refused. */
  async act(actor: Actor, caseId: number, input: StepInput): Promise<CaseRow> {
    const caseRow = await this.db.transaction(async (tx) => {
      const c = await this.lockCase(tx, caseId);
      if (!c) throw notFound('PROCESS_CASE_NOT_FOUND', 'process.case_not_found');
      const { definition: def } = await this.definition(tx, c.definitionId);
      if (c.seq !== input.expectedSeq) throw moved(c);
      const transition = def.transitions.find((t) => t.key === input.transition && t.from === c.state && t.trigger === 'user');
      if (!transition) throw new AppError('CONFLICT', 'PROCESS_INVALID_TRANSITION', 'process.invalid_transition', { params: { transition: input.transition, state: c.state }, extra: { state: c.state, allowed: this.userTransitions(def, c.state).map((t) => t.key) } });
      if (c.status !== 'open' || !this.mayAct(actor, c)) throw new AppError('FORBIDDEN', 'PROCESS_NOT_YOUR_TASK', 'process.not_your_task');
      const data = checkForm(transition, input);
      const target = def.states.find((s) => s.key === transition.to)!;
      let chosen: Assignment | undefined;
      if (target.actor?.kind === 'chosen') {
        // Chosen on the first entry; later entries may keep whoever had it before.
        if (input.assignee) chosen = await this.checkAssignee(tx, input.assignee);
        else if (!c.assignments[target.key]) throw invalid([{ field: 'body.assignee', message: 'field.required' }]);
      }
      const vars = { ...c.vars, ...data };
      if (!guardsHold(transition.guards, vars)) throw new AppError('CONFLICT', 'PROCESS_GUARD_FAILED', 'process.guard_failed', { params: { transition: transition.key } });
      await this.step(tx, c, def, transition, { actorId: actor.userId, actorKind: 'user', comment: input.comment ?? null, data, attachments: input.attachments ?? [], chosen });
      return (await this.lockCase(tx, caseId))!;
    });
    return caseRow;
  }

  /** An approver decides. Any: the first decision settles it; all: every approval, or one rejection. */
  async decide(actor: Actor, caseId: number, input: { approve: boolean; comment?: string | null; expectedSeq: number }): Promise<CaseRow> {
    return this.db.transaction(async (tx) => {
      const c = await this.lockCase(tx, caseId);
      if (!c) throw notFound('PROCESS_CASE_NOT_FOUND', 'process.case_not_found');
      const { definition: def } = await this.definition(tx, c.definitionId);
      if (c.seq !== input.expectedSeq) throw moved(c);
      const state = def.states.find((s) => s.key === c.state)!;
      if (!state.approval || c.status !== 'open') throw new AppError('CONFLICT', 'PROCESS_NOT_AWAITING_APPROVAL', 'process.not_awaiting_approval');
      const decided = await tx.query(
        `update process_approvals set decision = $4, comment = $5, decided_at = now() where case_id = $1 and seq = $2 and user_id = $3 and decision is null returning id`,
        [c.id, c.seq, actor.userId, input.approve ? 'approved' : 'rejected', input.comment ?? null],
      );
      if (!decided.length) {
        const [submitter] = await tx.query<{ actorId: number | null }>(`select actor_id as "actorId" from process_steps where case_id = $1 and seq = $2`, [c.id, c.seq]);
        if (submitter?.actorId === actor.userId) throw new AppError('FORBIDDEN', 'PROCESS_OWN_REQUEST', 'process.own_request');
        const mine = await tx.query(`select 1 from process_approvals where case_id = $1 and seq = $2 and user_id = $3`, [c.id, c.seq, actor.userId]);
        if (mine.length) throw new AppError('CONFLICT', 'PROCESS_ALREADY_DECIDED', 'process.already_decided');
        throw new AppError('FORBIDDEN', 'PROCESS_NOT_APPROVER', 'process.not_approver');
      }
      const votes = await tx.query<{ decision: string | null }>(`select decision from process_approvals where case_id = $1 and seq = $2`, [c.id, c.seq]);
      const outcome = !input.approve ? 'rejected' : state.approval.mode === 'any' || votes.every((v) => v.decision === 'approved') ? 'approved' : null;
      if (outcome) {
        const transition = def.transitions.find((t) => t.from === c.state && t.trigger === outcome)!;
        await this.step(tx, c, def, transition, { actorId: actor.userId, actorKind: 'user', comment: input.comment ?? null, data: {}, attachments: [] });
      }
      return (await this.lockCase(tx, caseId))!;
    });
  }

  /**
   * Something outside a person's step happened (a return visit through a link, a payment…): the
   * first transition from the current state waiting for that signal whose guards hold is taken.
   * Returns whether the case moved.
   */
  async signal(tx: Queryable, caseId: number, signal: string, data: Record<string, unknown>, actorId: number | null): Promise<boolean> {
    const c = await this.lockCase(tx, caseId);
    if (!c || c.status !== 'open') return false;
    const { definition: def } = await this.definition(tx, c.definitionId);
    const vars = { ...c.vars, ...data };
    const transition = def.transitions.find((t) => t.from === c.state && t.trigger === 'signal' && t.signal === signal && guardsHold(t.guards, vars));
    if (!transition) {
      await tx.query(`update process_cases set vars = $2 where id = $1`, [c.id, JSON.stringify(vars)]);
      return false;
    }
    await this.step(tx, c, def, transition, { actorId, actorKind: actorId ? 'user' : 'customer', comment: null, data, attachments: [] });
    return true;
  }

  /** A pool task (a unit's or a role's) taken by one of its people, who then sees it as his. */
  async claim(actor: Actor, caseId: number, expectedSeq: number): Promise<CaseRow> {
    return this.db.transaction(async (tx) => {
      const c = await this.lockCase(tx, caseId);
      if (!c) throw notFound('PROCESS_CASE_NOT_FOUND', 'process.case_not_found');
      const { definition: def } = await this.definition(tx, c.definitionId);
      if (c.seq !== expectedSeq) throw moved(c);
      if (c.status !== 'open' || c.assigneeUserId === actor.userId || !this.mayAct(actor, c) || def.states.find((s) => s.key === c.state)?.approval) {
        throw new AppError('FORBIDDEN', 'PROCESS_NOT_YOUR_TASK', 'process.not_your_task');
      }
      const assignment = { userId: actor.userId, unitId: c.assigneeUnitId, role: c.assigneeRole };
      await tx.query(
        `update process_cases set assignee_user_id = $2, seq = seq + 1, assignments = assignments || jsonb_build_object(state, $3::jsonb) where id = $1`,
        [c.id, actor.userId, JSON.stringify(assignment)],
      );
      await tx.query(`insert into process_steps (case_id, seq, transition, from_state, to_state, actor_id) values ($1, $2, 'claim', $3, $3, $4)`, [c.id, c.seq + 1, c.state, actor.userId]);
      return (await this.lockCase(tx, caseId))!;
    });
  }

  /** The case as this actor sees it: its steps, the approvals, and what he may do now. */
  async view(actor: Actor, q: Queryable, c: CaseRow) {
    const { definition: def, key, version, nameZh, nameEn } = await this.definition(q, c.definitionId);
    const steps = await q.query<Omit<CaseStepDto, 'transitionNameZh' | 'transitionNameEn'>>(
      `select s.seq, s.transition, s.from_state as "fromState", s.to_state as "toState", s.actor_id as "actorId", s.actor_kind as "actorKind",
              u.display_name as "actorName", s.comment, s.data, s.attachments, s.at
         from process_steps s left join users u on u.id = s.actor_id where s.case_id = $1 order by s.seq`,
      [c.id],
    );
    const approvals = await q.query<CaseApprovalDto>(
      `select a.user_id as "userId", u.display_name as "userName", a.decision, a.comment, a.decided_at as "decidedAt", a.seq
         from process_approvals a join users u on u.id = a.user_id where a.case_id = $1 order by a.seq, a.id`,
      [c.id],
    );
    const [assignee] = await q.query<{ userName: string | null; unitName: string | null; unitNameEn: string | null }>(
      `select (select display_name from users where id = $1) as "userName", (select name_zh from org_units where id = $2) as "unitName", (select name_en from org_units where id = $2) as "unitNameEn"`,
      [c.assigneeUserId, c.assigneeUnitId],
    );
    const state = def.states.find((s) => s.key === c.state)!;
    const mayAct = c.status === 'open' && !state.approval && this.mayAct(actor, c);
    const current = approvals.filter((a) => a.seq === c.seq);
    return {
      ...c,
      process: { key, version, nameZh, nameEn },
      stateDef: state,
      states: def.states.map((s) => ({ key: s.key, nameZh: s.nameZh, nameEn: s.nameEn, final: s.final, stage: s.stage })),
      assignee: { ...assignee!, userId: c.assigneeUserId, unitId: c.assigneeUnitId, role: c.assigneeRole },
      // Each step named as its transition is (start, claim and escalations are named by the reader's app).
      steps: steps.map((s) => {
        const named = def.transitions.find((t) => t.key === s.transition && t.from === s.fromState);
        return { ...s, transitionNameZh: named?.nameZh ?? null, transitionNameEn: named?.nameEn ?? null };
      }),
      approvals: current,
      /** What this actor can do now: transitions with their forms, approving, claiming. */
      actions: {
        transitions: mayAct ? this.userTransitions(def, c.state).map((t) => ({ ...t, chooseAssignee: def.states.find((s) => s.key === t.to)?.actor?.kind === 'chosen' })) : [],
        decide: c.status === 'open' && !!state.approval && current.some((a) => a.userId === actor.userId && a.decision === null),
        claim: mayAct && c.assigneeUserId === null,
      },
    };
  }

  async caseById(q: Queryable, id: number): Promise<CaseRow | undefined> {
    const [row] = await q.query<CaseRow>(`select ${CASE_COLUMNS} from process_cases c where c.id = $1`, [id]);
    return row;
  }

  async caseOf(q: Queryable, subjectType: string, subjectId: number): Promise<CaseRow | undefined> {
    const [row] = await q.query<CaseRow>(`select ${CASE_COLUMNS} from process_cases c where c.subject_type = $1 and c.subject_id = $2`, [subjectType, subjectId]);
    return row;
  }

  /** Whether the case's current state waits for a signal (e.g. a recorded return visit) to move on. */
  async awaitsSignal(q: Queryable, c: CaseRow, signal: string): Promise<boolean> {
    if (c.status !== 'open') return false;
    const { definition } = await this.definition(q, c.definitionId);
    return definition.transitions.some((t) => t.from === c.state && t.trigger === 'signal' && t.signal === signal);
  }

  /** Whether the actor is among the people the case's current state names (or a process manager). */
  mayAct(actor: Actor, c: Pick<CaseRow, 'assigneeUserId' | 'assigneeUnitId' | 'assigneeRole'>): boolean {
    if (can(actor, 'process:manage')) return true;
    if (actor.userId === null) return false;
    if (c.assigneeUserId !== null) return c.assigneeUserId === actor.userId;
    if (c.assigneeUnitId === null && c.assigneeRole === null) return false;
    return (c.assigneeUnitId === null || c.assigneeUnitId === actor.orgUnitId) && (c.assigneeRole === null || actor.roleKeys.includes(c.assigneeRole));
  }

  /** Cases waiting for the actor: assigned to him or his approval ('mine'), or to his unit or roles' pool ('department'). */
  async inbox(actor: Actor, options: { box: 'mine' | 'department'; subjectType?: string; limit: number; after?: { dueAt: string | null; id: number } }) {
    const params: unknown[] = [];
    let who: string;
    if (options.box === 'mine') {
      params.push(actor.userId);
      // Two index lookups joined, not an OR the planner would answer by scanning every case.
      who = `c.id in (select id from process_cases where assignee_user_id = $1 and status = 'open'
                      union all select a.case_id from process_approvals a join process_cases x on x.id = a.case_id and x.seq = a.seq
                       where a.user_id = $1 and a.decision is null)`;
    } else {
      params.push(actor.orgUnitId, actor.roleKeys);
      who = `c.assignee_user_id is null and ((c.assignee_unit_id = $1 and (c.assignee_role is null or c.assignee_role = any($2::text[])))
             or (c.assignee_unit_id is null and c.assignee_role = any($2::text[])))`;
    }
    let where = `c.status = 'open' and ${who}`;
    if (options.subjectType) where += ` and c.subject_type = $${params.push(options.subjectType)}`;
    // Keyset on (due date, id): the most urgent first, cases without a deadline last.
    if (options.after) {
      const due = `coalesce(c.due_at, 'infinity'::timestamptz)`;
      where += ` and (${due}, c.id) > (coalesce($${params.push(options.after.dueAt)}::timestamptz, 'infinity'::timestamptz), $${params.push(options.after.id)}::bigint)`;
    }
    params.push(options.limit);
    return this.db.query<CaseRow & { definitionKey: string; stateNameZh: string; stateNameEn: string; overdue: boolean }>(
      `select ${CASE_COLUMNS}, d.key as "definitionKey",
              (select s->>'nameZh' from jsonb_array_elements(d.definition->'states') s where s->>'key' = c.state) as "stateNameZh",
              (select s->>'nameEn' from jsonb_array_elements(d.definition->'states') s where s->>'key' = c.state) as "stateNameEn",
              coalesce(c.due_at < now(), false) as overdue
         from process_cases c join process_definitions d on d.id = c.definition_id
        where ${where}
        order by coalesce(c.due_at, 'infinity'::timestamptz), c.id limit $${params.length}`,
      params,
    );
  }

  // ---- timers

  /**
   * Fires the timers due by `now`, each in its own transaction together with its work, so that a
   * crash leaves a timer either fired with its effect or not fired at all: after a restart it
   * fires exactly once. `afterWork` runs inside each transaction (tests use it to crash there).
   */
  async fireDueTimers(options: { now?: Date; limit?: number; afterWork?: (timerId: number) => Promise<void> | void } = {}): Promise<number> {
    const now = options.now ?? new Date();
    let fired = 0;
    while (fired < (options.limit ?? 1000)) {
      const done = await this.db.transaction(async (tx) => {
        const [timer] = await tx.query<{ id: number; caseId: number; seq: number; kind: 'remind' | 'breach' }>(
          `select id, case_id as "caseId", seq, kind from process_timers where fired_at is null and due_at <= $1 order by due_at, id limit 1 for update skip locked`,
          [now],
        );
        if (!timer) return false;
        const c = await this.lockCase(tx, timer.caseId);
        const current = !!c && c.status === 'open' && c.seq === timer.seq;
        if (current) await this.timerWork(tx, c, timer.kind);
        await tx.query(`update process_timers set fired_at = now(), outcome = $2 where id = $1`, [timer.id, current ? 'done' : 'stale']);
        await options.afterWork?.(timer.id);
        return true;
      });
      if (!done) break;
      fired++;
    }
    return fired;
  }

  private async timerWork(tx: Queryable, c: CaseRow, kind: 'remind' | 'breach') {
    const { definition: def } = await this.definition(tx, c.definitionId);
    const state = def.states.find((s) => s.key === c.state)!;
    const limit = state.timeLimit!;
    const link = this.hooks.get(c.subjectType)?.link(c.subjectId) ?? null;
    const params = { reference: c.reference, title: c.title };
    const people = async () => (await this.assignedUsers(tx, c)).slice(0, 50);
    if (kind === 'remind' || limit.onBreach === 'remind') {
      await this.notifications.notify(tx, await people(), kind === 'remind' ? 'notify.case_due_soon' : 'notify.case_overdue', params, link);
      return;
    }
    const timeout = def.transitions.find((t) => t.from === c.state && t.trigger === 'timeout');
    if (timeout) {
      await this.step(tx, c, def, timeout, { actorId: null, actorKind: 'system', comment: null, data: {}, attachments: [] });
      return;
    }
    let to: Assignment;
    if (limit.onBreach === 'reassign') {
      to = await this.resolve(tx, c, limit.reassignTo!, { actorId: null });
    } else {
      // Escalate: to the superior of the person who has it, or else to the nearest branch manager.
      const [boss] = c.assigneeUserId ? await tx.query<{ managerId: number | null }>(`select manager_id as "managerId" from users where id = $1`, [c.assigneeUserId]) : [];
      to = boss?.managerId ? { userId: boss.managerId, unitId: null, role: null } : await this.resolve(tx, c, { kind: 'role', role: 'branch_manager', near: true }, { actorId: null });
    }
    const previous = await people();
    await tx.query(
      `update process_cases set assignee_user_id = $2, assignee_unit_id = $3, assignee_role = $4, escalated = true, seq = seq + 1 where id = $1`,
      [c.id, to.userId, to.unitId, to.role],
    );
    await tx.query(`insert into process_steps (case_id, seq, transition, from_state, to_state, actor_kind, data) values ($1, $2, $3, $4, $4, 'system', $5)`, [
      c.id,
      c.seq + 1,
      limit.onBreach,
      c.state,
      JSON.stringify({ from: { userId: c.assigneeUserId, unitId: c.assigneeUnitId, role: c.assigneeRole }, to }),
    ]);
    const moved = { ...c, assigneeUserId: to.userId, assigneeUnitId: to.unitId, assigneeRole: to.role };
    await this.notifications.notify(tx, [...(await this.assignedUsers(tx, moved)).slice(0, 50), ...previous], 'notify.case_escalated', params, link);
  }

  /** Runs the timers every few seconds until stopped. */
  startTimers(intervalMs: number, onError: (error: unknown) => void): void {
    this.stopTimers();
    const tick = async () => {
      try {
        await this.fireDueTimers();
      } catch (error) {
        onError(error);
      }
      if (this.timer !== undefined) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  stopTimers(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private timer: NodeJS.Timeout | undefined;

  // ---- reports

  /**
   * Time spent per state of a process (median and p90 hours, over every visit of the state by a
   * case), and the open cases at risk: in a key state whose deadline passed or falls within
   * `riskHours`.
   */
  async stageReport(key: string, options: { riskHours: number; since?: string }) {
    const params: unknown[] = [key];
    const since = options.since ? ` and c.created_at >= $${params.push(options.since)}::date` : '';
    const spans = await this.db.query<{ state: string; visits: number; medianHours: number | null; p90Hours: number | null; openNow: number }>(
      `with spans as (
         select c.id as case_id, s.to_state as state, s.at as entered,
                coalesce((select min(n.at) from process_steps n where n.case_id = s.case_id and n.seq > s.seq and n.to_state <> s.to_state), now()) as left_at
           from process_steps s join process_cases c on c.id = s.case_id join process_definitions d on d.id = c.definition_id
          where d.key = $1${since} and (s.from_state is null or s.from_state <> s.to_state))
       select state, count(*)::int as visits,
              round((percentile_cont(0.5) within group (order by extract(epoch from left_at - entered)) / 3600)::numeric, 2)::float8 as "medianHours",
              round((percentile_cont(0.9) within group (order by extract(epoch from left_at - entered)) / 3600)::numeric, 2)::float8 as "p90Hours",
              (select count(*)::int from process_cases c2 join process_definitions d2 on d2.id = c2.definition_id where d2.key = $1 and c2.state = spans.state and c2.status = 'open') as "openNow"
         from spans group by state`,
      params,
    );
    const perCase = await this.db.query<{ id: number; reference: string; title: string; state: string; status: string; createdAt: Date; totalHours: number; subjectType: string; subjectId: number }>(
      `select c.id, c.reference, c.title, c.state, c.status, c.created_at as "createdAt", c.subject_type as "subjectType", c.subject_id as "subjectId",
              round((extract(epoch from coalesce(c.closed_at, now()) - c.created_at) / 3600)::numeric, 2)::float8 as "totalHours"
         from process_cases c join process_definitions d on d.id = c.definition_id where d.key = $1${since}
        order by c.created_at desc limit 200`,
      params,
    );
    const def = await this.latest(this.db, key);
    const stageKeys = def.definition.states.filter((s) => s.stage).map((s) => s.key);
    const atRisk = await this.db.query<AtRiskCaseDto>(
      `select c.id, c.reference, c.title, c.state, c.due_at as "dueAt", c.due_at < now() as overdue, c.subject_type as "subjectType", c.subject_id as "subjectId"
         from process_cases c join process_definitions d on d.id = c.definition_id
        where d.key = $1 and c.status = 'open' and c.state = any($2::text[]) and c.due_at < now() + make_interval(hours => $3::int)
        order by c.due_at limit 200`,
      [key, stageKeys.length ? stageKeys : def.definition.states.map((s) => s.key), Math.round(options.riskHours)],
    );
    const order = new Map(def.definition.states.map((s, i) => [s.key, i]));
    spans.sort((a, b) => (order.get(a.state) ?? 99) - (order.get(b.state) ?? 99));
    return {
      process: { key, nameZh: def.nameZh, nameEn: def.nameEn },
      states: spans.map((s) => {
        const d = def.definition.states.find((x) => x.key === s.state);
        return { ...s, nameZh: d?.nameZh ?? s.state, nameEn: d?.nameEn ?? s.state, stage: d?.stage ?? false, limitHours: d?.timeLimit?.hours ?? null };
      }),
      cases: perCase,
      atRisk,
    };
  }

  // ---- internals

  private async lockCase(tx: Queryable, id: number): Promise<CaseRow | undefined> {
    const [row] = await tx.query<CaseRow>(`select ${CASE_COLUMNS} from process_cases c where c.id = $1 for update`, [id]);
    return row;
  }

  private userTransitions(def: ProcessDefinition, state: string): TransitionDef[] {
    return def.transitions.filter((t) => t.from === state && t.trigger === 'user');
  }

  /** Records the step, enters the target state and lets the subject's module follow. */
  private async step(
    tx: Queryable,
    c: CaseRow,
    def: ProcessDefinition,
    transition: TransitionDef,
    step: { actorId: number | null; actorKind: 'user' | 'system' | 'customer'; comment: string | null; data: Record<string, unknown>; attachments: unknown[]; chosen?: Assignment },
  ) {
    const seq = c.seq + 1;
    await tx.query(
      `insert into process_steps (case_id, seq, transition, from_state, to_state, actor_id, actor_kind, comment, data, attachments) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [c.id, seq, transition.key, c.state, transition.to, step.actorId, step.actorKind, step.comment, JSON.stringify(step.data), JSON.stringify(step.attachments)],
    );
    // The new seq and values are written with the new state, in enter().
    const moved = { ...c, seq, vars: { ...c.vars, ...step.data } };
    await this.enter(tx, moved, def, transition.to, { actorId: step.actorId, chosen: step.chosen });
    const target = def.states.find((s) => s.key === transition.to)!;
    await this.hooks.get(c.subjectType)?.onStep(tx, { case: moved, transition, from: c.state, to: transition.to, final: target.final, actorId: step.actorId, data: step.data });
  }

  /** Puts the case in a state: who acts, its deadline and timers, its approvers. */
  private async enter(tx: Queryable, c: CaseRow, def: ProcessDefinition, stateKey: string, ctx: { actorId: number | null; chosen?: Assignment }) {
    const state = def.states.find((s) => s.key === stateKey)!;
    const none: Assignment = { userId: null, unitId: null, role: null };
    let assignment = none;
    if (state.actor) assignment = await this.resolve(tx, c, state.actor, ctx, stateKey);
    const dueAt = state.timeLimit ? new Date(Date.now() + state.timeLimit.hours * HOUR) : null;
    await tx.query(
      `update process_cases set state = $2, state_entered_at = now(), due_at = $3, assignee_user_id = $4, assignee_unit_id = $5, assignee_role = $6, escalated = false,
              assignments = case when $7::boolean then assignments || jsonb_build_object($2::text, $8::jsonb) else assignments end,
              status = $9, closed_at = case when $9 = 'closed' then now() end, seq = $10, vars = $11
        where id = $1`,
      [c.id, stateKey, dueAt, assignment.userId, assignment.unitId, assignment.role, !!state.actor, JSON.stringify(assignment), state.final ? 'closed' : 'open', c.seq, JSON.stringify(c.vars)],
    );
    // Timers of the state left behind will find the case moved on and fire as stale; drop them now.
    await tx.query(`update process_timers set fired_at = now(), outcome = 'stale' where case_id = $1 and fired_at is null`, [c.id]);
    if (state.timeLimit && dueAt) {
      await tx.query(`insert into process_timers (case_id, seq, kind, due_at) values ($1, $2, 'breach', $3)`, [c.id, c.seq, dueAt]);
      if (state.timeLimit.remindBeforeHours) {
        await tx.query(`insert into process_timers (case_id, seq, kind, due_at) values ($1, $2, 'remind', $3)`, [c.id, c.seq, new Date(dueAt.getTime() - state.timeLimit.remindBeforeHours * HOUR)]);
      }
    }
    const link = this.hooks.get(c.subjectType)?.link(c.subjectId) ?? null;
    const params = { reference: c.reference, title: c.title, state: state.nameZh, stateEn: state.nameEn };
    if (state.approval) {
      const approvers = (await this.usersOf(tx, await this.resolve(tx, c, state.approval.approvers, ctx))).filter((id) => id !== ctx.actorId);
      if (!approvers.length) throw new AppError('CONFLICT', 'PROCESS_NO_APPROVER', 'process.no_approver', { params: { state: state.key } });
      await tx.query(`insert into process_approvals (case_id, seq, state, user_id) select $1, $2, $3, u from unnest($4::bigint[]) as u`, [c.id, c.seq, state.key, approvers]);
      await this.notifications.notify(tx, approvers, 'notify.case_approval', params, link);
    } else if (assignment.userId && assignment.userId !== ctx.actorId) {
      await this.notifications.notify(tx, [assignment.userId], 'notify.case_assigned', params, link);
    }
  }

  /** Turns a state's actor spec into an assignment for this case. */
  private async resolve(tx: Queryable, c: CaseRow, spec: ActorSpec, ctx: { actorId: number | null; chosen?: Assignment }, stateKey = c.state): Promise<Assignment> {
    const user = (userId: number | null): Assignment => ({ userId, unitId: null, role: null });
    const fallback: Assignment = { userId: null, unitId: c.orgUnitId, role: null };
    switch (spec.kind) {
      case 'user':
        return user(spec.userId);
      case 'unit':
        return { userId: null, unitId: spec.unitId, role: null };
      case 'customer_manager':
        return c.ownerId ? user(c.ownerId) : fallback;
      case 'chosen':
        // Back in a state without a new choice (a rejected proposal): whoever had it before.
        return ctx.chosen ?? c.assignments[stateKey] ?? fallback;
      case 'same_as':
        return c.assignments[spec.state] ?? fallback;
      case 'superior': {
        const [row] = ctx.actorId ? await tx.query<{ managerId: number | null }>(`select manager_id as "managerId" from users where id = $1`, [ctx.actorId]) : [];
        return row?.managerId ? user(row.managerId) : this.resolve(tx, c, { kind: 'role', role: 'branch_manager', near: true }, ctx, stateKey);
      }
      case 'role': {
        if (!spec.near || !c.orgUnitId) return { userId: null, unitId: null, role: spec.role };
        // The closest unit, from the case's own up to the top, where someone holds the role.
        const [unit] = await tx.query<{ id: number }>(
          `select u.id from org_units u, org_units mine
            where mine.id = $1 and mine.path like u.path || '%'
              and exists (select 1 from users x join user_roles ur on ur.user_id = x.id join roles r on r.id = ur.role_id where x.org_unit_id = u.id and x.status = 'active' and r.key = $2)
            order by u.depth desc limit 1`,
          [c.orgUnitId, spec.role],
        );
        return { userId: null, unitId: unit?.id ?? null, role: spec.role };
      }
    }
  }

  /** The people an assignment names (for approvals and notices). */
  private async usersOf(tx: Queryable, a: Assignment): Promise<number[]> {
    if (a.userId) return [a.userId];
    if (!a.unitId && !a.role) return [];
    const params: unknown[] = [];
    const conditions = [`x.status = 'active'`];
    if (a.unitId) conditions.push(`x.org_unit_id = $${params.push(a.unitId)}`);
    if (a.role) conditions.push(`exists (select 1 from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = x.id and r.key = $${params.push(a.role)})`);
    const rows = await tx.query<{ id: number }>(`select x.id from users x where ${conditions.join(' and ')} order by x.id limit 200`, params);
    return rows.map((r) => r.id);
  }

  private assignedUsers(tx: Queryable, c: CaseRow): Promise<number[]> {
    return this.usersOf(tx, { userId: c.assigneeUserId, unitId: c.assigneeUnitId, role: c.assigneeRole });
  }

  private async checkAssignee(tx: Queryable, assignee: { userId: number } | { unitId: number }): Promise<Assignment> {
    if ('userId' in assignee) {
      const found = await tx.query(`select 1 from users where id = $1 and status = 'active'`, [assignee.userId]);
      if (!found.length) throw invalid([{ field: 'body.assignee.userId', message: 'process.unknown_assignee' }]);
      return { userId: assignee.userId, unitId: null, role: null };
    }
    const found = await tx.query(`select 1 from org_units where id = $1`, [assignee.unitId]);
    if (!found.length) throw invalid([{ field: 'body.assignee.unitId', message: 'process.unknown_assignee' }]);
    return { userId: null, unitId: assignee.unitId, role: null };
  }
}

function moved(c: CaseRow) {
  return new AppError('CONFLICT', 'PROCESS_CASE_MOVED', 'process.case_moved', { extra: { state: c.state, seq: c.seq } });
}

/** The step's form values, checked against the transition's form. */
function checkForm(transition: TransitionDef, input: StepInput): Record<string, unknown> {
  const problems: FieldError[] = [];
  const data: Record<string, unknown> = {};
  const given = input.data ?? {};
  for (const field of transition.form) {
    const raw = given[field.key];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    const empty = value === undefined || value === null || value === '';
    if (empty) {
      if (field.required) problems.push({ field: `body.data.${field.key}`, message: 'field.required' });
      continue;
    }
    if (field.type === 'text' && typeof value !== 'string') problems.push({ field: `body.data.${field.key}`, message: 'field.invalid' });
    else if (field.type === 'number' && typeof value !== 'number') problems.push({ field: `body.data.${field.key}`, message: 'field.invalid' });
    else if (field.type === 'score' && !(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5)) problems.push({ field: `body.data.${field.key}`, message: 'process.score_range' });
    else data[field.key] = value;
  }
  for (const key of Object.keys(given)) {
    if (!transition.form.some((f) => f.key === key)) problems.push({ field: `body.data.${key}`, message: 'process.unknown_form_field' });
  }
  if (transition.commentRequired && !input.comment?.trim()) problems.push({ field: 'body.comment', message: 'field.required' });
  if (problems.length) throw invalid(problems);
  return data;
}

