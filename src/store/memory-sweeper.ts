/**
 * A memory store drops an expired entry only when it is read again; claims, de-duplication marks and answers
 * that are never read again would stay for the life of the process. This deletes them on a schedule, as the
 * SQLite sweeper does on disk.
 */
import type { Sweeper } from './sqlite-housekeeping.js';

/** Keyv keeps `{"value":…,"expires":1796180809620}`: the expiry is the serialized entry's last field (a fraction or an exponent when the TTL was one). */
const EXPIRES = /"expires":(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\}$/;

/** Sweeps the given maps (one per namespace, added as they are made) every `everyMs`. */
export function startMemorySweeper(maps: readonly Map<string, unknown>[], everyMs: number, now: () => number = Date.now): Sweeper {
  const sweep = async () => {
    const at = now();
    let deleted = 0;
    for (const map of maps) {
      for (const [key, raw] of map) {
        const expires = typeof raw === 'string' ? EXPIRES.exec(raw)?.[1] : undefined;
        if (expires !== undefined && Number(expires) < at && map.delete(key)) deleted++;
      }
    }
    return deleted;
  };
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
    },
  };
}
