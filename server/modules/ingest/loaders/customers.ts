import { inScope } from '#platform/auth/actor.ts';
import type { MessageKey } from '#platform/i18n/index.ts';
import { coerce } from '#modules/custom-fields/custom-fields.service.ts';
import type { CustomFieldRow } from '#modules/custom-fields/custom-fields.repository.ts';
import { CUSTOMER_COLUMNS, CUSTOMER_FROM, customersRepository, type CustomerRow, type CustomerValues } from '#modules/customers/customers.repository.ts';
import { canWriteField, normalizeContact, normalizeCustomer, type CustomerFields } from '#modules/customers/customer-input.ts';
import { formatCode } from '#modules/customers/customer-code.ts';
import { PROTECTED_FIELDS } from '#modules/identity/permissions.ts';
import type { SourceRow } from '../readers.ts';
import { cellText, readCode, readDate } from '../cells.ts';
import { CONTACT_FIELDS, wordsFor } from '../targets.ts';
import { csvChunks, pgTextArray } from '#platform/db/copy-csv.ts';
import { cell, rowError, type Counts, type LoadContext, type Loader, type PreparedRow } from './loader.ts';

/** A contact person of a customer row, normalised as the customer form does it. */
export interface ImportedContact {
  name: string;
  title: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
}

export interface CustomerImportValues extends CustomerValues {
  code: string | null;
  externalId: string | null;
  /** The row's contact person, as it will be stored (an existing contact's values filled in). */
  contact?: ImportedContact | null;
  /** insert: a new contact; update: the matching contact gains values; unchanged: the customer has him already. */
  contactAction?: 'insert' | 'update' | 'unchanged';
  contactId?: number;
  contactPrimary?: boolean;
  /** False when only the contact changes: the customer record itself is left alone. */
  customerChanged?: boolean;
}

interface StoredContact extends ImportedContact {
  id: number;
  customerId: number;
  isPrimary: boolean;
}

const CONTACT_KEYS = ['mobile', 'phone', 'email'] as const;

/**
 * The contact of a customer that a row's contact is: one sharing a mobile, phone or email (compared
 * normalised, across kinds: a mobile in the phone column is the same number), else one of the same
 * name whose numbers do not contradict the row's.
 */
function matchContact(existing: StoredContact[], contact: ImportedContact): StoredContact | undefined {
  const keys = new Set(CONTACT_KEYS.map((k) => contact[k]).filter((v): v is string => !!v));
  return (
    existing.find((c) => CONTACT_KEYS.some((k) => c[k] && keys.has(c[k]))) ??
    existing.find((c) => c.name === contact.name && CONTACT_KEYS.every((k) => !contact[k] || !c[k] || c[k] === contact[k]))
  );
}

/** Files carry an option's label more often than its value, and yes or no in words (as exports write them). */
function customCell(def: CustomFieldRow, raw: string): unknown {
  const optionValue = (v: string) => def.options.find((o) => o.value === v || o.labelZh === v || o.labelEn.toLowerCase() === v.toLowerCase())?.value ?? v;
  if (def.type === 'select') return optionValue(raw);
  if (def.type === 'multiselect') return raw.split(/[,，;；、]/).map((v) => v.trim()).filter(Boolean).map(optionValue);
  if (def.type === 'boolean') return YES_NO[raw.toLowerCase()] ?? raw;
  return raw;
}
const YES_NO: Record<string, boolean> = { true: true, yes: true, y: true, 是: true, 1: true, false: false, no: false, n: false, 否: false, 0: false };

/** Plain text fields of CustomerFields, copied from the file as they are (normalised later). */
const TEXT_FIELDS = ['nameEn', 'idNumber', 'mobile', 'phone', 'email', 'provinceCode', 'cityCode', 'districtCode', 'address', 'postalCode', 'industry', 'sourceChannel'] as const;
const CODE_FIELDS = ['kind', 'gender', 'idType', 'size', 'status'] as const;
/** What a customer's stored values are compared on to tell an update from an unchanged row. */
const COMPARED: (keyof CustomerValues)[] = [
  'kind', 'name', 'nameEn', 'gender', 'birthDate', 'idType', 'idNumber', 'mobile', 'phone', 'email', 'provinceCode', 'cityCode',
  'districtCode', 'address', 'postalCode', 'industry', 'size', 'status', 'sourceChannel', 'orgUnitId', 'ownerId',
];

const ORGANIZATION_NAME = /(公司|集团|银行|中心|协会|合作社|研究院|研究所|医院|学校|大学|事务所|工作室|厂|店|行)$/;

const stable = (value: unknown) => JSON.stringify(value, Object.keys((value ?? {}) as object).sort());

function unchanged(before: CustomerRow, after: CustomerValues): boolean {
  return COMPARED.every((k) => (before[k as keyof CustomerRow] ?? null) === (after[k] ?? null)) && stable(before.custom) === stable(after.custom);
}

/** A customer's fields as a row of the file gives them; undefined where the file says nothing. */
type RowFields = { [K in keyof Required<CustomerFields>]: CustomerFields[K] | undefined } & { name: string | undefined };
type MergedFields = CustomerFields & { kind: CustomerRow['kind']; name: string };

/**
 * Every row's fields object has the same keys in the same order, so normalisation reads each
 * field from one object shape (objects with varying keys made each read a slow look-up).
 */
function emptyFields(): RowFields {
  return {
    kind: undefined, name: undefined, nameEn: undefined, gender: undefined, birthDate: undefined, idType: undefined, idNumber: undefined,
    mobile: undefined, phone: undefined, email: undefined, provinceCode: undefined, cityCode: undefined, districtCode: undefined,
    address: undefined, postalCode: undefined, industry: undefined, size: undefined, status: undefined, sourceChannel: undefined,
  };
}
const FIELD_KEYS = Object.keys(emptyFields()) as (keyof RowFields)[];

/** A stored customer's fields with the row's values over them (the keys in the order of emptyFields). */
function mergedFields(row: CustomerRow, fields: RowFields): MergedFields {
  const { kind, name, nameEn, gender, birthDate, idType, idNumber, mobile, phone, email, provinceCode, cityCode, districtCode, address, postalCode, industry, size, status, sourceChannel } = row;
  const merged: Record<string, unknown> = { kind, name, nameEn, gender, birthDate, idType, idNumber, mobile, phone, email, provinceCode, cityCode, districtCode, address, postalCode, industry, size, status, sourceChannel };
  for (const key of FIELD_KEYS) if (fields[key] !== undefined) merged[key] = fields[key];
  return merged as MergedFields;
}

interface Parsed {
  row: SourceRow;
  code: string | null;
  externalId: string | null;
  fields: RowFields;
  custom: Record<string, unknown>;
  /** The org unit code the row gives, null when none. */
  unitCode: string | null;
  /** The unit that code names, when the importer may place customers in it. */
  orgUnitId: number | null;
  owner: string | null;
  contact: ImportedContact | null;
  /** A value of the row did not read: it is still checked for everything else, but not loaded. */
  bad: boolean;
}

/** A problem with what a row refers to (its stored customer, its customer manager), reported after its values'. */
type RefError = [key: string, message: MessageKey, params?: Record<string, unknown>];

/**
 * A row that is not checked as a whole (a value did not read, or its stored customer may not be
 * used) still has the values that did read checked on their own terms (ID number, mobile, email,
 * regions), so that its error report lists everything to fix in one go. Only fields the row holds
 * are reported (a missing name is reported by the caller, who knows whether the customer is stored).
 */
function reportOtherProblems(ctx: LoadContext, row: SourceRow, fields: RowFields): void {
  const name = fields.name ?? '';
  const kind = fields.kind ?? (fields.idType === 'uscc' || ORGANIZATION_NAME.test(name) ? 'organization' : 'individual');
  const { errors } = normalizeCustomer({ ...fields, kind, name } as MergedFields, { orgUnitId: ctx.defaultOrgUnitId, ownerId: null, custom: {} });
  for (const e of errors) {
    const key = e.field.replace(/^body\./, '');
    if ((fields as Record<string, unknown>)[key] !== undefined) rowError(ctx, row, key, e.message, e.params);
  }
}

/** An org unit's code, for a message (units are few, and this is asked only for a row in error). */
function unitCodeOf(ctx: LoadContext, id: number): string {
  for (const unit of ctx.orgUnitsByCode.values()) if (unit.id === id) return unit.code;
  return String(id);
}

/**
 * Customers: matched by code or by the id in the source system, updated when a mapped value
 * differs, inserted otherwise with a code from the pattern. New rows whose ID number, mobile or
 * email another customer has are refused as duplicates (merge them in the app), as in the core.
 */
export const customersLoader: Loader<CustomerImportValues> = {
  async prepare(ctx, rows) {
    const parsed: Parsed[] = [];
    const hasContact = CONTACT_FIELDS.some((k) => ctx.columns.has(`contact.${k}`));
    for (const row of rows) {
      const before = ctx.errors.length;
      const fields = emptyFields();
      const name = cellText(cell(ctx, row, 'name'));
      if (name !== null) fields.name = name;
      for (const key of TEXT_FIELDS) {
        if (!ctx.columns.has(key)) continue;
        const value = cellText(cell(ctx, row, key));
        if (value !== null) fields[key] = value;
      }
      for (const key of CODE_FIELDS) {
        if (!ctx.columns.has(key)) continue;
        const read = readCode(cell(ctx, row, key), wordsFor('customers', key));
        if (!read.ok) rowError(ctx, row, key, read.message, read.params);
        // readCode only gives one of the field's codes.
        else if (read.value !== null) (fields as Record<string, unknown>)[key] = read.value;
      }
      if (ctx.columns.has('birthDate')) {
        const read = readDate(cell(ctx, row, 'birthDate'));
        if (!read.ok) rowError(ctx, row, 'birthDate', read.message, read.params);
        else if (read.value !== null) fields.birthDate = read.value;
      }
      for (const key of PROTECTED_FIELDS) {
        if (fields[key] !== undefined && !canWriteField(ctx.actor, key)) rowError(ctx, row, key, 'field.not_editable');
      }
      const custom: Record<string, unknown> = {};
      for (const def of ctx.customFields) {
        const raw = cellText(cell(ctx, row, `custom.${def.key}`));
        if (raw === null) continue;
        const result = coerce(def, customCell(def, raw));
        if (result.ok) custom[def.key] = result.value;
        else rowError(ctx, row, `custom.${def.key}`, result.message);
      }
      let orgUnitId: number | null = null;
      const unitCode = cellText(cell(ctx, row, 'orgUnitCode'));
      if (unitCode !== null) {
        const unit = ctx.orgUnitsByCode.get(unitCode);
        if (!unit) rowError(ctx, row, 'orgUnitCode', 'import.row.unknown_org_unit');
        else if (ctx.actor.unitScope.kind === 'units' && !ctx.actor.unitScope.unitIds.includes(unit.id)) rowError(ctx, row, 'orgUnitCode', 'import.row.org_unit_out_of_scope');
        else orgUnitId = unit.id;
      }
      let contact: ImportedContact | null = null;
      if (hasContact) {
        const raw = Object.fromEntries(CONTACT_FIELDS.map((k) => [k, cellText(cell(ctx, row, `contact.${k}`))])) as Record<(typeof CONTACT_FIELDS)[number], string | null>;
        if (Object.values(raw).some((v) => v !== null)) {
          const normalised = normalizeContact({ ...raw, name: raw.name ?? '' }, 'contact');
          for (const e of normalised.errors) rowError(ctx, row, e.field, e.message, e.params);
          const { name, title, mobile, phone, email } = normalised.values;
          contact = { name, title, mobile, phone, email };
        }
      }
      // Rows with bad values are looked up too, so their references are reported with their values.
      parsed.push({
        row, code: cellText(cell(ctx, row, 'code')), externalId: cellText(cell(ctx, row, 'externalId')), fields, custom, unitCode, orgUnitId,
        owner: cellText(cell(ctx, row, 'ownerUsername')), contact, bad: ctx.errors.length > before,
      });
    }

    // Everything the batch refers to, in one query each.
    const codes = parsed.flatMap((p) => (p.code ? [p.code] : []));
    const externalIds = parsed.flatMap((p) => (p.externalId ? [p.externalId] : []));
    const owners = [...new Set(parsed.flatMap((p) => (p.owner ? [p.owner] : [])))];
    const byCode = new Map<string, CustomerRow>();
    const byExternal = new Map<string, CustomerRow>();
    const managers = new Map<string, { id: number; orgUnitId: number }>();
    // At once: on PostgreSQL each on a connection of its own.
    await Promise.all([
      codes.length && ctx.read.query<CustomerRow>(`select ${CUSTOMER_COLUMNS} from ${CUSTOMER_FROM} where c.code = any($1::text[])`, [codes]).then((found) => {
        for (const c of found) byCode.set(c.code, c);
      }),
      externalIds.length &&
        ctx.read
          .query<CustomerRow & { externalId: string }>(
            `select ${CUSTOMER_COLUMNS}, e.external_id as "externalId" from customer_external_ids e join ${CUSTOMER_FROM} on c.id = e.customer_id
              where e.source_system = $1 and e.external_id = any($2::text[])`,
            [ctx.sourceSystem, externalIds],
          )
          .then((found) => {
            for (const c of found) byExternal.set(c.externalId, c);
          }),
      owners.length &&
        ctx.read
          .query<{ id: number; username: string; orgUnitId: number }>(`select id, username, org_unit_id as "orgUnitId" from users where status = 'active' and username = any($1::text[])`, [owners])
          .then((found) => {
            for (const u of found) managers.set(u.username, { id: u.id, orgUnitId: u.orgUnitId });
          }),
    ]);

    const prepared: PreparedRow<CustomerImportValues>[] = [];
    for (const p of parsed) {
      const { row } = p;
      const before = ctx.errors.length;
      // What the row refers to is checked for every row, bad values or not (the look-ups are made
      // anyway), and reported after its values, so that one pass finds every problem of the row.
      let refErrors: RefError[] | null = null;
      const foundByCode = p.code ? byCode.get(p.code) : undefined;
      const found = foundByCode ?? (p.externalId ? byExternal.get(p.externalId) : undefined);
      let existing = found;
      if (found?.deletedAt) {
        (refErrors ??= []).push([foundByCode ? 'code' : 'externalId', found.mergedIntoId ? 'import.row.customer_deleted' : foundByCode ? 'import.row.code_taken' : 'import.row.customer_deleted']);
        existing = undefined;
      } else if (found && !inScope(ctx.actor.scope, found)) {
        (refErrors ??= []).push([p.code ? 'code' : 'externalId', 'import.row.out_of_scope']);
        existing = undefined;
      }
      let ownerId: number | null = existing?.ownerId ?? null;
      // A new customer whose row gives no org unit is served where his customer manager sits.
      let managerUnitId: number | null = null;
      if (p.owner !== null) {
        const manager = managers.get(p.owner);
        if (!manager) (refErrors ??= []).push(['ownerUsername', 'import.row.unknown_owner']);
        else {
          ownerId = manager.id;
          if (!found && p.unitCode === null) {
            managerUnitId = manager.orgUnitId;
            if (!inScope(ctx.actor.unitScope, { orgUnitId: managerUnitId, ownerId: null })) {
              (refErrors ??= []).push(['ownerUsername', 'import.row.owner_unit_out_of_scope', { unit: unitCodeOf(ctx, managerUnitId) }]);
            }
          }
        }
      }
      let values: CustomerValues | null = null;
      if (p.bad || found !== existing || (!found && p.fields.name === undefined)) {
        if (!found && p.fields.name === undefined) rowError(ctx, row, 'name', 'field.required');
        reportOtherProblems(ctx, row, p.fields);
      } else {
        // A new row's fields are used as they are (its name is there, checked above): no copy.
        const merged = existing ? mergedFields(existing, p.fields) : (p.fields as MergedFields);
        // Without a kind column, a company name or credit code says it is an organisation.
        if (!existing && !merged.kind) merged.kind = merged.idType === 'uscc' || ORGANIZATION_NAME.test(merged.name) ? 'organization' : 'individual';
        const normalised = normalizeCustomer(merged, {
          orgUnitId: p.orgUnitId ?? existing?.orgUnitId ?? managerUnitId ?? ctx.defaultOrgUnitId,
          ownerId,
          custom: { ...(existing?.custom ?? {}), ...p.custom },
        });
        for (const e of normalised.errors) rowError(ctx, row, e.field.replace(/^body\./, ''), e.message, e.params);
        values = normalised.values;
      }
      if (refErrors) for (const [key, message, params] of refErrors) rowError(ctx, row, key, message, params);
      if (values === null || ctx.errors.length > before) continue;
      // The same person twice in one file: the first row wins, the others are reported.
      // Keys built once per row (they are hashed for both the look-up and the insert).
      const keys: [field: string, key: string][] = [];
      if (p.code) keys.push(['code', `code:${p.code}`]);
      if (p.externalId) keys.push(['externalId', `externalId:${p.externalId}`]);
      if (values.idNumber) keys.push(['idNumber', `idNumber:${values.idNumber}`]);
      if (values.mobile) keys.push(['mobile', `mobile:${values.mobile}`]);
      if (values.email) keys.push(['email', `email:${values.email}`]);
      const twin = keys.find(([, key]) => ctx.seen.has(key));
      if (twin) {
        rowError(ctx, row, twin[0], 'import.row.duplicate_in_file', { row: ctx.seen.get(twin[1]) });
        continue;
      }
      for (const [, key] of keys) ctx.seen.set(key, row.rowNo);
      // `values` is this row's own fresh object: extended in place rather than copied (25 fields a row).
      const out = values as CustomerImportValues;
      out.code = existing?.code ?? p.code;
      out.externalId = p.externalId;
      if (p.contact) out.contact = p.contact;
      if (existing) prepared.push({ rowNo: row.rowNo, action: unchanged(existing, values) ? 'unchanged' : 'update', values: out, id: existing.id });
      else prepared.push({ rowNo: row.rowNo, action: 'insert', values: out });
    }

    // Duplicates of customers already stored: by ID number, mobile or email, as the core checks.
    const ids: string[] = [];
    const mobiles: string[] = [];
    const emails: string[] = [];
    for (const p of prepared) {
      if (p.action === 'unchanged') continue;
      if (p.values.idNumber) ids.push(p.values.idNumber);
      if (p.action === 'insert' && p.values.mobile) mobiles.push(p.values.mobile);
      if (p.action === 'insert' && p.values.email) emails.push(p.values.email);
    }
    if (ids.length + mobiles.length + emails.length === 0) return withContacts(ctx, rows, prepared);
    const holders = await ctx.read.query<{ id: number; code: string; idNumber: string | null; mobile: string | null; email: string | null; orgUnitId: number; ownerId: number | null }>(
      // One index probe per value (each lateral subquery kept apart by `offset 0`). Given the lists
      // whole (`= any($1)`), the planner scanned the table: it expects many rows per ID number or
      // mobile, and a batch holds thousands of them (100 ms a batch at 200,000 customers, growing with the table).
      `select c.id, c.code, c.id_number as "idNumber", c.mobile, lower(c.email) as email, c.org_unit_id as "orgUnitId", c.owner_id as "ownerId"
         from (select f.id from unnest($1::text[]) as k(v) cross join lateral (select id from customers where id_number = k.v and deleted_at is null offset 0) f
               union
               select f.id from unnest($2::text[]) as k(v) cross join lateral (select id from customers where mobile = k.v and deleted_at is null offset 0) f
               union
               select f.id from unnest($3::text[]) as k(v) cross join lateral (select id from customers where lower(email) = k.v and deleted_at is null offset 0) f) found
         join customers c on c.id = found.id`,
      [ids, mobiles, emails],
    );
    const holderOf = new Map<string, (typeof holders)[number]>();
    for (const h of holders) {
      if (h.idNumber) holderOf.set(`idNumber:${h.idNumber}`, h);
      if (h.mobile) holderOf.set(`mobile:${h.mobile}`, h);
      if (h.email) holderOf.set(`email:${h.email}`, h);
    }
    const sourceRows = new Map(rows.map((r) => [r.rowNo, r]));
    const kept = prepared.filter((p) => {
      const fields = p.action === 'insert' ? (['idNumber', 'mobile', 'email'] as const) : (['idNumber'] as const);
      for (const field of fields) {
        const value = field === 'email' ? p.values.email?.toLowerCase() : p.values[field];
        const holder = value ? holderOf.get(`${field}:${value}`) : undefined;
        if (!holder || holder.id === p.id) continue;
        const label: MessageKey = `import.field.${field}`;
        const visible = inScope(ctx.actor.scope, holder);
        // A visible holder is named by id too, so the error report can offer to merge the two.
        const related = visible ? { customerId: holder.id, ...(p.id !== undefined ? { sourceId: p.id } : {}) } : {};
        rowError(ctx, sourceRows.get(p.rowNo)!, field, visible ? 'import.row.duplicate' : 'import.row.duplicate_other_branch', { code: visible ? holder.code : undefined, field: label, ...related });
        return false;
      }
      return true;
    });
    return withContacts(ctx, rows, kept);
  },

  async write(ctx, rows, counts: Counts) {
    const inserts = rows.filter((r) => r.action === 'insert');
    if (inserts.length) {
      // The new rows' ids and codes come from their sequences first, so the rows can be copied
      // straight into the tables: nothing is left for the database to decide or send back.
      const needCodes = inserts.filter((r) => !r.values.code).length;
      const [numbers] = await ctx.tx.query<{ ids: number[]; seqs: number[] }>(
        `select array(select nextval(pg_get_serial_sequence('customers', 'id')) from generate_series(1, $1::int)) as ids,
                array(select nextval('customer_code_seq') from generate_series(1, $2::int)) as seqs`,
        [inserts.length, needCodes],
      );
      const ids = numbers!.ids.map(Number);
      const seqs = numbers!.seqs.map(Number);
      const now = new Date();
      const stamp = now.toISOString();
      let next = 0;
      inserts.forEach((r, i) => {
        r.id = ids[i]!;
        r.values.code ??= formatCode(ctx.codePattern, { seq: seqs[next++]!, kind: r.values.kind, date: now });
      });
      // COPY writes the given ids into the identity column (as OVERRIDING SYSTEM VALUE would).
      await ctx.tx.copyFrom(`copy customers (${CUSTOMER_COPY_COLUMNS}) from stdin with (format csv)`, csvChunks(inserts, ({ id, values: v }) => [
        id, v.code, v.kind, v.name, v.nameEn, v.nameSort, pgTextArray(v.nameGrams), v.nameNorm, v.gender, v.birthDate, v.idType, v.idNumber,
        v.mobile, v.phone, v.email, v.provinceCode, v.cityCode, v.districtCode, v.address, v.postalCode, v.industry, v.size, v.status,
        v.sourceChannel, v.orgUnitId, v.ownerId, JSON.stringify(v.custom), stamp, stamp, ctx.actor.userId, ctx.actor.userId,
      ]));
      const linked = inserts.filter((r) => r.values.externalId);
      if (linked.length) {
        await ctx.tx.copyFrom(`copy customer_external_ids (source_system, external_id, customer_id) from stdin with (format csv)`,
          csvChunks(linked, (r) => [ctx.sourceSystem, r.values.externalId, r.id]));
      }
      counts.inserted += inserts.length;
      ctx.changed.add(ids);
    }
    for (const r of rows) {
      if (r.action === 'update') {
        if (r.values.customerChanged !== false) await customersRepository.update(ctx.tx, r.id!, r.values, ctx.actor.userId);
        ctx.changed.add([r.id!]);
        counts.updated++;
      } else if (r.action === 'unchanged') counts.unchanged++;
    }
    await writeContacts(ctx, rows);
    // An updated customer found by code gains the source system's id, so the next file can use either.
    const link = rows.filter((r) => r.action !== 'insert' && r.values.externalId);
    if (link.length) {
      await ctx.tx.query(
        `insert into customer_external_ids (source_system, external_id, customer_id)
         select $1, e, c from unnest($2::text[], $3::bigint[]) as t(e, c) on conflict do nothing`,
        [ctx.sourceSystem, link.map((r) => r.values.externalId), link.map((r) => r.id)],
      );
    }
  },
};

/**
 * Decides what each row's contact person does: a new customer gets him as his primary contact; an
 * existing customer gets him unless he has a matching contact already, whose empty values are then
 * filled in (and changed ones replaced). A customer whose only change is a new contact is an update.
 */
async function withContacts(ctx: LoadContext, rows: SourceRow[], prepared: PreparedRow<CustomerImportValues>[]): Promise<PreparedRow<CustomerImportValues>[]> {
  const sourceRows = new Map(rows.map((r) => [r.rowNo, r]));
  const customerIds = [...new Set(prepared.flatMap((p) => (p.values.contact && p.id !== undefined ? [p.id] : [])))];
  const stored = new Map<number, StoredContact[]>();
  if (customerIds.length) {
    const found = await ctx.read.query<StoredContact>(
      `select id, customer_id as "customerId", name, title, mobile, phone, email, is_primary as "isPrimary"
         from contacts where deleted_at is null and customer_id = any($1::bigint[]) order by id`,
      [customerIds],
    );
    for (const c of found) stored.set(c.customerId, [...(stored.get(c.customerId) ?? []), c]);
  }
  return prepared.filter((p) => {
    const contact = p.values.contact;
    if (!contact) return true;
    const owner = p.id ?? `new:${p.rowNo}`;
    // The same person twice for one customer in one file is added once.
    const seenKey = `contact:${owner}:${contact.mobile ?? contact.phone ?? contact.email ?? contact.name}`;
    if (ctx.seen.has(seenKey)) {
      p.values.contactAction = 'unchanged';
      return true;
    }
    ctx.seen.set(seenKey, p.rowNo);
    const existing = p.id !== undefined ? (stored.get(p.id) ?? []) : [];
    const match = matchContact(existing, contact);
    if (!match) {
      const primaryKey = `contact-primary:${owner}`;
      p.values.contactAction = 'insert';
      p.values.contactPrimary = !existing.some((c) => c.isPrimary) && !ctx.seen.has(primaryKey);
      if (p.values.contactPrimary) ctx.seen.set(primaryKey, p.rowNo);
    } else {
      const merged: ImportedContact = {
        name: contact.name,
        title: contact.title ?? match.title,
        mobile: contact.mobile ?? match.mobile,
        phone: contact.phone ?? match.phone,
        email: contact.email ?? match.email,
      };
      const changed = (['name', 'title', ...CONTACT_KEYS] as const).some((k) => merged[k] !== match[k]);
      // As in the contact form: a number or email only a permitted role may change.
      const forbidden = CONTACT_KEYS.find((k) => merged[k] !== match[k] && !canWriteField(ctx.actor, k));
      if (forbidden) {
        rowError(ctx, sourceRows.get(p.rowNo)!, `contact.${forbidden}`, 'field.not_editable');
        return false;
      }
      p.values.contact = merged;
      p.values.contactAction = changed ? 'update' : 'unchanged';
      p.values.contactId = match.id;
    }
    if (p.action === 'unchanged' && p.values.contactAction !== 'unchanged') {
      p.action = 'update';
      p.values.customerChanged = false;
    }
    return true;
  });
}

const CUSTOMER_COPY_COLUMNS = `id, code, kind, name, name_en, name_sort, name_grams, name_norm, gender, birth_date, id_type, id_number,
  mobile, phone, email, province_code, city_code, district_code, address, postal_code, industry, size, status, source_channel,
  org_unit_id, owner_id, custom, created_at, updated_at, created_by, updated_by`;

/** Stores the contacts prepared above, after the customers (new ones have their ids by now). */
async function writeContacts(ctx: LoadContext, rows: PreparedRow<CustomerImportValues>[]) {
  const inserts = rows.filter((r) => r.values.contact && r.values.contactAction === 'insert' && r.id !== undefined);
  if (inserts.length) {
    const col = (k: keyof ImportedContact) => inserts.map((r) => r.values.contact![k]);
    await ctx.tx.query(
      `insert into contacts (customer_id, name, title, mobile, phone, email, is_primary)
       select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])`,
      [inserts.map((r) => r.id), col('name'), col('title'), col('mobile'), col('phone'), col('email'), inserts.map((r) => r.values.contactPrimary ?? false)],
    );
  }
  const updates = rows.filter((r) => r.values.contact && r.values.contactAction === 'update' && r.values.contactId !== undefined);
  if (updates.length) {
    const col = (k: keyof ImportedContact) => updates.map((r) => r.values.contact![k]);
    await ctx.tx.query(
      `update contacts c set name = t.name, title = t.title, mobile = t.mobile, phone = t.phone, email = t.email, updated_at = now()
         from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(id, name, title, mobile, phone, email)
        where c.id = t.id`,
      [updates.map((r) => r.values.contactId), col('name'), col('title'), col('mobile'), col('phone'), col('email')],
    );
  }
}
