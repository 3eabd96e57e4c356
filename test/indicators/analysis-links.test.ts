import { describe, expect, it } from 'vitest';
import { ANALYSIS_SITES } from '../../src/indicators/analysis-links.js';
import { detectIndicators, scanText } from '../../src/indicators/detect.js';

const SHA256 = '4d3c2b1a0f9e8d7c6b5a49382716f5e4d3c2b1a0f9e8d7c6b5a49382716f5e4d';
const MD5 = '9e107d9d372bb6826bd81d3542a419d6';
const found = (text: string) => detectIndicators(text).map((i) => [i.type, i.value]);

describe('links to analysis sites yield the indicator in their path or query, not the site', () => {
  it.each([
    ['VirusTotal file', `https://www.virustotal.com/gui/file/${SHA256}/detection`, ['sha256', SHA256]],
    ['VirusTotal IP', 'https://www.virustotal.com/gui/ip-address/45.77.12.34/relations', ['ipv4', '45.77.12.34']],
    ['VirusTotal domain', 'https://www.virustotal.com/gui/domain/evil-update.net', ['domain', 'evil-update.net']],
    ['VirusTotal, the old layout', `https://www.virustotal.com/en/file/${SHA256}/analysis/`, ['sha256', SHA256]],
    ['urlscan.io domain', 'https://urlscan.io/domain/evil-update.net', ['domain', 'evil-update.net']],
    ['urlscan.io IP', 'https://urlscan.io/ip/45.77.12.34', ['ipv4', '45.77.12.34']],
    ['OTX domain', 'https://otx.alienvault.com/indicator/domain/evil-update.net', ['domain', 'evil-update.net']],
    ['OTX hostname', 'https://otx.alienvault.com/indicator/hostname/cdn.evil-update.net', ['domain', 'cdn.evil-update.net']],
    ['OTX IPv6', 'https://otx.alienvault.com/indicator/ip/2606:4700:4700::1111', ['ipv6', '2606:4700:4700::1111']],
    ['OTX file', `https://otx.alienvault.com/indicator/file/${MD5}`, ['md5', MD5]],
    ['MalwareBazaar sample', `https://bazaar.abuse.ch/sample/${SHA256}/`, ['sha256', SHA256]],
    ['MalwareBazaar search', `https://bazaar.abuse.ch/browse.php?search=sha256%3A${SHA256}`, ['sha256', SHA256]],
    ['URLhaus host', 'https://urlhaus.abuse.ch/host/evil-update.net/', ['domain', 'evil-update.net']],
    ['ThreatFox search', 'https://threatfox.abuse.ch/browse.php?search=ioc%3Aevil-update.net', ['domain', 'evil-update.net']],
    ['Shodan host', 'https://www.shodan.io/host/45.77.12.34', ['ipv4', '45.77.12.34']],
    ['AbuseIPDB check', 'https://www.abuseipdb.com/check/45.77.12.34', ['ipv4', '45.77.12.34']],
    ['ThreatCrowd domain permalink', 'https://www.threatcrowd.org/domain.php?domain=aoldaily.com', ['domain', 'aoldaily.com']],
    ['ThreatCrowd e-mail permalink', 'https://www.threatcrowd.org/email.php?email=bob%40evil-update.net', ['email', 'bob@evil-update.net']],
    ['ThreatCrowd API report', 'http://ci-www.threatcrowd.org/searchApi/v2/ip/report/?ip=45.77.12.34', ['ipv4', '45.77.12.34']],
  ])('GIVEN a %s link THEN it yields that indicator alone', (_name, link, expected) => {
    expect(found(`see ${link} please`)).toEqual([expected]);
  });

  it('GIVEN a defanged analysis link THEN its indicator is found', () => {
    expect(found('hxxps://www[.]virustotal[.]com/gui/domain/evil-update[.]net')).toEqual([['domain', 'evil-update.net']]);
  });

  it('GIVEN an analysis link to a private address THEN it is skipped, never looked up', () => {
    const result = scanText('https://www.shodan.io/host/10.1.2.3');
    expect(result.indicators).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['private-ip']);
  });

  it('GIVEN a link to an analysis site with no indicator in it THEN the site is reported as any link', () => {
    expect(found('https://www.virustotal.com/gui/home/upload')).toEqual([['domain', 'www.virustotal.com']]);
  });

  it('GIVEN the same path on an unrelated host THEN only that host is found', () => {
    expect(found('https://notes.evil-update.net/gui/file/abc/host/45.77.12.34')).toEqual([['domain', 'notes.evil-update.net']]);
  });

  it('every site in the table has at least one pattern with one captured value', () => {
    for (const site of ANALYSIS_SITES) {
      expect(site.patterns.length).toBeGreaterThan(0);
      for (const pattern of site.patterns) expect(new RegExp(`${pattern.source}|`).exec('')?.length).toBe(2);
    }
  });
});
