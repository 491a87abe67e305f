import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import zh from '../web/src/i18n/zh-CN.json' with { type: 'json' };
import en from '../web/src/i18n/en.json' with { type: 'json' };

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const HAN = /\p{Script=Han}/u;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('web app catalogues', () => {
  const zhKeys = flatten(zh);
  const enKeys = flatten(en);

  it('have the same keys in zh-CN and en', () => {
    expect([...enKeys.keys()].filter((k) => !zhKeys.has(k))).toEqual([]);
    expect([...zhKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('have no empty texts and the same placeholders in both languages', () => {
    for (const [key, text] of zhKeys) {
      expect(text.trim(), key).not.toBe('');
      expect(enKeys.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(enKeys.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('say one of a thing in the singular in English (key_one beside key, read when count is 1)', async () => {
    const singular = [...enKeys.keys()].filter((k) => k.endsWith('_one'));
    expect(singular.length).toBeGreaterThan(10);
    for (const key of singular) expect(enKeys.has(key.slice(0, -'_one'.length)), key).toBe(true);
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: en } } });
    for (const key of singular.map((k) => k.slice(0, -'_one'.length))) {
      const one = i18n.t(key, { n: '1', count: 1, open: 0, name: 'x' });
      expect(one, key).not.toMatch(/\b1 (rows|users|entries|tags|tickets|members|contacts|months|codes|fields|columns|units)\b/);
      expect(i18n.t(key, { n: '2', count: 2, open: 0, name: 'x' }), key).toBe(enKeys.get(key)!.replace(/\{\{n\}\}/g, '2').replace(/\{\{open\}\}/g, '0').replace(/\{\{name\}\}/g, 'x'));
    }
  });

  it('keep Chinese out of the English catalogue', () => {
    expect([...enKeys].filter(([, text]) => HAN.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('leave no Chinese text in the code outside the catalogues (language names and the generated API types excepted)', () => {
    const root = fileURLToPath(new URL('../web/src/', import.meta.url));
    const offenders = sources(root)
      .filter((file) => !file.includes(`${join('src', 'i18n')}`) && !file.endsWith('LanguageMenu.tsx') && !file.endsWith('api-schema.ts'))
      .filter((file) => HAN.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
