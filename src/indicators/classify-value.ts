import { scanText } from './detect.js';
import type { Indicator, SkippedIndicator } from './types.js';

/** What one value typed to the bot is: an indicator, one that must not go upstream, or nothing. */
export type ValueClass =
  | { readonly kind: 'indicator'; readonly indicator: Indicator }
  | { readonly kind: 'skipped'; readonly indicator: SkippedIndicator }
  | { readonly kind: 'none' };

/**
 * Classifies a single value a person typed on purpose (a command argument): refanged, and without the
 * chat rules against file names and code, but still refusing private addresses and reserved names.
 */
export function classifyValue(value: string, ignoreDomains: readonly string[] = []): ValueClass {
  // One value is one token: `evil.com is bad` is not a domain, even if it holds one.
  if (/\s/.test(value.trim())) return { kind: 'none' };
  const { indicators, skipped } = scanText(value, { context: 'command', ignoreDomains });
  if (indicators.length + skipped.length !== 1) return { kind: 'none' };
  const [indicator] = indicators;
  if (indicator) return { kind: 'indicator', indicator };
  const [skip] = skipped;
  return skip ? { kind: 'skipped', indicator: skip } : { kind: 'none' };
}
