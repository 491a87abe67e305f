import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from './components.tsx';

/** The clear "not found" (also: outside your scope) and "not allowed" pages. */
export function ErrorPage({ status }: { status: 403 | 404 }) {
  const { t } = useTranslation();
  const key = status === 403 ? 'forbidden' : 'notFound';
  usePageTitle(t(`errors.${key}.title`));
  return (
    <Center mih="60vh" data-testid={`error-${status}`}>
      <Stack align="center" gap="sm" maw={480} ta="center">
        <Text fz={64} fw={800} c="dimmed" lh={1} aria-hidden>
          {status}
        </Text>
        <Title order={1} fz="h2">
          {t(`errors.${key}.title`)}
        </Title>
        <Text c="dimmed">{t(`errors.${key}.body`)}</Text>
        <Button component={Link} to="/" variant="light" mt="sm">
          {t('errors.backHome')}
        </Button>
      </Stack>
    </Center>
  );
}

export const NotFoundPage = () => <ErrorPage status={404} />;
export const ForbiddenPage = () => <ErrorPage status={403} />;
