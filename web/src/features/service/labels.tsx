import { useMemo } from 'react';
import { Badge, TextInput, Tooltip, TreeSelect, type BadgeProps, type TreeNodeData, type TreeSelectProps } from '@mantine/core';
import { IconAlarm, IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import type { Category, Ticket } from './types.ts';

/** A text the server gives in both languages, in the reader's. */
export function useBilingual() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (zh: string | null | undefined, english: string | null | undefined) => (en ? english || zh : zh || english) ?? '';
}

export function useServiceLabels() {
  const { t } = useTranslation();
  return {
    type: (value: string) => t(`service.type.${value}` as 'service.type.complaint', { defaultValue: value }),
    channel: (value: string) => t(`service.channel.${value}` as 'service.channel.counter', { defaultValue: value }),
    priority: (value: string) => t(`service.priority.${value}` as 'service.priority.normal', { defaultValue: value }),
    /** A step's form field: the ones of the default processes are named, others show their key. */
    field: (key: string) => t(`service.field.${key}` as 'service.field.solution', { defaultValue: key }),
  };
}

const PRIORITY_COLORS: Record<string, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };
const TYPE_COLORS: Record<string, string> = { complaint: 'red', suggestion: 'grape', request: 'cyan', inquiry: 'gray' };

export function PriorityBadge({ priority, ...props }: { priority: string } & BadgeProps) {
  const labels = useServiceLabels();
  return (
    <Badge color={PRIORITY_COLORS[priority] ?? 'gray'} variant={priority === 'urgent' ? 'filled' : 'light'} miw="max-content" data-testid="ticket-priority" data-priority={priority} {...props}>
      {labels.priority(priority)}
    </Badge>
  );
}

export function TypeBadge({ type, ...props }: { type: string } & BadgeProps) {
  const labels = useServiceLabels();
  return (
    <Badge color={TYPE_COLORS[type] ?? 'gray'} variant="outline" miw="max-content" data-testid="ticket-type" data-type={type} {...props}>
      {labels.type(type)}
    </Badge>
  );
}

export function StateBadge({ ticket, ...props }: { ticket: Pick<Ticket, 'state' | 'status' | 'stateNameZh' | 'stateNameEn'> } & BadgeProps) {
  const bilingual = useBilingual();
  return (
    <Badge color={ticket.status === 'closed' ? 'gray' : 'indigo'} variant="light" miw="max-content" data-testid="ticket-state" data-state={ticket.state} {...props}>
      {bilingual(ticket.stateNameZh, ticket.stateNameEn) || ticket.state}
    </Badge>
  );
}

/** Whether an open ticket missed its service level or its current step's deadline. */
export function isOverdue(ticket: Pick<Ticket, 'status' | 'slaDueAt' | 'stateDueAt'>, now = Date.now()): boolean {
  if (ticket.status !== 'open') return false;
  return [ticket.slaDueAt, ticket.stateDueAt].some((due) => due !== null && new Date(due).getTime() < now);
}

/** The service-level due time: red once passed, orange within the last quarter day. */
export function SlaBadge({ ticket, size = 'sm' }: { ticket: Pick<Ticket, 'status' | 'slaDueAt' | 'stateDueAt' | 'slaBreached' | 'resolvedAt'>; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!ticket.slaDueAt) return null;
  const due = new Date(ticket.slaDueAt).getTime();
  const open = ticket.status === 'open' && !ticket.resolvedAt;
  const breached = open ? due < Date.now() : Boolean(ticket.slaBreached);
  const soon = open && !breached && due - Date.now() < 6 * 3_600_000;
  const stepLate = ticket.status === 'open' && ticket.stateDueAt !== null && new Date(ticket.stateDueAt).getTime() < Date.now();
  const label = breached ? t('service.sla.breached') : soon ? t('service.sla.dueSoon') : t('service.sla.due');
  return (
    <Tooltip label={`${label}: ${format.dateTime(ticket.slaDueAt)}${stepLate ? ` · ${t('service.sla.stepLate')}` : ''}`} withArrow>
      <Badge
        size={size}
        color={breached ? 'red' : soon || stepLate ? 'orange' : 'gray'}
        variant={breached ? 'filled' : 'light'}
        leftSection={breached || stepLate ? <IconClockExclamation size={12} /> : <IconAlarm size={12} />}
        miw="max-content"
        tabIndex={0}
        data-testid="ticket-sla"
        data-breached={breached}
      >
        {open ? t(breached ? 'service.sla.lateBy' : 'service.sla.dueIn', { time: format.relative(ticket.slaDueAt) }) : breached ? t('service.sla.breached') : t('service.sla.met')}
      </Badge>
    </Tooltip>
  );
}

export function categoryTree(categories: Category[], locale: string, activeOnly: boolean): TreeNodeData[] {
  const shown = categories.filter((c) => !activeOnly || c.active);
  const label = (c: Category) => (locale === 'en' ? c.nameEn || c.nameZh : c.nameZh);
  const nodes = new Map<number, TreeNodeData & { children: TreeNodeData[] }>();
  for (const c of shown) nodes.set(c.id, { value: String(c.id), label: label(c), children: [] });
  const roots: TreeNodeData[] = [];
  for (const c of shown) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const prune = (node: TreeNodeData): TreeNodeData => (node.children?.length ? { ...node, children: node.children.map(prune) } : { value: node.value, label: node.label });
  return roots.map(prune);
}

/** Picks a ticket category from its tree (a parent includes its subcategories when filtering). */
export function CategorySelect({
  categories,
  value,
  onChange,
  activeOnly = true,
  ...props
}: { categories: Category[] | undefined; value: string | null; onChange: (value: string | null) => void; activeOnly?: boolean } & Omit<TreeSelectProps, 'data' | 'value' | 'onChange'>) {
  const { t, i18n } = useTranslation();
  const data = useMemo(() => categoryTree(categories ?? [], i18n.language, activeOnly), [categories, i18n.language, activeOnly]);
  if (!categories) return <TextInput label={props.label} placeholder={t('common.loading')} disabled w={props.w} />;
  return (
    <TreeSelect
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      searchable
      clearable
      nothingFoundMessage={t('common.nothingFound')}
      chevronAriaLabels={{ expand: t('common.expand'), collapse: t('common.collapse') }}
      {...props}
    />
  );
}
