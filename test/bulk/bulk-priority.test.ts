import { describe, expect, it } from 'vitest';
import { useLimiter } from '../support/simulator.js';

describe('the bulk priority', () => {
  it('GIVEN jobs of every priority queued THEN bulk runs after people and votes, before passive lookups', async () => {
    const limiter = useLimiter({ burst: 1, intervalMs: 20 });
    const order: string[] = [];
    const job = (name: string) => async () => void order.push(name);
    let release: (() => void) | null = null;
    const first = limiter.schedule('interactive', () => new Promise<void>((r) => (release = r)).then(job('first')));
    await expect.poll(() => release !== null).toBe(true); // the first job runs; the rest must queue behind it
    const rest = [
      limiter.schedule('passive', job('passive')),
      limiter.schedule('bulk', job('bulk')),
      limiter.schedule('vote', job('vote')),
      limiter.schedule('interactive', job('interactive')),
    ];
    await expect.poll(() => limiter.queued()).toBe(4);
    await new Promise((r) => setTimeout(r, 100)); // Bottleneck files queued jobs asynchronously
    (release as unknown as () => void)();
    await Promise.all([first, ...rest]);
    expect(order).toEqual(['first', 'interactive', 'vote', 'bulk', 'passive']);
  });

  it('GIVEN bulk jobs queued THEN a new bulk job is told they are ahead, but a person is not', async () => {
    const limiter = useLimiter({ burst: 1, intervalMs: 1000 });
    let release: (() => void) | null = null;
    const blocker = limiter.schedule('bulk', () => new Promise<void>((r) => (release = r)));
    await expect.poll(() => release !== null).toBe(true);
    const queued = [limiter.schedule('bulk', async () => {}), limiter.schedule('bulk', async () => {})];
    expect((await limiter.estimate('bulk')).position).toBe(4);
    expect((await limiter.estimate('interactive')).position).toBe(2);
    (release as unknown as () => void)();
    await limiter.stop();
    await Promise.allSettled([blocker, ...queued]);
  });
});
