import { describe, expect, it } from 'vitest';
import { altText } from '../../src/graph/alt-text.js';
import { buildGraph, MAX_GRAPH_NODES } from '../../src/graph/build-graph.js';
import { drawGraph } from '../../src/graph/draw-graph.js';
import { expandGraph, type GraphLookups } from '../../src/graph/expand-graph.js';
import { labelFor } from '../../src/graph/label-text.js';
import { layoutGraph } from '../../src/graph/layout.js';
import type { Graph } from '../../src/graph/model.js';
import { intersectingPairs } from '../../src/graph/overlap.js';
import { renderSvg } from '../../src/graph/render-svg.js';
import { THEME } from '../../src/graph/theme.js';
import { emptyReport } from '../../src/report/report.js';
import { SYNTHETIC_FIXTURES } from '../support/fixtures.js';
import { FIXTURE_REPORTS, fixtureReport, HOSTILE_VALUES, hostileReport, isLive } from '../support/graphs.js';
import { decodePng } from '../support/png.js';

const ALL: Array<[string, () => Graph]> = [
  ...FIXTURE_REPORTS.map(([name, report]): [string, () => Graph] => [name, () => buildGraph(report())]),
  ['hostile report with 10,000 subdomains', () => buildGraph(hostileReport(10_000))],
];

/** Expansion answered from the bundled fixtures (nothing known when there is none). */
const fixtureLookups: GraphLookups = {
  cached: async () => undefined,
  lookup: async (type, value) => {
    try {
      return fixtureReport(type, value, SYNTHETIC_FIXTURES);
    } catch {
      return emptyReport(type, value, '2026-12-01T00:00:00.000Z');
    }
  },
};

/** The text of every <text> element, XML entities decoded. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '').replace(/&#(\d+);/g, (_e, code: string) => String.fromCharCode(Number(code))),
  );
}

describe('drawing the graph', () => {
  it.each(ALL)('GIVEN the %s THEN no two label boxes intersect', (_name, graph) => {
    const layout = layoutGraph(graph());
    expect(intersectingPairs(layout.nodes.map((p) => ({ x: p.x, y: p.y, ...p.box })))).toEqual([]);
  });

  it.each(ALL)('GIVEN the %s THEN the PNG decodes, at the size of the SVG, within bounds', async (_name, graph) => {
    const g = graph();
    const picture = await drawGraph(g);
    const png = decodePng(picture.png);
    expect([png.width, png.height]).toEqual([picture.width, picture.height]);
    expect(picture.nodeCount).toBeLessThanOrEqual(MAX_GRAPH_NODES);
    expect(png.width).toBeLessThanOrEqual(2400);
    expect(png.height).toBeLessThanOrEqual(2400);
    expect(picture.png.length).toBeLessThan(1_000_000);
  });

  it.each(ALL)('GIVEN the %s THEN every node label is in the SVG, defanged and XML-escaped', (_name, graph) => {
    const g = graph();
    const { svg } = renderSvg(g);
    const texts = svgTexts(svg);
    for (const node of g.nodes) {
      expect(texts).toContain(node.label);
      expect(isLive(node)).toBe(false);
    }
    // Nothing outside the drawing's own markup: every < opens one of our elements.
    const tags = new Set([...svg.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['circle', 'g', 'line', 'path', 'polygon', 'rect', 'svg', 'text'].filter((t) => tags.has(t)).sort());
  });

  it('GIVEN a depth-2 graph THEN its label boxes do not intersect either', async () => {
    const graph = await expandGraph(fixtureReport('domain', 'evilupdate.top', SYNTHETIC_FIXTURES), fixtureLookups, { maxLookups: 5 });
    expect(graph.nodes.some((n) => n.depth === 2)).toBe(true);
    const layout = layoutGraph(graph);
    expect(intersectingPairs(layout.nodes.map((p) => ({ x: p.x, y: p.y, ...p.box })))).toEqual([]);
  });

  it('GIVEN hostile values THEN none reaches the SVG raw: markup is escaped or removed, no invisible character is left', () => {
    const { svg } = renderSvg(buildGraph(hostileReport(100)));
    expect(svg.replace(/\n/g, '')).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    for (const value of HOSTILE_VALUES.filter((v) => /[<>&"]/.test(v))) expect(svg).not.toContain(value);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('CDATA[');
  });

  it('GIVEN the dark and the light theme THEN each draws in its own colours', async () => {
    const graph = buildGraph(fixtureReport('domain', 'aoldaily.com'));
    const dark = renderSvg(graph, 'dark').svg;
    const light = renderSvg(graph, 'light').svg;
    expect(dark).toContain(`fill="${THEME.dark.background}"`);
    expect(light).toContain(`fill="${THEME.light.background}"`);
    expect(decodePng((await drawGraph(graph, { theme: 'light' })).png).width).toBeGreaterThan(0);
  });

  it('GIVEN a graph THEN the legend names each kind drawn and each mark used', () => {
    const graph = buildGraph(fixtureReport('domain', 'evilupdate.top', SYNTHETIC_FIXTURES), { onFeed: () => true });
    const texts = svgTexts(renderSvg(graph).svg);
    for (const word of ['domain', 'IP address', 'e-mail', 'file hash', 'reference', 'malicious']) expect(texts).toContain(word);
  });

  it('GIVEN a graph THEN its alt text lists the nodes it shows and what was left out', () => {
    const graph = buildGraph(fixtureReport('domain', 'google.com'));
    const text = altText(graph, 100_000);
    // Named whole (the picture shortens hashes to fit; the alt text does not).
    for (const node of graph.nodes.filter((n) => n.kind !== 'more')) expect(text).toContain(labelFor(node.kind, node.value, 80));
    expect(text).toMatch(/\b[0-9a-f]{32,64}\b/);
    expect(text).toMatch(/\+\d+ more resolutions of google\[\.\]com/);
    expect(altText(graph, 300).length).toBeLessThanOrEqual(300);
    expect(altText(graph, 300).endsWith(' …')).toBe(true);
  });

  it('GIVEN the same graph twice THEN the layout is the same (the picture is cached with the report)', () => {
    const graph = buildGraph(fixtureReport('ip', '188.40.75.132'));
    expect(renderSvg(graph).svg).toBe(renderSvg(graph).svg);
  });
});
