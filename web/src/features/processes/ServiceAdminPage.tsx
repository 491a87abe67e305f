import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import { categoryName, categoryOptions } from '../kb/labels.tsx';
import type { TicketCategory } from '../kb/types.ts';
import { useSaveCategory, useSaveSla, useSla, useTicketCategories } from './queries.ts';
import { PRIORITIES, type Priority } from './types.ts';

/** Service desk settings: the complaint category tree (ticket:manage) and the hours to resolution by priority (settings:manage). */
export default function ServiceAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('serviceAdmin.title'));
  const can = usePermissions();
  const categories = can('ticket:manage');
  const sla = can('settings:manage');
  return (
    <Stack gap="md">
      <Title order={1} fz="h2">
        {t('serviceAdmin.title')}
      </Title>
      {!categories && !sla && (
        <Alert color="orange" variant="light">
          {t('serviceAdmin.nothing')}
        </Alert>
      )}
      {sla && <SlaCard />}
      {categories && <CategoriesCard />}
    </Stack>
  );
}

function SlaCard() {
  const { t } = useTranslation();
  const sla = useSla();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sla-title" data-testid="sla-card">
      <Title order={2} fz="h4" id="sla-title">
        {t('serviceAdmin.sla.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('serviceAdmin.sla.hint')}
      </Text>
      {sla.isPending ? <PageLoader /> : sla.error ? <ErrorAlert error={sla.error} /> : <SlaForm key={JSON.stringify(sla.data)} initial={sla.data} />}
    </Paper>
  );
}

function SlaForm({ initial }: { initial: Record<Priority, number> }) {
  const { t } = useTranslation();
  const save = useSaveSla();
  const form = useForm<Record<Priority, number | ''>>({
    initialValues: initial,
    validate: Object.fromEntries(PRIORITIES.map((p) => [p, (v: number | '') => (typeof v === 'number' && v > 0 ? null : t('serviceAdmin.sla.positive'))])),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        save.mutate(values as Record<Priority, number>, {
          onSuccess: () => notifications.show({ color: 'teal', message: t('serviceAdmin.sla.saved') }),
          onError: (error) => form.setErrors(fieldErrors(error)),
        }),
      )}
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {PRIORITIES.map((p) => (
          <NumberInput key={p} label={t(`serviceAdmin.priority.${p}`)} suffix={` ${t('serviceAdmin.sla.h')}`} min={1} max={8760} decimalScale={1} {...form.getInputProps(p)} data-testid={`sla-${p}`} />
        ))}
      </SimpleGrid>
      {save.error && !isApiError(save.error) && <ErrorAlert error={save.error} />}
      <Group justify="flex-end" mt="sm">
        <Button type="submit" loading={save.isPending} disabled={!form.isDirty()} data-testid="sla-save">
          {t('common.save')}
        </Button>
      </Group>
    </form>
  );
}

function CategoriesCard() {
  const { t, i18n } = useTranslation();
  const categories = useTicketCategories();
  const [editing, setEditing] = useState<TicketCategory | 'new' | null>(null);
  const rows = categoryOptions(categories.data ?? [], i18n.language);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="categories-title" data-testid="categories-card">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} fz="h4" id="categories-title">
            {t('serviceAdmin.categories.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('serviceAdmin.categories.hint')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="category-new">
          {t('serviceAdmin.categories.new')}
        </Button>
      </Group>
      {categories.isPending && <PageLoader />}
      {categories.error && <ErrorAlert error={categories.error} />}
      {categories.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="sm" highlightOnHover data-testid="categories-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('serviceAdmin.categories.name')}</Table.Th>
                <Table.Th scope="col">{t('serviceAdmin.categories.code')}</Table.Th>
                <Table.Th scope="col">{t('serviceAdmin.categories.other')}</Table.Th>
                <Table.Th scope="col" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ category: c, depth }) => (
                <Table.Tr key={c.id} data-testid="category-row" data-code={c.code} style={{ opacity: c.active ? 1 : 0.55 }}>
                  <Table.Td style={{ paddingLeft: 12 + depth * 24 }}>
                    <Group gap={6}>
                      <Text size="sm" fw={depth === 0 ? 600 : 400}>
                        {categoryName(c, i18n.language)}
                      </Text>
                      {!c.active && (
                        <Badge size="xs" color="gray" variant="light">
                          {t('serviceAdmin.categories.inactive')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td className="mono">{c.code}</Table.Td>
                  <Table.Td c="dimmed">{i18n.language === 'en' ? c.nameZh : c.nameEn}</Table.Td>
                  <Table.Td ta="right">
                    <Tooltip label={t('common.edit')}>
                      <ActionIcon variant="subtle" onClick={() => setEditing(c)} aria-label={t('common.edit')} data-testid="category-edit">
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('serviceAdmin.categories.new') : t('serviceAdmin.categories.edit')}>
        {editing !== null && <CategoryForm key={editing === 'new' ? 'new' : editing.id} category={editing === 'new' ? null : editing} all={categories.data ?? []} onDone={() => setEditing(null)} />}
      </Modal>
    </Paper>
  );
}

function CategoryForm({ category, all, onDone }: { category: TicketCategory | null; all: TicketCategory[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveCategory();
  const form = useForm({
    initialValues: { code: category?.code ?? '', nameZh: category?.nameZh ?? '', nameEn: category?.nameEn ?? '', parentId: category?.parentId ? String(category.parentId) : null, active: category?.active ?? true },
    validate: {
      code: (v: string) => (/^[a-z0-9][a-z0-9._-]{0,59}$/.test(v) ? null : t('serviceAdmin.categories.codeHint')),
      nameZh: (v: string) => (v.trim() ? null : t('validation.required')),
      nameEn: (v: string) => (v.trim() ? null : t('validation.required')),
    },
  });
  // A category cannot move under itself or its own subcategories.
  const below = new Set<number>();
  if (category) {
    const walk = (id: number) => {
      below.add(id);
      for (const c of all) if (c.parentId === id) walk(c.id);
    };
    walk(category.id);
  }
  const parents = categoryOptions(all, i18n.language).filter((o) => !below.has(o.category.id));
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          { id: category?.id ?? null, body: { code: values.code, nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(), parentId: values.parentId ? Number(values.parentId) : null, active: values.active } },
          {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('serviceAdmin.categories.saved') });
              onDone();
            },
            onError: (error) => form.setErrors(fieldErrors(error)),
          },
        ),
      )}
      data-testid="category-form"
    >
      <Stack gap="sm">
        {save.error && (!isApiError(save.error) || save.error.errors.length === 0) && <ErrorAlert error={save.error} />}
        <TextInput label={t('serviceAdmin.categories.code')} description={t('serviceAdmin.categories.codeHint')} withAsterisk className="mono" {...form.getInputProps('code')} data-testid="category-code" />
        <TextInput label={t('serviceAdmin.categories.nameZh')} withAsterisk {...form.getInputProps('nameZh')} data-testid="category-nameZh" />
        <TextInput label={t('serviceAdmin.categories.nameEn')} withAsterisk {...form.getInputProps('nameEn')} data-testid="category-nameEn" />
        <Select label={t('serviceAdmin.categories.parent')} placeholder={t('serviceAdmin.categories.topLevel')} data={parents.map((o) => ({ value: o.value, label: o.label }))} clearable searchable {...form.getInputProps('parentId')} data-testid="category-parent" />
        <Switch label={t('serviceAdmin.categories.active')} {...form.getInputProps('active', { type: 'checkbox' })} data-testid="category-active" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="category-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
