/**
 * Accuracy on labelled chat lines (`accuracy-cases.ts`): per indicator type, precision (what a detector
 * reports that is right) and recall (what it finds of what is there), beside ioc-extractor; and recall
 * per category of line.
 */
import { extractIOC } from 'ioc-extractor';
import { detectIndicators } from '../src/indicators/detect.js';
import type { IndicatorType } from '../src/indicators/types.js';
import { CASES, type Labelled } from './accuracy-cases.js';
import { HELD_OUT_CASES } from './held-out-cases.js';

type Typed = readonly [IndicatorType, string];
export type Detector = (text: string) => Typed[];

const TYPES: readonly IndicatorType[] = ['domain', 'ipv4', 'ipv6', 'email', 'md5', 'sha1', 'sha256'];

export const ours: Detector = (text) => detectIndicators(text).map((i) => [i.type, i.value] as const);

export const iocExtractor: Detector = (text) => {
  const ioc = extractIOC(text, { refang: true });
  const typed = (type: IndicatorType, values: string[]) => values.map((v) => [type, v.toLowerCase()] as const);
  return [
    ...typed('domain', ioc.domains),
    ...typed('ipv4', ioc.ipv4s),
    ...typed('ipv6', ioc.ipv6s),
    ...typed('email', ioc.emails),
    ...typed('md5', ioc.md5s),
    ...typed('sha1', ioc.sha1s),
    ...typed('sha256', ioc.sha256s),
  ];
};

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const key = ([type, value]: Typed) => `${type}\t${value}`;

/** True positives, false positives and misses per type over `cases`. */
export function score(detector: Detector, cases: readonly Labelled[] = CASES): Map<IndicatorType, Counts> {
  const counts = new Map(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (const [, text, expected] of cases) {
    const want = new Set(expected.map(key));
    const got = new Set(detector(text).map(key));
    for (const k of got) {
      const c = counts.get(k.split('\t')[0] as IndicatorType);
      if (c) want.has(k) ? c.tp++ : c.fp++;
    }
    for (const k of want) if (!got.has(k)) (counts.get(k.split('\t')[0] as IndicatorType) as Counts).fn++;
  }
  return counts;
}

const ratio = (n: number, d: number) => (d === 0 ? '–' : (n / d).toFixed(2));
const precision = (c: Counts) => ratio(c.tp, c.tp + c.fp);
const recall = (c: Counts) => ratio(c.tp, c.tp + c.fn);

/** Recall of `detector` on each category of line (traps count their false positives). */
export function byCategory(detector: Detector, cases: readonly Labelled[] = CASES): Map<string, string> {
  const out = new Map<string, string>();
  for (const category of new Set(cases.map(([c]) => c))) {
    const total = [
      ...score(
        detector,
        cases.filter(([c]) => c === category),
      ).values(),
    ].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    out.set(category, total.tp + total.fn === 0 ? `${total.fp} false positives` : `${recall(total)} (${total.fp} FP)`);
  }
  return out;
}

/** Per-type and per-category tables of both detectors on `cases`. */
function accuracyTables(cases: readonly Labelled[], source: string): string[] {
  const a = score(ours, cases);
  const b = score(iocExtractor, cases);
  const total = cases.reduce((n, [, , e]) => n + e.length, 0);
  const traps = cases.filter(([, , e]) => e.length === 0).length;
  const out = [
    `${cases.length} labelled lines (${source}) holding ${total} indicators; ${traps} lines are traps with none.`,
    '',
    '| type | threatcrowd-bot precision | recall | TP / FP / missed | ioc-extractor 8.2.0 precision | recall | TP / FP / missed |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const type of TYPES) {
    const x = a.get(type) as Counts;
    const y = b.get(type) as Counts;
    out.push(
      `| ${type} | ${precision(x)} | ${recall(x)} | ${x.tp} / ${x.fp} / ${x.fn} | ${precision(y)} | ${recall(y)} | ${y.tp} / ${y.fp} / ${y.fn} |`,
    );
  }
  const oursByCategory = byCategory(ours, cases);
  const theirsByCategory = byCategory(iocExtractor, cases);
  out.push('', '| category | threatcrowd-bot recall | ioc-extractor recall |', '|---|---|---|');
  for (const [category, value] of oursByCategory) out.push(`| ${category} | ${value} | ${theirsByCategory.get(category)} |`);
  return out;
}

/** The lines written alongside the rules, then the held-out lines written after them. */
export function benchAccuracy(): string[] {
  return [
    ...accuracyTables(CASES, 'bench/accuracy-cases.ts, written alongside the rules'),
    '',
    '#### Held out',
    '',
    ...accuracyTables(HELD_OUT_CASES, 'bench/held-out-cases.ts, written after the rules'),
  ];
}
