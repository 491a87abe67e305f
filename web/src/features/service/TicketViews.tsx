import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Menu, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconDots, IconStar, IconStarOff, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../lib/api.ts';
import type { SavedView } from '../../lib/types.ts';
import { savedViewKeys, useSavedViews } from '../customers/queries.ts';
import { FILTER_KEYS } from './types.ts';

const PAGE = 'tickets';

/** The queue's filters in the address, as a view stores them. */
export function filtersOf(params: URLSearchParams): Record<string, string> {
  const state: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  return state;
}

function paramsOf(state: Record<string, unknown>, viewId?: number): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (typeof state[key] === 'string' && state[key]) params.set(key, state[key]);
  if (viewId) params.set('view', String(viewId));
  return params;
}

const same = (a: Record<string, string>, b: Record<string, unknown>) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
};

/**
 * The user's saved filters of the ticket queue (e.g. "overdue complaints of my branch"): pick
 * one, save the current filters as a new one or into the picked one, make one the default, delete.
 */
export function TicketViews({ params, onApply }: { params: URLSearchParams; onApply: (next: URLSearchParams, replace?: boolean) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const views = useSavedViews(PAGE);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [makeDefault, setMakeDefault] = useState(false);
  const activeId = Number(params.get('view'));
  const active = views.data?.find((v) => v.id === activeId);
  const current = filtersOf(params);
  const modified = active ? !same(current, active.state) : false;

  // The default view applies once, when the queue opens with no filters in the address.
  const opened = useRef({ blank: Object.keys(current).length === 0 && !params.get('view'), done: false });
  useEffect(() => {
    if (opened.current.done || !views.data) return;
    opened.current.done = true;
    const preferred = views.data.find((v) => v.isDefault);
    if (opened.current.blank && preferred) onApply(paramsOf(preferred.state, preferred.id), true);
  }, [views.data, onApply]);

  const done = (message: string) => {
    void client.invalidateQueries({ queryKey: savedViewKeys.page(PAGE) });
    notifications.show({ color: 'teal', message });
  };
  const failed = (error: unknown) => notifications.show({ color: 'red', title: t('service.views.failed'), message: isApiError(error) ? error.title : String(error) });
  const create = useMutation({
    mutationFn: () => api.post<SavedView>('/saved-views', { page: PAGE, name: name.trim(), state: current, isDefault: makeDefault }),
    onSuccess: (view) => {
      done(t('service.views.saved', { name: view.name }));
      setNaming(false);
      onApply(paramsOf(current, view.id), true);
    },
  });
  const update = useMutation({
    mutationFn: ({ view, body }: { view: SavedView; body: Partial<Pick<SavedView, 'state' | 'isDefault'>> }) => api.put<SavedView>(`/saved-views/${view.id}`, body),
    onSuccess: (view) => done(t('service.views.updated', { name: view.name })),
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: (view: SavedView) => api.delete(`/saved-views/${view.id}`),
    onSuccess: (_, view) => {
      done(t('service.views.deleted', { name: view.name }));
      onApply(paramsOf(current), true);
    },
    onError: failed,
  });
  const nameError = create.error ? (isApiError(create.error) && create.error.status === 409 ? t('service.views.nameTaken') : isApiError(create.error) ? create.error.title : String(create.error)) : undefined;

  return (
    <Group gap="xs" wrap="nowrap" align="flex-end" style={{ minWidth: 0, maxWidth: '100%' }} data-testid="ticket-views">
      <Select
        label={t('service.views.label')}
        placeholder={(views.data ?? []).length ? t('service.views.choose') : t('service.views.none')}
        data={(views.data ?? []).map((v) => ({ value: String(v.id), label: v.isDefault ? `${v.name} ★` : v.name }))}
        value={active ? String(active.id) : null}
        onChange={(value) => {
          const view = views.data?.find((v) => String(v.id) === value);
          onApply(view ? paramsOf(view.state, view.id) : new URLSearchParams());
        }}
        clearable
        w={220}
        style={{ minWidth: 0, flex: '0 1 auto' }}
        error={modified ? t('service.views.modified') : undefined}
        data-testid="ticket-view-select"
      />
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="input-sm" aria-label={t('service.views.actions')} data-testid="ticket-view-menu">
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={() => {
              create.reset();
              setName('');
              setMakeDefault(false);
              setNaming(true);
            }}
            data-testid="ticket-view-create"
          >
            {t('service.views.saveNew')}
          </Menu.Item>
          {active && (
            <>
              <Menu.Item leftSection={<IconDeviceFloppy size={16} />} disabled={!modified} onClick={() => update.mutate({ view: active, body: { state: current } })}>
                {t('service.views.update', { name: active.name })}
              </Menu.Item>
              <Menu.Item leftSection={active.isDefault ? <IconStarOff size={16} /> : <IconStar size={16} />} onClick={() => update.mutate({ view: active, body: { isDefault: !active.isDefault } })}>
                {active.isDefault ? t('service.views.clearDefault') : t('service.views.setDefault')}
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => remove.mutate(active)}>
                {t('service.views.delete', { name: active.name })}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={() => setNaming(false)} title={t('service.views.saveTitle')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <Stack gap="sm">
            <TextInput label={t('service.views.name')} withAsterisk maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)} error={nameError} data-autofocus data-testid="ticket-view-name" />
            <Checkbox label={t('service.views.makeDefault')} checked={makeDefault} onChange={(e) => setMakeDefault(e.currentTarget.checked)} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!name.trim()} data-testid="ticket-view-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
