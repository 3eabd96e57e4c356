import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createServices, type Services } from '../../src/runtime/services.js';
import { openStore } from '../../src/store/open-store.js';
import { VoteService } from '../../src/votes/vote-service.js';
import { offlineEnv } from '../support/env.js';
import { useRedisForFile } from '../support/redis-server.js';
import { afterTest } from '../support/servers.js';
import { clientFor, useLimiter, useSimulator } from '../support/simulator.js';
import { createTestBot } from '../support/test-bot.js';

const EVIL = { type: 'domain', value: 'evil.com' } as const;
const vote = (userId: string, malicious = true) => ({ platform: 'slack', userId, target: EVIL, malicious });

const redis = useRedisForFile();

describe('votes are delivered once', () => {
  it('GIVEN two replicas on one Redis and a vote endpoint slower than the claim THEN ThreatCrowd gets one vote', async () => {
    const sim = await useSimulator();
    sim.addFault({ kind: 'slow', path: '/vote.php', delayMs: 6000, times: 5 });
    const settings = loadSettings({ ...offlineEnv(sim), REDIS_URL: redis.url, THREATCROWD_TIMEOUT_MS: '20000' });
    const replica = async (): Promise<[Services, VoteService]> => {
      const services = await createServices(settings);
      afterTest(() => services.close());
      // Each replica sends through its own limiter here, so nothing but the claim keeps B from sending while A's request is in flight.
      const client = clientFor(sim, { limiter: useLimiter(), retries: 0, timeoutMs: 20_000 });
      const votes = new VoteService({
        ledger: services.store.namespace('votes'),
        send: (value, malicious, o) => client.vote(value, malicious, o),
        coordination: services.coordination,
        // 2 s, renewed every 0.5 s: a renewal may come 1.5 s late (a loaded machine) before the claim lapses.
        deliveryClaimMs: 2000,
        retryBaseMs: 1,
      });
      return [services, votes];
    };
    const [, a] = await replica();
    const [, b] = await replica();
    await a.cast(vote('U1'));
    let delivered = false;
    const first = a.deliverDue().finally(() => {
      delivered = true;
    });
    // B tries again and again while A's request is in flight (6 s), well past A's 2-s claim.
    while (!delivered) {
      await new Promise((r) => setTimeout(r, 400));
      await b.deliverDue();
    }
    expect(await first).toBe(1);
    await b.deliverDue();
    expect(sim.votes.map((v) => [v.value, v.vote])).toEqual([['evil.com', '0']]);
    expect(await b.pending()).toBe(0);
  }, 30_000);

  it('GIVEN a claim taken over by another replica THEN the first replica cannot release or renew it', async () => {
    const settings = loadSettings({ ...offlineEnv(await useSimulator()), REDIS_URL: redis.url });
    const a = await createServices(settings);
    const b = await createServices(settings);
    afterTest(() => a.close());
    afterTest(() => b.close());
    expect(await a.coordination.claim('k-owner', 50)).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    expect(await b.coordination.claim('k-owner', 10_000)).toBe(true);
    await a.coordination.release('k-owner');
    expect(await a.coordination.renew('k-owner', 10_000)).toBe(false);
    expect(await b.coordination.holds('k-owner')).toBe(true);
    expect(await a.coordination.claim('k-owner', 10_000)).toBe(false);
  });
});

describe('votes and the circuit breaker', () => {
  it('GIVEN ThreatCrowd’s breaker open THEN no /vote.php request is made; after a probe succeeds the vote arrives', async () => {
    const t = await createTestBot({ BREAKER_FAILURES: '1', BREAKER_COOLDOWN_SECONDS: '1' });
    t.sim.addFault({ kind: 'http-503' });
    await t.services.lookups.lookup('domain', 'aoldaily.com', 'interactive').catch(() => {});
    expect(t.services.threatcrowd.state()).toBe('open');
    await t.votes.cast(vote('U1'));
    expect(await t.votes.deliverDue()).toBe(0);
    expect(t.sim.requests.filter((r) => r.path === '/vote.php')).toHaveLength(0);
    expect(await t.votes.pending()).toBe(1);

    t.sim.clearFaults();
    await new Promise((r) => setTimeout(r, 1100));
    await t.services.lookups.lookup('domain', 'aoldaily.com', 'interactive'); // the probe
    await expect.poll(() => t.sim.votes.map((v) => v.value), { timeout: 10_000 }).toEqual(['evil.com']);
  }, 20_000);

  it('GIVEN vote failures THEN they count toward the breaker', async () => {
    const t = await createTestBot({ BREAKER_FAILURES: '2' });
    t.sim.addFault({ kind: 'http-503', path: '/vote.php' });
    await t.votes.cast(vote('U1'));
    await t.votes.cast({ ...vote('U2'), target: { type: 'domain', value: 'bad.com' } });
    await t.votes.deliverDue();
    expect(t.services.threatcrowd.state()).toBe('open');
  });
});

describe('the ledger and the outbox change together', () => {
  async function failing(keyPrefix: string) {
    const sim = await useSimulator();
    const store = await openStore('memory://');
    const ledger = store.namespace('votes');
    const set = ledger.set.bind(ledger);
    let broken = true;
    ledger.set = (async (key: string, value: unknown, ttl?: number) => {
      if (broken && key.startsWith(keyPrefix)) throw new Error('disk full');
      return set(key, value, ttl);
    }) as typeof ledger.set;
    const client = clientFor(sim, { limiter: useLimiter(), retries: 0 });
    const votes = new VoteService({ ledger, send: (v, m, o) => client.vote(v, m, o), retryBaseMs: 1 });
    return { sim, votes, heal: () => (broken = false) };
  }

  it('GIVEN the vote’s own write failing THEN it is neither counted nor queued, and nothing is sent', async () => {
    const { sim, votes } = await failing('votes:');
    await expect(votes.cast(vote('U1'))).rejects.toThrow('disk full');
    expect(await votes.tally(EVIL)).toEqual({ malicious: 0, safe: 0 });
    expect(await votes.pending()).toBe(0);
    expect(await votes.deliverDue()).toBe(0);
    expect(sim.votes).toHaveLength(0);
  });

  it('GIVEN the outbox write failing THEN the vote is neither counted nor queued; cast again later it is both', async () => {
    const { sim, votes, heal } = await failing('outbox');
    await expect(votes.cast(vote('U1'))).rejects.toThrow('disk full');
    expect(await votes.tally(EVIL)).toEqual({ malicious: 0, safe: 0 });
    heal();
    await votes.cast(vote('U1'));
    expect(await votes.tally(EVIL)).toEqual({ malicious: 1, safe: 0 });
    expect(await votes.pending()).toBe(1);
    expect(await votes.deliverDue()).toBe(1);
    expect(sim.votes).toHaveLength(1);
  });
});
