/**
 * A file's answer: its hashes (computed here; the file itself never leaves the process) looked up where
 * each is known: MD5 and SHA-1 at ThreatCrowd, SHA-256 at providers that support it (AlienVault OTX).
 */

import { failureMessage } from '../bulk/failure-message.js';
import type { LookupOutcome } from '../cache/cached-lookup.js';
import { UnsupportedLookupError } from '../errors/index.js';
import type { LookupResult } from '../export/lookup-result.js';
import type { LookupType } from '../report/report.js';
import type { Priority } from '../throttle/limiter.js';
import type { FileHashes } from './hash-stream.js';

export interface FileAnswer {
  /** The file's name as the platform gave it: untrusted text, for renderers to escape. */
  readonly name: string;
  readonly hashes: FileHashes;
  /** The MD5 answer, then the SHA-256 one when a provider supports SHA-256. */
  readonly results: readonly LookupResult[];
}

export interface HashLookups {
  lookup(type: LookupType, value: string, priority: Priority): Promise<LookupOutcome>;
}

async function lookUpHash(lookups: HashLookups, hash: string, label: string, priority: Priority): Promise<LookupResult | null> {
  const base = { typed: label, type: 'file' as const, value: hash };
  try {
    const outcome = await lookups.lookup('file', hash, priority);
    return { ...base, report: outcome.report, from: outcome.from, error: null };
  } catch (error) {
    // No provider for SHA-256 (OTX not configured): the MD5 answer stands alone.
    if (error instanceof UnsupportedLookupError && label === 'SHA-256') return null;
    const message = failureMessage(error);
    if (message === null) throw error;
    return { ...base, report: null, from: null, error: message };
  }
}

/** Looks up the file's MD5 and SHA-256 (in parallel; each through the cache and its provider's limiter). */
export async function lookUpFile(
  name: string,
  hashes: FileHashes,
  lookups: HashLookups,
  priority: Priority = 'passive',
): Promise<FileAnswer> {
  const answers = await Promise.all([
    lookUpHash(lookups, hashes.md5, 'MD5', priority),
    lookUpHash(lookups, hashes.sha256, 'SHA-256', priority),
  ]);
  return { name, hashes, results: answers.filter((a): a is LookupResult => a !== null) };
}
