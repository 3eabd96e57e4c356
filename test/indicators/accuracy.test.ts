import { describe, expect, it } from 'vitest';
import { ours, score } from '../../bench/accuracy.js';
import { CASES } from '../../bench/accuracy-cases.js';
import { HELD_OUT_CASES } from '../../bench/held-out-cases.js';

describe('accuracy on the labelled lines of the benchmark', () => {
  it.each([
    ['the lines written alongside the rules', CASES],
    ['the held-out lines written after them', HELD_OUT_CASES],
  ])('GIVEN %s THEN every type keeps precision at or above 0.97 and recall at or above 0.95', (_name, cases) => {
    for (const [type, { tp, fp, fn }] of score(ours, cases)) {
      if (tp + fp > 0) expect(tp / (tp + fp), `${type} precision`).toBeGreaterThanOrEqual(0.97);
      if (tp + fn > 0) expect(tp / (tp + fn), `${type} recall`).toBeGreaterThanOrEqual(0.95);
    }
  });
});
