import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defangText, safeText, stripUnsafe } from '../../src/summary/safe-text.js';
import { fitLines } from '../../src/summary/split-text.js';
import { ESCAPE_OR_BIDI, liveIndicators } from '../support/output-checks.js';

describe('safe text', () => {
  it.each([
    ['\u001b]8;;https://evil.com\u0007click\u001b]8;;\u0007', ']8;;https://evil.comclick]8;;'],
    ['\u001b[2J\u001b[Hcleared', '[2J[Hcleared'],
    ['\u202egnp.exe', 'gnp.exe'],
    ['zero\u200bwidth', 'zerowidth'],
    ['line\r\nbreak', 'line break'],
  ])('GIVEN %j THEN escapes, controls and bidi marks are gone: %j', (input, expected) => {
    expect(stripUnsafe(input)).toBe(expected);
  });

  it.each([
    ['Whitelisted by https://evil-0.com/list.txt', 'Whitelisted by hxxps://evil-0[.]com/list[.]txt'],
    ['mail ceo@victim.org now', 'mail ceo[@]victim[.]org now'],
    ['seen at 45.77.12.34 and evil.co.uk.', 'seen at 45.77.12[.]34 and evil[.]co[.]uk.'],
    ['x[2Jhttps://evil.com', 'x[2Jhxxps://evil[.]com'],
    ['Trojan.Win32.Agent', 'Trojan.Win32[.]Agent'],
    ['plugx', 'plugx'],
  ])('GIVEN %j THEN every indicator inside is defanged: %j', (input, expected) => {
    expect(defangText(input)).toBe(expected);
  });

  it('GIVEN an IPv6 address right after a dot (".::a", found by the property below) THEN it is defanged too', () => {
    expect(liveIndicators(safeText('.::a', 10))).toEqual([]);
  });

  it.each(['::a:', ':::a', 'x ::1: y'])(
    'GIVEN an IPv6 address with a colon of punctuation around it (%j, found by the property below) THEN it is defanged too',
    (text) => {
      expect(liveIndicators(safeText(text, 20))).toEqual([]);
    },
  );

  it('whatever the input, the result has no escape or bidi character, no live indicator, and keeps its bound', () => {
    const unit = fc.constantFrom(...'ab.@:/ -\u001b\u202e\u200b\n\t[]1'.split(''), 'http://', 'evil.com', 'x@y.org', '1.2.3.4');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), fc.integer({ min: 10, max: 300 }), (text, max) => {
        const safe = safeText(text, max);
        expect(safe.length).toBeLessThanOrEqual(max);
        expect(safe).not.toMatch(ESCAPE_OR_BIDI);
        expect(safe).not.toMatch(/https?:\/\//);
        expect(liveIndicators(safe)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('fitLines keeps whole lines within the bound and counts every line left out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 40 }).map((s) => `\`${s.replace(/[`\n]/g, '')}\``)),
        fc.nat(50),
        fc.integer({ min: 20, max: 400 }),
        (lines, hidden, max) => {
          const text = fitLines(lines, max, hidden);
          expect(text.length).toBeLessThanOrEqual(max);
          const shown = text.split('\n').filter((l) => !/^\+\d+ more$/.test(l));
          const more = Number(/\+(\d+) more$/.exec(text)?.[1] ?? 0);
          if (shown.every((l) => lines.includes(l))) expect(shown.length + more).toBe(lines.length + hidden);
        },
      ),
      { numRuns: 500 },
    );
  });
});
