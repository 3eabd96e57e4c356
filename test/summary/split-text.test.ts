import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitText, truncate } from '../../src/summary/split-text.js';

describe('splitText', () => {
  it('joined pieces give back the whole text, and no piece is over the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3000 }), fc.integer({ min: 2, max: 500 }), (text, max) => {
        const pieces = splitText(text, max);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 500 },
    );
  });

  it('GIVEN lines THEN it cuts at a line break', () => {
    expect(splitText('aaaa\nbbbb\ncccc', 10)).toEqual(['aaaa\nbbbb\n', 'cccc']);
  });

  it('GIVEN a long text THEN truncate ends it with an ellipsis within the limit', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
