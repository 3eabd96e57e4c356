import { describe, expect, it } from 'vitest';
import { MAX_RELATIONSHIPS_PER_VALUE, resultsToStix, STIX_CREATED } from '../../src/export/stix/to-stix.js';
import { emptyReport } from '../../src/report/report.js';
import { stixErrors } from '../support/stix-validator.js';
import { NOW, result, sampleResults } from './results.js';

type Obj = Record<string, unknown> & { id: string; type: string };
const objects = (bundle: ReturnType<typeof resultsToStix>) => (bundle.objects ?? []) as Obj[];
const ofType = (bundle: ReturnType<typeof resultsToStix>, type: string) => objects(bundle).filter((o) => o.type === type);

describe('STIX 2.1 export', () => {
  it('GIVEN every kind of result THEN the bundle and each object validate against the OASIS schemas', () => {
    const bundle = resultsToStix(sampleResults(), NOW);
    expect(stixErrors(bundle)).toEqual([]);
    expect(bundle.type).toBe('bundle');
    expect(new Set(objects(bundle).map((o) => o.type))).toEqual(
      new Set(['domain-name', 'ipv4-addr', 'ipv6-addr', 'email-addr', 'file', 'indicator', 'malware', 'relationship']),
    );
  });

  it('GIVEN a domain most users voted malicious THEN an indicator with a STIX pattern is based on its observable', () => {
    const bundle = resultsToStix(sampleResults(), NOW);
    const indicator = ofType(bundle, 'indicator').find((o) => o.name === 'evilupdate.top');
    expect(indicator).toMatchObject({
      pattern: "[domain-name:value = 'evilupdate.top']",
      pattern_type: 'stix',
      indicator_types: ['malicious-activity'],
      created: STIX_CREATED,
      modified: '2026-12-01T06:00:00.000Z',
      valid_from: '2026-12-01T06:00:00.000Z',
      spec_version: '2.1',
    });
    const domain = ofType(bundle, 'domain-name').find((o) => o.value === 'evilupdate.top');
    expect(ofType(bundle, 'relationship')).toContainEqual(
      expect.objectContaining({ relationship_type: 'based-on', source_ref: indicator?.id, target_ref: domain?.id }),
    );
  });

  it('GIVEN values nobody voted malicious THEN they are observables without an indicator', () => {
    const bundle = resultsToStix(sampleResults(), NOW);
    const names = ofType(bundle, 'indicator').map((o) => o.name);
    expect(names).not.toContain('aoldaily.com');
    expect(names).not.toContain('william19770319@yahoo.com');
    expect(ofType(bundle, 'email-addr').map((o) => o.value)).toEqual(['william19770319@yahoo.com']);
  });

  it('GIVEN resolutions with junk addresses THEN only real ones become resolves-to relationships', () => {
    const bundle = resultsToStix(sampleResults().slice(0, 1), NOW);
    const ips = ofType(bundle, 'ipv4-addr').map((o) => o.value);
    expect(ips.sort()).toEqual(['185.220.101.7', '45.77.12.34', '45.77.12.35']); // not "-"
    const resolves = ofType(bundle, 'relationship').filter((o) => o.relationship_type === 'resolves-to');
    expect(resolves).toHaveLength(3);
    expect(resolves[0]).toMatchObject({ description: 'last resolved 2019-06-11' }); // newest first
    expect(resolves[2]).not.toHaveProperty('description'); // 0000-00-00
  });

  it('GIVEN an IP report THEN its domains resolve to it, cleaned of upper case and trailing CR', () => {
    const bundle = resultsToStix(sampleResults().slice(1, 2), NOW);
    expect(ofType(bundle, 'domain-name').map((o) => o.value)).toEqual(['cdn.evilupdate.top', 'evilupdate.top', 'old-host.example.com']);
    const ip = ofType(bundle, 'ipv4-addr')[0];
    for (const r of ofType(bundle, 'relationship').filter((o) => o.relationship_type === 'resolves-to')) expect(r.target_ref).toBe(ip?.id);
  });

  it('GIVEN a file hash THEN the file observable carries every known hash and the STIX-standard id', () => {
    const bundle = resultsToStix(sampleResults().slice(4, 5), NOW);
    const [file] = ofType(bundle, 'file');
    expect(file?.hashes).toEqual({ MD5: 'ec8c89aa5e521572c74e2dd02a4daf78', 'SHA-1': expect.stringMatching(/^[0-9a-f]{40}$/) });
    // The id the STIX 2.1 rule gives (UUIDv5 of {"hashes":{"MD5":…}}), as python-stix2 computes it.
    expect(file?.id).toMatch(/^file--[0-9a-f-]{36}$/);
  });

  it('GIVEN a domain THEN its id is the one STIX 2.1 tools derive for it', () => {
    // python-stix2: DomainName(value="example.com").id
    const bundle = resultsToStix([result('example.com', 'domain', 'example.com', null)], NOW);
    expect(ofType(bundle, 'domain-name')[0]?.id).toBe('domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7');
  });

  it('GIVEN an antivirus family THEN a malware family object is exported with its samples', () => {
    const bundle = resultsToStix(sampleResults().slice(5, 6), NOW);
    const [malware] = ofType(bundle, 'malware');
    expect(malware).toMatchObject({ name: 'plugx', is_family: true });
    // Its samples: the family report's hashes as file observables, each referenced once.
    const files = ofType(bundle, 'file');
    expect(files.length).toBeGreaterThan(10);
    expect(malware?.sample_refs).toEqual(files.map((f) => f.id));
    expect(stixErrors(bundle)).toEqual([]);
  });

  it('GIVEN the same results exported twice at different times THEN every object keeps its id and created, and only modified moves on (a newer version, as STIX versioning asks)', () => {
    const first = resultsToStix(sampleResults(), NOW);
    const second = resultsToStix(sampleResults(), NOW + 86_400_000);
    expect(objects(second).map((o) => o.id)).toEqual(objects(first).map((o) => o.id));
    expect(objects(second).map((o) => o.created)).toEqual(objects(first).map((o) => o.created));
    expect(ofType(second, 'indicator')[0]?.modified).toBe('2026-12-02T06:00:00.000Z');
    expect(ofType(first, 'indicator')[0]?.modified).toBe('2026-12-01T06:00:00.000Z');
  });

  it('GIVEN a value looked up twice in one export THEN it appears once', () => {
    const [one] = sampleResults();
    const bundle = resultsToStix(one ? [one, one] : [], NOW);
    expect(ofType(bundle, 'domain-name').filter((o) => o.value === 'evilupdate.top')).toHaveLength(1);
  });

  it('GIVEN a domain with thousands of resolutions THEN relationships are capped and the bundle still validates', () => {
    const report = {
      ...emptyReport('domain', 'popular-site.com', '2026-11-30T00:00:00.000Z'),
      found: true,
      resolutions: Array.from({ length: 3000 }, (_, i) => ({ ip: `93.${(i >> 8) & 255}.${i & 255}.1`, lastResolved: '2020-01-01' })),
    };
    const bundle = resultsToStix([result('popular-site.com', 'domain', 'popular-site.com', report)], NOW);
    expect(ofType(bundle, 'relationship')).toHaveLength(MAX_RELATIONSHIPS_PER_VALUE);
    expect(stixErrors(bundle)).toEqual([]);
  });

  it('GIVEN no results THEN an empty bundle still validates', () => {
    const bundle = resultsToStix([], NOW);
    expect(bundle.objects).toBeUndefined();
    expect(stixErrors(bundle)).toEqual([]);
  });

  it('GIVEN an object broken on purpose THEN the validator reports it (the check can fail)', () => {
    const bundle = resultsToStix(sampleResults().slice(0, 1), NOW);
    const broken = {
      ...bundle,
      objects: objects(bundle).map((o) => (o.type === 'indicator' ? { ...o, pattern_type: undefined, created: 'yesterday' } : o)),
    };
    expect(stixErrors(broken).length).toBeGreaterThan(0);
  });
});
