/**
 * `start` does not give up on a store that is down (Redis restarting, a compose service still coming up):
 * it retries in the background with a log line per attempt, while /healthz answers and /readyz says not ready.
 */
import type { Settings } from '../config/settings.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { StoreUnreachableUserError } from './connect-store.js';
import { createServices, type Services } from './services.js';

export interface RetryOptions {
  /** Wait before attempt `n` (1-based, after the first failure). @default 1 s doubling to 15 s */
  readonly delayMs?: (attempt: number) => number;
  /** Stops retrying (SIGTERM while waiting for the store). */
  readonly signal?: AbortSignal;
}

/** Thrown when the wait for the store was abandoned by `signal`. */
export class StartAborted extends Error {
  override readonly name = 'StartAborted';
}

const backoff = (attempt: number) => Math.min(15_000, 1000 * 2 ** (attempt - 1));

export async function createServicesWithRetry(
  settings: Settings,
  metrics: Metrics,
  logger: Logger,
  options: RetryOptions = {},
): Promise<Services> {
  const delayMs = options.delayMs ?? backoff;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new StartAborted('stopped while waiting for the store');
    try {
      const services = await createServices(settings, logger, metrics);
      if (attempt > 1) logger.info({ attempt }, 'store reachable; starting');
      return services;
    } catch (error) {
      if (!(error instanceof StoreUnreachableUserError)) throw error;
      const wait = delayMs(attempt);
      logger.warn({ attempt, retryInMs: wait }, `${error.message} Retrying; /readyz says not ready until then.`);
      await sleep(wait, options.signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
