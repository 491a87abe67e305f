import { z } from 'zod';
import type { FieldError } from '#platform/errors.ts';

/**
 * Who acts at a state (or approves in it):
 * - role: anyone holding the role; `near` limits it to the closest unit, from the case's own unit
 *   up to the head office, that has such a person (the branch's manager, not every manager);
 * - unit: anyone in a named org unit (a department);
 * - user: one named user;
 * - customer_manager: the manager of the customer (the case's owner);
 * - superior: the superior (users.manager_id) of whoever moved the case into the state;
 * - chosen: whoever the person taking the transition names (a unit or a user);
 * - same_as: whoever last acted for another state (e.g. back to the handling department).
 */
export const ActorSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('role'), role: z.string().min(1), near: z.boolean().default(false) }),
  z.strictObject({ kind: z.literal('unit'), unitId: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('user'), userId: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('customer_manager') }),
  z.strictObject({ kind: z.literal('superior') }),
  z.strictObject({ kind: z.literal('chosen') }),
  z.strictObject({ kind: z.literal('same_as'), state: z.string().min(1) }),
]);
export type ActorSpec = z.infer<typeof ActorSpec>;

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
const Names = { nameZh: z.string().trim().min(1).max(100), nameEn: z.string().trim().min(1).max(100) };

export const StateDef = z.strictObject({
  key,
  ...Names,
  /** Who acts here; none on a final state. */
  actor: ActorSpec.optional(),
  /** A key node of a multi-stage process: reported on, and watched for cases at risk. */
  stage: z.boolean().default(false),
  final: z.boolean().default(false),
  /** How long a case may stay here, and what happens when that passes. */
  timeLimit: z
    .strictObject({
      hours: z.number().positive().max(24 * 365),
      remindBeforeHours: z.number().positive().optional(),
      onBreach: z.enum(['remind', 'escalate', 'reassign']).default('escalate'),
      reassignTo: ActorSpec.optional(),
    })
    .optional(),
  /** An approval: the case leaves by the transition triggered 'approved' or 'rejected'. */
  approval: z.strictObject({ approvers: ActorSpec, mode: z.enum(['any', 'all']).default('any') }).optional(),
});
export type StateDef = z.infer<typeof StateDef>;

export const Guard = z.strictObject({
  var: z.string().min(1),
  op: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'present', 'absent']),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
export type Guard = z.infer<typeof Guard>;

export const FormField = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/),
  type: z.enum(['text', 'number', 'score']).default('text'),
  required: z.boolean().default(false),
});
export type FormField = z.infer<typeof FormField>;

export const TransitionDef = z.strictObject({
  key,
  ...Names,
  from: z.string().min(1),
  to: z.string().min(1),
  /** 'user': someone acting at the state takes it; otherwise the engine does, on that signal. */
  trigger: z.enum(['user', 'approved', 'rejected', 'timeout', 'signal']).default('user'),
  /** For trigger 'signal': which signal (e.g. 'visit_recorded'). */
  signal: z.string().optional(),
  /** All must hold over the case's values (after this step's form) for the transition to be allowed. */
  guards: z.array(Guard).max(10).default([]),
  form: z.array(FormField).max(20).default([]),
  commentRequired: z.boolean().default(false),
  /** Marks the subject resolved, reopened … (the subject's module decides what that means). */
  effect: z.enum(['first_response', 'resolve', 'reopen', 'close']).optional(),
});
export type TransitionDef = z.infer<typeof TransitionDef>;

export const ProcessDefinition = z.strictObject({
  initial: z.string().min(1),
  states: z.array(StateDef).min(2).max(60),
  transitions: z.array(TransitionDef).min(1).max(200),
});
export type ProcessDefinition = z.infer<typeof ProcessDefinition>;

/**
 * What makes a definition unusable although its shape is right: unknown states, unreachable
 * states, no end, a state with no way out, approvals without both outcomes. Empty: usable.
 */
export function definitionProblems(def: ProcessDefinition, at = 'body.definition'): FieldError[] {
  const problems: FieldError[] = [];
  const states = new Map(def.states.map((s) => [s.key, s]));
  def.states.forEach((s, i) => {
    if (def.states.findIndex((o) => o.key === s.key) !== i) problems.push({ field: `${at}.states.${i}.key`, message: 'process.def.duplicate_state', params: { state: s.key } });
    if (!s.final && !s.actor && !s.approval) problems.push({ field: `${at}.states.${i}.actor`, message: 'process.def.no_actor', params: { state: s.key } });
    if (s.final && (s.approval || s.timeLimit)) problems.push({ field: `${at}.states.${i}`, message: 'process.def.final_state_acts', params: { state: s.key } });
    if (s.actor?.kind === 'same_as' && !states.has(s.actor.state)) problems.push({ field: `${at}.states.${i}.actor.state`, message: 'process.def.unknown_state', params: { state: s.actor.state } });
    if (s.timeLimit?.onBreach === 'reassign' && !s.timeLimit.reassignTo) problems.push({ field: `${at}.states.${i}.timeLimit.reassignTo`, message: 'field.required' });
    if (s.timeLimit?.remindBeforeHours && s.timeLimit.remindBeforeHours >= s.timeLimit.hours) problems.push({ field: `${at}.states.${i}.timeLimit.remindBeforeHours`, message: 'process.def.remind_after_deadline' });
    if (s.approval) {
      for (const outcome of ['approved', 'rejected'] as const) {
        if (!def.transitions.some((t) => t.from === s.key && t.trigger === outcome)) problems.push({ field: `${at}.states.${i}.approval`, message: 'process.def.approval_outcome', params: { state: s.key, outcome } });
      }
    }
  });
  if (!states.has(def.initial)) problems.push({ field: `${at}.initial`, message: 'process.def.unknown_state', params: { state: def.initial } });
  else if (states.get(def.initial)!.final) problems.push({ field: `${at}.initial`, message: 'process.def.initial_final' });
  def.transitions.forEach((t, i) => {
    if (def.transitions.findIndex((o) => o.key === t.key && o.from === t.from) !== i) problems.push({ field: `${at}.transitions.${i}.key`, message: 'process.def.duplicate_transition', params: { transition: t.key } });
    for (const end of ['from', 'to'] as const) {
      if (!states.has(t[end])) problems.push({ field: `${at}.transitions.${i}.${end}`, message: 'process.def.unknown_state', params: { state: t[end] } });
    }
    if (states.get(t.from)?.final) problems.push({ field: `${at}.transitions.${i}.from`, message: 'process.def.leaves_final', params: { state: t.from } });
    if (t.trigger === 'signal' && !t.signal) problems.push({ field: `${at}.transitions.${i}.signal`, message: 'field.required' });
    if ((t.trigger === 'approved' || t.trigger === 'rejected') && !states.get(t.from)?.approval) problems.push({ field: `${at}.transitions.${i}.trigger`, message: 'process.def.not_approval', params: { state: t.from } });
  });
  if (problems.length) return problems;

  // Every state reachable from the start, and an end reachable from every state.
  const forward = reach([def.initial], (s) => def.transitions.filter((t) => t.from === s).map((t) => t.to));
  const finals = def.states.filter((s) => s.final).map((s) => s.key);
  if (!finals.length) problems.push({ field: `${at}.states`, message: 'process.def.no_end' });
  const backward = reach(finals, (s) => def.transitions.filter((t) => t.to === s).map((t) => t.from));
  def.states.forEach((s, i) => {
    if (!forward.has(s.key)) problems.push({ field: `${at}.states.${i}`, message: 'process.def.unreachable', params: { state: s.key } });
    else if (finals.length && !backward.has(s.key)) problems.push({ field: `${at}.states.${i}`, message: 'process.def.dead_end', params: { state: s.key } });
  });
  return problems;
}

function reach(start: string[], next: (state: string) => string[]): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length) {
    for (const n of next(queue.pop()!)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

/** Whether every guard holds over the case's values. */
export function guardsHold(guards: Guard[], vars: Record<string, unknown>): boolean {
  return guards.every((g) => {
    const v = vars[g.var];
    switch (g.op) {
      case 'present':
        return v !== undefined && v !== null && v !== '';
      case 'absent':
        return v === undefined || v === null || v === '';
      case 'eq':
        return v === g.value;
      case 'ne':
        return v !== g.value;
      default: {
        if (typeof v !== 'number' || typeof g.value !== 'number') return false;
        return g.op === 'lt' ? v < g.value : g.op === 'lte' ? v <= g.value : g.op === 'gt' ? v > g.value : v >= g.value;
      }
    }
  });
}
