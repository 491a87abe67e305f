import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '#platform/db/db.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { AppError, invalidField } from '#platform/errors.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import { loadActor } from './actor.service.ts';
import { sessionsRepository, tokensRepository, usersRepository } from './identity.repository.ts';
import { dummyPasswordHash, hashPassword, isStrongPassword, verifyPassword } from './passwords.ts';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export interface AuthSettings {
  sessionTtlHours: number;
  maxFailures: number;
  lockMinutes: number;
}

const ACTOR_TTL_MS = 3_000;

/** Sign-in attempts per client address per minute, on top of the per-account lockout. */
const IP_ATTEMPTS_PER_MINUTE = 20;

/**
 * Sign-in, sessions and API tokens. Sessions are opaque random tokens in an HttpOnly cookie;
 * only their SHA-256 is stored. Each session has its own CSRF token for unsafe requests.
 */
export class AuthService {
  private readonly attempts = new Map<string, { count: number; since: number }>();
  /**
   * Actors by user and user version, kept a few seconds: a request then costs one query (the
   * session joined to its user) instead of five. A change to the user row changes the key at
   * once; role and org-tree edits reach running sessions within ACTOR_TTL_MS.
   */
  private readonly actors = new Map<string, { actor: Actor; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly settings: AuthSettings,
  ) {}

  async login(input: { username: string; password: string; ip: string; userAgent: string | null }) {
    this.throttle(input.ip);
    const user = await usersRepository.byUsername(this.db, input.username.trim());
    if (!user) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      throw new AppError('UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'auth.invalid_credentials');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new AppError('LOCKED', 'ACCOUNT_LOCKED', 'auth.locked', {
        params: { until: user.lockedUntil.toISOString() },
        extra: { lockedUntil: user.lockedUntil.toISOString() },
      });
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      const after = await usersRepository.recordFailure(this.db, user.id, this.settings.maxFailures, this.settings.lockMinutes);
      if (after?.lockedUntil && after.lockedUntil > new Date()) {
        throw new AppError('LOCKED', 'ACCOUNT_LOCKED', 'auth.locked', {
          params: { until: after.lockedUntil.toISOString() },
          extra: { lockedUntil: after.lockedUntil.toISOString() },
        });
      }
      throw new AppError('UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'auth.invalid_credentials');
    }
    if (user.status !== 'active') throw new AppError('FORBIDDEN', 'ACCOUNT_DISABLED', 'auth.disabled');

    const token = randomToken();
    const csrfToken = randomToken(24);
    const expiresAt = new Date(Date.now() + this.settings.sessionTtlHours * 3_600_000);
    const actor = await loadActor(this.db, user);
    await this.db.transaction(async (tx) => {
      await usersRepository.recordSuccess(tx, user.id);
      await sessionsRepository.insert(tx, { id: sha256(token), userId: user.id, csrfToken, expiresAt, ip: input.ip, userAgent: input.userAgent });
      await recordAudit(tx, { ...actor, ip: input.ip }, { action: 'login', entity: 'user', entityId: user.id });
    });
    return { token, csrfToken, expiresAt, actor, mustChangePassword: user.mustChangePassword };
  }

  /** The actor and CSRF token of a live session, or undefined. */
  async fromSession(token: string): Promise<{ actor: Actor; csrfToken: string; sessionId: string } | undefined> {
    const session = await sessionsRepository.byId(this.db, sha256(token));
    if (!session || session.userStatus !== 'active') return undefined;
    const key = `${session.userId}:${session.userUpdatedAt.getTime()}`;
    const cached = this.actors.get(key);
    if (cached && Date.now() - cached.at < ACTOR_TTL_MS) return { actor: cached.actor, csrfToken: session.csrfToken, sessionId: session.id };
    const user = await usersRepository.byId(this.db, session.userId);
    if (!user || user.status !== 'active') return undefined;
    const actor = await loadActor(this.db, user);
    if (this.actors.size > 10_000) this.actors.clear();
    this.actors.set(key, { actor, at: Date.now() });
    return { actor, csrfToken: session.csrfToken, sessionId: session.id };
  }

  /** Drops cached actors: called when a role or the org tree changes, which user versions do not show. */
  forgetActors(): void {
    this.actors.clear();
  }

  async fromApiToken(token: string): Promise<Actor | undefined> {
    const row = await tokensRepository.use(this.db, sha256(token));
    if (!row) return undefined;
    const user = await usersRepository.byId(this.db, row.userId);
    if (!user || user.status !== 'active') return undefined;
    return { ...(await loadActor(this.db, user, 'token')), tokenId: row.id };
  }

  async logout(sessionId: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await sessionsRepository.delete(tx, sessionId);
      await recordAudit(tx, actor, { action: 'logout', entity: 'user', entityId: actor.userId });
    });
  }

  async changePassword(actor: Actor, sessionId: string | undefined, current: string, next: string): Promise<void> {
    const user = actor.userId === null ? undefined : await usersRepository.byId(this.db, actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'UNAUTHENTICATED', 'problem.unauthenticated');
    if (!(await verifyPassword(user.passwordHash, current))) throw invalidField('body.currentPassword', 'field.password_wrong');
    if (!isStrongPassword(next)) throw invalidField('body.newPassword', 'field.password_weak');
    const hash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await usersRepository.setPassword(tx, user.id, hash, false);
      // Other devices signed in with the old password are signed out.
      await sessionsRepository.deleteForUser(tx, user.id, sessionId);
      await recordAudit(tx, actor, { action: 'password_change', entity: 'user', entityId: user.id });
    });
  }

  /** Creates an API token acting as the given user; the clear token is returned once and never stored. */
  async createApiToken(actor: Actor, input: { name: string; userId: number; expiresAt: Date | null }) {
    const token = `gx_${randomToken()}`;
    return this.db.transaction(async (tx) => {
      const row = await tokensRepository.insert(tx, {
        name: input.name,
        userId: input.userId,
        hash: sha256(token),
        prefix: token.slice(0, 10),
        createdBy: actor.userId,
        expiresAt: input.expiresAt,
      });
      await recordAudit(tx, actor, { action: 'create', entity: 'api_token', entityId: row.id, after: { ...row } });
      return { ...row, token };
    });
  }

  private throttle(ip: string): void {
    const now = Date.now();
    const entry = this.attempts.get(ip);
    if (!entry || now - entry.since > 60_000) {
      this.attempts.set(ip, { count: 1, since: now });
      if (this.attempts.size > 10_000) this.attempts.clear();
      return;
    }
    entry.count += 1;
    if (entry.count > IP_ATTEMPTS_PER_MINUTE) {
      throw new AppError('RATE_LIMITED', 'LOGIN_RATE_LIMITED', 'auth.rate_limited', { headers: { 'retry-after': '60' } });
    }
  }
}
