/** Mirrors server/modules/process/definition.ts: the shape a process definition is saved in. */
export const ACTOR_KINDS = ['role', 'unit', 'user', 'customer_manager', 'superior', 'chosen', 'same_as'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export type ActorSpec =
  | { kind: 'role'; role: string; near: boolean }
  | { kind: 'unit'; unitId: number | '' }
  | { kind: 'user'; userId: number | '' }
  | { kind: 'customer_manager' }
  | { kind: 'superior' }
  | { kind: 'chosen' }
  | { kind: 'same_as'; state: string };

export const ON_BREACH = ['remind', 'escalate', 'reassign'] as const;
export const APPROVAL_MODES = ['any', 'all'] as const;
export const TRIGGERS = ['user', 'approved', 'rejected', 'timeout', 'signal'] as const;
export const GUARD_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'present', 'absent'] as const;
export const FIELD_TYPES = ['text', 'number', 'score'] as const;
export const EFFECTS = ['first_response', 'resolve', 'reopen', 'close'] as const;

export interface StateDef {
  key: string;
  nameZh: string;
  nameEn: string;
  actor?: ActorSpec;
  stage: boolean;
  final: boolean;
  timeLimit?: { hours: number | ''; remindBeforeHours?: number | ''; onBreach: (typeof ON_BREACH)[number]; reassignTo?: ActorSpec };
  approval?: { approvers: ActorSpec; mode: (typeof APPROVAL_MODES)[number] };
}

export interface Guard {
  var: string;
  op: (typeof GUARD_OPS)[number];
  value?: string | number | boolean;
}

export interface FormField {
  key: string;
  type: (typeof FIELD_TYPES)[number];
  required: boolean;
}

export interface TransitionDef {
  key: string;
  nameZh: string;
  nameEn: string;
  from: string;
  to: string;
  trigger: (typeof TRIGGERS)[number];
  signal?: string;
  guards: Guard[];
  form: FormField[];
  commentRequired: boolean;
  effect?: (typeof EFFECTS)[number];
}

export interface ProcessDefinition {
  initial: string;
  states: StateDef[];
  transitions: TransitionDef[];
}

export interface ProcessVersion {
  id: number;
  version: number;
  createdAt: string;
  createdByName: string | null;
  cases: number;
}

/** GET /process/definitions/:key: the latest version and the list of all of them. */
export interface ProcessDetail {
  id: number;
  key: string;
  version: number;
  nameZh: string;
  nameEn: string;
  definition: ProcessDefinition;
  versions: ProcessVersion[];
}

export interface ProcessBody {
  nameZh: string;
  nameEn: string;
  definition: ProcessDefinition;
}

export interface CheckProblem {
  field: string;
  code?: string;
  message: string;
}

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];
