import { Anchor, Badge, Breadcrumbs, Button, Card, DataList, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { KindBadge, categoryPath, localName, otherName } from './labels.tsx';
import { MembersPanel } from './MembersPanel.tsx';
import { useRecompute, useTag, useTagCategories } from './queries.ts';
import { RuleSummary } from './rule/RuleSummary.tsx';

/** One tag: what it is, its rule in words, and the customers who have it. */
export default function TagDetailPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const tag = useTag(id);
  const categories = useTagCategories();
  const can = usePermissions();
  const format = useFormat();
  const recompute = useRecompute();
  usePageTitle(tag.data ? localName(tag.data, i18n.language) : t('tags.title'));
  if (tag.isPending) return <PageLoader />;
  if (tag.error) return <ErrorAlert error={tag.error} title={isApiError(tag.error) && tag.error.status === 404 ? t('tags.notFound') : undefined} />;
  const current = tag.data;
  const other = otherName(current, i18n.language);

  return (
    <Stack gap="md" data-testid="tag-detail" data-kind={current.kind}>
      <Breadcrumbs>
        <Anchor component={Link} to="/tags" size="sm">
          {t('tags.title')}
        </Anchor>
        <Text size="sm">{localName(current, i18n.language)}</Text>
      </Breadcrumbs>
      <Card withBorder padding="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Group gap="xs" wrap="wrap">
              <Title order={1} fz="h2" data-testid="tag-title">
                {localName(current, i18n.language)}
              </Title>
              <KindBadge kind={current.kind} />
              <Badge variant="dot" color={current.active ? 'teal' : 'gray'}>
                {current.active ? t('tags.active') : t('tags.inactive')}
              </Badge>
            </Group>
            {other && <Text c="dimmed">{other}</Text>}
            {current.description && (
              <Text size="sm" maw={720} style={{ whiteSpace: 'pre-wrap' }}>
                {current.description}
              </Text>
            )}
          </Stack>
          {can('tag:manage') && (
            <Group gap="xs">
              {current.kind === 'rule' && (
                <Button
                  variant="default"
                  leftSection={<IconRefresh size={16} />}
                  loading={recompute.isPending}
                  disabled={!current.active}
                  onClick={() =>
                    recompute.mutate(current.id, {
                      onSuccess: (r) => notifications.show({ color: 'teal', message: t('tags.recomputed', { gained: r.gained, lost: r.lost }) }),
                      onError: (error) => notifications.show({ color: 'red', message: error.message }),
                    })
                  }
                  data-testid="recompute-tag"
                >
                  {t('tags.recompute')}
                </Button>
              )}
              <Button component={Link} to={`/tags/${current.id}/edit`} leftSection={<IconPencil size={16} />} data-testid="edit-tag">
                {t('common.edit')}
              </Button>
            </Group>
          )}
        </Group>
        <DataList mt="md" orientation="horizontal" size="sm">
          {[
            [t('tags.fields.key'), <Text key="k" span size="sm" className="mono">{current.key}</Text>],
            [t('tags.fields.category'), categoryPath(categories.data ?? [], current.categoryId, i18n.language) || t('tags.uncategorised')],
            [t('tags.fields.memberCount'), <Text key="m" span size="sm" fw={600} data-testid="tag-detail-members">{format.number(current.memberCount)}</Text>],
            ...(current.kind === 'rule' ? [[t('tags.fields.computedAt'), current.computedAt ? format.dateTime(current.computedAt) : t('tags.neverComputed')]] : []),
            [t('tags.fields.updatedAt'), format.dateTime(current.updatedAt)],
          ].map(([label, value], index) => (
            <DataList.Item key={index}>
              <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
              <DataList.ItemValue>{value}</DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      </Card>

      {current.kind === 'rule' && (
        <Card withBorder padding="lg" component="section" aria-labelledby="tag-rule">
          <Title order={2} fz="h4" id="tag-rule" mb="sm">
            {t('tags.form.rule')}
          </Title>
          <RuleSummary rule={current.rule} />
        </Card>
      )}

      <Card withBorder padding="lg" component="section" aria-labelledby="tag-members">
        <Title order={2} fz="h4" id="tag-members" mb="sm">
          {t('tags.members.title')}
        </Title>
        <MembersPanel tag={current} />
      </Card>
    </Stack>
  );
}
