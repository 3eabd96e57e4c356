/** STIX patterns for observables: `[domain-name:value = 'evil.com']`, `[file:hashes.MD5 = '…' OR file:hashes.'SHA-1' = '…']`. */
import type { StixObservable } from './observables.js';

/** A STIX pattern string literal: backslash and quote escaped. */
const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A hash name as an object path step: names with a hyphen must be quoted. */
const hashPath = (name: string) => (/^[A-Za-z0-9_]+$/.test(name) ? name : literal(name));

export function patternFor(observable: StixObservable): string {
  if (observable.type === 'file') {
    const terms = Object.entries(observable.hashes ?? {}).map(([name, hash]) => `file:hashes.${hashPath(name)} = ${literal(hash)}`);
    return `[${terms.join(' OR ')}]`;
  }
  return `[${observable.type}:value = ${literal(observable.value ?? '')}]`;
}
