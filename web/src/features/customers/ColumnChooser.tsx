import { ActionIcon, Button, Checkbox, Divider, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_COLUMNS, FIXED_COLUMN, sameColumns } from './listState.ts';

export interface ColumnOption {
  id: string;
  label: string;
}

/**
 * Which columns the list shows and in what order: a tick per column, and up/down buttons (keyboard
 * friendly, unlike dragging) for the shown ones. Hidden columns are listed after the shown ones.
 */
export function ColumnChooser({ options, value, onChange }: { options: ColumnOption[]; value: string[]; onChange: (columns: string[]) => void }) {
  const { t } = useTranslation();
  const byId = new Map(options.map((o) => [o.id, o]));
  const shown = value.filter((id) => byId.has(id));
  const hidden = options.filter((o) => !shown.includes(o.id));
  const move = (index: number, by: -1 | 1) => {
    const next = [...shown];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  return (
    <Popover position="bottom-end" width={300} trapFocus returnFocus shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns size={16} />} data-testid="column-chooser">
          {t('customers.columns.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="xs" data-testid="column-chooser-dropdown">
        <Text size="sm" fw={600} px={4} id="column-chooser-title">
          {t('customers.columns.title')}
        </Text>
        <Text size="xs" c="dimmed" px={4} mb="xs">
          {t('customers.columns.hint')}
        </Text>
        <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
          <Stack gap={2} role="group" aria-labelledby="column-chooser-title">
            {shown.map((id, index) => {
              const option = byId.get(id)!;
              return (
                <Group key={id} justify="space-between" wrap="nowrap" gap={4} px={4} py={2}>
                  <Checkbox
                    label={option.label}
                    checked
                    disabled={id === FIXED_COLUMN}
                    onChange={() => onChange(shown.filter((c) => c !== id))}
                    data-testid={`column-toggle-${id}`}
                  />
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={t('customers.columns.up', { name: option.label })}
                      data-testid={`column-up-${id}`}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      disabled={index === shown.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={t('customers.columns.down', { name: option.label })}
                      data-testid={`column-down-${id}`}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </Group>
                </Group>
              );
            })}
            {hidden.length > 0 && <Divider my={4} label={t('customers.columns.hidden')} labelPosition="left" />}
            {hidden.map((option) => (
              <Group key={option.id} px={4} py={2}>
                <Checkbox label={option.label} checked={false} onChange={() => onChange([...shown, option.id])} data-testid={`column-toggle-${option.id}`} />
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Group justify="flex-end" mt="xs">
          <Button variant="subtle" size="compact-sm" disabled={sameColumns(shown, DEFAULT_COLUMNS)} onClick={() => onChange(DEFAULT_COLUMNS)} data-testid="columns-reset">
            {t('customers.columns.reset')}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
