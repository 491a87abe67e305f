import type { ProcessDefinition } from '#modules/process/definition.ts';

type Seed = { key: string; nameZh: string; nameEn: string; definition: ProcessDefinition };

const serviceDesk = { kind: 'role', role: 'service_agent', near: true } as const;
const s = (key: string, nameZh: string, nameEn: string, rest: Partial<ProcessDefinition['states'][number]> = {}) => ({ key, nameZh, nameEn, stage: false, final: false, ...rest });
const t = (key: string, nameZh: string, nameEn: string, from: string, to: string, rest: Partial<ProcessDefinition['transitions'][number]> = {}) => ({
  key,
  nameZh,
  nameEn,
  from,
  to,
  trigger: 'user' as const,
  guards: [],
  form: [],
  commentRequired: false,
  ...rest,
});

/**
 * The complaint process every installation starts with (admins may edit it, which saves a new
 * version): received → triage (判定) → the responsible department → its proposed solution →
 * leader approval (领导批示) → resolution → return visit (回访) → closed; a customer who is not
 * satisfied reopens it to the department.
 */
export const COMPLAINT_PROCESS: Seed = {
  key: 'complaint',
  nameZh: '投诉处理流程',
  nameEn: 'Complaint handling',
  definition: {
    initial: 'received',
    states: [
      s('received', '已受理', 'Received', { actor: serviceDesk, timeLimit: { hours: 4, remindBeforeHours: 1, onBreach: 'escalate' } }),
      s('triage', '判定', 'Triage', { actor: serviceDesk, timeLimit: { hours: 24, onBreach: 'escalate' } }),
      s('handling', '责任部门处理', 'With the department', { actor: { kind: 'chosen' }, stage: true, timeLimit: { hours: 72, remindBeforeHours: 12, onBreach: 'escalate' } }),
      s('approval', '领导批示', 'Leader approval', { approval: { approvers: { kind: 'role', role: 'branch_manager', near: true }, mode: 'any' }, stage: true, timeLimit: { hours: 24, onBreach: 'remind' } }),
      s('resolution', '处理落实', 'Resolution', { actor: { kind: 'same_as', state: 'handling' }, stage: true, timeLimit: { hours: 72, onBreach: 'escalate' } }),
      s('return_visit', '回访', 'Return visit', { actor: serviceDesk, stage: true, timeLimit: { hours: 48, onBreach: 'remind' } }),
      s('closed', '已结案', 'Closed', { final: true }),
    ],
    transitions: [
      t('accept', '受理确认', 'Accept', 'received', 'triage', { effect: 'first_response' }),
      t('assign', '判定并派发', 'Assign to a department', 'triage', 'handling', { form: [{ key: 'finding', type: 'text', required: true }], effect: 'first_response' }),
      t('dismiss', '不予受理并结案', 'Dismiss and close', 'triage', 'closed', { commentRequired: true, effect: 'close' }),
      t('propose', '提交处理方案', 'Propose a solution', 'handling', 'approval', { form: [{ key: 'solution', type: 'text', required: true }] }),
      t('return', '退回判定', 'Send back to triage', 'handling', 'triage', { commentRequired: true }),
      t('approve', '批准', 'Approved', 'approval', 'resolution', { trigger: 'approved' }),
      t('reject', '驳回', 'Rejected', 'approval', 'handling', { trigger: 'rejected' }),
      t('resolve', '处理完毕', 'Resolved', 'resolution', 'return_visit', { form: [{ key: 'resolution', type: 'text', required: true }], effect: 'resolve' }),
      t('satisfied', '回访满意，结案', 'Satisfied: close', 'return_visit', 'closed', { trigger: 'signal', signal: 'visit_recorded', guards: [{ var: 'satisfaction', op: 'gte', value: 3 }], effect: 'close' }),
      t('unsatisfied', '回访不满意，重新处理', 'Not satisfied: reopen', 'return_visit', 'handling', { trigger: 'signal', signal: 'visit_recorded', guards: [{ var: 'satisfaction', op: 'lt', value: 3 }], effect: 'reopen' }),
      t('close_unreached', '无法联系，结案', 'Customer unreachable: close', 'return_visit', 'closed', { commentRequired: true, effect: 'close' }),
    ],
  },
};

/** Requests, suggestions and inquiries: answered by the service desk, then a return visit. */
export const SERVICE_PROCESS: Seed = {
  key: 'service',
  nameZh: '服务请求流程',
  nameEn: 'Service request',
  definition: {
    initial: 'received',
    states: [
      s('received', '已受理', 'Received', { actor: serviceDesk, timeLimit: { hours: 8, onBreach: 'escalate' } }),
      s('in_progress', '处理中', 'In progress', { actor: { kind: 'chosen' }, timeLimit: { hours: 72, remindBeforeHours: 12, onBreach: 'escalate' } }),
      s('return_visit', '回访', 'Return visit', { actor: serviceDesk, timeLimit: { hours: 48, onBreach: 'remind' } }),
      s('closed', '已结案', 'Closed', { final: true }),
    ],
    transitions: [
      t('assign', '派发处理', 'Assign', 'received', 'in_progress', { effect: 'first_response' }),
      t('answer', '直接答复', 'Answer now', 'received', 'return_visit', { form: [{ key: 'resolution', type: 'text', required: true }], effect: 'resolve' }),
      t('resolve', '处理完毕', 'Resolved', 'in_progress', 'return_visit', { form: [{ key: 'resolution', type: 'text', required: true }], effect: 'resolve' }),
      t('satisfied', '回访满意，结案', 'Satisfied: close', 'return_visit', 'closed', { trigger: 'signal', signal: 'visit_recorded', guards: [{ var: 'satisfaction', op: 'gte', value: 3 }], effect: 'close' }),
      t('unsatisfied', '回访不满意，重新处理', 'Not satisfied: reopen', 'return_visit', 'in_progress', { trigger: 'signal', signal: 'visit_recorded', guards: [{ var: 'satisfaction', op: 'lt', value: 3 }], effect: 'reopen' }),
      t('close', '结案', 'Close', 'return_visit', 'closed', { commentRequired: true, effect: 'close' }),
    ],
  },
};

/**
 * A multi-stage application, e.g. a utility's hook-up: each stage a key node with its deadline;
 * the stage report shows time spent per stage and the cases at risk of missing one.
 */
export const HOOKUP_PROCESS: Seed = {
  key: 'hookup',
  nameZh: '业扩报装流程',
  nameEn: 'Connection application',
  definition: {
    initial: 'application',
    states: [
      s('application', '申请受理', 'Application', { actor: serviceDesk, stage: true, timeLimit: { hours: 24, onBreach: 'escalate' } }),
      s('survey', '现场勘查', 'Site survey', { actor: { kind: 'chosen' }, stage: true, timeLimit: { hours: 72, remindBeforeHours: 24, onBreach: 'escalate' } }),
      s('design', '设计审查', 'Design review', { actor: { kind: 'same_as', state: 'survey' }, stage: true, timeLimit: { hours: 120, remindBeforeHours: 24, onBreach: 'escalate' } }),
      s('construction', '工程施工', 'Construction', { actor: { kind: 'same_as', state: 'survey' }, stage: true, timeLimit: { hours: 240, remindBeforeHours: 48, onBreach: 'escalate' } }),
      s('inspection', '竣工检验', 'Inspection', { actor: { kind: 'same_as', state: 'survey' }, stage: true, timeLimit: { hours: 72, remindBeforeHours: 24, onBreach: 'escalate' } }),
      s('power_on', '装表送电', 'Power on', { actor: { kind: 'same_as', state: 'survey' }, stage: true, timeLimit: { hours: 48, remindBeforeHours: 12, onBreach: 'escalate' } }),
      s('return_visit', '回访', 'Return visit', { actor: serviceDesk, timeLimit: { hours: 48, onBreach: 'remind' } }),
      s('closed', '已结案', 'Closed', { final: true }),
    ],
    transitions: [
      t('accept', '受理并派发勘查', 'Accept and send to survey', 'application', 'survey', { effect: 'first_response' }),
      t('reject', '不予受理', 'Reject the application', 'application', 'closed', { commentRequired: true, effect: 'close' }),
      t('surveyed', '勘查完成', 'Survey done', 'survey', 'design', { form: [{ key: 'surveyReport', type: 'text', required: true }] }),
      t('design_approved', '设计审查通过', 'Design approved', 'design', 'construction'),
      t('design_rework', '设计退回', 'Design sent back', 'design', 'survey', { commentRequired: true }),
      t('built', '施工完成', 'Construction done', 'construction', 'inspection'),
      t('inspected', '检验合格', 'Inspection passed', 'inspection', 'power_on'),
      t('inspection_failed', '检验不合格', 'Inspection failed', 'inspection', 'construction', { commentRequired: true }),
      t('powered', '已送电', 'Powered on', 'power_on', 'return_visit', { effect: 'resolve' }),
      t('satisfied', '回访满意，结案', 'Satisfied: close', 'return_visit', 'closed', { trigger: 'signal', signal: 'visit_recorded', guards: [{ var: 'satisfaction', op: 'gte', value: 3 }], effect: 'close' }),
      t('unsatisfied', '回访不满意，重新处理', 'Not satisfied: reopen', 'return_visit', 'power_on', { trigger: 'signal', signal: 'visit_recorded', guards: [{ var: 'satisfaction', op: 'lt', value: 3 }], effect: 'reopen' }),
      t('close', '结案', 'Close', 'return_visit', 'closed', { commentRequired: true, effect: 'close' }),
    ],
  },
};

export const DEFAULT_PROCESSES: Seed[] = [COMPLAINT_PROCESS, SERVICE_PROCESS, HOOKUP_PROCESS];

/** Which process a ticket type starts, unless the ticket names one. */
export const PROCESS_OF_TYPE: Record<string, string> = { complaint: 'complaint', suggestion: 'service', request: 'service', inquiry: 'service' };

/** The category tree every installation starts with: [code, zh, en, parent code]. */
export const DEFAULT_CATEGORIES: [string, string, string, string | null][] = [
  ['service', '服务质量', 'Service quality', null],
  ['service.attitude', '服务态度', 'Staff attitude', 'service'],
  ['service.waiting', '排队等候', 'Waiting time', 'service'],
  ['product', '产品与收费', 'Products and fees', null],
  ['product.fees', '收费争议', 'Fee disputes', 'product'],
  ['product.terms', '产品条款', 'Product terms', 'product'],
  ['channel', '渠道与系统', 'Channels and systems', null],
  ['channel.app', '手机银行/APP', 'Mobile app', 'channel'],
  ['channel.atm', '自助设备', 'Self-service machines', 'channel'],
  ['account', '账户与交易', 'Accounts and transactions', null],
  ['account.card', '银行卡', 'Cards', 'account'],
  ['account.fraud', '可疑交易/盗刷', 'Suspicious transactions', 'account'],
  ['other', '其他', 'Other', null],
];
