/**
 * Deterministic STIX identifiers, so that exporting the same value again updates an object instead of
 * adding a duplicate. Observables use the STIX 2.1 rule (UUIDv5 in the STIX namespace over the canonical
 * JSON of their ID-contributing properties, §2.9), so other STIX tools derive the same ids; the bot's own
 * objects use UUIDv5 in the bot's namespace over a readable name.
 */
import { v5 as uuidv5 } from 'uuid';

/** The namespace STIX 2.1 fixes for cyber-observable ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** This bot's namespace for indicators, malware and relationships (UUIDv5 of its name in the URL namespace). */
export const BOT_NAMESPACE = uuidv5('https://github.com/threatcrowd-bot/stix', uuidv5.URL);

/**
 * RFC 8785 canonical JSON for what the contributing properties hold here (strings and flat objects of
 * strings): keys sorted, no white space; JSON.stringify's string escaping is the canonical one.
 */
function canonicalJson(value: Record<string, string | Record<string, string>>): string {
  const sorted = (o: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  const top = sorted(value);
  for (const [k, v] of Object.entries(top)) if (typeof v === 'object' && v !== null) top[k] = sorted(v as Record<string, unknown>);
  return JSON.stringify(top);
}

/** `domain-name--…` and the like, from the observable's ID-contributing properties. */
export function observableId(type: string, contributing: Record<string, string | Record<string, string>>): string {
  return `${type}--${uuidv5(canonicalJson(contributing), STIX_SCO_NAMESPACE)}`;
}

/** `indicator--…`, `malware--…`, `relationship--…` from a name unique to what the object says. */
export function objectId(type: string, name: string): string {
  return `${type}--${uuidv5(`${type}|${name}`, BOT_NAMESPACE)}`;
}
