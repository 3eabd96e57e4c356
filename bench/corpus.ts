/** A deterministic, chat-like corpus mixing prose, code, logs and indicators (defanged and not). */

/** A small seeded PRNG (mulberry32), so every run measures the same text. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROSE = [
  'can someone take a look at this before standup?',
  'I think the alert fired again overnight, same pattern as last week',
  'ok, blocking it at the proxy now',
  'see the ticket for details; it.Today we rolled back the change',
  'the version is v1.2.3.4 and Chrome/120.0.0.0 shows the issue',
  'moving the notes to notes.md and the script to setup.sh',
  'user.name is empty in the payload, check os.path handling',
  'lunch at 12:30? ratio was 16:9 on the dashboard',
  'commit da39a3ee5e6b4b0d3255bfef95601890afd80709 fixed it',
];
const CODE = [
  '```python\nimport os\nprint(os.path.join(base, "main.py"))\nresp = requests.get(url, timeout=5)\n```',
  '`const user = ctx.user.name; console.log(user.id)`',
  '```\ndocker pull nginx@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n```',
];
const LOGS = [
  'Nov 29 06:01:02 fw01 kernel: DROP IN=eth0 SRC={ip} DST=10.0.0.5 PROTO=TCP SPT=51515 DPT=443',
  '2026-11-29T06:01:02Z proxy GET hxxp://{domain}/gate.php 200 user=jdoe',
  'alert: beacon to {domain}:8443 from 192.168.10.22 every 60s',
  'mail from {email} with attachment invoice.zip md5={md5}',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function hex(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

function indicatorValues(rand: () => number) {
  const word = () => pick(rand, ['update', 'cdn', 'login', 'secure', 'mail', 'api', 'files', 'track']) + Math.floor(rand() * 1000);
  const tld = pick(rand, ['com', 'net', 'org', 'ru', 'top', 'xyz', 'info']);
  return {
    domain: `${word()}.${word()}.${tld}`,
    ip: `${1 + Math.floor(rand() * 222)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`,
    email: `${word()}@${word()}.${tld}`,
    md5: hex(rand, 32),
  };
}

function defangIt(rand: () => number, value: string): string {
  return rand() < 0.5 ? value.replace(/\.(?=[^.]*$)/, '[.]') : value;
}

/** About `bytes` of chat text, one message per line. */
export function chatCorpus(bytes: number, seed = 42): string {
  const rand = prng(seed);
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const v = indicatorValues(rand);
    const r = rand();
    let line: string;
    if (r < 0.45) line = pick(rand, PROSE);
    else if (r < 0.6) line = pick(rand, CODE);
    else if (r < 0.8) line = pick(rand, LOGS);
    else
      line = `IOC: ${defangIt(rand, v.domain)} resolves to ${defangIt(rand, v.ip)}, sender ${v.email.replace('@', rand() < 0.5 ? '[@]' : '@')}`;
    line = line.replace('{ip}', v.ip).replace('{domain}', v.domain).replace('{email}', v.email).replace('{md5}', v.md5);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}
