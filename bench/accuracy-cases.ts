/**
 * Labelled chat lines for the accuracy benchmark, written for this project (ideas from reading public
 * extractors' test suites; no line copied). Each line: its category, the text, and every indicator a
 * person pasting it wants looked up, typed. A trap line expects nothing.
 */
import type { IndicatorType } from '../src/indicators/types.js';

export type Labelled = readonly [category: string, text: string, expected: ReadonlyArray<readonly [IndicatorType, string]>];

const SHA256 = '5f2b8c9e0a1d4e7f3c6b9a8d2e5f1c4b7a0d3e6f9c2b5a8e1d4f7c0b3a6e9d2f';
const MD5 = '7c4a8d09ca3762af61e59520943dc264';
const SHA1 = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';

export const CASES: readonly Labelled[] = [
  // round 1: plain and defanged indicators, chat markup
  [
    'round 1',
    'please block evil[.]com and 45.77.12[.]34',
    [
      ['domain', 'evil.com'],
      ['ipv4', '45.77.12.34'],
    ],
  ],
  ['round 1', 'hxxps://login-micros0ft[.]com/auth', [['domain', 'login-micros0ft.com']]],
  ['round 1', 'beacon to c2 at 185.220.101.7:443', [['ipv4', '185.220.101.7']]],
  ['round 1', 'phish from billing[at]paypa1[.]com', [['email', 'billing@paypa1.com']]],
  ['round 1', 'dropper md5 ec8c89aa5e521572c74e2dd02a4daf78', [['md5', 'ec8c89aa5e521572c74e2dd02a4daf78']]],
  ['round 1', 'sha1 01f5c3905f2098650f16f50a1b26156586238bfe seen', [['sha1', '01f5c3905f2098650f16f50a1b26156586238bfe']]],
  ['round 1', '`evil.com` in a code span', [['domain', 'evil.com']]],
  ['round 1', '<http://evilupdate.top|evilupdate.top> posted in slack', [['domain', 'evilupdate.top']]],
  ['round 1', '||bad[.]xyz|| spoiler on discord', [['domain', 'bad.xyz']]],
  [
    'round 1',
    'half defang 1.1.1[.1 and kosmos-cdn[.com',
    [
      ['ipv4', '1.1.1.1'],
      ['domain', 'kosmos-cdn.com'],
    ],
  ],
  ['round 1', 'ipv6 2606:4700:4700::1111 resolver', [['ipv6', '2606:4700:4700::1111']]],
  ['round 1', 'ftp://admin:hunter2@files.kosmos-cdn.org/x', [['domain', 'files.kosmos-cdn.org']]],
  ['round 1', 'https://github.com/org/repo/commit/da39a3ee5e6b4b0d3255bfef95601890afd80709', [['domain', 'github.com']]],
  // round 1 traps: names and numbers that only look like indicators
  ['round 1 traps', 'edit main.py and setup.sh then notes.md', []],
  ['round 1 traps', 'attached invoice.zip and clip.mov', []],
  ['round 1 traps', 'user.name and os.path are empty', []],
  ['round 1 traps', 'running v1.2.3.4 of the agent', []],
  ['round 1 traps', 'UA Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36', []],
  ['round 1 traps', 'I saw it.Today it was fine', []],
  ['round 1 traps', 'config foo.bar.baz is wrong', []],
  ['round 1 traps', 'build 1.2.3.4.5 released', []],
  ['round 1 traps', 'id 550e8400-e29b-41d4-a716-446655440000', []],
  ['round 1 traps', 'value 0xd41d8cd98f00b204e9800998ecf8427e', []],
  ['round 1 traps', 'nginx@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', []],
  ['round 1 traps', 'token=d41d8cd98f00b204e9800998ecf8427e in the config', []],
  ['round 1 traps', 'at 11:04:10 the mac 00:1a:2b:3c:4d:5e connected', []],
  ['round 1 traps', 'a 34-hex d41d8cd98f00b204e9800998ecf8427e00', []],
  ['round 1 traps', 'logging.info and window.top in js', []],
  ['round 1 traps', 'org.apache.commons.io package', []],
  // round 2: links to analysis sites carry the indicator
  ['analysis links', `VT says https://www.virustotal.com/gui/file/${SHA256}/detection is bad`, [['sha256', SHA256]]],
  ['analysis links', 'pivot https://www.virustotal.com/gui/ip-address/91.215.85.17/relations', [['ipv4', '91.215.85.17']]],
  ['analysis links', 'https://www.virustotal.com/gui/domain/tax-refund-portal.net/details', [['domain', 'tax-refund-portal.net']]],
  ['analysis links', 'scan: https://urlscan.io/domain/parcel-tracking.info', [['domain', 'parcel-tracking.info']]],
  ['analysis links', 'otx https://otx.alienvault.com/indicator/ip/91.215.85.17', [['ipv4', '91.215.85.17']]],
  ['analysis links', `otx https://otx.alienvault.com/indicator/file/${MD5}`, [['md5', MD5]]],
  ['analysis links', `sample https://bazaar.abuse.ch/sample/${SHA256}/`, [['sha256', SHA256]]],
  ['analysis links', 'urlhaus https://urlhaus.abuse.ch/host/parcel-tracking.info/', [['domain', 'parcel-tracking.info']]],
  ['analysis links', 'tf https://threatfox.abuse.ch/browse.php?search=ioc%3Atax-refund-portal.net', [['domain', 'tax-refund-portal.net']]],
  ['analysis links', 'open ports https://www.shodan.io/host/91.215.85.17', [['ipv4', '91.215.85.17']]],
  ['analysis links', 'reports: https://www.abuseipdb.com/check/185.220.101.7', [['ipv4', '185.220.101.7']]],
  ['analysis links', 'tc https://www.threatcrowd.org/domain.php?domain=aoldaily.com', [['domain', 'aoldaily.com']]],
  ['analysis links', 'tc https://www.threatcrowd.org/ip.php?ip=188.40.75.132', [['ipv4', '188.40.75.132']]],
  // round 2: defang styles
  ['defang styles', 'block secure[-]login[.]net today', [['domain', 'secure-login.net']]],
  ['defang styles', 'callback to update-dot-flashcdn-dot-ru', [['domain', 'update.flashcdn.ru']]],
  ['defang styles', 'c2 domain stagingDOTkosmos-cdnDOTcom', [['domain', 'staging.kosmos-cdn.com']]],
  ['defang styles', 'landing page payrolldotcom reported', [['domain', 'payroll.com']]],
  [
    'defang styles',
    'dns for cdn^.kosmos-cdn^.org and mail].[kosmos-cdn].[org',
    [
      ['domain', 'cdn.kosmos-cdn.org'],
      ['domain', 'mail.kosmos-cdn.org'],
    ],
  ],
  ['defang styles', 'sinkhole api}.{kosmos-cdn}.{net', [['domain', 'api.kosmos-cdn.net']]],
  ['defang styles', 'seen in slack as files&lt;.&gt;kosmos-cdn&lt;.&gt;org', [['domain', 'files.kosmos-cdn.org']]],
  [
    'defang styles',
    'proxy log: kosmos-cdn(.biz and tax-refund-portal.)net',
    [
      ['domain', 'kosmos-cdn.biz'],
      ['domain', 'tax-refund-portal.net'],
    ],
  ],
  ['defang styles', 'firewall hits from 91[,]215[,]85(,)17', [['ipv4', '91.215.85.17']]],
  ['defang styles', 'typed with spaces: parcel-tracking . info', [['domain', 'parcel-tracking.info']]],
  ['defang styles', 'resolver 185.220.101 . 7 again', [['ipv4', '185.220.101.7']]],
  ['defang styles', 'link was http ://parcel-tracking.info/track', [['domain', 'parcel-tracking.info']]],
  ['defang styles', 'link was https//tax-refund-portal.net/claim', [['domain', 'tax-refund-portal.net']]],
  ['defang styles', 'link was http:///kosmos-cdn.biz/a', [['domain', 'kosmos-cdn.biz']]],
  [
    'defang styles',
    '[https]://secure-login.net/verify and (http)://kosmos-cdn.biz/b',
    [
      ['domain', 'secure-login.net'],
      ['domain', 'kosmos-cdn.biz'],
    ],
  ],
  ['defang styles', 'stage two at hxxp__update.flashcdn.ru/payload', [['domain', 'update.flashcdn.ru']]],
  ['defang styles', 'sender was payroll at tax-refund-portal dot net', [['email', 'payroll@tax-refund-portal.net']]],
  ['defang styles', 'reply-to hr[et]secure-login.net', [['email', 'hr@secure-login.net']]],
  ['defang styles', 'remitente facturas(arroba)kosmos-cdn(punto)com', [['email', 'facturas@kosmos-cdn.com']]],
  ['defang styles', 'Absender rechnung [at] kosmos-cdn [punkt] de', [['email', 'rechnung@kosmos-cdn.de']]],
  // round 2 traps: prose that only looks like a worded defang
  ['defang traps', 'meet at noon dot tomorrow in room 4', []],
  ['defang traps', 'look at the dot com bubble history', []],
  ['defang traps', 'anecdotes about dotted lines', []],
  ['defang traps', 'it is done . it works now', []],
  // round 2: encodings and wrappers
  ['encodings and wrappers', 'referrer tax-refund-portal.net%2Fclaim%3Fid%3D7', [['domain', 'tax-refund-portal.net']]],
  ['encodings and wrappers', 'redirect?to=https%3A%2F%2Fparcel-tracking.info%2Fx', [['domain', 'parcel-tracking.info']]],
  ['encodings and wrappers', 'certutil -urlcache -f /url:https://kosmos-cdn.biz/a.exe', [['domain', 'kosmos-cdn.biz']]],
  ['encodings and wrappers', 'RCPT TO:<ops@[IPv6:2a00:1450:4001:81c::200e]>', [['ipv6', '2a00:1450:4001:81c::200e']]],
  ['encodings and wrappers', `hash in a banner !@#${MD5}!@#-`, [['md5', MD5]]],
  ['encodings and wrappers', `sha1=>${SHA1}<= from the sandbox`, [['sha1', SHA1]]],
  // round 2: fragments of longer dotted tokens are not addresses
  ['fragments', 'snmp oid .1.3.6.1.4.1.9 and suffix .1.1.1.1', []],
  ['fragments', 'kernel 5.15.0-91 build .18.12.15.14 tagged', []],
  ['fragments', 'chrome 120.0.6099.109 and win 10.0.19045.3803', []],
];
