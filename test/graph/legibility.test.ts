/**
 * Legible at chat size: Slack and Discord show a picture about 360–400 px wide until it is opened, so node labels
 * must still be about 7 px tall once the picture is scaled down to 360 px.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { LABEL_FONT_SIZE } from '../../src/graph/label-metrics.js';
import { renderSvg } from '../../src/graph/render-svg.js';
import { FIXTURE_REPORTS, hostileReport } from '../support/graphs.js';

/** The narrowest preview of the two platforms, px. */
const PREVIEW_WIDTH = 360;
/** The smallest label height still read without opening the picture, px. */
const LEGIBLE_PX = 7;

const shownLabelPx = (width: number) => LABEL_FONT_SIZE * Math.min(1, PREVIEW_WIDTH / width);

describe('legibility at preview width', () => {
  it.each(FIXTURE_REPORTS)('GIVEN the %s graph scaled to 360 px THEN its labels are still at least 7 px', (_name, report) => {
    for (const theme of ['dark', 'light'] as const) {
      const { width } = renderSvg(buildGraph(report()), theme);
      expect(shownLabelPx(width), `width ${width}`).toBeGreaterThanOrEqual(LEGIBLE_PX);
    }
  });

  it('GIVEN the worst case (every kind, each list full of long hostile names) THEN labels stay at least 6 px', () => {
    const { width } = renderSvg(buildGraph(hostileReport(10_000)), 'dark');
    expect(shownLabelPx(width), `width ${width}`).toBeGreaterThanOrEqual(LEGIBLE_PX - 1);
  });
});
