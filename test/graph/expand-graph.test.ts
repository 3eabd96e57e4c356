import { describe, expect, it } from 'vitest';
import { MAX_GRAPH_NODES } from '../../src/graph/build-graph.js';
import { expandGraph, type GraphLookups } from '../../src/graph/expand-graph.js';
import { emptyReport, type LookupType, type Report } from '../../src/report/report.js';
import { SYNTHETIC_FIXTURES } from '../support/fixtures.js';
import { fixtureReport } from '../support/graphs.js';

/** Lookups answered from the bundled fixtures (not found when there is none), counting upstream calls. */
function fixtureLookups(cached: Report[] = [], fail = false) {
  const calls: string[] = [];
  const lookups: GraphLookups = {
    cached: async (type, value) => cached.find((r) => r.type === type && r.value === value),
    lookup: async (type: LookupType, value: string) => {
      calls.push(`${type}:${value}`);
      if (fail) throw new Error('upstream down');
      for (const dir of [undefined, SYNTHETIC_FIXTURES]) {
        try {
          return fixtureReport(type, value, dir);
        } catch {}
      }
      return emptyReport(type, value, '2026-12-01T00:00:00.000Z');
    },
  };
  return { lookups, calls };
}

describe('depth 2', () => {
  it.each([0, 1, 3, 5])('GIVEN a budget of %i lookups THEN no more upstream lookups are made', async (budget) => {
    const { lookups, calls } = fixtureLookups();
    const graph = await expandGraph(fixtureReport('domain', 'aoldaily.com'), lookups, { maxLookups: budget });
    expect(calls.length).toBeLessThanOrEqual(budget);
    expect(graph.expansion).toMatchObject({ budget, lookups: calls.length });
    expect(graph.nodes.length).toBeLessThanOrEqual(MAX_GRAPH_NODES);
  });

  it("GIVEN aoldaily.com THEN the registrant's e-mail is expanded first and brings its other domains", async () => {
    const { lookups, calls } = fixtureLookups();
    const graph = await expandGraph(fixtureReport('domain', 'aoldaily.com'), lookups, { maxLookups: 2 });
    expect(calls[0]).toMatch(/^email:/);
    expect(graph.nodes.filter((n) => n.depth === 2).map((n) => n.label)).toEqual(
      expect.arrayContaining(['aunewsonline[.]com', 'cnndaily[.]com', 'usnewssite[.]com']),
    );
    expect(graph.expansion?.leftOut).toBeGreaterThan(0);
  });

  it('GIVEN a neighbour already in the cache THEN it is expanded without a lookup', async () => {
    const cached = fixtureReport('email', 'william19770319@yahoo.com');
    const { lookups, calls } = fixtureLookups([cached]);
    const graph = await expandGraph(fixtureReport('domain', 'aoldaily.com'), lookups, { maxLookups: 0 });
    expect(calls).toEqual([]);
    expect(graph.expansion).toMatchObject({ lookups: 0, fromCache: 1, expanded: ['william19770319[@]yahoo[.]com'] });
    expect(graph.nodes.some((n) => n.label === 'cnndaily[.]com' && n.depth === 2)).toBe(true);
  });

  it('GIVEN a neighbour that is already drawn THEN expansion links to it instead of adding a node (the cluster)', async () => {
    const { lookups } = fixtureLookups();
    const graph = await expandGraph(fixtureReport('domain', 'evilupdate.top', SYNTHETIC_FIXTURES), lookups, { maxLookups: 5 });
    const ip = graph.nodes.find((n) => n.value === '45.77.12.34');
    const cdn = graph.nodes.filter((n) => n.value === 'cdn.evilupdate.top');
    expect(cdn).toHaveLength(1);
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ from: ip?.id, to: cdn[0]?.id, relation: 'resolution', label: '2019-04-18' }),
    );
  });

  it('GIVEN upstream failing THEN the failures are counted against the budget and said', async () => {
    const { lookups, calls } = fixtureLookups([], true);
    const graph = await expandGraph(fixtureReport('domain', 'aoldaily.com'), lookups, { maxLookups: 3 });
    expect(calls).toHaveLength(3);
    expect(graph.expansion).toMatchObject({ lookups: 3, failed: 3, expanded: [] });
  });
});
