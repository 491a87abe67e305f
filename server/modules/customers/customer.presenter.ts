import type { Actor } from '#platform/auth/actor.ts';
import { maskEmail, maskIdNumber, maskMobile, maskUscc, regionPath } from '#lib/cn/index.ts';
import type { FieldAccess } from '#modules/identity/permissions.ts';
import type { ContactDto, CustomerDto } from './customers.dto.ts';
import type { CustomerRow } from './customers.repository.ts';

export type View = 'list' | 'detail';

const maskers: Record<string, (value: string, row: CustomerRow) => string> = {
  idNumber: (v, row) => (row.idType === 'uscc' ? maskUscc(v) : maskIdNumber(v)),
  mobile: (v) => maskMobile(v),
  phone: (v) => (v.length > 4 ? `${v.slice(0, Math.max(0, v.length - 4)).replace(/\d/g, '*')}${v.slice(-4)}` : '****'),
  email: (v) => maskEmail(v),
  birthDate: (v) => `${v.slice(0, 4)}-**-**`,
  address: (v) => `${[...v].slice(0, 6).join('')}****`,
};

function visibility(access: FieldAccess | undefined, view: View): 'hide' | 'mask' | 'show' {
  if (access === 'hidden') return 'hide';
  if (access === 'masked' || (access === 'masked_in_lists' && view === 'list')) return 'mask';
  return 'show';
}

/** Custom field values for one reader: hidden ones left out, masked ones starred (their keys added to `masked`). */
function shapeCustom(custom: Record<string, unknown>, actor: Actor, view: View, masked?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(custom)) {
    const how = visibility(actor.fieldRules[`custom.${key}`], view);
    if (how === 'hide') continue;
    if (how === 'mask') masked?.push(`custom.${key}`);
    out[key] = how === 'mask' ? '****' : value;
  }
  return out;
}

/**
 * Shapes a customer row for one reader: fields his roles hide are left out, masked ones are
 * masked, and `masked` lists them so a client can say why a value looks like 138****8000.
 */
export function presentCustomer(row: CustomerRow, actor: Actor, view: View, contacts?: ContactDto[]): CustomerDto {
  const { nameSort: _sort, ...base } = row;
  const dto: CustomerDto = { ...base, custom: {}, masked: [] };
  for (const field of Object.keys(maskers)) {
    const key = field as keyof CustomerDto & keyof typeof maskers;
    const how = visibility(actor.fieldRules[field], view);
    const value = dto[key] as string | null | undefined;
    if (how === 'hide') {
      delete dto[key];
    } else if (how === 'mask' && value) {
      (dto as Record<string, unknown>)[key] = maskers[field]!(value, row);
      dto.masked.push(field);
    }
  }
  dto.custom = shapeCustom(row.custom, actor, view, dto.masked);
  if (view === 'detail') {
    const code = row.districtCode ?? row.cityCode ?? row.provinceCode;
    dto.regionPath = code ? regionPath(code) : [];
    if (contacts) dto.contacts = contacts.map((c) => presentContact(c, actor));
  }
  return dto;
}

/** How a contact's numbers are masked (a landline is starred whole: it is short and often shared). */
const contactMaskers: Record<'mobile' | 'phone' | 'email', (value: string) => string> = {
  mobile: (v) => maskMobile(v),
  phone: () => '****',
  email: (v) => maskEmail(v),
};

/** Contacts follow the same mobile and email rules as their customer. */
export function presentContact(c: ContactDto, actor: Actor): ContactDto {
  const out = { ...c };
  for (const field of ['mobile', 'phone', 'email'] as const) {
    const how = visibility(actor.fieldRules[field], 'detail');
    const value = out[field];
    if (!value) continue;
    if (how === 'hide') out[field] = null;
    if (how === 'mask') out[field] = contactMaskers[field](value);
  }
  return out;
}

/**
 * One value of a customer field as `actor` sees it in `view`, by the rules presentCustomer,
 * presentContact and the custom fields follow: null when his roles hide it. For customer values
 * shown outside the customer's record (an import's rows and errors). `field` is a customer field
 * ('idNumber', 'mobile' …), 'contact.<field>' or 'custom.<key>'; `idType` picks the ID number's mask.
 */
export function fieldForReader(
  actor: Pick<Actor, 'fieldRules'>,
  field: string,
  value: unknown,
  view: View,
  idType?: string | null,
): { value: unknown; masked: boolean } | null {
  const contact = field.startsWith('contact.') ? field.slice('contact.'.length) : null;
  const contactMasker = contact !== null && Object.hasOwn(contactMaskers, contact) ? contactMaskers[contact as keyof typeof contactMaskers] : undefined;
  const masker = contactMasker ?? (field.startsWith('custom.') ? () => '****' : Object.hasOwn(maskers, field) ? (v: string) => maskers[field]!(v, { idType } as CustomerRow) : undefined);
  if (!masker) return { value, masked: false };
  // A contact's rule is his customer's, as his record shows it.
  const how = contactMasker ? visibility(actor.fieldRules[contact!], 'detail') : visibility(actor.fieldRules[field], view);
  if (how === 'hide') return null;
  if (how === 'show' || value === null || value === undefined || value === '') return { value, masked: false };
  return { value: typeof value === 'string' ? masker(value) : '****', masked: true };
}

/**
 * Customer data as the audit trail holds it (a record before and after a change, or a merge's
 * snapshot), shaped for one reader as a list shows it: what his roles hide is left out, what
 * they mask is masked, at any depth. Entries are evidence, so nothing else changes.
 */
export function redactCustomerData(value: unknown, actor: Actor): unknown {
  if (Array.isArray(value)) return value.map((v) => redactCustomerData(v, actor));
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) {
    const masker = maskers[key];
    if (masker && typeof v === 'string' && v) {
      const how = visibility(actor.fieldRules[key], 'list');
      if (how === 'hide') continue;
      out[key] = how === 'mask' ? masker(v, record as unknown as CustomerRow) : v;
    } else if (key === 'custom' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[key] = shapeCustom(v as Record<string, unknown>, actor, 'list');
    } else out[key] = redactCustomerData(v, actor);
  }
  return out;
}
