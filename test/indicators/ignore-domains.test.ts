/**
 * IGNORE_DOMAINS is compared in the canonical form every name is checked in (punycode, no trailing dot), however
 * an administrator wrote it: an internal domain never reaches upstream because of how it was spelt in the setting.
 */
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../src/config/settings.js';
import { isIgnoredDomain } from '../../src/indicators/domain.js';
import { decodePivot } from '../../src/summary/pivot-value.js';
import { createTestBot } from '../support/test-bot.js';

describe('IGNORE_DOMAINS written as people write names', () => {
  it('GIVEN an entry in Unicode, in capitals, with a trailing dot or a leading *. THEN names below it are internal', () => {
    const ignored = ['München-Intern.de', 'acme-intern.com.', '*.corp.example.org'];
    expect(isIgnoredDomain('vpn.xn--mnchen-intern-wob.de', ignored)).toBe(true);
    expect(isIgnoredDomain('vpn.acme-intern.com', ignored)).toBe(true);
    expect(isIgnoredDomain('db.corp.example.org', ignored)).toBe(true);
    expect(isIgnoredDomain('acme-intern.com.evil.net', ignored)).toBe(false);
    expect(isIgnoredDomain('xn--mnchen-intern-wob.de.evil.net', ignored)).toBe(false);
  });

  it('GIVEN such entries THEN no message, command, watch or pivot sends a host below them upstream', async () => {
    const t = await createTestBot({ IGNORE_DOMAINS: 'münchen-intern.de,acme-intern.com.' });
    await t.say('beacons from vpn.münchen-intern[.]de and vpn.acme-intern[.]com last night');
    const [command] = await t.command('vpn.münchen-intern.de');
    await t.command('watch vpn.acme-intern.com');
    expect(t.sim.requests).toEqual([]);
    expect(JSON.stringify(command)).toMatch(/internal/i);
    expect(() => decodePivot('d:vpn.münchen-intern.de', ['münchen-intern.de'])).toThrow();
  });

  it('GIVEN an entry that is no name THEN the settings are refused with one line naming IGNORE_DOMAINS', () => {
    expect(() => loadSettings({ IGNORE_DOMAINS: 'corp.example.org, *.' })).toThrow(SettingsError);
    try {
      loadSettings({ IGNORE_DOMAINS: '*.' });
    } catch (error) {
      expect((error as SettingsError).problems.join('\n')).toMatch(/IGNORE_DOMAINS.*domain name/);
    }
  });
});
