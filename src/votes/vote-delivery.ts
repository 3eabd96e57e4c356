/**
 * Delivers the vote outbox to ThreatCrowd: one replica per entry (a claim renewed while the request is in
 * flight), the direction re-read right before the request leaves, failed deliveries retried with backoff.
 */
import { CircuitOpenError, SendCancelledError } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';
import type { Coordination } from '../store/coordination.js';
import { type OutboxEntry, parseEntry, type VoteLedger } from './vote-ledger.js';

/**
 * Sends one vote upstream (the ThreatCrowd client's `vote`). `beforeSend` is called right before the request
 * leaves (after any wait in the limiter); when it answers false nothing is sent and the call rejects with
 * `SendCancelledError`.
 */
export type VoteSender = (value: string, malicious: boolean, options: { beforeSend: () => Promise<boolean> }) => Promise<void>;

export interface VoteDeliveryOptions {
  readonly ledger: VoteLedger;
  readonly coordination: Coordination;
  readonly send: VoteSender;
  readonly now: () => number;
  /** First retry delay; doubled per attempt, capped at 10 min. */
  readonly retryBaseMs: number;
  /** How long a delivery claim lasts between renewals (renewed every quarter of this). */
  readonly claimMs: number;
  readonly logger?: Logger | undefined;
  readonly onDelivered?: (() => void) | undefined;
  readonly upstreamAvailable?: (() => boolean) | undefined;
}

type Outcome = 'sent' | 'failed' | 'skipped' | 'paused';

export class VoteDelivery {
  private delivering: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private readonly ledger: VoteLedger;
  private readonly coordination: Coordination;

  constructor(private readonly options: VoteDeliveryOptions) {
    this.ledger = options.ledger;
    this.coordination = options.coordination;
  }

  /** True between `start` and `stop`: a newly cast vote then starts a run at once. */
  get started(): boolean {
    return this.timer !== null;
  }

  /** Delivers the outbox now and every `intervalMs` (also what a restarted process left behind). */
  start(intervalMs = 5000): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Starts a delivery run now (ThreatCrowd recovered, a vote was cast); a run in progress is shared. */
  kick(): void {
    if (this.stopping) return;
    this.deliverDue().catch((error: unknown) => this.options.logger?.error({ err: error }, 'vote outbox delivery failed'));
  }

  /**
   * Stops delivering: no new run, and a run in progress is waited for at most `waitMs` (its request may hang;
   * what is not settled stays in the durable outbox and its claim lapses).
   */
  async stop(waitMs = 2000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const running = this.delivering?.catch(() => 0);
    if (!running) return;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([running, new Promise((r) => (timeout = setTimeout(r, waitMs)))]);
    clearTimeout(timeout);
  }

  /** Delivers every due outbox entry once; resolves to how many were delivered. Concurrent calls share one run. */
  deliverDue(): Promise<number> {
    this.delivering ??= this.deliverOnce().finally(() => {
      this.delivering = null;
    });
    return this.delivering;
  }

  private async deliverOnce(): Promise<number> {
    let delivered = 0;
    for (const id of await this.ledger.ids()) {
      if (this.stopping || !(this.options.upstreamAvailable?.() ?? true)) break;
      const outcome = await this.deliverClaimed(parseEntry(id));
      if (outcome === 'sent') delivered++;
      if (outcome === 'paused') break; // the breaker opened: the rest wait for recovery
    }
    return delivered;
  }

  /** One replica delivers an entry: it claims it, renews the claim while the request is in flight, and releases only its own claim. */
  private async deliverClaimed(entry: OutboxEntry): Promise<Outcome> {
    const claim = `vote-delivery:${entry.id}`;
    if (!(await this.coordination.claim(claim, this.options.claimMs))) return 'skipped';
    const renewal = setInterval(
      () => {
        this.coordination
          .renew(claim, this.options.claimMs)
          .catch((error: unknown) => this.options.logger?.warn({ err: error }, 'could not renew a vote claim'));
      },
      Math.max(10, Math.floor(this.options.claimMs / 4)),
    );
    renewal.unref();
    try {
      return await this.deliver(entry, claim);
    } finally {
      clearInterval(renewal);
      await this.coordination.release(claim).catch(() => {});
    }
  }

  private async deliver(entry: OutboxEntry, claim: string): Promise<Outcome> {
    const due = await this.ledger.locked(entry.target, () => this.dueDirection(entry));
    if (due === null) {
      await this.ledger.locked(entry.target, () => this.ledger.dropIfStale(entry));
      return 'skipped';
    }
    // Re-read right before the request leaves: a replica that lost its claim, or a vote already settled, sends nothing.
    const beforeSend = async () =>
      (await this.coordination.holds(claim)) && (await this.ledger.locked(entry.target, () => this.dueDirection(entry))) === due;
    try {
      await this.options.send(entry.target.value, due, { beforeSend });
    } catch (error) {
      if (error instanceof CircuitOpenError) return 'paused';
      if (error instanceof SendCancelledError || this.stopping) return 'skipped';
      this.options.logger?.warn({ err: error, type: entry.target.type }, 'vote delivery failed; will retry');
      await this.settle(entry, due, false);
      return 'failed';
    }
    this.options.onDelivered?.();
    await this.settle(entry, due, true);
    return 'sent';
  }

  /** The direction to send now for this entry, or null when nothing is due. */
  private async dueDirection(entry: OutboxEntry): Promise<boolean | null> {
    const state = (await this.ledger.read(entry.target))[entry.who];
    return state && state.pending !== null && state.nextAttemptAt <= this.options.now() ? state.pending : null;
  }

  private settle(entry: OutboxEntry, sent: boolean, ok: boolean): Promise<void> {
    return this.ledger.locked(entry.target, async () => {
      const votes = await this.ledger.read(entry.target);
      const state = votes[entry.who];
      if (!state) return;
      if (ok) {
        state.delivered = sent;
        // The person may have switched again while this was in flight.
        state.pending = state.pending === sent || state.current === sent ? null : state.pending;
        if (state.current !== null && state.current !== sent && state.pending === null) state.pending = state.current;
        state.attempts = 0;
      } else {
        state.attempts++;
        state.nextAttemptAt = this.options.now() + Math.min(this.options.retryBaseMs * 2 ** (state.attempts - 1), 600_000);
      }
      await this.ledger.write(entry.target, votes, entry.id, state.pending !== null);
    });
  }
}
