import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api.ts';
import { useCustomFields } from '../../customers/queries.ts';
import { fieldDefs, isNumericKind, type FieldDef } from './fields.ts';

/** The fields a rule may read in the interface language, and which of them take numbers. */
export function useRuleFields(): { fields: FieldDef[]; byKey: Map<string, FieldDef>; numeric: (field: string) => boolean } {
  const { t, i18n } = useTranslation();
  const custom = useCustomFields();
  // The value tiers are the administrator's; the same key as the value pages, so they share one answer.
  const settings = useQuery({
    queryKey: ['value', 'settings'],
    queryFn: ({ signal }) => api.get<{ tiers: { key: string }[]; matrix?: { cells: (string | null)[][] } }>('/value/settings', undefined, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
  // Contribution tiers and those the age × income matrix hands out share one list of choices.
  const tiers = useMemo(
    () => [...new Set([...(settings.data?.tiers ?? []).map((tier) => tier.key), ...(settings.data?.matrix?.cells ?? []).flat().filter((k): k is string => Boolean(k))])],
    [settings.data],
  );
  const fields = useMemo(() => fieldDefs(t, custom.data ?? [], i18n.language, tiers), [t, custom.data, i18n.language, tiers]);
  const byKey = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields]);
  const numeric = useCallback((field: string) => isNumericKind(byKey.get(field)?.kind), [byKey]);
  return { fields, byKey, numeric };
}
