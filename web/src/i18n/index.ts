import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';
import en from './en.json';
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

/** Switches the interface (and the server's messages) to a language and remembers it in this browser. */
export async function applyLocale(locale: Locale): Promise<void> {
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

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: start,
  fallbackLng: false,
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
document.title = i18n.t('app.title');

export default i18n;
