/**
 * The waiting requests, by priority, and within a priority by owner, served in turn (round-robin): one
 * person's backlog never puts another person's single request behind it. Votes get at least one turn in
 * every `VOTE_TURN` while they wait, so a steady stream of lookups never starves them.
 */
import { PRIORITY_RANK, type Priority, type Ticket } from './ticket.js';

export interface QueueEntry {
  readonly ticket: Ticket;
  readonly queuedAt: number;
  /** Called when the entry's turn comes. */
  readonly go: () => void;
  /** Called when the entry is dropped (the limiter stopped). */
  readonly drop: (error: Error) => void;
}

const PRIORITIES = Object.keys(PRIORITY_RANK) as Priority[];
const VOTE_TURN = 4;

export class FairQueue {
  private readonly lanes: Record<Priority, Map<string, QueueEntry[]>> = {
    interactive: new Map(),
    vote: new Map(),
    bulk: new Map(),
    passive: new Map(),
  };
  private readonly counts: Record<Priority, number> = { interactive: 0, vote: 0, bulk: 0, passive: 0 };
  private turnsWithoutVote = 0;

  push(entry: QueueEntry): void {
    const { priority, owner } = entry.ticket;
    const lane = this.lanes[priority];
    const line = lane.get(owner);
    if (line) line.push(entry);
    else lane.set(owner, [entry]);
    this.counts[priority]++;
  }

  /** Takes `entry` out wherever it waits under `priority` and `owner`; false when it is not there. */
  remove(entry: QueueEntry, priority: Priority, owner: string): boolean {
    const line = this.lanes[priority].get(owner);
    const index = line?.indexOf(entry) ?? -1;
    if (!line || index < 0) return false;
    line.splice(index, 1);
    if (line.length === 0) this.lanes[priority].delete(owner);
    this.counts[priority]--;
    return true;
  }

  /** The next entry to run, or undefined when nothing waits. */
  next(): QueueEntry | undefined {
    const voteDue = this.counts.vote > 0 && this.turnsWithoutVote >= VOTE_TURN - 1;
    const priority = voteDue ? 'vote' : PRIORITIES.find((p) => this.counts[p] > 0);
    if (!priority) return undefined;
    this.turnsWithoutVote = priority === 'vote' || this.counts.vote === 0 ? 0 : this.turnsWithoutVote + 1;
    const lane = this.lanes[priority];
    const [owner, line] = lane.entries().next().value as [string, QueueEntry[]];
    const entry = line.shift() as QueueEntry;
    lane.delete(owner);
    if (line.length > 0) lane.set(owner, line); // to the back of the round
    this.counts[priority]--;
    return entry;
  }

  size(priority?: Priority): number {
    return priority ? this.counts[priority] : this.counts.interactive + this.counts.vote + this.counts.bulk + this.counts.passive;
  }

  /** How many would run before a new entry of `priority` for `owner`: every higher lane, and one round of this lane per turn. */
  ahead(priority: Priority, owner: string): number {
    let ahead = 0;
    for (const p of PRIORITIES) if (PRIORITY_RANK[p] < PRIORITY_RANK[priority]) ahead += this.counts[p];
    const lane = this.lanes[priority];
    const mine = lane.get(owner)?.length ?? 0;
    for (const [who, line] of lane) ahead += who === owner ? mine : Math.min(line.length, mine + 1);
    return ahead;
  }

  /** Empties the queue, dropping every entry with `error`. */
  drain(error: Error): void {
    for (const p of PRIORITIES) {
      for (const line of this.lanes[p].values()) for (const entry of line) entry.drop(error);
      this.lanes[p].clear();
      this.counts[p] = 0;
    }
  }
}
