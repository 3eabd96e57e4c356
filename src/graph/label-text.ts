/**
 * Node labels: every value ThreatCrowd returns is hostile until cleaned. A label is defanged, stripped of
 * control, format (bidi, zero-width) and combining characters and of chat markup, limited to characters the
 * shipped font draws, and cut to a drawable length.
 */
import { domainToASCII } from 'node:url';
import { defang } from '../indicators/defang.js';
import { stripMarkup } from '../indicators/markup.js';
import type { NodeKind } from './model.js';

/** Longest label drawn, in characters (a SHA-1 fits). */
export const MAX_LABEL_CHARS = 40;

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

function cut(text: string, kind: NodeKind, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  // Names keep their end (the registered domain), references their start (the site), hashes both ends.
  if (kind === 'domain' || kind === 'email') return `…${chars.slice(chars.length - max + 1).join('')}`;
  if (kind === 'hash') {
    const half = Math.floor((max - 1) / 2);
    return `${chars.slice(0, half).join('')}…${chars.slice(chars.length - half).join('')}`;
  }
  return `${chars.slice(0, max - 1).join('')}…`;
}

/** Removes invisible characters and chat markup, and squeezes white space. */
export function cleanText(text: string): string {
  return stripMarkup(text.normalize('NFC').replace(INVISIBLE, ' ')).replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
}

/** The label drawn for a value of `kind`: defanged, clean, drawable and at most `max` characters. */
export function labelFor(kind: NodeKind, value: string, max = MAX_LABEL_CHARS): string {
  const clean = cleanText(value);
  const shown =
    kind === 'hash' || kind === 'family' || kind === 'detection' || kind === 'more' ? clean : defang(asciiIndicator(kind, clean));
  // A stray `@` (`@everyone.evil.top`) is defanged too: no label may read as a mention or an address.
  let safe = shown.replace(/(?<!\[)@(?!\])/g, '[@]');
  // A reference is free text that may hold several names (or lost its scheme): every dot is broken.
  if (kind === 'reference') safe = safe.replace(/(?<!\[)\.(?!\])/g, '[.]');
  return cut(drawable(safe === '' ? '?' : safe), kind, max);
}
