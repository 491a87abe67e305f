import type { Db, Queryable } from '#platform/db/db.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { AppError, invalid, notFound, type FieldError } from '#platform/errors.ts';
import { settings } from '#platform/settings.ts';
import type { EventBus } from '#platform/events.ts';
import { FingerprintMap } from '#lib/fingerprint-map.ts';
import { t, type Locale, type MessageKey } from '#platform/i18n/index.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import type { CustomFieldsService } from '#modules/custom-fields/custom-fields.service.ts';
import type { OrgUnitsService } from '#modules/identity/identity.service.ts';
import { CODE_PATTERN_SETTING, DEFAULT_CODE_PATTERN } from '#modules/customers/customer-code.ts';
import { toCsv } from '#modules/customers/customer-export.ts';
import { ImportFiles, type StoredFile } from './import-files.ts';
import { readTable, type FileShape, type SourceRow, type SourceTable } from './readers.ts';
import { suggestMapping, suggestTarget, TARGET_FIELDS, type ImportTarget, fieldLabel } from './targets.ts';
import { cellText, type RowError } from './cells.ts';
import { compareDecimals, DecimalSum, formatChinaTime, isDecimal, parseAmount } from '#lib/cn/index.ts';
import { keep, partOf, read, type Part } from './kept-messages.ts';
import { importMasking, mayTakeRejectedRows } from './import-masking.ts';
import { importsRepository, type ControlTotals, type ImportRunRow, type QuarantineRow, type QuarantineStatus } from './imports.repository.ts';
import { ChangedCustomers, type Counts, type DebtSign, type LoadContext, type Loader, type PreparedRow } from './loaders/loader.ts';
import { customersLoader } from './loaders/customers.ts';
import { holdingsLoader } from './loaders/holdings.ts';
import { customerTagsLoader } from './loaders/customer-tags.ts';
import { transactionsLoader } from './loaders/transactions.ts';

const LOADERS: Record<ImportTarget, Loader<never>> = {
  customers: customersLoader as Loader<never>,
  holdings: holdingsLoader as Loader<never>,
  transactions: transactionsLoader as Loader<never>,
  customer_tags: customerTagsLoader as Loader<never>,
};
/** Rows per batch: each is staged by one COPY and stored by one statement; two are in memory at a time. */
const BATCH = 5_000;
/** The column whose sum control totals check: the amount of a transaction, the balance of a holding. */
const AMOUNT_FIELD: Partial<Record<ImportTarget, string>> = { transactions: 'amount', holdings: 'balance' };
/** Stored per run for the report; rows beyond are counted, not listed. */
const MAX_STORED_ERRORS = 10_000;
/** Rows a run writes before the embedded database is vacuumed and analysed after it (see tidy). */
const TIDY_AFTER_ROWS = 10_000;
const TIDIED_TABLES: Record<ImportTarget, string[]> = {
  customers: ['customers', 'customer_external_ids'],
  customer_tags: ['customer_tags'],
  holdings: ['holdings'],
  transactions: ['transactions'],
};

export interface ImportOptions {
  /** The system the file comes from; external ids are unique within it. */
  sourceSystem?: string;
  /** Where a new customer goes whose row names neither an org unit nor a customer manager (default: the importer's unit). */
  orgUnitId?: number;
  /**
   * How the file writes what a customer owes on a loan, mortgage or credit card: 'positive' (the
   * default, as Guanxi stores it) or 'negative' (as many card systems write a debit balance).
   */
  debtSign?: DebtSign;
}

export interface ImportRequest {
  fileId: string;
  fileName?: string | null;
  target: ImportTarget;
  /** The file's column → the field it fills ('name', 'mobile', 'custom.vip_level' …). */
  mapping: Record<string, string>;
  policy: 'reject_file' | 'load_valid';
  options?: ImportOptions;
  /** Run again even when the same file, target and mapping were imported before. */
  force?: boolean;
  source?: string;
  /** The scheduled source this run belongs to. */
  sourceId?: number;
  format?: FileShape['format'];
  encoding?: string;
  /** What the sending system says the file holds: checked before commit, a mismatch loads nothing. */
  controlTotals?: ControlTotals | null;
}

class Rejected extends Error {}

/** The control totals differ from what the file holds: the run rolls back. */
class ControlMismatch extends Error {
  constructor(readonly details: { key: 'import.control.rows' | 'import.control.amount'; expected: string; found: string }[]) {
    super('control totals');
  }
}

/** The run's control check, kept for any reader's language: "rows: expected 3, found 2; amount sum: …". */
function controlMismatch(details: ControlMismatch['details']): Part {
  return { key: 'import.control.mismatch', params: { details: details.map((d) => ({ key: d.key, params: { expected: d.expected, found: d.found } })) } };
}

/** Who reads an import's rows and errors: his language, and the field rules that mask what he sees. */
export type ImportReader = Pick<Actor, 'locale' | 'fieldRules'>;

/**
 * Why a file was not loaded again, in the reader's language: the earlier run that loaded it (its
 * number and start in China time, as the history shows them), and what it left out.
 */
export function alreadyImportedMessage(locale: Locale, earlier: ImportRunRow): string {
  const at = formatChinaTime(earlier.startedAt);
  return earlier.rowsRejected > 0
    ? t(locale, 'import.run.already_partial', { id: earlier.id, at, rejected: earlier.rowsRejected })
    : t(locale, 'import.run.already', { id: earlier.id, at });
}

/**
 * A run as a reader sees it: its error in his language (runs keep it in every language, see
 * kept-messages.ts), and whether he may download its rows with errors.
 */
export function runFor<R extends ImportRunRow>(run: R, actor: Pick<Actor, 'fieldRules' | 'userId'>, locale: Locale): R & { rejectedRowsAllowed: boolean } {
  return { ...run, error: run.error === null ? null : read(run.error, locale), rejectedRowsAllowed: mayTakeRejectedRows(actor, run) };
}

/** What the reprocessing of quarantined rows did. */
export interface ReprocessResult {
  runs: ImportRunRow[];
  /** Rows tried, loaded now (and marked resolved), and still open afterwards (in the runs asked for). */
  tried: number;
  resolved: number;
  open: number;
}

/**
 * Imports of customers, holdings and transactions from CSV (any Chinese encoding), Excel and JSON
 * Lines. A run reads its file as a stream in batches and writes inside one transaction: it loads
 * completely or not at all, so a killed process leaves nothing half-loaded.
 */
export class ImportsService {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Db,
    readonly files: ImportFiles,
    private readonly deps: { customFields: CustomFieldsService; orgUnits: OrgUnitsService; events?: EventBus },
  ) {}

  /** What the file looks like: format, encoding, columns, the first rows, and a suggested mapping per target. */
  async inspect(fileId: string, fileName?: string | null) {
    const file = await this.files.get(fileId);
    const table = await readTable(file.path, fileName ?? undefined);
    const sample: Record<string, unknown>[] = [];
    for await (const row of table.rows) {
      sample.push(row.cells);
      if (sample.length >= 10) break;
    }
    const customFields = (await this.deps.customFields.list()).filter((f) => f.active);
    const suggested = {
      customers: suggestMapping('customers', table.headers, customFields),
      holdings: suggestMapping('holdings', table.headers),
      transactions: suggestMapping('transactions', table.headers),
      customer_tags: suggestMapping('customer_tags', table.headers),
    };
    return {
      fileId,
      size: file.size,
      ...table.shape,
      headers: table.headers,
      sample,
      suggested,
      suggestedTarget: suggestTarget(suggested),
    };
  }

  /** The first rows as they would be stored, and what is wrong with them; nothing is written. */
  async preview(actor: Actor, request: ImportRequest, rows = 20) {
    const file = await this.files.get(request.fileId);
    const table = await this.open(file, request);
    const columns = await this.checkMapping(request, table.headers);
    const batch: SourceRow[] = [];
    for await (const row of table.rows) {
      batch.push(row);
      if (batch.length >= rows) break;
    }
    const ctx = await this.context(actor, request, columns, this.db, null);
    const loader = LOADERS[request.target] as Loader;
    const prepared = await loader.prepare(ctx, screenRows(ctx, batch, table.headers.length));
    await loader.classify?.(ctx, prepared);
    const customerIds = new Set<number>();
    const ownerIds = new Set<number>();
    for (const p of prepared as PreparedRow[]) {
      if (typeof p.values.customerId === 'number') customerIds.add(p.values.customerId);
      if (typeof p.values.ownerId === 'number') ownerIds.add(p.values.ownerId);
    }
    const masking = importMasking(actor, request.target, request.mapping);
    return {
      rows: (prepared as PreparedRow[]).map((p) => ({ rowNo: p.rowNo, action: p.action, ...masking.row(p.values) })),
      errors: inRowOrder(ctx.errors).map((e) => this.describe(actor.locale, masking.error(e))),
      // Who the rows belong to, so that the preview can name them instead of showing ids.
      customers: await importsRepository.customerLabels(this.db, actor.scope, [...customerIds]),
      owners: await importsRepository.userLabels(this.db, [...ownerIds]),
    };
  }

  /**
   * Starts a run. The same file with the same target, mapping and options that was loaded before
   * is not loaded twice: the earlier run is answered (`force` loads it again; keyed rows stay unchanged).
   */
  async start(actor: Actor, request: ImportRequest): Promise<{ run: ImportRunRow; alreadyImported: boolean; message?: string; done: Promise<ImportRunRow> }> {
    const file = await this.files.get(request.fileId);
    const table = await this.open(file, request);
    const columns = await this.checkMapping(request, table.headers);
    const control = this.checkControl(request, columns);
    const options = {
      sourceSystem: request.options?.sourceSystem ?? 'file',
      ...(request.options?.orgUnitId ? { orgUnitId: request.options.orgUnitId } : {}),
      ...(request.options?.debtSign === 'negative' ? { debtSign: 'negative' } : {}),
    };
    if (!request.force) {
      const earlier = await importsRepository.sameSucceeded(this.db, { target: request.target, checksum: file.fileId, mapping: request.mapping, options });
      // The earlier run answers only when it also agrees with the control totals given now.
      if (earlier && (!control || !mismatches(control, earlier.rowsRead, earlier.amountSum).length)) {
        return { run: earlier, alreadyImported: true, message: alreadyImportedMessage(actor.locale, earlier), done: Promise.resolve(earlier) };
      }
    }
    const ctx = await this.context(actor, request, columns, this.db, null);
    const runId = await importsRepository.start(this.db, {
      target: request.target,
      source: request.source ?? 'upload',
      sourceId: request.sourceId,
      fileName: request.fileName ?? null,
      checksum: file.fileId,
      size: file.size,
      format: table.shape.format,
      encoding: table.shape.encoding,
      mapping: request.mapping,
      options,
      policy: request.policy,
      startedBy: actor.userId,
      control,
    });
    const done = this.execute(runId, actor, { ...request, controlTotals: control }, table, ctx);
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
    return { run: (await importsRepository.byId(this.db, runId))!, alreadyImported: false, done };
  }

  /** Waits for the runs of this process (graceful shutdown, tests). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  async run(id: number): Promise<ImportRunRow> {
    const run = await importsRepository.byId(this.db, id);
    if (!run) throw notFound('IMPORT_RUN_NOT_FOUND', 'import.run.not_found');
    return run;
  }

  list(f: Parameters<typeof importsRepository.list>[1]) {
    return importsRepository.list(this.db, f);
  }

  /** A run's row errors in the reader's language, the values of fields his roles mask masked. */
  async errors(reader: ImportReader, id: number, limit = 1_000) {
    const run = await this.run(id);
    const masking = importMasking(reader, run.target, run.mapping);
    return (await importsRepository.errors(this.db, id, limit)).map((e) => this.describe(reader.locale, masking.error(e)));
  }

  /** The downloadable error report: row, column, value, reason in the reader's language (UTF-8 CSV with BOM), masked as the list is. */
  async errorReport(reader: ImportReader, id: number): Promise<string> {
    const errors = await this.errors(reader, id, MAX_STORED_ERRORS);
    const header = (['import.report.row', 'import.report.column', 'import.report.value', 'import.report.reason'] as const).map((k) => t(reader.locale, k));
    return `\uFEFF${toCsv([header, ...errors.map((e) => [e.rowNo, e.column, e.value, e.message])])}`;
  }

  /**
   * The rows of the run's file that had errors, as the file had them (its own columns, in its own
   * order), with the reasons in a last column: to correct and import again. Read again from the
   * stored upload, so a run keeps nothing extra; 404 when the file is no longer kept. Its values
   * stay whole: a masked ID or account number imported again would be refused, or worse, stored as
   * a new account ****2642. So they go only to whoever started the run or sees those fields whole.
   */
  async rejectedRows(actor: Actor, locale: Locale, id: number): Promise<AsyncIterable<string>> {
    const run = await this.run(id);
    if (!mayTakeRejectedRows(actor, run)) {
      throw new AppError('FORBIDDEN', 'IMPORT_REJECTED_ROWS_MASKED', 'import.report.rows_masked', { params: { name: run.startedByName ?? '—' } });
    }
    const reasons = new Map<number, string[]>();
    for (const e of (await importsRepository.errors(this.db, id, MAX_STORED_ERRORS)).map((stored) => this.describe(locale, stored))) {
      const said = reasons.get(e.rowNo) ?? [];
      said.push(e.column ? `${e.column}: ${e.message}` : e.message);
      reasons.set(e.rowNo, said);
    }
    if (!run.fileChecksum) throw notFound('IMPORT_FILE_NOT_FOUND', 'import.report.file_gone');
    const file = await this.files.get(run.fileChecksum).catch(() => {
      throw notFound('IMPORT_FILE_NOT_FOUND', 'import.report.file_gone');
    });
    const table = await readTable(file.path, run.fileName ?? undefined, { format: (run.format as FileShape['format'] | null) ?? undefined, encoding: run.encoding ?? undefined });
    const last = Math.max(0, ...reasons.keys());
    const separator = locale === 'en' ? '; ' : '；';
    return (async function* () {
      yield `\uFEFF${toCsv([[...table.headers, t(locale, 'import.report.reason')]])}`;
      for await (const row of table.rows) {
        if (row.rowNo > last) break;
        const said = reasons.get(row.rowNo);
        if (said) yield toCsv([[...table.headers.map((h) => cellText(row.cells[h])), said.join(separator)]]);
      }
    })();
  }

  /** Marks runs of a process that died as failed (their rows were never committed). */
  recoverInterrupted() {
    return importsRepository.markInterrupted(this.db);
  }

  describe(locale: Locale, e: RowError) {
    const params = Object.fromEntries(Object.entries(e.params ?? {}).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('import.field.') ? t(locale, v as MessageKey) : v]));
    const duplicate = typeof e.params?.customerId === 'number' ? { customerId: e.params.customerId, sourceId: typeof e.params.sourceId === 'number' ? e.params.sourceId : null } : null;
    return { rowNo: e.rowNo, column: e.column, value: e.value, code: e.message, message: t(locale, e.message, params), duplicate };
  }

  private async open(file: StoredFile, request: ImportRequest): Promise<SourceTable> {
    return readTable(file.path, request.fileName ?? undefined, { format: request.format, encoding: request.encoding });
  }

  /** The control totals of a request, checked: an amount sum needs an amount column. Null when none were given. */
  private checkControl(request: ImportRequest, columns: Map<string, string>): ControlTotals | null {
    const given = request.controlTotals;
    if (!given || (given.rows === undefined && given.amountSum === undefined)) return null;
    const errors: FieldError[] = [];
    if (given.rows !== undefined && (!Number.isInteger(given.rows) || given.rows < 0 || given.rows > 2_000_000_000)) {
      errors.push({ field: 'body.controlTotals.rows', message: 'field.invalid' });
    }
    // Written as the sending system's report writes it (1,234.56, ¥1,234.56, full-width digits), read as a file's amounts are.
    const amountSum = given.amountSum === undefined || isDecimal(given.amountSum) ? given.amountSum : parseAmount(given.amountSum)?.value;
    if (given.amountSum !== undefined) {
      const field = AMOUNT_FIELD[request.target];
      if (!field) errors.push({ field: 'body.controlTotals.amountSum', message: 'import.control.no_amount' });
      else if (!amountSum || !isDecimal(amountSum) || amountSum.length > 40) errors.push({ field: 'body.controlTotals.amountSum', message: 'import.control.decimal' });
      else if (!columns.has(field)) errors.push({ field: 'body.controlTotals.amountSum', message: 'import.control.amount_unmapped', params: { field: fieldLabel(request.target, field) } });
    }
    if (errors.length) throw invalid(errors);
    return { ...(given.rows !== undefined ? { rows: given.rows } : {}), ...(amountSum !== undefined ? { amountSum } : {}) };
  }

  /**
   * A scheduled source's mapping, checked when it is saved rather than at its first run: every field
   * known and mapped once, the required ones there. Its columns can only be checked once a file or
   * query result arrives.
   */
  async checkSourceMapping(target: ImportTarget, mapping: Record<string, string>): Promise<void> {
    await this.checkMapping({ fileId: '', target, mapping, policy: 'load_valid' }, null);
  }

  /** The mapping as field → column, or a 400 naming what is wrong with it. headers: the file's, or null when there is no file yet (a source being saved). */
  private async checkMapping(request: ImportRequest, headers: string[] | null): Promise<Map<string, string>> {
    const fields = new Map(TARGET_FIELDS[request.target].map((f) => [f.key, f]));
    const customFields = request.target === 'customers' ? (await this.deps.customFields.list()).filter((f) => f.active) : [];
    const customKeys = new Set(customFields.map((f) => `custom.${f.key}`));
    // Messages name a field as the mapping step shows it (客户名称, not name).
    const label = (key: string) => fieldLabel(request.target, key, customFields);
    const errors: FieldError[] = [];
    const columns = new Map<string, string>();
    for (const [column, field] of Object.entries(request.mapping)) {
      if (!field) continue;
      const path = `body.mapping.${column}`;
      if (headers && !headers.includes(column)) errors.push({ field: path, message: 'import.mapping.unknown_column', params: { column } });
      else if (!fields.has(field) && !customKeys.has(field)) errors.push({ field: path, message: 'import.mapping.unknown_field', params: { field } });
      else if (columns.has(field)) errors.push({ field: path, message: 'import.mapping.twice', params: { field: label(field) } });
      else columns.set(field, column);
    }
    if (request.target === 'customers') {
      if (!columns.has('name') && !columns.has('code') && !columns.has('externalId')) errors.push({ field: 'body.mapping', message: 'import.mapping.required', params: { field: label('name') } });
      // A contact is a person: his other values need his name.
      if ([...columns.keys()].some((k) => k.startsWith('contact.')) && !columns.has('contact.name')) errors.push({ field: 'body.mapping', message: 'import.mapping.required', params: { field: label('contact.name') } });
    } else {
      for (const field of TARGET_FIELDS[request.target]) {
        if (field.required && !columns.has(field.key)) errors.push({ field: 'body.mapping', message: 'import.mapping.required', params: { field: label(field.key) } });
      }
      if (!columns.has('customerCode') && !columns.has('customerExternalId')) errors.push({ field: 'body.mapping', message: 'import.mapping.customer_ref' });
    }
    if (errors.length) throw invalid(errors);
    return columns;
  }

  private async context(actor: Actor, request: ImportRequest, columns: Map<string, string>, tx: Db, runId: number | null): Promise<LoadContext> {
    const units = await this.deps.orgUnits.list();
    const defaultOrgUnitId = request.options?.orgUnitId ?? actor.orgUnitId ?? units[0]?.id;
    if (!defaultOrgUnitId || !units.some((u) => u.id === defaultOrgUnitId)) throw invalid([{ field: 'body.options.orgUnitId', message: 'org_unit.not_found' }]);
    if (actor.unitScope.kind === 'units' && !actor.unitScope.unitIds.includes(defaultOrgUnitId)) throw invalid([{ field: 'body.options.orgUnitId', message: 'import.row.org_unit_out_of_scope' }]);
    return {
      tx,
      read: tx,
      actor,
      runId,
      target: request.target,
      columns,
      sourceSystem: request.options?.sourceSystem ?? 'file',
      debtSign: request.options?.debtSign ?? 'positive',
      defaultOrgUnitId,
      orgUnitsByCode: new Map(units.map((u) => [u.code, u])),
      customFields: request.target === 'customers' ? (await this.deps.customFields.list()).filter((f) => f.active) : [],
      codePattern: await settings.get(this.db, CODE_PATTERN_SETTING, DEFAULT_CODE_PATTERN),
      seen: new FingerprintMap(),
      amountSum: null,
      changed: new ChangedCustomers(),
      errors: [],
    };
  }

  private async execute(runId: number, actor: Actor, request: ImportRequest, table: SourceTable, ctx: LoadContext): Promise<ImportRunRow> {
    const started = performance.now();
    const counts: Counts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, quarantined: 0 };
    const stored: RowError[] = [];
    const loader = LOADERS[request.target] as Loader;
    let status: ImportRunRow['status'] = 'succeeded';
    let error: string | null = null;
    // The sum of the amount column as the file writes it (signs included), for the control totals.
    const amountField = AMOUNT_FIELD[request.target];
    const amountColumn = amountField ? ctx.columns.get(amountField) : undefined;
    const amountSum = amountColumn === undefined ? null : new DecimalSum();
    ctx.amountSum = amountSum;
    let readAll = false;
    let controlMatched: boolean | null = null;
    // A row's errors come from one step (its checks or its write), and batches are whole ranges of
    // rows, so taking the errors up to the last row of a batch whose checks and earlier writes
    // are done counts each rejected row once, even while later batches are being checked.
    const takeErrors = (upToRow = Infinity) => {
      const taken = inRowOrder(ctx.errors.filter((e) => e.rowNo <= upToRow));
      ctx.errors = ctx.errors.filter((e) => e.rowNo > upToRow);
      counts.rejected += new Set(taken.map((e) => e.rowNo)).size;
      stored.push(...taken.slice(0, Math.max(0, MAX_STORED_ERRORS - stored.length)));
    };
    try {
      await this.db.transaction(async (tx) => {
        await importsRepository.holdRun(tx, runId);
        ctx.tx = tx;
        ctx.read = this.db.kind === 'postgres' ? readingAhead(this.db) : tx;
        ctx.runId = runId;
        let batch: SourceRow[] = [];
        // A batch is written while the next ones are read and checked: the database and this
        // process work at the same time. Duplicates across batches are caught by ctx.seen.
        // Loaders that allow it have a second batch checked meanwhile, so that this process
        // reads and checks rows while the database looks up the batch before (PostgreSQL only:
        // the embedded database answers one query at a time anyway).
        const ahead = loader.preparesAhead && ctx.read !== tx ? 1 : 0;
        const preparing: { lastRow: number; prepared: Promise<PreparedRow[]> }[] = [];
        let writing: Promise<void> = Promise.resolve();
        const writeNext = async () => {
          const { lastRow, prepared: next } = preparing.shift()!;
          const prepared = await next;
          await writing;
          takeErrors(lastRow);
          writing = (async () => {
            const quarantined = prepared.filter((p) => p.action === 'quarantine');
            await importsRepository.quarantine(tx, runId, request.target, quarantined.map((p) => ({ rowNo: p.rowNo, reason: p.reason ?? 'unknown', payload: p.values })));
            counts.quarantined += quarantined.length;
            await loader.write(ctx, prepared, counts);
          })();
          // Failures surface at the next await of `writing`; this only keeps them from going unhandled meanwhile.
          writing.catch(() => undefined);
        };
        const flush = async () => {
          if (!batch.length) return;
          const rows = batch;
          batch = [];
          const prepared = loader.prepare(ctx, screenRows(ctx, rows, table.headers.length));
          prepared.catch(() => undefined);
          preparing.push({ lastRow: rows[rows.length - 1]!.rowNo, prepared });
          while (preparing.length > ahead) await writeNext();
        };
        try {
          for await (const row of table.rows) {
            counts.read++;
            batch.push(row);
            if (batch.length >= BATCH) await flush();
          }
          await flush();
          while (preparing.length) await writeNext();
          await writing;
        } finally {
          // A failed run leaves no look-up running once it has ended.
          await Promise.allSettled([writing, ...preparing.map((p) => p.prepared)]);
        }
        // Writing can find errors too (a transaction id repeated across batches).
        takeErrors();
        readAll = true;
        if (request.controlTotals) {
          const wrong = mismatches(request.controlTotals, counts.read, amountSum?.toString() ?? null);
          controlMatched = wrong.length === 0;
          if (wrong.length) throw new ControlMismatch(wrong);
        }
        if (request.policy === 'reject_file' && counts.rejected > 0) throw new Rejected();
      });
    } catch (cause) {
      takeErrors();
      counts.inserted = counts.updated = counts.unchanged = counts.quarantined = 0;
      if (cause instanceof Rejected) status = 'rejected';
      else if (cause instanceof ControlMismatch) {
        status = 'failed';
        error = keep([controlMismatch(cause.details)]);
      } else {
        status = 'failed';
        error = keep([partOf(cause)]);
      }
    }
    const totals = { amountSum: readAll && amountSum ? amountSum.toString() : null, controlMatched };
    if (status === 'succeeded') this.announce(request.target, ctx.changed);
    const run = await this.finishRun(actor, runId, request.target, status, counts, error, Math.round(performance.now() - started), stored, totals);
    if (status === 'succeeded' && counts.inserted + counts.updated >= TIDY_AFTER_ROWS) await this.tidy(request.target);
    return run;
  }

  /**
   * After a large run on the embedded database, which has no autovacuum: statistics for the
   * planner, and the visibility map that lets look-ups by customer code read only the code's key
   * (an index-only scan). A PostgreSQL server's autovacuum does both on its own.
   */
  private async tidy(target: ImportTarget): Promise<void> {
    if (this.db.kind === 'postgres') return;
    try {
      await this.db.exec(`vacuum (analyze) ${TIDIED_TABLES[target].join(', ')}`);
    } catch {
      // Only upkeep: the run is recorded and the data stands without it.
    }
  }

  /** Tells rule tags and segments (through the event bus) whose data a committed run changed. */
  private announce(target: string, changed: ChangedCustomers): void {
    if (!changed.any || !this.deps.events) return;
    const customerIds = changed.many ? 'all' : [...changed.ids];
    this.deps.events.emit(target === 'customers' ? 'customers.changed' : 'business.changed', { customerIds });
  }

  /** Records how a run ended, its row errors and the audit entry, in one transaction. */
  private async finishRun(
    actor: Actor,
    runId: number,
    target: string,
    status: ImportRunRow['status'],
    counts: Counts,
    error: string | null,
    durationMs: number,
    stored: RowError[],
    totals: { amountSum?: string | null; controlMatched?: boolean | null } = {},
    audit: Record<string, unknown> = {},
  ): Promise<ImportRunRow> {
    try {
      await this.db.transaction(async (tx) => {
        await importsRepository.finish(tx, runId, status, counts, error, durationMs, totals);
        await importsRepository.addErrors(tx, runId, stored);
        await recordAudit(tx, actor, { action: 'import', entity: 'import_run', entityId: runId, after: { target, status, ...counts, ...totals, ...audit } });
      });
    } catch {
      // The database went away (shutdown): the run stays 'running' and is marked interrupted at the next start.
    }
    return (await importsRepository.byId(this.db, runId).catch(() => undefined)) ?? ({ id: runId, status } as ImportRunRow);
  }

  // ---- quarantine ----

  /** A page of quarantined rows: of one run (in row order) or of all runs (newest first). */
  async quarantine(reader: ImportReader, f: { runId?: number; status: QuarantineStatus; target?: string; cursor?: string; limit: number }) {
    if (f.runId) await this.run(f.runId);
    const order = f.runId ? 'asc' : 'desc';
    const rows = await importsRepository.quarantineList(this.db, { ...f, afterId: f.cursor ? Number(f.cursor) : undefined, order, limit: f.limit });
    return {
      items: rows.map((r) => this.presentQuarantined(reader, r)),
      nextCursor: rows.length === f.limit ? String(rows[rows.length - 1]!.id) : null,
      open: await importsRepository.quarantineCount(this.db, { runId: f.runId, target: f.target, status: 'open' }),
    };
  }

  private presentQuarantined(reader: ImportReader, r: QuarantineRow) {
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    const { customerId: _, customerCode, customerExternalId, ...stored } = r.payload;
    // The payload holds the row's values under their field names.
    const { values, masked } = importMasking(reader, r.target).row(stored);
    const locale = reader.locale;
    const key = `import.quarantine.${r.reason}`;
    return {
      id: r.id,
      runId: r.runId,
      target: r.target,
      rowNo: r.rowNo,
      sourceSystem: r.sourceSystem,
      reason: r.reason,
      message: key === 'import.quarantine.unknown_customer' ? t(locale, key) : r.reason,
      customerCode: text(customerCode),
      customerExternalId: text(customerExternalId),
      externalId: text(values.externalId),
      values,
      masked,
      status: r.resolvedAt ? ('resolved' as const) : ('open' as const),
      resolvedAt: r.resolvedAt,
      resolvedRunId: r.resolvedRunId,
      createdAt: r.createdAt,
    };
  }

  /**
   * Tries the open quarantined rows again (of one run, or all): rows whose customer is known now are
   * loaded through the same loader and rules as a file, and marked resolved; the others stay open.
   * One run per target and source system is recorded. Running it twice loads nothing twice.
   */
  async reprocess(actor: Actor, f: { runId?: number } = {}): Promise<ReprocessResult> {
    if (f.runId) await this.run(f.runId);
    const runs: ImportRunRow[] = [];
    let tried = 0;
    for (const group of await importsRepository.quarantineGroups(this.db, f.runId)) {
      if (!isReprocessable(group.target)) continue;
      const outcome = await this.reprocessGroup(actor, group.target, group.sourceSystem, f.runId);
      tried += outcome.tried;
      if (outcome.run) runs.push(outcome.run);
    }
    return {
      runs,
      tried,
      resolved: runs.reduce((n, r) => n + r.rowsInserted + r.rowsUpdated + r.rowsUnchanged, 0),
      open: await importsRepository.quarantineCount(this.db, { runId: f.runId, status: 'open' }),
    };
  }

  /**
   * Tries one source system's open rows again, as a run of their own. A try that loads nothing and
   * finds nothing wrong (the customers are still unknown) is not kept as a run: clicking "try again"
   * every morning would otherwise fill the history with empty runs.
   */
  private async reprocessGroup(actor: Actor, target: 'holdings' | 'transactions', sourceSystem: string, onlyRunId: number | undefined): Promise<{ run: ImportRunRow | null; tried: number }> {
    const started = performance.now();
    const request: ImportRequest = { fileId: '', target, mapping: {}, policy: 'load_valid', options: { sourceSystem } };
    // The stored values are read back under their own field names.
    const columns = new Map(TARGET_FIELDS[target].map((f) => [f.key, f.key]));
    const ctx = await this.context(actor, request, columns, this.db, null);
    const loader = LOADERS[target] as Loader;
    const runId = await importsRepository.start(this.db, {
      target,
      source: 'quarantine',
      fileName: null,
      checksum: null,
      size: null,
      format: null,
      encoding: null,
      mapping: {},
      options: { sourceSystem, ...(onlyRunId ? { quarantineOf: onlyRunId } : {}) },
      policy: 'load_valid',
      startedBy: actor.userId,
    });
    const counts: Counts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, quarantined: 0 };
    const stored: RowError[] = [];
    let status: ImportRunRow['status'] = 'succeeded';
    let error: string | null = null;
    try {
      await this.db.transaction(async (tx) => {
        await importsRepository.holdRun(tx, runId);
        ctx.tx = ctx.read = tx;
        ctx.runId = runId;
        // The same row quarantined by several runs (a file loaded again) is loaded once, as its newest copy;
        // the older copies share its fate. Keyed by the row's id in the source system.
        const fate = new Map<string, boolean>();
        let before: number | null = null;
        for (;;) {
          const entries = await importsRepository.lockOpenQuarantine(tx, { target, sourceSystem, runId: onlyRunId, beforeId: before, limit: BATCH });
          if (!entries.length) break;
          before = entries[entries.length - 1]!.id;
          counts.read += entries.length;
          const keyOf = (e: QuarantineRow) => (typeof e.payload.externalId === 'string' ? e.payload.externalId : `#${e.id}`);
          const leaders: QuarantineRow[] = [];
          const followers: QuarantineRow[] = [];
          const batchKeys = new Set<string>();
          for (const e of entries) {
            const key = keyOf(e);
            if (fate.has(key) || batchKeys.has(key)) followers.push(e);
            else {
              batchKeys.add(key);
              leaders.push(e);
            }
          }
          // A reprocess run's row numbers are the quarantine entries' ids.
          const prepared = await loader.prepare(ctx, leaders.map((e) => ({ rowNo: e.id, cells: e.payload })));
          counts.rejected += new Set(ctx.errors.map((e) => e.rowNo)).size;
          stored.push(...inRowOrder(ctx.errors).slice(0, Math.max(0, MAX_STORED_ERRORS - stored.length)));
          ctx.errors = [];
          const loadable = prepared.filter((p) => p.action !== 'quarantine');
          counts.quarantined += prepared.length - loadable.length;
          await loader.write(ctx, loadable, counts);
          const resolved = new Set(loadable.map((p) => p.rowNo));
          for (const e of leaders) fate.set(keyOf(e), resolved.has(e.id));
          for (const e of followers) {
            if (fate.get(keyOf(e))) {
              resolved.add(e.id);
              counts.unchanged++;
            } else counts.quarantined++;
          }
          await importsRepository.resolveQuarantine(tx, [...resolved], runId);
        }
      });
    } catch (cause) {
      status = 'failed';
      counts.inserted = counts.updated = counts.unchanged = counts.quarantined = 0;
      error = keep([partOf(cause)]);
    }
    if (status === 'succeeded' && counts.inserted + counts.updated + counts.unchanged + counts.rejected === 0) {
      await importsRepository.discard(this.db, runId);
      return { run: null, tried: counts.read };
    }
    if (status === 'succeeded') this.announce(target, ctx.changed);
    const run = await this.finishRun(actor, runId, target, status, counts, error, Math.round(performance.now() - started), stored, {}, { reprocess: true, quarantineOf: onlyRunId ?? null });
    return { run, tried: counts.read };
  }
}

/**
 * The look-ups of the next batch on PostgreSQL (LoadContext.read): each on a pooled connection of
 * its own, in a short transaction with JIT off, as in the run. Over tables a run is growing the
 * planner estimates them far above what they cost, and compiling them took longer than running
 * them (450 ms against 70 ms a batch). No connection is held between look-ups, so runs at once
 * cannot take the pool from the rest of the server.
 */
function readingAhead(db: Db): Queryable {
  return {
    exec: (sql) => db.exec(sql),
    copyFrom: (sql, chunks) => db.copyFrom(sql, chunks),
    copyTo: (sql) => db.copyTo(sql),
    query: (sql, params, options) =>
      db.transaction(async (q) => {
        await q.query(`select set_config('jit', 'off', true)`);
        return q.query(sql, params, options);
      }),
  };
}

/**
 * Errors by row number, each row's in the order they were found (its values, then what it refers
 * to). A loader finds them in passes over a batch (its values, then its look-ups of stored records
 * and users), so a later row's value error comes before an earlier row's unknown customer manager.
 */
function inRowOrder(errors: RowError[]): RowError[] {
  return errors.sort((a, b) => a.rowNo - b.rowNo);
}

/** The rows a loader can read: a row with more cells than the header is reported and left out. */
function screenRows(ctx: LoadContext, rows: SourceRow[], columns: number): SourceRow[] {
  if (!rows.some((r) => r.cellCount !== undefined)) return rows;
  return rows.filter((row) => {
    if (row.cellCount === undefined) return true;
    ctx.errors.push({ rowNo: row.rowNo, column: null, value: null, message: 'import.row.too_many_cells', params: { found: row.cellCount, expected: columns } });
    return false;
  });
}

const isReprocessable = (target: string): target is 'holdings' | 'transactions' => target === 'holdings' || target === 'transactions';

/** What differs between control totals and what a file holds; empty when they agree. */
function mismatches(control: ControlTotals, rows: number, amountSum: string | null): ControlMismatch['details'] {
  const out: ControlMismatch['details'] = [];
  if (control.rows !== undefined && control.rows !== rows) out.push({ key: 'import.control.rows', expected: String(control.rows), found: String(rows) });
  if (control.amountSum !== undefined && (amountSum === null || compareDecimals(control.amountSum, amountSum) !== 0)) {
    out.push({ key: 'import.control.amount', expected: control.amountSum, found: amountSum ?? '—' });
  }
  return out;
}
