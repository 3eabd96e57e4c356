import { describe, expect, it } from 'vitest';
import { detectIndicators } from '../../src/indicators/detect.js';
import { refang } from '../../src/indicators/refang.js';

const values = (text: string) => detectIndicators(text).map((i) => i.value);

describe('defang styles analysts paste', () => {
  it.each([
    ['[-] for a hyphen, read before the name', 'block foo[-]bar[.]com', ['foo-bar.com']],
    ['-dot- between labels', 'c2 at evil-dot-com', ['evil.com']],
    ['DOT glued between words', 'visit malwareDOTxyz today', ['malware.xyz']],
    ['dot glued before a common TLD', 'phish at paypa1dotcom', ['paypa1.com']],
    ['^.', 'host evil^.net', ['evil.net']],
    ['].[', 'host evil].[net', ['evil.net']],
    ['}.{', 'host evil}.{net', ['evil.net']],
    ['<.> as typed in Slack', 'host evil&lt;.&gt;net', ['evil.net']],
    ['[. and .] half brackets', 'evil[.net and bad.]org', ['evil.net', 'bad.org']],
    ['(. and .) half parentheses', 'evil(.net and bad.)org', ['evil.net', 'bad.org']],
    ['\\. escaped dots', 'evil\\.net', ['evil.net']],
    ['commas for dots in an address', 'from 45[,]77[,]12(,)34', ['45.77.12.34']],
    ['a spaced dot before a TLD', 'the site evil . com again', ['evil.com']],
    ['a spaced dot inside an address', 'seen 45.77.12 . 34 twice', ['45.77.12.34']],
    ['a space before ://', 'http ://evil.net/x', ['evil.net']],
    ['a scheme without its colon', 'https//evil.net/x', ['evil.net']],
    ['a third slash', 'http:///evil.net/x', ['evil.net']],
    ['a bracketed scheme', '[http]://evil.net and (https)://bad.org', ['evil.net', 'bad.org']],
    ['hxxp__ for ://', 'hxxp__evil.net/gate', ['evil.net']],
    ['a worded e-mail', 'reply to billing at paypa1 dot com please', ['billing@paypa1.com']],
    ['[at] with a worded dot', 'billing [at] paypa1 dot com', ['billing@paypa1.com']],
    [
      '[et], (arroba), (punto), [punkt]',
      'a[et]evil.net b(arroba)evil(punto)org c [at] bose [punkt] de',
      ['a@evil.net', 'b@evil.org', 'c@bose.de'],
    ],
  ])('GIVEN %s THEN the indicator is found', (_name, text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it.each([
    ['"meet at noon" is not an address', 'meet at noon dot tomorrow'],
    ['"look at" is prose, not a local part', 'look at evil dot com'],
    ['a word with "dot" inside is not a defang', 'the anecdotes and the dotcom bubble'],
    ['a spaced full stop between words is a sentence', 'it is done . it works'],
    ['a spaced full stop between numbers is not an address', 'version 2 . 3'],
    ['"at" followed by a word without a dot', 'we are at home dot'],
    ['a mixed-case Dot is a word', 'PolkaDotcom'],
    ['a half parenthesis at a sentence end', '(see the notes.)'],
  ])('GIVEN %s THEN nothing is found', (_name, text) => {
    expect(values(text)).toEqual([]);
  });

  it('GIVEN a live http:// THEN it is not marked defanged, while each new style is', () => {
    expect(detectIndicators('http://evil.net hxxp__bad.org').map((i) => [i.value, i.defanged])).toEqual([
      ['evil.net', false],
      ['bad.org', true],
    ]);
  });

  it('GIVEN [-] THEN refang turns it into a hyphen before any dot rule reads the name', () => {
    expect(refang('foo[-]bar[.]com')).toBe('foo-bar.com');
    expect(values('foo[-]bar.com')).not.toContain('bar.com');
  });

  it.each([
    ['a dot inside a bracketed dot', 'x[.[.]]y.com', 'x.y.com'],
    ['a bracketed dot before a dot, in brackets', 'x[[.].]y.com', 'x.y.com'],
    ['a closing bracket too many', 'x[.[.]]]y.com', 'x.y.com'],
  ])('GIVEN nested square brackets around dots (%s) THEN they stand for one dot, never a bracket and two dots', (_name, text, live) => {
    expect(refang(text)).toBe(live);
    expect(values(text)).toEqual([live]);
  });

  it('GIVEN brackets around an ellipsis in prose THEN they are left as written', () => {
    expect(refang('he said [...] and left')).toBe('he said [...] and left');
  });
});
