import { useEffect, useState } from 'react';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLocale } from '../lib/api.ts';
import type { Locale } from '../lib/types.ts';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'guanxi.locale';

export const isLocale = (value: unknown): value is Locale => value === 'zh-CN' || value === 'en';

/** The language before sign-in: the last one chosen in this browser, else the browser's own. */
export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage may be unavailable (private mode); fall through
  }
  const browser = (navigator.languages ?? [navigator.language]).find(Boolean) ?? 'zh-CN';
  return browser.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/**
 * Each catalogue is a file of its own, fetched when needed: the first page carries neither, and
 * a browser loads the other language just after the first, for the forms that show both.
 */
const CATALOGUES: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  'zh-CN': () => import('./zh-CN.json'),
  en: () => import('./en.json'),
};

async function loadCatalogue(locale: Locale): Promise<void> {
  if (i18n.hasResourceBundle(locale, 'translation')) return;
  const { default: catalogue } = await CATALOGUES[locale]();
  i18n.addResourceBundle(locale, 'translation', catalogue);
}

const bothLoaded = () => LOCALES.every((l) => i18n.hasResourceBundle(l, 'translation'));

/**
 * For forms that write in both languages at once (names in Chinese and English): true once both
 * catalogues are here; render a loader until then, so no default is made from a missing one.
 */
export function useBothLanguages(): boolean {
  const [ready, setReady] = useState(bothLoaded);
  useEffect(() => {
    if (!ready) void Promise.all(LOCALES.map(loadCatalogue)).then(() => setReady(true));
  }, [ready]);
  return ready;
}

/** Switches the interface (and the server's messages) to a language and remembers it in this browser. */
export async function applyLocale(locale: Locale): Promise<void> {
  await loadCatalogue(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not fatal: the choice lasts for this page only
  }
  setApiLocale(locale);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

const start = initialLocale();
setApiLocale(start);
document.documentElement.lang = start;

/** Resolves once the starting language can be shown; the app renders after it. */
export const i18nReady: Promise<void> = i18n
  .use(initReactI18next)
  .init({
    resources: {},
    lng: start,
    fallbackLng: false,
    supportedLngs: LOCALES,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  })
  .then(() => loadCatalogue(start))
  .then(async () => {
    await i18n.changeLanguage(start);
    document.title = i18n.t('app.title');
    // The other language follows when the browser is idle, after the first page.
    const other = start === 'en' ? 'zh-CN' : 'en';
    setTimeout(() => void loadCatalogue(other), 10_000);
  });

export default i18n;
