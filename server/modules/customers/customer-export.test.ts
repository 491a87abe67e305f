import { describe, expect, it } from 'vitest';
import { toCsv } from './customer-export.ts';

describe('CSV cells', () => {
  it('never lets a spreadsheet run a cell as a formula, and keeps plain numbers as numbers', () => {
    const cell = (v: string) => toCsv([[v]]).replace(/\r\n$/, '');
    for (const formula of ['=1+2', '@SUM(A1)', "-1+1+cmd|' /C calc'!A0", '+1+cmd|x!A0', '-2-3', '+ 1', '\t=1', '=HYPERLINK("http://x")']) {
      expect(cell(formula).replace(/^"|"$/g, '').startsWith("'"), formula).toBe(true);
    }
    for (const number of ['-12.50', '0.5', '-3e5', '42', '12345678901']) expect(cell(number)).toBe(number);
    // Digits Excel would spoil as a number (1.10105E+17, +86 and leading zeros lost) lead with a tab: text to Excel, trimmed by imports.
    for (const digits of ['110105194912310021', '6222020200112642', '+8613800138000', '001234']) expect(cell(digits)).toBe(`\t${digits}`);
    expect(cell('11010519491231002X')).toBe('11010519491231002X');
    expect(cell('a"b,c')).toBe('"a""b,c"');
  });
});
