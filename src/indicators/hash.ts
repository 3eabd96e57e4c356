/** Hash recognition: a 32/40/64-hex token that stands alone, never a secret, digest or commit id. */

const HEX = /^[0-9a-fA-F]+$/;
const LENGTHS: Record<number, 'md5' | 'sha1' | 'sha256'> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

/** Keys whose value really is a file hash (`md5=…`, `sha256: …`). */
const HASH_KEY = /^(?:md5|sha-?1|sha-?256|hash|[\w-]*hash|checksum|digest|ioc|indicator)$/i;
/** Keys, glued with `:`, that mark an image or content digest rather than a file hash. */
const DIGEST_ALGORITHM = /^(?:sha-?256|sha-?384|sha-?512|blake2b?|sha3-?\d{3})$/i;
/** Text right before a value that marks it as a secret, a session or a commit. */
const SECRET_BEFORE =
  /(?:token|secret|passw(?:or)?d|pwd|api[_-]?key|apikey|auth[\w-]{0,20}|session[\w-]{0,10}|sid|cookie|csrf[\w-]{0,10}|nonce|salt|signature|sig|private[_-]?key|client[_-]?secret|key)["']?\s{0,3}[:=]\s{0,3}["']?$|\bbearer\s{1,3}$|\bcommit\s{1,3}$|\bcommit[:=]\s{0,3}$|@$/i;
const KEY_BEFORE = /([A-Za-z_][\w.-]{0,40})["']?\s{0,3}=\s{0,3}["']?$/;

/** The hash type of `token` when it is a well-formed 32/40/64-hex value, else null. */
export function hashType(token: string): 'md5' | 'sha1' | 'sha256' | null {
  const type = LENGTHS[token.length];
  if (!type || !HEX.test(token)) return null;
  // A run with no digit or no letter is a word or a number, not a digest.
  if (!/[0-9]/.test(token) || !/[a-fA-F]/.test(token)) return null;
  return type;
}

/** True when the text before a hash-shaped token (and its glued `key:`, if any) says it is not a file hash. */
export function hashContextObjects(before: string, gluedKey: string | null): boolean {
  // `sha256:<hex>` glued is an image digest; `md5:<hex>` is a label; `token:<hex>` is a secret.
  if (gluedKey !== null) return DIGEST_ALGORITHM.test(gluedKey) || !HASH_KEY.test(gluedKey);
  const tail = before.slice(-48);
  if (SECRET_BEFORE.test(tail)) return true;
  const key = KEY_BEFORE.exec(tail);
  return key !== null && !HASH_KEY.test(key[1] ?? '');
}
