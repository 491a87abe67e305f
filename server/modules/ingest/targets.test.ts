import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldLabel, suggestMapping, suggestTarget, TARGET_FIELDS, TARGETS, type ImportTarget } from './targets.ts';

/** The web's labels of the import fields (imports.fields.<target>.<key>, contact fields nested). */
function webLabels(locale: 'en' | 'zh-CN'): Record<string, Record<string, unknown>> {
  const catalogue = JSON.parse(readFileSync(new URL(`../../../web/src/i18n/${locale}.json`, import.meta.url), 'utf8')) as { imports: { fields: Record<string, Record<string, unknown>> } };
  return catalogue.imports.fields;
}

describe('import field labels', () => {
  it('name every field as the web mapping step does, in both languages', () => {
    const web = { en: webLabels('en'), 'zh-CN': webLabels('zh-CN') };
    for (const target of TARGETS) {
      for (const { key } of TARGET_FIELDS[target]) {
        const label = fieldLabel(target, key);
        for (const locale of ['en', 'zh-CN'] as const) {
          const shown = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], web[locale][target]);
          expect(typeof label === 'string' ? label : label[locale], `${target}.${key} (${locale})`).toBe(shown);
        }
      }
    }
  });

  it('names a custom field by its own label, and an unknown key as it is', () => {
    expect(fieldLabel('customers', 'custom.vip', [{ key: 'vip', labelZh: '贵宾等级', labelEn: 'VIP level' }])).toEqual({ 'zh-CN': '贵宾等级', en: 'VIP level' });
    expect(fieldLabel('customers', 'nmae')).toBe('nmae');
  });
});

describe('suggested mapping', () => {
  const suggest = (headers: string[]) => {
    const suggested = Object.fromEntries(TARGETS.map((target) => [target, suggestMapping(target, headers)])) as Record<ImportTarget, Record<string, string>>;
    return { target: suggestTarget(suggested), suggested };
  };

  it('knows a transactions file with English headers as banks write them', () => {
    const { target, suggested } = suggest(['Transaction ID', 'Customer No', 'Date', 'Amount', 'Dr/Cr', 'Channel', 'Memo']);
    expect(target).toBe('transactions');
    expect(suggested.transactions).toEqual({
      'Transaction ID': 'externalId', 'Customer No': 'customerCode', Date: 'occurredAt', Amount: 'amount', 'Dr/Cr': 'direction', Channel: 'channel', Memo: 'description',
    });
  });

  it('maps an export\'s org unit and manager columns by code and user name, and leaves their names alone', () => {
    for (const headers of [['名称', '机构号', '机构名称', '客户经理用户名', '客户经理姓名'], ['Name', 'Org unit code', 'Org unit name', 'Owner user name', 'Owner name']]) {
      expect(Object.values(suggest(headers).suggested.customers)).toEqual(['name', 'orgUnitCode', 'ownerUsername']);
    }
  });
});
