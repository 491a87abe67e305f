import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ArticleStatus, TicketCategory } from './types.ts';

/** Title or body in the interface language, the Chinese text when there is no English one. */
export const localText = (zh: string, en: string | null | undefined, locale: string) => (locale === 'en' && en?.trim() ? en : zh);

export const categoryName = (c: Pick<TicketCategory, 'nameZh' | 'nameEn'>, locale: string) => (locale === 'en' && c.nameEn ? c.nameEn : c.nameZh);

/** Categories in tree order (each parent, then its children), named "parent / child". */
export function categoryOptions(categories: TicketCategory[], locale: string, options: { activeOnly?: boolean } = {}) {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const roots = categories.filter((c) => c.parentId === null || !byId.has(c.parentId));
  const out: { value: string; label: string; depth: number; category: TicketCategory }[] = [];
  const walk = (c: TicketCategory, depth: number, prefix: string) => {
    if (options.activeOnly && !c.active) return;
    const label = prefix ? `${prefix} / ${categoryName(c, locale)}` : categoryName(c, locale);
    out.push({ value: String(c.id), label, depth, category: c });
    for (const child of categories.filter((x) => x.parentId === c.id)) walk(child, depth + 1, label);
  };
  for (const root of roots) walk(root, 0, '');
  return out;
}

const STATUS_COLORS: Record<ArticleStatus, string> = { draft: 'yellow', published: 'teal', archived: 'gray' };

export function ArticleStatusBadge({ status, ...props }: { status: ArticleStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} miw="max-content" data-status={status} {...props}>
      {t(`kb.status.${status}`)}
    </Badge>
  );
}
