import { useState, type FormEvent } from 'react';
import { Loader, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notifications } from '@mantine/notifications';
import { api } from '../lib/api.ts';
import type { CustomerPage } from '../lib/types.ts';

/**
 * Code, mobile or name: one match opens that customer, several open the list filtered by it.
 */
export function GlobalSearch({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const q = value.trim();
    if (!q || busy) return;
    setBusy(true);
    try {
      const page = await queryClient.fetchQuery({
        queryKey: ['customers', 'search', q],
        queryFn: () => api.get<CustomerPage>('/customers', { q, limit: 2 }),
        staleTime: 10_000,
      });
      const only = page.items.length === 1 ? page.items[0] : undefined;
      navigate(only ? `/customers/${only.id}` : `/customers?${new URLSearchParams({ q })}`);
      setValue('');
      onDone?.();
    } catch (error) {
      notifications.show({ color: 'red', title: t('search.failed'), message: error instanceof Error ? error.message : '' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form role="search" onSubmit={submit} style={{ width: '100%' }}>
      <TextInput
        type="search"
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        leftSection={<IconSearch size={16} />}
        rightSection={busy ? <Loader size="xs" /> : null}
        data-testid="global-search"
        enterKeyHint="search"
      />
    </form>
  );
}
