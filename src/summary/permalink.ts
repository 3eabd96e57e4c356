/**
 * The only links the bot prints live: built from its own templates for known hosts, never taken from an
 * answer (an upstream `permalink` could point anywhere: `https://login-microsoftonline.evil.tld/…`).
 */
import type { LookupType, Report } from '../report/report.js';

const THREATCROWD_PAGES: Record<LookupType, { page: string; param: string }> = {
  domain: { page: 'domain.php', param: 'domain' },
  ip: { page: 'ip.php', param: 'ip' },
  email: { page: 'email.php', param: 'email' },
  file: { page: 'malware.php', param: 'md5' },
  antivirus: { page: 'listMalware.php', param: 'antivirus' },
};
const OTX_TYPES: Partial<Record<LookupType, string>> = { domain: 'domain', ip: 'ip', file: 'file' };

export const THREATCROWD_SITE = 'https://www.threatcrowd.org';
export const OTX_SITE = 'https://otx.alienvault.com';

/** The provider's page for what was looked up, or null when the provider has none (or nothing was found). */
export function trustedPermalink(report: Pick<Report, 'type' | 'value' | 'source' | 'found' | 'md5'>): string | null {
  if (!report.found) return null;
  if (report.source === 'threatcrowd') {
    const { page, param } = THREATCROWD_PAGES[report.type];
    const value = report.type === 'file' ? (report.md5 ?? report.value) : report.value;
    return `${THREATCROWD_SITE}/${page}?${param}=${encodeURIComponent(value)}`;
  }
  const otxType = OTX_TYPES[report.type];
  if (report.source === 'otx' && otxType) return `${OTX_SITE}/indicator/${otxType}/${encodeURIComponent(report.value)}`;
  return null;
}
