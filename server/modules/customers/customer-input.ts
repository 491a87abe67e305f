import type { Actor } from '#platform/auth/actor.ts';
import type { FieldError } from '#platform/errors.ts';
import {
  isValidRegionCode,
  lookupRegion,
  nameSortKey,
  normalizeCompanyName,
  normalizeText,
  tidyText,
  parseMobile,
  parsePhone,
  parseResidentId,
  parseUscc,
  toHalfWidth,
  isIsoDate,
} from '#lib/cn/index.ts';
import type { CustomerValues } from './customers.repository.ts';
import { nameGrams } from './name-grams.ts';

/** The editable fields of a customer as a client sends them (create and update share it). */
type EditableKey =
  | 'gender' | 'birthDate' | 'idType' | 'idNumber' | 'mobile' | 'phone' | 'email' | 'provinceCode' | 'cityCode'
  | 'districtCode' | 'address' | 'postalCode' | 'industry' | 'size' | 'nameEn' | 'sourceChannel';
export type CustomerFields = Partial<Pick<CustomerValues, EditableKey | 'kind' | 'status'>> & { name?: string | null };

/** Fields a role can restrict (see PROTECTED_FIELDS); writing one needs 'edit' or 'masked_in_lists'. */
export function canWriteField(actor: Actor, field: string): boolean {
  const access = actor.fieldRules[field] ?? 'edit';
  return access === 'edit' || access === 'masked_in_lists';
}

/**
 * An address as mail systems take it: a dot-separated local part of letters, digits (any script,
 * as in 张三@例子.中国) and the few marks RFC 5322 allows unquoted, then a domain of such labels.
 * Quotes, brackets and spaces are refused: =HYPERLINK("http://x")@x.cn is no address.
 */
const ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const EMAIL = new RegExp(`^${ATOM}(\\.${ATOM})*@([\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+([\\p{L}]{2,}|xn--[a-z0-9-]+)$`, 'u');
const FOREIGN_E164 = /^\+(?!86)\d{6,15}$/;

/** Free text keeps full-width punctuation; codes and numbers are made half-width where parsed. */
function clean(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = tidyText(v);
  return s === '' ? null : s;
}

/**
 * Normalises and checks one customer's fields the Chinese way: full-width digits, resident IDs
 * (birth date and gender taken from the number), USCC, mobiles to E.164, landlines, GB/T 2260
 * regions. Returns the row values and every field error at once.
 */
export function normalizeCustomer(
  merged: CustomerFields & { kind: 'individual' | 'organization'; name: string },
  base: Pick<CustomerValues, 'orgUnitId' | 'ownerId' | 'custom'>,
): { values: CustomerValues; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: string, message: FieldError['message']) => errors.push({ field: `body.${field}`, message });

  const name = clean(merged.name)?.replace(/[\u30FB\uFF65\u2022\u2027\u00B7]/g, '·') ?? '';
  if (!name) err('name', 'field.required');
  const nameEn = clean(merged.nameEn);
  let gender = clean(merged.gender);
  let birthDate = clean(merged.birthDate);
  let idType = clean(merged.idType);
  let idNumber = clean(merged.idNumber);

  if (idNumber) {
    idType ??= merged.kind === 'organization' ? 'uscc' : 'resident_id';
    if (idType === 'resident_id') {
      const parsed = parseResidentId(idNumber);
      if (!parsed.ok) err('idNumber', `field.resident_id.${parsed.reason}`);
      else {
        idNumber = parsed.value;
        birthDate ??= parsed.birthDate;
        gender ??= parsed.gender;
      }
    } else if (idType === 'uscc') {
      const parsed = parseUscc(idNumber);
      if (!parsed.ok) err('idNumber', 'field.uscc');
      else idNumber = parsed.value;
    } else {
      idNumber = toHalfWidth(idNumber).replace(/\s+/g, '').toUpperCase();
    }
  }

  if (birthDate) {
    birthDate = toHalfWidth(birthDate);
    if (!isIsoDate(birthDate)) err('birthDate', 'field.date');
  }

  let mobile = clean(merged.mobile);
  if (mobile) {
    const parsed = parseMobile(mobile);
    const compact = toHalfWidth(mobile).replace(/[\s()-]/g, '');
    if (parsed.ok) mobile = parsed.e164;
    else if (FOREIGN_E164.test(compact)) mobile = compact;
    else err('mobile', 'field.mobile');
  }
  let phone = clean(merged.phone);
  if (phone) {
    const parsed = parsePhone(phone);
    if (parsed) phone = parsed.value;
    else err('phone', 'field.phone');
  }
  let email = clean(merged.email);
  if (email) {
    email = email.toLowerCase();
    if (!EMAIL.test(email)) err('email', 'field.invalid_email');
  }

  let provinceCode = clean(merged.provinceCode);
  let cityCode = clean(merged.cityCode);
  const districtCode = clean(merged.districtCode);
  if (provinceCode && !isValidRegionCode(provinceCode)) err('provinceCode', 'field.region');
  if (cityCode && !isValidRegionCode(cityCode)) err('cityCode', 'field.region');
  if (districtCode && !isValidRegionCode(districtCode)) err('districtCode', 'field.region');
  // A district implies its city and province; fill them so filters by province find it.
  // The finest code decides the coarser ones, also when an edit changes the district only.
  const finest = districtCode ?? cityCode;
  if (finest && isValidRegionCode(finest)) {
    const region = lookupRegion(finest);
    if (region?.provinceCode) provinceCode = region.provinceCode;
    if (districtCode && region) cityCode = region.cityCode ?? null;
  }

  const values: CustomerValues = {
    kind: merged.kind,
    name,
    nameEn,
    nameSort: nameSortKey(name || nameEn || ''),
    nameGrams: nameGrams(name, nameEn),
    nameNorm: merged.kind === 'organization' ? normalizeCompanyName(name) : normalizeText(name).toLowerCase(),
    gender,
    birthDate,
    idType: idNumber ? idType : clean(merged.idType),
    idNumber,
    mobile,
    phone,
    email,
    provinceCode,
    cityCode,
    districtCode,
    address: clean(merged.address),
    postalCode: clean(merged.postalCode),
    industry: clean(merged.industry),
    size: clean(merged.size),
    status: merged.status ?? 'active',
    sourceChannel: clean(merged.sourceChannel),
    orgUnitId: base.orgUnitId,
    ownerId: base.ownerId,
    custom: base.custom,
  };
  return { values, errors };
}

/** Normalises a contact's phone and email, reporting errors under its index. */
export function normalizeContact(
  c: { name: string; title?: string | null; mobile?: string | null; phone?: string | null; email?: string | null; isPrimary?: boolean; notes?: string | null },
  path: string,
) {
  const errors: FieldError[] = [];
  const clean = (v: string | null | undefined) => (v ? tidyText(v) || null : null);
  let mobile = clean(c.mobile);
  if (mobile) {
    const parsed = parseMobile(mobile);
    if (parsed.ok) mobile = parsed.e164;
    else errors.push({ field: `${path}.mobile`, message: 'field.mobile' });
  }
  let phone = clean(c.phone);
  if (phone) {
    const parsed = parsePhone(phone);
    if (parsed) phone = parsed.value;
    else errors.push({ field: `${path}.phone`, message: 'field.phone' });
  }
  let email = clean(c.email);
  if (email) {
    email = email.toLowerCase();
    if (!EMAIL.test(email)) errors.push({ field: `${path}.email`, message: 'field.invalid_email' });
  }
  const name = clean(c.name) ?? '';
  if (!name) errors.push({ field: `${path}.name`, message: 'field.required' });
  return {
    values: { name, title: clean(c.title), mobile, phone, email, isPrimary: c.isPrimary ?? false, notes: clean(c.notes) },
    errors,
  };
}
