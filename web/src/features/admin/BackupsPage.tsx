import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  EmptyState,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconCalendarTime,
  IconCircleCheck,
  IconDatabase,
  IconDatabaseExport,
  IconDownload,
  IconFolder,
  IconInfoCircle,
  IconRefresh,
  IconRestore,
  IconShieldCheck,
  IconTrash,
} from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';
import { useFormat, type Formatters } from '../../lib/format.ts';
import { ErrorAlert, usePageTitle, PageLoader } from '../../app/components.tsx';
import {
  backupDownloadUrl,
  useBackups,
  useCreateBackup,
  useDeleteBackup,
  useRestoreBackup,
  useVerifyBackup,
  type Backup,
  type BackupReport,
  type RestoreResult,
} from './queries-backups.ts';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A file size in the reader's language: 1 536 000 → "1.5 MB". Decimal units, as the unit names say. */
function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

const DASH = '—';

function useBackupLabels() {
  const { t } = useTranslation();
  return {
    createdBy: (backup: Backup) =>
      backup.createdBy === 'schedule' ? t('admin.backups.bySchedule') : backup.createdBy === null ? t('admin.backups.byHand') : backup.createdBy,
    engine: (engine: string | null) => (engine ? t(`admin.backups.engine.${engine}` as 'admin.backups.engine.pglite', { defaultValue: engine }) : DASH),
  };
}

const number = (format: Formatters, value: number | null) => (value === null ? DASH : format.number(value));

/**
 * A table of the backup by its name in the reader's language; null for a table without one (a new
 * table, or one another application keeps in the same database), which is shown by its own name.
 */
function useTableLabel() {
  const { t, i18n } = useTranslation();
  return (table: string): string | null => {
    const key = `admin.backups.tableNames.${table}`;
    return i18n.exists(key) ? t(key as 'admin.backups.tableNames.customers') : null;
  };
}

/** A dialog about one backup; the backup stays set while the dialog closes, so its content does not vanish mid-animation. */
interface Dialog {
  backup: Backup | null;
  opened: boolean;
  open(backup: Backup): void;
  close(): void;
}

function useDialog(): Dialog {
  const [state, setState] = useState<{ backup: Backup | null; opened: boolean }>({ backup: null, opened: false });
  return {
    ...state,
    open: (backup) => setState({ backup, opened: true }),
    close: () => setState((s) => ({ ...s, opened: false })),
  };
}

// ---- verify ----

function VerifyReport({ backup, report }: { backup: Backup; report: BackupReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useBackupLabels();
  const tableLabel = useTableLabel();
  const rows = report.tables.reduce((n, table) => n + table.rows, 0);
  // In the order of their names as read, so that a table is found where the reader looks for it.
  const collator = new Intl.Collator(format.locale);
  const tables = report.tables
    .map((table) => ({ ...table, label: tableLabel(table.table) }))
    .sort((a, b) => collator.compare(a.label ?? a.table, b.label ?? b.table));
  const sameFile = report.sameFile === null ? 'unknown' : report.sameFile ? 'yes' : 'no';
  return (
    <Stack gap="md" data-testid="verify-report" data-ok={report.ok}>
      {report.ok ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title={t('admin.backups.verifyOk')} data-testid="verify-ok">
          {t('admin.backups.verifyOkBody')}
        </Alert>
      ) : (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('admin.backups.verifyFailed')} role="alert" data-testid="verify-problem">
          <Stack gap={4}>
            {report.problem && (
              <Text size="sm">{t(`admin.backups.problem.${report.problem}` as 'admin.backups.problem.truncated', { defaultValue: report.problem })}</Text>
            )}
            {report.sameFile === false && <Text size="sm">{t('admin.backups.sameFile.no')}</Text>}
          </Stack>
        </Alert>
      )}
      <Stack gap={2}>
        <Text size="sm">
          {t('common.labelled', { label: t('admin.backups.columns.createdAt') })}
          {format.dateTime(report.createdAt ?? backup.createdAt)} · {labels.engine(report.engine)}
        </Text>
        <Text size="sm" data-testid="verify-summary">
          {t('admin.backups.summary', { tables: format.number(report.tables.length), rows: format.number(rows) })}
        </Text>
        {report.sameFile !== false && (
          <Text size="sm" c="dimmed" data-testid="verify-same-file">
            {t(`admin.backups.sameFile.${sameFile}`)}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('common.labelled', { label: t('admin.backups.fileSha256') })}
          <Code style={{ wordBreak: 'break-all' }}>{report.fileSha256}</Code>
        </Text>
      </Stack>
      {report.tables.length > 0 && (
        <Table.ScrollContainer minWidth={320} mah={360}>
          <Table striped verticalSpacing={4} withTableBorder stickyHeader data-testid="verify-tables" aria-label={t('admin.backups.tablesCaption')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.backups.table')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('admin.backups.columns.rows')}
                </Table.Th>
                <Table.Th scope="col">{t('admin.backups.check')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tables.map((table) => (
                <Table.Tr key={table.table} data-testid="verify-table" data-table={table.table} data-ok={table.ok} data-labelled={table.label !== null}>
                  <Table.Td>
                    {table.label === null ? (
                      <Text size="sm" className="mono" data-testid="verify-table-name">
                        {table.table}
                      </Text>
                    ) : (
                      <>
                        <Text size="sm" data-testid="verify-table-name">
                          {table.label}
                        </Text>
                        {/* The database's own name stays in sight, small, for matching it with logs and tools. */}
                        <Text size="xs" c="dimmed" className="mono" data-testid="verify-table-key">
                          {table.table}
                        </Text>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {format.number(table.rows)}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={table.ok ? 'teal' : 'red'}>
                      {table.ok ? t('admin.backups.tableOk') : t('admin.backups.tableBad')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** The report of the check started when the dialog opened; the answer for another backup is never shown. */
function VerifyModal({ dialog, verify }: { dialog: Dialog; verify: ReturnType<typeof useVerifyBackup> }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const backup = dialog.backup;
  const current = backup !== null && verify.variables === backup.name;
  return (
    <Modal opened={dialog.opened} onClose={dialog.close} title={t('admin.backups.verifyTitle', { name: backup?.name ?? '' })} size="lg" fullScreen={phone}>
      {backup && verify.isPending && (
        <Group gap="sm" role="status" aria-live="polite" py="md" data-testid="verify-running">
          <Loader size="sm" />
          <Text size="sm">{t('admin.backups.verifying')}</Text>
        </Group>
      )}
      {current && verify.error && <ErrorAlert error={verify.error} />}
      {backup && current && verify.data && <VerifyReport backup={backup} report={verify.data} />}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={dialog.close} data-testid="close-verify">
          {t('admin.backups.close')}
        </Button>
      </Group>
    </Modal>
  );
}

// ---- restore ----

function RestoreModal({ dialog }: { dialog: Dialog }) {
  const { t } = useTranslation();
  const format = useFormat();
  const restore = useRestoreBackup();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [typed, setTyped] = useState('');
  const [done, setDone] = useState<RestoreResult | null>(null);
  const backup = dialog.backup;
  const matches = backup !== null && typed.trim() === backup.name;
  // Every cached answer (and maybe the session) is stale after a restore: start the app afresh.
  // Without a session the app sends the user to the sign-in page and back here afterwards.
  const reload = () => window.location.reload();
  const close = () => {
    if (restore.isPending) return;
    if (done) return reload();
    setTyped('');
    restore.reset();
    dialog.close();
  };
  const submit = () => {
    if (!backup || !matches) return;
    restore.mutate({ name: backup.name, confirm: typed.trim() }, { onSuccess: (result) => setDone(result) });
  };
  return (
    <Modal
      opened={dialog.opened}
      onClose={close}
      title={done ? t('admin.backups.restoredTitle') : t('admin.backups.restoreTitle', { name: backup?.name ?? '' })}
      size="lg"
      fullScreen={phone}
      // A restore in progress cannot be abandoned; nothing should suggest it can.
      closeOnClickOutside={!restore.isPending && !done}
      closeOnEscape={!restore.isPending}
      withCloseButton={!restore.isPending}
    >
      {done && backup ? (
        <Stack gap="md" data-testid="restore-done">
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title={t('admin.backups.restoredTitle')}>
            <Text size="sm" data-testid="restore-counts">
              {t('admin.backups.restoredBody', { rows: format.number(done.rows), tables: format.number(done.tables), name: backup.name })}
            </Text>
          </Alert>
          <Text size="sm">{t('admin.backups.reloadHint')}</Text>
          <Group justify="flex-end">
            <Button leftSection={<IconRefresh size={16} />} onClick={reload} data-autofocus data-testid="restore-reload">
              {t('admin.backups.reload')}
            </Button>
          </Group>
        </Stack>
      ) : (
        backup && (
          <form
            noValidate
            data-testid="restore-dialog"
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <Stack gap="md">
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('admin.backups.restoreWarningTitle')}>
                <Stack gap="xs">
                  <Text size="sm">{t('admin.backups.restoreWarning', { time: format.dateTime(backup.createdAt) })}</Text>
                  <List size="sm" spacing={4}>
                    <List.Item>{t('admin.backups.restoreTransaction')}</List.Item>
                    <List.Item>{t('admin.backups.restoreAudit')}</List.Item>
                    <List.Item>{t('admin.backups.restoreSessions')}</List.Item>
                  </List>
                </Stack>
              </Alert>
              <Text size="sm" c="dimmed">
                {t('admin.backups.restoreBackupFirst')}
              </Text>
              <Text size="sm">
                {t('common.labelled', { label: t('admin.backups.columns.rows') })}
                {number(format, backup.rows)} · {t('common.labelled', { label: t('admin.backups.columns.tables') })}
                {number(format, backup.tables)}
              </Text>
              <TextInput
                label={t('admin.backups.confirmLabel')}
                description={
                  <>
                    {t('admin.backups.confirmHint')} <Code>{backup.name}</Code>
                  </>
                }
                value={typed}
                onChange={(event) => setTyped(event.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
                disabled={restore.isPending}
                data-autofocus
                data-testid="restore-confirm-input"
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              {restore.error && <ErrorAlert error={restore.error} />}
              {restore.isPending && (
                <Group gap="sm" role="status" aria-live="polite" wrap="nowrap">
                  <Loader size="sm" />
                  <Text size="sm">{t('admin.backups.restoring')}</Text>
                </Group>
              )}
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={close} disabled={restore.isPending}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" color="red" leftSection={<IconRestore size={16} />} disabled={!matches} loading={restore.isPending} data-testid="confirm-restore">
                  {t('admin.backups.restoreConfirm')}
                </Button>
              </Group>
            </Stack>
          </form>
        )
      )}
    </Modal>
  );
}

// ---- delete ----

function DeleteModal({ dialog }: { dialog: Dialog }) {
  const { t } = useTranslation();
  const remove = useDeleteBackup();
  const backup = dialog.backup;
  const close = () => {
    remove.reset();
    dialog.close();
  };
  const confirm = () => {
    if (!backup) return;
    remove.mutate(backup.name, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('admin.backups.deleted', { name: backup.name }) });
        close();
      },
    });
  };
  return (
    <Modal opened={dialog.opened} onClose={close} title={t('admin.backups.deleteTitle')} size="md">
      <Stack gap="md" data-testid="delete-dialog">
        <Text size="sm" style={{ wordBreak: 'break-word' }}>
          {t('admin.backups.deleteConfirm', { name: backup?.name ?? '' })}
        </Text>
        {remove.error && <ErrorAlert error={remove.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" leftSection={<IconTrash size={16} />} loading={remove.isPending} onClick={confirm} data-testid="confirm-delete">
            {t('admin.backups.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// ---- the page ----

export default function BackupsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useBackupLabels();
  usePageTitle(t('admin.backups.title'));
  const backups = useBackups();
  const create = useCreateBackup();
  const list = backups.data?.items ?? [];
  const nextScheduledAt = backups.data?.nextScheduledAt ?? null;

  const verify = useVerifyBackup();
  const verifying = useDialog();
  const restoring = useDialog();
  const deleting = useDialog();

  const backUpNow = () =>
    create.mutate(undefined, {
      onSuccess: (backup) =>
        notifications.show({
          color: 'teal',
          message: t('admin.backups.created', { name: backup.name, rows: number(format, backup.rows), size: formatBytes(backup.bytes, format.locale) }),
        }),
    });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('admin.backups.title')}
        </Title>
        <Button leftSection={<IconDatabaseExport size={16} />} onClick={backUpNow} loading={create.isPending} data-testid="backup-now">
          {t('admin.backups.backUpNow')}
        </Button>
      </Group>
      <Text c="dimmed" size="sm" maw={760}>
        {t('admin.backups.intro')}
      </Text>

      {backups.data && (
        <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="backup-schedule" data-scheduled={nextScheduledAt !== null}>
          {nextScheduledAt ? <IconCalendarTime size={18} style={{ flexShrink: 0 }} /> : <IconInfoCircle size={18} style={{ flexShrink: 0 }} />}
          <Text size="sm" c={nextScheduledAt ? undefined : 'dimmed'}>
            {nextScheduledAt ? (
              t('admin.backups.nextScheduled', { time: format.dateTime(nextScheduledAt) })
            ) : (
              <Trans
                i18nKey="admin.backups.noSchedule"
                values={{ setting: 'BACKUP_CRON', example: '0 3 * * *', keepSetting: 'BACKUP_KEEP' }}
                components={{ code: <Code /> }}
              />
            )}
          </Text>
        </Group>
      )}
      {backups.data && (
        <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="backup-folder">
          <IconFolder size={18} style={{ flexShrink: 0 }} />
          <Text size="sm" style={{ minWidth: 0 }}>
            <Trans
              i18nKey="admin.backups.folder"
              values={{ folder: backups.data.folder }}
              components={{ code: <Code data-testid="backup-folder-path" style={{ wordBreak: 'break-all' }} /> }}
            />
          </Text>
        </Group>
      )}

      {create.isPending && (
        <Alert color="blue" variant="light" icon={<Loader size={16} />} data-testid="backup-running" role="status" aria-live="polite">
          {t('admin.backups.running')}
        </Alert>
      )}
      {create.error && <ErrorAlert error={create.error} />}
      {backups.error && <ErrorAlert error={backups.error} />}

      <Paper withBorder component="section" aria-label={t('admin.backups.title')}>
        {backups.isPending && <PageLoader />}
        {backups.data && list.length === 0 && (
          <EmptyState py="xl" icon={<IconDatabase size={28} />} title={t('admin.backups.empty')} description={t('admin.backups.emptyHint')} data-testid="backups-empty" />
        )}
        {list.length > 0 && (
          <Table.ScrollContainer minWidth={940}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="backups-table">
              <Table.Thead>
                <Table.Tr>
                  {(['name', 'createdAt', 'createdBy', 'size', 'rows', 'tables', 'engine'] as const).map((key) => (
                    <Table.Th key={key} scope="col" style={{ whiteSpace: 'nowrap' }} ta={key === 'size' || key === 'rows' || key === 'tables' ? 'right' : undefined}>
                      {t(`admin.backups.columns.${key}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('admin.backups.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((backup) => (
                  <Table.Tr key={backup.name} data-testid="backup-row" data-name={backup.name}>
                    <Table.Td>
                      <Text size="sm" fw={500} className="mono" style={{ whiteSpace: 'nowrap' }} data-testid="backup-name">
                        {backup.name}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" title={backup.createdAt}>
                        {format.dateTime(backup.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td miw={120}>
                      <Text size="sm" c={backup.createdBy === null || backup.createdBy === 'schedule' ? 'dimmed' : undefined} data-testid="backup-created-by">
                        {labels.createdBy(backup)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" title={format.number(backup.bytes)} data-testid="backup-size">
                        {formatBytes(backup.bytes, format.locale)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" data-testid="backup-rows">
                        {number(format, backup.rows)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" data-testid="backup-tables">
                        {number(format, backup.tables)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" data-testid="backup-engine">
                        {labels.engine(backup.engine)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Tooltip label={t('admin.backups.download')} withArrow>
                          <ActionIcon
                            component="a"
                            href={backupDownloadUrl(backup.name)}
                            download={backup.name}
                            variant="subtle"
                            aria-label={t('admin.backups.downloadNamed', { name: backup.name })}
                            data-testid="download-backup"
                          >
                            <IconDownload size={18} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('admin.backups.verify')} withArrow>
                          <ActionIcon
                            variant="subtle"
                            onClick={() => {
                              verify.mutate(backup.name);
                              verifying.open(backup);
                            }}
                            aria-label={t('admin.backups.verifyNamed', { name: backup.name })}
                            data-testid="verify-backup"
                          >
                            <IconShieldCheck size={18} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('admin.backups.restore')} withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="orange"
                            onClick={() => restoring.open(backup)}
                            // A restore cannot start while a backup is being made.
                            disabled={create.isPending}
                            aria-label={t('admin.backups.restoreNamed', { name: backup.name })}
                            data-testid="restore-backup"
                          >
                            <IconRestore size={18} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('admin.backups.delete')} withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            onClick={() => deleting.open(backup)}
                            aria-label={t('admin.backups.deleteNamed', { name: backup.name })}
                            data-testid="delete-backup"
                          >
                            <IconTrash size={18} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <VerifyModal dialog={verifying} verify={verify} />
      <RestoreModal dialog={restoring} />
      <DeleteModal dialog={deleting} />
    </Stack>
  );
}
