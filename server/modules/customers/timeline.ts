import type { Db } from '#platform/db/db.ts';

export interface TimelineEntry {
  at: Date;
  /** Which module the entry comes from, e.g. 'activity', 'audit', 'ticket'. */
  source: string;
  kind: string;
  title: string;
  body?: string | null;
  actorName?: string | null;
  ref?: { entity: string; id: number | string };
}

/** A module's contribution to a customer's timeline: its newest entries before `before`. */
export type TimelineProvider = (db: Db, customerId: number, opts: { before: Date; limit: number }) => Promise<TimelineEntry[]>;

/**
 * The customer timeline is assembled from providers that modules register at start-up, so a new
 * module (tickets, campaigns, points…) adds its entries without editing the customers module.
 */
export class Timeline {
  private readonly providers = new Map<string, TimelineProvider>();

  register(name: string, provider: TimelineProvider): void {
    this.providers.set(name, provider);
  }

  async forCustomer(db: Db, customerId: number, opts: { before?: Date; limit: number }): Promise<TimelineEntry[]> {
    const before = opts.before ?? new Date(Date.now() + 60_000);
    const lists = await Promise.all([...this.providers.values()].map((p) => p(db, customerId, { before, limit: opts.limit })));
    return lists
      .flat()
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, opts.limit);
  }
}
