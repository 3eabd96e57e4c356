import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { DRAWING_LIMITS, DrawingBusyError, drawGraph } from '../../src/graph/draw-graph.js';
import { FIXTURE_REPORTS } from '../support/graphs.js';

describe('drawing limits', () => {
  it('GIVEN a flood of drawings at once THEN a short queue is drawn and the rest are told to ask again, nothing crashes', async () => {
    const [, report] = FIXTURE_REPORTS[0] ?? [];
    if (!report) throw new Error('no fixture report');
    const graph = buildGraph(report());
    const flood = 30;
    const results = await Promise.allSettled(Array.from({ length: flood }, () => drawGraph(graph)));
    const drawn = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(drawn.length).toBeGreaterThanOrEqual(DRAWING_LIMITS.waiting);
    // One running and eight waiting at any moment; a drawing that ends while the flood is still being handed in
    // frees its place (Bottleneck takes jobs in asynchronously), so a few more than nine may be drawn, never most.
    expect(drawn.length).toBeLessThan(flood / 2);
    expect(refused.length).toBe(flood - drawn.length);
    for (const r of refused) expect(r.status === 'rejected' && r.reason).toBeInstanceOf(DrawingBusyError);
    // Once the queue has drained, the next drawing goes through.
    await expect(drawGraph(graph)).resolves.toMatchObject({ nodeCount: graph.nodes.length });
  }, 60_000);
});
