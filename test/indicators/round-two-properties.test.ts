import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { defang } from '../../src/indicators/defang.js';
import { detectIndicators, scanText } from '../../src/indicators/detect.js';
import { ipSkipReason } from '../../src/indicators/ip.js';
import { refang } from '../../src/indicators/refang.js';
import type { IndicatorType } from '../../src/indicators/types.js';

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const tld = fc.constantFrom('com', 'net', 'org', 'io', 'ru', 'top', 'xyz', 'co.uk', 'info', 'de', 'biz');
const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld).map(([labels, t]) => `${labels.join('.')}.${t}`);
const ipv4 = fc.ipV4().filter((ip) => ipSkipReason(ip) === null);
// Global unicast (2000::/3) with at least three groups written: shorter forms (`1::`, `A::B`) are code far more often than addresses.
const ipv6 = fc
  .tuple(
    fc.integer({ min: 0x2000, max: 0x3fff }),
    fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 7, maxLength: 7 }),
  )
  .map(([first, rest]) => ipaddr.IPv6.parse([first, ...rest].map((g) => g.toString(16)).join(':')).toString())
  .filter((ip) => ip.split(':').filter(Boolean).length >= 3 && ipSkipReason(ip) === null);
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,10}[a-z0-9])?$/), domain)
  .map(([l, d]) => `${l}@${d}`)
  .filter((e) => !e.includes('..'));
const hexDigit = fc.constantFrom(...'0123456789abcdef'.split(''));
const hash = fc
  .constantFrom(32, 40, 64)
  .chain((n) => fc.array(hexDigit, { minLength: n, maxLength: n }).map((d) => d.join('')))
  .filter((h) => /[0-9]/.test(h) && /[a-f]/.test(h));

type Kind = 'host' | 'ipv6' | 'email' | 'hash';
const indicator: fc.Arbitrary<[Kind, string]> = fc.oneof(
  fc.tuple(fc.constant<Kind>('host'), fc.oneof(domain, ipv4)),
  fc.tuple(fc.constant<Kind>('ipv6'), ipv6),
  fc.tuple(fc.constant<Kind>('email'), email),
  fc.tuple(fc.constant<Kind>('hash'), hash),
);

/** Wrappers an indicator arrives in, for the kinds each one suits. */
const WRAPPERS: Array<[string, Kind[], (v: string) => string]> = [
  ['parentheses', ['host', 'email', 'hash', 'ipv6'], (v) => `(${v})`],
  ['quotes', ['host', 'email', 'hash', 'ipv6'], (v) => `"${v}"`],
  ['a code span', ['host', 'email', 'hash', 'ipv6'], (v) => `\`${v}\``],
  ['Discord bold', ['host', 'email', 'hash'], (v) => `**${v}**`],
  ['a sentence end', ['host', 'email', 'hash'], (v) => `${v}.`],
  ['a percent-encoded slash', ['host'], (v) => `${v}%2Fgate`],
  ['a command-line switch', ['host'], (v) => `/url:hxxps://${v}/x`],
  ['an odd scheme', ['host'], (v) => `hxxp__${v}/x`],
  ['a bracketed scheme', ['host'], (v) => `[https]://${v}/x`],
  ['an e-mail IPv6 literal', ['ipv6'], (v) => `bob@[IPv6:${v}]`],
  ['punctuation', ['hash'], (v) => `!@#${v}!@#-`],
  ['a VirusTotal link', ['host', 'hash'], (v) => `https://www.virustotal.com/gui/${v.includes('.') ? 'domain' : 'file'}/${v}/details`],
];

const values = (text: string) => detectIndicators(text).map((i) => i.value);

describe('round-two properties', () => {
  it('no input throws, whatever mix of defang characters, words and encodings it holds', () => {
    const pieces = fc.constantFrom(
      ...'[](){}<>.:@/\\^,-_%2F hxtpa1 '.split(''),
      'dot',
      'DOT',
      ' at ',
      ' . ',
      '[-]',
      '%2F',
      'hxxp__',
      '/url:',
      '[IPv6:',
      '::',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.array(pieces, { maxLength: 120 }).map((a) => a.join('')),
        ),
        (text) => {
          scanText(text);
          refang(text);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('detect(refang(defang(x))) finds x for every kind of indicator, and chat reads it as it reads x', () => {
    fc.assert(
      fc.property(indicator, ([, value]) => {
        const roundTrip = refang(defang(value));
        expect(detectIndicators(roundTrip, { context: 'command' }).map((i) => i.value)).toEqual([value]);
        // In chat a plain `a.top` may be code; the round trip must read exactly as the value itself does.
        expect(values(`seen ${roundTrip} today`)).toEqual(values(`seen ${value} today`));
      }),
      { numRuns: 1000 },
    );
  });

  it('a defanged indicator inside any wrapper is found exactly once', () => {
    fc.assert(
      fc.property(indicator, fc.constantFrom(...WRAPPERS), ([kind, value], [, kinds, wrap]) => {
        fc.pre(kinds.includes(kind));
        const found = detectIndicators(`note ${wrap(defang(value))} end`);
        expect(found.map((i) => i.value)).toEqual([value]);
        expect(found.map((i) => i.type as IndicatorType)).toHaveLength(1);
      }),
      { numRuns: 1500 },
    );
  });
});
