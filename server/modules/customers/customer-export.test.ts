import { describe, expect, it } from 'vitest';
import { toCsv } from './customer-export.ts';

describe('CSV cells', () => {
  it('never lets a spreadsheet run a cell as a formula, and keeps plain numbers as numbers', () => {
    const cell = (v: string) => toCsv([[v]]).replace(/\r\n$/, '');
    for (const formula of ['=1+2', '@SUM(A1)', "-1+1+cmd|' /C calc'!A0", '+1+cmd|x!A0', '-2-3', '+ 1', '\t=1', '=HYPERLINK("http://x")']) {
      expect(cell(formula).replace(/^"|"$/g, '').startsWith("'"), formula).toBe(true);
    }
    for (const number of ['-12.50', '+8613800138000', '0.5', '-3e5', '42']) expect(cell(number)).toBe(number);
    expect(cell('a"b,c')).toBe('"a""b,c"');
  });
});
