/** A claim held for as long as some work runs: renewed every quarter of its lifetime, given back when the work ends. */
import type { Coordination } from './coordination.js';

/**
 * Runs `work` while this replica holds `key`; resolves false, without running it, when another replica holds it.
 * A replica that dies mid-work blocks the key for at most `ttlMs`.
 */
export async function whileClaimed(
  coordination: Coordination,
  key: string,
  ttlMs: number,
  work: () => Promise<void>,
  onRenewFailure: (error: unknown) => void = () => {},
): Promise<boolean> {
  if (!(await coordination.claim(key, ttlMs))) return false;
  const renewal = setInterval(() => coordination.renew(key, ttlMs).catch(onRenewFailure), Math.max(10, Math.floor(ttlMs / 4)));
  renewal.unref();
  try {
    await work();
    return true;
  } finally {
    clearInterval(renewal);
    await coordination.release(key).catch(() => {});
  }
}
