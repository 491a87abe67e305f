import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { useFormat } from '../../lib/format.ts';
import { useProcessList } from './queries.ts';
import { NewProcessModal } from './NewProcessModal.tsx';

/** The processes cases run through (complaints, service requests, applications), latest version of each. */
export default function ProcessListPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('processes.title'));
  const format = useFormat();
  const list = useProcessList();
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} fz="h2">
          {t('processes.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} disabled={!list.data?.length} data-testid="new-process">
          {t('processes.new.button')}
        </Button>
      </Group>
      {list.data && <NewProcessModal opened={adding} onClose={() => setAdding(false)} processes={list.data} />}
      <Text c="dimmed" size="sm" maw={760}>
        {t('processes.intro')}
      </Text>
      {list.error && <ErrorAlert error={list.error} />}
      <Paper withBorder>
        {list.isPending && <PageLoader />}
        {list.data && (
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="process-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('processes.fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('processes.fields.key')}</Table.Th>
                  <Table.Th scope="col">{t('processes.version')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('processes.openCases')}
                  </Table.Th>
                  <Table.Th scope="col">{t('processes.savedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((p) => (
                  <Table.Tr key={p.key} data-testid="process-row" data-key={p.key}>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/processes/${p.key}`} fw={600} size="sm">
                        {i18n.language === 'en' ? p.nameEn : p.nameZh}
                      </Anchor>
                    </Table.Td>
                    <Table.Td className="mono">{p.key}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" size="sm">
                        {t('processes.versionN', { version: p.version })}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{format.number(p.openCases)}</Table.Td>
                    <Table.Td>{format.dateTime(p.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
