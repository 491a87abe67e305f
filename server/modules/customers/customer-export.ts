import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '#platform/i18n/index.ts';
import type { CustomerDto } from './customers.dto.ts';
import { CUSTOMER_VALUE_LABELS } from './customer-labels.ts';

interface Column {
  header: Record<Locale, string>;
  value: (c: CustomerDto, locale: Locale) => string | number | null | undefined;
}

const label = (field: keyof typeof CUSTOMER_VALUE_LABELS, code: string | null | undefined, locale: Locale) =>
  code ? (CUSTOMER_VALUE_LABELS[field][code]?.[locale] ?? code) : code;

/** A time as people in China read it, to the second: 2026-11-24 19:10:34 (exports state the zone in their header). */
const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** Columns of the CSV export, headed in the reader's language; coded values named in it; masked values stay masked. */
export const CSV_COLUMNS: Column[] = [
  { header: { 'zh-CN': '客户编码', en: 'Code' }, value: (c) => c.code },
  { header: { 'zh-CN': '类型', en: 'Kind' }, value: (c, locale) => label('kind', c.kind, locale) },
  { header: { 'zh-CN': '名称', en: 'Name' }, value: (c) => c.name },
  { header: { 'zh-CN': '英文名', en: 'Latin name' }, value: (c) => c.nameEn },
  { header: { 'zh-CN': '证件类型', en: 'ID type' }, value: (c, locale) => label('idType', c.idType, locale) },
  { header: { 'zh-CN': '证件号码', en: 'ID number' }, value: (c) => c.idNumber },
  { header: { 'zh-CN': '手机', en: 'Mobile' }, value: (c) => c.mobile },
  { header: { 'zh-CN': '电话', en: 'Phone' }, value: (c) => c.phone },
  { header: { 'zh-CN': '邮箱', en: 'Email' }, value: (c) => c.email },
  { header: { 'zh-CN': '省份代码', en: 'Province code' }, value: (c) => c.provinceCode },
  { header: { 'zh-CN': '城市代码', en: 'City code' }, value: (c) => c.cityCode },
  { header: { 'zh-CN': '区县代码', en: 'District code' }, value: (c) => c.districtCode },
  { header: { 'zh-CN': '行业', en: 'Industry' }, value: (c) => c.industry },
  { header: { 'zh-CN': '状态', en: 'Status' }, value: (c, locale) => label('status', c.status, locale) },
  { header: { 'zh-CN': '所属机构', en: 'Org unit' }, value: (c, locale) => (locale === 'en' && c.orgUnitNameEn ? c.orgUnitNameEn : c.orgUnitName) },
  { header: { 'zh-CN': '客户经理', en: 'Owner' }, value: (c) => c.ownerName },
  { header: { 'zh-CN': '创建时间（北京时间）', en: 'Created (China time)' }, value: (c) => CHINA_TIME.format(c.createdAt) },
];

/** A signed number alone (-12.50, +8613800138000): a spreadsheet reads it as a number, nothing runs. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * CSV lines (RFC 4180 quoting). A value that a spreadsheet would read as a formula (starting with
 * = + - @, a tab or a carriage return, and not a plain number) is prefixed with an apostrophe, so
 * an exported cell can never run as one: -1+1+cmd|' /C calc'!A0 included.
 */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return rows
    .map((row) =>
      row
        .map((v) => {
          if (v === null || v === undefined) return '';
          let s = String(v);
          if (/^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
          return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
        })
        .join(','),
    )
    .map((line) => `${line}\r\n`)
    .join('');
}

/**
 * Streams pages of customers into an .xlsx workbook. Every value is written as a text cell, so
 * ID numbers, mobiles and codes stay exactly as stored instead of becoming 1.10105E+17 in Excel.
 */
export function xlsxStream(pages: AsyncIterable<CustomerDto[]>, locale: Locale, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CSV_COLUMNS.map((c) => ({ header: c.header[locale], width: 18, style: { numFmt: '@' } }));
  (async () => {
    for await (const page of pages) {
      for (const customer of page) {
        sheet.addRow(CSV_COLUMNS.map((col) => {
          const v = col.value(customer, locale);
          return v === null || v === undefined ? null : String(v);
        })).commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
