import { AppError } from '#platform/errors.ts';
import { t, type Locale, type MessageKey } from '#platform/i18n/index.ts';

/**
 * Why a run or a source failed, kept so that each reader gets it in his own language: a scheduled
 * run has no reader when it fails, and the next one may read English or Chinese. A part is a
 * message key with its parameters (a parameter may itself be a list of parts), or text as it came
 * (a database driver's error).
 */
export type Part = { key: MessageKey; params?: Record<string, unknown> } | { text: string };

/** Marks a kept message; text stored before it (or by hand) is shown as it is. */
const MARK = 'i18n:';
/** Text of a driver's error is cut here, so a kept message stays a few kB at most. */
const MAX_TEXT = 1000;

export function keep(parts: Part[]): string {
  return MARK + JSON.stringify(parts.map((p) => ('text' in p ? { text: p.text.slice(0, MAX_TEXT) } : p)));
}

/** An error as a part: its message key for the application's errors, its text otherwise. */
export function partOf(error: unknown): Part {
  if (error instanceof AppError) return { key: error.messageKey, ...(error.options.params ? { params: error.options.params } : {}) };
  return { text: error instanceof Error ? error.message : String(error) };
}

/** A kept message in the reader's language (its parts one per line). */
export function read(kept: string | null | undefined, locale: Locale): string | null {
  if (kept === null || kept === undefined) return null;
  if (!kept.startsWith(MARK)) return kept;
  try {
    return (JSON.parse(kept.slice(MARK.length)) as Part[]).map((p) => render(p, locale)).join('\n');
  } catch {
    return kept;
  }
}

function render(part: Part, locale: Locale): string {
  if ('text' in part) return part.text;
  const params = Object.fromEntries(
    Object.entries(part.params ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value) ? (value as Part[]).map((p) => render(p, locale)).join(locale === 'zh-CN' ? '；' : '; ') : value,
    ]),
  );
  return t(locale, part.key, params);
}
