import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/indicators/detect.js';
import { ipSkipReason } from '../../src/indicators/ip.js';
import { REFANG_RULES } from '../../src/indicators/refang-rules.js';
import { nextDefang } from '../../src/indicators/refang-scanner.js';
import { forgetRememberedTokens } from '../../src/indicators/token-cache.js';
import { tokenCandidates } from '../../src/indicators/token-candidates.js';

/** The reference: every rule as one alternation, as the detector used to run them. */
const COMBINED = new RegExp(REFANG_RULES.map((rule) => `(${rule.pattern})`).join('|'), 'gi');

function combinedAt(text: string, from: number): { name: string; index: number; text: string } | null {
  COMBINED.lastIndex = from;
  const match = COMBINED.exec(text);
  if (!match) return null;
  const rule = REFANG_RULES.findIndex((_, i) => match[i + 1] !== undefined);
  return { name: REFANG_RULES[rule]?.name ?? '', index: match.index, text: match[0] };
}

const defangPieces = fc.constantFrom(
  ...'[](){}<>.:@/\\^,-_ \t\u00a0\u3000\u3002\uff0e hxtpfdoa1Z'.split(''),
  'dot',
  'DOT',
  ' at ',
  ' [at] ',
  ' . ',
  '[.]',
  '(.)',
  '{.}',
  '[,]',
  '[@]',
  '[-]',
  'hxxp',
  'hXXps',
  'h[xx]p',
  'fxp',
  '://',
  '[://]',
  '__',
  'punto',
  'punkt',
  'arroba',
  'example',
  'com',
  'john at evil dot com',
  'a (at) b (dot) org',
  'x [at] y [dot] net',
  'evil . com',
  'evildotcom',
  'evilDOTnet',
  'evil-dot-org',
);
const defangText = fc.array(defangPieces, { maxLength: 80 }).map((a) => a.join(''));

describe('the refang scanner', () => {
  it('finds what the combined expression of all rules finds: the leftmost match, the earliest rule there', () => {
    fc.assert(
      fc.property(defangText, fc.nat(40), (text, from) => {
        const start = Math.min(from, text.length);
        const found = nextDefang(text, start);
        const expected = combinedAt(text, start);
        expect(found && { name: found.rule.name, index: found.index, text: found.text }).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the IPv4 skip reason without ipaddr.js', () => {
  it('GIVEN any IPv4 THEN it is refused exactly when ipaddr.js puts it in a special range', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(ipSkipReason(ip) === null).toBe(ipaddr.IPv4.parse(ip).range() === 'unicast');
      }),
      { numRuns: 20_000 },
    );
  });

  it('GIVEN the first address of every special range and documentation block THEN it is refused', () => {
    for (const ip of ['0.0.0.1', '10.0.0.1', '100.64.0.1', '127.0.0.1', '169.254.0.1', '172.16.0.1', '192.0.0.1']) {
      expect(ipSkipReason(ip)).not.toBeNull();
    }
    for (const ip of ['192.0.2.1', '192.168.0.1', '198.18.0.1', '198.51.100.1', '203.0.113.1', '224.0.0.1', '240.0.0.1']) {
      expect(ipSkipReason(ip)).not.toBeNull();
    }
    expect(ipSkipReason('8.8.8.8')).toBeNull();
  });
});

describe('remembered token answers', () => {
  const chatPieces = fc.constantFrom(
    'user.name',
    'evil.com',
    'evil[.]com',
    'evil.com(',
    'main.py',
    'corp.evil.com',
    '10.0.0.1',
    '45.77.12.34',
    'a@evil.com',
    'token=d41d8cd98f00b204e9800998ecf8427e',
    'md5 d41d8cd98f00b204e9800998ecf8427e',
    'commit da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'https://www.virustotal.com/gui/domain/bad.org',
    'evil.com%2F',
    'it.Today',
    ' ',
    '\n',
  );
  const chat = fc.array(chatPieces, { maxLength: 12 }).map((a) => a.join(' '));
  const ignoreLists = fc.constantFrom<readonly string[]>([], ['evil.com'], ['corp.evil.com']);

  it('GIVEN texts read one after the other THEN each reads as it does with nothing remembered', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(chat, ignoreLists), { minLength: 1, maxLength: 6 }), (texts) => {
        const warm = texts.map(([text, ignoreDomains]) => scanText(text, { ignoreDomains }));
        const fresh = texts.map(([text, ignoreDomains]) => {
          forgetRememberedTokens();
          return scanText(text, { ignoreDomains });
        });
        expect(warm).toEqual(fresh);
      }),
      { numRuns: 500 },
    );
  });

  it('GIVEN the same name bare, defanged and before ( THEN each context gives its own answer', () => {
    const values = (text: string) => scanText(text).indicators.map((i) => `${i.value}${i.defanged ? ' (defanged)' : ''}`);
    expect(values('user.name')).toEqual([]);
    expect(values('user[.]name')).toEqual(['user.name (defanged)']);
    expect(values('evil.com')).toEqual(['evil.com']);
    expect(values('evil.com(')).toEqual([]);
    expect(values('evil.com')).toEqual(['evil.com']);
  });

  it('GIVEN IGNORE_DOMAINS changes between messages THEN a remembered answer does not outlive it', () => {
    expect(scanText('corp.evil.com').indicators.map((i) => i.value)).toEqual(['corp.evil.com']);
    expect(scanText('corp.evil.com', { ignoreDomains: ['evil.com'] }).skipped.map((i) => i.reason)).toEqual(['ignored-domain']);
    expect(scanText('corp.evil.com', { ignoreDomains: [] }).indicators.map((i) => i.value)).toEqual(['corp.evil.com']);
  });
});

describe('words the token scanner passes over', () => {
  it('GIVEN a word whose only anchor is one . or : at its end THEN reading it would find nothing (in chat or a command)', () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9_~?!#$&+=-]{0,29}$/);
    fc.assert(
      fc.property(word, fc.constantFrom('.', ':'), fc.boolean(), (w, end, trusted) => {
        fc.pre(w.toLowerCase() !== 'localhost');
        const raw = w + end;
        const ctx = { source: raw, start: 0, next: '', defanged: false, inUrl: false, gluedKey: null, trusted, ignoreDomains: [] };
        expect(tokenCandidates(raw, ctx)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  it('GIVEN localhost. or localhost: THEN it is still read (a reserved name, never sent upstream)', () => {
    expect(scanText('ping localhost. now').skipped.map((i) => i.value)).toEqual(['localhost']);
    expect(scanText('see LOCALHOST: there').skipped.map((i) => i.value)).toEqual(['localhost']);
  });
});
