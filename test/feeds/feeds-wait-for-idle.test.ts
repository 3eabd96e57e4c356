import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { CrowdFeeds } from '../../src/feeds/crowd-feeds.js';
import { useLimiter } from '../support/simulator.js';

describe('feed downloads and the rate limit', () => {
  it('GIVEN a limiter whose burst is partly spent THEN it is not idle until the burst refills', async () => {
    const limiter = useLimiter({ burst: 3, intervalMs: 1000 });
    expect(await limiter.isIdle()).toBe(true);
    await limiter.schedule('interactive', async () => {});
    expect(await limiter.isIdle()).toBe(false);
    const start = Date.now();
    while (!(await limiter.isIdle())) await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - start).toBeGreaterThanOrEqual(300);
  });

  it('GIVEN a busy rate limit THEN no feed is downloaded until it is idle, one feed per idle moment', async () => {
    let idle = false;
    const fetched: string[] = [];
    const feeds = new CrowdFeeds(
      {
        text: async (path) => {
          fetched.push(path);
          idle = false; // each download spends a token
          return { '/feeds/domains.txt': 'evil.com\n', '/feeds/ips.txt': '45.77.12.99\n' }[path] ?? 'ec8c89aa5e521572c74e2dd02a4daf78\n';
        },
        reachable: () => true,
        idle: async () => idle,
      },
      new Keyv(),
    );
    const refresh = feeds.refresh();
    await new Promise((r) => setTimeout(r, 500));
    expect(fetched).toEqual([]);
    idle = true;
    while (fetched.length < 1) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    expect(fetched).toEqual(['/feeds/domains.txt']);
    for (const expected of [2, 3]) {
      idle = true;
      while (fetched.length < expected) await new Promise((r) => setTimeout(r, 20));
    }
    expect(await refresh).toBe(true);
    expect(feeds.has({ type: 'domain', value: 'evil.com' })).toBe(true);
  });

  it('GIVEN feeds stopped while waiting for an idle moment THEN nothing is downloaded', async () => {
    const fetched: string[] = [];
    const text = async (path: string) => {
      fetched.push(path);
      return '';
    };
    const feeds = new CrowdFeeds({ text, reachable: () => true, idle: async () => false }, new Keyv());
    const refresh = feeds.refresh();
    feeds.stop();
    expect(await refresh).toBe(false);
    expect(fetched).toEqual([]);
  });
});
