import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defang } from '../../src/indicators/defang.js';
import { detectIndicators, scanText } from '../../src/indicators/detect.js';
import { ipSkipReason } from '../../src/indicators/ip.js';
import { refang } from '../../src/indicators/refang.js';

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const tld = fc.constantFrom('com', 'net', 'org', 'io', 'ru', 'top', 'xyz', 'co.uk', 'zip', 'py', 'app', 'info', 'de');
const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld).map(([labels, t]) => `${labels.join('.')}.${t}`);
const publicIPv4 = fc.ipV4().filter((ip) => ipSkipReason(ip) === null);
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,10}[a-z0-9])?$/), domain)
  .map(([l, d]) => `${l}@${d}`)
  .filter((e) => !e.includes('..'));
const hash = fc
  .constantFrom(32, 40, 64)
  .chain((n) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`)))
  .filter((h) => /[0-9]/.test(h) && /[a-f]/.test(h));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: fc.constantFrom(...'[](){}.:@/\\ hxXtpa1<>|*_~`&;'), maxLength: 400 }),
);

describe('properties', () => {
  it('detectIndicators and scanText never throw on any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        scanText(text);
        detectIndicators(text, { ignoreDomains: ['corp.com'] });
      }),
      { numRuns: 2000 },
    );
  });

  it('detectIndicators(defang(x)) finds x for valid domains, public IPv4s and e-mails', () => {
    fc.assert(
      fc.property(fc.oneof(domain, publicIPv4, email), (value) => {
        const found = detectIndicators(`see ${defang(value)} now`);
        expect(found.map((i) => i.value)).toEqual([value]);
        expect(found[0]?.defanged).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('detectIndicators finds a hash standing alone and defang leaves it unchanged', () => {
    fc.assert(
      fc.property(hash, (value) => {
        expect(defang(value)).toBe(value);
        expect(detectIndicators(`hash ${value.toUpperCase()} seen`).map((i) => i.value)).toEqual([value]);
      }),
      { numRuns: 300 },
    );
  });

  it('a defanged URL yields its host', () => {
    fc.assert(
      fc.property(domain, fc.stringMatching(/^[a-z0-9/._-]{0,20}$/), (host, path) => {
        expect(detectIndicators(defang(`https://${host}/${path}`)).map((i) => i.value)).toEqual([host]);
      }),
      { numRuns: 300 },
    );
  });

  it('refang is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(refang(refang(text))).toBe(refang(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('defang is idempotent and its output is never an auto-linkable host', () => {
    fc.assert(
      fc.property(fc.oneof(domain, publicIPv4, email), (value) => {
        expect(defang(defang(value))).toBe(defang(value));
        expect(defang(value)).toMatch(/\[\.\]|\[@\]/);
      }),
    );
  });
});
