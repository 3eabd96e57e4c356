/** Graph drawing: a depth-1 graph of a 40-node answer (google.com's recorded report), stage by stage, p50/p95. */
import { readFileSync } from 'node:fs';
import { buildGraph } from '../src/graph/build-graph.js';
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

export function benchGraph(): string[] {
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
  const rows = Object.entries(stages).map(([stage, times]) => {
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
