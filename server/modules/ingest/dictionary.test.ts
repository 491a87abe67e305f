import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { buildTestApp, body } from '#test/test-app.ts';
import { withAdmin } from '#test/factories.ts';
import { RFM_SEGMENTS, LIFECYCLE_STAGES, CUSTOMER_CLASSES } from '#modules/value/value.service.ts';
import { CUSTOMER_STATUSES } from '#modules/customers/customers.dto.ts';

type Tree = { [key: string]: string | Tree };
const catalogue = (file: string) => JSON.parse(readFileSync(new URL(`../../../web/src/i18n/${file}`, import.meta.url), 'utf8')) as Tree;
const zh = catalogue('zh-CN.json');
const en = catalogue('en.json');
/** The name a screen shows for a catalogue key. */
const shown = (tree: Tree, key: string) => {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no ${key} in the web catalogue`);
  return node;
};

describe('data dictionary names', async () => {
  const t = await buildTestApp();
  const { client: admin } = await withAdmin(t);
  const entries = body(await admin.get('/api/v1/data-dictionary')) as { entity: string; field: string; meaningZh: string; meaningEn: string }[];
  const meaning = (entity: string, field: string) => {
    const entry = entries.find((e) => e.entity === entity && e.field === field);
    if (!entry) throw new Error(`no ${entity}.${field} in the dictionary`);
    return entry;
  };
  /** The meaning names every code as the screens do, in both languages. */
  const namesAsScreens = (entity: string, field: string, keys: string[]) => {
    const entry = meaning(entity, field);
    for (const key of keys) {
      expect(entry.meaningZh, key).toContain(shown(zh, key));
      expect(entry.meaningEn, key).toContain(shown(en, key));
    }
  };

  it('names RFM segments as the value screens do, the customers without spending included', () => {
    namesAsScreens('customer', 'rfmSegment', [...RFM_SEGMENTS.map(([key]) => `value.segment.${key}`), 'value.segment.none']);
    expect(shown(zh, 'value.segment.none')).toBe('无消费');
    expect(meaning('customer', 'rfmSegment').meaningZh).toContain('冠军客户');
    expect(meaning('customer', 'rfmSegment').meaningZh).not.toContain('重要价值');
  });

  it('names value tiers and matrix tiers as the value screens do', () => {
    namesAsScreens('customer', 'valueTier', ['value.tier.gold', 'value.tier.silver', 'value.tier.bronze', 'value.tier.none']);
    namesAsScreens('customer', 'matrixTier', ['value.tier.gold', 'value.tier.silver', 'value.tier.bronze']);
    expect(meaning('customer', 'matrixTier').meaningZh).toContain('黄金');
    expect(meaning('customer', 'matrixTier').meaningZh).not.toContain('金牌');
  });

  it('names lifecycle stages, customer classes and statuses as the screens do', () => {
    namesAsScreens('customer', 'lifecycle', LIFECYCLE_STAGES.map((key) => `value.lifecycleStage.${key}`));
    namesAsScreens('customer', 'customerClass', CUSTOMER_CLASSES.map((key) => `value.class.${key}`));
    namesAsScreens('customer', 'status', CUSTOMER_STATUSES.map((key) => `customer.status.${key}`));
    namesAsScreens('holding', 'status', ['active', 'dormant', 'closed'].map((key) => `holdings.status.${key}`));
  });

  it('leaves no placeholder unfilled', () => {
    for (const entry of entries) {
      expect(entry.meaningZh ?? '', entry.field).not.toMatch(/\{\w+\}/);
      expect(entry.meaningEn ?? '', entry.field).not.toMatch(/\{\w+\}/);
    }
  });
});
