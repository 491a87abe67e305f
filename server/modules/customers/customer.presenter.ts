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

/**
 * Shapes a customer row for one reader: fields his roles hide are left out, masked ones are
 * masked, and `masked` lists them so a client can say why a value looks like 138****8000.
 */
export function presentCustomer(row: CustomerRow, actor: Actor, view: View, contacts?: ContactDto[]): CustomerDto {
  const { nameSort: _sort, ...base } = row;
  const dto: CustomerDto = { ...base, custom: { ...row.custom }, masked: [] };
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
  for (const key of Object.keys(dto.custom)) {
    const how = visibility(actor.fieldRules[`custom.${key}`], view);
    if (how === 'hide') delete dto.custom[key];
    else if (how === 'mask') {
      dto.custom[key] = '****';
      dto.masked.push(`custom.${key}`);
    }
  }
  if (view === 'detail') {
    const code = row.districtCode ?? row.cityCode ?? row.provinceCode;
    dto.regionPath = code ? regionPath(code) : [];
    if (contacts) dto.contacts = contacts.map((c) => presentContact(c, actor));
  }
  return dto;
}

/** Contacts follow the same mobile and email rules as their customer. */
export function presentContact(c: ContactDto, actor: Actor): ContactDto {
  const out = { ...c };
  for (const field of ['mobile', 'phone', 'email'] as const) {
    const how = visibility(actor.fieldRules[field], 'detail');
    const value = out[field];
    if (!value) continue;
    if (how === 'hide') out[field] = null;
    if (how === 'mask') out[field] = field === 'email' ? maskEmail(value) : field === 'mobile' ? maskMobile(value) : '****';
  }
  return out;
}
