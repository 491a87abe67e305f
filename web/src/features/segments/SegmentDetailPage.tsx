import { useState, type ReactNode } from 'react';
import { Anchor, Breadcrumbs, Button, Card, DataList, EmptyState, Group, LoadingOverlay, Menu, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCamera, IconChevronDown, IconChevronLeft, IconChevronRight, IconDownload, IconExternalLink, IconPencil, IconRefresh, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { apiUrl, isApiError } from '../../lib/api.ts';
import { formatMobile, useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../app/auth.tsx';
import { customerUnitLabel, ErrorAlert, PageLoader, StatusBadge, usePageTitle } from '../../app/components.tsx';
import { RuleSummary } from '../tags/rule/RuleSummary.tsx';
import { localName, otherName, SegmentKindBadge } from './labels.tsx';
import { DeleteModal, SnapshotModal, useRefreshAction } from './SegmentActions.tsx';
import { useSegment, useSegmentMembers, useSegments } from './queries.ts';
import type { Segment } from './types.ts';

const PAGE_SIZE = 20;

/** One segment: what it is, its rule in words, its members in your scope with export, and its actions. */
export default function SegmentDetailPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const segment = useSegment(id);
  usePageTitle(segment.data ? localName(segment.data, i18n.language) : t('segments.title'));
  if (segment.isPending) return <PageLoader />;
  if (segment.error) return <ErrorAlert error={segment.error} title={isApiError(segment.error) && segment.error.status === 404 ? t('segments.notFound') : undefined} />;
  return <SegmentDetail key={segment.data.id} segment={segment.data} />;
}

function SegmentDetail({ segment }: { segment: Segment }) {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const format = useFormat();
  const navigate = useNavigate();
  const refresh = useRefreshAction();
  const all = useSegments();
  const [snapshotting, setSnapshotting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const other = otherName(segment, i18n.language);
  const source = segment.sourceSegmentId ? all.data?.find((s) => s.id === segment.sourceSegmentId) : undefined;

  const facts: [string, ReactNode][] = [
    [
      t('segments.fields.members'),
      <Text key="m" span size="sm">
        <Text span fw={700} data-testid="segment-detail-visible">
          {format.number(segment.visibleCount)}
        </Text>
        {segment.memberCount !== segment.visibleCount && (
          <Text span c="dimmed" size="xs" data-testid="segment-detail-total">
            {' '}
            {t('segments.membersTotal', { n: format.number(segment.memberCount) })}
          </Text>
        )}
      </Text>,
    ],
    [t('segments.fields.computedAt'), segment.computedAt ? format.dateTime(segment.computedAt) : t('segments.neverComputed')],
    ...(segment.sourceSegmentId
      ? [
          [
            t('segments.fields.source'),
            source ? (
              <Anchor key="s" component={Link} to={`/segments/${source.id}`} size="sm" data-testid="segment-source">
                {localName(source, i18n.language)}
              </Anchor>
            ) : (
              `#${segment.sourceSegmentId}`
            ),
          ] as [string, ReactNode],
        ]
      : []),
    [t('segments.fields.updatedAt'), format.dateTime(segment.updatedAt)],
  ];

  return (
    <Stack gap="md" data-testid="segment-detail" data-kind={segment.kind}>
      <Breadcrumbs>
        <Anchor component={Link} to="/segments" size="sm">
          {t('segments.title')}
        </Anchor>
        <Text size="sm">{localName(segment, i18n.language)}</Text>
      </Breadcrumbs>
      <Card withBorder padding="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Group gap="xs" wrap="wrap">
              <Title order={1} fz="h2" data-testid="segment-title">
                {localName(segment, i18n.language)}
              </Title>
              <SegmentKindBadge kind={segment.kind} />
            </Group>
            {other && <Text c="dimmed">{other}</Text>}
            <Text size="xs" c="dimmed">
              {t(`segments.kindHint.${segment.kind}`)}
            </Text>
            {segment.description && (
              <Text size="sm" maw={720} style={{ whiteSpace: 'pre-wrap' }}>
                {segment.description}
              </Text>
            )}
          </Stack>
          <Group gap="xs">
            {can('customer:export') && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="segment-export">
                    {t('segments.export')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{t('segments.exportHint')}</Menu.Label>
                  <Menu.Item component="a" href={apiUrl('/customers/export.csv', { segmentId: segment.id })} download data-testid="segment-export-csv">
                    {t('customers.list.exportCsv')}
                  </Menu.Item>
                  <Menu.Item component="a" href={apiUrl('/customers/export.xlsx', { segmentId: segment.id })} download data-testid="segment-export-xlsx">
                    {t('customers.list.exportXlsx')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            {can('segment:manage') && (
              <>
                {segment.kind === 'dynamic' && (
                  <Button variant="default" leftSection={<IconRefresh size={16} />} loading={refresh.pending === segment.id} onClick={() => refresh.run(segment)} data-testid="refresh-segment">
                    {t('segments.refresh')}
                  </Button>
                )}
                <Button variant="default" leftSection={<IconCamera size={16} />} onClick={() => setSnapshotting(true)} data-testid="snapshot-segment">
                  {t('segments.snapshot.action')}
                </Button>
                <Button component={Link} to={`/segments/${segment.id}/edit`} leftSection={<IconPencil size={16} />} data-testid="edit-segment">
                  {t('common.edit')}
                </Button>
                <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)} data-testid="delete-segment">
                  {t('segments.delete.action')}
                </Button>
              </>
            )}
          </Group>
        </Group>
        <DataList mt="md" orientation="horizontal" size="sm">
          {facts.map(([label, value], index) => (
            <DataList.Item key={index}>
              <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
              <DataList.ItemValue>{value}</DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      </Card>

      {segment.rule !== null && (
        <Card withBorder padding="lg" component="section" aria-labelledby="segment-rule">
          <Title order={2} fz="h4" id="segment-rule" mb="sm">
            {segment.kind === 'static' ? t('segments.ruleFrozen') : t('segments.form.rule')}
          </Title>
          <RuleSummary rule={segment.rule} />
        </Card>
      )}

      <Members segment={segment} />

      <SnapshotModal segment={snapshotting ? segment : null} onClose={() => setSnapshotting(false)} />
      <DeleteModal segment={deleting ? segment : null} onClose={() => setDeleting(false)} onDeleted={() => navigate('/segments')} />
    </Stack>
  );
}

/** The members in the reader's scope, a page at a time, from the customer list. */
function Members({ segment }: { segment: Segment }) {
  const { t } = useTranslation();
  const format = useFormat();
  // Keyset paging: the cursors of the pages before this one, so "previous" can go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const members = useSegmentMembers(segment.id, cursors[cursors.length - 1], PAGE_SIZE);
  const page = members.data;
  return (
    <Paper withBorder pos="relative" component="section" aria-labelledby="segment-members" data-testid="segment-members">
      <LoadingOverlay visible={members.isFetching && !members.isPending} zIndex={5} overlayProps={{ blur: 0, backgroundOpacity: 0.4 }} loaderProps={{ size: 'sm' }} />
      <Group justify="space-between" px="md" py="sm" wrap="wrap" gap="xs">
        <Group gap="sm" align="baseline">
          <Title order={2} fz="h4" id="segment-members">
            {t('segments.members.title')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="segment-members-total" data-total={page?.total}>
            {page ? t(page.totalIsEstimate ? 'customers.list.totalEstimate' : 'customers.list.total', { n: format.number(page.total) }) : t('common.loading')}
          </Text>
        </Group>
        <Anchor component={Link} to={`/customers?segmentId=${segment.id}`} size="sm" data-testid="segment-open-list">
          <Group gap={4} wrap="nowrap">
            {t('segments.members.openList')}
            <IconExternalLink size={14} />
          </Group>
        </Anchor>
      </Group>
      {members.error && <ErrorAlert error={members.error} />}
      {page && page.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="segment-member-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('customer.fields.name')}</Table.Th>
                <Table.Th scope="col">{t('customer.fields.code')}</Table.Th>
                <Table.Th scope="col">{t('customer.fields.status')}</Table.Th>
                <Table.Th scope="col">{t('customer.fields.mobile')}</Table.Th>
                <Table.Th scope="col">{t('customer.fields.orgUnit')}</Table.Th>
                <Table.Th scope="col">{t('customer.fields.owner')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.items.map((customer) => (
                <Table.Tr key={customer.id} data-testid="segment-member-row" data-code={customer.code}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${customer.id}`} size="sm" fw={500}>
                      {customer.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="mono">
                      {customer.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={customer.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="mono">
                      {formatMobile(customer.mobile)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{customerUnitLabel(customer)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{customer.ownerName ?? ''}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {page && page.items.length === 0 && <EmptyState py="xl" icon={<IconUsersGroup size={28} />} title={t('segments.members.empty')} data-testid="segment-members-empty" />}
      {(cursors.length > 1 || page?.nextCursor) && (
        <Group justify="flex-end" px="md" py="sm" gap="xs">
          <Text size="sm" c="dimmed">
            {t('customers.list.page', { page: format.number(cursors.length) })}
          </Text>
          <Button variant="default" size="sm" leftSection={<IconChevronLeft size={16} />} disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="members-previous">
            {t('customers.list.previous')}
          </Button>
          <Button
            variant="default"
            size="sm"
            rightSection={<IconChevronRight size={16} />}
            disabled={!page?.nextCursor || members.isPlaceholderData}
            onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}
            data-testid="members-next"
          >
            {t('customers.list.next')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
