import type { Logger } from '../../src/observability/logger.js';

/** Runs one listener's work; what it throws is logged with what was running, never thrown into the platform library. */
export type ListenerGuard = (what: string, work: () => Promise<void>) => Promise<void>;

/**
 * The error guard every listener runs in: a crash in one handler is one log line (with the platform's own error
 * code when `codeOf` finds one), and the bot keeps serving everything else.
 */
export function listenerGuard(
  log: Logger,
  platform: string,
  codeOf: (error: unknown) => string | undefined = () => undefined,
): ListenerGuard {
  return async (what, work) => {
    try {
      await work();
    } catch (error) {
      log.error({ err: error, what, code: codeOf(error) }, `${platform} listener failed`);
    }
  };
}
