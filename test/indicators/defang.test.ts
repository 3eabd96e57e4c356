import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defang } from '../../src/indicators/defang.js';
import { scanText } from '../../src/indicators/detect.js';
import { refang } from '../../src/indicators/refang.js';
import { liveIndicators } from '../support/output-checks.js';

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const tld = fc.constantFrom('com', 'net', 'org', 'io', 'co.uk', 'zip', 'app', 'google', 'top', 'xn--p1ai', 'com.au');
/** Names whose inner labels may themselves be top-level names (`evil.com.victim.org`). */
const domain = fc
  .tuple(fc.array(fc.oneof(label, tld), { minLength: 1, maxLength: 4 }), tld)
  .map(([labels, t]) => `${labels.join('.')}.${t}`);
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9._%+-]{0,12}[a-z0-9])?$/), domain)
  .map(([l, d]) => `${l}@${d}`)
  .filter((e) => !e.includes('..'));
const pathPart = fc.stringMatching(/^[a-z0-9._~-]{0,12}$/);
const url = fc
  .tuple(fc.constantFrom('http', 'https'), fc.oneof(domain, fc.ipV4()), fc.array(pathPart, { maxLength: 3 }), fc.option(pathPart))
  .map(([scheme, host, path, query]) => `${scheme}://${host}/${path.join('/')}${query === null ? '' : `?q=${query}`}`);
const schemeless = fc.tuple(domain, fc.array(pathPart, { minLength: 1, maxLength: 3 })).map(([d, path]) => `${d}/${path.join('/')}`);
const indicator = fc.oneof(domain, fc.domain(), fc.ipV4(), fc.ipV6(), email, url, schemeless);

describe('defang', () => {
  it('refang(defang(x)) === x for every indicator: domains, IPv4, IPv6, e-mail addresses, URLs', () => {
    fc.assert(
      fc.property(indicator, (value) => {
        expect(refang(defang(value))).toBe(value);
      }),
      { numRuns: 3000 },
    );
  });

  it('no defanged indicator is live: whatever a detector finds in it was written defanged', () => {
    fc.assert(
      fc.property(indicator, (value) => {
        expect(liveIndicators(`seen ${defang(value)} today`)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('defanging twice changes nothing', () => {
    fc.assert(
      fc.property(indicator, (value) => {
        expect(defang(defang(value))).toBe(defang(value));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['evil.com/path/payload.exe', 'evil[.]com/path/payload[.]exe'],
    ['http://evil.com/[.]x', 'hxxp://evil[.]com/[.]x'],
    ['evil.com.', 'evil[.]com.'],
    ['evil.com.victim.org', 'evil[.]com.victim[.]org'],
    ['evil.co.uk', 'evil[.]co[.]uk'],
    ['sub.evil.com', 'sub.evil[.]com'],
    ['https://evil.com/a.php?u=x.y@z.org', 'hxxps://evil[.]com/a[.]php?u=x[.]y[@]z[.]org'],
    ['ftp://files.evil.com/x', 'fxp://files[.]evil[.]com/x'],
    ['user@mail.evil.com', 'user[@]mail.evil[.]com'],
    ['a[@]evil.com', 'a[@]evil[.]com'],
    ['188.40.75.132', '188.40.75[.]132'],
    ['2001:db8::1', '2001:db8:[:]1'],
    ['ec8c89aa5e521572c74e2dd02a4daf78', 'ec8c89aa5e521572c74e2dd02a4daf78'],
  ])('GIVEN %s THEN %s', (value, expected) => {
    expect(defang(value)).toBe(expected);
    expect(scanText(defang(value)).indicators.every((i) => i.defanged || i.type === 'md5')).toBe(true);
  });
});
