import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { addressNow } from '../../lib/address-filter.ts';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Code,
  Drawer,
  EmptyState,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
  type TextProps,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCalendarTime, IconHistory, IconListDetails, IconPencil, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../lib/format.ts';
import type { ImportRunStatus } from '../../lib/types.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { isTarget, RunStatusBadge, TargetBadge, useFieldLabel, useFieldOptions } from './labels.tsx';
import { useImportSourceRuns, useImportSources, useRemoveImportSource, useRunImportSource } from './queries.ts';
import { RunCountsLine } from './RunSummary.tsx';
import { formatInZone, presetOf, sourceLocation, type ImportSource, type SourceRunResult } from './sources.ts';

// Only administrators open the form: it (and the cron library) loads when they do.
const SourceForm = lazy(() => import('./SourceForm.tsx').then((m) => ({ default: m.SourceForm })));

const RUN_STATUSES: readonly string[] = ['running', 'succeeded', 'rejected', 'failed'];
const runLink = (id: number) => `/imports?run=${id}`;

/** What "run now" answered, or why it could not be asked. */
type RunNowOutcome = { sourceId: number; name: string; result: SourceRunResult | null; error: unknown };

function SourceStatusBadge({ status }: { status: string }) {
  if (RUN_STATUSES.includes(status)) return <RunStatusBadge status={status as ImportRunStatus} />;
  return (
    <Badge color="gray" variant="light">
      {status}
    </Badge>
  );
}

/**
 * A source's error as the server gives it, in the reader's language; the fixed texts of older
 * versions ("run 12 rejected", "interrupted") are translated here.
 */
function SourceError({ error, ...props }: { error: string } & TextProps & { 'data-testid'?: string }) {
  const { t } = useTranslation();
  const rejected = /^run (\d+) rejected$/.exec(error);
  return (
    <Text size="sm" className={rejected ? undefined : 'mono'} title={error} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }} {...props}>
      {rejected ? t('imports.sources.rejectedRun', { id: rejected[1] }) : error === 'interrupted' ? t('imports.run.interrupted') : error}
    </Text>
  );
}

function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Badge color="indigo" variant="light" miw="max-content" tt="none">
      {t(`imports.sources.kinds.${kind}` as 'imports.sources.kinds.folder', { defaultValue: kind })}
    </Badge>
  );
}

/** The schedule in words (a preset's name, or the cron itself) and when it comes next, in the source's time zone. */
function ScheduleCell({ source }: { source: ImportSource }) {
  const { t } = useTranslation();
  const preset = presetOf(source.cron);
  return (
    <Stack gap={2}>
      {preset && <Text size="sm">{t(`imports.sources.presets.${preset}`)}</Text>}
      <Code c={preset ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap', alignSelf: 'flex-start' }}>
        {source.cron}
      </Code>
      <NextRun source={source} />
    </Stack>
  );
}

/** When an enabled source runs next (its exact time in its zone on hover), or that it is paused. */
function NextRun({ source }: { source: ImportSource }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (!source.enabled) {
    return (
      <Text size="xs" c="dimmed">
        {t('imports.sources.pausedHint')}
      </Text>
    );
  }
  return source.nextRunAt ? (
    <Text size="xs" c="dimmed" title={formatInZone(source.nextRunAt, source.timeZone, i18n.language)} data-testid="source-next-run">
      {t('imports.sources.nextRun', { at: format.relative(source.nextRunAt) })}
    </Text>
  ) : null;
}

/** The schedule in one line for a phone's card: a preset's name or the cron, then when it runs next. */
function ScheduleLine({ source }: { source: ImportSource }) {
  const { t } = useTranslation();
  const preset = presetOf(source.cron);
  return (
    <Group gap={6} wrap="wrap" style={{ rowGap: 2 }}>
      {preset ? <Text size="sm">{t(`imports.sources.presets.${preset}`)}</Text> : <Code>{source.cron}</Code>}
      <NextRun source={source} />
    </Group>
  );
}

/** A labelled line of a phone's card. */
function CardLine({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={72} pt={2} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Box style={{ minWidth: 0, flex: 1 }}>{children}</Box>
    </Group>
  );
}

/** The last run: when, how it ended, what is pending, and its error. */
function LastRunCell({ source }: { source: ImportSource }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!source.lastRunAt || !source.lastStatus) {
    return (
      <Text size="sm" c="dimmed">
        {t('imports.sources.neverRun')}
      </Text>
    );
  }
  return (
    <Stack gap={2} maw={280}>
      <Group gap={6} wrap="nowrap">
        <SourceStatusBadge status={source.lastStatus} />
        <Text size="sm" title={format.dateTime(source.lastRunAt)} style={{ whiteSpace: 'nowrap' }}>
          {format.relative(source.lastRunAt)}
        </Text>
      </Group>
      <RetryLine source={source} />
      {source.lastError && <SourceError error={source.lastError} size="xs" c="red" lineClamp={2} data-testid="source-last-error" />}
    </Stack>
  );
}

function RetryLine({ source }: { source: ImportSource }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (source.lastStatus === 'succeeded' || source.lastStatus === null || !source.enabled) return null;
  // Refused rows come back the same until the file changes: such a run is never tried again.
  if (source.lastStatus === 'rejected') {
    return (
      <Text size="xs" c="dimmed" data-testid="source-retry">
        {t('imports.sources.rejectedNoRetry')}
      </Text>
    );
  }
  if (source.attempt > 0 && source.nextRunAt) {
    return (
      <Text size="xs" c="orange" data-testid="source-retry">
        {t('imports.sources.retrying', { attempt: source.attempt, max: source.maxRetries, at: format.relative(source.nextRunAt) })}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed" data-testid="source-retry">
      {source.maxRetries > 0 ? t('imports.sources.retriesUsed', { max: source.maxRetries }) : t('imports.sources.noRetries')}
    </Text>
  );
}

/** Runs the source and waits for the answer; the outcome goes to the page. */
function RunNowButton({ source, onOutcome, variant = 'light' }: { source: ImportSource; onOutcome: (outcome: RunNowOutcome) => void; variant?: string }) {
  const { t } = useTranslation();
  const run = useRunImportSource();
  return (
    <Button
      variant={variant}
      size="compact-sm"
      leftSection={<IconPlayerPlay size={14} />}
      loading={run.isPending}
      onClick={() =>
        run.mutate(source.id, {
          onSuccess: (result) => onOutcome({ sourceId: source.id, name: source.name, result, error: null }),
          onError: (error) => onOutcome({ sourceId: source.id, name: source.name, result: null, error }),
        })
      }
      aria-label={t('imports.sources.runNowNamed', { name: source.name })}
      data-testid="source-run"
    >
      {t('imports.sources.runNow')}
    </Button>
  );
}

/** The answer of "run now": how it ended, its error, and the import runs it produced, each linked to its details. */
function RunNowResult({ outcome, onClose }: { outcome: RunNowOutcome; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!outcome.result) return <ErrorAlert error={outcome.error} title={t('imports.sources.result.requestFailed', { name: outcome.name })} />;
  const { status, error, runIds } = outcome.result;
  const color = status === 'succeeded' ? 'teal' : status === 'rejected' ? 'orange' : 'red';
  return (
    <Alert
      color={color}
      variant="light"
      icon={status === 'succeeded' ? <IconPlayerPlay size={18} /> : <IconAlertTriangle size={18} />}
      title={
        <Group gap="xs" component="span">
          {t('imports.sources.result.title', { name: outcome.name })}
          <SourceStatusBadge status={status} />
        </Group>
      }
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      closeButtonLabel={t('imports.sources.result.dismiss')}
      data-testid="source-run-result"
      data-status={status}
    >
      <Stack gap={6}>
        {runIds.length === 0 && status === 'succeeded' && <Text size="sm">{t('imports.sources.result.nothingNew')}</Text>}
        {error && <SourceError error={error} data-testid="source-run-error" />}
        {runIds.length > 0 && (
          <Group gap={6} data-testid="source-run-links">
            <Text size="sm">{t('imports.sources.result.runs')}</Text>
            {runIds.map((id) => (
              <Anchor key={id} component={Link} to={runLink(id)} size="sm" data-testid="source-run-link">
                {t('imports.run.title', { id })}
              </Anchor>
            ))}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** A source's column mapping: each column of its files (or query) and the field it fills, named as the mapping step names it. */
function SourceMapping({ source }: { source: ImportSource }) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  // In the order the mapping step lists the fields (the stored mapping keeps no order of its own).
  const { options } = useFieldOptions(isTarget(source.target) ? source.target : 'customers');
  const rank = (field: string) => {
    const index = options.findIndex((o) => o.key === field);
    return index < 0 ? options.length : index;
  };
  const entries = Object.entries(source.mapping).sort(([a, fa], [b, fb]) => rank(fa) - rank(fb) || a.localeCompare(b));
  return (
    <Stack gap="xs">
      <Title order={3} fz="h5">
        {t('imports.mapping.title')}
      </Title>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('imports.sources.detail.noMapping')}
        </Text>
      ) : (
        <Table withTableBorder verticalSpacing={4} fz="sm" maw={560} data-testid="source-mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imports.sources.form.column')}</Table.Th>
              <Table.Th scope="col">{t('imports.sources.form.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map(([column, field]) => (
              <Table.Tr key={column} data-testid="source-mapping-row" data-field={field}>
                <Table.Td className="mono" style={{ overflowWrap: 'anywhere' }}>
                  {column}
                </Table.Td>
                <Table.Td>{fieldLabel(source.target, field)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** A source's facts, its column mapping, its last error and its import runs, failures included. */
function SourceDetail({
  source,
  outcome,
  canManage,
  onEdit,
  onOutcome,
  onRemoved,
}: {
  source: ImportSource;
  outcome: RunNowOutcome | undefined;
  canManage: boolean;
  onEdit: () => void;
  onOutcome: (outcome: RunNowOutcome) => void;
  onRemoved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const remove = useRemoveImportSource();
  const confirmRemove = () =>
    remove.mutate(source.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('imports.sources.remove.done', { name: source.name }) });
        onRemoved();
      },
    });
  const format = useFormat();
  const runs = useImportSourceRuns(source.id);
  const facts: [string, string][] = [
    [t('imports.sources.columns.kind'), t(`imports.sources.kinds.${source.kind}` as 'imports.sources.kinds.folder', { defaultValue: source.kind })],
    [t('imports.sources.columns.where'), sourceLocation(source)],
    [t('imports.history.columns.target'), t(`imports.targets.${source.target}` as 'imports.targets.customers', { defaultValue: source.target })],
    [t('imports.options.sourceSystem'), source.sourceSystem],
    [t('imports.options.policy'), t(`imports.policy.${source.policy}` as 'imports.policy.reject_file', { defaultValue: source.policy })],
    [t('imports.sources.form.cron'), `${source.cron} (${source.timeZone})`],
    [t('imports.sources.detail.nextRun'), source.enabled ? formatInZone(source.nextRunAt, source.timeZone, i18n.language) || '—' : t('imports.sources.paused')],
    [t('imports.sources.form.maxRetries'), format.number(source.maxRetries)],
    ...(source.kind === 'folder' ? [] : ([[t('imports.sources.detail.watermark'), source.watermark ?? t('imports.sources.detail.noWatermark')]] as [string, string][])),
  ];
  const items = runs.data ?? [];
  return (
    <Stack gap="md" data-testid="source-detail">
      <Group gap="xs">
        <RunNowButton source={source} onOutcome={onOutcome} variant="filled" />
        {canManage && (
          <>
            <Button variant="default" size="compact-sm" leftSection={<IconPencil size={14} />} onClick={onEdit} data-testid="source-detail-edit">
              {t('common.edit')}
            </Button>
            <Button variant="subtle" color="red" size="compact-sm" leftSection={<IconTrash size={14} />} onClick={() => setConfirming(true)} data-testid="source-remove">
              {t('imports.sources.remove.action')}
            </Button>
          </>
        )}
      </Group>
      {confirming && (
        <Alert color="red" variant="light" data-testid="source-remove-confirm">
          <Stack gap="xs">
            <Text size="sm">{t('imports.sources.remove.confirm', { name: source.name })}</Text>
            {remove.error && <ErrorAlert error={remove.error} />}
            <Group gap="xs">
              <Button color="red" size="compact-sm" loading={remove.isPending} onClick={confirmRemove} data-testid="source-remove-yes">
                {t('imports.sources.remove.action')}
              </Button>
              <Button variant="default" size="compact-sm" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {outcome && <RunNowResult outcome={outcome} />}
      <Stack gap={4}>
        {facts.map(([label, value]) => (
          <Group key={label} gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
              {label}
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </Group>
        ))}
      </Stack>
      {source.lastError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('imports.sources.detail.lastError', { at: format.dateTime(source.lastRunAt) })} data-testid="source-detail-error">
          <Stack gap={4}>
            <SourceError error={source.lastError} />
            <RetryLine source={source} />
          </Stack>
        </Alert>
      )}
      <SourceMapping source={source} />

      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('imports.sources.detail.runs')}
        </Title>
        {runs.error && <ErrorAlert error={runs.error} />}
        {runs.isPending && <PageLoader />}
        {runs.data && items.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="source-runs-empty">
            {t('imports.sources.detail.noRuns')}
          </Text>
        )}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" striped data-testid="source-runs">
              <Table.Thead>
                <Table.Tr>
                  {(['at', 'file', 'status', 'counts'] as const).map((key) => (
                    <Table.Th key={key} scope="col" style={{ whiteSpace: 'nowrap' }}>
                      {t(`imports.history.columns.${key}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('imports.history.details')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((run) => (
                  <Table.Tr key={run.id} data-testid="source-run-row" data-status={run.status}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{format.dateTime(run.startedAt)}</Text>
                      <Text size="xs" c="dimmed">
                        {t('imports.run.title', { id: run.id })}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={200}>
                      <Text size="sm" truncate title={run.fileName ?? undefined}>
                        {run.fileName ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RunStatusBadge status={run.status} />
                      {run.error && (
                        <Text size="xs" c="red" lineClamp={2} title={run.error} mt={2}>
                          {run.error === 'interrupted' ? t('imports.run.interrupted') : run.error}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td miw={160}>
                      <RunCountsLine run={run} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={runLink(run.id)} size="sm" aria-label={t('imports.history.detailsOf', { id: run.id })} data-testid="source-run-open">
                        {t('imports.history.details')}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Text size="xs" c="dimmed">
          {t('imports.sources.detail.runsHint')}
        </Text>
      </Stack>
    </Stack>
  );
}

export default function SourcesPage() {
  const { t } = useTranslation();
  usePageTitle(t('imports.sources.title'));
  const sources = useImportSources();
  const list = sources.data ?? [];
  const can = usePermissions();
  const canManage = can('settings:manage');
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  // The table needs about 900 px; beside the navigation a tablet (up to 1024 px) leaves under 760: cards there too.
  const cards = useMediaQuery('(max-width: 64em)', false, { getInitialValueInEffect: false });

  // The modal keeps its source while it closes; each opening starts a fresh form.
  const [dialog, setDialog] = useState<{ opened: boolean; source: ImportSource | null; round: number }>({ opened: false, source: null, round: 0 });
  // A notice about a source links to it (?source=12): the page opens with its details.
  const [params, setParams] = useSearchParams();
  const linked = Number(params.get('source')) || null;
  const [drawer, setDrawer] = useState<{ opened: boolean; id: number | null }>({ opened: linked !== null, id: linked });
  useEffect(() => {
    if (linked !== null) setDrawer({ opened: true, id: linked });
  }, [linked]);
  const closeDrawer = () => {
    setDrawer((d) => ({ ...d, opened: false }));
    const next = addressNow();
    if (!next.has('source')) return;
    next.delete('source');
    setParams(next, { replace: true });
  };
  const [outcomes, setOutcomes] = useState<Record<number, RunNowOutcome>>({});
  const [latest, setLatest] = useState<number | null>(null);

  const openForm = (source: ImportSource | null) => {
    setDrawer((d) => ({ ...d, opened: false }));
    setDialog((d) => ({ opened: true, source, round: d.round + 1 }));
  };
  const closeForm = () => setDialog((d) => ({ ...d, opened: false }));
  const onOutcome = (outcome: RunNowOutcome) => {
    setOutcomes((all) => ({ ...all, [outcome.sourceId]: outcome }));
    setLatest(outcome.sourceId);
  };
  const shown = drawer.id === null ? undefined : list.find((s) => s.id === drawer.id);
  const latestOutcome = latest === null ? undefined : outcomes[latest];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} fz="h2">
            {t('imports.sources.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('imports.sources.intro')}
          </Text>
        </Stack>
        <Group gap="sm">
          <Button component={Link} to="/imports" variant="default" leftSection={<IconHistory size={16} />} data-testid="to-import-history">
            {t('imports.history.title')}
          </Button>
          {canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)} data-testid="source-new">
              {t('imports.sources.new')}
            </Button>
          )}
        </Group>
      </Group>

      {sources.error && <ErrorAlert error={sources.error} />}
      {latestOutcome && !drawer.opened && <RunNowResult outcome={latestOutcome} onClose={() => setLatest(null)} />}

      <Paper withBorder component="section" aria-label={t('imports.sources.title')} aria-busy={sources.isFetching}>
        {sources.isPending && <PageLoader />}
        {sources.data && list.length === 0 && (
          <EmptyState
            py="xl"
            icon={<IconCalendarTime size={28} />}
            title={t('imports.sources.empty')}
            description={canManage ? t('imports.sources.emptyHint') : t('imports.sources.emptyHintReadOnly')}
            data-testid="sources-empty"
          >
            {canManage && (
              <Group justify="center" mt="sm">
                <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)}>
                  {t('imports.sources.new')}
                </Button>
              </Group>
            )}
          </EmptyState>
        )}
        {list.length > 0 && cards && (
          // On phones and tablets each source is a card: its state, its last run and its next one, and the row's actions.
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="sources-table">
            {list.map((source, index) => (
              <Box
                component="li"
                key={source.id}
                px="md"
                py="sm"
                data-testid="source-row"
                data-source={source.name}
                data-status={source.lastStatus ?? undefined}
                c={source.enabled ? undefined : 'dimmed'}
                style={{ borderTop: index > 0 ? '1px solid var(--mantine-color-default-border)' : undefined }}
              >
                <Stack gap={6}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    <Box style={{ minWidth: 0 }}>
                      <Anchor
                        component="button"
                        type="button"
                        fw={600}
                        ta="start"
                        onClick={() => setDrawer({ opened: true, id: source.id })}
                        style={{ overflowWrap: 'anywhere' }}
                        data-testid="source-title"
                      >
                        {source.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" className="mono">
                        {source.sourceSystem}
                      </Text>
                    </Box>
                    <Badge variant="light" color={source.enabled ? 'teal' : 'gray'} miw="max-content" data-testid="source-enabled-badge">
                      {source.enabled ? t('imports.sources.enabled') : t('imports.sources.paused')}
                    </Badge>
                  </Group>
                  <CardLine label={t('imports.sources.columns.where')}>
                    <Group gap={4} wrap="wrap">
                      <KindBadge kind={source.kind} />
                      <TargetBadge target={source.target} />
                    </Group>
                    <Text size="xs" className="mono" mt={4} lineClamp={2} title={sourceLocation(source)} style={{ overflowWrap: 'anywhere' }} data-testid="source-where">
                      {sourceLocation(source)}
                    </Text>
                  </CardLine>
                  <CardLine label={t('imports.sources.columns.schedule')}>
                    <ScheduleLine source={source} />
                  </CardLine>
                  <CardLine label={t('imports.sources.columns.lastRun')}>
                    <LastRunCell source={source} />
                  </CardLine>
                  <Group gap="xs" wrap="wrap">
                    <RunNowButton source={source} onOutcome={onOutcome} />
                    <Button
                      variant="default"
                      size="compact-sm"
                      leftSection={<IconListDetails size={14} />}
                      onClick={() => setDrawer({ opened: true, id: source.id })}
                      aria-label={t('imports.sources.runsOf', { name: source.name })}
                      data-testid="source-open"
                    >
                      {t('imports.sources.runs')}
                    </Button>
                    {canManage && (
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        leftSection={<IconPencil size={14} />}
                        onClick={() => openForm(source)}
                        aria-label={t('imports.sources.editNamed', { name: source.name })}
                        data-testid="source-edit"
                      >
                        {t('common.edit')}
                      </Button>
                    )}
                  </Group>
                </Stack>
              </Box>
            ))}
          </Stack>
        )}
        {list.length > 0 && !cards && (
          <Table.ScrollContainer minWidth={900}>
            <Table highlightOnHover verticalSpacing="xs" data-testid="sources-table">
              <Table.Thead>
                <Table.Tr>
                  {(['name', 'where', 'schedule', 'state', 'lastRun'] as const).map((key) => (
                    <Table.Th key={key} scope="col" style={{ whiteSpace: 'nowrap' }}>
                      {t(`imports.sources.columns.${key}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('imports.sources.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((source) => (
                  <Table.Tr
                    key={source.id}
                    data-testid="source-row"
                    data-source={source.name}
                    data-status={source.lastStatus ?? undefined}
                    c={source.enabled ? undefined : 'dimmed'}
                  >
                    <Table.Td miw={140}>
                      <Anchor component="button" type="button" fw={500} size="sm" ta="start" onClick={() => setDrawer({ opened: true, id: source.id })} data-testid="source-title">
                        {source.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" className="mono">
                        {source.sourceSystem}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={260}>
                      <Group gap={4} wrap="nowrap">
                        <KindBadge kind={source.kind} />
                        <TargetBadge target={source.target} />
                      </Group>
                      <Tooltip label={sourceLocation(source)} openDelay={400} multiline maw={420}>
                        <Text size="xs" className="mono" truncate mt={4} data-testid="source-where">
                          {sourceLocation(source)}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td miw={140}>
                      <ScheduleCell source={source} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge variant="light" color={source.enabled ? 'teal' : 'gray'} miw="max-content" data-testid="source-enabled-badge">
                        {source.enabled ? t('imports.sources.enabled') : t('imports.sources.paused')}
                      </Badge>
                    </Table.Td>
                    <Table.Td miw={200}>
                      <LastRunCell source={source} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Group gap={4} wrap="nowrap">
                        <RunNowButton source={source} onOutcome={onOutcome} />
                        <Tooltip label={t('imports.sources.runs')} withArrow>
                          <ActionIcon
                            variant="subtle"
                            onClick={() => setDrawer({ opened: true, id: source.id })}
                            aria-label={t('imports.sources.runsOf', { name: source.name })}
                            data-testid="source-open"
                          >
                            <IconListDetails size={18} />
                          </ActionIcon>
                        </Tooltip>
                        {canManage && (
                          <Tooltip label={t('common.edit')} withArrow>
                            <ActionIcon variant="subtle" onClick={() => openForm(source)} aria-label={t('imports.sources.editNamed', { name: source.name })} data-testid="source-edit">
                              <IconPencil size={18} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Drawer
        opened={drawer.opened}
        onClose={closeDrawer}
        position="right"
        size={phone ? '100%' : 'xl'}
        title={shown ? t('imports.sources.detail.title', { name: shown.name }) : ''}
      >
        {shown && <SourceDetail key={shown.id} source={shown} outcome={outcomes[shown.id]} canManage={canManage} onEdit={() => openForm(shown)} onOutcome={onOutcome} onRemoved={() => setDrawer({ opened: false, id: null })} />}
      </Drawer>

      <Modal
        opened={dialog.opened}
        onClose={closeForm}
        title={dialog.source ? t('imports.sources.form.editTitle', { name: dialog.source.name }) : t('imports.sources.form.newTitle')}
        size="xl"
        fullScreen={phone}
        closeOnClickOutside={false}
      >
        <Suspense fallback={<PageLoader />}>
          <SourceForm key={dialog.round} source={dialog.source} onDone={closeForm} />
        </Suspense>
      </Modal>
    </Stack>
  );
}
