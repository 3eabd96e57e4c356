/** The library entry: the core that other programs can use. */

export { CachedLookup, type LookupOutcome, type ReportProvider } from './cache/cached-lookup.js';
export { UserError } from './errors/user-error.js';
export type { DetectOptions, Indicator, IndicatorType, ScanResult, SkippedIndicator, SkipReason } from './indicators/index.js';
export { classifyValue, defang, detectIndicators, refang, scanText, stripMarkup } from './indicators/index.js';
export { type Simulator, startSimulator } from './simulator/server.js';
export { openStore, type Store } from './store/open-store.js';
export { DEFAULT_THREATCROWD_URL, ThreatCrowdClient, type ThreatCrowdClientOptions } from './threatcrowd/client.js';
export * from './threatcrowd/errors.js';
export { normaliseReport, parseReport } from './threatcrowd/parse.js';
export { type DomainResolution, type IpResolution, LOOKUP_TYPES, type LookupType, type Report, type Votes } from './threatcrowd/report.js';
export { type LimiterOptions, type Priority, RequestLimiter } from './throttle/limiter.js';
