/**
 * How many files this process reads at once, and how many may wait: hashing takes a core and a download's
 * bandwidth, so a flood of shared files (or of 🔎) is bounded here rather than by the platform's patience.
 */
import Bottleneck from 'bottleneck';
import { FileHashBusyError } from './errors.js';

export const HASH_LIMITS = { running: 2, waiting: 16 } as const;

const slots = new Bottleneck({
  maxConcurrent: HASH_LIMITS.running,
  highWater: HASH_LIMITS.waiting,
  strategy: Bottleneck.strategy.OVERFLOW,
});

/** Runs `read` when a slot is free; FileHashBusyError at once when the waiting line is full. */
export async function inHashSlot<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await slots.schedule(read);
  } catch (error) {
    if (error instanceof Bottleneck.BottleneckError) throw new FileHashBusyError(HASH_LIMITS.waiting);
    throw error;
  }
}
