import { useMemo } from 'react';
import { TextInput, TreeSelect, type TreeNodeData, type TreeSelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../lib/types.ts';
import { orgUnitLabel } from '../../app/components.tsx';

export function orgUnitTree(units: OrgUnit[], locale: string): TreeNodeData[] {
  const nodes = new Map<number, TreeNodeData & { children: TreeNodeData[] }>();
  for (const unit of units) nodes.set(unit.id, { value: String(unit.id), label: orgUnitLabel(unit, locale), children: [] });
  const roots: TreeNodeData[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId === null ? undefined : nodes.get(unit.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const prune = (node: TreeNodeData): TreeNodeData => (node.children?.length ? { ...node, children: node.children.map(prune) } : { value: node.value, label: node.label });
  return roots.map(prune);
}

/** Picks an org unit from the tree (GET /org-units), searchable by name. */
export function OrgUnitSelect({ units, value, onChange, ...props }: { units: OrgUnit[]; value: string | null; onChange: (value: string | null) => void } & Omit<TreeSelectProps, 'data' | 'value' | 'onChange'>) {
  const { t, i18n: instance } = useTranslation();
  const data = useMemo(() => orgUnitTree(units, instance.language), [units, instance.language]);
  const rootValues = useMemo(() => units.filter((u) => u.depth <= 1).map((u) => String(u.id)), [units]);
  // The input shows the chosen unit's name from the tree, so it is drawn once the tree is there.
  if (units.length === 0) return <TextInput label={props.label} description={props.description} placeholder={t('common.loading')} disabled />;
  return (
    <TreeSelect
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      searchable
      clearable
      defaultExpandedValues={rootValues}
      nothingFoundMessage={t('common.nothingFound')}
      chevronAriaLabels={{ expand: t('common.expand'), collapse: t('common.collapse') }}
      {...props}
    />
  );
}

