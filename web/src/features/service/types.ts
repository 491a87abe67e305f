/** Shapes of the service desk's answers (tickets, their cases, the inbox, notifications); dates arrive as ISO strings. */

export const TICKET_TYPES = ['complaint', 'suggestion', 'request', 'inquiry'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const CHANNELS = ['counter', 'phone', 'email', 'web', 'api', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Ticket {
  id: number;
  number: string;
  type: TicketType;
  categoryId: number | null;
  categoryNameZh: string | null;
  categoryNameEn: string | null;
  priority: Priority;
  channel: Channel;
  customerId: number;
  customerName: string;
  customerCode: string | null;
  orgUnitId: number | null;
  holdingId: number | null;
  subject: string;
  description: string;
  departmentId: number | null;
  departmentNameZh: string | null;
  departmentNameEn: string | null;
  solution: string | null;
  resolution: string | null;
  serviceContent: string | null;
  serviceCharge: string | null;
  chargeCurrency: string | null;
  slaDueAt: string | null;
  slaBreached: boolean | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  satisfaction: number | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  caseId: number;
  state: string;
  seq: number;
  status: 'open' | 'closed';
  stateDueAt: string | null;
  assigneeUserId: number | null;
  assigneeName: string | null;
  assigneeUnitId: number | null;
  assigneeRole: string | null;
  escalated: boolean;
  stateNameZh: string | null;
  stateNameEn: string | null;
  processKey: string;
}

export interface TicketPage {
  items: Ticket[];
  nextCursor: string | null;
}

export interface FormField {
  key: string;
  type: 'text' | 'number' | 'score';
  required: boolean;
}

export interface TransitionAction {
  key: string;
  nameZh: string;
  nameEn: string;
  from: string;
  to: string;
  form: FormField[];
  commentRequired: boolean;
  chooseAssignee: boolean;
  effect?: string;
}

export interface CaseStep {
  seq: number;
  transition: string;
  transitionNameZh: string | null;
  transitionNameEn: string | null;
  fromState: string | null;
  toState: string;
  actorId: number | null;
  actorKind: string | null;
  actorName: string | null;
  comment: string | null;
  data: Record<string, unknown> | null;
  attachments: { name: string; url: string }[] | null;
  at: string;
}

export interface CaseApproval {
  userId: number;
  userName: string;
  decision: 'approved' | 'rejected' | null;
  comment: string | null;
  decidedAt: string | null;
  seq: number;
}

export interface CaseView {
  id: number;
  state: string;
  seq: number;
  status: 'open' | 'closed';
  dueAt: string | null;
  escalated: boolean;
  process: { key: string; version: number; nameZh: string; nameEn: string };
  stateDef: { key: string; nameZh: string; nameEn: string; final: boolean; approval?: unknown };
  states: { key: string; nameZh: string; nameEn: string; final: boolean; stage: boolean }[];
  assignee: { userId: number | null; unitId: number | null; role: string | null; userName: string | null; unitName: string | null; unitNameEn: string | null };
  steps: CaseStep[];
  approvals: CaseApproval[];
  actions: { transitions: TransitionAction[]; decide: boolean; claim: boolean };
}

export interface ReturnVisit {
  id: number;
  score: number;
  comment: string | null;
  via: 'staff' | 'link';
  recordedByName: string | null;
  at: string;
}

export interface Suggestion {
  id: number;
  titleZh: string;
  titleEn: string | null;
  score: number;
}

export interface Attachment {
  id: number;
  name: string;
  contentType: string;
  size: number;
  uploadedByName: string | null;
  uploadedAt: string;
}

/** The answer to an upload: the file as stored, without its uploader's name (the ticket's list has it). */
export type UploadedAttachment = Omit<Attachment, 'uploadedByName'>;

export interface TicketDetail {
  ticket: Ticket;
  case: CaseView;
  returnVisits: ReturnVisit[];
  suggestions: Suggestion[];
  attachments: Attachment[];
  actions: CaseView['actions'] & { returnVisit: boolean; edit: boolean };
}

export interface Category {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
}

export interface BoardColumn {
  key: string;
  nameZh: string;
  nameEn: string;
  count: number;
  tickets: Ticket[];
}

export interface ProcessSummary {
  id: number;
  key: string;
  version: number;
  nameZh: string;
  nameEn: string;
  openCases: number;
}

export interface InboxItem {
  id: number;
  subjectType: string;
  subjectId: number;
  reference: string;
  title: string;
  definitionKey: string;
  state: string;
  stateNameZh: string | null;
  stateNameEn: string | null;
  seq: number;
  stateEnteredAt: string;
  dueAt: string | null;
  overdue: boolean;
  escalated: boolean;
  assigneeUserId: number | null;
  assigneeUnitId: number | null;
  assigneeRole: string | null;
}

export interface NotificationItem {
  id: number;
  kind: string;
  text: string;
  params: Record<string, unknown>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  unread: number;
  items: NotificationItem[];
}

export interface VisitLink {
  token: string;
  path: string;
  expiresAt: string;
}

export interface PublicVisit {
  number: string;
  subject: string;
  used: boolean;
  expired: boolean;
}

export interface NewTicketBody {
  type: TicketType;
  customerId: number;
  subject: string;
  description?: string;
  categoryId?: number | null;
  priority?: Priority;
  channel: Channel;
  holdingId?: number | null;
  processKey?: string;
}

export interface StepBody {
  transition: string;
  expectedSeq: number;
  comment?: string | null;
  data?: Record<string, string | number | null>;
  assignee?: { userId: number } | { unitId: number };
}

/** The queue's filters, as they stand in the address and in a saved view. */
export const FILTER_KEYS = ['type', 'status', 'state', 'priority', 'channel', 'categoryId', 'overdue', 'mine', 'q', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
