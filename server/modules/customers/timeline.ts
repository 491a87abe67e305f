import type { Db } from '#platform/db/db.ts';
import { invalidField } from '#platform/errors.ts';

export interface TimelineEntry {
  at: Date;
  /** Which module the entry comes from, e.g. 'activity', 'audit', 'ticket'. */
  source: string;
  kind: string;
  title: string;
  /** The title in English where it has one of its own (a tag's English name); `title` is the Chinese. */
  titleEn?: string | null;
  body?: string | null;
  actorName?: string | null;
  ref?: { entity: string; id: number | string };
}

/**
 * A module's contribution to a customer's timeline: its newest entries (at most `limit`) that come
 * strictly before (before, beforeId) in the order (time to the millisecond, then id), newest first.
 * `beforeId` is Number.MAX_SAFE_INTEGER on the first page, so every entry up to `before` counts.
 */
export type TimelineProvider = (db: Db, customerId: number, opts: { before: Date; beforeId: number; limit: number }) => Promise<TimelineEntry[]>;

/** Where a page ends: the last entry's time, source and id. */
interface Cursor {
  at: number;
  source: string;
  id: number;
}

const idOf = (e: TimelineEntry) => Number(e.ref?.id ?? 0);
/** Time, then source, then id, all descending: equal timestamps still page exactly. */
const newerFirst = (a: TimelineEntry, b: TimelineEntry) =>
  b.at.getTime() - a.at.getTime() || (b.source < a.source ? -1 : b.source > a.source ? 1 : idOf(b) - idOf(a));

/**
 * The customer timeline is assembled from providers that modules register at start-up, so a new
 * module (tickets, campaigns, points…) adds its entries without editing the customers module.
 */
export class Timeline {
  private readonly providers = new Map<string, TimelineProvider>();

  /** `source` names the entries the provider returns (their `source` field). */
  register(source: string, provider: TimelineProvider): void {
    this.providers.set(source, provider);
  }

  async forCustomer(db: Db, customerId: number, opts: { cursor?: string; limit: number }) {
    const cursor = opts.cursor ? decode(opts.cursor) : undefined;
    const before = new Date(cursor ? cursor.at : Date.now() + 60_000);
    // At the cursor's own millisecond, sources ordered after the cursor's have all their entries
    // still to come, the cursor's source those below its id, sources before it none.
    const beforeIdFor = (source: string) =>
      !cursor || source < cursor.source ? Number.MAX_SAFE_INTEGER : source === cursor.source ? cursor.id : 0;
    const lists = await Promise.all(
      [...this.providers.entries()].map(([source, p]) => p(db, customerId, { before, beforeId: beforeIdFor(source), limit: opts.limit + 1 })),
    );
    const all = lists.flat().sort(newerFirst);
    const items = all.slice(0, opts.limit);
    const last = items[items.length - 1];
    const nextCursor = last && all.length > opts.limit ? encode({ at: last.at.getTime(), source: last.source, id: idOf(last) }) : null;
    return { items, nextCursor };
  }
}

function encode(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.source, c.id])).toString('base64url');
}

function decode(cursor: string): Cursor {
  try {
    const [at, source, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) throw new Error();
    if (typeof source !== 'string' || source.length > 50 || typeof id !== 'number' || !Number.isSafeInteger(id)) throw new Error();
    return { at, source, id };
  } catch {
    throw invalidField('querystring.cursor', 'field.cursor');
  }
}
