/**
 * Defensive parsing of ThreatCrowd answers into the one report model. The API's answers vary by era
 * and carry junk (`"-"`, `"0.0.0.0"`, `"0000-00-00"`, trailing `\r`, duplicates); each is dropped here, never repaired.
 */
import { UpstreamBusyError, UpstreamHtmlError, UpstreamMalformedError } from '../errors/index.js';
import { type DomainResolution, emptyReport, type IpResolution, type LookupType, type Report, type Votes } from '../report/report.js';
import { upstreamEmail, upstreamHash, upstreamIp, upstreamName } from '../report/upstream-values.js';

type Raw = Record<string, unknown>;

const JUNK = new Set(['', '-', '0.0.0.0', 'error scanning file']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The value trimmed (a trailing `\r` is junk), or null for junk; what is inside is judged by the field's own rule. */
function clean(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  return JUNK.has(text.toLowerCase()) ? null : text;
}

/** A list's valid values, each once; `valid` returns null for a value that must be dropped. */
function strings(value: unknown, valid: (text: string) => string | null = (text) => text): string[] {
  if (!Array.isArray(value)) return [];
  const out = new Set<string>();
  for (const item of value) {
    const text = clean(item);
    const kept = text === null ? null : valid(text);
    if (kept !== null) out.add(kept);
  }
  return [...out];
}

const cleanWith = (value: unknown, valid: (text: string) => string | null) => {
  const text = clean(value);
  return text === null ? null : valid(text);
};

function date(value: unknown): string | null {
  const text = clean(value);
  return text && DATE.test(text) && text !== '0000-00-00' ? text : null;
}

function votes(value: unknown): Votes {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return n === -1 || n === 0 || n === 1 ? n : null;
}

/** Newest first, one entry per target (its newest date), undated last. */
function resolutions<T extends DomainResolution | IpResolution>(
  value: unknown,
  key: 'ip_address' | 'domain',
  make: (target: string, lastResolved: string | null) => T,
  targetOf: (r: T) => string,
): T[] {
  if (!Array.isArray(value)) return [];
  const newest = new Map<string, T>();
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const target = cleanWith((item as Raw)[key], key === 'domain' ? upstreamName : upstreamIp);
    if (target === null) continue;
    const entry = make(target, date((item as Raw).last_resolved));
    const earlier = newest.get(targetOf(entry));
    if (!earlier || (entry.lastResolved ?? '') > (earlier.lastResolved ?? '')) newest.set(targetOf(entry), entry);
  }
  return [...newest.values()].sort((a, b) => (b.lastResolved ?? '').localeCompare(a.lastResolved ?? ''));
}

function isFound(raw: Raw): boolean {
  const code = raw.response_code;
  if (code === undefined) return Object.keys(raw).some((k) => k !== 'value');
  return String(code).trim() === '1';
}

/** Turns a parsed JSON object into a report. */
export function normaliseReport(type: LookupType, value: string, raw: Raw, fetchedAt: string): Report {
  const base = emptyReport(type, value, fetchedAt);
  if (!isFound(raw)) return base;
  const resolutionList =
    type === 'domain'
      ? resolutions(
          raw.resolutions,
          'ip_address',
          (ip, lastResolved): DomainResolution => ({ ip, lastResolved }),
          (r) => r.ip,
        )
      : type === 'ip'
        ? resolutions(
            raw.resolutions,
            'domain',
            (domain, lastResolved): IpResolution => ({ domain, lastResolved }),
            (r) => r.domain,
          )
        : [];
  return {
    ...base,
    found: true,
    votes: votes(raw.votes),
    permalink: clean(raw.permalink),
    resolutions: resolutionList,
    hashes: strings(raw.hashes, upstreamHash),
    subdomains: strings(raw.subdomains, upstreamName),
    emails: strings(raw.emails, upstreamEmail),
    domains: strings(raw.domains, upstreamName),
    references: strings(raw.references),
    scans: strings(raw.scans),
    md5: cleanWith(raw.md5, upstreamHash),
    sha1: cleanWith(raw.sha1, upstreamHash),
    ips: strings(raw.ips, upstreamIp),
  };
}

/**
 * Parses a raw body. Empty or `{"response_code":"0"}` is a not-found report; HTML, "Too many connections"
 * and malformed JSON are retryable upstream errors. Content-Type is ignored (the IP endpoint sends JSON as text/html).
 */
export function parseReport(type: LookupType, value: string, body: string, fetchedAt: string, request: string): Report {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '') return emptyReport(type, value, fetchedAt);
  if (/too many connections/i.test(text.slice(0, 2000))) throw new UpstreamBusyError(request);
  if (text.startsWith('<')) throw new UpstreamHtmlError(request);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UpstreamMalformedError(request, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UpstreamMalformedError(request, new TypeError('answer is not a JSON object'));
  }
  return normaliseReport(type, value, parsed as Raw, fetchedAt);
}
