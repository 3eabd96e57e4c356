import { describe, expect, it } from 'vitest';
import { intersectingPairs, type Rect, removeOverlaps } from '../../src/graph/overlap.js';

const crowd = (count: number): Rect[] => Array.from({ length: count }, () => ({ x: 0, y: 0, width: 260, height: 30 }));

describe('removing overlaps', () => {
  it('GIVEN rectangles all on one spot THEN afterwards none intersect and the pinned one has not moved', () => {
    const rects = crowd(40);
    removeOverlaps(rects, 8, 0);
    expect(intersectingPairs(rects)).toEqual([]);
    expect(rects[0]).toMatchObject({ x: 0, y: 0 });
  });

  it('GIVEN too few passes to settle a crowd THEN the stragglers are shelved below and still none intersect', () => {
    const rects = crowd(25);
    expect(removeOverlaps(rects, 8, 0, 1)).toBe(1);
    expect(intersectingPairs(rects)).toEqual([]);
  });

  it('GIVEN rectangles apart THEN nothing moves', () => {
    const rects: Rect[] = [
      { x: 0, y: 0, width: 10, height: 10 },
      { x: 100, y: 0, width: 10, height: 10 },
    ];
    expect(removeOverlaps(rects, 8)).toBe(1);
    expect(rects.map((r) => r.x)).toEqual([0, 100]);
  });
});
