/**
 * What to do when a provider's host name does not resolve. ThreatCrowd's public hostnames stopped resolving
 * in 2026, so its default address fails for every new user: say why, and point to the simulator and OTX.
 */
import { UpstreamError, UpstreamNetworkError } from '../errors/index.js';
import { failuresBehind } from './provider-chain.js';

const THREATCROWD_GONE =
  "ThreatCrowd's public service is gone (its host name no longer resolves). To try the bot, run `threatcrowd-bot simulate` " +
  'and set THREATCROWD_URL and OTX_URL to the address it prints; for real answers, use AlienVault OTX (PROVIDERS=otx, OTX_API_KEY).';

const OTX_UNRESOLVED = "AlienVault OTX's host name did not resolve: is this machine offline, or OTX_URL misspelt?";

const OFFLINE = 'Offline, run `threatcrowd-bot simulate` and set THREATCROWD_URL and OTX_URL to the address it prints.';

const unresolved = (error: UpstreamError, provider: string) =>
  error instanceof UpstreamNetworkError && error.dnsFailure && error.provider === provider;

/** A hint for providers whose host did not resolve, or null for any other failure. */
export function deadHostHint(error: unknown): string | null {
  if (!(error instanceof UpstreamError)) return null;
  const failures = failuresBehind(error);
  const threatcrowd = failures.some((f) => unresolved(f, 'ThreatCrowd'));
  const otx = failures.some((f) => unresolved(f, 'AlienVault OTX'));
  if (threatcrowd) return otx ? `${THREATCROWD_GONE} ${OTX_UNRESOLVED}` : THREATCROWD_GONE;
  return otx ? `${OTX_UNRESOLVED} ${OFFLINE}` : null;
}
