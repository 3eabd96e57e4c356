/**
 * A held-out labelled set: incident-note lines composed for this file after the round-2 rules were written,
 * without looking at the rules or their tests (the indicators are made up; hashes are random). The labels were
 * written before the detector was run on them: every indicator an analyst pasting the line wants looked up.
 * Private addresses and the sites of analysis links are not labels; a trap line expects nothing.
 */
import type { Labelled } from './accuracy-cases.js';

const MD5_A = '7d519a807bbf7861fb73d7461ad365b4';
const MD5_B = '30d1f0260d3a4633546ddf4b24ae57c2';
const MD5_C = '8e378989cb2eb54046b9b88e80d603bb';
const MD5_D = '0546b59172cd47613df9445294382c70';
const MD5_E = '50ac51bdcf2e0f3c5b456fbfd6b61333';
const MD5_F = '58211d19bfa8b7f23ac4f7b8cb201a3d';
const SHA1_A = '2483aa35ac66a6092622098e5cf874c8f17b5663';
const SHA1_B = 'c693df9c8ec863defc8a565e08b64201fd2b195c';
const SHA1_C = 'b528ce627788248ae7a09f5a4c27848a6adbb92f';
const SHA256_A = '85d31c9c9bd8b0e942ef0416ccd8cc7459989052a45b06aced13df7e427d9cdb';
const SHA256_B = '3db8238238109378cc0b108b4c90ae3f1a526abaa385cb80b38e08a4a1bec1e3';
const SHA256_C = '502b395e727c9fe434ffc51ae39c9719c95b9be5239aef6fa6307b10262492af';
const SHA256_D = '06834bd67e2106a1d412ff5660d135a4078553fc679371b9db8b0cd5f6b6647e';
const SHA256_E = '8c0a23f9a44b5f45fce55bd2c4955fff5d35653de0b21d4d1c16381abbad8626';
const SHA256_F = '353ce436fc391341634038dc5ebb910ab968f25691151f8c06ab68d23e1da7a6';
const SHA256_G = 'd2b76804809e773e606b381d80216030c004d9f25be5ab0d12812098c346ea9d';

export const HELD_OUT_CASES: readonly Labelled[] = [
  // brackets, parentheses and braces for dots
  ['brackets', 'C2 callback observed to update-srv[.]xyz over 443', [['domain', 'update-srv.xyz']]],
  [
    'brackets',
    'Secondary infra: 91.210.107[.]44 and 91.210.107[.]45',
    [
      ['ipv4', '91.210.107.44'],
      ['ipv4', '91.210.107.45'],
    ],
  ],
  ['brackets', 'blocklisted: cdn-static(.)kwikfiles(.)net', [['domain', 'cdn-static.kwikfiles.net']]],
  ['brackets', 'the loader pulls from mirror{.}fastdl{.}ru/pkg', [['domain', 'mirror.fastdl.ru']]],
  ['brackets', 'beacon host: 185[.]141[.]63[.]120:8080', [['ipv4', '185.141.63.120']]],
  [
    'brackets',
    'Domains: a1b2-payments[.]top, secure-verify[.]co[.]uk',
    [
      ['domain', 'a1b2-payments.top'],
      ['domain', 'secure-verify.co.uk'],
    ],
  ],
  ['brackets', 'reported by SOC: portal.ofice365-login[.]com (typosquat)', [['domain', 'portal.ofice365-login.com']]],
  ['brackets', 'IP (defanged): 45[.]9[.]148[.]99', [['ipv4', '45.9.148.99']]],
  ['brackets', 'phishing kit hosted at docs-share[dot]online', [['domain', 'docs-share.online']]],
  [
    'brackets',
    'sinkholed: malupdate[.]info, old C2 malupdate2[.]info',
    [
      ['domain', 'malupdate.info'],
      ['domain', 'malupdate2.info'],
    ],
  ],
  ['brackets', 'dropzone 103.75.190[.]11 (AS Choopa)', [['ipv4', '103.75.190.11']]],
  ['brackets', 'also resolves to 2a03:b0c0:3:d0::1a5:f001', [['ipv6', '2a03:b0c0:3:d0::1a5:f001']]],
  ['brackets', 'staging domain: files-cdn[.]s3-eu[.]biz', [['domain', 'files-cdn.s3-eu.biz']]],
  ['brackets', 'host: rapid-dns [.] cc', [['domain', 'rapid-dns.cc']]],
  // schemes written defanged
  ['schemes', 'Payload URL: hxxp://198.23.207[.]16/bins/x86', [['ipv4', '198.23.207.16']]],
  ['schemes', 'stage2 hxxps://cdn-fetch[.]pw/loader.ps1', [['domain', 'cdn-fetch.pw']]],
  ['schemes', 'redirector: hxxps[:]//short-lnk[.]club/aB3x', [['domain', 'short-lnk.club']]],
  ['schemes', 'URL seen in mail body: hXXp://invoice-portal[.]biz/view?id=8812', [['domain', 'invoice-portal.biz']]],
  ['schemes', 'exfil endpoint http[:]//upload.dropfile[.]cc:8443/api', [['domain', 'upload.dropfile.cc']]],
  ['schemes', '[hxxps]://wallet-restore[.]app/seed', [['domain', 'wallet-restore.app']]],
  ['schemes', 'fxp://files.warez-drop[.]org/pub', [['domain', 'files.warez-drop.org']]],
  ['schemes', 'callback hxxp://91.219.236[.]18:4444/', [['ipv4', '91.219.236.18']]],
  ['schemes', 'landing page hxxps://login.micr0soft-sso[.]com/common/oauth2', [['domain', 'login.micr0soft-sso.com']]],
  ['schemes', 'raw paste at h**ps://paste-bin[.]su/raw/Z7k', [['domain', 'paste-bin.su']]],
  ['schemes', 'hxxp[:]//45.142.212[.]100/sh', [['ipv4', '45.142.212.100']]],
  // e-mail addresses, worded or bracketed
  ['e-mails', 'Sender: hr-department at payroll-update dot com', [['email', 'hr-department@payroll-update.com']]],
  ['e-mails', 'replies went to recovery.team[at]mail-secure[.]ru', [['email', 'recovery.team@mail-secure.ru']]],
  ['e-mails', 'BEC actor uses ceo.office(at)exec-mail(dot)net', [['email', 'ceo.office@exec-mail.net']]],
  ['e-mails', 'phish sender: no-reply [at] acc0unt-verify [dot] info', [['email', 'no-reply@acc0unt-verify.info']]],
  ['e-mails', 'From header spoofed as billing@northwind-supplies.com', [['email', 'billing@northwind-supplies.com']]],
  ['e-mails', 'actor mailbox: j.smith1987 at protonmail dot com', [['email', 'j.smith1987@protonmail.com']]],
  ['e-mails', 'Reply-To: invoices(at)globex-billing(dot)co', [['email', 'invoices@globex-billing.co']]],
  ['e-mail traps', "let's sync at noon and look at the logs", []],
  ['e-mail traps', 'the sample arrived at night, dot matrix printout attached', []],
  // links to analysis sites
  ['analysis links', `VT: https://www.virustotal.com/gui/file/${SHA256_A}/detection`, [['sha256', SHA256_A]]],
  ['analysis links', 'https://www.virustotal.com/gui/ip-address/193.42.33.14/relations', [['ipv4', '193.42.33.14']]],
  ['analysis links', 'see https://www.virustotal.com/gui/domain/kz-tender.online/detection', [['domain', 'kz-tender.online']]],
  ['analysis links', 'urlscan: https://urlscan.io/domain/secure-docs-view.site', [['domain', 'secure-docs-view.site']]],
  ['analysis links', 'OTX pulse: https://otx.alienvault.com/indicator/ip/89.248.165.52', [['ipv4', '89.248.165.52']]],
  ['analysis links', 'https://otx.alienvault.com/indicator/hostname/mail.qwe-rty-mail.com', [['domain', 'mail.qwe-rty-mail.com']]],
  ['analysis links', `MalwareBazaar https://bazaar.abuse.ch/sample/${SHA256_B}/`, [['sha256', SHA256_B]]],
  ['analysis links', 'URLhaus host page: https://urlhaus.abuse.ch/host/45.95.147.236/', [['ipv4', '45.95.147.236']]],
  ['analysis links', 'Shodan https://www.shodan.io/host/147.45.47.91', [['ipv4', '147.45.47.91']]],
  ['analysis links', 'AbuseIPDB https://www.abuseipdb.com/check/80.66.88.203', [['ipv4', '80.66.88.203']]],
  ['analysis links', 'ThreatFox https://threatfox.abuse.ch/browse.php?search=ioc%3Afreshbuild-cdn.com', [['domain', 'freshbuild-cdn.com']]],
  ['analysis links', `<https://www.virustotal.com/gui/file/${MD5_A}|VT link> from the triage bot`, [['md5', MD5_A]]],
  ['analysis links', 'ThreatCrowd permalink https://www.threatcrowd.org/domain.php?domain=tele-grams.org', [['domain', 'tele-grams.org']]],
  ['analysis links', 'urlscan search https://urlscan.io/search/#page.domain:dl-driver-update.com', [['domain', 'dl-driver-update.com']]],
  // hashes wrapped in punctuation
  ['wrapped hashes', `hash (md5): "${MD5_B}"`, [['md5', MD5_B]]],
  ['wrapped hashes', `sha1=${SHA1_A};`, [['sha1', SHA1_A]]],
  ['wrapped hashes', `**${SHA256_C}**`, [['sha256', SHA256_C]]],
  ['wrapped hashes', `[${MD5_C}]`, [['md5', MD5_C]]],
  ['wrapped hashes', `SHA256: ${SHA256_D}.`, [['sha256', SHA256_D]]],
  [
    'wrapped hashes',
    `IOC list: ${MD5_D}, ${SHA1_B}, ${SHA256_E}`,
    [
      ['md5', MD5_D],
      ['sha1', SHA1_B],
      ['sha256', SHA256_E],
    ],
  ],
  ['wrapped hashes', `--> ${SHA1_C} <--`, [['sha1', SHA1_C]]],
  ['wrapped hashes', `'${SHA256_F}'`, [['sha256', SHA256_F]]],
  ['wrapped hashes', `(md5:${MD5_E})`, [['md5', MD5_E]]],
  ['wrapped hashes', `##${MD5_F}##`, [['md5', MD5_F]]],
  // fragments and look-alikes: nothing to find
  ['fragments', 'dropped file.exe and svchost.exe into %TEMP%', []],
  ['fragments', 'detected as Trojan.Win32.Agent and Backdoor.MSIL.Bladabindi by AV', []],
  ['fragments', 'agent v1.2.3 upgraded to v1.2.4; build 10.0.19045.3803', []],
  ['fragments', 'OID 1.3.6.1.4.1.311.21.8 in the cert', []],
  ['fragments', 'screenshot at 14:32:07, ratio 4:3', []],
  ['fragments', 'run invoke.ps1 then open report.docx', []],
  ['fragments', 'Win.Trojan.Emotet-9953281-0 signature fired', []],
  ['fragments', 'the domain admin changed config.yaml', []],
  ['fragments', 'git tag release-2.4.1.0 pushed', []],
  ['fragments', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', []],
  ['fragments', 'python3 -m http.server 8000', []],
  ['fragments', 'see section 4.2.1 of the report', []],
  ['fragments', 'C:\\ProgramData\\Microsoft\\update.dll loaded', []],
  ['fragments', 'OID fragment .1.3.6.1 and version 2.0.0.1.5', []],
  // incident notes mixing it all
  ['incident notes', 'At 09:14 UTC host WS-0231 (10.20.4.17) beaconed to 5.181.80.120 every 300s', [['ipv4', '5.181.80.120']]],
  [
    'incident notes',
    'User clicked link in mail from support@docusign-notify.net, landing on docusign-notify[.]net/sign',
    [
      ['email', 'support@docusign-notify.net'],
      ['domain', 'docusign-notify.net'],
    ],
  ],
  [
    'incident notes',
    'Blocked on proxy: tiny-url-redirect[.]me, ip 62.233.50.245',
    [
      ['domain', 'tiny-url-redirect.me'],
      ['ipv4', '62.233.50.245'],
    ],
  ],
  [
    'incident notes',
    `Dropper (SHA256 ${SHA256_G}) reached out to api.telemetry-sync[.]io`,
    [
      ['sha256', SHA256_G],
      ['domain', 'api.telemetry-sync.io'],
    ],
  ],
  [
    'incident notes',
    'Related: the actor also registered teamviewer-update[.]com and anydesk-patch[.]com.',
    [
      ['domain', 'teamviewer-update.com'],
      ['domain', 'anydesk-patch.com'],
    ],
  ],
  ['incident notes', 'Firewall log: SRC=172.16.5.9 DST=194.26.192.64 DPT=8443 ACTION=DENY', [['ipv4', '194.26.192.64']]],
  ['incident notes', 'Suspicious DNS query for xn--pypal-4ve.com', [['domain', 'xn--pypal-4ve.com']]],
  [
    'incident notes',
    'C2 list (defanged): 23.94.5[.]141, 23.94.5[.]142, hxxp://update-check[.]pro/',
    [
      ['ipv4', '23.94.5.141'],
      ['ipv4', '23.94.5.142'],
      ['domain', 'update-check.pro'],
    ],
  ],
  // formats notes arrive in: Markdown, CSV, JSON, code spans, upper case, ports, credentials
  ['formats', 'see [the report](hxxps://intel-notes[.]site/r/88) for details', [['domain', 'intel-notes.site']]],
  ['formats', 'listener on 5.252.178[.]27:443 until Friday', [['ipv4', '5.252.178.27']]],
  ['formats', 'alerts went to alerts+phish@contoso-mail[.]com', [['email', 'alerts+phish@contoso-mail.com']]],
  [
    'formats',
    'BLOCK EVIL-CORP[.]RU AND WWW[.]EVIL-CORP[.]RU',
    [
      ['domain', 'evil-corp.ru'],
      ['domain', 'www.evil-corp.ru'],
    ],
  ],
  ['formats', 'quoted in the ticket as "login-verify[.]xyz"', [['domain', 'login-verify.xyz']]],
  ['formats', 'download via hxxp://user:pass@46.183.221[.]37/a.sh', [['ipv4', '46.183.221.37']]],
  [
    'formats',
    'pair 77.83.197.9,77.83.197.10 seen',
    [
      ['ipv4', '77.83.197.9'],
      ['ipv4', '77.83.197.10'],
    ],
  ],
  [
    'formats',
    'blocked evil-cdn[.]com;bad-cdn[.]com at the gateway',
    [
      ['domain', 'evil-cdn.com'],
      ['domain', 'bad-cdn.com'],
    ],
  ],
  ['formats', '2026-11-30,185.220.101[.]5,tor-exit,high', [['ipv4', '185.220.101.5']]],
  [
    'formats',
    '{"domain": "stealer-panel[.]shop", "ip": "77.91.124[.]20"}',
    [
      ['domain', 'stealer-panel.shop'],
      ['ipv4', '77.91.124.20'],
    ],
  ],
  ['formats', 'clicked https%3A%2F%2Fcredential-harvest.live%2Flogin in the mail', [['domain', 'credential-harvest.live']]],
  ['formats', 'Please block fastpay-secure[.]com.', [['domain', 'fastpay-secure.com']]],
  ['formats', 'MD5: 9E107D9D372BB6826BD81D3542A419D6', [['md5', '9e107d9d372bb6826bd81d3542a419d6']]],
  ['formats', `hash is \`${SHA1_B.toUpperCase()}\` per EDR`, [['sha1', SHA1_B]]],
  ['formats', 'reply came from <attacker@evil-mail[.]org>', [['email', 'attacker@evil-mail.org']]],
  ['formats', '__dark-market[.]cc__ on discord', [['domain', 'dark-market.cc']]],
  ['formats', 'C2 over IPv6: hxxp://[2a01:4f8:c17:2ca0::1]:8080/', [['ipv6', '2a01:4f8:c17:2ca0::1']]],
  ['formats', 'open resolver check: 9.9.9.9 answered', [['ipv4', '9.9.9.9']]],
  ['formats', 'c2 at malware-c2 . xyz per the vendor', [['domain', 'malware-c2.xyz']]],
  // look-alikes in prose: nothing to find
  ['prose traps', 'the app runs on ASP.NET Core behind IIS', []],
  ['prose traps', 'e.g. the logs, i.e. all of them, etc. by 3 p.m.', []],
  ['prose traps', 'Node.js and Vue.js apps; see CVE-2021-44228 in Log4j 2.17.1', []],
  ['prose traps', 'share \\\\fileserver01.corp.local\\share was mounted', []],
  ['prose traps', 'at 10:45:00.123 TLS 1.2 was negotiated on AS 13335', []],
  ['prose traps', 'rule proc_creation_win_susp.yml matched', []],
];
