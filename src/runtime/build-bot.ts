/** Wires the core: a Bot over the shared services, with the vote service and settings from the environment. */
import { BulkService } from '../answers/bulk-service.js';
import { Bot } from '../bot/bot.js';
import { BulkRunner } from '../bulk/bulk-runner.js';
import { BulkStateStore } from '../bulk/bulk-state.js';
import { botSettingsFrom } from '../config/bot-settings.js';
import type { BotSettings } from '../core/context.js';
import { GraphPictures } from '../graph/graph-pictures.js';
import { internalValue } from '../indicators/privacy.js';
import type { Logger } from '../observability/logger.js';
import { type Clock, systemClock } from '../time/clock.js';
import { VoteService } from '../votes/vote-service.js';
import type { Services } from './services.js';
import { createWatching, type Watching } from './watching.js';

export interface BuiltBot {
  readonly bot: Bot;
  readonly votes: VoteService;
  /** The watchlist: start `watching.scheduler` where watches should be re-checked. */
  readonly watching: Watching;
}

export function buildBot(services: Services, logger: Logger, options: { clock?: Clock; bot?: Partial<BotSettings> } = {}): BuiltBot {
  const votes = new VoteService({
    ledger: services.store.namespace('votes'),
    // A value that became internal after its summary was posted (IGNORE_DOMAINS grew) stays in-house, like VOTE_FORWARD=false.
    // Votes go through ThreatCrowd's breaker: while it is open no vote request is made, and a vote's failure counts toward it.
    send: async (value, malicious, { beforeSend }) => {
      if (internalValue(undefined, value, services.settings.IGNORE_DOMAINS)) return;
      await services.threatcrowd.guard(() => services.client.vote(value, malicious, { priority: 'vote', beforeSend }));
    },
    upstreamAvailable: () => services.threatcrowd.available(),
    forward: services.settings.VOTE_FORWARD,
    logger,
    onCast: (malicious) => services.metrics.votesCast.inc({ verdict: malicious ? 'malicious' : 'safe' }),
    onDelivered: () => services.metrics.votesForwarded.inc(),
    coordination: services.coordination,
  });
  services.metrics.bind({ outboxSize: () => votes.pending() });
  services.threatcrowd.onRecovery(() => votes.kick());
  const bulks = createBulks(services, logger);
  const clock = options.clock ?? systemClock;
  const watching = createWatching(services, logger, () => clock.now());
  const bot = new Bot({
    lookups: services.lookups,
    queue: services.limiter,
    store: services.store,
    coordination: services.coordination,
    clock,
    logger,
    settings: { ...botSettingsFrom(services.settings), ...options.bot },
    votes,
    providers: () => services.providers.status(),
    feeds: services.feeds,
    bulks,
    watches: watching.watchlist,
    outbound: watching.outbound,
    graphPictures: graphPicturesFor(services, logger),
  });
  return { bot, votes, watching };
}

/** Pictures kept as long as a found report stays fresh; in the shared store unless it is this process's memory. */
function graphPicturesFor(services: Services, logger: Logger): GraphPictures {
  const { store, settings } = services;
  return new GraphPictures(store.kind === 'memory' ? null : store.namespace('graph-pictures'), {
    ttlMs: settings.CACHE_TTL_SECONDS * 1000,
    onStoreError: (error) => logger.warn({ err: error }, 'graph picture store failed; drawn anyway'),
    onPicture: (outcome) => services.metrics.graphPictures.inc({ outcome }),
  });
}

/** Bulk lookups for the chat adapters: their state in the shared store, so any replica or the next start resumes them. */
function createBulks(services: Services, logger: Logger): BulkService {
  const state = new BulkStateStore(services.store.namespace('bulk'), services.coordination);
  const runner = new BulkRunner({
    lookups: services.lookups,
    queue: services.limiter,
    state,
    outagePatienceMs: services.settings.BULK_OUTAGE_WAIT_MINUTES * 60_000,
    onError: (error) => logger.error({ err: error }, 'bulk lookup failed unexpectedly'),
  });
  return new BulkService({ runner, state, logger, progressEveryMs: services.settings.BULK_PROGRESS_MS });
}
