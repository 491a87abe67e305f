import { useMemo } from 'react';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CustomField, ImportRun, ImportRunStatus, ImportTarget } from '../../lib/types.ts';
import { useCustomFields } from '../customers/queries.ts';
import { useImportFields } from './queries.ts';
import { useBothLanguages } from '../../i18n/index.ts';

export const TARGETS: readonly ImportTarget[] = ['customers', 'holdings', 'transactions', 'customer_tags'];
export const isTarget = (value: unknown): value is ImportTarget => TARGETS.includes(value as ImportTarget);

const OTHER_LANGUAGE: Record<string, string> = { 'zh-CN': 'en', en: 'zh-CN' };

export interface FieldOption {
  key: string;
  kind: string;
  required: boolean;
  /** In the interface language. */
  label: string;
  /** In the other language, so a file with English (or Chinese) headers is easy to match. */
  otherLabel: string;
}

function fieldLabel(t: TFunction, target: string, key: string, customFields: CustomField[], english: boolean): string {
  if (key.startsWith('custom.')) {
    const field = customFields.find((f) => f.key === key.slice(7));
    return field ? (english ? field.labelEn : field.labelZh) || key : key;
  }
  return t(`imports.fields.${target}.${key}` as 'imports.fields.customers.name', { defaultValue: key });
}

/** The fields a target can fill (GET /imports/fields), named in both languages. */
export function useFieldOptions(target: ImportTarget) {
  const { t, i18n } = useTranslation();
  // Each field is shown with its name in the other language too.
  const both = useBothLanguages();
  const fields = useImportFields();
  const custom = useCustomFields();
  const options = useMemo<FieldOption[]>(() => {
    const customFields = (custom.data ?? []).filter((f) => f.entity === 'customer');
    const other = OTHER_LANGUAGE[i18n.language] ?? 'en';
    const otherT = i18n.getFixedT(other);
    return (fields.data?.[target] ?? []).map((field) => ({
      ...field,
      label: fieldLabel(t, target, field.key, customFields, i18n.language === 'en'),
      otherLabel: fieldLabel(otherT, target, field.key, customFields, other === 'en'),
    }));
  }, [fields.data, custom.data, target, t, i18n, both]);
  return { options, isPending: fields.isPending, error: fields.error };
}

/** The name of a field of a target, for table headings. */
export function useFieldLabel() {
  const { t, i18n } = useTranslation();
  const custom = useCustomFields();
  return (target: string, key: string) => fieldLabel(t, target, key, custom.data ?? [], i18n.language === 'en');
}

const STATUS_COLORS: Record<ImportRunStatus, string> = { running: 'blue', succeeded: 'teal', rejected: 'orange', failed: 'red' };

export function RunStatusBadge({ status }: { status: ImportRunStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" miw="max-content" data-testid="run-status" data-status={status}>
      {t(`imports.status.${status}`)}
    </Badge>
  );
}

export function TargetBadge({ target }: { target: string }) {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="outline" miw="max-content">
      {isTarget(target) ? t(`imports.targets.${target}`) : target}
    </Badge>
  );
}

/** A run's duration: 0.4 s, 12 s, 3 min 5 s, in the interface language. */
/** A run's file, or what stands for it (a reprocess of the quarantine list has none). */
export const runFileName = (t: TFunction, run: ImportRun): string => run.fileName ?? (run.source === 'quarantine' ? t('imports.quarantine.runName') : '—');

/** Who started a run: a user's name, "API" for a token, "command line" for `guanxi import`; null for a schedule. */
export const runStartedBy = (t: TFunction, run: ImportRun): string | null =>
  run.startedByName ?? (run.source === 'api' ? t('imports.history.viaApi') : run.source === 'cli' ? t('imports.history.viaCli') : null);

export function formatDuration(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined) return '';
  const unit = (value: number, name: 'second' | 'minute' | 'hour', digits = 0) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
  const seconds = ms / 1000;
  if (seconds < 60) return unit(seconds, 'second', seconds < 10 ? 1 : 0);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${unit(minutes, 'minute')} ${unit(Math.round(seconds % 60), 'second')}`;
  return `${unit(Math.floor(minutes / 60), 'hour')} ${unit(minutes % 60, 'minute')}`;
}

/** A file size in KB or MB. */
export function formatSize(bytes: number | null | undefined, locale: string): string {
  if (bytes === null || bytes === undefined) return '';
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** The shown name of a file's delimiter. */
export function delimiterName(t: TFunction, delimiter: string | null): string {
  if (delimiter === null) return '—';
  const names: Record<string, 'comma' | 'tab' | 'semicolon' | 'pipe'> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };
  const name = names[delimiter];
  return name ? t(`imports.delimiter.${name}`) : delimiter;
}
