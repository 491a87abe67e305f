import { Anchor, Badge, Button, EmptyState, Group, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHandGrab, IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useBilingual } from './labels.tsx';
import { isCaseMoved, useClaimFromInbox, useInbox } from './queries.ts';
import type { InboxItem } from './types.ts';

const subjectPath = (item: InboxItem) => (item.subjectType === 'ticket' ? `/tickets/${item.subjectId}` : null);

function InboxList({ box }: { box: 'mine' | 'department' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const bilingual = useBilingual();
  const inbox = useInbox(box);
  const claim = useClaimFromInbox();
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  if (inbox.isPending) return <PageLoader />;
  if (inbox.error) return <ErrorAlert error={inbox.error} />;
  if (items.length === 0) {
    return <EmptyState py="xl" icon={<IconInbox size={28} />} title={box === 'mine' ? t('service.inbox.emptyMine') : t('service.inbox.emptyDepartment')} data-testid="inbox-empty" />;
  }
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="inbox-table" data-box={box}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('service.fields.number')}</Table.Th>
              <Table.Th scope="col">{t('service.fields.subject')}</Table.Th>
              <Table.Th scope="col">{t('service.fields.state')}</Table.Th>
              <Table.Th scope="col">{t('service.inbox.since')}</Table.Th>
              <Table.Th scope="col">{t('service.inbox.due')}</Table.Th>
              {box === 'department' && <Table.Th scope="col" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => {
              const path = subjectPath(item);
              return (
                <Table.Tr key={item.id} data-testid="inbox-row" data-subject={item.subjectId} data-overdue={item.overdue} style={item.overdue ? { boxShadow: 'inset 3px 0 0 var(--mantine-color-red-6)' } : undefined}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {path ? (
                      <Anchor component={Link} to={path} size="sm" ff="monospace">
                        {item.reference}
                      </Anchor>
                    ) : (
                      <Text size="sm" ff="monospace">
                        {item.reference}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td miw={220}>
                    <Text size="sm" lineClamp={1}>
                      {item.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="indigo" miw="max-content">
                      {bilingual(item.stateNameZh, item.stateNameEn) || item.state}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" title={format.dateTime(item.stateEnteredAt)}>
                      {format.relative(item.stateEnteredAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {item.dueAt ? (
                      <Group gap={4} wrap="nowrap">
                        <Text size="sm" c={item.overdue ? 'red.7' : undefined} fw={item.overdue ? 600 : undefined} title={format.dateTime(item.dueAt)}>
                          {format.relative(item.dueAt)}
                        </Text>
                        {item.overdue && (
                          <Badge color="red" size="xs" data-testid="inbox-overdue">
                            {t('service.inbox.overdue')}
                          </Badge>
                        )}
                        {item.escalated && (
                          <Badge color="red" variant="outline" size="xs">
                            {t('service.escalated')}
                          </Badge>
                        )}
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  {box === 'department' && (
                    <Table.Td ta="right">
                      {item.subjectType === 'ticket' && (
                        <Button
                          size="xs"
                          variant="light"
                          color="grape"
                          leftSection={<IconHandGrab size={14} />}
                          loading={claim.isPending && claim.variables?.id === item.id}
                          onClick={() =>
                            claim.mutate(item, {
                              onSuccess: () => notifications.show({ color: 'teal', message: t('service.inbox.claimed', { reference: item.reference }) }),
                              onError: (error) =>
                                notifications.show({
                                  color: isCaseMoved(error) ? 'orange' : 'red',
                                  title: isCaseMoved(error) ? t('service.actions.moved') : undefined,
                                  message: isApiError(error) ? error.title : String(error),
                                }),
                            })
                          }
                          data-testid="inbox-claim"
                        >
                          {t('service.actions.claim')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {inbox.hasNextPage && (
        <Group justify="center" pb="sm">
          <Button variant="default" onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
            {t('service.list.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Cases waiting for me, and for my department's pool (which one of us claims), the most urgent first. */
export default function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('service.inbox.title'));
  const [params, setParams] = useSearchParams();
  const box = params.get('box') === 'department' ? 'department' : 'mine';
  return (
    <Stack gap="md">
      <Title order={1} fz="h2">
        {t('service.inbox.title')}
      </Title>
      <Paper withBorder>
        <Tabs value={box} onChange={(value) => setParams(value === 'department' ? { box: value } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="mine" data-testid="inbox-tab-mine">
              {t('service.inbox.mine')}
            </Tabs.Tab>
            <Tabs.Tab value="department" data-testid="inbox-tab-department">
              {t('service.inbox.department')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="mine">
            <InboxList box="mine" />
          </Tabs.Panel>
          <Tabs.Panel value="department">
            <InboxList box="department" />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Stack>
  );
}
