/** A report's neighbours, section by section, in the order an analyst reads them. */
import type { LookupType, Report } from '../report/report.js';
import type { NodeKind, Relation } from './model.js';

export interface Neighbour {
  readonly relation: Relation;
  readonly kind: NodeKind;
  readonly value: string;
  /** The edge's label (a resolution's date). */
  readonly edgeLabel: string | null;
}

/** The node kind of a looked-up value. */
export const KIND_OF_LOOKUP: Record<LookupType, NodeKind> = {
  domain: 'domain',
  ip: 'ip',
  email: 'email',
  file: 'hash',
  antivirus: 'family',
};

/** The endpoint that looks a node kind up, null when it cannot be looked up. */
export const LOOKUP_OF_KIND: Partial<Record<NodeKind, LookupType>> = {
  domain: 'domain',
  ip: 'ip',
  email: 'email',
  hash: 'file',
};

function section(relation: Relation, kind: NodeKind, values: readonly string[]): Neighbour[] {
  return values.map((value) => ({ relation, kind, value, edgeLabel: null }));
}

function resolutions(report: Report): Neighbour[] {
  return report.resolutions.map((r) =>
    'ip' in r
      ? { relation: 'resolution', kind: 'ip', value: r.ip, edgeLabel: r.lastResolved }
      : { relation: 'resolution', kind: 'domain', value: r.domain, edgeLabel: r.lastResolved },
  );
}

function fileAliases(report: Report): Neighbour[] {
  const own = report.value.toLowerCase();
  return [report.md5, report.sha1]
    .filter((hash): hash is string => hash !== null && hash !== own)
    .map((value) => ({ relation: 'alias', kind: 'hash', value, edgeLabel: null }));
}

/** Every neighbour of `report`, grouped by section (duplicates across sections are kept: they become one node). */
export function neighboursOf(report: Report): Neighbour[] {
  if (!report.found) return [];
  return [
    ...resolutions(report),
    ...section('email', 'email', report.emails),
    ...section('domain', 'domain', report.domains),
    ...section('ip', 'ip', report.ips),
    ...fileAliases(report),
    ...section('subdomain', 'domain', report.subdomains),
    ...section('hash', 'hash', report.hashes),
    ...section('detection', 'detection', report.scans),
    ...section('reference', 'reference', report.references),
  ];
}

/** How a section is named in "+N more …". */
export const RELATION_NOUNS: Record<Relation, [string, string]> = {
  resolution: ['resolution', 'resolutions'],
  subdomain: ['subdomain', 'subdomains'],
  hash: ['hash', 'hashes'],
  email: ['e-mail address', 'e-mail addresses'],
  domain: ['domain', 'domains'],
  ip: ['IP address', 'IP addresses'],
  reference: ['reference', 'references'],
  detection: ['AV detection', 'AV detections'],
  alias: ['other hash', 'other hashes'],
};

/** "+37 more resolutions". */
export function moreText(relation: Relation, count: number): string {
  const [one, many] = RELATION_NOUNS[relation];
  return `+${count} more ${count === 1 ? one : many}`;
}
