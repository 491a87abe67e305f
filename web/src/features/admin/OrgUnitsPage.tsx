import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Anchor,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  DataList,
  EmptyState,
  Grid,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Title,
  Tree,
  useTree,
  type RenderTreeNodePayload,
  type TreeNodeData,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowsMove,
  IconBinaryTree2,
  IconChevronRight,
  IconEdit,
  IconPlus,
  IconSearch,
  IconSubtask,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrgUnit } from '../../lib/types.ts';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, orgUnitLabel, PageLoader, usePageTitle } from '../../app/components.tsx';
import { useDeleteOrgUnit, useOrgUnits } from './queries.ts';
import { isOrgUnitKind, unitTrail } from './access/model.ts';
import { ConfirmModal, ReadOnlyNote } from './access/shared.tsx';
import { MoveOrgUnitModal, OrgUnitFormModal, type UnitDialog } from './access/OrgUnitForms.tsx';

type TreeExpandedState = Record<string, boolean>;

function useKindLabel() {
  const { t } = useTranslation();
  return (kind: string): string => (isOrgUnitKind(kind) ? t(`admin.orgUnits.kind.${kind}`) : kind);
}

const byCode = (a: OrgUnit, b: OrgUnit) => a.code.localeCompare(b.code, undefined, { numeric: true });

/** The tree from the flat list, siblings by code; with a filter, the matching units and the way down to them. */
function buildTree(units: OrgUnit[], locale: string, filter: string): TreeNodeData[] {
  const needle = filter.trim().toLowerCase();
  const matches = (u: OrgUnit) => !needle || [u.nameZh, u.nameEn ?? '', u.code].some((s) => s.toLowerCase().includes(needle));
  const nodes = new Map<number, TreeNodeData & { children: TreeNodeData[] }>();
  const keep = new Set<number>();
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const unit of units) {
    if (!matches(unit)) continue;
    for (let u: OrgUnit | undefined = unit; u && !keep.has(u.id); u = u.parentId === null ? undefined : byId.get(u.parentId)) keep.add(u.id);
  }
  const roots: TreeNodeData[] = [];
  // Parents before children (by depth), then siblings in code order.
  const ordered = [...units].sort((a, b) => a.depth - b.depth || byCode(a, b));
  for (const unit of ordered) {
    if (!keep.has(unit.id)) continue;
    const node = { value: String(unit.id), label: orgUnitLabel(unit, locale), children: [] as TreeNodeData[], nodeProps: { unit } };
    nodes.set(unit.id, node);
    const parent = unit.parentId === null ? undefined : nodes.get(unit.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function UnitNode({ node, expanded, hasChildren, elementProps, tree, selected }: RenderTreeNodePayload) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const unit = node.nodeProps?.unit as OrgUnit | undefined;
  return (
    <Group gap={6} wrap="nowrap" {...elementProps} py={5} pr="xs" style={{ ...elementProps.style, borderRadius: 'var(--mantine-radius-sm)' }} data-testid="org-unit-node">
      <Box
        w={20}
        h={20}
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', flexShrink: 0 }}
        onClick={(event) => {
          event.stopPropagation();
          if (hasChildren) tree.toggleExpanded(node.value);
        }}
        aria-hidden
      >
        {hasChildren && <IconChevronRight size={14} style={{ transform: expanded ? 'rotate(90deg)' : undefined, transition: 'transform 120ms' }} />}
      </Box>
      <Text size="sm" fw={selected ? 600 : 400} truncate style={{ minWidth: 0 }}>
        {node.label}
      </Text>
      {unit && (
        <Text size="xs" c="dimmed" className="mono" style={{ flexShrink: 0 }} visibleFrom="xs">
          {unit.code}
        </Text>
      )}
      {unit && (
        <Badge size="xs" variant="light" color="gray" ml="auto" miw="max-content" visibleFrom="xs" aria-label={t('admin.orgUnits.fields.kind')}>
          {kindLabel(unit.kind)}
        </Badge>
      )}
    </Group>
  );
}

function UnitDetails({
  unit,
  units,
  canManage,
  onDialog,
  onDelete,
}: {
  unit: OrgUnit;
  units: OrgUnit[];
  canManage: boolean;
  onDialog: (dialog: UnitDialog) => void;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const kindLabel = useKindLabel();
  const trail = unitTrail(units, unit.id);
  const children = units.filter((u) => u.parentId === unit.id);
  const parent = trail.length > 1 ? trail[trail.length - 2] : undefined;
  const other = i18n.language === 'en' ? unit.nameZh : unit.nameEn;
  return (
    <Stack gap="md" data-testid="org-unit-details">
      {trail.length > 1 && (
        <Breadcrumbs separatorMargin={4} style={{ flexWrap: 'wrap' }}>
          {trail.map((u) => (
            <Text key={u.id} size="xs" c="dimmed">
              {orgUnitLabel(u, i18n.language)}
            </Text>
          ))}
        </Breadcrumbs>
      )}
      <Group gap="xs" wrap="wrap">
        <Title order={2} fz="h3" style={{ overflowWrap: 'anywhere' }} data-testid="org-unit-name">
          {orgUnitLabel(unit, i18n.language)}
        </Title>
        <Badge variant="light">{kindLabel(unit.kind)}</Badge>
      </Group>
      {other && other !== orgUnitLabel(unit, i18n.language) && (
        <Text c="dimmed" size="sm" mt={-8}>
          {other}
        </Text>
      )}
      <DataList labelWidth={110}>
        <DataList.Item>
          <DataList.ItemLabel>{t('admin.orgUnits.fields.code')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <span className="mono" data-testid="org-unit-code">
              {unit.code}
            </span>
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('admin.orgUnits.fields.parent')}</DataList.ItemLabel>
          <DataList.ItemValue data-testid="org-unit-parent">{parent ? orgUnitLabel(parent, i18n.language) : t('admin.orgUnits.topLevel')}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('admin.orgUnits.fields.children')}</DataList.ItemLabel>
          <DataList.ItemValue>{format.number(children.length)}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('admin.orgUnits.fields.level')}</DataList.ItemLabel>
          <DataList.ItemValue>{t('admin.orgUnits.levelValue', { n: unit.depth + 1 })}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('admin.orgUnits.fields.createdAt')}</DataList.ItemLabel>
          <DataList.ItemValue>{format.dateTime(unit.createdAt)}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('admin.orgUnits.fields.updatedAt')}</DataList.ItemLabel>
          <DataList.ItemValue>{format.dateTime(unit.updatedAt)}</DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Anchor component={Link} to={`/admin/users?orgUnitId=${unit.id}`} size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <IconUsers size={16} aria-hidden />
        {t('admin.orgUnits.usersLink')}
      </Anchor>
      {canManage && (
        <Group gap="xs" wrap="wrap">
          <Button size="sm" leftSection={<IconSubtask size={16} />} onClick={() => onDialog({ mode: 'create', parentId: unit.id })} data-testid="add-child">
            {t('admin.orgUnits.addChild')}
          </Button>
          <Button size="sm" variant="default" leftSection={<IconEdit size={16} />} onClick={() => onDialog({ mode: 'edit', unit })} data-testid="edit-org-unit">
            {t('common.edit')}
          </Button>
          <Button size="sm" variant="default" leftSection={<IconArrowsMove size={16} />} onClick={() => onDialog({ mode: 'move', unit })} data-testid="move-org-unit">
            {t('admin.orgUnits.move')}
          </Button>
          <Button size="sm" variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={onDelete} data-testid="delete-org-unit">
            {t('admin.orgUnits.delete')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export default function OrgUnitsPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const canManage = can('org:manage');
  usePageTitle(t('admin.orgUnits.title'));
  const orgUnits = useOrgUnits();
  const units = useMemo(() => orgUnits.data ?? [], [orgUnits.data]);
  const remove = useDeleteOrgUnit();

  const [filter, setFilter] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<TreeExpandedState>({});
  const [dialog, setDialog] = useState<UnitDialog>(null);
  const [deleting, setDeleting] = useState<OrgUnit | null>(null);
  const detailsRef = useRef<HTMLDivElement>(null);

  const data = useMemo(() => buildTree(units, i18n.language, filter), [units, i18n.language, filter]);
  // With a filter every unit on the way to a match is open; otherwise the reader's choice applies.
  const allOpen = useMemo<TreeExpandedState>(() => (filter.trim() ? Object.fromEntries(units.map((u) => [String(u.id), true])) : {}), [filter, units]);
  const tree = useTree({
    expandedState: filter.trim() ? allOpen : expanded,
    onExpandedStateChange: (state) => {
      if (!filter.trim()) setExpanded(state);
    },
    selectedState: selectedId === null ? [] : [String(selectedId)],
    onSelectedStateChange: (state) => select(state[0] ? Number(state[0]) : null),
  });

  // At first the top two levels are open, and the first unit is selected.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || units.length === 0) return;
    opened.current = true;
    setExpanded(Object.fromEntries(units.filter((u) => u.depth <= 0 || u.parentId === null).map((u) => [String(u.id), true])));
    setSelectedId(units[0]!.id);
  }, [units]);

  const selected = units.find((u) => u.id === selectedId) ?? null;

  function select(id: number | null) {
    setSelectedId(id);
    // On a phone the details are below the tree: bring them into view.
    if (id !== null && window.matchMedia('(max-width: 62em)').matches) {
      requestAnimationFrame(() => detailsRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
    }
  }

  /** Opens the way down to a unit (its ancestors), e.g. after it was added or moved. */
  function reveal(unit: OrgUnit, all: OrgUnit[] = units) {
    const next = { ...expanded };
    for (let parentId = unit.parentId; parentId !== null; ) {
      next[String(parentId)] = true;
      parentId = all.find((u) => u.id === parentId)?.parentId ?? null;
    }
    setExpanded(next);
    setSelectedId(unit.id);
  }

  function onTreeKey(event: KeyboardEvent<HTMLUListElement>) {
    if (event.key !== 'Enter') return;
    const value = (event.target as HTMLElement).closest('[role=treeitem]')?.getAttribute('data-value');
    if (value) {
      event.preventDefault();
      select(Number(value));
    }
  }

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };
  const deletingChildren = deleting ? units.filter((u) => u.parentId === deleting.id).length : 0;

  if (orgUnits.isPending) return <PageLoader />;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('admin.orgUnits.title')}
        </Title>
        {canManage && units.length > 0 && (
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setDialog({ mode: 'create', parentId: selectedId })} data-testid="new-org-unit">
            {t('admin.orgUnits.new')}
          </Button>
        )}
      </Group>
      {canManage ? (
        <Text size="sm" c="dimmed">
          {t('admin.orgUnits.intro')}
        </Text>
      ) : (
        <ReadOnlyNote>{t('admin.orgUnits.readOnly')}</ReadOnlyNote>
      )}
      {orgUnits.error ? <ErrorAlert error={orgUnits.error} /> : null}

      {units.length === 0 && !orgUnits.error ? (
        <Paper withBorder>
          <EmptyState py="xl" icon={<IconBinaryTree2 size={28} />} title={t('admin.orgUnits.empty')} description={canManage ? t('admin.orgUnits.emptyHint') : undefined}>
            {canManage && (
              <Group justify="center" mt="sm">
                <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ mode: 'create', parentId: null })}>
                  {t('admin.orgUnits.new')}
                </Button>
              </Group>
            )}
          </EmptyState>
        </Paper>
      ) : (
        <Grid gap="md" align="flex-start">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder p="sm" component="section" aria-label={t('admin.orgUnits.treeLabel')}>
              <TextInput
                type="search"
                aria-label={t('admin.orgUnits.filter')}
                placeholder={t('admin.orgUnits.filter')}
                leftSection={<IconSearch size={16} />}
                value={filter}
                onChange={(event) => setFilter(event.currentTarget.value)}
                mb="xs"
                data-testid="org-unit-filter"
              />
              <Text size="xs" c="dimmed" mb="xs" visibleFrom="sm">
                {t('admin.orgUnits.keyboardHint')}
              </Text>
              <ScrollArea.Autosize mah="65vh" type="auto" offsetScrollbars>
                {data.length === 0 ? (
                  <Text size="sm" c="dimmed" py="md" ta="center">
                    {t('admin.orgUnits.noMatch')}
                  </Text>
                ) : (
                  <Tree
                    data={data}
                    tree={tree}
                    selectOnClick
                    expandOnClick={false}
                    levelOffset="md"
                    renderNode={(payload) => <UnitNode {...payload} />}
                    onKeyDown={onTreeKey}
                    aria-label={t('admin.orgUnits.treeLabel')}
                    data-testid="org-unit-tree"
                  />
                )}
              </ScrollArea.Autosize>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder p="md" ref={detailsRef} component="section" aria-label={t('admin.orgUnits.detailsLabel')} style={{ scrollMarginTop: 72 }}>
              {selected ? (
                <UnitDetails unit={selected} units={units} canManage={canManage} onDialog={setDialog} onDelete={() => setDeleting(selected)} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('admin.orgUnits.pick')}
                </Text>
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      )}

      <OrgUnitFormModal
        dialog={dialog}
        units={units}
        onClose={() => setDialog(null)}
        onSaved={(unit) => {
          setDialog(null);
          setFilter('');
          reveal(unit, [...units.filter((u) => u.id !== unit.id), unit]);
        }}
      />
      <MoveOrgUnitModal
        dialog={dialog}
        units={units}
        onClose={() => setDialog(null)}
        onMoved={(unit) => {
          setDialog(null);
          setFilter('');
          reveal(unit);
        }}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={t('admin.orgUnits.deleteTitle')}
        confirmLabel={t('admin.orgUnits.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={closeDelete}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('admin.orgUnits.deleted', { name: orgUnitLabel(deleting) }) });
              setSelectedId(deleting.parentId);
              closeDelete();
            },
          })
        }
      >
        <Stack gap="xs">
          <span>{deleting ? t('admin.orgUnits.deleteBody', { name: orgUnitLabel(deleting) }) : ''}</span>
          {deletingChildren > 0 && (
            <Text size="sm" c="orange">
              {t('admin.orgUnits.deleteHasChildren', { n: deletingChildren })}
            </Text>
          )}
        </Stack>
      </ConfirmModal>
    </Stack>
  );
}
