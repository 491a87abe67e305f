import { Badge, type BadgeProps } from '@mantine/core';
import type { TreeNodeData } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TagCategory, TagKind } from './types.ts';

type Named = { nameZh: string; nameEn: string | null };

/** The name in the interface language; the Chinese one when there is no English one. */
export const localName = (item: Named, locale: string) => (locale === 'en' && item.nameEn ? item.nameEn : item.nameZh);
/** The name in the other language, when it differs: shown small beside the main one. */
export const otherName = (item: Named, locale: string) => {
  const other = locale === 'en' ? item.nameZh : item.nameEn;
  return other && other !== localName(item, locale) ? other : null;
};

export const KIND_COLORS: Record<TagKind, string> = { manual: 'blue', rule: 'violet', imported: 'teal' };

export function KindBadge({ kind, ...props }: { kind: TagKind } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={KIND_COLORS[kind]} miw="max-content" data-kind={kind} {...props}>
      {t(`tags.kind.${kind}`)}
    </Badge>
  );
}

export interface CategoryNode extends TagCategory {
  depth: number;
  children: CategoryNode[];
}

/** Categories as a tree, siblings in the server's order (sort, then name). */
export function categoryTree(categories: TagCategory[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>(categories.map((c) => [c.id, { ...c, depth: 0, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const category of categories) {
    const node = nodes.get(category.id)!;
    const parent = category.parentId === null ? undefined : nodes.get(category.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (node: CategoryNode, depth: number) => {
    node.depth = depth;
    node.children.forEach((child) => setDepth(child, depth + 1));
  };
  roots.forEach((root) => setDepth(root, 0));
  return roots;
}

/** A category and every category below it. */
export function subtreeIds(categories: TagCategory[], id: number): Set<number> {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of categories) {
      if (c.parentId !== null && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** For a TreeSelect; `exclude` leaves out a category and what is below it (a category cannot move under itself). */
export function categoryTreeData(categories: TagCategory[], locale: string, exclude?: number): TreeNodeData[] {
  const skip = exclude ? subtreeIds(categories, exclude) : new Set<number>();
  const toData = (node: CategoryNode): TreeNodeData => {
    const children = node.children.filter((c) => !skip.has(c.id)).map(toData);
    return children.length ? { value: String(node.id), label: localName(node, locale), children } : { value: String(node.id), label: localName(node, locale) };
  };
  return categoryTree(categories)
    .filter((c) => !skip.has(c.id))
    .map(toData);
}

/** "Parent / Child", for a category named out of its tree. */
export function categoryPath(categories: TagCategory[], id: number | null, locale: string): string {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const names: string[] = [];
  let current = id === null ? undefined : byId.get(id);
  while (current && names.length < 20) {
    names.unshift(localName(current, locale));
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return names.join(' / ');
}
