/** AlienVault OTX sections → the one report model (source `otx`). Defensive: every field may be missing. */
import { type DomainResolution, emptyReport, type IpResolution, type LookupType, type Report } from '../../report/report.js';
import { upstreamHash, upstreamIp, upstreamName } from '../../report/upstream-values.js';

type Raw = Record<string, unknown>;

const asArray = (v: unknown): Raw[] => (Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as Raw[]) : []);
const asString = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const day = (v: unknown): string | null =>
  asString(v)
    ?.slice(0, 10)
    .match(/^\d{4}-\d{2}-\d{2}$/)?.[0] ?? null;
/** A host name or hash from the answer, or null when it is not a valid one (dropped, never repaired). */
const nameIn = (v: unknown): string | null => {
  const text = asString(v);
  return text ? upstreamName(text) : null;
};
const hashIn = (v: unknown): string | null => {
  const text = asString(v);
  return text ? upstreamHash(text) : null;
};
const unique = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => v !== null))];

export interface OtxSections {
  readonly general: Raw | null;
  readonly passiveDns?: Raw | null;
  readonly malware?: Raw | null;
  readonly analysis?: Raw | null;
}

/** OTX's verdict signals: pulses that mention it, and whether it is validated (allow-listed) or a known false positive. */
export function otxSignals(general: Raw | null): { pulseCount: number; validation: string[] } {
  const pulseInfo = (general?.pulse_info ?? {}) as Raw;
  const count = typeof pulseInfo.count === 'number' ? pulseInfo.count : asArray(pulseInfo.pulses).length;
  const validation = [
    ...asArray(general?.validation).map((v) => asString(v.name) ?? asString(v.source) ?? 'validated'),
    ...asArray(general?.false_positive).map(() => 'known false positive'),
  ];
  return { pulseCount: count, validation: unique(validation) };
}

export function parseOtx(type: LookupType, value: string, sections: OtxSections, fetchedAt: string): Report {
  const base = { ...emptyReport(type, value, fetchedAt, 'otx') };
  if (!sections.general) return base;
  const { pulseCount, validation } = otxSignals(sections.general);
  const pulseInfo = (sections.general.pulse_info ?? {}) as Raw;
  const references = unique([
    ...(Array.isArray(pulseInfo.references) ? pulseInfo.references.map(asString) : []),
    ...asArray(pulseInfo.pulses).flatMap((p) => (Array.isArray(p.references) ? p.references.map(asString) : [])),
  ]);
  const dns = asArray(sections.passiveDns?.passive_dns).filter((r) => ['A', 'AAAA', undefined, null].includes(r.record_type as string));
  const newest = <T extends { lastResolved: string | null }>(list: T[], keyOf: (t: T) => string): T[] => {
    const best = new Map<string, T>();
    for (const item of list) {
      const earlier = best.get(keyOf(item));
      if (!earlier || (item.lastResolved ?? '') > (earlier.lastResolved ?? '')) best.set(keyOf(item), item);
    }
    return [...best.values()].sort((a, b) => (b.lastResolved ?? '').localeCompare(a.lastResolved ?? ''));
  };
  let resolutions: Array<DomainResolution | IpResolution> = [];
  let subdomains: string[] = [];
  if (type === 'domain') {
    resolutions = newest(
      dns.flatMap((r): DomainResolution[] => {
        const address = asString(r.address);
        const ip = address ? upstreamIp(address) : null;
        return ip ? [{ ip, lastResolved: day(r.last) }] : [];
      }),
      (r) => r.ip,
    );
    subdomains = unique(dns.map((r) => nameIn(r.hostname))).filter((h) => h !== value && h.endsWith(`.${value}`));
  } else if (type === 'ip') {
    resolutions = newest(
      dns.flatMap((r): IpResolution[] => {
        const domain = nameIn(r.hostname);
        return domain ? [{ domain, lastResolved: day(r.last) }] : [];
      }),
      (r) => r.domain,
    );
  }
  const results = (((sections.analysis?.analysis as Raw | undefined)?.info as Raw | undefined)?.results ?? {}) as Raw;
  const plugins = ((sections.analysis?.analysis as Raw | undefined)?.plugins ?? {}) as Record<string, Raw>;
  const scans = unique(Object.values(plugins).map((p) => asString((p.results as Raw | undefined)?.detection)));
  return {
    ...base,
    found: pulseCount > 0 || resolutions.length > 0 || Object.keys(results).length > 0 || validation.length > 0,
    resolutions,
    subdomains,
    hashes: unique(asArray(sections.malware?.data).map((m) => hashIn(m.hash))),
    references,
    scans,
    md5: hashIn(results.md5),
    sha1: hashIn(results.sha1),
    permalink: `https://otx.alienvault.com/indicator/${type}/${encodeURIComponent(value)}`,
    pulseCount,
    validation,
  };
}
