/** A source of reports: ThreatCrowd, AlienVault OTX. The chain asks them in order. */
import type { LookupType, Report } from '../report/report.js';
import type { Priority, Ticket } from '../throttle/limiter.js';

/** How a provider is asked: the priority, or a ticket (priority and owner) that a more urgent request can promote. */
export interface ReportOptions {
  readonly priority?: Priority;
  readonly ticket?: Ticket;
}

/** Anything that answers lookups: one provider, or the chain of them. */
export interface ReportProvider {
  readonly name: string;
  report(type: LookupType, value: string, options?: ReportOptions): Promise<Report>;
}

export interface Provider extends ReportProvider {
  /** `threatcrowd`, `otx`: the names PROVIDERS uses. */
  readonly name: string;
  /** For people: `ThreatCrowd`, `AlienVault OTX`. */
  readonly displayName: string;
  /** Whether this provider can answer this kind of lookup at all. */
  supports(type: LookupType, value: string): boolean;
}

export const SHA256 = /^[0-9a-f]{64}$/i;
