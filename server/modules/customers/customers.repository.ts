import type { Queryable } from '#platform/db/db.ts';
import { scopeCondition, type RecordScope } from '#platform/auth/actor.ts';
import { memberOf } from '#platform/db/sql.ts';
import type { ContactDto } from './customers.dto.ts';

/** The columns a service may write; derived search columns are computed by the service. */
export interface CustomerValues {
  kind: 'individual' | 'organization';
  name: string;
  nameEn: string | null;
  nameSort: string;
  nameGrams: string[];
  nameNorm: string;
  gender: string | null;
  birthDate: string | null;
  idType: string | null;
  idNumber: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
  address: string | null;
  postalCode: string | null;
  industry: string | null;
  size: string | null;
  status: string;
  sourceChannel: string | null;
  orgUnitId: number;
  ownerId: number | null;
  custom: Record<string, unknown>;
}

/** A stored customer as read: its values (without the search columns) and its bookkeeping. */
export interface CustomerRow extends Omit<CustomerValues, 'nameGrams' | 'nameNorm'> {
  id: number;
  code: string;
  orgUnitCode: string | null;
  orgUnitName: string | null;
  orgUnitNameEn: string | null;
  ownerUsername: string | null;
  ownerName: string | null;
  mergedIntoId: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

const WRITABLE: [keyof CustomerValues, string][] = [
  ['kind', 'kind'],
  ['name', 'name'],
  ['nameEn', 'name_en'],
  ['nameSort', 'name_sort'],
  ['nameGrams', 'name_grams'],
  ['nameNorm', 'name_norm'],
  ['gender', 'gender'],
  ['birthDate', 'birth_date'],
  ['idType', 'id_type'],
  ['idNumber', 'id_number'],
  ['mobile', 'mobile'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['provinceCode', 'province_code'],
  ['cityCode', 'city_code'],
  ['districtCode', 'district_code'],
  ['address', 'address'],
  ['postalCode', 'postal_code'],
  ['industry', 'industry'],
  ['size', 'size'],
  ['status', 'status'],
  ['sourceChannel', 'source_channel'],
  ['orgUnitId', 'org_unit_id'],
  ['ownerId', 'owner_id'],
  ['custom', 'custom'],
];

export const CUSTOMER_COLUMNS = `c.id, c.code, c.kind, c.name, c.name_en as "nameEn", c.name_sort as "nameSort", c.gender,
  c.birth_date as "birthDate", c.id_type as "idType", c.id_number as "idNumber", c.mobile, c.phone, c.email,
  c.province_code as "provinceCode", c.city_code as "cityCode", c.district_code as "districtCode", c.address,
  c.postal_code as "postalCode", c.industry, c.size, c.status, c.source_channel as "sourceChannel",
  c.org_unit_id as "orgUnitId", o.code as "orgUnitCode", o.name_zh as "orgUnitName", o.name_en as "orgUnitNameEn", c.owner_id as "ownerId",
  u.username as "ownerUsername", u.display_name as "ownerName",
  c.custom, c.merged_into_id as "mergedIntoId", c.version, c.created_at as "createdAt", c.updated_at as "updatedAt",
  c.deleted_at as "deletedAt"`;
/**
 * The day a customer's relationship began (customers as `c`): the record's creation or the opening
 * of his oldest account (closed ones too), whichever is earlier, since customers imported today
 * often hold accounts opened years ago. Credit, rule tags and the audience index count years as a
 * customer from it.
 */
export const CUSTOMER_SINCE_SQL = `least(c.created_at::date, (select min(h.opened_on) from holdings h where h.customer_id = c.id))`;
/** The customer with its org unit's and owner's names, as CUSTOMER_COLUMNS reads it. */
export const CUSTOMER_FROM = `customers c left join org_units o on o.id = c.org_unit_id left join users u on u.id = c.owner_id`;
const FROM = CUSTOMER_FROM;

const SORT_COLUMNS = { createdAt: 'c.created_at', updatedAt: 'c.updated_at', name: 'c.name_sort', code: 'c.code' } as const;
export type SortField = keyof typeof SORT_COLUMNS;

export interface ListFilter {
  kind?: string;
  status?: string;
  orgUnitIds?: number[];
  ownerId?: number;
  industry?: string;
  provinceCode?: string;
  createdFrom?: string;
  createdTo?: string;
  deleted: boolean;
  custom?: Record<string, unknown>;
  /** Customers who have this tag now, or belong to this segment. */
  tagId?: number;
  segmentId?: number;
  /**
   * identifier: the query as a possible code or email; codePrefix: the query upper-cased, when long
   * enough to be the start of a code; like: a LIKE pattern, only when grams cannot decide.
   */
  search?: { grams: string[]; like: string | null; identifier: string | null; codePrefix: string | null; mobile: string | null };
}

/**
 * Every query here takes the reader's scope, and every statement includes scopeCondition():
 * there is no way to read or write a customer from this module without naming whose view it is.
 */
export const customersRepository = {
  async findById(q: Queryable, scope: RecordScope, id: number, opts: { includeDeleted?: boolean; forUpdate?: boolean } = {}) {
    const params: unknown[] = [id];
    const rows = await q.query<CustomerRow>(
      `select ${CUSTOMER_COLUMNS} from ${FROM}
        where c.id = $1 and ${scopeCondition(scope, 'c', params)} ${opts.includeDeleted ? '' : 'and c.deleted_at is null'}
        ${opts.forUpdate ? 'for update of c' : ''}`,
      params,
    );
    return rows[0];
  },

  /**
   * The customer with his contacts in one round trip (the 360 view's hottest read): the contacts
   * come back as a JSON array built by the server.
   */
  async findWithContacts(q: Queryable, scope: RecordScope, id: number): Promise<(CustomerRow & { contacts: ContactDto[] }) | undefined> {
    const params: unknown[] = [id];
    const rows = await q.query<CustomerRow & { contacts: (Omit<ContactDto, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string })[] }>(
      `select ${CUSTOMER_COLUMNS},
              coalesce((select json_agg(json_build_object(
                  'id', k.id, 'customerId', k.customer_id, 'name', k.name, 'title', k.title, 'mobile', k.mobile,
                  'phone', k.phone, 'email', k.email, 'isPrimary', k.is_primary, 'notes', k.notes,
                  'createdAt', k.created_at, 'updatedAt', k.updated_at) order by k.is_primary desc, k.id)
                from contacts k where k.customer_id = c.id and k.deleted_at is null), '[]') as contacts
         from ${FROM}
        where c.id = $1 and ${scopeCondition(scope, 'c', params)} and c.deleted_at is null`,
      params,
      { prepare: true },
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...row,
      contacts: row.contacts.map((k) => ({ ...k, createdAt: new Date(k.createdAt), updatedAt: new Date(k.updatedAt) })),
    };
  },

  async findByCode(q: Queryable, scope: RecordScope, code: string) {
    const params: unknown[] = [code];
    const rows = await q.query<CustomerRow>(
      `select ${CUSTOMER_COLUMNS} from ${FROM} where c.code = $1 and ${scopeCondition(scope, 'c', params)} and c.deleted_at is null`,
      params,
    );
    return rows[0];
  },

  /** The WHERE clause of a list, shared by the page query, the count and the export. */
  where(scope: RecordScope, f: ListFilter, params: unknown[]): string {
    const parts = [scopeCondition(scope, 'c', params), f.deleted ? 'c.deleted_at is not null' : 'c.deleted_at is null'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      parts.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (f.kind) add('c.kind = ?', f.kind);
    if (f.status) add('c.status = ?', f.status);
    if (f.orgUnitIds) parts.push(memberOf('c.org_unit_id', f.orgUnitIds, params));
    if (f.ownerId) add('c.owner_id = ?', f.ownerId);
    if (f.industry) add('c.industry = ?', f.industry);
    if (f.provinceCode) add('c.province_code = ?', f.provinceCode);
    if (f.createdFrom) add('c.created_at >= ?::date', f.createdFrom);
    if (f.createdTo) add(`c.created_at < (?::date + 1)`, f.createdTo);
    if (f.custom && Object.keys(f.custom).length) add('c.custom @> ?::jsonb', JSON.stringify(f.custom));
    if (f.tagId) add('exists (select 1 from customer_tags ct where ct.customer_id = c.id and ct.tag_id = ?::bigint)', f.tagId);
    if (f.segmentId) add('exists (select 1 from segment_members sm where sm.customer_id = c.id and sm.segment_id = ?::bigint)', f.segmentId);
    if (f.search) {
      const s = f.search;
      const alternatives: string[] = [];
      if (s.codePrefix !== null) {
        // The codes starting with the prefix, as a range on the code's unique index: from the prefix
        // to the prefix with its last character raised by one. The range is the index's (codes are
        // ASCII, ordered byte by byte in the C and C.UTF-8 collations); starts_with keeps the result
        // exact whatever the collation.
        const upTo = s.codePrefix.slice(0, -1) + String.fromCharCode(s.codePrefix.charCodeAt(s.codePrefix.length - 1) + 1);
        params.push(s.codePrefix, upTo);
        const from = `$${params.length - 1}::text`;
        alternatives.push(`(c.code >= ${from} and c.code < $${params.length}::text and starts_with(c.code, ${from}))`);
      }
      if (s.identifier !== null) {
        params.push(s.identifier);
        // A prefix long enough is searched above, and an exact code is one of its matches.
        if (s.codePrefix === null) alternatives.push(`c.code = upper($${params.length})`);
        alternatives.push(`lower(c.email) = $${params.length}`);
      }
      if (s.mobile) {
        params.push(s.mobile);
        alternatives.push(`c.mobile = $${params.length}`);
      }
      if (s.grams.length) {
        params.push(s.grams);
        let name = `c.name_grams @> $${params.length}::text[]`;
        // Up to two characters, holding the grams is the same as containing the query;
        // longer queries keep only true substrings with LIKE on the rows the index found.
        if (s.like) {
          params.push(s.like);
          name = `(${name} and (lower(c.name) like $${params.length} or lower(c.name_en) like $${params.length}))`;
        }
        alternatives.push(name);
      }
      parts.push(alternatives.length ? `(${alternatives.join(' or ')})` : 'false');
    }
    return parts.join(' and ');
  },

  async list(
    q: Queryable,
    scope: RecordScope,
    f: ListFilter,
    sort: { field: SortField; desc: boolean },
    after: { value: unknown; id: number } | undefined,
    limit: number,
  ): Promise<CustomerRow[]> {
    const params: unknown[] = [];
    const column = SORT_COLUMNS[sort.field];
    let where = customersRepository.where(scope, f, params);
    if (after) {
      params.push(after.value, after.id);
      const op = sort.desc ? '<' : '>';
      where += ` and (${column}, c.id) ${op} ($${params.length - 1}, $${params.length})`;
    }
    params.push(limit);
    const dir = sort.desc ? 'desc' : 'asc';
    return q.query<CustomerRow>(
      `select ${CUSTOMER_COLUMNS} from ${FROM} where ${where} order by ${column} ${dir}, c.id ${dir} limit $${params.length}`,
      params,
    );
  },

  /**
   * Exact count when it is small, the planner's estimate otherwise: counting millions of rows
   * exactly for a list header is never worth the wait.
   */
  async count(q: Queryable, scope: RecordScope, f: ListFilter, exactUpTo = 10_000): Promise<{ total: number; estimate: boolean }> {
    const params: unknown[] = [];
    const where = customersRepository.where(scope, f, params);
    const plan = await q.query<{ 'QUERY PLAN': unknown }>(`explain (format json) select 1 from customers c where ${where}`, params);
    const raw = plan[0]?.['QUERY PLAN'];
    const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: { 'Plan Rows': number } }];
    const estimated = Math.round(doc[0].Plan['Plan Rows']);
    if (estimated > exactUpTo) return { total: estimated, estimate: true };
    params.push(exactUpTo + 1);
    const [row] = await q.query<{ n: number }>(
      `select count(*)::int as n from (select 1 from customers c where ${where} limit $${params.length}) x`,
      params,
    );
    const n = row?.n ?? 0;
    return n > exactUpTo ? { total: estimated > n ? estimated : n, estimate: true } : { total: n, estimate: false };
  },

  async insert(q: Queryable, code: string, v: CustomerValues, actorId: number | null): Promise<number> {
    const cols = WRITABLE.map(([, c]) => c);
    const params = [code, ...WRITABLE.map(([k]) => (k === 'custom' ? JSON.stringify(v[k]) : v[k])), actorId];
    const [row] = await q.query<{ id: number }>(
      `insert into customers (code, ${cols.join(', ')}, created_by, updated_by)
       values (${params.map((_, i) => `$${i + 1}`).join(', ')}, $${params.length}) returning id`,
      params,
    );
    return row!.id;
  },

  /** Writes all columns; the caller has loaded the row in scope and under lock. */
  async update(q: Queryable, id: number, v: CustomerValues, actorId: number | null): Promise<void> {
    const params: unknown[] = [id, actorId];
    const sets = WRITABLE.map(([k, c]) => {
      params.push(k === 'custom' ? JSON.stringify(v[k]) : v[k]);
      return `${c} = $${params.length}`;
    });
    await q.query(
      `update customers set ${sets.join(', ')}, updated_by = $2, updated_at = now(), version = version + 1 where id = $1`,
      params,
    );
  },

  softDelete: (q: Queryable, id: number, actorId: number | null, mergedIntoId: number | null = null) =>
    q.query(
      `update customers set deleted_at = now(), merged_into_id = $3, updated_by = $2, updated_at = now(), version = version + 1
        where id = $1`,
      [id, actorId, mergedIntoId],
    ),

  restore: (q: Queryable, id: number, actorId: number | null) =>
    q.query(
      `update customers set deleted_at = null, merged_into_id = null, updated_by = $2, updated_at = now(), version = version + 1
        where id = $1`,
      [id, actorId],
    ),

  /**
   * Candidates for the duplicate check, across all branches on purpose: the service decides what
   * an out-of-scope match may reveal.
   */
  findDuplicateCandidates: (
    q: Queryable,
    keys: { idNumber: string | null; mobile: string | null; email: string | null; nameNorm: string | null; excludeId: number | null },
  ) =>
    q.query<CustomerRow & { matchedOn: string[] }>(
      `select ${CUSTOMER_COLUMNS},
              array_remove(array[
                case when $1::text is not null and c.id_number = $1 then 'idNumber' end,
                case when $2::text is not null and c.mobile = $2 then 'mobile' end,
                case when $3::text is not null and lower(c.email) = $3 then 'email' end,
                case when $4::text is not null and c.kind = 'organization' and c.name_norm = $4 then 'name' end
              ], null) as "matchedOn"
         from ${FROM}
        where c.deleted_at is null and c.id is distinct from $5::bigint
          and (c.id_number = $1 or c.mobile = $2 or lower(c.email) = $3 or (c.kind = 'organization' and c.name_norm = $4))
        limit 20`,
      [keys.idNumber, keys.mobile, keys.email, keys.nameNorm, keys.excludeId],
    ),

  nextCodeNumber: async (q: Queryable): Promise<number> =>
    (await q.query<{ n: number }>(`select nextval('customer_code_seq')::bigint as n`))[0]!.n,

  codeExists: async (q: Queryable, code: string): Promise<boolean> =>
    (await q.query(`select 1 from customers where code = $1`, [code])).length > 0,
};

/**
 * Inserts many customers in one statement (imports, demo data, benchmarks): arrays per column,
 * unnested by the server. Codes and derived columns are computed by the caller exactly as for a
 * create. Returns the new ids in the order of `rows`.
 */
export async function bulkInsertCustomers(
  q: Queryable,
  rows: { code: string; values: CustomerValues; createdAt?: Date; createdBy?: number | null }[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const col = <K extends keyof CustomerValues>(k: K) => rows.map((r) => r.values[k]);
  const now = new Date();
  const inserted = await q.query<{ id: number; ord: number }>(
    `insert into customers (code, kind, name, name_en, name_sort, name_grams, name_norm, gender, birth_date, id_type, id_number,
       mobile, phone, email, province_code, city_code, district_code, address, postal_code, industry, size, status, source_channel,
       org_unit_id, owner_id, custom, created_at, updated_at, created_by, updated_by)
     select code, kind, name, name_en, name_sort, string_to_array(grams, chr(1)), name_norm, gender, birth_date::date, id_type,
       id_number, mobile, phone, email, province_code, city_code, district_code, address, postal_code, industry, size, status,
       source_channel, org_unit_id, owner_id, custom::jsonb, created_at, created_at, created_by, created_by
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
                   $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::bigint[], $25::bigint[],
                   $26::text[], $27::timestamptz[], $28::bigint[])
         with ordinality as t(code, kind, name, name_en, name_sort, grams, name_norm, gender, birth_date, id_type, id_number, mobile,
              phone, email, province_code, city_code, district_code, address, postal_code, industry, size, status, source_channel,
              org_unit_id, owner_id, custom, created_at, created_by, ord)
      order by ord
     returning id`,
    [
      rows.map((r) => r.code),
      col('kind'),
      col('name'),
      col('nameEn'),
      col('nameSort'),
      rows.map((r) => r.values.nameGrams.join('\u0001')),
      col('nameNorm'),
      col('gender'),
      col('birthDate'),
      col('idType'),
      col('idNumber'),
      col('mobile'),
      col('phone'),
      col('email'),
      col('provinceCode'),
      col('cityCode'),
      col('districtCode'),
      col('address'),
      col('postalCode'),
      col('industry'),
      col('size'),
      col('status'),
      col('sourceChannel'),
      col('orgUnitId'),
      col('ownerId'),
      rows.map((r) => JSON.stringify(r.values.custom)),
      rows.map((r) => r.createdAt ?? now),
      rows.map((r) => r.createdBy ?? null),
    ],
  );
  return inserted.map((r) => r.id);
}
