import type { Formatters } from '../../lib/format.ts';
import type { CustomField } from '../../lib/types.ts';

export function customFieldLabel(field: CustomField, locale: string) {
  return locale === 'en' ? field.labelEn : field.labelZh;
}

export function customValueText(field: CustomField, value: unknown, format: Formatters, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '';
  const option = (v: unknown) => {
    const found = field.options.find((o) => o.value === v);
    return found ? (format.locale === 'en' ? found.labelEn : found.labelZh) : String(v);
  };
  switch (field.type) {
    case 'boolean':
      return value ? yes : no;
    case 'number':
      return typeof value === 'number' ? format.number(value) : String(value);
    case 'date':
      return format.date(String(value));
    case 'select':
      return option(value);
    case 'multiselect':
      return Array.isArray(value) ? format.list(value.map(option)) : option(value);
    default:
      return String(value);
  }
}

/** A customer named with his code, bracketed the way the interface language brackets. */
export function nameAndCode(customer: { name: string; code: string }, locale: string): string {
  return locale === 'en' ? `${customer.name} (${customer.code})` : `${customer.name}（${customer.code}）`;
}
