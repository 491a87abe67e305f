import { Anchor, Breadcrumbs, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { ArticleStatusBadge, categoryOptions, localText } from './labels.tsx';
import { useArticle, useTicketCategories } from './queries.ts';

/** One article, in the interface language (the Chinese text when it has no English one). */
export default function KbArticlePage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const article = useArticle(id);
  const categories = useTicketCategories();
  const format = useFormat();
  const can = usePermissions();
  const title = article.data ? localText(article.data.titleZh, article.data.titleEn, i18n.language) : undefined;
  usePageTitle(title ?? t('kb.title'));
  if (article.isPending) return <PageLoader />;
  if (article.error) return <ErrorAlert error={article.error} title={isApiError(article.error) && article.error.status === 404 ? t('kb.notFound') : undefined} />;
  const a = article.data;
  const body = localText(a.bodyZh, a.bodyEn, i18n.language);
  // Shown in Chinese although English was asked for: say so.
  const fallback = i18n.language === 'en' && !(a.titleEn?.trim() && a.bodyEn?.trim());
  const category = categoryOptions(categories.data ?? [], i18n.language).find((o) => o.category.id === a.categoryId);

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/kb" size="sm">
          {t('kb.title')}
        </Anchor>
        <Text size="sm">{title}</Text>
      </Breadcrumbs>
      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
        <Group gap="sm">
          <Title order={1} fz="h2" data-testid="kb-article-title">
            {title}
          </Title>
          {a.status !== 'published' && <ArticleStatusBadge status={a.status} />}
        </Group>
        {can('ticket:manage') && (
          <Button component={Link} to={`/kb/${a.id}/edit`} variant="default" leftSection={<IconPencil size={16} />} data-testid="kb-edit">
            {t('common.edit')}
          </Button>
        )}
      </Group>
      <Group gap="lg" wrap="wrap">
        {category && (
          <Text size="sm" c="dimmed">
            {t('kb.categoryIs', { name: category.label })}
          </Text>
        )}
        {a.ticketId && (
          <Text size="sm" c="dimmed">
            {t('kb.fromTicket')}{' '}
            <Anchor component={Link} to={`/tickets/${a.ticketId}`} size="sm" className="mono" data-testid="kb-article-ticket">
              {a.ticketNumber ?? `#${a.ticketId}`}
            </Anchor>
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('kb.byline', { name: a.createdByName ?? '—', at: format.date(a.updatedAt) })}
        </Text>
      </Group>
      {fallback && (
        <Text size="xs" c="dimmed" data-testid="kb-fallback">
          {t('kb.chineseOnly')}
        </Text>
      )}
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <Text style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }} data-testid="kb-article-body">
          {body}
        </Text>
      </Paper>
    </Stack>
  );
}
