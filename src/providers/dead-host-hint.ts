/**
 * What to do when a provider's host name does not resolve. ThreatCrowd's public hostnames stopped resolving
 * in 2026, so its default address fails for every new user: say why, and point to the simulator and OTX.
 */
import { UpstreamNetworkError } from '../threatcrowd/errors.js';

const THREATCROWD_GONE =
  "ThreatCrowd's public service is gone (its host name no longer resolves). To try the bot, run `threatcrowd-bot simulate` " +
  'and set THREATCROWD_URL and OTX_URL to the address it prints; for real answers, use AlienVault OTX (PROVIDERS=otx, OTX_API_KEY).';

const NO_DNS =
  "AlienVault OTX's host name did not resolve: is this machine offline, or OTX_URL misspelt? Offline, run `threatcrowd-bot simulate` " +
  'and set THREATCROWD_URL and OTX_URL to the address it prints.';

/** A hint for a provider whose host did not resolve, or null for any other failure. */
export function deadHostHint(error: unknown): string | null {
  if (!(error instanceof UpstreamNetworkError) || !error.dnsFailure) return null;
  return error.provider === 'ThreatCrowd' ? THREATCROWD_GONE : NO_DNS;
}
