/** A source of reports: ThreatCrowd, AlienVault OTX. The chain asks them in order. */
import type { ReportProvider } from '../cache/cached-lookup.js';
import type { LookupType } from '../report/report.js';

export interface Provider extends ReportProvider {
  /** `threatcrowd`, `otx`: the names PROVIDERS uses. */
  readonly name: string;
  /** For people: `ThreatCrowd`, `AlienVault OTX`. */
  readonly displayName: string;
  /** Whether this provider can answer this kind of lookup at all. */
  supports(type: LookupType, value: string): boolean;
}

export const SHA256 = /^[0-9a-f]{64}$/i;
