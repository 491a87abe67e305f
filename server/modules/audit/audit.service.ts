import type { Queryable } from '#platform/db/db.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { auditRepository, type AuditEntry, type AuditFilter } from './audit.repository.ts';

/**
 * Records who did what, when, with the record before and after. Called inside the command's
 * own transaction, so a write and its audit entry commit together or not at all.
 */
export function recordAudit(tx: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  return auditRepository.insert(tx, actor, entry);
}

export function listAudit(db: Queryable, filter: AuditFilter) {
  return auditRepository.list(db, filter);
}
