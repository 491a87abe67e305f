import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Cron } from 'croner';
import type { Db } from '#platform/db/db.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { AppError, notFound } from '#platform/errors.ts';
import { backupDatabase, BackupError, inspectBackup, restoreDatabase, type BackupManifest } from '#platform/db/backup.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';

export interface BackupItem {
  name: string;
  bytes: number;
  createdAt: Date;
  /** Who made it: a user's name, 'schedule', or null for a file put in the folder by hand. */
  createdBy: string | null;
  rows: number | null;
  tables: number | null;
  fileSha256: string | null;
  engine: string | null;
}

const NAME = /^[\w.-]{1,200}\.gz$/;
const SCHEDULED_PREFIX = 'guanxi-auto-';
/** China Standard Time: UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * The time part of a backup's name, YYYYMMDD-HHMMSS in China time: the Backups page shows times in
 * China time, so a file made at 00:30 on the 24th is named for the 24th, whatever the server's clock.
 */
export function chinaTimeStamp(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Backups kept in one folder on the server: made on demand or on a schedule, listed with what
 * each holds (a small manifest file beside each), downloaded, checked, restored and pruned.
 */
export class BackupsService {
  private running: string | null = null;
  private job: Cron | undefined;

  constructor(
    private readonly db: Db,
    readonly dir: string,
    /** Called after a restore replaced the data: in-memory caches must forget what they hold. */
    private readonly onRestored: () => void,
  ) {}

  /** The folder as an absolute path: what an administrator needs to find the files on the server. */
  get folder(): string {
    return resolve(this.dir);
  }

  async list(): Promise<BackupItem[]> {
    if (!existsSync(this.dir)) return [];
    const items: BackupItem[] = [];
    for (const name of await readdir(this.dir)) {
      if (!NAME.test(name)) continue;
      const info = await stat(join(this.dir, name));
      const manifest = await this.manifestOf(name);
      items.push({
        name,
        bytes: info.size,
        createdAt: manifest ? new Date(manifest.createdAt) : info.mtime,
        createdBy: manifest?.createdBy ?? null,
        rows: manifest ? manifest.tables.reduce((n, t) => n + t.rows, 0) : null,
        tables: manifest ? manifest.tables.length : null,
        fileSha256: manifest?.fileSha256 ?? null,
        engine: manifest?.engine ?? null,
      });
    }
    return items.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  /** Makes a backup now; one at a time per server. */
  async create(actor: Actor | null): Promise<BackupItem> {
    if (this.running) throw new AppError('CONFLICT', 'BACKUP_RUNNING', 'backup.running', { params: { name: this.running } });
    const stamp = chinaTimeStamp(new Date());
    // Two backups in the same second get distinct names rather than one overwriting the other.
    let name = `${actor ? 'guanxi-' : SCHEDULED_PREFIX}${stamp}.gz`;
    for (let n = 2; existsSync(join(this.dir, name)); n++) name = `${actor ? 'guanxi-' : SCHEDULED_PREFIX}${stamp}-${n}.gz`;
    this.running = name;
    try {
      await mkdir(this.dir, { recursive: true });
      const manifest = await backupDatabase(this.db, join(this.dir, name));
      const createdBy = actor ? actor.displayName || actor.username : 'schedule';
      await writeFile(join(this.dir, `${name}.json`), JSON.stringify({ ...manifest, createdBy }, null, 1));
      if (actor) await recordAudit(this.db, actor, { action: 'create', entity: 'backup', entityId: name, after: { rows: manifest.tables.reduce((n, t) => n + t.rows, 0), bytes: manifest.bytes } });
      return (await this.list()).find((b) => b.name === name)!;
    } finally {
      this.running = null;
    }
  }

  /** The file to send; downloading the whole database is recorded like any other access. */
  async fileFor(actor: Actor, name: string): Promise<string> {
    const file = await this.existing(name);
    await recordAudit(this.db, actor, { action: 'download', entity: 'backup', entityId: name });
    return file;
  }

  async remove(actor: Actor, name: string): Promise<void> {
    const file = await this.existing(name);
    await rm(file);
    await rm(`${file}.json`, { force: true });
    await recordAudit(this.db, actor, { action: 'delete', entity: 'backup', entityId: name });
  }

  /** Reads the whole file and checks every table's checksum, without touching the database. */
  async verify(name: string) {
    const report = await inspectBackup(await this.existing(name));
    const manifest = await this.manifestOf(name);
    // A file that does not hash as it did when written was changed or damaged since.
    const sameFile = manifest?.fileSha256 ? manifest.fileSha256 === report.fileSha256 : null;
    return { ...report, ok: report.ok && sameFile !== false, sameFile };
  }

  /**
   * Replaces all data with the backup's, in one transaction: on any failure nothing changes.
   * The audit log keeps its newer entries. Sessions come back as they were in the backup, so
   * the people signed in now may have to sign in again.
   */
  async restore(actor: Actor, name: string) {
    const file = await this.existing(name);
    if (this.running) throw new AppError('CONFLICT', 'BACKUP_RUNNING', 'backup.running', { params: { name: this.running } });
    this.running = name;
    try {
      const result = await restoreDatabase(this.db, file, { replace: true, keepRowsOf: ['audit_log'] });
      this.onRestored();
      await recordAudit(this.db, actor, { action: 'restore', entity: 'backup', entityId: name, after: { rows: result.rows } });
      return { rows: result.rows, tables: result.tables.length };
    } catch (error) {
      if (error instanceof BackupError) throw new AppError('CONFLICT', `BACKUP_${error.code.toUpperCase()}`, `backup.${error.code}`, { params: error.detail });
      throw error;
    } finally {
      this.running = null;
    }
  }

  /**
   * Scheduled backups: on `cron` read on the clock of `timeZone` (China time unless told otherwise, as
   * the backups' names are), keeping the newest `keep` of them (backups made by hand are never pruned).
   */
  start(cron: string, keep: number, onError: (error: unknown) => void, timeZone = 'Asia/Shanghai'): void {
    this.job = new Cron(cron, { protect: true, timezone: timeZone }, async () => {
      try {
        await this.create(null);
        const scheduled = (await this.list()).filter((b) => b.name.startsWith(SCHEDULED_PREFIX));
        for (const old of scheduled.slice(keep)) {
          await rm(join(this.dir, old.name), { force: true });
          await rm(join(this.dir, `${old.name}.json`), { force: true });
        }
      } catch (error) {
        onError(error);
      }
    });
  }

  stop(): void {
    this.job?.stop();
  }

  nextScheduledRun(): Date | null {
    return this.job?.nextRun() ?? null;
  }

  private async existing(name: string): Promise<string> {
    const file = join(this.dir, name);
    if (!NAME.test(name) || !existsSync(file)) throw notFound('BACKUP_NOT_FOUND', 'backup.not_found');
    return file;
  }

  private async manifestOf(name: string): Promise<(BackupManifest & { createdBy?: string }) | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, `${name}.json`), 'utf8')) as BackupManifest & { createdBy?: string };
    } catch {
      return undefined;
    }
  }
}
