/** Who a request is for and how urgent it is; a queued request can be promoted when a person asks for the same thing. */

export type Priority = 'interactive' | 'vote' | 'bulk' | 'passive';

/** Lower runs first. */
export const PRIORITY_RANK: Record<Priority, number> = { interactive: 0, vote: 1, bulk: 2, passive: 3 };

export class Ticket {
  private readonly listeners = new Set<() => void>();

  constructor(
    public priority: Priority,
    /** Whose request this is (a person, or a channel for automatic lookups): the queue serves owners in turn. */
    public owner = '',
  ) {}

  /** Raises the priority (never lowers it) and hands the request to `owner`; queued requests move at once. */
  promote(priority: Priority, owner: string): void {
    if (PRIORITY_RANK[priority] >= PRIORITY_RANK[this.priority]) return;
    this.priority = priority;
    this.owner = owner;
    for (const listener of [...this.listeners]) listener();
  }

  /** Calls `listener` on each promotion; returns the unsubscribe function. */
  onPromote(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A priority or a ticket, as `schedule` takes it. */
export type Demand = Priority | Ticket;

export function ticketOf(demand: Demand | undefined, fallback: Priority): Ticket {
  if (demand instanceof Ticket) return demand;
  return new Ticket(demand ?? fallback);
}
