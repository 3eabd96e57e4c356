/**
 * Accuracy on labelled chat lines: what each detector reports that is not an indicator (false positives)
 * and what it misses (false negatives). The lines are ours, written from the traps in the detection issue.
 */
import { extractIOC } from 'ioc-extractor';
import { detectIndicators } from '../src/indicators/detect.js';

const CASES: Array<[string, string[]]> = [
  ['please block evil[.]com and 45.77.12[.]34', ['evil.com', '45.77.12.34']],
  ['hxxps://login-micros0ft[.]com/auth', ['login-micros0ft.com']],
  ['beacon to c2 at 185.220.101.7:443', ['185.220.101.7']],
  ['phish from billing[at]paypa1[.]com', ['billing@paypa1.com']],
  ['dropper md5 ec8c89aa5e521572c74e2dd02a4daf78', ['ec8c89aa5e521572c74e2dd02a4daf78']],
  ['sha1 01f5c3905f2098650f16f50a1b26156586238bfe seen', ['01f5c3905f2098650f16f50a1b26156586238bfe']],
  ['`evil.com` in a code span', ['evil.com']],
  ['<http://evilupdate.top|evilupdate.top> posted in slack', ['evilupdate.top']],
  ['||bad[.]xyz|| spoiler on discord', ['bad.xyz']],
  ['half defang 1.1.1[.1 and example[.com', ['1.1.1.1', 'example.com']],
  ['ipv6 2606:4700:4700::1111 resolver', ['2606:4700:4700::1111']],
  ['edit main.py and setup.sh then notes.md', []],
  ['attached invoice.zip and clip.mov', []],
  ['user.name and os.path are empty', []],
  ['running v1.2.3.4 of the agent', []],
  ['UA Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36', []],
  ['I saw it.Today it was fine', []],
  ['config foo.bar.baz is wrong', []],
  ['build 1.2.3.4.5 released', []],
  ['id 550e8400-e29b-41d4-a716-446655440000', []],
  ['value 0xd41d8cd98f00b204e9800998ecf8427e', []],
  ['https://github.com/org/repo/commit/da39a3ee5e6b4b0d3255bfef95601890afd80709', ['github.com']],
  ['nginx@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', []],
  ['token=d41d8cd98f00b204e9800998ecf8427e in the config', []],
  ['at 11:04:10 the mac 00:1a:2b:3c:4d:5e connected', []],
  ['ftp://admin:hunter2@files.example.org/x', ['files.example.org']],
  ['a 34-hex d41d8cd98f00b204e9800998ecf8427e00', []],
  ['logging.info and window.top in js', []],
  ['org.apache.commons.io package', []],
];

function ours(text: string): string[] {
  return detectIndicators(text).map((i) => i.value);
}

function theirs(text: string): string[] {
  const ioc = extractIOC(text, { refang: true });
  return [...ioc.domains, ...ioc.ipv4s, ...ioc.ipv6s, ...ioc.emails, ...ioc.md5s, ...ioc.sha1s, ...ioc.sha256s].map((v) => v.toLowerCase());
}

function score(detector: (text: string) => string[]) {
  let fp = 0;
  let fn = 0;
  let tp = 0;
  for (const [text, expected] of CASES) {
    const found = new Set(detector(text));
    for (const v of found)
      if (expected.includes(v)) tp++;
      else fp++;
    for (const v of expected) if (!found.has(v)) fn++;
  }
  return { tp, fp, fn };
}

export function benchAccuracy(): string[] {
  const a = score(ours);
  const b = score(theirs);
  const total = CASES.reduce((n, [, e]) => n + e.length, 0);
  return [
    `${CASES.length} labelled lines holding ${total} indicators (half of the lines are traps with none).`,
    '',
    '| detector | found (true positives) | false positives | missed |',
    '|---|---|---|---|',
    `| threatcrowd-bot | ${a.tp} | ${a.fp} | ${a.fn} |`,
    `| ioc-extractor 8.2.0 (extractIOC, refang) | ${b.tp} | ${b.fp} | ${b.fn} |`,
  ];
}
