import type { ActorSpec, ProcessBody, ProcessDefinition, StateDef, TransitionDef } from './types.ts';

/** A deep copy, so the form never edits the cached answer. */
export const clone = <T>(value: T): T => structuredClone(value);

export function newState(n: number): StateDef {
  return { key: `state_${n}`, nameZh: '', nameEn: '', actor: { kind: 'chosen' }, stage: false, final: false };
}

export function newTransition(from: string, to: string, n: number): TransitionDef {
  return { key: `step_${n}`, nameZh: '', nameEn: '', from, to, trigger: 'user', guards: [], form: [], commentRequired: false };
}

/** A guard's value as typed: numbers and true/false become what they say, anything else stays text. */
export function guardValue(text: string): string | number | boolean {
  if (/^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

const blank = (v: unknown) => v === '' || v === null || v === undefined;

function cleanActor(a: ActorSpec): ActorSpec {
  // Only the parameters of the chosen kind go to the server (it refuses others).
  switch (a.kind) {
    case 'role':
      return { kind: a.kind, role: a.role, near: a.near };
    case 'unit':
      return { kind: a.kind, unitId: a.unitId };
    case 'user':
      return { kind: a.kind, userId: a.userId };
    case 'same_as':
      return { kind: a.kind, state: a.state };
    default:
      return { kind: a.kind };
  }
}

/** What the form holds, as the server takes it: optional parts left out when empty, end states without actors. */
export function toBody(values: ProcessBody): ProcessBody {
  const def: ProcessDefinition = {
    initial: values.definition.initial,
    states: values.definition.states.map((s) => {
      const out: StateDef = { key: s.key.trim(), nameZh: s.nameZh, nameEn: s.nameEn, stage: s.stage, final: s.final };
      if (s.final) return out;
      if (s.actor) out.actor = cleanActor(s.actor);
      if (s.timeLimit) {
        out.timeLimit = { hours: s.timeLimit.hours, onBreach: s.timeLimit.onBreach };
        if (!blank(s.timeLimit.remindBeforeHours)) out.timeLimit.remindBeforeHours = s.timeLimit.remindBeforeHours;
        if (s.timeLimit.onBreach === 'reassign' && s.timeLimit.reassignTo) out.timeLimit.reassignTo = cleanActor(s.timeLimit.reassignTo);
      }
      if (s.approval) out.approval = { approvers: cleanActor(s.approval.approvers), mode: s.approval.mode };
      return out;
    }),
    transitions: values.definition.transitions.map((t) => {
      const out: TransitionDef = {
        key: t.key.trim(),
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        from: t.from,
        to: t.to,
        trigger: t.trigger,
        guards: t.guards.map((g) => (g.op === 'present' || g.op === 'absent' || blank(g.value) ? { var: g.var, op: g.op } : { var: g.var, op: g.op, value: g.value })),
        form: t.form,
        commentRequired: t.commentRequired,
      };
      if (t.trigger === 'signal') out.signal = t.signal ?? '';
      if (t.effect) out.effect = t.effect;
      return out;
    }),
  };
  return { nameZh: values.nameZh, nameEn: values.nameEn, definition: def };
}

/** A state renamed: the start, the transitions and 'same as' actors follow it. */
export function renameState(def: ProcessDefinition, from: string, to: string): ProcessDefinition {
  const follow = (a: ActorSpec | undefined) => (a?.kind === 'same_as' && a.state === from ? { ...a, state: to } : a);
  return {
    initial: def.initial === from ? to : def.initial,
    states: def.states.map((s) => ({
      ...s,
      key: s.key === from ? to : s.key,
      actor: follow(s.actor),
      ...(s.timeLimit ? { timeLimit: { ...s.timeLimit, reassignTo: follow(s.timeLimit.reassignTo) } } : {}),
      ...(s.approval ? { approval: { ...s.approval, approvers: follow(s.approval.approvers)! } } : {}),
    })),
    transitions: def.transitions.map((t) => ({ ...t, from: t.from === from ? to : t.from, to: t.to === from ? to : t.to })),
  };
}

/** Server paths (body.definition.states.3.key) as form paths (definition.states.3.key), every message kept. */
export function problemsByPath(problems: { field: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const path = p.field.replace(/^body\.?/, '');
    out[path] = out[path] && out[path] !== p.message ? `${out[path]} · ${p.message}` : p.message;
  }
  return out;
}
