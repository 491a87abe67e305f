import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportDimension, ReportRow } from './types.ts';

/** A report row's name: the server's names for categories and units, ours for channels, types and priorities. */
export function useRowLabel(by: ReportDimension) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useCallback((row: ReportRow) => {
    if (row.key === null || row.key === '-') return t('serviceReports.none');
    switch (by) {
      case 'channel':
        return t(`serviceReports.channel.${row.key}` as 'serviceReports.channel.phone', { defaultValue: row.key });
      case 'type':
        return t(`serviceReports.type.${row.key}` as 'serviceReports.type.complaint', { defaultValue: row.key });
      case 'priority':
        return t(`serviceReports.priority.${row.key}` as 'serviceReports.priority.normal', { defaultValue: row.key });
      case 'month':
        return row.key;
      default:
        return (locale === 'en' ? row.labelEn || row.labelZh : row.labelZh) ?? row.key;
    }
  }, [t, locale, by]);
}

/** The first and last day of a preset period, as YYYY-MM-DD in the browser's calendar. */
export function presetRange(preset: 'month' | 'quarter' | 'year', today = new Date()): { from: string; to: string } {
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const y = today.getFullYear();
  const m = today.getMonth();
  const from = preset === 'month' ? new Date(y, m, 1) : preset === 'quarter' ? new Date(y, m - 2, 1) : new Date(y, 0, 1);
  return { from: day(from), to: day(today) };
}
