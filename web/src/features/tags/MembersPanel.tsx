import { useState } from 'react';
import { ActionIcon, Alert, Anchor, Button, EmptyState, Group, Stack, Table, Text, Textarea, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconTrash, IconUserPlus, IconUsers, IconUserMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert } from '../../app/components.tsx';
import { useAssignMembers, useTagMembers } from './queries.ts';
import type { AssignResult, Tag } from './types.ts';

/** The server takes this many customers per request. */
const BATCH = 10_000;

/** Codes pasted from a spreadsheet or a list: one per line, or separated by commas, semicolons or spaces. */
export const parseCodes = (text: string) => [...new Set(text.split(/[\s,;\uFF0C\uFF1B\u3001]+/).map((c) => c.trim()).filter(Boolean))];

/** Customers who have a tag, a page at a time; for manual and imported tags, adding and removing them by code. */
export function MembersPanel({ tag }: { tag: Tag }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const members = useTagMembers(tag.id);
  const assign = useAssignMembers(tag.id);
  const editable = tag.kind !== 'rule' && tag.active && can('tag:assign');
  const items = members.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      {tag.kind === 'rule' && (
        <Text size="sm" c="dimmed">
          {t('tags.members.ruleHint')}
        </Text>
      )}
      {editable && <AddByCode tagId={tag.id} />}
      {members.error && <ErrorAlert error={members.error} />}
      {assign.error && <ErrorAlert error={assign.error} />}
      {members.data && items.length === 0 && <EmptyState py="md" icon={<IconUsers size={24} />} title={t('tags.members.empty')} data-testid="members-empty" />}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs" highlightOnHover data-testid="members-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('customer.fields.code')}</Table.Th>
                <Table.Th scope="col">{t('customer.fields.name')}</Table.Th>
                <Table.Th scope="col">{t('tags.members.since')}</Table.Th>
                {editable && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('tags.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((member) => (
                <Table.Tr key={member.id} data-testid="member-row" data-code={member.code}>
                  <Table.Td>
                    <Text size="sm" className="mono">
                      {member.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${member.id}`} size="sm">
                      {member.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" title={format.dateTime(member.since)}>
                      {format.date(member.since)}
                    </Text>
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Tooltip label={t('tags.members.removeNamed', { name: member.name })}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('tags.members.removeNamed', { name: member.name })}
                          loading={assign.isPending && assign.variables?.customerIds?.[0] === member.id}
                          onClick={() => assign.mutate({ change: 'remove', customerIds: [member.id] })}
                          data-testid="remove-member"
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="members-shown">
            {t('tags.members.shown', { n: format.number(items.length), total: format.number(tag.memberCount) })}
          </Text>
          {members.hasNextPage && (
            <Button variant="subtle" size="xs" onClick={() => members.fetchNextPage()} loading={members.isFetchingNextPage} data-testid="members-more">
              {t('tags.members.more')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

function AddByCode({ tagId }: { tagId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const assign = useAssignMembers(tagId);
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ change: 'add' | 'remove'; totals: AssignResult } | null>(null);
  const [busy, setBusy] = useState<'add' | 'remove' | null>(null);
  const codes = parseCodes(text);

  async function run(change: 'add' | 'remove') {
    setBusy(change);
    setResult(null);
    const totals: AssignResult = { changed: 0, unchanged: 0, notFound: 0 };
    try {
      // Large pastes go in batches the server accepts; each batch is all or nothing.
      for (let i = 0; i < codes.length; i += BATCH) {
        const r = await assign.mutateAsync({ change, codes: codes.slice(i, i + BATCH) });
        totals.changed += r.changed;
        totals.unchanged += r.unchanged;
        totals.notFound += r.notFound;
      }
      setResult({ change, totals });
      if (totals.notFound === 0) setText('');
    } catch {
      // shown by the alert below
    } finally {
      setBusy(null);
    }
  }

  const n = (v: number) => format.number(v);
  return (
    <Stack gap="xs" data-testid="members-by-code">
      <Textarea
        label={t('tags.members.byCode')}
        description={t('tags.members.byCodeHint')}
        placeholder={'C202600000001\nC202600000002'}
        autosize
        minRows={3}
        maxRows={8}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        classNames={{ input: 'mono' }}
        data-testid="member-codes"
      />
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text size="xs" c="dimmed">
          {t('tags.members.codeCount', { n: n(codes.length), count: codes.length })}
        </Text>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconUserMinus size={16} />} disabled={codes.length === 0 || busy === 'add'} loading={busy === 'remove'} onClick={() => run('remove')} data-testid="remove-codes">
            {t('tags.members.removeCodes')}
          </Button>
          <Button leftSection={<IconUserPlus size={16} />} disabled={codes.length === 0 || busy === 'remove'} loading={busy === 'add'} onClick={() => run('add')} data-testid="add-codes">
            {t('tags.members.addCodes')}
          </Button>
        </Group>
      </Group>
      {assign.error && <ErrorAlert error={assign.error} />}
      {result && (
        <Alert color={result.totals.notFound ? 'orange' : 'teal'} variant="light" p="xs" data-testid="members-result">
          <Text size="sm">
            {t(result.change === 'add' ? 'tags.members.added' : 'tags.members.removed', {
              changed: n(result.totals.changed),
              unchanged: n(result.totals.unchanged),
              notFound: n(result.totals.notFound),
            })}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
