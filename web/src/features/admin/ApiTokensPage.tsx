import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  EmptyState,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconBan, IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import type { ApiToken, CreatedApiToken } from '../../lib/types.ts';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { DayInput } from '../../app/DayInput.tsx';
import { UserSelect, userLabel } from '../customers/UserSelect.tsx';
import { useUsersById } from '../customers/queries.ts';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './queries-data.ts';

type TokenState = 'active' | 'expired' | 'revoked';
const STATE_COLORS: Record<TokenState, string> = { active: 'teal', expired: 'gray', revoked: 'red' };

function tokenState(token: ApiToken): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now()) return 'expired';
  return 'active';
}

const EXPIRY_PRESETS = ['never', '30', '90', '180', '365', 'date'] as const;
type Expiry = (typeof EXPIRY_PRESETS)[number];

function expiresAt(expiry: Expiry, date: string): string | null {
  if (expiry === 'never') return null;
  if (expiry === 'date') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    // The token works until the end of the chosen day.
    return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59).toISOString() : null;
  }
  return new Date(Date.now() + Number(expiry) * 86_400_000).toISOString();
}

const localDay = (offsetDays: number) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function CreateTokenForm({ onCreated, onCancel }: { onCreated: (token: CreatedApiToken) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApiToken();
  const form = useForm({
    initialValues: { name: '', userId: null as string | null, expiry: 'never' as Expiry, date: '' },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      userId: (v) => (v ? null : t('validation.required')),
      date: (v, values) => (values.expiry !== 'date' || /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t('validation.required')),
    },
  });
  const unplaced = isApiError(create.error) ? create.error.errors.length === 0 || create.error.errors.some((e) => !/^body\.(name|userId)$/.test(e.field)) : Boolean(create.error);
  return (
    <form
      noValidate
      data-testid="token-form"
      onSubmit={form.onSubmit((values) =>
        create.mutate(
          { name: values.name.trim(), userId: Number(values.userId), expiresAt: expiresAt(values.expiry, values.date) },
          { onSuccess: onCreated, onError: (error) => form.setErrors(fieldErrors(error)) },
        ),
      )}
    >
      <Stack gap="md">
        {create.error && unplaced && <ErrorAlert error={create.error} />}
        <TextInput
          label={t('admin.tokens.fields.name')}
          description={t('admin.tokens.nameHint')}
          withAsterisk
          data-autofocus
          data-testid="token-name"
          {...form.getInputProps('name')}
        />
        <UserSelect
          label={t('admin.tokens.fields.user')}
          description={t('admin.tokens.userHint')}
          placeholder={t('admin.tokens.userPlaceholder')}
          withAsterisk
          data-testid="token-user"
          comboboxProps={{ withinPortal: true }}
          value={form.values.userId}
          onChange={(value) => form.setFieldValue('userId', value)}
          error={form.errors.userId}
        />
        <Select
          label={t('admin.tokens.fields.expiresAt')}
          data={EXPIRY_PRESETS.map((value) => ({ value, label: t(`admin.tokens.expiry.${value}`) }))}
          allowDeselect={false}
          data-testid="token-expiry"
          {...form.getInputProps('expiry')}
        />
        {form.values.expiry === 'date' && (
          <DayInput label={t('admin.tokens.expiryDate')} min={localDay(1)} withAsterisk data-testid="token-expiry-date" {...form.getInputProps('date')} />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} leftSection={<IconKey size={16} />} data-testid="create-token">
            {t('admin.tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The clear token, shown once, right after it was created. */
function TokenSecret({ token, onClose }: { token: CreatedApiToken; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="token-created">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('admin.tokens.onceTitle')} role="alert">
        {t('admin.tokens.onceBody')}
      </Alert>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="token-secret-label">
          {t('admin.tokens.secret', { name: token.name })}
        </Text>
        <Group gap="xs" wrap="nowrap" align="stretch">
          <Code
            block
            aria-labelledby="token-secret-label"
            data-testid="token-secret"
            style={{ flex: 1, minWidth: 0, wordBreak: 'break-all', whiteSpace: 'pre-wrap', userSelect: 'all' }}
          >
            {token.token}
          </Code>
          <CopyButton value={token.token} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'filled' : 'light'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
                data-testid="copy-token"
                style={{ flexShrink: 0 }}
                h="auto"
              >
                {copied ? t('admin.tokens.copied') : t('admin.tokens.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <Text size="sm" c="dimmed">
        {t('admin.tokens.usage')} <Code>Authorization: Bearer {token.prefix}…</Code>
      </Text>
      <Group justify="flex-end">
        <Button onClick={onClose} data-testid="close-token">
          {t('admin.tokens.saved')}
        </Button>
      </Group>
    </Stack>
  );
}

export default function ApiTokensPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('admin.tokens.title'));
  const tokens = useApiTokens();
  const list = tokens.data ?? [];
  const users = useUsersById(list.flatMap((token) => [token.userId, ...(token.createdBy ? [token.createdBy] : [])]));
  const userName = (id: number | null) => {
    if (id === null) return '';
    const user = users.data?.find((u) => u.id === id);
    return user ? userLabel(user) : `#${id}`;
  };
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });

  const [creating, setCreating] = useState<{ opened: boolean; round: number; created: CreatedApiToken | null }>({ opened: false, round: 0, created: null });
  const openCreate = () => setCreating((c) => ({ opened: true, round: c.round + 1, created: null }));
  // The secret is dropped when the dialog closes: it cannot be shown again.
  const closeCreate = () => setCreating((c) => ({ ...c, opened: false, created: null }));

  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [revokeOpened, setRevokeOpened] = useState(false);
  const revoke = useRevokeApiToken();
  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('admin.tokens.revoked', { name: revoking.name }) });
        setRevokeOpened(false);
      },
    });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('admin.tokens.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={openCreate} data-testid="new-token">
          {t('admin.tokens.new')}
        </Button>
      </Group>
      <Text c="dimmed" size="sm" maw={760}>
        {t('admin.tokens.intro')}
      </Text>

      {tokens.error && <ErrorAlert error={tokens.error} />}

      <Paper withBorder component="section" aria-label={t('admin.tokens.title')}>
        {tokens.isPending && <PageLoader />}
        {tokens.data && list.length === 0 && (
          <EmptyState py="xl" icon={<IconKey size={28} />} title={t('admin.tokens.empty')} description={t('admin.tokens.emptyHint')} data-testid="tokens-empty">
            <Group justify="center" mt="sm">
              <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
                {t('admin.tokens.new')}
              </Button>
            </Group>
          </EmptyState>
        )}
        {list.length > 0 && (
          <Table.ScrollContainer minWidth={960}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="tokens-table">
              <Table.Thead>
                <Table.Tr>
                  {(['name', 'user', 'prefix', 'status', 'createdAt', 'expiresAt', 'lastUsedAt'] as const).map((key) => (
                    <Table.Th key={key} scope="col" style={{ whiteSpace: 'nowrap' }}>
                      {t(`admin.tokens.fields.${key}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('admin.tokens.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((token) => {
                  const state = tokenState(token);
                  return (
                    <Table.Tr key={token.id} data-testid="token-row" data-token-id={token.id} c={state === 'active' ? undefined : 'dimmed'}>
                      <Table.Td miw={140}>
                        <Text size="sm" fw={500}>
                          {token.name}
                        </Text>
                      </Table.Td>
                      <Table.Td miw={140}>
                        <Text size="sm">{userName(token.userId)}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm" className="mono">
                          {token.prefix}…
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Tooltip
                          label={state === 'revoked' ? format.dateTime(token.revokedAt) : format.dateTime(token.expiresAt)}
                          disabled={state === 'active'}
                          withArrow
                        >
                          <Badge variant="light" color={STATE_COLORS[state]} data-testid="token-state">
                            {t(`admin.tokens.state.${state}`)}
                          </Badge>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{format.dateTime(token.createdAt)}</Text>
                        {token.createdBy !== null && (
                          <Text size="xs" c="dimmed">
                            {userName(token.createdBy)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{token.expiresAt ? format.dateTime(token.expiresAt) : t('admin.tokens.never')}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm" title={token.lastUsedAt ? format.dateTime(token.lastUsedAt) : undefined}>
                          {token.lastUsedAt ? format.relative(token.lastUsedAt) : t('admin.tokens.neverUsed')}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {state !== 'revoked' && (
                          <Button
                            variant="subtle"
                            color="red"
                            size="compact-sm"
                            leftSection={<IconBan size={14} />}
                            onClick={() => {
                              revoke.reset();
                              setRevoking(token);
                              setRevokeOpened(true);
                            }}
                            aria-label={t('admin.tokens.revokeNamed', { name: token.name })}
                            data-testid="revoke-token"
                          >
                            {t('admin.tokens.revoke')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Modal
        opened={creating.opened}
        onClose={closeCreate}
        title={creating.created ? t('admin.tokens.createdTitle') : t('admin.tokens.newTitle')}
        size="lg"
        fullScreen={phone}
        // With the secret on screen, only the explicit button closes the dialog.
        closeOnClickOutside={false}
        closeOnEscape={!creating.created}
        withCloseButton={!creating.created}
      >
        {creating.created ? (
          <TokenSecret token={creating.created} onClose={closeCreate} />
        ) : (
          <CreateTokenForm key={creating.round} onCancel={closeCreate} onCreated={(created) => setCreating((c) => ({ ...c, created }))} />
        )}
      </Modal>

      <Modal opened={revokeOpened} onClose={() => setRevokeOpened(false)} title={t('admin.tokens.revokeTitle')} size="md">
        <Stack gap="md" data-testid="revoke-dialog">
          <Text size="sm">{t('admin.tokens.revokeConfirm', { name: revoking?.name ?? '' })}</Text>
          {revoking && (
            <Text size="sm" c="dimmed">
              {t('common.labelled', { label: t('admin.tokens.fields.user') })}
              {userName(revoking.userId)} · <span className="mono">{revoking.prefix}…</span>
            </Text>
          )}
          {revoke.error && <ErrorAlert error={revoke.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setRevokeOpened(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" leftSection={<IconBan size={16} />} loading={revoke.isPending} onClick={confirmRevoke} data-testid="confirm-revoke">
              {t('admin.tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
