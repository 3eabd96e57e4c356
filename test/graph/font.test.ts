import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { LABEL_FONT_SIZE, MONO_ADVANCE, textWidth } from '../../src/graph/label-metrics.js';
import { FONT_FILES } from '../../src/graph/render-png.js';
import { FONT_FAMILY } from '../../src/graph/render-svg.js';

function drawnWidth(text: string, fontFiles: string[]): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="40"><text x="10" y="30" font-family="${FONT_FAMILY}" font-size="${LABEL_FONT_SIZE}">${text}</text></svg>`;
  const resvg = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT_FAMILY } });
  return resvg.getBBox()?.width ?? 0;
}

describe('the shipped font', () => {
  it('GIVEN a label THEN resvg draws it in DejaVu Sans Mono at the width the layout counted', () => {
    const label = 'william19770319[@]yahoo[.]com';
    const counted = textWidth(label, LABEL_FONT_SIZE);
    const drawn = drawnWidth(label, FONT_FILES);
    // The ink box is the advances less the side bearings of the first and last glyph.
    expect(drawn).toBeGreaterThan(counted - MONO_ADVANCE * LABEL_FONT_SIZE);
    expect(drawn).toBeLessThanOrEqual(counted);
  });

  it('GIVEN no font files THEN nothing is drawn: the picture depends on no system font', () => {
    expect(drawnWidth('aoldaily[.]com', [])).toBe(0);
  });
});
