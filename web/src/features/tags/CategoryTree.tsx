import { useState, type ReactNode } from 'react';
import { ActionIcon, Badge, Box, Button, Group, Menu, Modal, NumberInput, Stack, Text, TextInput, TreeSelect, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight, IconDots, IconFolderPlus, IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../app/components.tsx';
import { categoryTree, categoryTreeData, localName, type CategoryNode } from './labels.tsx';
import { useDeleteCategory, useSaveCategory } from './queries.ts';
import type { TagCategory } from './types.ts';

interface TreeProps {
  categories: TagCategory[];
  total: number;
  selected: number | null;
  onSelect: (id: number | null) => void;
  canManage: boolean;
}

type Dialog = { mode: 'edit'; category: TagCategory } | { mode: 'create'; parentId: number | null } | { mode: 'delete'; category: TagCategory } | null;

/** The category tree beside the catalogue: choose one to list its tags (and those of its sub-categories). */
export function CategoryTree({ categories, total, selected, onSelect, canManage }: TreeProps) {
  const { t, i18n } = useTranslation();
  const roots = categoryTree(categories);
  // Top-level categories start open; with 80 categories the deeper levels would drown them.
  const [collapsed, setCollapsed] = useState<Set<number>>(() => new Set(categories.filter((c) => c.parentId !== null).map((c) => c.id)));
  const [dialog, setDialog] = useState<Dialog>(null);
  const toggle = (id: number) =>
    setCollapsed((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const row = (node: CategoryNode) => {
    const open = !collapsed.has(node.id);
    return (
      <Box key={node.id}>
        <CategoryRow
          name={localName(node, i18n.language)}
          count={node.tagCount}
          depth={node.depth}
          active={selected === node.id}
          onClick={() => onSelect(node.id)}
          expandable={node.children.length > 0}
          open={open}
          onToggle={() => toggle(node.id)}
          menu={
            canManage && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('tags.categories.actionsFor', { name: localName(node, i18n.language) })} data-testid="category-menu">
                    <IconDots size={14} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setDialog({ mode: 'edit', category: node })} data-testid="category-edit">
                    {t('tags.categories.rename')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconFolderPlus size={14} />} onClick={() => setDialog({ mode: 'create', parentId: node.id })} data-testid="category-add-child">
                    {t('tags.categories.addChild')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={() => setDialog({ mode: 'delete', category: node })} data-testid="category-delete">
                    {t('tags.categories.delete')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )
          }
        />
        {open && node.children.map(row)}
      </Box>
    );
  };

  return (
    <Stack gap={2} data-testid="category-tree">
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          {t('tags.categories.title')}
        </Text>
        {canManage && (
          <Button size="compact-xs" variant="subtle" leftSection={<IconFolderPlus size={14} />} onClick={() => setDialog({ mode: 'create', parentId: null })} data-testid="new-category">
            {t('tags.categories.new')}
          </Button>
        )}
      </Group>
      <CategoryRow name={t('tags.categories.all')} count={total} depth={0} active={selected === null} onClick={() => onSelect(null)} />
      {roots.map(row)}
      {categories.length === 0 && (
        <Text size="xs" c="dimmed" px="xs" py={4}>
          {t('tags.categories.none')}
        </Text>
      )}
      <CategoryDialogs dialog={dialog} categories={categories} onClose={() => setDialog(null)} onDeleted={(id) => selected === id && onSelect(null)} />
    </Stack>
  );
}

function CategoryRow(props: {
  name: string;
  count: number;
  depth: number;
  active: boolean;
  onClick: () => void;
  expandable?: boolean;
  open?: boolean;
  onToggle?: () => void;
  menu?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group
      gap={2}
      wrap="nowrap"
      pl={props.depth * 14}
      style={{ borderRadius: 6, background: props.active ? 'var(--mantine-color-blue-light)' : undefined }}
      data-testid="category-row"
      data-active={props.active || undefined}
    >
      <Box w={22} style={{ flexShrink: 0 }}>
        {props.expandable && (
          <ActionIcon variant="subtle" color="gray" size="sm" onClick={props.onToggle} aria-label={props.open ? t('common.collapse') : t('common.expand')} aria-expanded={props.open}>
            {props.open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          </ActionIcon>
        )}
      </Box>
      <UnstyledButton onClick={props.onClick} aria-current={props.active ? 'true' : undefined} py={5} px={4} style={{ flex: 1, minWidth: 0 }} data-testid="category-select">
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Text size="sm" fw={props.active ? 600 : undefined} truncate data-testid="category-name">
            {props.name}
          </Text>
          <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
            {props.count}
          </Badge>
        </Group>
      </UnstyledButton>
      <Box w={26} style={{ flexShrink: 0 }}>
        {props.menu}
      </Box>
    </Group>
  );
}

function CategoryDialogs({ dialog, categories, onClose, onDeleted }: { dialog: Dialog; categories: TagCategory[]; onClose: () => void; onDeleted: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const remove = useDeleteCategory();
  const deleting = dialog?.mode === 'delete' ? dialog.category : null;
  return (
    <>
      <Modal
        opened={dialog?.mode === 'create' || dialog?.mode === 'edit'}
        onClose={onClose}
        title={dialog?.mode === 'edit' ? t('tags.categories.editTitle') : t('tags.categories.newTitle')}
      >
        {(dialog?.mode === 'create' || dialog?.mode === 'edit') && (
          <CategoryForm
            key={dialog.mode === 'edit' ? dialog.category.id : `new-${dialog.parentId}`}
            category={dialog.mode === 'edit' ? dialog.category : null}
            parentId={dialog.mode === 'create' ? dialog.parentId : dialog.category.parentId}
            categories={categories}
            onDone={onClose}
          />
        )}
      </Modal>
      <Modal opened={Boolean(deleting)} onClose={() => (remove.reset(), onClose())} title={t('tags.categories.deleteTitle')}>
        {deleting && (
          <Stack gap="md">
            <Text size="sm">{t('tags.categories.deleteConfirm', { name: localName(deleting, i18n.language) })}</Text>
            {remove.error && <ErrorAlert error={remove.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => (remove.reset(), onClose())}>
                {t('common.cancel')}
              </Button>
              <Button
                color="red"
                loading={remove.isPending}
                data-testid="confirm-delete-category"
                onClick={() =>
                  remove.mutate(deleting.id, {
                    onSuccess: () => {
                      notifications.show({ color: 'teal', message: t('tags.categories.deleted', { name: localName(deleting, i18n.language) }) });
                      onDeleted(deleting.id);
                      onClose();
                    },
                  })
                }
              >
                {t('tags.categories.delete')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

function CategoryForm({ category, parentId, categories, onDone }: { category: TagCategory | null; parentId: number | null; categories: TagCategory[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveCategory();
  const form = useForm({
    initialValues: { nameZh: category?.nameZh ?? '', nameEn: category?.nameEn ?? '', parentId: parentId === null ? null : String(parentId), sort: category?.sort ?? 0 },
    validate: { nameZh: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const placed = isApiError(save.error) && save.error.errors.length > 0 && save.error.errors.every((e) => /^body\.(nameZh|nameEn|parentId|sort)$/.test(e.field));
  return (
    <form
      noValidate
      data-testid="category-form"
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          {
            id: category?.id ?? null,
            body: { nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim() || null, parentId: values.parentId ? Number(values.parentId) : null, sort: Number(values.sort) || 0 },
          },
          {
            onSuccess: (saved) => {
              notifications.show({ color: 'teal', message: t('tags.categories.saved', { name: localName(saved, i18n.language) }) });
              onDone();
            },
            onError: (error) => form.setErrors(fieldErrors(error)),
          },
        ),
      )}
    >
      <Stack gap="sm">
        {save.error && !placed && <ErrorAlert error={save.error} />}
        <TextInput label={t('tags.fields.nameZh')} withAsterisk data-autofocus data-testid="category-nameZh" {...form.getInputProps('nameZh')} />
        <TextInput label={t('tags.fields.nameEn')} data-testid="category-nameEn" {...form.getInputProps('nameEn')} />
        <TreeSelect
          label={t('tags.categories.parent')}
          placeholder={t('tags.categories.noParent')}
          data={categoryTreeData(categories, i18n.language, category?.id)}
          clearable
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="category-parent"
          {...form.getInputProps('parentId')}
        />
        <NumberInput label={t('tags.categories.sort')} description={t('tags.categories.sortHint')} min={0} max={100_000} allowDecimal={false} {...form.getInputProps('sort')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="save-category">
            {category ? t('common.save') : t('tags.categories.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
