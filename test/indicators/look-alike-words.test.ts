import { parse } from 'tldts';
import { describe, expect, it } from 'vitest';
import { CLASSIC_TLDS, CODE_IDENTIFIERS, FILE_EXTENSION_TLDS, PACKAGE_ROOTS } from '../../src/indicators/look-alike-words.js';

describe('the look-alike word lists', () => {
  it('GIVEN a TLD listed as a file extension THEN it is an ICANN top-level name (else the rule would be dead)', () => {
    for (const tld of FILE_EXTENSION_TLDS) expect(parse(`name.${tld}`, { allowPrivateDomains: false }).isIcann, tld).toBe(true);
  });

  it('GIVEN the lists THEN every entry is one lower-case word (no empty entry from a stray space)', () => {
    for (const list of [FILE_EXTENSION_TLDS, CLASSIC_TLDS, PACKAGE_ROOTS, CODE_IDENTIFIERS]) {
      for (const word of list) expect(word).toMatch(/^[a-z]+$/);
    }
  });
});
