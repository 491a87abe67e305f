import { z } from 'zod';
import { ProcessDefinition, StateDef, TransitionDef } from './definition.ts';

// ---- responses (definitions are read back through ProcessDefinition, so their defaults are filled in)
const nullableString = z.string().nullable();
const CASE_STATUSES = ['open', 'closed'] as const;

export const InboxItem = z.object({
  id: z.number(),
  subjectType: z.string(),
  subjectId: z.number(),
  reference: z.string(),
  title: z.string(),
  definitionKey: z.string(),
  state: z.string(),
  stateNameZh: nullableString,
  stateNameEn: nullableString,
  seq: z.number(),
  stateEnteredAt: z.date(),
  dueAt: z.date().nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  assigneeUserId: z.number().nullable(),
  assigneeUnitId: z.number().nullable(),
  assigneeRole: nullableString,
});

export const ProcessSummaryDto = z.object({
  id: z.number(),
  key: z.string(),
  version: z.number(),
  nameZh: z.string(),
  nameEn: z.string(),
  createdAt: z.date(),
  openCases: z.number().describe('Open cases on any version of this process'),
});

/** One version of a process with its definition. */
export const ProcessVersionDto = z
  .object({
    id: z.number(),
    key: z.string(),
    version: z.number(),
    nameZh: z.string(),
    nameEn: z.string(),
    definition: ProcessDefinition,
  })
  .meta({ id: 'ProcessVersion' });

export const ProcessDetailDto = ProcessVersionDto.extend({
  versions: z
    .array(z.object({ id: z.number(), version: z.number(), createdAt: z.date(), createdByName: nullableString, cases: z.number().describe('Cases started on this version') }))
    .describe('Newest first'),
});

export const DefinitionCheckResult = z.object({
  problems: z.array(z.object({ field: z.string(), code: z.string().describe('Message key'), message: z.string().describe("In the reader's language") })),
});

export const AtRiskCaseDto = z.object({
  id: z.number(),
  reference: z.string(),
  title: z.string(),
  state: z.string(),
  dueAt: z.date().nullable(),
  overdue: z.boolean(),
  subjectType: z.string(),
  subjectId: z.number(),
});
export type AtRiskCaseDto = z.infer<typeof AtRiskCaseDto>;

export const StageReportDto = z.object({
  process: z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string() }),
  states: z.array(
    z.object({
      state: z.string(),
      visits: z.number().describe('Times a case entered the state'),
      medianHours: z.number().nullable(),
      p90Hours: z.number().nullable(),
      openNow: z.number(),
      nameZh: z.string(),
      nameEn: z.string(),
      stage: z.boolean(),
      limitHours: z.number().nullable(),
    }),
  ),
  cases: z
    .array(
      z.object({
        id: z.number(),
        reference: z.string(),
        title: z.string(),
        state: z.string(),
        status: z.string(),
        createdAt: z.date(),
        totalHours: z.number().describe('Hours from opening to closing, or to now'),
        subjectType: z.string(),
        subjectId: z.number(),
      }),
    )
    .describe('The latest 200 cases'),
  atRisk: z.array(AtRiskCaseDto).describe('Open cases in a key state whose deadline passed or falls within riskHours'),
});

const Assignment = z.object({ userId: z.number().nullable(), unitId: z.number().nullable(), role: nullableString });

export const CaseStepDto = z.object({
  seq: z.number(),
  transition: z.string().describe("The transition's key, or start, claim, escalate, reassign"),
  transitionNameZh: nullableString,
  transitionNameEn: nullableString,
  fromState: nullableString,
  toState: z.string(),
  actorId: z.number().nullable(),
  actorKind: z.string().describe('user, system or customer'),
  actorName: nullableString,
  comment: nullableString,
  data: z.record(z.string(), z.unknown()).describe("The step's form values"),
  attachments: z.array(z.object({ name: z.string(), url: z.string() })),
  at: z.date(),
});
export type CaseStepDto = z.infer<typeof CaseStepDto>;

export const CaseApprovalDto = z.object({
  userId: z.number(),
  userName: z.string(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  comment: nullableString,
  decidedAt: z.date().nullable(),
  seq: z.number(),
});
export type CaseApprovalDto = z.infer<typeof CaseApprovalDto>;

/** A case as one reader sees it: where it stands, its history, and what he may do now. */
export const CaseViewDto = z
  .object({
    id: z.number(),
    definitionId: z.number(),
    subjectType: z.string(),
    subjectId: z.number(),
    reference: z.string(),
    title: z.string(),
    orgUnitId: z.number().nullable(),
    ownerId: z.number().nullable(),
    state: z.string(),
    seq: z.number().describe('Steps taken so far; send it back as expectedSeq'),
    stateEnteredAt: z.date(),
    dueAt: z.date().nullable(),
    assigneeUserId: z.number().nullable(),
    assigneeUnitId: z.number().nullable(),
    assigneeRole: nullableString,
    escalated: z.boolean(),
    vars: z.record(z.string(), z.unknown()).describe("The case's values (the subject's and its steps' form values)"),
    assignments: z.record(z.string(), Assignment).describe('Who last acted for each state'),
    status: z.enum(CASE_STATUSES),
    process: z.object({ key: z.string(), version: z.number(), nameZh: z.string(), nameEn: z.string() }),
    stateDef: StateDef,
    states: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), final: z.boolean(), stage: z.boolean() })),
    assignee: Assignment.extend({ userName: nullableString, unitName: nullableString, unitNameEn: nullableString }),
    steps: z.array(CaseStepDto),
    approvals: z.array(CaseApprovalDto).describe('The approvers asked at the current step'),
    actions: z.object({
      transitions: z.array(TransitionDef.extend({ chooseAssignee: z.boolean().describe('The step must name who acts next (body.assignee)') })),
      decide: z.boolean(),
      claim: z.boolean(),
    }),
  })
  .meta({ id: 'ProcessCase' });
