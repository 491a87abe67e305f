import { Alert, Anchor, Breadcrumbs, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconTicket } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useBothLanguages } from '../../i18n/index.ts';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import { categoryOptions, localText } from './labels.tsx';
import { useArticle, useSaveArticle, useTicketCategories, useTicketForArticle } from './queries.ts';
import { ARTICLE_STATUSES, type Article, type ArticleStatus, type TicketForArticle } from './types.ts';

/** New article (/kb/new, or /kb/new?ticketId=… from a resolved ticket) and edit article (/kb/:id/edit). */
export default function KbFormPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id) || null;
  const [params] = useSearchParams();
  const ticketId = id ? null : Number(params.get('ticketId')) || null;
  const article = useArticle(id ?? 0);
  const ticket = useTicketForArticle(ticketId);
  usePageTitle(id ? t('kb.form.editTitle') : t('kb.form.newTitle'));
  // The prefill from a ticket is written in Chinese whatever the interface language.
  const both = useBothLanguages();
  if (!both) return <PageLoader />;
  if (id && article.isPending) return <PageLoader />;
  if (id && article.error) return <ErrorAlert error={article.error} title={isApiError(article.error) && article.error.status === 404 ? t('kb.notFound') : undefined} />;
  if (ticketId && ticket.isPending) return <PageLoader />;
  if (ticketId && ticket.error) return <ErrorAlert error={ticket.error} />;
  return <ArticleForm key={id ?? `new-${ticketId ?? ''}`} article={id ? article.data! : null} ticket={ticketId ? ticket.data! : null} />;
}

interface Values {
  titleZh: string;
  titleEn: string;
  categoryId: string | null;
  bodyZh: string;
  bodyEn: string;
  status: ArticleStatus;
}

const PLACED = /^body\.(titleZh|titleEn|categoryId|bodyZh|bodyEn|status)$/;

/** What a ticket gives an article: its subject as the title, its solution and resolution as the body (in Chinese, the articles' main language). */
function useFromTicket() {
  const { i18n } = useTranslation();
  const zh = i18n.getFixedT('zh-CN');
  return (source: TicketForArticle['ticket']) => {
    const parts: string[] = [];
    if (source.solution?.trim()) parts.push(`${zh('kb.form.prefillSolution')}\n${source.solution.trim()}`);
    if (source.resolution?.trim()) parts.push(`${zh('kb.form.prefillResolution')}\n${source.resolution.trim()}`);
    return { titleZh: source.subject, bodyZh: parts.join('\n\n'), categoryId: source.categoryId ? String(source.categoryId) : null };
  };
}

function ArticleForm({ article, ticket }: { article: Article | null; ticket: TicketForArticle | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveArticle();
  const categories = useTicketCategories();
  const fromTicket = useFromTicket();
  const prefill = ticket ? fromTicket(ticket.ticket) : null;
  const form = useForm<Values>({
    initialValues: {
      titleZh: article?.titleZh ?? prefill?.titleZh ?? '',
      titleEn: article?.titleEn ?? '',
      categoryId: article?.categoryId ? String(article.categoryId) : (prefill?.categoryId ?? null),
      bodyZh: article?.bodyZh ?? prefill?.bodyZh ?? '',
      bodyEn: article?.bodyEn ?? '',
      status: article?.status ?? 'published',
    },
    validate: {
      titleZh: (v) => (v.trim().length >= 2 ? null : t('kb.form.tooShort')),
      bodyZh: (v) => (v.trim().length >= 2 ? null : t('kb.form.tooShort')),
    },
  });
  const options = categoryOptions(categories.data ?? [], i18n.language, { activeOnly: true });
  const unresolved = ticket && !ticket.ticket.resolvedAt;

  function submit(values: Values) {
    const body = {
      categoryId: values.categoryId ? Number(values.categoryId) : null,
      titleZh: values.titleZh.trim(),
      titleEn: values.titleEn.trim() || null,
      bodyZh: values.bodyZh.trim(),
      bodyEn: values.bodyEn.trim() || null,
    };
    save.mutate(
      { id: article?.id ?? null, body: article ? { ...body, status: values.status } : { ...body, ticketId: ticket?.ticket.id ?? null } },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t(article ? 'kb.form.saved' : 'kb.form.created', { title: localText(saved.titleZh, saved.titleEn, i18n.language) }) });
          navigate(`/kb/${saved.id}`);
        },
        onError: (error) => form.setErrors(fieldErrors(error)),
      },
    );
  }

  const unplaced = save.error && (!isApiError(save.error) || save.error.errors.length === 0 || save.error.errors.some((e) => !PLACED.test(e.field)));

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} data-testid="kb-form">
      <Stack gap="md">
        <Breadcrumbs>
          <Anchor component={Link} to="/kb" size="sm">
            {t('kb.title')}
          </Anchor>
          {article && (
            <Anchor component={Link} to={`/kb/${article.id}`} size="sm">
              {localText(article.titleZh, article.titleEn, i18n.language)}
            </Anchor>
          )}
          <Text size="sm">{article ? t('common.edit') : t('kb.new')}</Text>
        </Breadcrumbs>
        <Title order={1} fz="h2">
          {article ? t('kb.form.editTitle') : t('kb.form.newTitle')}
        </Title>
        {ticket && (
          <Alert color="blue" variant="light" icon={<IconTicket size={16} />} data-testid="kb-from-ticket">
            {t('kb.form.fromTicket')}{' '}
            <Anchor component={Link} to={`/tickets/${ticket.ticket.id}`} size="sm" className="mono">
              {ticket.ticket.number}
            </Anchor>
          </Alert>
        )}
        {unresolved && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} data-testid="kb-ticket-unresolved">
            {t('kb.form.ticketUnresolved')}
          </Alert>
        )}
        {unplaced && <ErrorAlert error={save.error} />}
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('kb.fields.titleZh')} withAsterisk data-testid="kb-titleZh" {...form.getInputProps('titleZh')} />
              <TextInput label={t('kb.fields.titleEn')} data-testid="kb-titleEn" {...form.getInputProps('titleEn')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('kb.fields.category')}
                data={options.map((o) => ({ value: o.value, label: o.label }))}
                clearable
                searchable
                data-testid="kb-category"
                {...form.getInputProps('categoryId')}
              />
              {article && (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    {t('kb.fields.status')}
                  </Text>
                  <SegmentedControl
                    data={ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`kb.status.${s}`) }))}
                    value={form.values.status}
                    onChange={(v) => form.setFieldValue('status', v as ArticleStatus)}
                    data-testid="kb-status"
                  />
                </Stack>
              )}
            </SimpleGrid>
            <Textarea label={t('kb.fields.bodyZh')} withAsterisk autosize minRows={6} maxRows={20} data-testid="kb-bodyZh" {...form.getInputProps('bodyZh')} />
            <Textarea label={t('kb.fields.bodyEn')} description={t('kb.form.bodyEnHint')} autosize minRows={4} maxRows={20} data-testid="kb-bodyEn" {...form.getInputProps('bodyEn')} />
          </Stack>
        </Paper>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" component={Link} to={article ? `/kb/${article.id}` : '/kb'}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="kb-save">
            {article ? t('common.save') : t('kb.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
