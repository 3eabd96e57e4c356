/** The lease keeper against a store slower than its beat: one renewal at a time, and stop() waits for it. */
import { describe, expect, it } from 'vitest';
import { keepLease } from '../../src/bulk/lease-keeper.js';

describe('the bulk lease keeper against a slow store', () => {
  it('GIVEN renewals slower than a beat THEN one is in flight at a time, and stop() resolves only once it has settled', async () => {
    const pending: Array<(held: boolean) => void> = [];
    const state = { acquireLease: () => new Promise<boolean>((resolve) => pending.push(resolve)) };
    const lease = keepLease(state, 'bulk-1', 'a', 40); // a beat every 10 ms; the store answers none yet
    await new Promise((r) => setTimeout(r, 60));
    expect(pending).toHaveLength(1);
    let stopped = false;
    const stopping = lease.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    pending[0]?.(true);
    await stopping;
    expect(pending).toHaveLength(1);
  });

  it('GIVEN a renewal refused (another replica holds the bulk, or it has ended) THEN the lease is lost and no more renewals are asked', async () => {
    let asked = 0;
    const refuse = async () => {
      asked++;
      return false;
    };
    const lease = keepLease({ acquireLease: refuse }, 'bulk-1', 'a', 40);
    await new Promise((r) => setTimeout(r, 60));
    expect(lease.lost.aborted).toBe(true);
    expect(asked).toBe(1);
    await lease.stop();
  });
});
