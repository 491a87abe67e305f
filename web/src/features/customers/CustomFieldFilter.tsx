import { useEffect, useState } from 'react';
import { Select, TextInput } from '@mantine/core';
import { DayInput } from '../../app/DayInput.tsx';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../lib/types.ts';
import { customFieldLabel } from './fieldText.ts';

/**
 * A filter on one custom field, drawn by its type; the list asks the server for
 * `custom.<key>=value` (an exact match; one of the values for a multiple choice).
 */
export function CustomFieldFilter({ field, value, onChange }: { field: CustomField; value: string | undefined; onChange: (value: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const label = customFieldLabel(field, i18n.language);
  const testId = `filter-custom-${field.key}`;
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const commit = () => text.trim() !== (value ?? '') && onChange(text.trim() || null);

  switch (field.type) {
    case 'select':
    case 'multiselect':
      return (
        <Select
          label={label}
          placeholder={t('common.all')}
          data={field.options.map((o) => ({ value: o.value, label: i18n.language === 'en' ? o.labelEn : o.labelZh }))}
          value={value ?? null}
          onChange={onChange}
          clearable
          searchable={field.options.length > 8}
          data-testid={testId}
        />
      );
    case 'boolean':
      return (
        <Select
          label={label}
          placeholder={t('common.all')}
          data={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          value={value ?? null}
          onChange={onChange}
          clearable
          data-testid={testId}
        />
      );
    case 'date':
      return <DayInput label={label} value={value} onChange={(day) => onChange(day || null)} data-testid={testId} />;
    default:
      return (
        <TextInput
          label={label}
          placeholder={field.type === 'number' ? t('customers.filter.exactNumber') : t('customers.filter.exactText')}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            commit();
          }}
          data-testid={testId}
        />
      );
  }
}
