import { stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '#platform/db/db.ts';
import { systemActor } from '#platform/auth/actor.ts';
import { AppError } from '#platform/errors.ts';
import { t, type MessageKey } from '#platform/i18n/index.ts';
import { PERMISSIONS } from '#modules/identity/permissions.ts';
import { OrgUnitsService } from '#modules/identity/identity.service.ts';
import { orgUnitsRepository } from '#modules/identity/identity.repository.ts';
import { CustomFieldsService } from '#modules/custom-fields/custom-fields.service.ts';
import { ImportsService } from '#modules/ingest/imports.service.ts';
import { ImportFiles } from '#modules/ingest/import-files.ts';
import { fieldLabel, TARGETS, type ImportTarget } from '#modules/ingest/targets.ts';
import { DEBT_SIGNS, type DebtSign } from '#modules/ingest/loaders/loader.ts';
import { loadConfig } from '#platform/config.ts';
import { ready } from './ready.ts';
import { read } from '#modules/ingest/kept-messages.ts';
import { parseAmount } from '#lib/cn/index.ts';

/** How many rows --dry-run shows and checks (the preview's window; the import itself checks every row). */
const DRY_RUN_ROWS = 20;

/** A row's values as --dry-run prints them: what the file gives, without the search keys derived from the name. */
function shownValues(values: Record<string, unknown>): Record<string, unknown> {
  const { nameGrams: _grams, nameSort: _sort, nameNorm: _norm, ...shown } = values;
  return shown;
}

/** The option (or the file) a problem of the API's request body is about. */
function optionOf(field: string, path: string): string {
  const options: Record<string, string> = {
    file: path,
    'body.controlTotals.rows': '--expect-rows',
    'body.controlTotals.amountSum': '--expect-amount',
    'body.options.orgUnitId': '--org',
    'body.options.sourceSystem': '--source-system',
    'body.options.debtSign': '--debt-sign',
    'body.mapping': '--map',
  };
  if (options[field]) return options[field];
  if (field.startsWith('body.mapping.')) return `--map ${field.slice('body.mapping.'.length)}`;
  return field.replace(/^body\./, '');
}

/** `guanxi import <file> …`: the same import as the web app's, run as the system; returns the exit code. */
export async function importFile(db: Db, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      map: { type: 'string', multiple: true },
      policy: { type: 'string', default: 'reject_file' },
      'source-system': { type: 'string' },
      'debt-sign': { type: 'string', default: 'positive' },
      org: { type: 'string' },
      force: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      locale: { type: 'string', default: 'zh-CN' },
      'expect-rows': { type: 'string' },
      'expect-amount': { type: 'string' },
    },
  });
  const path = positionals[0];
  const target = values.target as ImportTarget;
  if (!path || !TARGETS.includes(target)) throw new Error(`usage: guanxi import <file> --target ${TARGETS.join('|')}`);
  if (values.policy !== 'reject_file' && values.policy !== 'load_valid') throw new Error('--policy must be reject_file or load_valid');
  const debtSign = values['debt-sign'] as DebtSign;
  if (!DEBT_SIGNS.includes(debtSign)) throw new Error(`--debt-sign must be ${DEBT_SIGNS.join(' or ')}`);
  const locale = values.locale === 'en' ? 'en' : 'zh-CN';
  if (!(await stat(path).then((s) => s.isFile(), () => false))) throw new Error(`${path}: no such file`);
  // Control totals from the sending system: the run loads nothing unless the file agrees with them.
  const expectRows = values['expect-rows'];
  // Read as the API reads it (1,234.56 and ¥1,234.56 too), so that both take the same totals.
  const expectAmount = values['expect-amount'];
  if (expectRows !== undefined && !/^\d{1,10}$/.test(expectRows)) throw new Error(`--expect-rows takes a row count, not ${expectRows}`);
  if (expectAmount !== undefined && !parseAmount(expectAmount)) throw new Error(`--expect-amount takes a decimal amount such as 1234.56, not ${expectAmount}`);
  const controlTotals =
    expectRows !== undefined || expectAmount !== undefined
      ? { ...(expectRows !== undefined ? { rows: Number(expectRows) } : {}), ...(expectAmount !== undefined ? { amountSum: expectAmount } : {}) }
      : undefined;
  try {
    await ready(db);
    const config = loadConfig();
    const customFieldsService = new CustomFieldsService(db);
    const customFields = await customFieldsService.list('customer');
    const imports = new ImportsService(db, new ImportFiles(config.DATA_DIR ? join(config.DATA_DIR, 'imports') : join(tmpdir(), 'guanxi-imports'), Number.MAX_SAFE_INTEGER), {
      customFields: customFieldsService,
      orgUnits: new OrgUnitsService(db),
    });
    const actor = { ...systemActor(new Set(PERMISSIONS)), locale } as const;
    const stored = await imports.files.saveFromPath(path);
    const inspected = await imports.inspect(stored.fileId, basename(path));
    const mapping: Record<string, string> = { ...inspected.suggested[target] };
    for (const pair of values.map ?? []) {
      const at = pair.lastIndexOf('=');
      if (at <= 0) throw new Error(`--map takes column=field, not ${pair}`);
      const column = pair.slice(0, at);
      for (const [c, f] of Object.entries(mapping)) if (f === pair.slice(at + 1) && c !== column) delete mapping[c];
      mapping[column] = pair.slice(at + 1);
    }
    const orgUnitId = values.org ? (await orgUnitsRepository.byCode(db, values.org))?.id : undefined;
    if (values.org && !orgUnitId) throw new Error(`unknown org unit code: ${values.org}`);
    const say = (key: MessageKey, params?: Record<string, unknown>) => console.log(t(locale, key, params));
    say('cli.import.file', { file: basename(path), format: `${inspected.format}${inspected.encoding ? `, ${inspected.encoding}` : ''}`, columns: inspected.headers.join(' | ') });
    // Fields named as the web's mapping step names them, in the chosen language.
    const fieldName = (key: string) => {
      const label = fieldLabel(target, key, customFields);
      return typeof label === 'string' ? label : label[locale];
    };
    const pairs = Object.entries(mapping).map(([c, f]) => `${c} → ${fieldName(f)}`);
    say('cli.import.mapping', { pairs: pairs.length ? pairs.join(locale === 'en' ? ', ' : '，') : t(locale, 'cli.import.mapping_none') });
    const request = {
      fileId: stored.fileId,
      fileName: basename(path),
      target,
      mapping,
      policy: values.policy as 'reject_file' | 'load_valid',
      options: { sourceSystem: values['source-system'], orgUnitId, debtSign },
      force: values.force,
      source: 'cli',
      controlTotals,
    };
    if (values['dry-run']) {
      const preview = await imports.preview(actor, request, DRY_RUN_ROWS);
      for (const row of preview.rows) {
        console.log(`  ${t(locale, 'cli.import.dry_run_row', { row: row.rowNo, action: t(locale, `cli.import.action.${row.action}` as MessageKey), values: JSON.stringify(shownValues(row.values)) })}`);
      }
      for (const e of preview.errors) console.log(`  ${t(locale, 'cli.import.dry_run_row', { row: e.rowNo, action: `${e.column ?? ''} ${e.value ?? ''}:`, values: e.message })}`);
      say('cli.import.dry_run', { rows: DRY_RUN_ROWS });
      return preview.errors.length ? 1 : 0;
    }
    const started = await imports.start(actor, request);
    const run = await started.done;
    // The answer the API gives (which earlier run loaded the file, and when), with this command's way to load it again.
    if (started.alreadyImported) say('cli.import.already', { message: started.message });
    say('cli.import.run', {
      id: run.id,
      status: t(locale, `cli.import.status.${run.status}`),
      read: run.rowsRead,
      inserted: run.rowsInserted,
      updated: run.rowsUpdated,
      unchanged: run.rowsUnchanged,
      rejected: run.rowsRejected,
      quarantined: run.rowsQuarantined,
      duration: run.durationMs !== null ? t(locale, 'cli.import.duration', { seconds: (run.durationMs / 1000).toFixed(1) }) : '',
    });
    if (run.controlMatched !== null) {
      const totals = (rows: number | null, sum: string | null) =>
        [...(rows !== null ? [t(locale, 'cli.import.rows', { count: rows })] : []), ...(sum !== null ? [t(locale, 'cli.import.amount', { sum })] : [])].join(locale === 'en' ? ', ' : '，');
      say(run.controlMatched ? 'cli.import.control_match' : 'cli.import.control_mismatch', {
        expected: totals(run.controlRows, run.controlAmountSum),
        found: totals(run.rowsRead, run.amountSum),
      });
    }
    if (run.error) console.log(read(run.error, locale));
    if (run.rowsRejected > 0) {
      const report = `${path}.errors.csv`;
      await writeFile(report, await imports.errorReport(actor, run.id));
      say('cli.import.errors', { file: report });
    }
    return run.status === 'succeeded' ? 0 : 1;
  } catch (error) {
    if (error instanceof AppError) {
      const message = t(locale, error.messageKey, error.options.params);
      // Each field's problem, named as this command's options name it; one that repeats the message is not said twice.
      const fields = (error.options.fields ?? [])
        .map((f) => ({ option: optionOf(f.field, path), text: t(locale, f.message, f.params) }))
        .filter((f) => f.text !== message)
        .map((f) => `  ${f.option}: ${f.text}`);
      console.error([message, ...fields].join('\n'));
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
