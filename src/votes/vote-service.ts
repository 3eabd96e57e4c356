/**
 * The crowd vote service: one current vote per (platform, user, indicator), a durable outbox to ThreatCrowd,
 * and never a doubled vote. ThreatCrowd has no "unvote": a retraction is local only, and an upstream vote is
 * sent once per change of direction per person (repeated clicks in one direction send nothing more).
 */
import type Keyv from 'keyv';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Logger } from '../observability/logger.js';
import { type Coordination, LocalCoordination } from '../store/coordination.js';
import type { TeamTally } from '../summary/summary.js';
import { VoteDelivery, type VoteSender } from './vote-delivery.js';
import { entryId, VoteLedger, type VoterState, voterKey } from './vote-ledger.js';

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

const fresh = (): VoterState => ({ current: null, delivered: null, pending: null, attempts: 0, nextAttemptAt: 0 });

export class VoteService {
  private readonly ledger: VoteLedger;
  private readonly forward: boolean;
  private readonly delivery: VoteDelivery;

  constructor(private readonly options: VoteServiceOptions) {
    this.forward = options.forward ?? true;
    const coordination = options.coordination ?? new LocalCoordination();
    this.ledger = new VoteLedger(options.ledger, coordination);
    this.delivery = new VoteDelivery({
      ledger: this.ledger,
      coordination,
      send: options.send,
      now: options.now ?? Date.now,
      retryBaseMs: options.retryBaseMs ?? 5000,
      claimMs: options.deliveryClaimMs ?? 60_000,
      logger: options.logger,
      onDelivered: options.onDelivered,
      upstreamAvailable: options.upstreamAvailable,
    });
  }

  /** Records a vote; resolves once it is counted and (when forwarded) queued, in one write. */
  cast(vote: CastVote): Promise<{ changed: boolean }> {
    return this.ledger.locked(vote.target, async () => {
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
      if (state.pending !== null && this.delivery.started) queueMicrotask(() => this.kick());
      return { changed: true };
    });
  }

  /** Clears the person's current vote locally if it is in direction `malicious`. Nothing goes upstream. */
  retract(vote: Omit<CastVote, 'source'>): Promise<{ changed: boolean }> {
    return this.ledger.locked(vote.target, async () => {
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

  /** Delivers the outbox now and every `intervalMs` (also what a restarted process left behind). */
  start(intervalMs = 5000): void {
    this.delivery.start(intervalMs);
  }

  /** Starts a delivery run now (ThreatCrowd recovered, a vote was cast); a run in progress is shared. */
  kick(): void {
    this.delivery.kick();
  }

  /** Stops delivering; a run in progress is waited for at most `waitMs` (what is not settled stays in the outbox). */
  stop(waitMs = 2000): Promise<void> {
    return this.delivery.stop(waitMs);
  }

  /** Delivers every due outbox entry once; resolves to how many were delivered. Concurrent calls share one run. */
  deliverDue(): Promise<number> {
    return this.delivery.deliverDue();
  }
}
