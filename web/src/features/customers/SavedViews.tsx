import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Badge, Button, Checkbox, Group, Menu, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconDots, IconPencil, IconStar, IconStarFilled, IconStarOff, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, isApiError } from '../../lib/api.ts';
import type { SavedView } from '../../lib/types.ts';
import { ErrorAlert } from '../../app/components.tsx';
import { isBlank, paramsFrom, sameState, stateFrom, viewState, type ViewState } from './listState.ts';
import { savedViewKeys, useSavedViews } from './queries.ts';

const PAGE = 'customers';

type Dialog = { kind: 'create' } | { kind: 'rename'; view: SavedView } | { kind: 'delete'; view: SavedView } | null;

function NameDialog({ dialog, state, onClose, onSaved }: { dialog: { kind: 'create' } | { kind: 'rename'; view: SavedView }; state: ViewState; onClose: () => void; onSaved: (view: SavedView) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const renaming = dialog.kind === 'rename';
  const form = useForm({
    initialValues: { name: renaming ? dialog.view.name : '', isDefault: false },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const save = useMutation({
    mutationFn: (values: { name: string; isDefault: boolean }) =>
      renaming
        ? api.put<SavedView>(`/saved-views/${dialog.view.id}`, { name: values.name.trim() })
        : api.post<SavedView>('/saved-views', { page: PAGE, name: values.name.trim(), state, isDefault: values.isDefault }),
    onSuccess: async (view) => {
      await queryClient.invalidateQueries({ queryKey: savedViewKeys.page(PAGE) });
      notifications.show({ color: 'teal', message: t(renaming ? 'customers.views.renamed' : 'customers.views.saved', { name: view.name }) });
      onSaved(view);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) form.setFieldError('name', t('customers.views.nameTaken'));
      else form.setErrors(fieldErrors(error));
    },
  });
  const unplaced = save.error && !(isApiError(save.error) && (save.error.status === 409 || save.error.errors.some((e) => /^body\.(name|isDefault)$/.test(e.field))));
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate data-testid="view-name-form">
      <Stack gap="sm">
        {unplaced && <ErrorAlert error={save.error} />}
        <TextInput label={t('customers.views.name')} withAsterisk maxLength={100} data-autofocus data-testid="view-name" {...form.getInputProps('name')} />
        {!renaming && <Checkbox label={t('customers.views.makeDefault')} description={t('customers.views.defaultHint')} data-testid="view-default" {...form.getInputProps('isDefault', { type: 'checkbox' })} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="view-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The user's saved views of the customer list: pick one, save the current filters, sort and
 * columns as a new one or into the picked one, rename, delete, and mark one as the default that
 * applies when the list opens without filters in the address.
 */
export function SavedViews({ params, onApply }: { params: URLSearchParams; onApply: (next: URLSearchParams, replace?: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const views = useSavedViews(PAGE);
  const [dialog, setDialog] = useState<Dialog>(null);
  const activeId = Number(params.get('view'));
  const active = views.data?.find((v) => v.id === activeId);
  const current = stateFrom(params);
  const modified = active ? !sameState(viewState(active.state), current) : false;

  // The default view applies once, when the page opens with nothing in the address.
  const opened = useRef({ blank: isBlank(params), done: false });
  useEffect(() => {
    if (opened.current.done || !views.data) return;
    opened.current.done = true;
    const preferred = views.data.find((v) => v.isDefault);
    if (opened.current.blank && preferred && isBlank(params)) onApply(paramsFrom(viewState(preferred.state), preferred.id), true);
  }, [views.data, params, onApply]);

  const invalidate = () => queryClient.invalidateQueries({ queryKey: savedViewKeys.page(PAGE) });
  const update = useMutation({
    mutationFn: ({ view, body }: { view: SavedView; body: Partial<Pick<SavedView, 'name' | 'state' | 'isDefault'>> }) => api.put<SavedView>(`/saved-views/${view.id}`, body),
    onSuccess: async (view, { body }) => {
      await invalidate();
      const message =
        body.isDefault === true ? 'customers.views.defaultSet' : body.isDefault === false ? 'customers.views.defaultCleared' : 'customers.views.updated';
      notifications.show({ color: 'teal', message: t(message, { name: view.name }) });
    },
    onError: (error) => notifications.show({ color: 'red', title: t('customers.views.failed'), message: isApiError(error) ? error.title : String(error) }),
  });
  const remove = useMutation({
    mutationFn: (view: SavedView) => api.delete(`/saved-views/${view.id}`),
    onSuccess: async (_, view) => {
      await invalidate();
      setDialog(null);
      notifications.show({ color: 'teal', message: t('customers.views.deleted', { name: view.name }) });
      if (view.id === activeId) {
        const next = new URLSearchParams(params);
        next.delete('view');
        onApply(next, true);
      }
    },
  });

  const data = (views.data ?? []).map((v) => ({ value: String(v.id), label: v.name }));
  const defaults = new Set((views.data ?? []).filter((v) => v.isDefault).map((v) => String(v.id)));

  return (
    <Group gap="xs" wrap="nowrap" align="flex-end" style={{ minWidth: 0 }} data-testid="saved-views">
      <Select
        label={t('customers.views.label')}
        placeholder={views.isPending ? t('common.loading') : data.length ? t('customers.views.choose') : t('customers.views.none')}
        data={data}
        value={active ? String(active.id) : null}
        onChange={(value) => {
          const view = views.data?.find((v) => String(v.id) === value);
          onApply(view ? paramsFrom(viewState(view.state), view.id) : new URLSearchParams());
        }}
        clearable
        searchable={data.length > 8}
        disabled={Boolean(views.error)}
        error={views.error ? t('customers.views.loadFailed') : undefined}
        nothingFoundMessage={t('common.nothingFound')}
        renderOption={({ option }) => (
          <Group gap={6} wrap="nowrap">
            <span>{option.label}</span>
            {defaults.has(option.value) && <IconStarFilled size={12} aria-label={t('customers.views.isDefault')} color="var(--mantine-color-yellow-6)" />}
          </Group>
        )}
        w={{ base: '100%', xs: 240 }}
        style={{ minWidth: 0, flex: '0 1 auto' }}
        data-testid="view-select"
      />
      {modified && (
        <Badge variant="light" color="orange" mb={8} style={{ flexShrink: 0 }} data-testid="view-modified">
          {t('customers.views.modified')}
        </Badge>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="input-sm" aria-label={t('customers.views.actions')} disabled={Boolean(views.error)} data-testid="view-menu">
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconDeviceFloppy size={16} />} onClick={() => setDialog({ kind: 'create' })} data-testid="view-create">
            {t('customers.views.saveNew')}
          </Menu.Item>
          {active && (
            <>
              <Menu.Item
                leftSection={<IconDeviceFloppy size={16} />}
                disabled={!modified}
                onClick={() => update.mutate({ view: active, body: { state: { ...current } } })}
                data-testid="view-update"
              >
                {t('customers.views.update', { name: active.name })}
              </Menu.Item>
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setDialog({ kind: 'rename', view: active })} data-testid="view-rename">
                {t('customers.views.rename')}
              </Menu.Item>
              <Menu.Item
                leftSection={active.isDefault ? <IconStarOff size={16} /> : <IconStar size={16} />}
                onClick={() => update.mutate({ view: active, body: { isDefault: !active.isDefault } })}
                data-testid="view-default-toggle"
              >
                {active.isDefault ? t('customers.views.clearDefault') : t('customers.views.setDefault')}
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog({ kind: 'delete', view: active })} data-testid="view-delete">
                {t('customers.views.delete')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>

      <Modal
        opened={dialog?.kind === 'create' || dialog?.kind === 'rename'}
        onClose={() => setDialog(null)}
        title={dialog?.kind === 'rename' ? t('customers.views.renameTitle') : t('customers.views.saveTitle')}
      >
        {(dialog?.kind === 'create' || dialog?.kind === 'rename') && (
          <NameDialog
            dialog={dialog}
            state={current}
            onClose={() => setDialog(null)}
            onSaved={(view) => {
              setDialog(null);
              if (dialog.kind === 'create') onApply(paramsFrom(current, view.id), true);
            }}
          />
        )}
      </Modal>
      <Modal opened={dialog?.kind === 'delete'} onClose={() => setDialog(null)} title={t('customers.views.deleteTitle')}>
        {dialog?.kind === 'delete' && (
          <Stack gap="sm">
            {remove.error && <ErrorAlert error={remove.error} />}
            <Text size="sm">{t('customers.views.deleteConfirm', { name: dialog.view.name })}</Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(dialog.view)} data-testid="view-delete-confirm">
                {t('customers.views.delete')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Group>
  );
}
