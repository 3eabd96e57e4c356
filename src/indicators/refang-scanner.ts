/**
 * Finding the next defanged spelling without one big alternation: a table says which rules can start at a
 * character (most characters start none), a second check reads the character after it, and only then is
 * that rule's own sticky expression run. The result is the one the combined expression `(rule 1)|(rule 2)|…`
 * would give: the leftmost position where a rule matches, the earliest rule at that position.
 */
import { REFANG_RULES, type RefangRule } from './refang-rules.js';

interface CompiledRule {
  readonly rule: RefangRule;
  readonly sticky: RegExp;
  /** Per pair of ASCII codes (first × 128 + second): may a match start with them (pairs beyond ASCII always may). */
  readonly lead: Uint8Array | null;
  /** Per ASCII code: may this be the third character (null: any; beyond ASCII always may). */
  readonly third: Uint8Array | null;
}

function thirdTable(rule: RefangRule): Uint8Array | null {
  if (rule.third === undefined) return null;
  const third = new RegExp(`^${rule.third}$`, 'i');
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) table[c] = third.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
}

function leadTable(rule: RefangRule): Uint8Array | null {
  if (rule.lead === null) return null;
  const first = new RegExp(`^${rule.first}$`, 'i');
  const lead = new RegExp(`^(?:${rule.lead})$`, 'i');
  const table = new Uint8Array(128 * 128);
  for (let a = 0; a < 128; a++) {
    const one = String.fromCharCode(a);
    if (!first.test(one)) continue;
    for (let b = 0; b < 128; b++) table[a * 128 + b] = lead.test(one + String.fromCharCode(b)) ? 1 : 0;
  }
  return table;
}

const COMPILED: readonly CompiledRule[] = REFANG_RULES.map((rule) => ({
  rule,
  sticky: new RegExp(rule.pattern, 'iy'),
  lead: leadTable(rule),
  third: thirdTable(rule),
}));

/** Per UTF-16 code unit: 0 when no rule starts there, else 1 + the index of its list of rules in GROUPS. */
const STARTS = new Uint16Array(65_536);
const GROUPS: CompiledRule[][] = [];
/** Per pair of ASCII codes: may any rule start with them (the union of the rules' lead tables). */
const ANY_LEAD = new Uint8Array(128 * 128);

function buildStarts(): void {
  const firsts = COMPILED.map(({ rule }) => new RegExp(`^${rule.first}$`, 'i'));
  const anyFirst = new RegExp(`^(?:${REFANG_RULES.map((r) => r.first).join('|')})$`, 'i');
  const groupOf = new Map<string, number>();
  for (let c = 0; c < 65_536; c++) {
    const char = String.fromCharCode(c);
    if (!anyFirst.test(char)) continue;
    const rules = COMPILED.filter((_, i) => firsts[i]?.test(char));
    const key = rules.map((r) => r.rule.name).join('\n');
    let group = groupOf.get(key);
    if (group === undefined) {
      group = GROUPS.push(rules);
      groupOf.set(key, group);
    }
    STARTS[c] = group;
    if (c >= 128) continue;
    for (let b = 0; b < 128; b++) {
      ANY_LEAD[c * 128 + b] = rules.some(({ lead }) => lead === null || lead[c * 128 + b] === 1) ? 1 : 0;
    }
  }
}
buildStarts();

/** A defanged spelling found: the rule, where it starts and the text it matched. */
export interface DefangMatch {
  readonly rule: RefangRule;
  readonly index: number;
  readonly text: string;
}

function matchAt(text: string, at: number, rules: readonly CompiledRule[]): DefangMatch | null {
  const first = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  const pair = first < 128 && next < 128 ? first * 128 + next : -1; // NaN at the end fails the test too
  for (const { rule, sticky, lead, third } of rules) {
    if (lead !== null && (Number.isNaN(next) || (pair >= 0 && lead[pair] === 0))) continue;
    if (third !== null) {
      const code = text.charCodeAt(at + 2);
      if (Number.isNaN(code) || (code < 128 && third[code] === 0)) continue;
    }
    sticky.lastIndex = at;
    const found = sticky.exec(text);
    if (found) return { rule, index: at, text: found[0] };
  }
  return null;
}

/** The first defanged spelling at or after `from`, or null. */
export function nextDefang(text: string, from: number): DefangMatch | null {
  const n = text.length;
  for (let i = from; i < n; i++) {
    const code = text.charCodeAt(i);
    const group = STARTS[code] as number;
    if (group === 0) continue;
    if (code < 128) {
      const next = text.charCodeAt(i + 1); // NaN at the end: a look-up of NaN reads undefined, never 1
      if (next < 128 && ANY_LEAD[code * 128 + next] !== 1) continue;
    }
    const found = matchAt(text, i, GROUPS[group - 1] as CompiledRule[]);
    if (found) return found;
  }
  return null;
}
