/**
 * Node labels: every value ThreatCrowd returns is hostile until cleaned. A label is defanged, stripped of
 * control, format (bidi, zero-width) and combining characters and of chat markup, limited to characters the
 * shipped font draws, and cut to a drawable length.
 */
import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { defang } from '../indicators/defang.js';
import { stripMarkup } from '../indicators/markup.js';
import type { NodeKind } from './model.js';

/** Longest label drawn, in characters. */
export const MAX_LABEL_CHARS = 32;
/** A hash is drawn as its first and last 8 characters (the alt text and the summary hold it whole). */
export const HASH_LABEL_CHARS = 17;

// Cc: controls; Cf: bidi overrides, zero-width and other invisible format characters; M: combining marks
// (they stack without advancing and would break the width the layout counts on); Zl/Zp: line separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{M}\p{Zl}\p{Zp}]/gu;
// Latin, Latin-1, Latin Extended, Greek and Cyrillic: drawn by DejaVu Sans Mono, one cell each.
const DRAWABLE = /[\u0020-\u007e\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff]/u;

function drawable(text: string): string {
  let out = '';
  for (const char of text) out += DRAWABLE.test(char) ? char : '?';
  return out;
}

/** A host in ASCII (IDN as punycode, so look-alike letters show), unchanged when it is not a valid name. */
function asciiHost(host: string): string {
  if (/^[\x20-\x7e]*$/.test(host)) return host;
  const ascii = domainToASCII(host);
  return ascii === '' ? host : ascii;
}

function asciiIndicator(kind: NodeKind, value: string): string {
  if (kind === 'domain') return asciiHost(value);
  if (kind === 'email') {
    const at = value.lastIndexOf('@');
    return at > 0 ? `${value.slice(0, at)}@${asciiHost(value.slice(at + 1))}` : value;
  }
  return value;
}

// A cut never leaves half of a defanging bracket (`evil[.` would read as live once the `]` is gone).
const head = (chars: string[], n: number) =>
  chars
    .slice(0, n)
    .join('')
    .replace(/\[[^\]]?$/, '');
const tail = (chars: string[], n: number) =>
  chars
    .slice(chars.length - n)
    .join('')
    .replace(/^[^[]?\]/, '');

function cut(text: string, kind: NodeKind, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  // Names keep their end (the registered domain), references their start (the site), hashes and addresses
  // (IPv6 is longer than a label) both ends.
  if (kind === 'domain' || kind === 'email') return `…${tail(chars, max - 1)}`;
  if (kind === 'hash' || kind === 'ip') {
    const half = Math.floor((max - 1) / 2);
    return `${head(chars, half)}…${tail(chars, half)}`;
  }
  return `${head(chars, max - 1)}…`;
}

/** Removes invisible characters and chat markup, and squeezes white space. */
export function cleanText(text: string): string {
  return stripMarkup(text.normalize('NFC').replace(INVISIBLE, ' ')).replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
}

/** The label drawn for a value of `kind`: defanged, clean, drawable and at most `max` characters. */
export function labelFor(kind: NodeKind, value: string, max = kind === 'hash' ? HASH_LABEL_CHARS : MAX_LABEL_CHARS): string {
  const clean = cleanText(value);
  const shown =
    kind === 'hash' || kind === 'family' || kind === 'detection' || kind === 'more' ? clean : defang(asciiIndicator(kind, clean));
  // A stray `@` (`@everyone.evil.top`) is defanged too: no label may read as a mention or an address.
  let safe = shown.replace(/(?<!\[)@(?!\])/g, '[@]');
  // A reference is free text that may hold several names (or lost its scheme): every dot is broken.
  if (kind === 'reference') safe = safe.replace(/(?<!\[)\.(?!\])/g, '[.]');
  return cut(drawable(safe === '' ? '?' : safe), kind, max);
}

/** A short, stable mark of a value: tells apart two values whose labels would read alike. */
function valueMark(kind: NodeKind, value: string): string {
  return createHash('sha256').update(`${kind}:${value}`).digest('hex').slice(0, 4);
}

/**
 * The nodes with every label unique: two values that draw alike (cut to the same tail, or differing only in
 * characters the font cannot draw) each get a short mark of their value (` #1f3a`), so neither hides the other.
 */
export function withDistinctLabels<T extends { readonly kind: NodeKind; readonly value: string; readonly label: string }>(
  nodes: readonly T[],
): T[] {
  const seen = new Map<string, number>();
  for (const node of nodes) seen.set(node.label.toLowerCase(), (seen.get(node.label.toLowerCase()) ?? 0) + 1);
  return nodes.map((node) =>
    (seen.get(node.label.toLowerCase()) ?? 0) > 1 ? { ...node, label: `${node.label} #${valueMark(node.kind, node.value)}` } : node,
  );
}
