/** The library entry: the core that other programs can use. */

export { Bot } from './bot/bot.js';
export type { Invocation } from './bot/invocation.js';
export type { Reply } from './bot/reply.js';
export { CachedLookup, type LookupOutcome, type ReportProvider } from './cache/cached-lookup.js';
export { parseCommand } from './commands/parse-command.js';
export type { Command } from './commands/types.js';
export { UserError } from './errors/user-error.js';
export type { DetectOptions, Indicator, IndicatorType, ScanResult, SkippedIndicator, SkipReason } from './indicators/index.js';
export { classifyValue, defang, detectIndicators, refang, scanText, stripMarkup } from './indicators/index.js';
export { OtxClient } from './providers/otx/otx-client.js';
export { type Simulator, startSimulator } from './simulator/server.js';
export { openStore, type Store } from './store/open-store.js';
export { buildSummary } from './summary/build-summary.js';
export type { Summary } from './summary/summary.js';
export { DEFAULT_THREATCROWD_URL, ThreatCrowdClient, type ThreatCrowdClientOptions } from './threatcrowd/client.js';
export * from './threatcrowd/errors.js';
export { normaliseReport, parseReport } from './threatcrowd/parse.js';
export { type DomainResolution, type IpResolution, LOOKUP_TYPES, type LookupType, type Report, type Votes } from './threatcrowd/report.js';
export { type LimiterOptions, type Priority, RequestLimiter } from './throttle/limiter.js';
