import { describe, expect, it } from 'vitest';
import { buildGraph, MAX_GRAPH_NODES } from '../../src/graph/build-graph.js';
import { shareSlotsWithSummaries } from '../../src/graph/graph-draft.js';
import { SYNTHETIC_FIXTURES } from '../support/fixtures.js';
import { FIXTURE_REPORTS, fixtureReport, hostileReport } from '../support/graphs.js';

describe('the graph model', () => {
  it.each(FIXTURE_REPORTS)('GIVEN the %s fixture THEN the value is the centre and every other node hangs from it', (_name, report) => {
    const r = report();
    const graph = buildGraph(r);
    expect(graph.centre.depth).toBe(0);
    expect(graph.nodes.length).toBeGreaterThan(1);
    expect(graph.nodes.length).toBeLessThanOrEqual(MAX_GRAPH_NODES);
    for (const node of graph.nodes.filter((n) => n.depth > 0)) {
      expect(graph.edges.some((e) => e.from === graph.centre.id && e.to === node.id)).toBe(true);
    }
  });

  it('GIVEN a domain THEN its resolutions are IP nodes whose edges carry the resolution date', () => {
    const graph = buildGraph(fixtureReport('domain', 'aoldaily.com'));
    const ip = graph.nodes.find((n) => n.value === '69.195.129.70');
    expect(ip).toMatchObject({ kind: 'ip', label: '69.195.129[.]70', depth: 1 });
    expect(graph.edges.find((e) => e.to === ip?.id)).toMatchObject({ relation: 'resolution', label: '2015-05-12' });
    expect(graph.nodes.filter((n) => n.kind === 'email').map((n) => n.label)).toEqual([
      'domains[@]virustracker[.]info',
      'william19770319[@]yahoo[.]com',
    ]);
  });

  it('GIVEN more neighbours than fit THEN each section gets a share and the rest is one "+N more" node per section', () => {
    const graph = buildGraph(fixtureReport('domain', 'google.com'));
    expect(graph.nodes).toHaveLength(MAX_GRAPH_NODES);
    const drawn = graph.nodes.filter((n) => n.kind === 'ip').length;
    const resolutions = fixtureReport('domain', 'google.com').resolutions.length;
    expect(graph.omissions).toContainEqual(expect.objectContaining({ relation: 'resolution', count: resolutions - drawn }));
    expect(graph.nodes.find((n) => n.kind === 'more' && n.label === `+${resolutions - drawn} more resolutions`)).toBeDefined();
    expect(graph.nodes.filter((n) => n.kind === 'email')).toHaveLength(1);
  });

  it('GIVEN sizes and slots THEN slots are shared in turn and a cut section keeps room for its summary', () => {
    expect(shareSlotsWithSummaries([2, 1], 39)).toEqual([2, 1]);
    expect(shareSlotsWithSummaries([100, 1, 100], 10)).toEqual([4, 1, 3]);
    expect(shareSlotsWithSummaries([10_000], 39)).toEqual([38]);
  });

  it('GIVEN votes of -1 THEN the centre is marked malicious, with the reason', () => {
    const graph = buildGraph(fixtureReport('ip', '45.77.12.34', SYNTHETIC_FIXTURES));
    expect(graph.centre).toMatchObject({ mark: 'malicious', markReason: 'most users voted malicious' });
  });

  it("GIVEN a neighbour on ThreatCrowd's malicious feed THEN it is marked and drawn before unmarked ones", () => {
    const report = fixtureReport('domain', 'google.com');
    const last = report.resolutions.at(-1) as { ip: string };
    const graph = buildGraph(report, { onFeed: (t) => t.value === last.ip });
    expect(graph.nodes.find((n) => n.value === last.ip)).toMatchObject({
      mark: 'malicious',
      markReason: "on ThreatCrowd's malicious feed",
    });
  });

  it('GIVEN a malware family THEN its samples are hash nodes marked malicious', () => {
    const graph = buildGraph(fixtureReport('antivirus', 'plugx'));
    expect(graph.centre.kind).toBe('family');
    const hashes = graph.nodes.filter((n) => n.kind === 'hash');
    expect(hashes.length).toBe(MAX_GRAPH_NODES - 2); // the centre and one "+N more hashes"

    expect(hashes.every((n) => n.mark === 'malicious' && n.markReason === 'a sample of plugx')).toBe(true);
  });

  it('GIVEN a file report THEN its domains, IPs and AV detections are neighbours and its detections mark it', () => {
    const graph = buildGraph(fixtureReport('file', 'ec8c89aa5e521572c74e2dd02a4daf78'));
    expect(graph.centre).toMatchObject({ kind: 'hash', mark: 'malicious' });
    expect(graph.nodes.map((n) => n.label)).toContain('ks.aoldaily[.]com');
    expect(graph.nodes.some((n) => n.kind === 'detection' && n.label === 'Trojan.Win32.Cossta!O')).toBe(true);
  });

  it('GIVEN 10,000 subdomains and hostile values THEN the graph stays within the node bound and says what it left out', () => {
    const graph = buildGraph(hostileReport(10_000));
    expect(graph.nodes.length).toBeLessThanOrEqual(MAX_GRAPH_NODES);
    const subdomains = graph.omissions.find((o) => o.relation === 'subdomain');
    expect(subdomains?.count).toBeGreaterThan(10_000 - MAX_GRAPH_NODES);
    expect(subdomains?.text).toMatch(/^\+\d+ more subdomains$/);
  });
});
