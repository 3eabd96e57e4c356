/**
 * The crowd vote service: one current vote per (platform, user, indicator), a durable outbox to ThreatCrowd,
 * and never a doubled vote. ThreatCrowd has no "unvote": a retraction is local only, and an upstream vote is
 * sent once per change of direction per person (repeated clicks in one direction send nothing more).
 */
import type Keyv from 'keyv';
import { CircuitOpenError, SendCancelledError } from '../errors/index.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Logger } from '../observability/logger.js';
import { type Coordination, LocalCoordination } from '../store/coordination.js';
import type { TeamTally } from '../summary/summary.js';
import { entryId, indicatorKey, type OutboxEntry, parseEntry, VoteLedger, type VoterState, voterKey } from './vote-ledger.js';

/**
 * Sends one vote upstream (the ThreatCrowd client's `vote`). `beforeSend` is called right before the request
 * leaves (after any wait in the limiter); when it answers false nothing is sent and the call rejects with
 * `SendCancelledError`.
 */
export type VoteSender = (value: string, malicious: boolean, options: { beforeSend: () => Promise<boolean> }) => Promise<void>;

export interface VoteServiceOptions {
  readonly ledger: Keyv;
  readonly send: VoteSender;
  /** Forward votes to ThreatCrowd. @default true */
  readonly forward?: boolean;
  readonly logger?: Logger;
  readonly now?: () => number;
  /** First retry delay for a failed delivery; doubled per attempt, capped at 10 min. @default 5000 */
  readonly retryBaseMs?: number;
  /** Metrics hooks. */
  readonly onCast?: (malicious: boolean) => void;
  readonly onDelivered?: () => void;
  /** Locks and claims shared with other replicas. @default in-process */
  readonly coordination?: Coordination;
  /** How long a delivery claim lasts between renewals; it is renewed every quarter of this while the delivery runs. @default 60000 */
  readonly deliveryClaimMs?: number;
  /** False while ThreatCrowd's circuit breaker is open: then no vote request is made and votes wait. @default always true */
  readonly upstreamAvailable?: () => boolean;
}

export interface CastVote {
  readonly platform: string;
  readonly userId: string;
  readonly target: LookupTarget;
  readonly malicious: boolean;
  readonly source?: string;
}

type Outcome = 'sent' | 'failed' | 'skipped' | 'paused';

const fresh = (): VoterState => ({ current: null, delivered: null, pending: null, attempts: 0, nextAttemptAt: 0 });

export class VoteService {
  private readonly coordination: Coordination;
  private readonly ledger: VoteLedger;
  private readonly forward: boolean;
  private readonly now: () => number;
  private readonly retryBaseMs: number;
  private readonly claimMs: number;
  private delivering: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private readonly options: VoteServiceOptions) {
    this.forward = options.forward ?? true;
    this.now = options.now ?? Date.now;
    this.retryBaseMs = options.retryBaseMs ?? 5000;
    this.claimMs = options.deliveryClaimMs ?? 60_000;
    this.coordination = options.coordination ?? new LocalCoordination();
    this.ledger = new VoteLedger(options.ledger, this.coordination);
  }

  /** Read-modify-write steps on one indicator's votes never interleave, here or across replicas. */
  private locked<T>(target: LookupTarget, work: () => Promise<T>): Promise<T> {
    return this.coordination.withLock(indicatorKey(target), work);
  }

  /** Records a vote; resolves once it is counted and (when forwarded) queued, in one write. */
  cast(vote: CastVote): Promise<{ changed: boolean }> {
    return this.locked(vote.target, async () => {
      const votes = await this.ledger.read(vote.target);
      const who = voterKey(vote.platform, vote.userId);
      const state = votes[who] ?? fresh();
      if (state.current === vote.malicious) return { changed: false };
      state.current = vote.malicious;
      if (this.forward) {
        state.pending = vote.malicious === state.delivered ? null : vote.malicious;
        state.attempts = 0;
        state.nextAttemptAt = 0;
      }
      votes[who] = state;
      await this.ledger.write(vote.target, votes, entryId(who, vote.target), state.pending !== null);
      this.options.onCast?.(vote.malicious);
      if (state.pending !== null && this.timer) queueMicrotask(() => this.kick());
      return { changed: true };
    });
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

  /** Clears the person's current vote locally if it is in direction `malicious`. Nothing goes upstream. */
  retract(vote: Omit<CastVote, 'source'>): Promise<{ changed: boolean }> {
    return this.locked(vote.target, async () => {
      const votes = await this.ledger.read(vote.target);
      const who = voterKey(vote.platform, vote.userId);
      const state = votes[who];
      if (!state || state.current !== vote.malicious) return { changed: false };
      state.current = null;
      await this.ledger.write(vote.target, votes, entryId(who, vote.target), state.pending !== null);
      return { changed: true };
    });
  }

  /** The team's current votes on `target`. */
  async tally(target: LookupTarget): Promise<TeamTally> {
    let malicious = 0;
    let safe = 0;
    for (const state of Object.values(await this.ledger.read(target))) {
      if (state.current === true) malicious++;
      else if (state.current === false) safe++;
    }
    return { malicious, safe };
  }

  /** Votes waiting to be delivered. */
  pending(): Promise<number> {
    return this.ledger.pendingCount();
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
    if (!(await this.coordination.claim(claim, this.claimMs))) return 'skipped';
    const renewal = setInterval(
      () => {
        this.coordination
          .renew(claim, this.claimMs)
          .catch((error: unknown) => this.options.logger?.warn({ err: error }, 'could not renew a vote claim'));
      },
      Math.max(10, Math.floor(this.claimMs / 4)),
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
    const due = await this.locked(entry.target, () => this.dueDirection(entry));
    if (due === null) {
      await this.locked(entry.target, () => this.ledger.dropIfStale(entry));
      return 'skipped';
    }
    // Re-read right before the request leaves: a replica that lost its claim, or a vote already settled, sends nothing.
    const beforeSend = async () =>
      (await this.coordination.holds(claim)) && (await this.locked(entry.target, () => this.dueDirection(entry))) === due;
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
    return state && state.pending !== null && state.nextAttemptAt <= this.now() ? state.pending : null;
  }

  private settle(entry: OutboxEntry, sent: boolean, ok: boolean): Promise<void> {
    return this.locked(entry.target, async () => {
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
        state.nextAttemptAt = this.now() + Math.min(this.retryBaseMs * 2 ** (state.attempts - 1), 600_000);
      }
      await this.ledger.write(entry.target, votes, entry.id, state.pending !== null);
    });
  }
}
