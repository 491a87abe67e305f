import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import pg from 'pg';
import type { Db, Queryable } from '#platform/db/db.ts';
import { systemActor, type Actor } from '#platform/auth/actor.ts';
import { AppError, invalidField, notFound } from '#platform/errors.ts';
import { t, type Locale, type MessageKey } from '#platform/i18n/index.ts';
import { isDecimal } from '#lib/cn/index.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import { PERMISSIONS } from '#modules/identity/permissions.ts';
import type { NotificationsService } from '#modules/notifications/notifications.service.ts';
import type { ImportsService } from './imports.service.ts';
import { importsRepository, type ControlTotals, type ImportRunRow } from './imports.repository.ts';
import { keep, partOf, read, type Part } from './kept-messages.ts';
import type { ImportTarget } from './targets.ts';
import type { DebtSign } from './loaders/loader.ts';

export interface SourceInput {
  name: string;
  kind: 'folder' | 'postgres' | 'mysql';
  target: ImportTarget;
  config: { path?: string; pattern?: string; url?: string; query?: string; watermarkColumn?: string; requireControlFile?: boolean; debtSign?: DebtSign };
  mapping: Record<string, string>;
  policy: 'reject_file' | 'load_valid';
  sourceSystem: string;
  cron: string;
  timeZone: string;
  enabled: boolean;
  maxRetries: number;
}

export interface SourceRow extends SourceInput {
  id: number;
  watermark: string | null;
  nextRunAt: Date | null;
  attempt: number;
  lastRunAt: Date | null;
  lastStatus: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, name, kind, target, config, mapping, policy, source_system as "sourceSystem", cron, time_zone as "timeZone", enabled,
  max_retries as "maxRetries", watermark, next_run_at as "nextRunAt", attempt, last_run_at as "lastRunAt", last_status as "lastStatus",
  last_error as "lastError", created_at as "createdAt", updated_at as "updatedAt"`;
/** A failed run is tried again after 5, 10, 15 … minutes, up to maxRetries times, then waits for its next cron time. */
const RETRY_MINUTES = 5;
const TICK_MS = 15_000;
/**
 * A running source renews its mark this often; a mark older than three beats is a process that
 * died mid-run (killed, crashed), and the source is free again.
 */
const HEARTBEAT_MS = 60_000;

/** The next time a cron expression fires after `from`, in its time zone; null for an invalid expression. */
export function nextCronRun(cron: string, timeZone: string, from = new Date()): Date | null {
  try {
    return new Cron(cron, { timezone: timeZone, paused: true }).nextRun(from);
  } catch {
    return null;
  }
}

/** '*.csv', 'cards_????????.txt' → a regular expression over file names. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** A data file's control file: its name with this added (cards_20261121.csv → cards_20261121.csv.ctl). */
export const CONTROL_SUFFIX = '.ctl';

/**
 * A control file: `rows=<data rows>` and/or `amount=<sum of the amount column>`, one per line
 * (blank lines and lines starting with # are ignored; `:` may stand for `=`). Null when it says
 * anything else, so a half-written or foreign file is never taken for a valid one.
 */
export function parseControlFile(text: string): ControlTotals | null {
  const out: ControlTotals = {};
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(rows|amount)\s*[=:]\s*(\S+)$/i.exec(line);
    if (!m) return null;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.replace(/,/g, '');
    if (key === 'rows') {
      if (!/^\d{1,10}$/.test(value) || out.rows !== undefined) return null;
      out.rows = Number(value);
    } else {
      if (!isDecimal(value) || out.amountSum !== undefined) return null;
      out.amountSum = value;
    }
  }
  return out.rows === undefined && out.amountSum === undefined ? null : out;
}

/** What an API answer may show of a connection string: everything but the password. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return '****';
  }
}

/**
 * The daily extraction: sources (a folder that receives files, or a query on a PostgreSQL or
 * MySQL/MariaDB database with a watermark column) run on their cron schedule through the same
 * import as uploads. The next due time is stored, so a run missed while the server was down is
 * caught up once at start, never twice; a failed run is retried, then reported.
 */
export class SourcesService {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  /** Sources this process is running (its mark in the table may lag while PGlite is busy with the run). */
  private readonly active = new Set<number>();

  /** Folder sources must lie inside this folder (the server reads no other files); an absolute path. */
  readonly inboxRoot: string;

  constructor(
    private readonly db: Db,
    private readonly imports: ImportsService,
    inboxRoot: string,
    private readonly workDir: string,
    private readonly notifications?: NotificationsService,
  ) {
    this.inboxRoot = resolve(inboxRoot);
  }

  /** Creates the inbox when it is missing, so that a new installation has a place to put the folders in. */
  async ensureInbox(): Promise<string> {
    await mkdir(this.inboxRoot, { recursive: true });
    return this.inboxRoot;
  }

  /**
   * What the saved source should still be told, though it was saved: a folder that is not there yet
   * (the transfer system may create it later) makes every run fail until it is.
   */
  async warningsFor(source: Pick<SourceInput, 'kind' | 'config'>): Promise<SourceWarning[]> {
    if (source.kind !== 'folder' || !source.config.path) return [];
    const full = this.folderPath(source.config.path);
    const found = await stat(full).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw error;
    });
    if (!found) return [{ field: 'body.config.path', code: 'IMPORT_SOURCE_FOLDER_NOT_YET', key: 'import.source.folder_not_yet', params: { path: full } }];
    if (!found.isDirectory()) return [{ field: 'body.config.path', code: 'IMPORT_SOURCE_NOT_A_FOLDER', key: 'import.source.not_a_folder', params: { path: full } }];
    return [];
  }

  list = () => this.db.query<SourceRow>(`select ${COLUMNS} from import_sources order by name`);

  async get(id: number, q: Queryable = this.db): Promise<SourceRow> {
    const [row] = await q.query<SourceRow>(`select ${COLUMNS} from import_sources where id = $1`, [id]);
    if (!row) throw notFound('IMPORT_SOURCE_NOT_FOUND', 'import.source.not_found');
    return row;
  }

  /** As the API shows it: the password of a connection string is never sent back; the last error in the reader's language. */
  present(row: SourceRow, locale: Locale = 'zh-CN'): SourceRow {
    return { ...row, config: { ...row.config, url: redactUrl(row.config.url) }, lastError: read(row.lastError, locale) };
  }

  async create(actor: Actor, input: SourceInput): Promise<SourceRow> {
    const v = await this.check(input);
    const next = nextCronRun(v.cron, v.timeZone)!;
    const rows = await this.db.query<SourceRow>(
      `insert into import_sources (name, kind, target, config, mapping, policy, source_system, cron, time_zone, enabled, max_retries, next_run_at, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) on conflict (name) do nothing returning ${COLUMNS}`,
      [v.name, v.kind, v.target, JSON.stringify(v.config), JSON.stringify(v.mapping), v.policy, v.sourceSystem, v.cron, v.timeZone, v.enabled, v.maxRetries, next, actor.userId],
    );
    if (!rows[0]) throw new AppError('CONFLICT', 'IMPORT_SOURCE_NAME_TAKEN', 'field.taken', { fields: [{ field: 'body.name', message: 'field.taken' }] });
    await recordAudit(this.db, actor, { action: 'create', entity: 'import_source', entityId: rows[0].id, after: this.present(rows[0]) });
    return rows[0];
  }

  async update(actor: Actor, id: number, v: SourceInput): Promise<SourceRow> {
    const before = await this.get(id);
    // A stored password is kept when the form sends back the redacted connection string.
    if (v.config.url && v.config.url === redactUrl(before.config.url)) v = { ...v, config: { ...v.config, url: before.config.url } };
    // An edited string that still holds the placeholder would store it as the password.
    else if (v.config.url && redactUrl(v.config.url) === v.config.url && v.config.url.includes(':****@')) throw invalidField('body.config.url', 'import.source.password_placeholder');
    v = await this.check(v);
    const next = nextCronRun(v.cron, v.timeZone)!;
    const [row] = await this.db.query<SourceRow>(
      `update import_sources set name = $2, kind = $3, target = $4, config = $5, mapping = $6, policy = $7, source_system = $8, cron = $9,
              time_zone = $10, enabled = $11, max_retries = $12, next_run_at = $13, attempt = 0, updated_at = now()
        where id = $1 returning ${COLUMNS}`,
      [id, v.name, v.kind, v.target, JSON.stringify(v.config), JSON.stringify(v.mapping), v.policy, v.sourceSystem, v.cron, v.timeZone, v.enabled, v.maxRetries, next],
    );
    await recordAudit(this.db, actor, { action: 'update', entity: 'import_source', entityId: id, before: this.present(before), after: this.present(row!) });
    return row!;
  }

  /**
   * Removes a source, not while it runs. Its runs stay in the import history (they are the record
   * of what was loaded), no longer linked to it.
   */
  async remove(actor: Actor, id: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.get(id, tx);
      await tx.query(`update import_runs set source_id = null where source_id = $1`, [id]);
      // A running source, of this server or another, renews running_since every minute.
      const removed = await tx.query(
        `delete from import_sources where id = $1 and (running_since is null or running_since < now() - make_interval(secs => $2)) returning id`,
        [id, (3 * HEARTBEAT_MS) / 1000],
      );
      if (!removed.length) throw new AppError('CONFLICT', 'IMPORT_SOURCE_RUNNING', 'import.source.running');
      await recordAudit(tx, actor, { action: 'delete', entity: 'import_source', entityId: id, before: this.present(before) });
    });
  }

  runs(id: number) {
    return this.imports.list({ sourceId: id, limit: 50 });
  }

  /**
   * Runs a source now (the "run now" button, and the scheduler). Never throws for a bad run: it is
   * recorded, also when it fails before reading anything (a refused connection, a missing folder),
   * so the source's run history shows every failure. A source already running answers 'busy'.
   */
  async run(id: number, actor: Actor = systemActor(new Set(PERMISSIONS))): Promise<SourceRunResult> {
    const source = await this.get(id);
    if (this.active.has(id)) return { status: 'busy', error: t(actor.locale, 'import.source.running'), runs: [] };
    // Another server's run renews its mark every minute; a mark left by a process that died is stale after three.
    const claimed = await this.db.query(
      `update import_sources set running_since = now()
        where id = $1 and (running_since is null or running_since < now() - make_interval(secs => $2)) returning id`,
      [id, (3 * HEARTBEAT_MS) / 1000],
    );
    if (!claimed.length) return { status: 'busy', error: t(actor.locale, 'import.source.running'), runs: [] };
    this.active.add(id);
    const heartbeat = setInterval(() => {
      this.db.query(`update import_sources set running_since = now() where id = $1 and running_since is not null`, [id]).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    let result: SourceRunResult;
    try {
      try {
        result = source.kind === 'folder' ? await this.runFolder(source, actor) : await this.runQuery(source, actor);
      } catch (error) {
        const part = partOf(error);
        // Server paths are not for the people reading the history: anyone with data:import, not only
        // the administrators who set sources up (and are shown the inbox).
        const kept = keep(['text' in part ? { text: part.text.replaceAll(this.inboxRoot, 'IMPORT_INBOX') } : part]);
        result = { status: 'failed', error: kept, runs: [await this.recordFailure(source, actor, kept)] };
      }
    } finally {
      clearInterval(heartbeat);
      this.active.delete(id);
      await this.db.query(`update import_sources set running_since = null where id = $1`, [id]);
    }
    const failed = result.status === 'failed';
    const attempt = failed ? source.attempt + 1 : 0;
    // A file whose totals disagree fails the same way until it is corrected: no retry, the next scheduled run.
    const retry = failed && result.retryable !== false && attempt <= source.maxRetries;
    const next = retry ? new Date(Date.now() + RETRY_MINUTES * attempt * 60_000) : nextCronRun(source.cron, source.timeZone);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `update import_sources set last_run_at = now(), last_status = $2, last_error = $3, attempt = $4, next_run_at = $5 where id = $1`,
        [id, result.status, result.error, retry ? attempt : 0, next],
      );
      // A scheduled run that ends without loading (its retries spent) is told to the people who set
      // sources up, once: not again each night while it fails the same way. "Run now" answers its runner.
      if (result.status === 'succeeded') await tx.query(`update import_sources set last_notice = null where id = $1`, [id]);
      const ended = result.status === 'rejected' || (failed && !retry);
      if (ended && actor.kind === 'system' && this.notifications) {
        const told = await tx.query(
          `update import_sources set last_notice = $2 where id = $1 and last_notice is distinct from $2 returning id`,
          [id, `${result.status}:${result.error ?? ''}`],
        );
        if (told.length) {
          await this.notifications.notify(
            tx,
            await sourceKeepers(tx, id),
            result.status === 'rejected' ? 'notify.source_rejected' : 'notify.source_failed',
            { source: source.name },
            `/import-sources?source=${id}`,
          );
        }
      }
    });
    return result;
  }

  /** A failed attempt that read nothing, as a run of the source with its reason. */
  private async recordFailure(source: SourceRow, actor: Actor, error: string): Promise<ImportRunRow> {
    const runId = await importsRepository.start(this.db, {
      target: source.target,
      source: `source:${source.name}`,
      sourceId: source.id,
      fileName: null,
      checksum: null,
      size: null,
      format: null,
      encoding: null,
      mapping: source.mapping,
      options: runOptions(source),
      policy: source.policy as 'reject_file' | 'load_valid',
      startedBy: actor.userId,
    });
    await importsRepository.finish(this.db, runId, 'failed', { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, quarantined: 0 }, error, 0);
    await recordAudit(this.db, actor, { action: 'import', entity: 'import_run', entityId: runId, after: { source: source.id, status: 'failed', error } });
    return (await importsRepository.byId(this.db, runId))!;
  }

  /** Starts the scheduler: every 15 s, the due sources run one after another. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** Runs every due source once. Claiming moves next_run_at first, so two servers never run one source twice. */
  async tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      try {
        const due = await this.db.query<{ id: number }>(`select id from import_sources where enabled and next_run_at <= now() order by next_run_at`);
        for (const source of due) {
          // The update re-checks the row under its lock: of two servers, one claims it.
          const claimed = await this.db.query(
            `update import_sources set next_run_at = now() + interval '1 hour' where id = $1 and enabled and next_run_at <= now() returning id`,
            [source.id],
          );
          if (claimed.length) await this.run(source.id);
        }
      } catch {
        // The database is away (shutting down); the next tick tries again.
      } finally {
        this.ticking = undefined;
      }
    })();
    return this.ticking;
  }

  /** Refuses what cannot run; answers the input with its folder stored relative to the inbox. */
  private async check(v: SourceInput): Promise<SourceInput> {
    if (!nextCronRun(v.cron, v.timeZone)) throw invalidField('body.cron', 'import.source.cron');
    await this.imports.checkSourceMapping(v.target, v.mapping);
    if (v.kind === 'folder') {
      if (!v.config.path?.trim()) throw invalidField('body.config.path', 'field.required');
      // Relative, the source keeps working when the inbox moves (another disk, a new IMPORT_INBOX).
      const inside = relative(this.inboxRoot, this.folderPath(v.config.path)).split(sep).join('/');
      return { ...v, config: { ...v.config, path: inside || '.' } };
    } else {
      if (!v.config.url) throw invalidField('body.config.url', 'field.required');
      if (!v.config.query) throw invalidField('body.config.query', 'field.required');
      const scheme = v.kind === 'postgres' ? /^postgres(ql)?:\/\//i : /^(mysql|mariadb):\/\//i;
      if (!scheme.test(v.config.url)) throw invalidField('body.config.url', 'field.invalid');
    }
    return v;
  }

  /** The folder's absolute path; one outside the inbox is refused, naming the inbox (sources are set up by administrators). */
  private folderPath(path: string): string {
    const root = this.inboxRoot;
    // An absolute path is taken as it is: one inside the inbox is as good as the same folder given relative.
    const full = resolve(root, path.trim());
    if (full !== root && !full.startsWith(root + sep)) throw invalidField('body.config.path', 'import.source.outside_inbox', { inbox: root });
    return full;
  }

  /**
   * Every matching file in the folder not loaded before, oldest name first. A file with a control
   * file beside it (`<name>.ctl`) is checked against it; with `requireControlFile` a file waits
   * until its control file is there. A file whose control totals failed is not tried again until
   * the file or its control file changes, but keeps the source reported as failed.
   */
  private async runFolder(source: SourceRow, actor: Actor) {
    const dir = this.folderPath(source.config.path ?? '');
    const pattern = globToRegExp(source.config.pattern || '*');
    const all = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new AppError('VALIDATION', 'IMPORT_SOURCE_FOLDER_MISSING', 'import.source.folder_missing', { params: { path: source.config.path ?? '' } });
      throw error;
    });
    const present = new Set(all);
    const names = all.filter((n) => pattern.test(n) && !n.toLowerCase().endsWith(CONTROL_SUFFIX)).sort();
    const runs: ImportRunRow[] = [];
    const problems: Part[] = [];
    const refusedBefore: Part[] = [];
    for (const name of names) {
      const path = join(dir, name);
      if (!(await stat(path)).isFile()) continue;
      const controlName = `${name}${CONTROL_SUFFIX}`;
      let controlTotals: ControlTotals | undefined;
      if (present.has(controlName)) {
        const parsed = parseControlFile(await readFile(join(dir, controlName), 'utf8'));
        if (!parsed) {
          problems.push({ key: 'import.control.file', params: { file: controlName } });
          continue;
        }
        controlTotals = parsed;
      } else if (source.config.requireControlFile) continue;
      const stored = await this.imports.files.saveFromPath(path);
      const request = {
        fileId: stored.fileId,
        fileName: name,
        target: source.target,
        mapping: source.mapping,
        policy: source.policy,
        options: runOptions(source),
        source: `source:${source.name}`,
        sourceId: source.id,
        controlTotals,
      };
      if (controlTotals) {
        const failed = await importsRepository.sameControlFailed(this.db, { target: source.target, checksum: stored.fileId, mapping: source.mapping, options: request.options, control: controlTotals });
        if (failed) {
          problems.push({ key: 'import.control.file_mismatch', params: { file: name, run: failed.id } });
          continue;
        }
      }
      // The same bytes whose rows were all refused before: still reported, not read again every night.
      const refused = await importsRepository.sameRowsRefused(this.db, { target: source.target, checksum: stored.fileId, mapping: source.mapping, options: request.options, policy: source.policy });
      if (refused) {
        refusedBefore.push({ key: 'import.source.file_refused_before', params: { file: name, run: refused.id } });
        continue;
      }
      const started = await this.imports.start(actor, request);
      if (!started.alreadyImported) runs.push(await started.done);
    }
    const result = summarise(runs);
    if (problems.length && result.status === 'succeeded') return { status: 'failed', error: keep([...problems, ...refusedBefore]), runs, retryable: false };
    if (refusedBefore.length && result.status === 'succeeded') return { status: 'rejected', error: keep(refusedBefore), runs };
    return result;
  }

  /** Rows of the source query since the watermark, written to a JSON Lines file and imported. */
  private async runQuery(source: SourceRow, actor: Actor) {
    await mkdir(this.workDir, { recursive: true });
    const file = join(this.workDir, `${source.id}-${randomUUID()}.jsonl`);
    const column = source.config.watermarkColumn;
    let watermark = source.watermark;
    let rows = 0;
    try {
      const out = createWriteStream(file);
      const write = async (row: Record<string, unknown>) => {
        rows++;
        const value = column ? row[column] : undefined;
        if (value !== undefined && value !== null) {
          const text = value instanceof Date ? value.toISOString() : String(value);
          if (watermark === null || compareWatermarks(text, watermark) > 0) watermark = text;
        }
        if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
      };
      if (source.kind === 'postgres') await readPostgres(source, write);
      else await readMysql(source, write);
      out.end();
      await once(out, 'finish');
      if (rows === 0) return { status: 'succeeded', error: null, runs: [] };
      const stored = await this.imports.files.saveFromPath(file);
      const started = await this.imports.start(actor, {
        fileId: stored.fileId,
        fileName: `${source.name}.jsonl`,
        target: source.target,
        mapping: source.mapping,
        policy: source.policy,
        options: runOptions(source),
        source: `source:${source.name}`,
        sourceId: source.id,
        format: 'jsonl',
      });
      const run = await started.done;
      const result = summarise([run]);
      // The watermark moves only when the rows up to it are stored.
      if (result.status === 'succeeded' && watermark !== source.watermark) {
        await this.db.query(`update import_sources set watermark = $2 where id = $1`, [source.id, watermark]);
      }
      return result;
    } finally {
      await rm(file, { force: true });
    }
  }
}

/** Something a saved source should be told: its folder is not there yet, or is a file. */
export interface SourceWarning {
  field: string;
  code: string;
  key: MessageKey;
  params: Record<string, unknown>;
}

/** What a source's run did; retryable is false when trying again at once would fail the same way. */
interface SourceRunResult {
  status: string;
  error: string | null;
  runs: ImportRunRow[];
  retryable?: boolean;
}

/** The options a source's runs load with: its source system and, for holdings, how it writes debts. */
function runOptions(source: SourceRow): { sourceSystem: string; debtSign?: DebtSign } {
  // As ImportsService.start records a run's options, so that runs of the same file compare equal.
  return { sourceSystem: source.sourceSystem, ...(source.config.debtSign === 'negative' ? { debtSign: 'negative' as const } : {}) };
}

/** Who hears of a source that stopped loading: whoever created it and the active users who may manage sources. */
async function sourceKeepers(q: Queryable, sourceId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `select s.created_by as id from import_sources s join users u on u.id = s.created_by where s.id = $1 and u.status = 'active'
     union
     select u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
      where u.status = 'active' and 'settings:manage' = any(r.permissions)`,
    [sourceId],
  );
  return rows.map((r) => r.id);
}

function summarise(runs: ImportRunRow[]): SourceRunResult {
  const failed = runs.find((r) => r.status === 'failed');
  const rejected = runs.find((r) => r.status === 'rejected');
  const error = failed?.error ?? (rejected ? keep([{ key: 'import.source.run_rejected', params: { run: rejected.id } }]) : null);
  const dataProblem = failed !== undefined && runs.filter((r) => r.status === 'failed').every((r) => r.controlMatched === false);
  return { status: failed ? 'failed' : rejected ? 'rejected' : 'succeeded', error, runs, ...(dataProblem ? { retryable: false } : {}) };
}

/** Numbers compare as numbers, everything else (ISO times, codes) as text. */
function compareWatermarks(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `:watermark` in the query stands for the last loaded value (null on the first run). */
const WATERMARK = /:watermark\b/g;

const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;

/**
 * Times of a source read as ISO text to the microsecond (2026-11-22T01:00:00.123456+00:00): a
 * JavaScript Date keeps milliseconds, so a watermark taken from one re-read its last rows at every run.
 */
function sourceTypeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === TIMESTAMPTZ || oid === TIMESTAMP) return isoTimestamp;
  return pg.types.getTypeParser(oid, format ?? 'text');
}

/** PostgreSQL's text of a timestamp as ISO 8601 with six fraction digits; anything else (infinity, BC) as it is. */
export function isoTimestamp(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:([+-]\d{2})(?::?(\d{2}))?)?$/.exec(text);
  if (!m) return text;
  const [, date, time, fraction = '', offsetHours, offsetMinutes = '00'] = m;
  return `${date}T${time}.${fraction.padEnd(6, '0')}${offsetHours ? `${offsetHours}:${offsetMinutes}` : ''}`;
}

async function readPostgres(source: SourceRow, write: (row: Record<string, unknown>) => Promise<void>) {
  const client = new pg.Client({ connectionString: source.config.url, statement_timeout: 600_000, options: '-c TimeZone=UTC', types: { getTypeParser: sourceTypeParser } });
  await client.connect();
  try {
    let n = 0;
    const query = source.config.query!.replace(WATERMARK, () => `$${++n}`);
    const params = Array.from({ length: n }, () => source.watermark);
    // A cursor inside a read-only transaction: the source's rows arrive 5,000 at a time.
    await client.query('begin read only');
    await client.query(`declare guanxi_source no scroll cursor for ${query}`, params);
    for (;;) {
      const { rows } = await client.query<Record<string, unknown>>('fetch 5000 from guanxi_source');
      for (const row of rows) await write(row);
      if (rows.length < 5000) break;
    }
    await client.query('commit');
  } finally {
    await client.end();
  }
}

async function readMysql(source: SourceRow, write: (row: Record<string, unknown>) => Promise<void>) {
  const mysql = await import('mysql2');
  const connection = mysql.createConnection({ uri: source.config.url!.replace(/^mariadb:/i, 'mysql:'), dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
  // A connection error with no listener is thrown out of the event loop and takes the server down
  // (a wrong password, a refused port, a dropped link): it ends this run instead.
  let stream: Readable | undefined;
  let broken: Error | undefined;
  connection.on('error', (error) => {
    broken = error;
    stream?.destroy(error);
  });
  try {
    await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
    let n = 0;
    const query = source.config.query!.replace(WATERMARK, () => {
      n++;
      return '?';
    });
    stream = connection.query(query, Array.from({ length: n }, () => source.watermark)).stream();
    for await (const row of stream) await write(row as Record<string, unknown>);
    if (broken) throw broken;
  } finally {
    connection.destroy();
  }
}
