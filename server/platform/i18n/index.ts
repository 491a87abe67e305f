import { en, zhCN, typeNames, LOCALES, type Locale, type MessageKey } from './messages.ts';

export { LOCALES, type Locale, type MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** A name given in both languages (a field's label), for a placeholder: each reader gets his own. */
export type LocalText = Record<Locale, string>;

const isLocalText = (value: unknown): value is LocalText => typeof value === 'object' && value !== null && LOCALES.every((l) => typeof (value as Record<string, unknown>)[l] === 'string');

/** The message in the given language, with {placeholders} filled in. */
export function t(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  const template = catalogues[locale][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return isLocalText(value) ? value[locale] : String(value ?? `{${name}}`);
  });
}

export function typeName(locale: Locale, type: string): string {
  return typeNames[locale][type] ?? type;
}

/**
 * Picks zh-CN or en from an Accept-Language header by q-value; Chinese of any region maps to
 * zh-CN, anything else unknown falls back to the default.
 */
export function negotiateLocale(header: string | undefined, fallback: Locale = 'zh-CN'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.tag && !Number.isNaN(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return fallback;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
