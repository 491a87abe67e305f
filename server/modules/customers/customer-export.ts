import { formatChinaTime } from '#lib/cn/index.ts';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '#platform/i18n/index.ts';
import type { Actor } from '#platform/auth/actor.ts';
import type { CustomFieldRow } from '#modules/custom-fields/custom-fields.repository.ts';
import type { CustomerDto } from './customers.dto.ts';
import { CUSTOMER_VALUE_LABELS } from './customer-labels.ts';

interface Column {
  header: Record<Locale, string>;
  value: (c: CustomerDto, locale: Locale) => string | number | null | undefined;
  /** The customer field whose reading rules decide whether the column is shown (hidden fields are left out). */
  field?: string;
}

const label = (field: keyof typeof CUSTOMER_VALUE_LABELS, code: string | null | undefined, locale: Locale) =>
  code ? (CUSTOMER_VALUE_LABELS[field][code]?.[locale] ?? code) : code;

/** A time as people in China read it, to the second: 2026-11-24 19:10:34 (exports state the zone in their header). */

/**
 * The customer columns of an export, headed in the reader's language with names the import maps
 * back by itself (the org unit and the manager by code and user name, their names beside them for
 * people), so that an exported list, edited, can be imported again; coded values named in the
 * reader's language, which the import reads too; masked values stay masked.
 */
const CUSTOMER_COLUMNS: Column[] = [
  { header: { 'zh-CN': '客户编码', en: 'Code' }, value: (c) => c.code },
  { header: { 'zh-CN': '类型', en: 'Kind' }, value: (c, locale) => label('kind', c.kind, locale) },
  { header: { 'zh-CN': '名称', en: 'Name' }, value: (c) => c.name },
  { header: { 'zh-CN': '英文名', en: 'English name' }, value: (c) => c.nameEn },
  { header: { 'zh-CN': '性别', en: 'Gender' }, value: (c, locale) => label('gender', c.gender, locale), field: 'gender' },
  { header: { 'zh-CN': '出生日期', en: 'Date of birth' }, value: (c) => c.birthDate, field: 'birthDate' },
  { header: { 'zh-CN': '证件类型', en: 'ID type' }, value: (c, locale) => label('idType', c.idType, locale) },
  { header: { 'zh-CN': '证件号码', en: 'ID number' }, value: (c) => c.idNumber, field: 'idNumber' },
  { header: { 'zh-CN': '手机', en: 'Mobile' }, value: (c) => c.mobile, field: 'mobile' },
  { header: { 'zh-CN': '电话', en: 'Phone' }, value: (c) => c.phone, field: 'phone' },
  { header: { 'zh-CN': '邮箱', en: 'Email' }, value: (c) => c.email, field: 'email' },
  { header: { 'zh-CN': '省份代码', en: 'Province code' }, value: (c) => c.provinceCode },
  { header: { 'zh-CN': '城市代码', en: 'City code' }, value: (c) => c.cityCode },
  { header: { 'zh-CN': '区县代码', en: 'District code' }, value: (c) => c.districtCode },
  { header: { 'zh-CN': '地址', en: 'Address' }, value: (c) => c.address, field: 'address' },
  { header: { 'zh-CN': '邮编', en: 'Postal code' }, value: (c) => c.postalCode },
  { header: { 'zh-CN': '行业', en: 'Industry' }, value: (c) => c.industry },
  { header: { 'zh-CN': '企业规模', en: 'Company size' }, value: (c, locale) => label('size', c.size, locale) },
  { header: { 'zh-CN': '状态', en: 'Status' }, value: (c, locale) => label('status', c.status, locale) },
  { header: { 'zh-CN': '来源渠道', en: 'Source channel' }, value: (c) => c.sourceChannel },
  { header: { 'zh-CN': '机构号', en: 'Org unit code' }, value: (c) => c.orgUnitCode },
  { header: { 'zh-CN': '机构名称', en: 'Org unit name' }, value: (c, locale) => (locale === 'en' && c.orgUnitNameEn ? c.orgUnitNameEn : c.orgUnitName) },
  { header: { 'zh-CN': '客户经理用户名', en: 'Owner user name' }, value: (c) => c.ownerUsername },
  { header: { 'zh-CN': '客户经理姓名', en: 'Owner name' }, value: (c) => c.ownerName },
];

const CREATED_COLUMN: Column = { header: { 'zh-CN': '创建时间（北京时间）', en: 'Created (China time)' }, value: (c) => formatChinaTime(c.createdAt) };

type CustomFieldDefinition = Pick<CustomFieldRow, 'key' | 'type' | 'labelZh' | 'labelEn' | 'options' | 'active'>;

/** A custom field's value as the import reads it back: options by their label, yes/no in words. */
function customValue(def: CustomFieldDefinition, value: unknown, locale: Locale): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  const optionLabel = (v: unknown) => {
    const option = def.options.find((o) => o.value === v);
    return option ? (locale === 'en' ? option.labelEn : option.labelZh) : String(v);
  };
  if (value === '****') return value;
  if (def.type === 'select') return optionLabel(value);
  if (def.type === 'multiselect' && Array.isArray(value)) return value.map(optionLabel).join(locale === 'en' ? '; ' : '、');
  if (def.type === 'boolean') return value === true ? (locale === 'en' ? 'Yes' : '是') : locale === 'en' ? 'No' : '否';
  return typeof value === 'number' ? value : String(value);
}

/**
 * The columns of an export for one reader: the customer's fields, then each active custom field
 * under its label, then the creation time. Fields the reader's roles hide are left out.
 */
export function exportColumns(actor: Pick<Actor, 'fieldRules'>, customFields: CustomFieldDefinition[]): Column[] {
  const custom: Column[] = customFields
    .filter((def) => def.active && actor.fieldRules[`custom.${def.key}`] !== 'hidden')
    .map((def) => ({ header: { 'zh-CN': def.labelZh, en: def.labelEn }, value: (c, locale) => customValue(def, c.custom[def.key], locale) }));
  return [...CUSTOMER_COLUMNS.filter((col) => !col.field || actor.fieldRules[col.field] !== 'hidden'), ...custom, CREATED_COLUMN];
}

/** A signed number alone (-12.50, +8613800138000): a spreadsheet reads it as a number, nothing runs. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Digits Excel would read as a number and spoil: ID and account numbers past 15 digits (1.10105E+17,
 * the last digits lost), mobiles with their +86, codes with leading zeros.
 */
const SPOILED_AS_NUMBER = /^(\+?\d{12,}|0\d+)$/;

/**
 * CSV lines (RFC 4180 quoting). A value that a spreadsheet would read as a formula (starting with
 * = + - @, a tab or a carriage return, and not a plain number) is prefixed with an apostrophe, so
 * an exported cell can never run as one: -1+1+cmd|' /C calc'!A0 included. Long digit strings start
 * with a tab: Excel then keeps them as text, and imports (ours too) trim it away.
 */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return rows
    .map((row) =>
      row
        .map((v) => {
          if (v === null || v === undefined) return '';
          let s = String(v);
          if (/^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
          else if (SPOILED_AS_NUMBER.test(s)) s = `\t${s}`;
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
export function xlsxStream(pages: AsyncIterable<CustomerDto[]>, columns: Column[], locale: Locale, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header[locale], width: 18, style: { numFmt: '@' } }));
  (async () => {
    for await (const page of pages) {
      for (const customer of page) {
        sheet.addRow(columns.map((col) => {
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
