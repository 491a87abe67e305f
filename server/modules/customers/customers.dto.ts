import { z } from 'zod';
import { idBody, idParam, isoDate } from '#platform/http/schemas.ts';

export const CUSTOMER_KINDS = ['individual', 'organization'] as const;
export const CUSTOMER_STATUSES = ['prospect', 'active', 'dormant', 'churned'] as const;
export const GENDERS = ['male', 'female', 'unknown'] as const;
export const ID_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_resident', 'uscc', 'other'] as const;
export const SIZES = ['micro', 'small', 'medium', 'large'] as const;
export const ACTIVITY_KINDS = ['note', 'call', 'meeting', 'visit', 'email'] as const;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullish();
export const IdParams = z.strictObject({ id: idParam });
export const ContactParams = z.strictObject({ id: idParam, contactId: idParam });
export const ActivityParams = z.strictObject({ id: idParam, activityId: idParam });

export const ContactInput = z.strictObject({
  name: text(100).min(1).describe('Contact name'),
  title: optionalText(100).describe('Job title'),
  mobile: optionalText(40),
  phone: optionalText(40),
  email: optionalText(200),
  isPrimary: z.boolean().optional(),
  notes: optionalText(2000),
});
export type ContactInput = z.infer<typeof ContactInput>;

const customerFields = {
  name: text(200).min(1).describe('Name: a person surname first (张三, 欧阳娜娜, 买买提·艾力) or an organisation'),
  nameEn: optionalText(200).describe('Latin / English name'),
  gender: z.enum(GENDERS).nullish(),
  birthDate: optionalText(40).describe('YYYY-MM-DD; for a resident ID it is taken from the number'),
  idType: z.enum(ID_TYPES).nullish().describe('Kind of identity document; uscc for organisations'),
  idNumber: optionalText(40).describe('Document number, kept as text; checked for resident IDs and USCC'),
  mobile: optionalText(40).describe('Mobile; mainland numbers are stored as E.164 (+8613800138000)'),
  phone: optionalText(40).describe('Landline, e.g. 010-12345678'),
  email: optionalText(200),
  provinceCode: optionalText(6).describe('GB/T 2260 code'),
  cityCode: optionalText(6).describe('GB/T 2260 code'),
  districtCode: optionalText(6).describe('GB/T 2260 code'),
  address: optionalText(500),
  postalCode: optionalText(10),
  industry: optionalText(100),
  size: z.enum(SIZES).nullish(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  sourceChannel: optionalText(50),
  custom: z.record(z.string().max(64), z.unknown()).optional().describe('Values of custom fields by key'),
};

export const CustomerCreateBody = z.strictObject({
  kind: z.enum(CUSTOMER_KINDS),
  ...customerFields,
  orgUnitId: idBody.optional().describe('Needs customer:assign; defaults to your org unit'),
  ownerId: idBody.nullish().describe('Needs customer:assign; defaults to you'),
  contacts: z.array(ContactInput).max(50).optional(),
  allowDuplicate: z.boolean().optional().describe('Create even though a soft duplicate (mobile, email, name) exists'),
});
export type CustomerCreateBody = z.infer<typeof CustomerCreateBody>;

export const CustomerUpdateBody = z.strictObject({
  ...customerFields,
  name: customerFields.name.optional(),
  version: z.number().int().positive().optional().describe('Version you read; a mismatch gives 409'),
});
export type CustomerUpdateBody = z.infer<typeof CustomerUpdateBody>;

export const SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'name', '-name', 'code', '-code'] as const;

export const CustomerListQuery = z
  .object({
    q: text(100).optional().describe('Code or its first characters (4 or more), mobile, email, or part of a Chinese or Latin name'),
    kind: z.enum(CUSTOMER_KINDS).optional(),
    status: z.enum(CUSTOMER_STATUSES).optional(),
    orgUnitId: idParam.optional().describe('This org unit and every unit below it'),
    ownerId: idParam.optional(),
    industry: text(100).optional(),
    provinceCode: text(6).optional(),
    createdFrom: isoDate.optional(),
    createdTo: isoDate.optional(),
    tagId: idParam.optional().describe('Customers who have this tag'),
    segmentId: idParam.optional().describe('Members of this segment'),
    deleted: z.enum(['true', 'false']).optional().describe('List deleted customers instead (needs customer:restore)'),
    sort: z.enum(SORTS).default('-createdAt'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: text(500).optional(),
  })
  // custom.<key>=value filters are allowed; their keys are checked against the data dictionary.
  .catchall(z.string().max(200));
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

export const DuplicateCheckBody = z.strictObject({
  kind: z.enum(CUSTOMER_KINDS),
  name: optionalText(200),
  idType: z.enum(ID_TYPES).nullish(),
  idNumber: optionalText(40),
  mobile: optionalText(40),
  email: optionalText(200),
  excludeId: idBody.optional(),
});

export const MergeBody = z.strictObject({
  sourceId: idBody.describe('The customer merged into this one; it is deleted afterwards'),
  take: z
    .record(z.string().max(64), z.enum(['target', 'source']))
    .optional()
    .describe('Per field, whose value wins; unlisted fields keep the target value (or the source value when the target has none)'),
});

export const TransferBody = z.strictObject({
  ownerId: idBody,
  orgUnitId: idBody.optional().describe("Defaults to the new owner's org unit"),
  reason: optionalText(500),
});

export const ActivityInput = z.strictObject({
  kind: z.enum(ACTIVITY_KINDS).default('note'),
  subject: optionalText(200),
  body: text(10_000).min(1),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});

// ---- responses ----
const nullableString = z.string().nullable();
export const ContactDto = z.object({
  id: z.number(),
  customerId: z.number(),
  name: z.string(),
  title: nullableString,
  mobile: nullableString,
  phone: nullableString,
  email: nullableString,
  isPrimary: z.boolean(),
  notes: nullableString,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ContactDto = z.infer<typeof ContactDto>;

export const CustomerDto = z
  .object({
    id: z.number(),
    code: z.string(),
    kind: z.enum(CUSTOMER_KINDS),
    name: z.string(),
    nameEn: nullableString,
    gender: nullableString,
    birthDate: nullableString.optional(),
    idType: nullableString,
    idNumber: nullableString.optional(),
    mobile: nullableString.optional(),
    phone: nullableString.optional(),
    email: nullableString.optional(),
    provinceCode: nullableString,
    cityCode: nullableString,
    districtCode: nullableString,
    regionPath: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })).optional(),
    address: nullableString.optional(),
    postalCode: nullableString,
    industry: nullableString,
    size: nullableString,
    status: z.string(),
    sourceChannel: nullableString,
    orgUnitId: z.number(),
    orgUnitCode: nullableString.optional(),
    orgUnitName: nullableString.optional(),
    orgUnitNameEn: nullableString.optional().describe('The org unit in English, where it has an English name'),
    ownerId: z.number().nullable(),
    ownerUsername: nullableString.optional().describe('The customer manager\'s user name (what an import\'s owner column takes)'),
    ownerName: nullableString.optional(),
    custom: z.record(z.string(), z.unknown()),
    version: z.number(),
    mergedIntoId: z.number().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    deletedAt: z.date().nullable(),
    /** Which fields are masked for this reader, so a client can show a hint. */
    masked: z.array(z.string()),
    contacts: z.array(ContactDto).optional(),
  })
  .meta({ id: 'Customer' });
export type CustomerDto = z.infer<typeof CustomerDto>;

export const CustomerPage = z.object({
  items: z.array(CustomerDto),
  nextCursor: z.string().nullable(),
  total: z.number(),
  totalIsEstimate: z.boolean(),
});

export const ActivityDto = z.object({
  id: z.number(),
  customerId: z.number(),
  kind: z.string(),
  subject: nullableString,
  body: z.string(),
  occurredAt: z.date(),
  createdBy: z.number().nullable(),
  createdByName: nullableString,
  createdAt: z.date(),
});

export const DuplicateMatch = z.object({
  inScope: z.boolean(),
  matchedOn: z.array(z.string()),
  hard: z.boolean(),
  id: z.number().optional(),
  code: z.string().optional(),
  name: z.string(),
  orgUnitName: nullableString,
  message: z.string().optional(),
});
export const DuplicateCheckResult = z.object({ matches: z.array(DuplicateMatch) });
