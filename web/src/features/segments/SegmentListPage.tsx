import { useState, type ReactNode } from 'react';
import { ActionIcon, Anchor, Box, Button, EmptyState, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconCalculator, IconCamera, IconEye, IconPencil, IconPlus, IconRefresh, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { localName, otherName, SegmentKindBadge } from './labels.tsx';
import { DeleteModal, SnapshotModal, useRefreshAction } from './SegmentActions.tsx';
import { useSegments } from './queries.ts';
import type { Segment } from './types.ts';

/** Saved audiences: dynamic ones that follow the data and frozen snapshots, with their members in your scope. */
export default function SegmentListPage() {
  const { t } = useTranslation();
  usePageTitle(t('segments.title'));
  const can = usePermissions();
  const canManage = can('segment:manage');
  const segments = useSegments();
  const [snapshotOf, setSnapshotOf] = useState<Segment | null>(null);
  const [deleting, setDeleting] = useState<Segment | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('segments.title')}
        </Title>
        {canManage ? (
          <Button component={Link} to="/segments/new" leftSection={<IconPlus size={16} />} data-testid="new-segment">
            {t('segments.new')}
          </Button>
        ) : (
          <Button component={Link} to="/segments/new" variant="default" leftSection={<IconCalculator size={16} />} data-testid="try-segment">
            {t('segments.tryRule')}
          </Button>
        )}
      </Group>
      <Text c="dimmed" size="sm" maw={760}>
        {t('segments.intro')}
      </Text>
      {segments.error && <ErrorAlert error={segments.error} />}

      <Paper withBorder component="section" aria-label={t('segments.title')}>
        {segments.isPending && <PageLoader />}
        {segments.data && segments.data.length === 0 && (
          <EmptyState py="xl" icon={<IconUsersGroup size={28} />} title={t('segments.empty')} description={canManage ? t('segments.emptyHint') : undefined} data-testid="segments-empty" />
        )}
        {segments.data && segments.data.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="segments-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('segments.fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('segments.fields.kind')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('segments.fields.members')}
                  </Table.Th>
                  <Table.Th scope="col">{t('segments.fields.computedAt')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('segments.actions')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {segments.data.map((segment) => (
                  <SegmentRow key={segment.id} segment={segment} canManage={canManage} onSnapshot={setSnapshotOf} onDelete={setDeleting} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <SnapshotModal segment={snapshotOf} onClose={() => setSnapshotOf(null)} />
      <DeleteModal segment={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}

function SegmentRow({ segment, canManage, onSnapshot, onDelete }: { segment: Segment; canManage: boolean; onSnapshot: (s: Segment) => void; onDelete: (s: Segment) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const refresh = useRefreshAction();
  const name = localName(segment, i18n.language);
  const other = otherName(segment, i18n.language);
  const action = (label: string, icon: ReactNode, props: Record<string, unknown>) => (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" aria-label={label} {...props}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
  return (
    <Table.Tr data-testid="segment-row" data-id={segment.id} data-kind={segment.kind}>
      <Table.Td miw={200}>
        <Anchor component={Link} to={`/segments/${segment.id}`} size="sm" fw={500} data-testid="segment-name">
          {name}
        </Anchor>
        {other && (
          <Text size="xs" c="dimmed">
            {other}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <SegmentKindBadge kind={segment.kind} />
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Text span size="sm" fw={600} data-testid="segment-visible-count">
          {format.number(segment.visibleCount)}
        </Text>
        {/* Only when the reader's scope hides some: then both figures say something. */}
        {segment.memberCount !== segment.visibleCount && (
          <Text span size="xs" c="dimmed" data-testid="segment-member-count">
            {' '}
            {t('segments.membersTotal', { n: format.number(segment.memberCount) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {segment.computedAt ? (
          <Text size="sm" title={format.dateTime(segment.computedAt)}>
            {format.relative(segment.computedAt)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('segments.neverComputed')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={2} justify="flex-end" wrap="nowrap">
          {action(t('segments.openNamed', { name }), <IconEye size={16} />, { component: Link, to: `/segments/${segment.id}`, 'data-testid': 'open-segment' })}
          {canManage && (
            <>
              {action(t('segments.editNamed', { name }), <IconPencil size={16} />, { component: Link, to: `/segments/${segment.id}/edit`, 'data-testid': 'edit-segment' })}
              {action(t('segments.snapshot.actionNamed', { name }), <IconCamera size={16} />, { onClick: () => onSnapshot(segment), 'data-testid': 'snapshot-segment' })}
              {/* Static segments are never recomputed; the gap keeps the icons in columns. */}
              {segment.kind === 'dynamic'
                ? action(t('segments.refreshNamed', { name }), <IconRefresh size={16} />, {
                    onClick: () => refresh.run(segment),
                    loading: refresh.pending === segment.id,
                    'data-testid': 'refresh-segment',
                  })
                : <Box w={28} aria-hidden />}
              {action(t('segments.delete.actionNamed', { name }), <IconTrash size={16} />, { color: 'red', onClick: () => onDelete(segment), 'data-testid': 'delete-segment' })}
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
