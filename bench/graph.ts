/**
 * Graph drawing: the depth-1 graph of google.com's recorded report (a full answer, cut to the node cap), stage by
 * stage, p50/p95; then the same picture served again, kept with the report (no drawing).
 */
import { readFileSync } from 'node:fs';
import { buildGraph } from '../src/graph/build-graph.js';
import { GraphPictures } from '../src/graph/graph-pictures.js';
import { layoutGraph } from '../src/graph/layout.js';
import { renderPng } from '../src/graph/render-png.js';
import { renderSvg } from '../src/graph/render-svg.js';
import type { ThemeName } from '../src/graph/theme.js';
import { normaliseReport } from '../src/threatcrowd/parse.js';

const RUNS = 30;
const FIXTURE = new URL('../fixtures/threatcrowd/real/domain-google.com.json', import.meta.url);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

export async function benchGraph(): Promise<string[]> {
  const report = normaliseReport('domain', 'google.com', JSON.parse(readFileSync(FIXTURE, 'utf8')), new Date().toISOString());
  const stages = { build: [] as number[], layout: [] as number[], svg: [] as number[], png: [] as number[], total: [] as number[] };
  const sizes: Record<ThemeName, number> = { dark: 0, light: 0 };
  let dims = '';
  let nodes = 0;
  for (let run = -3; run < RUNS; run++) {
    const theme: ThemeName = run % 2 === 0 ? 'dark' : 'light';
    const t0 = performance.now();
    const graph = buildGraph(report);
    const t1 = performance.now();
    const layout = layoutGraph(graph);
    const t2 = performance.now();
    const svg = renderSvg(graph, theme, layout);
    const t3 = performance.now();
    const png = renderPng(svg.svg);
    const t4 = performance.now();
    if (run < 0) continue; // warm-up
    stages.build.push(t1 - t0);
    stages.layout.push(t2 - t1);
    stages.svg.push(t3 - t2);
    stages.png.push(t4 - t3);
    stages.total.push(t4 - t0);
    sizes[theme] = png.png.length;
    dims = `${png.width}×${png.height}`;
    nodes = graph.nodes.length;
  }
  const pictures = new GraphPictures(null, { ttlMs: 60_000 });
  await pictures.picture(buildGraph(report), 'dark');
  const kept: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    await pictures.picture(buildGraph(report), 'dark');
    kept.push(performance.now() - t0);
  }
  const rows = Object.entries({ ...stages, 'kept (build + key + memory)': kept }).map(([stage, times]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return `| ${stage} | ${percentile(sorted, 0.5).toFixed(1)} | ${percentile(sorted, 0.95).toFixed(1)} |`;
  });
  return [
    `${nodes} nodes, ${dims} px, ${RUNS} runs after 3 warm-ups, themes alternating.`,
    '',
    '| stage | p50 ms | p95 ms |',
    '|---|---|---|',
    ...rows,
    '',
    `PNG size: dark ${(sizes.dark / 1024).toFixed(0)} KB, light ${(sizes.light / 1024).toFixed(0)} KB.`,
  ];
}
