/** STIX cyber-observables (SCOs) for looked-up values and for what reports link them to. */
import { canonicalDomain } from '../../indicators/domain.js';
import { canonicalIPv4, canonicalIPv6, ipSkipReason } from '../../indicators/ip.js';
import type { LookupType, Report } from '../../report/report.js';
import { observableId } from './stix-ids.js';

export interface StixObservable {
  readonly type: 'domain-name' | 'ipv4-addr' | 'ipv6-addr' | 'email-addr' | 'file';
  readonly spec_version: '2.1';
  readonly id: string;
  readonly value?: string;
  readonly hashes?: Readonly<Record<string, string>>;
}

/** STIX hash names by hex length. */
const HASH_NAMES: Record<number, string> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256' };
// STIX 2.1 picks one hash for a file's id, in this order.
const ID_HASH_ORDER = ['MD5', 'SHA-1', 'SHA-256'];

function valued(type: StixObservable['type'], value: string): StixObservable {
  return { type, spec_version: '2.1', id: observableId(type, { value }), value };
}

/** A file observable with every hash known for it (the looked-up one, and the report's MD5/SHA-1). */
export function fileObservable(hashes: readonly (string | null)[]): StixObservable | null {
  const named: Record<string, string> = {};
  for (const hash of hashes) {
    const name = hash && /^[0-9a-f]+$/i.test(hash) ? HASH_NAMES[hash.length] : undefined;
    if (hash && name) named[name] = hash.toLowerCase();
  }
  const idHash = ID_HASH_ORDER.find((name) => named[name] !== undefined);
  if (!idHash) return null;
  return { type: 'file', spec_version: '2.1', id: observableId('file', { hashes: { [idHash]: named[idHash] ?? '' } }), hashes: named };
}

/** An IP address observable, or null for junk (`-`, `0.0.0.0`, private and reserved addresses). */
export function ipObservable(text: string): StixObservable | null {
  const v4 = canonicalIPv4(text.trim());
  if (v4) return ipSkipReason(v4) ? null : valued('ipv4-addr', v4);
  const v6 = canonicalIPv6(text.trim());
  return v6 && !ipSkipReason(v6) ? valued('ipv6-addr', v6) : null;
}

/** A domain observable, or null for junk (upstream lists hold `\r`, injection attempts, empty strings). */
export function domainObservable(text: string): StixObservable | null {
  const domain = canonicalDomain(text.trim());
  return domain ? valued('domain-name', domain) : null;
}

/** The observable for the looked-up value itself (null for antivirus families: they are malware objects). */
export function valueObservable(type: LookupType, value: string, report: Report | null): StixObservable | null {
  if (type === 'domain') return domainObservable(value);
  if (type === 'ip') return ipObservable(value) ?? valued(value.includes(':') ? 'ipv6-addr' : 'ipv4-addr', value);
  if (type === 'email') return valued('email-addr', value);
  if (type === 'file') return fileObservable([value, report?.md5 ?? null, report?.sha1 ?? null]);
  return null;
}
