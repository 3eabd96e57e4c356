/**
 * Bolt's logs (and its Web API and Socket Mode clients'), into the bot's structured log. Their debug lines
 * carry request and response bodies (message text, looked-up values): only the part before a body is kept.
 */
import { LogLevel } from '@slack/bolt';
import { libraryLine } from '../../src/observability/log-safety.js';
import type { Logger } from '../../src/observability/logger.js';

export function boltLogger(log: Logger) {
  let level = LogLevel.WARN;
  const child = log.child({ component: 'bolt' });
  return {
    debug: (...msg: unknown[]) => child.debug(libraryLine(msg)),
    info: (...msg: unknown[]) => child.info(libraryLine(msg)),
    warn: (...msg: unknown[]) => child.warn(libraryLine(msg)),
    error: (...msg: unknown[]) => child.error(libraryLine(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
