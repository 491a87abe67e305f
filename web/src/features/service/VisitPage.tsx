import { useState, type ReactNode } from 'react';
import { Alert, Box, Button, Center, Group, Paper, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCircleCheck, IconClockOff, IconLinkOff } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LanguageMenu } from '../../app/LanguageMenu.tsx';
import { PageLoader, usePageTitle } from '../../app/components.tsx';
import { api, isApiError } from '../../lib/api.ts';
import type { PublicVisit } from './types.ts';

function Notice({ icon, title, body, testId, color = 'gray' }: { icon: ReactNode; title: string; body: string; testId: string; color?: string }) {
  return (
    <Stack align="center" gap="xs" ta="center" py="md" data-testid={testId}>
      <Box c={color}>{icon}</Box>
      <Title order={2} fz="h3">
        {title}
      </Title>
      <Text c="dimmed">{body}</Text>
    </Stack>
  );
}

/**
 * What a customer opens from the text message after his case was handled: the ticket's number and
 * subject, 1 to 5 stars and a comment, sent once. No sign-in, nothing personal shown.
 */
export default function VisitPage() {
  const { t } = useTranslation();
  usePageTitle(t('service.public.title'));
  const token = useParams().token ?? '';
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const info = useQuery({ queryKey: ['public-visit', token], queryFn: ({ signal }) => api.get<PublicVisit>(`/public/visits/${encodeURIComponent(token)}`, undefined, signal), retry: false });
  const send = useMutation({ mutationFn: () => api.post<void>(`/public/visits/${encodeURIComponent(token)}`, { score, comment: comment.trim() || null }) });
  const refused = isApiError(send.error) && send.error.status === 409;

  let body: ReactNode;
  if (info.isPending) body = <PageLoader />;
  else if (info.error || !info.data) {
    body =
      isApiError(info.error) && (info.error.status === 404 || info.error.status === 400) ? (
        <Notice icon={<IconLinkOff size={40} />} title={t('service.public.invalid')} body={t('service.public.invalidBody')} testId="visit-invalid" />
      ) : (
        <Alert color="red">{t('errors.unexpected')}</Alert>
      );
  } else if (send.isSuccess) {
    body = <Notice icon={<IconCircleCheck size={48} />} color="teal" title={t('service.public.thanks')} body={t('service.public.thanksBody')} testId="visit-thanks" />;
  } else if (info.data.used || refused) {
    body = <Notice icon={<IconCircleCheck size={40} />} title={t('service.public.used')} body={t('service.public.usedBody')} testId="visit-used" />;
  } else if (info.data.expired) {
    body = <Notice icon={<IconClockOff size={40} />} title={t('service.public.expired')} body={t('service.public.expiredBody')} testId="visit-expired" />;
  } else {
    body = (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (score) send.mutate();
        }}
      >
        <Stack gap="md">
          <div>
            <Text size="xs" c="dimmed" ff="monospace" data-testid="visit-number">
              {info.data.number}
            </Text>
            <Text fw={600} data-testid="visit-subject">
              {info.data.subject}
            </Text>
          </div>
          <Stack gap={6} align="center">
            <Text ta="center">{t('service.public.question')}</Text>
            <Rating value={score} onChange={setScore} size="xl" aria-label={t('service.public.question')} data-testid="visit-stars" />
            <Text size="sm" c="dimmed" h={20}>
              {score ? t(`service.public.score${score}` as 'service.public.score5') : ''}
            </Text>
          </Stack>
          <Textarea label={t('service.public.comment')} autosize minRows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="visit-public-comment" />
          {send.error && !refused && <Alert color="red">{isApiError(send.error) ? send.error.title : t('errors.unexpected')}</Alert>}
          <Button type="submit" size="md" disabled={!score} loading={send.isPending} data-testid="visit-send">
            {t('service.public.send')}
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={420} gap="sm">
        <Group justify="space-between">
          <Text fw={700}>{t('app.name')}</Text>
          <LanguageMenu />
        </Group>
        <Paper withBorder p="lg" radius="md" shadow="xs">
          <Title order={1} fz="h3" mb="md">
            {t('service.public.title')}
          </Title>
          {body}
        </Paper>
      </Stack>
    </Center>
  );
}
