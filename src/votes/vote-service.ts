/**
 * The crowd vote service: one current vote per (platform, user, indicator), a durable outbox to ThreatCrowd,
 * and never a doubled vote. ThreatCrowd has no "unvote": a retraction is local only, and an upstream vote is
 * sent once per change of direction per person (repeated clicks in one direction send nothing more).
 */
import type Keyv from 'keyv';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Logger } from '../runtime/logger.js';
import { type Coordination, LocalCoordination } from '../store/coordination.js';
import type { TeamTally } from '../summary/summary.js';

/** Sends one vote upstream (the ThreatCrowd client's `vote`). */
export type VoteSender = (value: string, malicious: boolean) => Promise<void>;

interface VoterState {
  /** The person's current vote, null once retracted. */
  current: boolean | null;
  /** What ThreatCrowd already has from this person, null if nothing yet. */
  delivered: boolean | null;
  /** What waits in the outbox, null if nothing. */
  pending: boolean | null;
  attempts: number;
  nextAttemptAt: number;
}

type IndicatorVotes = Record<string, VoterState>;

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
  /** How long one replica owns an outbox entry it is delivering (then another may retry it). @default 60000 */
  readonly deliveryClaimMs?: number;
}

export interface CastVote {
  readonly platform: string;
  readonly userId: string;
  readonly target: LookupTarget;
  readonly malicious: boolean;
  readonly source?: string;
}

const OUTBOX = 'outbox';
const indicatorKey = (t: LookupTarget) => `votes:${t.type}:${t.value}`;
const voterKey = (platform: string, userId: string) => `${platform}:${userId}`;

export class VoteService {
  private readonly coordination: Coordination;
  private readonly forward: boolean;
  private readonly now: () => number;
  private readonly retryBaseMs: number;
  private delivering: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: VoteServiceOptions) {
    this.forward = options.forward ?? true;
    this.now = options.now ?? Date.now;
    this.retryBaseMs = options.retryBaseMs ?? 5000;
    this.coordination = options.coordination ?? new LocalCoordination();
  }

  /** Read-modify-write steps on one indicator's votes never interleave, here or across replicas. */
  private locked<T>(target: LookupTarget, work: () => Promise<T>): Promise<T> {
    return this.coordination.withLock(indicatorKey(target), work);
  }

  /** Records a vote; resolves once the ledger and the outbox are persisted. */
  cast(vote: CastVote): Promise<{ changed: boolean }> {
    return this.locked(vote.target, async () => {
      const votes = await this.read(vote.target);
      const who = voterKey(vote.platform, vote.userId);
      const state = votes[who] ?? { current: null, delivered: null, pending: null, attempts: 0, nextAttemptAt: 0 };
      if (state.current === vote.malicious) return { changed: false };
      state.current = vote.malicious;
      let outboxChanged = false;
      if (this.forward) {
        const hadPending = state.pending !== null;
        state.pending = vote.malicious === state.delivered ? null : vote.malicious;
        state.attempts = 0;
        state.nextAttemptAt = 0;
        outboxChanged = hadPending !== (state.pending !== null);
      }
      votes[who] = state;
      await this.options.ledger.set(indicatorKey(vote.target), votes);
      if (outboxChanged) await this.updateOutbox(`${who}|${vote.target.type}|${vote.target.value}`, state.pending !== null);
      this.options.onCast?.(vote.malicious);
      if (state.pending !== null && this.timer) queueMicrotask(() => this.kick());
      return { changed: true };
    });
  }

  /** Delivers the outbox now and every `intervalMs` (also what a restarted process left behind). */
  start(intervalMs = 5000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  private kick(): void {
    this.deliverDue().catch((error: unknown) => this.options.logger?.error({ err: error }, 'vote outbox delivery failed'));
  }

  /** Stops the timer and waits for a delivery in progress; what is left stays in the durable outbox. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.delivering?.catch(() => {});
  }

  /** Clears the person's current vote locally if it is in direction `malicious`. Nothing goes upstream. */
  retract(vote: Omit<CastVote, 'source'>): Promise<{ changed: boolean }> {
    return this.locked(vote.target, async () => {
      const votes = await this.read(vote.target);
      const state = votes[voterKey(vote.platform, vote.userId)];
      if (!state || state.current !== vote.malicious) return { changed: false };
      state.current = null;
      await this.options.ledger.set(indicatorKey(vote.target), votes);
      return { changed: true };
    });
  }

  /** The team's current votes on `target`. */
  async tally(target: LookupTarget): Promise<TeamTally> {
    const votes = await this.read(target);
    let malicious = 0;
    let safe = 0;
    for (const state of Object.values(votes)) {
      if (state.current === true) malicious++;
      else if (state.current === false) safe++;
    }
    return { malicious, safe };
  }

  /** Votes waiting to be delivered. */
  async pending(): Promise<number> {
    return ((await this.options.ledger.get(OUTBOX)) as string[] | undefined)?.length ?? 0;
  }

  /** Delivers every due outbox entry once; resolves to how many were delivered. Concurrent calls share one run. */
  deliverDue(): Promise<number> {
    this.delivering ??= this.deliverOnce().finally(() => {
      this.delivering = null;
    });
    return this.delivering;
  }

  private async deliverOnce(): Promise<number> {
    const ids = ((await this.options.ledger.get(OUTBOX)) as string[] | undefined) ?? [];
    let delivered = 0;
    for (const id of ids) {
      const [who = '', type = '', ...rest] = id.split('|');
      const target = { type, value: rest.join('|') } as LookupTarget;
      // One replica at a time delivers an entry; if it dies, its claim lapses and another retries.
      const claim = `vote-delivery:${id}`;
      if (!(await this.coordination.claim(claim, this.options.deliveryClaimMs ?? 60_000))) continue;
      try {
        const due = await this.locked(target, async () => {
          const state = (await this.read(target))[who];
          return state && state.pending !== null && state.nextAttemptAt <= this.now() ? state.pending : null;
        });
        if (due === null) continue;
        try {
          await this.options.send(target.value, due);
          delivered++;
          this.options.onDelivered?.();
          await this.settle(id, who, target, due, true);
        } catch (error) {
          this.options.logger?.warn({ err: error, type: target.type }, 'vote delivery failed; will retry');
          await this.settle(id, who, target, due, false);
        }
      } finally {
        await this.coordination.release(claim);
      }
    }
    return delivered;
  }

  private settle(id: string, who: string, target: LookupTarget, sent: boolean, ok: boolean): Promise<void> {
    return this.locked(target, async () => {
      const votes = await this.read(target);
      const state = votes[who];
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
      await this.options.ledger.set(indicatorKey(target), votes);
      await this.updateOutbox(id, state.pending !== null);
    });
  }

  private async read(target: LookupTarget): Promise<IndicatorVotes> {
    return ((await this.options.ledger.get(indicatorKey(target))) as IndicatorVotes | undefined) ?? {};
  }

  private updateOutbox(id: string, present: boolean): Promise<void> {
    return this.coordination.withLock(OUTBOX, async () => {
      const ids = ((await this.options.ledger.get(OUTBOX)) as string[] | undefined) ?? [];
      if (present === ids.includes(id)) return;
      await this.options.ledger.set(OUTBOX, present ? [...ids, id] : ids.filter((x) => x !== id));
    });
  }
}
