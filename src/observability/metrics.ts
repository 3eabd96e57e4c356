/**
 * Prometheus metrics (prom-client), one registry per running bot: lookups by type and outcome, cache
 * hits and misses, upstream requests and errors, queue depth and wait, votes cast and forwarded, outbox size.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricSources {
  readonly queued: () => number;
  readonly cacheStats: () => { hits: number; misses: number; stale: number; shared: number };
  readonly outboxSize: () => Promise<number>;
}

export class Metrics {
  readonly registry = new Registry();
  readonly lookups = new Counter({
    name: 'threatcrowd_bot_lookups_total',
    help: 'Lookups by type and outcome',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });
  readonly upstreamRequests = new Counter({
    name: 'threatcrowd_bot_upstream_requests_total',
    help: 'Requests sent to the provider, by endpoint and result',
    labelNames: ['provider', 'endpoint', 'result'],
    registers: [this.registry],
  });
  readonly queueWait = new Histogram({
    name: 'threatcrowd_bot_queue_wait_seconds',
    help: 'Time a request waited for the rate limiter, by priority',
    labelNames: ['priority'],
    buckets: [0.01, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });
  readonly votesCast = new Counter({
    name: 'threatcrowd_bot_votes_cast_total',
    help: 'Votes cast by people (changes of a current vote)',
    labelNames: ['verdict'],
    registers: [this.registry],
  });
  readonly votesForwarded = new Counter({
    name: 'threatcrowd_bot_votes_forwarded_total',
    help: 'Votes delivered to ThreatCrowd',
    registers: [this.registry],
  });

  readonly graphPictures = new Counter({
    name: 'threatcrowd_bot_graph_pictures_total',
    help: 'Graph pictures asked for, by whether they were drawn or served as kept with the report',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  private sources: MetricSources = {
    queued: () => 0,
    cacheStats: () => ({ hits: 0, misses: 0, stale: 0, shared: 0 }),
    outboxSize: async () => 0,
  };

  /** Where the gauges read their values (the parts are built after the metrics they report to). */
  bind(sources: Partial<MetricSources>): void {
    this.sources = { ...this.sources, ...sources };
  }

  constructor() {
    const self = this;
    collectDefaultMetrics({ register: this.registry, prefix: 'threatcrowd_bot_' });
    new Gauge({
      name: 'threatcrowd_bot_queue_depth',
      help: 'Requests waiting for the rate limiter',
      registers: [this.registry],
      collect() {
        this.set(self.sources.queued());
      },
    });
    new Gauge({
      name: 'threatcrowd_bot_cache_events',
      help: 'Cache hits, misses, stale answers and shared requests since start',
      labelNames: ['event'],
      registers: [this.registry],
      collect() {
        const s = self.sources.cacheStats();
        for (const event of ['hits', 'misses', 'stale', 'shared'] as const) this.set({ event }, s[event]);
      },
    });
    new Gauge({
      name: 'threatcrowd_bot_vote_outbox_size',
      help: 'Votes waiting to be delivered',
      registers: [this.registry],
      async collect() {
        this.set(await self.sources.outboxSize());
      },
    });
  }
}
