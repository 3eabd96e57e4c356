/** Detection throughput: this project's detector against ioc-extractor on the same text, and linear growth. */
import {
  extractDomains,
  extractEmails,
  extractIOC,
  extractIPv4s,
  extractIPv6s,
  extractMD5s,
  extractSHA1s,
  extractSHA256s,
  refang,
} from 'ioc-extractor';
import { detectIndicators } from '../src/indicators/detect.js';
import { chatCorpus } from './corpus.js';

type Detector = (text: string) => unknown;

const MESSAGE_CAP = 40_000;

/** Runs `detector` over the messages and returns MB/s (best of `runs`, after two warm-up rounds). */
function throughput(detector: Detector, messages: readonly string[], runs = 5): number {
  const bytes = messages.reduce((n, m) => n + m.length, 0);
  for (let w = 0; w < 2; w++) for (const m of messages) detector(m); // warm up the JIT for both contenders
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const m of messages) detector(m);
    best = Math.min(best, performance.now() - start);
  }
  return bytes / 1e6 / (best / 1000);
}

function messagesOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const ours: Detector = (t) => detectIndicators(t, { maxLength: Number.POSITIVE_INFINITY });
const iocFull: Detector = (t) => extractIOC(t, { refang: true });
const iocSameTypes: Detector = (t) => {
  const s = refang(t);
  return [extractDomains(s), extractEmails(s), extractIPv4s(s), extractIPv6s(s), extractMD5s(s), extractSHA1s(s), extractSHA256s(s)];
};

export function benchDetection(): string[] {
  const out: string[] = [];
  const corpus = chatCorpus(1_100_000);
  const chat = corpus.split('\n');
  const big = messagesOf(corpus, MESSAGE_CAP);
  out.push(`corpus: ${(corpus.length / 1e6).toFixed(2)} MB, ${chat.length} chat lines`);
  out.push('| input | threatcrowd-bot MB/s | ioc-extractor extractIOC MB/s | ioc-extractor same types MB/s |');
  out.push('|---|---|---|---|');
  for (const [name, messages] of [
    ['chat lines (one message each)', chat],
    ['40 KB messages', big],
  ] as const) {
    out.push(
      `| ${name} | ${throughput(ours, messages).toFixed(1)} | ${throughput(iocFull, messages).toFixed(1)} | ${throughput(iocSameTypes, messages).toFixed(1)} |`,
    );
  }
  const adversarial: Record<string, string> = {
    'a. runs': 'a.'.repeat(20_000),
    '[. runs': '[.'.repeat(20_000),
    '1: runs': '1:'.repeat(20_000),
    spaces: ' '.repeat(40_000),
    'A…@': `${'A'.repeat(39_999)}@`,
    'a.b words': 'a.b '.repeat(10_000),
  };
  out.push('');
  out.push('| adversarial 40 KB message | threatcrowd-bot ms | ioc-extractor extractIOC ms |');
  out.push('|---|---|---|');
  for (const [name, text] of Object.entries(adversarial)) {
    const time = (d: Detector) => {
      d(text);
      const start = performance.now();
      for (let i = 0; i < 5; i++) d(text);
      return (performance.now() - start) / 5;
    };
    out.push(`| ${name} | ${time(ours).toFixed(2)} | ${time(iocFull).toFixed(2)} |`);
  }
  out.push('');
  out.push('| size (one message, no cap) | threatcrowd-bot ms | µs per KB |');
  out.push('|---|---|---|');
  for (const size of [1_000, 10_000, 100_000, 1_000_000]) {
    const text = corpus.slice(0, size);
    ours(text);
    const start = performance.now();
    ours(text);
    const ms = performance.now() - start;
    out.push(`| ${size / 1000} KB | ${ms.toFixed(2)} | ${((ms * 1000) / (size / 1000)).toFixed(1)} |`);
  }
  return out;
}
