import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useLogin, useMe } from '../../app/auth.tsx';
import { LanguageMenu } from '../../app/LanguageMenu.tsx';
import { Brand } from '../../app/Brand.tsx';
import { PageLoader, usePageTitle } from '../../app/components.tsx';

/** Only same-app paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function LoginError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!error) return null;
  let message: string;
  let icon = <IconAlertTriangle size={18} />;
  if (isApiError(error)) {
    const lockedUntil = typeof error.problem.lockedUntil === 'string' ? error.problem.lockedUntil : null;
    if (error.status === 423 && lockedUntil) {
      message = t('login.locked', { until: format.dateTime(lockedUntil) });
      icon = <IconLock size={18} />;
    } else if (error.status === 0) message = t('errors.network');
    else message = error.title || t('errors.unexpected');
  } else message = t('errors.unexpected');
  return (
    <Alert color="red" variant="light" icon={icon} role="alert" data-testid="login-error">
      {message}
    </Alert>
  );
}

export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  usePageTitle(t('login.title'));
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });

  if (me.isPending) return <PageLoader />;
  if (me.data && !login.isPending) return <Navigate to={next} replace />;

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" py="xl" px="md">
      <Group justify="flex-end" maw={420} mx="auto">
        <LanguageMenu />
      </Group>
      <Center mt="6vh">
        <Stack w="100%" maw={400} gap="lg">
          <Stack align="center" gap={4}>
            <Brand size="lg" />
            <Text c="dimmed" size="sm">
              {t('app.tagline')}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" p="xl" radius="md" component="main">
            <form
              noValidate
              onSubmit={form.onSubmit((values) =>
                login.mutate({ username: values.username.trim(), password: values.password }, { onSuccess: () => navigate(next, { replace: true }) }),
              )}
            >
              <Stack>
                <Title order={1} fz="h3">
                  {t('login.title')}
                </Title>
                <LoginError error={login.error} />
                <TextInput
                  label={t('login.username')}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  data-autofocus
                  autoFocus
                  name="username"
                  {...form.getInputProps('username')}
                />
                <PasswordInput label={t('login.password')} autoComplete="current-password" name="password" {...form.getInputProps('password')} />
                <Button type="submit" loading={login.isPending} fullWidth mt="xs">
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {t('login.help')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
