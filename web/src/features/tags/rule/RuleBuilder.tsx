import { ActionIcon, Box, Button, Checkbox, Group, Menu, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconBuildingBank, IconChevronDown, IconFolderPlus, IconPlus, IconReceipt, IconTag, IconTrash, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRuleContext } from './context.ts';
import { ConditionRow } from './ConditionRow.tsx';
import { newCondition, newGroup, type ConditionType, type GroupNode, type Join } from './model.ts';

/** Groups may nest this deep: deeper rules are easier to write as a second tag. */
const MAX_DEPTH = 4;

const CONDITION_ICONS: Record<ConditionType, typeof IconUser> = { attribute: IconUser, holdings: IconBuildingBank, transactions: IconReceipt, tag: IconTag };

/** A group of conditions joined by AND (all) or OR (any), possibly negated, with its nested groups. */
export function GroupEditor({ node, depth = 0 }: { node: GroupNode; depth?: number }) {
  const { t } = useTranslation();
  const { update, errors, readOnly } = useRuleContext();
  const set = (patch: Partial<GroupNode>) => update(node.id, (n) => ({ ...(n as GroupNode), ...patch }));
  const add = (child: GroupNode['children'][number]) => update(node.id, (n) => ({ ...(n as GroupNode), children: [...(n as GroupNode).children, child] }));
  const messages = errors.get(node.id) ?? [];
  const accent = node.negate ? 'var(--mantine-color-red-4)' : node.join === 'all' ? 'var(--mantine-color-blue-4)' : 'var(--mantine-color-orange-4)';

  return (
    <Box
      data-testid="rule-group"
      data-join={node.join}
      data-negate={node.negate || undefined}
      data-depth={depth}
      pl={depth ? 'sm' : 0}
      style={depth ? { borderLeft: `3px solid ${accent}` } : undefined}
    >
      <Stack gap="xs">
        <Group gap="sm" wrap="wrap" justify="space-between">
          <Group gap="sm" wrap="wrap">
            <SegmentedControl
              size="xs"
              value={node.join}
              onChange={(join) => set({ join: join as Join })}
              disabled={readOnly}
              data={[
                { value: 'all', label: t('tags.rule.join.all') },
                { value: 'any', label: t('tags.rule.join.any') },
              ]}
              aria-label={t('tags.rule.joinLabel')}
              data-testid="rule-join"
            />
            <Checkbox
              size="xs"
              label={t('tags.rule.not')}
              checked={node.negate}
              onChange={(e) => set({ negate: e.currentTarget.checked })}
              disabled={readOnly}
              color="red"
              data-testid="rule-not"
            />
          </Group>
          {depth > 0 && !readOnly && (
            <Tooltip label={t('tags.rule.removeGroup')}>
              <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => update(node.id, () => null)} aria-label={t('tags.rule.removeGroup')} data-testid="rule-remove-group">
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        {node.negate && (
          <Text size="xs" c="red.7">
            {t(node.join === 'all' ? 'tags.rule.notHint.all' : 'tags.rule.notHint.any')}
          </Text>
        )}
        {messages.map((message) => (
          <Text key={message} size="xs" c="red" role="alert" data-testid="rule-group-error">
            {message}
          </Text>
        ))}
        {node.children.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="rule-group-empty">
            {t('tags.rule.emptyGroup')}
          </Text>
        )}
        {node.children.map((child, index) => (
          <Stack key={child.id} gap={4}>
            {index > 0 && (
              <Text size="xs" fw={700} c={node.join === 'all' ? 'blue.7' : 'orange.7'} tt="uppercase" data-testid="rule-joiner">
                {t(`tags.rule.joiner.${node.join}`)}
              </Text>
            )}
            {child.type === 'group' ? <GroupEditor node={child} depth={depth + 1} /> : <ConditionRow node={child} />}
          </Stack>
        ))}
        {!readOnly && (
          <Group gap="xs">
            {/* No focus back to the button: the new condition's inputs come next, and a late focus would close their dropdowns. */}
            <Menu position="bottom-start" withinPortal returnFocus={false}>
              <Menu.Target>
                <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} rightSection={<IconChevronDown size={12} />} data-testid="rule-add">
                  {t('tags.rule.addCondition')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {(['attribute', 'holdings', 'transactions', 'tag'] as const).map((type) => {
                  const Icon = CONDITION_ICONS[type];
                  return (
                    <Menu.Item key={type} leftSection={<Icon size={16} />} onClick={() => add(newCondition(type))} data-testid={`rule-add-${type}`}>
                      {t(`tags.rule.type.${type}`)}
                    </Menu.Item>
                  );
                })}
              </Menu.Dropdown>
            </Menu>
            {depth + 1 < MAX_DEPTH && (
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconFolderPlus size={14} />}
                onClick={() => add(newGroup(node.join === 'all' ? 'any' : 'all', [newCondition('attribute')]))}
                data-testid="rule-add-group"
              >
                {t('tags.rule.addGroup')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Box>
  );
}
