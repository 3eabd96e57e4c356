/**
 * How many files this process reads at once, and how many may wait: hashing takes a core and a download's
 * bandwidth, so a flood of shared files (or of 🔎) is bounded here rather than by the platform's patience.
 */
import Bottleneck from 'bottleneck';
import { FileHashBusyError } from './errors.js';

/**
 * At once in this process: files being read, files waiting, and of those, one person's — one message's worth
 * (MAX_FILES_PER_MESSAGE), so one person's flood leaves room for everyone else's files.
 */
export const HASH_LIMITS = { running: 2, waiting: 16, perPerson: 5 } as const;

const slots = new Bottleneck({
  maxConcurrent: HASH_LIMITS.running,
  highWater: HASH_LIMITS.waiting,
  strategy: Bottleneck.strategy.OVERFLOW,
});

/** Files each person has being read or waiting, by person (entries leave when they reach 0). */
const heldBy = new Map<string, number>();

/**
 * Runs `read` for `owner` (the person who shared the file or asked for it) when a slot is free; FileHashBusyError at
 * once when that person already has their share of files in line, or when the waiting line is full.
 */
export async function inHashSlot<T>(read: () => Promise<T>, owner: string): Promise<T> {
  const held = heldBy.get(owner) ?? 0;
  if (held >= HASH_LIMITS.perPerson) throw new FileHashBusyError(held, 'yours');
  heldBy.set(owner, held + 1);
  try {
    return await slots.schedule(read);
  } catch (error) {
    if (error instanceof Bottleneck.BottleneckError) throw new FileHashBusyError(HASH_LIMITS.waiting, 'all');
    throw error;
  } finally {
    const left = (heldBy.get(owner) ?? 1) - 1;
    if (left > 0) heldBy.set(owner, left);
    else heldBy.delete(owner);
  }
}
