/** Shapes of the API's answers, as documented at /api/openapi.json (dates arrive as ISO strings). */

export type Locale = 'zh-CN' | 'en';

export interface OrgUnit {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string | null;
  kind: string;
  path: string;
  depth: number;
  createdAt: string;
  updatedAt: string;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  orgUnitId: number;
  managerId: number | null;
  locale: string;
  status: string;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  roleKeys: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Role {
  id: number;
  key: string;
  nameZh: string;
  nameEn: string;
  builtin: boolean;
  permissions: string[];
  dataScope: string;
  fieldRules: Record<string, string>;
}

export interface Me {
  user: User;
  roles: { key: string; nameZh: string; nameEn: string }[];
  orgUnit: OrgUnit | null;
  permissions: string[];
  dataScope: string;
  fieldRules: Record<string, string>;
  csrfToken: string | null;
  locale: string;
}

export interface LoginResult {
  csrfToken: string;
  mustChangePassword: boolean;
  expiresAt: string;
}

export const CUSTOMER_KINDS = ['individual', 'organization'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export const CUSTOMER_STATUSES = ['prospect', 'active', 'dormant', 'churned'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];
export const GENDERS = ['male', 'female', 'unknown'] as const;
export const ID_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_resident', 'uscc', 'other'] as const;
export const SIZES = ['micro', 'small', 'medium', 'large'] as const;
export const ACTIVITY_KINDS = ['note', 'call', 'meeting', 'visit', 'email'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const SORTS = ['-createdAt', 'createdAt', '-updatedAt', 'updatedAt', 'name', '-name', 'code', '-code'] as const;
export type CustomerSort = (typeof SORTS)[number];

export interface Contact {
  id: number;
  customerId: number;
  name: string;
  title: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContactInput {
  name: string;
  title?: string | null;
  mobile?: string | null;
  phone?: string | null;
  email?: string | null;
  isPrimary?: boolean;
  notes?: string | null;
}

export interface Customer {
  id: number;
  code: string;
  kind: CustomerKind;
  name: string;
  nameEn: string | null;
  gender: string | null;
  birthDate?: string | null;
  idType: string | null;
  idNumber?: string | null;
  mobile?: string | null;
  phone?: string | null;
  email?: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
  regionPath?: { code: string; name: string; nameEn: string }[];
  address?: string | null;
  postalCode: string | null;
  industry: string | null;
  size: string | null;
  status: string;
  sourceChannel: string | null;
  orgUnitId: number;
  orgUnitName?: string | null;
  /** The org unit's English name, where it has one. */
  orgUnitNameEn?: string | null;
  ownerId: number | null;
  ownerName?: string | null;
  custom: Record<string, unknown>;
  version: number;
  mergedIntoId: number | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** Fields masked for this reader. */
  masked: string[];
  contacts?: Contact[];
}

export interface CustomerPage {
  items: Customer[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

export interface CustomerListFilter {
  q?: string;
  kind?: CustomerKind;
  status?: CustomerStatus;
  orgUnitId?: number;
  createdFrom?: string;
  createdTo?: string;
  sort?: CustomerSort;
}

export interface Activity {
  id: number;
  customerId: number;
  kind: string;
  subject: string | null;
  body: string;
  occurredAt: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
}

export interface TimelineEntry {
  at: string;
  source: string;
  kind: string;
  title: string;
  /** The title in English where it has one of its own (a tag's English name). */
  titleEn?: string | null;
  body?: string | null;
  actorName?: string | null;
  ref?: { entity: string; id: number | string };
}

export interface TimelinePage {
  items: TimelineEntry[];
  nextCursor: string | null;
}

export interface DuplicateMatch {
  inScope: boolean;
  matchedOn: string[];
  hard: boolean;
  id?: number;
  code?: string;
  name: string;
  orgUnitName: string | null;
  message?: string;
}

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select', 'multiselect'] as const;
export interface CustomField {
  id: number;
  entity: string;
  key: string;
  type: (typeof CUSTOM_FIELD_TYPES)[number];
  labelZh: string;
  labelEn: string;
  descriptionZh: string | null;
  descriptionEn: string | null;
  required: boolean;
  options: { value: string; labelZh: string; labelEn: string }[];
  position: number;
  active: boolean;
}

export interface ApiToken {
  id: number;
  name: string;
  userId: number;
  prefix: string;
  createdBy: number | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A token just created: the clear value is in this answer only. */
export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorKind: string;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: number;
  action?: string;
  /** Local days, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
}

/** GET /dashboard/customers: figures within the reader's data scope. */
export interface CustomerDashboard {
  total: number;
  newThisMonth: number;
  newLastMonth: number;
  /** Statuses and kinds as stored (normally CustomerStatus / CustomerKind). */
  byStatus: { status: string; count: number }[];
  byKind: { kind: string; count: number }[];
  /** Grouped by the units one level below the reader's own unit. */
  byOrgUnit: { orgUnitId: number; nameZh: string; nameEn: string | null; count: number; byStatus: Record<string, number> }[];
  /** The last 12 months, oldest first, months without new customers included. */
  newByMonth: { month: string; count: number }[];
  /** Months are calendar months in this time zone (the server's). */
  timeZone: string;
  /** When the figures were counted (the server keeps them for a short while). */
  computedAt: string;
}

/** GET /users/lookup: active staff for owner pickers. */
export interface UserLookup {
  id: number;
  username: string;
  displayName: string;
  orgUnitId: number;
  orgUnitNameZh: string;
  orgUnitNameEn: string | null;
}

/** A list's filters, sort and columns saved by a user under a name (GET /saved-views?page=). */
export interface SavedView {
  id: number;
  page: string;
  name: string;
  state: Record<string, unknown>;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/** GET /customers/:id/merges: merges where the customer was the target or the source. */
export interface CustomerMerge {
  id: number;
  targetId: number;
  targetCode: string;
  targetName: string;
  sourceId: number;
  sourceCode: string;
  sourceName: string;
  actorId: number | null;
  actorName: string | null;
  at: string;
  undoneAt: string | null;
}

/** GET /regions?parent=: GB/T 2260 divisions. */
export interface Region {
  code: string;
  name: string;
  /** Pinyin and the kind of division: Chaoyang District. */
  nameEn: string;
  level: 'province' | 'city' | 'district';
}

// ---- imports (GET/POST /imports…, /import-profiles) ----

export type ImportTarget = 'customers' | 'holdings' | 'transactions' | 'customer_tags';
export type ImportPolicy = 'reject_file' | 'load_valid';
/** How a holdings file writes what a customer owes on loans, mortgages and cards. */
export type DebtSign = 'positive' | 'negative';
export type ImportRunStatus = 'running' | 'succeeded' | 'rejected' | 'failed';

/** A field a target can fill (GET /imports/fields); custom fields of customers are `custom.<key>`. */
export interface ImportField {
  key: string;
  kind: string;
  required: boolean;
}

/** GET /imports/fields: the fields of each target. */
export type ImportFields = Record<string, ImportField[]>;

/** POST /imports/files: what the uploaded file looks like. */
export interface ImportFileInfo {
  fileId: string;
  size: number;
  format: 'csv' | 'xlsx' | 'jsonl';
  encoding: string | null;
  delimiter: string | null;
  headers: string[];
  /** The first rows, column → cell. */
  sample: Record<string, unknown>[];
  /** Target → column → field, as a person would most likely map it. */
  suggested: Record<string, Record<string, string>>;
  /** What the file most likely holds, from its headers. */
  suggestedTarget?: ImportTarget;
}

/** A problem with one row of a file, in the reader's language. */
export interface ImportRowError {
  rowNo: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
  /** A duplicate of a customer in the reader's scope: that customer, and the row's own when it exists (to merge them). */
  duplicate?: { customerId: number; sourceId: number | null } | null;
}

/** POST /imports/preview: the first rows as they would be stored, and their errors. */
export interface ImportPreview {
  rows: { rowNo: number; action: string; values: Record<string, unknown> }[];
  errors: ImportRowError[];
  /** The customers the rows refer to, those in the reader's scope. */
  customers: { id: number; code: string; name: string }[];
  /** The customer managers the rows name. */
  owners: { id: number; username: string; displayName: string }[];
}

export interface ImportRun {
  id: number;
  target: string;
  source: string;
  fileName: string | null;
  fileChecksum: string | null;
  fileSize: number | null;
  format: string | null;
  encoding: string | null;
  mapping: Record<string, string>;
  options: Record<string, unknown>;
  policy: string;
  status: ImportRunStatus;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  rowsQuarantined: number;
  error: string | null;
  startedBy: number | null;
  startedByName: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** Control totals given with the file (null: none), the amount sum read, and whether they matched. */
  controlRows: number | null;
  controlAmountSum: string | null;
  amountSum: string | null;
  controlMatched: boolean | null;
  /** Whether the reader may download its rows with errors (they are whole): he started it, or sees every field of the file whole. */
  rejectedRowsAllowed: boolean;
}

/** A holding or transaction row kept aside because its customer was not known (GET /imports/:id/quarantine). */
export interface QuarantinedRow {
  id: number;
  runId: number;
  target: string;
  rowNo: number;
  sourceSystem: string;
  reason: string;
  message: string;
  customerCode: string | null;
  customerExternalId: string | null;
  externalId: string | null;
  values: Record<string, unknown>;
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  resolvedRunId: number | null;
  createdAt: string;
}

export interface QuarantinePage {
  items: QuarantinedRow[];
  nextCursor: string | null;
  /** Open rows in all pages. */
  open: number;
}

/** POST /import-quarantine/reprocess: one run per target and source system. */
export interface ReprocessResult {
  runs: ImportRun[];
  tried: number;
  resolved: number;
  open: number;
}

/** POST /imports: the run (still running on 202), or the earlier run of the same file. */
export interface ImportStarted {
  run: ImportRun;
  alreadyImported: boolean;
}

/** The body of POST /imports and /imports/preview. */
export interface ImportRequestBody {
  fileId: string;
  fileName?: string | null;
  target: ImportTarget;
  mapping: Record<string, string>;
  policy?: ImportPolicy;
  options?: { sourceSystem?: string; orgUnitId?: number; debtSign?: DebtSign };
  force?: boolean;
  controlTotals?: { rows?: number; amountSum?: string };
}

/** A saved column mapping (GET /import-profiles). */
export interface ImportProfile {
  id: number;
  name: string;
  target: ImportTarget;
  mapping: Record<string, string>;
  options: Record<string, unknown>;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ImportProfileBody {
  name: string;
  target: ImportTarget;
  mapping: Record<string, string>;
  /** A holdings profile also keeps how its file writes debts. */
  options: { sourceSystem?: string; policy?: ImportPolicy; debtSign?: DebtSign };
}

// ---- holdings and transactions (GET /customers/:id/holdings, /transactions) ----

/** An account, product or contract a customer holds; amounts are exact decimal strings. */
export interface Holding {
  id: number;
  customerId: number;
  sourceSystem: string;
  externalId: string;
  kind: string;
  productCode: string | null;
  productName: string | null;
  currency: string;
  balance: string | null;
  creditLimit: string | null;
  openedOn: string | null;
  maturesOn: string | null;
  closedOn: string | null;
  status: string;
  updatedAt: string;
  /** 'externalId' when the account number is masked (****2642) for this reader, whose roles mask or hide ID numbers. */
  masked: string[];
}

/** A booked transaction; `amount` is never negative, `direction` says which way it went. */
export interface Transaction {
  id: number;
  customerId: number;
  holdingId: number | null;
  sourceSystem: string;
  externalId: string;
  occurredAt: string;
  amount: string;
  currency: string;
  direction: 'debit' | 'credit';
  channel: string | null;
  productCode: string | null;
  merchant: string | null;
  category: string | null;
  description: string | null;
  /** The account number of the holding it was booked on, masked like the holding's ('accountNumber' in `masked`). */
  accountNumber: string | null;
  masked: string[];
}

export interface TransactionPage {
  items: Transaction[];
  nextCursor: string | null;
}
