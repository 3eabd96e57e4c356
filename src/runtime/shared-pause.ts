/** A limiter pause kept on Redis, so a Retry-After seen by one replica pauses every replica. */
import type { Redis } from 'ioredis';
import type { SharedPause } from '../throttle/limiter-options.js';

// Keeps the later of the current and the new pause, and lets the key expire with it.
const EXTEND = `local current = tonumber(redis.call('get', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

export function redisPause(redis: Redis, name: string, now: () => number = Date.now): SharedPause {
  const key = `threatcrowd-bot:pause:${name}`;
  return {
    async read() {
      return Number((await redis.get(key)) ?? 0);
    },
    async write(until) {
      await redis.eval(EXTEND, 1, key, String(until), String(Math.max(1, until - now())));
    },
  };
}
