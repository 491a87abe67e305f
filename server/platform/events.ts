/**
 * The in-process event bus: a module announces what changed after its transaction committed,
 * and other modules react (rule tags recompute, later segments, campaigns and points) without the
 * announcing module knowing them. Handlers run after the caller's answer is on its way; their
 * failures are reported, never thrown back at the caller.
 */
export interface DomainEvents {
  /** Customers created, edited, merged, restored, deleted or loaded by an import ('all': too many to list). */
  'customers.changed': { customerIds: number[] | 'all' };
  /** Holdings or transactions of these customers were added or changed. */
  'business.changed': { customerIds: number[] | 'all' };
}

type Handler<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => Promise<void> | void;

export class EventBus {
  private readonly handlers = new Map<keyof DomainEvents, Handler<never>[]>();
  private pending = new Set<Promise<void>>();

  /** Where handlers' failures go; the application points it at its logger. */
  constructor(public onError: (error: unknown, event: string) => void = () => undefined) {}

  on<K extends keyof DomainEvents>(event: K, handler: Handler<K>): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler as Handler<never>]);
  }

  emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
    for (const handler of this.handlers.get(event) ?? []) {
      const run = (async () => (handler as Handler<K>)(payload))()
        .catch((error: unknown) => this.onError(error, event))
        .finally(() => this.pending.delete(run));
      this.pending.add(run);
    }
  }

  /** Resolves when every handler started so far has finished (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
