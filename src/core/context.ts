/** What the core needs from the world, injected so tests run it with fakes and a fake clock. */
import type { CacheStats, LookupOutcome } from '../cache/cached-lookup.js';
import type { GraphPictures } from '../graph/graph-pictures.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Logger } from '../observability/logger.js';
import type { ProviderStatus } from '../providers/circuit-breaker.js';
import type { LookupType, Report } from '../report/report.js';
import type { Coordination } from '../store/coordination.js';
import type { Store } from '../store/open-store.js';
import type { TeamTally } from '../summary/summary.js';
import type { Priority, QueueEstimate } from '../throttle/limiter.js';
import type { Clock } from '../time/clock.js';
import type { BulkPort } from './bulk-port.js';
import type { ChannelMode } from './channel-mode.js';
import type { CommandMetadata } from './command.js';
import type { Invocation } from './invocation.js';
import type { OutboundRouter } from './outbound.js';
import type { WatchPort } from './watch-port.js';

export interface LookupService {
  /** `owner` is whose turn it is in the fair queue (a person, or a channel for automatic lookups). */
  lookup(type: LookupType, value: string, priority: Priority, owner?: string): Promise<LookupOutcome>;
  /** The cached report whatever its age, without asking upstream. */
  peek(type: LookupType, value: string): Promise<Report | undefined>;
  hitRatio(): number;
  readonly stats: CacheStats;
}

export interface QueueInfo {
  estimate(priority: Priority, owner?: string): Promise<QueueEstimate>;
  queued(): number;
}

/** The vote service as the core sees it (see src/votes/). */
export interface VotePort {
  cast(vote: { platform: string; userId: string; target: LookupTarget; malicious: boolean; source: string }): Promise<{ changed: boolean }>;
  /** Clears the person's current vote if it is in direction `malicious`. */
  retract(vote: { platform: string; userId: string; target: LookupTarget; malicious: boolean }): Promise<{ changed: boolean }>;
  tally(target: LookupTarget): Promise<TeamTally>;
  pending(): Promise<number>;
}

/** The core's settings, read from the validated environment (config/bot-settings.ts); the zod schema holds every default. */
export interface BotSettings {
  readonly ignoreDomains: readonly string[];
  readonly maxIndicatorsPerCommand: number;
  readonly autoReplyMax: number;
  readonly autoDetectDefault: ChannelMode;
  readonly dedupeWindowMs: number;
  /** A lookup still unanswered after this long gets a queue notice first. */
  readonly noticeAfterMs: number;
  /** Most upstream lookups one depth-2 graph makes. */
  readonly graphMaxLookups: number;
  readonly voteEmojiMalicious: readonly string[];
  readonly voteEmojiSafe: readonly string[];
  /** Log looked-up values (off by default). */
  readonly logIndicators: boolean;
  /** Files larger than this are hashed only when someone asks (FILE_HASH_MAX_MB). */
  readonly fileHashMaxBytes: number;
  /** The largest file hashed when someone asks (FILE_HASH_ON_REQUEST_MAX_MB). */
  readonly fileHashOnRequestMaxBytes: number;
  readonly fileHashTimeoutMs: number;
  /** Most lookups in one bulk (BULK_MAX). */
  readonly bulkMax: number;
}

export interface BotDeps {
  readonly lookups: LookupService;
  readonly queue: QueueInfo;
  readonly store: Store;
  /** One-time claims shared with other replicas (automatic replies answered once). */
  readonly coordination: Coordination;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: BotSettings;
  readonly votes?: VotePort;
  /** Each provider's health (circuit breaker state, last success and failure), for `status`. */
  readonly providers?: () => readonly ProviderStatus[];
  /** ThreatCrowd's malicious feeds: a hit is flagged without an API call. */
  readonly feeds?: { has(target: LookupTarget): boolean };
  /** Runs bulk lookups for the adapters (absent in the console and tests that need none). */
  readonly bulks?: BulkPort;
  /** The watchlist (re-checks indicators and posts what changed), where it runs. */
  readonly watches?: WatchPort;
  /** How the core posts without an incoming event (watch notes); each running adapter registers itself. */
  readonly outbound?: OutboundRouter;
  /** Graph pictures, drawn once per report and shared with other replicas through the store. */
  readonly graphPictures: GraphPictures;
}

/** One invocation being handled, with everything a command may use. */
export interface CommandContext {
  readonly invocation: Invocation;
  /** Every command's metadata, for help. */
  readonly commands: readonly CommandMetadata[];
  readonly deps: BotDeps;
  readonly startedAt: number;
}
