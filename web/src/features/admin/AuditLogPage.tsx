import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Code,
  Collapse,
  DataList,
  Drawer,
  EmptyState,
  Group,
  LoadingOverlay,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAdjustments, IconEye, IconFileSearch, IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dayParam, useAddressFilter } from '../../lib/address-filter.ts';
import { useFormat, type Formatters } from '../../lib/format.ts';
import type { AuditEntry, AuditFilter, CustomField } from '../../lib/types.ts';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { DayInput } from '../../app/DayInput.tsx';
import { UserSelect } from '../customers/UserSelect.tsx';
import { useAuditLog, useCustomFieldDefinitions } from './queries-data.ts';

const ENTITIES = [
  'customer',
  'contact',
  'activity',
  'transaction',
  'receivable',
  'credit_adjustment',
  'credit_limit',
  'ticket',
  'ticket_category',
  'kb_article',
  'tag',
  'tag_category',
  'segment',
  'import_run',
  'import_source',
  'user',
  'role',
  'org_unit',
  'custom_field',
  'process_definition',
  'api_token',
  'setting',
  'exchange_rate',
  'backup',
] as const;
const ACTIONS = [
  'create',
  'update',
  'delete',
  'restore',
  'merge',
  'merge_undo',
  'transfer',
  'export',
  'download',
  'revoke',
  'login',
  'logout',
  'password_change',
  'password_reset',
] as const;
const ACTION_COLORS: Record<string, string> = { create: 'teal', update: 'blue', delete: 'red', revoke: 'red', restore: 'grape', merge: 'violet', merge_undo: 'violet', transfer: 'indigo' };
/** Bookkeeping columns that change with every write; left out of the row summary. */
const NOISE = new Set(['updatedAt', 'version']);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

// ---- the before/after diff ----

export type ChangeKind = 'added' | 'removed' | 'changed';
export interface Change {
  path: string[];
  kind: ChangeKind;
  before: unknown;
  after: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** No value: missing, null, blank, or an empty list or object. */
const isEmptyValue = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);

/** Leaves of a record by path: nested objects and arrays of objects are opened, other arrays kept whole. */
function leaves(value: unknown, path: string[], out: Map<string, { path: string[]; value: unknown }>) {
  const nested = isPlainObject(value) ? Object.entries(value) : Array.isArray(value) && value.some((v) => isPlainObject(v) || Array.isArray(v)) ? value.map((v, i) => [String(i), v] as const) : null;
  if (nested && nested.length > 0) {
    for (const [key, child] of nested) leaves(child, [...path, key], out);
    return;
  }
  if (path.length === 0 && (value === null || value === undefined)) return;
  out.set(JSON.stringify(path), { path, value });
}

/** The fields that differ between two versions of a record: added, removed or changed. */
export function diffRecords(before: unknown, after: unknown): Change[] {
  const a = new Map<string, { path: string[]; value: unknown }>();
  const b = new Map<string, { path: string[]; value: unknown }>();
  leaves(before, [], a);
  leaves(after, [], b);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const changes: Change[] = [];
  for (const key of keys) {
    const from = a.get(key)?.value;
    const to = b.get(key)?.value;
    if (isEmptyValue(from) && isEmptyValue(to)) continue;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    const kind: ChangeKind = isEmptyValue(from) ? 'added' : isEmptyValue(to) ? 'removed' : 'changed';
    changes.push({ path: (a.get(key) ?? b.get(key))!.path, kind, before: from, after: to });
  }
  return changes;
}

const KIND_COLORS: Record<ChangeKind, string> = { added: 'teal', removed: 'red', changed: 'yellow' };

/** Customer fields whose stored codes have names in the catalogue. */
const CODED: Record<string, string> = { status: 'status', kind: 'kind', gender: 'gender', idType: 'idType', size: 'size', sourceChannel: 'channel' };

/** Names for a record's fields and coded values, where the interface knows them (customers). */
function useFieldNames() {
  const { t, i18n } = useTranslation();
  const definitions = useCustomFieldDefinitions();
  const en = i18n.language === 'en';
  const customField = (entity: string, path: string[]) =>
    entity === 'customer' && path.length === 2 && path[0] === 'custom' ? definitions.data?.find((f: CustomField) => f.key === path[1]) : undefined;
  return {
    label(entity: string, path: string[]): string | null {
      if (path.length === 1) {
        const own = entity === 'customer' ? t(`customer.fields.${path[0]}` as 'customer.fields.name', { defaultValue: '' }) : '';
        return own || t(`admin.audit.fieldNames.${path[0]}` as 'admin.audit.fieldNames.version', { defaultValue: '' }) || null;
      }
      const field = customField(entity, path);
      if (field) return en ? field.labelEn : field.labelZh;
      // A nested setting (a source's config.pattern): each part by its name, when all have one.
      const parts = path.map((part) => t(`admin.audit.fieldNames.${part}` as 'admin.audit.fieldNames.version', { defaultValue: '' }));
      return parts.every(Boolean) ? parts.join(' · ') : null;
    },
    /** The shown text of a coded value, or null to show it as it is. */
    value(entity: string, path: string[], value: unknown): string | null {
      if (entity !== 'customer' || value === null || value === undefined) return null;
      if (path.length === 1 && CODED[path[0]!] && typeof value === 'string') {
        return t(`customer.${CODED[path[0]!]}.${value}` as 'customer.status.active', { defaultValue: value });
      }
      const field = customField(entity, path);
      if (!field || field.options.length === 0) return null;
      const name = (v: unknown) => {
        const option = field.options.find((o) => o.value === v);
        return option ? (en ? option.labelEn : option.labelZh) : String(v);
      };
      return Array.isArray(value) ? value.map(name).join(', ') : name(value);
    },
  };
}

function ValueText({ value, format, named }: { value: unknown; format: Formatters; named?: string | null }) {
  const { t } = useTranslation();
  if (named) return <span title={typeof value === 'string' ? value : JSON.stringify(value)}>{named}</span>;
  if (value === undefined) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  if (value === null) {
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        {t('admin.audit.null')}
      </Text>
    );
  }
  if (value === '') {
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        {t('admin.audit.emptyText')}
      </Text>
    );
  }
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'number') return <>{format.number(value)}</>;
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) return <span title={value}>{format.dateTime(value)}</span>;
    return <>{value}</>;
  }
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return <>{value.map(String).join(', ')}</>;
  return <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(value)}</Code>;
}

function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useFieldNames();
  const changes = useMemo(() => diffRecords(entry.before, entry.after), [entry]);
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="audit-diff-empty">
        {entry.before == null && entry.after == null ? t('admin.audit.noData') : t('admin.audit.noChanges')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table verticalSpacing="xs" withTableBorder withColumnBorders data-testid="audit-diff" aria-label={t('admin.audit.changes')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w="30%">
              {t('admin.audit.field')}
            </Table.Th>
            <Table.Th scope="col" w="35%">
              {t('admin.audit.before')}
            </Table.Th>
            <Table.Th scope="col" w="35%">
              {t('admin.audit.after')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change) => {
            const name = names.label(entry.entity, change.path);
            const color = KIND_COLORS[change.kind];
            return (
              <Table.Tr
                key={JSON.stringify(change.path)}
                data-testid="audit-diff-row"
                data-kind={change.kind}
                data-field={change.path.join('.')}
                style={{ background: `var(--mantine-color-${color}-light)` }}
              >
                <Table.Th scope="row" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  <Group gap={6} wrap="wrap">
                    <Text span size="sm" fw={500}>
                      {name ?? change.path.join('.')}
                    </Text>
                    <Badge size="xs" variant="filled" color={color}>
                      {t(`admin.audit.kind.${change.kind}`)}
                    </Badge>
                  </Group>
                  {name && (
                    <Text size="xs" c="dimmed" className="mono">
                      {change.path.join('.')}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }} td={change.kind === 'changed' ? 'line-through' : undefined} c={change.kind === 'changed' ? 'dimmed' : undefined}>
                  <ValueText value={change.before} format={format} named={names.value(entry.entity, change.path, change.before)} />
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }} fw={change.kind === 'removed' ? undefined : 500}>
                  <ValueText value={change.after} format={format} named={names.value(entry.entity, change.path, change.after)} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

// ---- the page ----

function customerIdOf(entry: AuditEntry): string | null {
  if (entry.entity === 'customer') return entry.entityId;
  const record = isPlainObject(entry.after) ? entry.after : isPlainObject(entry.before) ? entry.before : null;
  const id = record?.customerId;
  return typeof id === 'number' || typeof id === 'string' ? String(id) : null;
}

/** What the record is called, from its recorded values. */
function recordName(entry: AuditEntry): string | null {
  const record = isPlainObject(entry.after) ? entry.after : isPlainObject(entry.before) ? entry.before : null;
  for (const key of ['name', 'displayName', 'nameZh', 'labelZh', 'username']) {
    const value = record?.[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

function EntityCell({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const customerId = customerIdOf(entry);
  const name = recordName(entry);
  const entity = t(`admin.audit.entities.${entry.entity}` as 'admin.audit.entities.customer', { defaultValue: entry.entity });
  return (
    <Stack gap={0}>
      <Text size="sm">
        {entity}
        {entry.entityId ? (
          <Text span size="sm" className="mono" c="dimmed">
            {' '}
            #{entry.entityId}
          </Text>
        ) : null}
      </Text>
      {name && !(customerId && entry.entity === 'customer') && (
        <Text size="xs" c="dimmed" truncate maw={220}>
          {name}
        </Text>
      )}
      {customerId && (
        <Anchor component={Link} to={`/customers/${customerId}`} size="xs" data-testid="audit-customer-link" truncate maw={220}>
          {entry.entity === 'customer' ? (name ?? t('admin.audit.openCustomer')) : t('admin.audit.openCustomerOf', { id: customerId })}
        </Anchor>
      )}
    </Stack>
  );
}

function ActorText({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const name = entry.actorName ?? (entry.actorKind === 'system' ? t('admin.audit.system') : entry.actorId ? `#${entry.actorId}` : '—');
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm">{name}</Text>
      {entry.actorKind === 'token' && (
        <Badge size="xs" variant="outline" color="gray">
          {t('admin.audit.viaToken')}
        </Badge>
      )}
    </Group>
  );
}

function ActionBadge({ action }: { action: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={ACTION_COLORS[action] ?? 'gray'} miw="max-content">
      {t(`admin.audit.actions.${action}` as 'admin.audit.actions.create', { defaultValue: action })}
    </Badge>
  );
}

function filterFrom(params: URLSearchParams): AuditFilter {
  const actorId = Number(params.get('actorId'));
  return {
    entity: params.get('entity') || undefined,
    entityId: params.get('entityId')?.trim() || undefined,
    actorId: Number.isSafeInteger(actorId) && actorId > 0 ? actorId : undefined,
    action: params.get('action') || undefined,
    from: dayParam(params, 'from'),
    to: dayParam(params, 'to'),
  };
}

function EntryDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows: { label: string; value: ReactNode }[] = [
    { label: t('admin.audit.columns.at'), value: format.dateTime(entry.at) },
    { label: t('admin.audit.columns.actor'), value: <ActorText entry={entry} /> },
    { label: t('admin.audit.columns.action'), value: <ActionBadge action={entry.action} /> },
    { label: t('admin.audit.columns.entity'), value: <EntityCell entry={entry} /> },
    ...(entry.ip ? [{ label: t('admin.audit.ip'), value: <span className="mono">{entry.ip}</span> }] : []),
    ...(entry.requestId ? [{ label: t('admin.audit.requestId'), value: <span className="mono">{entry.requestId}</span> }] : []),
  ];
  return (
    <Stack gap="md" data-testid="audit-detail">
      <DataList orientation="horizontal" gap="xs" size="sm" labelWidth={96}>
        {rows.map((row) => (
          <DataList.Item key={row.label}>
            <DataList.ItemLabel c="dimmed">{row.label}</DataList.ItemLabel>
            <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{row.value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      <Title order={3} fz="h5">
        {t('admin.audit.changes')}
      </Title>
      <AuditDiff entry={entry} />
    </Stack>
  );
}

export default function AuditLogPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('admin.audit.title'));
  const { params, update, clear } = useAddressFilter();
  const filter = useMemo(() => filterFrom(params), [params]);
  const log = useAuditLog(filter);
  const entries = useMemo(() => log.data?.pages.flat() ?? [], [log.data]);
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const names = useFieldNames();

  const [entityId, setEntityId] = useState(filter.entityId ?? '');
  useEffect(() => setEntityId(filter.entityId ?? ''), [filter.entityId]);
  const [detail, setDetail] = useState<{ opened: boolean; entry: AuditEntry | null }>({ opened: false, entry: null });

  const activeFilters = Object.values(filter).filter((v) => v !== undefined).length;
  const hasFilter = activeFilters > 0;
  // Open on wide screens; folded on phones until asked for.
  const [filtersChoice, setFiltersOpen] = useState<boolean | null>(null);
  const filtersOpen = !phone || (filtersChoice ?? false);

  /** The changed fields of an update, named, for the list. */
  const summary = (entry: AuditEntry) => {
    if (entry.before == null || entry.after == null) return '';
    const changed = diffRecords(entry.before, entry.after)
      .filter((c) => !NOISE.has(c.path[0]!))
      .map((c) => names.label(entry.entity, c.path) ?? c.path.join('.'));
    const unique = [...new Set(changed)];
    if (unique.length <= 3) return format.list(unique);
    return t('admin.audit.andMore', { fields: format.list(unique.slice(0, 3)), n: format.number(unique.length) });
  };

  return (
    <Stack gap="md">
      <Title order={1} fz="h2">
        {t('admin.audit.title')}
      </Title>
      <Text c="dimmed" size="sm" maw={760}>
        {t('admin.audit.intro')}
      </Text>

      <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('admin.audit.filters')}>
        {phone && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconAdjustments size={16} />}
            onClick={() => setFiltersOpen(!filtersOpen)}
            aria-expanded={filtersOpen}
            aria-controls="audit-filters"
            data-testid="audit-toggle-filters"
          >
            {activeFilters > 0 ? t('admin.audit.filtersActive', { n: activeFilters }) : t('admin.audit.filters')}
          </Button>
        )}
        <Collapse expanded={filtersOpen} id="audit-filters">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm" verticalSpacing="sm" mt={phone ? 'xs' : 0}>
            <Select
              label={t('admin.audit.columns.entity')}
              placeholder={t('common.all')}
              data={ENTITIES.map((value) => ({ value, label: t(`admin.audit.entities.${value}`) }))}
              value={filter.entity ?? null}
              onChange={(value) => update({ entity: value })}
              clearable
              data-testid="audit-filter-entity"
            />
            <Select
              label={t('admin.audit.columns.action')}
              placeholder={t('common.all')}
              data={ACTIONS.map((value) => ({ value, label: t(`admin.audit.actions.${value}`) }))}
              value={filter.action ?? null}
              onChange={(value) => update({ action: value })}
              clearable
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="audit-filter-action"
            />
            <UserSelect
              label={t('admin.audit.columns.actor')}
              placeholder={t('admin.audit.actorPlaceholder')}
              value={filter.actorId ? String(filter.actorId) : null}
              onChange={(value) => update({ actorId: value })}
              data-testid="audit-filter-actor"
            />
            <TextInput
              label={t('admin.audit.entityId')}
              placeholder={t('admin.audit.entityIdPlaceholder')}
              value={entityId}
              onChange={(event) => setEntityId(event.currentTarget.value)}
              onBlur={() => entityId.trim() !== (filter.entityId ?? '') && update({ entityId: entityId.trim() || null })}
              onKeyDown={(event) => {
                if (event.key === 'Enter') update({ entityId: entityId.trim() || null });
              }}
              inputMode="numeric"
              data-testid="audit-filter-entity-id"
            />
            <DayInput label={t('admin.audit.from')} value={filter.from} max={filter.to} onChange={(from) => update({ from })} data-testid="audit-filter-from" />
            <DayInput label={t('admin.audit.to')} value={filter.to} min={filter.from} onChange={(to) => update({ to })} data-testid="audit-filter-to" />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button
              variant="default"
              size="sm"
              leftSection={<IconFilterOff size={16} />}
              disabled={!hasFilter}
              onClick={() => {
                setEntityId('');
                clear();
              }}
              data-testid="audit-reset"
            >
              {t('admin.audit.reset')}
            </Button>
          </Group>
        </Collapse>
      </Paper>

      {log.error && <ErrorAlert error={log.error} />}

      <Paper withBorder pos="relative" component="section" aria-label={t('admin.audit.results')} aria-busy={log.isFetching}>
        <LoadingOverlay visible={log.isFetching && !log.isPending && !log.isFetchingNextPage} zIndex={5} overlayProps={{ blur: 0, backgroundOpacity: 0.4 }} loaderProps={{ size: 'sm' }} />
        {log.isPending && <PageLoader />}
        {log.data && entries.length === 0 && (
          <EmptyState
            py="xl"
            icon={<IconFileSearch size={28} />}
            title={hasFilter ? t('admin.audit.emptyFiltered') : t('admin.audit.empty')}
            description={hasFilter ? t('admin.audit.emptyFilteredHint') : undefined}
            data-testid="audit-empty"
          />
        )}
        {entries.length > 0 && (
          <Table.ScrollContainer minWidth={860}>
            <Table highlightOnHover verticalSpacing="xs" data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  {(['at', 'actor', 'action', 'entity', 'changes'] as const).map((key) => (
                    <Table.Th key={key} scope="col" style={{ whiteSpace: 'nowrap' }}>
                      {t(`admin.audit.columns.${key}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('admin.audit.details')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <Table.Tr
                    key={entry.id}
                    data-testid="audit-row"
                    data-entity={entry.entity}
                    data-action={entry.action}
                    onClick={(event) => {
                      // Links inside the row keep their own meaning.
                      if ((event.target as HTMLElement).closest('a,button')) return;
                      setDetail({ opened: true, entry });
                    }}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" title={format.relative(entry.at)}>
                        {format.dateTime(entry.at)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <ActorText entry={entry} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <ActionBadge action={entry.action} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <EntityCell entry={entry} />
                    </Table.Td>
                    <Table.Td miw={200}>
                      <Text size="sm" lineClamp={2}>
                        {summary(entry)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        leftSection={<IconEye size={14} />}
                        onClick={() => setDetail({ opened: true, entry })}
                        aria-label={t('admin.audit.detailsOf', { id: entry.id })}
                        data-testid="audit-open"
                      >
                        {t('admin.audit.details')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {entries.length > 0 && (
          <Group justify="space-between" px="md" py="sm" wrap="wrap" gap="xs">
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="audit-count">
              {t('admin.audit.shown', { n: format.number(entries.length), count: entries.length })}
            </Text>
            {log.hasNextPage ? (
              <Button variant="default" size="sm" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()} data-testid="audit-more">
                {t('admin.audit.more')}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('admin.audit.end')}
              </Text>
            )}
          </Group>
        )}
      </Paper>

      <Drawer
        opened={detail.opened}
        onClose={() => setDetail((d) => ({ ...d, opened: false }))}
        position="right"
        size={phone ? '100%' : 'xl'}
        title={detail.entry ? t('admin.audit.detailTitle', { id: detail.entry.id }) : ''}
      >
        {detail.entry && (
          <Box>
            <EntryDetail entry={detail.entry} />
          </Box>
        )}
      </Drawer>
    </Stack>
  );
}
