/**
 * Results as a STIX 2.1 bundle: an observable for every value, an `indicator` (with a STIX pattern) for
 * each value voted malicious or suspicious, a `malware` object for each antivirus family (with its samples), and `resolves-to`
 * relationships for resolutions. Every id is deterministic (see stix-ids.ts): a re-export updates.
 */

import type { DomainResolution, IpResolution, Report } from '../../report/report.js';
import { buildSummary } from '../../summary/build-summary.js';
import type { LookupResult } from '../lookup-result.js';
import { domainObservable, fileObservable, ipObservable, type StixObservable, valueObservable } from './observables.js';
import { patternFor } from './patterns.js';
import { objectId } from './stix-ids.js';

/**
 * `created` of every object this exporter makes. STIX versioning keeps an object's `created` for as long as it keeps
 * its id (only `modified` moves on); the ids here are deterministic and the exporter keeps no history, so every
 * export gives the same fixed `created` and its own time as `modified`: a platform sees a newer version of the
 * same object, never two objects that conflict.
 */
export const STIX_CREATED = '2020-01-01T00:00:00.000Z';

/** Most resolutions (or family samples) exported per value: popular domains have thousands. */
export const MAX_RELATIONSHIPS_PER_VALUE = 100;

type StixObject = Readonly<Record<string, unknown>> & { readonly id: string; readonly type: string };

export interface StixBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects?: ReadonlyArray<StixObservable | StixObject>;
}

interface Common {
  readonly spec_version: '2.1';
  readonly created: string;
  readonly modified: string;
}

function externalReferences(permalink: string | null, source: string) {
  return permalink ? { external_references: [{ source_name: source, url: permalink }] } : {};
}

function indicator(result: LookupResult, report: Report, observable: StixObservable, common: Common, now: number): StixObject | null {
  const summary = buildSummary(report, { from: result.from ?? undefined, now });
  const tone = summary.verdict.tone;
  if (tone !== 'malicious' && tone !== 'split') return null;
  return {
    type: 'indicator',
    id: objectId('indicator', observable.id),
    ...common,
    name: result.value,
    description: `${summary.source}: ${summary.verdict.text}`,
    indicator_types: [tone === 'malicious' ? 'malicious-activity' : 'anomalous-activity'],
    pattern: patternFor(observable),
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: common.modified,
    ...externalReferences(summary.permalink, summary.source),
  };
}

function relationship(
  source: StixObservable | StixObject,
  type: string,
  target: StixObservable | StixObject,
  common: Common,
  description?: string,
) {
  return {
    type: 'relationship',
    id: objectId('relationship', `${source.id}|${type}|${target.id}`),
    ...common,
    relationship_type: type,
    source_ref: source.id,
    target_ref: target.id,
    ...(description ? { description } : {}),
  };
}

/** `resolves-to` from each domain to each IP in the report's resolutions (junk addresses and names left out). */
function resolutionObjects(report: Report, observable: StixObservable, common: Common): Array<StixObservable | StixObject> {
  const out: Array<StixObservable | StixObject> = [];
  for (const r of report.resolutions.slice(0, MAX_RELATIONSHIPS_PER_VALUE)) {
    const other = 'ip' in r ? ipObservable((r as DomainResolution).ip) : domainObservable((r as IpResolution).domain);
    if (!other) continue;
    const [domain, ip] = 'ip' in r ? [observable, other] : [other, observable];
    const seen = r.lastResolved && /^\d{4}-\d{2}-\d{2}$/.test(r.lastResolved) ? `last resolved ${r.lastResolved}` : undefined;
    out.push(other, relationship(domain, 'resolves-to', ip, common, seen));
  }
  return out;
}

/** A malware family with its samples (the family report's hashes, as file observables). */
function malwareObjects(family: string, report: Report | null, common: Common): Array<StixObservable | StixObject> {
  const samples = [...new Set(report?.hashes ?? [])]
    .map((hash) => fileObservable([hash]))
    .filter((file): file is StixObservable => file !== null)
    .slice(0, MAX_RELATIONSHIPS_PER_VALUE);
  const malware = { type: 'malware', id: objectId('malware', family), ...common, name: family, is_family: true };
  return [samples.length > 0 ? { ...malware, sample_refs: samples.map((f) => f.id) } : malware, ...samples];
}

function objectsFor(result: LookupResult, common: Common, now: number): Array<StixObservable | StixObject> {
  const { report } = result;
  if (result.type === 'antivirus') return malwareObjects(result.value, report, common);
  const observable = valueObservable(result.type, result.value, report);
  if (!observable) return [];
  if (!report) return [observable];
  const flagged = indicator(result, report, observable, common, now);
  return [
    observable,
    ...(flagged ? [flagged, relationship(flagged, 'based-on', observable, common)] : []),
    ...(report.type === 'domain' || report.type === 'ip' ? resolutionObjects(report, observable, common) : []),
  ];
}

/** The bundle; `now` gives `modified` and `valid_from` (inject it for reproducible output). */
export function resultsToStix(results: readonly LookupResult[], now: number = Date.now()): StixBundle {
  const stamp = new Date(Math.max(now, Date.parse(STIX_CREATED))).toISOString();
  const common: Common = { spec_version: '2.1', created: STIX_CREATED, modified: stamp };
  const objects = new Map<string, StixObservable | StixObject>();
  for (const result of results) for (const object of objectsFor(result, common, now)) objects.set(object.id, object);
  const ids = [...objects.keys()].sort().join(',');
  const bundle = { type: 'bundle' as const, id: objectId('bundle', `${stamp}|${ids}`) };
  return objects.size === 0 ? bundle : { ...bundle, objects: [...objects.values()] };
}
