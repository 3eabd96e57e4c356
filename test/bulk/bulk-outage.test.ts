/**
 * A bulk in an outage waits for the provider to come back instead of racing through its list: a lookup that
 * found every provider paused by its circuit breaker (nothing sent) goes back in line, the progress says why
 * the count stopped, Cancel and shutdown still work at once, and patience has an end.
 */
import { describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../src/bulk/bulk-progress.js';
import { BulkRunner } from '../../src/bulk/bulk-runner.js';
import { BulkStateStore } from '../../src/bulk/bulk-state.js';
import { outageOf } from '../../src/bulk/outage.js';
import { planBulk } from '../../src/bulk/plan-bulk.js';
import { MIN_HOLD_MS, WorkLine } from '../../src/bulk/work-line.js';
import { CircuitOpenError, UpstreamMalformedError, UpstreamNetworkError } from '../../src/errors/index.js';
import { NoSourceAnsweredError } from '../../src/providers/no-source-answered-error.js';
import { afterTest } from '../support/servers.js';
import { createTestBot } from '../support/test-bot.js';
import { bulkSetup, domainList, planOf } from './bulk-setup.js';

const PAUSED_MESSAGE = /requests are paused/;

/** A bot with ThreatCrowd then OTX, ThreatCrowd down (its breaker opens at the first failure), and a bulk runner. */
async function threatCrowdDown(coolDownSeconds: number, outagePatienceMs: number) {
  const t = await createTestBot({ PROVIDERS: 'threatcrowd,otx', BREAKER_FAILURES: '1', BREAKER_COOLDOWN_SECONDS: String(coolDownSeconds) });
  t.sim.addFault({ kind: 'reset', path: '/searchApi' });
  const { services } = t;
  const state = new BulkStateStore(services.store.namespace('bulk'), services.coordination);
  const runner = new BulkRunner({ lookups: services.lookups, queue: services.limiter, state, outagePatienceMs });
  afterTest(async () => runner.stop());
  return { t, runner };
}

describe('a bulk during an outage', () => {
  it('GIVEN ThreatCrowd down for a while mid-bulk THEN the bulk waits, shows the pause, and answers the rest when it is back', async () => {
    const { sim, runner } = await bulkSetup({ breaker: { failureThreshold: 1, coolDownMs: 250 } });
    const seen: BulkProgress[] = [];
    let downAt: number | null = null;
    const outcome = await runner().start(planOf(domainList(10)), 'console:me', {
      onProgress: (p) => {
        seen.push(p);
        if (p.done === 3 && downAt === null) {
          downAt = Date.now();
          sim.addFault({ kind: 'reset', path: '/searchApi' });
          setTimeout(() => sim.clearFaults(), 700);
        }
      },
    });
    expect(outcome.status).toBe('done');
    expect(outcome.progress.done).toBe(10);
    // Only lookups that were really sent may fail (those in flight, and each failed probe): none for "paused".
    const errors = outcome.results.map((r) => r.error).filter((e): e is string => e !== null);
    expect(errors.filter((e) => PAUSED_MESSAGE.test(e))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(6);
    expect(outcome.results.filter((r) => r.report !== null).length).toBeGreaterThanOrEqual(4);
    const paused = seen.find((p) => p.paused);
    expect(paused?.paused?.providers).toEqual(['ThreatCrowd']);
    expect(paused?.paused?.retryInMs).toBeLessThanOrEqual(1000);
    expect(seen.at(-1)?.paused).toBeUndefined();
  });

  it('GIVEN ThreatCrowd down past the patience THEN the remaining values fail with the reason and the bulk ends', async () => {
    const { sim, runner } = await bulkSetup({ breaker: { failureThreshold: 1, coolDownMs: 150 } });
    sim.addFault({ kind: 'reset', path: '/searchApi' });
    const started = Date.now();
    const outcome = await runner({ outagePatienceMs: 500 }).start(planOf(domainList(12)), 'console:me');
    expect(outcome.status).toBe('done');
    expect(outcome.progress).toMatchObject({ done: 12, failed: 12 });
    expect(outcome.results.some((r) => PAUSED_MESSAGE.test(r.error ?? ''))).toBe(true);
    // Patience (0.5 s) plus a probe or two; a bulk that never stopped waiting would hit the test's timeout.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('GIVEN Cancel pressed on another replica during a long pause THEN the bulk ends cancelled within a few seconds', async () => {
    const { sim, runner } = await bulkSetup({ breaker: { failureThreshold: 1, coolDownMs: 60_000 } });
    sim.addFault({ kind: 'reset', path: '/searchApi' });
    const other = runner({ replicaId: 'b' });
    let cancelledAt = 0;
    const outcome = await runner({ replicaId: 'a' }).start(planOf(domainList(8)), 'console:me', {
      onProgress: (p) => {
        if (p.paused && cancelledAt === 0) {
          cancelledAt = Date.now();
          void other.cancel(p.id);
        }
      },
    });
    expect(outcome.status).toBe('cancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(4000);
    expect(outcome.results.filter((r) => r.error === 'not looked up (the bulk was stopped)').length).toBeGreaterThanOrEqual(6);
  });

  it('GIVEN the bot stopping during a pause THEN the bulk stops at once, unfinished, for the next start to resume', async () => {
    const { sim, runner, state } = await bulkSetup({ breaker: { failureThreshold: 1, coolDownMs: 60_000 } });
    sim.addFault({ kind: 'reset', path: '/searchApi' });
    const running = runner();
    let stoppedAt = 0;
    const outcome = await running.start(planOf(domainList(8)), 'console:me', {
      onProgress: (p) => {
        if (p.paused && stoppedAt === 0) {
          stoppedAt = Date.now();
          running.stop();
        }
      },
    });
    expect(outcome.status).toBe('running');
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect(await state.unfinished()).toEqual([outcome.job.id]);
  });
});

describe('a bulk during an outage, more closely', () => {
  it('GIVEN an outage longer than several probes THEN a failed probe puts its value back: only lookups in flight as it began fail', async () => {
    const { sim, runner } = await bulkSetup({ breaker: { failureThreshold: 1, coolDownMs: 100 } });
    let down = false;
    const outcome = await runner().start(planOf(domainList(40)), 'console:me', {
      onProgress: (p) => {
        if (p.done === 2 && !down) {
          down = true;
          sim.addFault({ kind: 'reset', path: '/searchApi' });
          setTimeout(() => sim.clearFaults(), 2500);
        }
      },
    });
    expect(outcome.progress).toMatchObject({ done: 40 });
    // Two workers: at most the two lookups in flight when ThreatCrowd went down fail; every probe after is put back.
    expect(outcome.progress.failed).toBeLessThanOrEqual(2);
  });

  it('GIVEN a breaker cool-down longer than the patience THEN the patience bounds the wait', async () => {
    const { sim, runner } = await bulkSetup({ breaker: { failureThreshold: 1, coolDownMs: 20_000 } });
    sim.addFault({ kind: 'reset', path: '/searchApi' });
    const started = Date.now();
    const outcome = await runner({ outagePatienceMs: 300 }).start(planOf(domainList(6)), 'console:me');
    expect(outcome.progress).toMatchObject({ done: 6, failed: 6 });
    // About the patience (0.3 s) and the one-second steps of a wait; not the 20-s cool-down.
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('GIVEN ThreatCrowd down and OTX up THEN domains are answered by OTX at once while e-mails (ThreatCrowd only) wait, and patience holds', async () => {
    const { runner } = await threatCrowdDown(60, 3000);
    const lines = Array.from({ length: 5 }, (_, i) => [
      `user${i}@sample-corp.com`,
      `a${i}.sample-corp.com`,
      `b${i}.sample-corp.com`,
    ]).flat();
    let domainsDoneAt: number | null = null;
    const started = Date.now();
    const outcome = await runner.start(planBulk(lines.join('\n')), 'console:me', {
      onProgress: (p) => {
        if (p.done - p.failed >= 10 && domainsDoneAt === null) domainsDoneAt = Date.now() - started;
      },
    });
    const of = (pattern: RegExp) => outcome.results.filter((r) => pattern.test(r.value));
    expect(of(/^[ab]\d/).every((r) => r.error === null && r.report !== null)).toBe(true);
    expect(of(/@/).every((r) => r.error !== null)).toBe(true);
    // The domains did not wait behind the held e-mails (3 s of patience); the whole bulk ends within that patience
    // and a one-second step, not five 60-s cool-downs.
    expect(domainsDoneAt).not.toBeNull();
    expect(domainsDoneAt).toBeLessThan(3000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('outageOf', () => {
  const open = (provider: string) => new CircuitOpenError(provider, 5000);
  const nobody = () => false;
  const everybody = () => true;
  const reset = () => new UpstreamNetworkError('GET x', Object.assign(new Error('socket'), { code: 'ECONNRESET' }));

  it('GIVEN every provider asked paused THEN an outage until the first of them probes again', () => {
    expect(outageOf(open('ThreatCrowd'), 0, nobody)).toEqual({ retryAt: 5000, providers: ['ThreatCrowd'], sent: false });
    expect(outageOf(new NoSourceAnsweredError(open('ThreatCrowd'), ['AlienVault OTX'], 'email'), 0, nobody)).toMatchObject({
      providers: ['ThreatCrowd'],
    });
  });

  it('GIVEN a sent request that failed as outages fail THEN an outage only while values wait for that provider (a probe)', () => {
    expect(outageOf(reset(), 100, nobody)).toBeNull();
    expect(outageOf(reset(), 100, (p) => p.includes('AlienVault OTX'))).toBeNull();
    expect(outageOf(reset(), 100, (p) => p.includes('ThreatCrowd'))).toEqual({ retryAt: 100, providers: ['ThreatCrowd'], sent: true });
  });

  it('GIVEN a wrong answer, or a failure that is not upstream THEN never an outage: the value fails as it did', () => {
    expect(outageOf(new UpstreamMalformedError('GET x', 'not JSON'), 0, everybody)).toBeNull();
    expect(outageOf(new TypeError('a bug'), 0, everybody)).toBeNull();
  });
});

describe('WorkLine', () => {
  const outage = (retryAt: number, providers = ['ThreatCrowd'], sent = false) => ({ retryAt, providers, sent });

  it('GIVEN a held value THEN the others are taken first, then the wait, then the held value when its time comes', () => {
    let now = 0;
    const line = new WorkLine(() => now, 60_000);
    for (const i of [0, 1, 2]) line.add(i);
    expect(line.take()).toEqual({ index: 0 });
    expect(line.hold(0, outage(5000))).toBe(true);
    expect(line.take()).toEqual({ index: 1 });
    expect(line.take()).toEqual({ index: 2 });
    expect(line.pause()).toEqual({ retryAt: 5000, providers: ['ThreatCrowd'] });
    expect(line.take()).toEqual({ waitUntil: 5000 });
    now = 5000;
    expect(line.pause()).toBeNull();
    expect(line.take()).toEqual({ index: 0 });
    expect(line.take()).toBeNull();
  });

  it('GIVEN a probe in flight (retry time past) THEN a value is held a moment; the others for the same providers as long', () => {
    const now = 10_000;
    const line = new WorkLine(() => now, 60_000);
    line.add(0);
    line.add(1);
    line.take();
    line.take();
    line.hold(0, outage(now + 10));
    line.hold(1, outage(0));
    expect(line.take()).toEqual({ waitUntil: now + MIN_HOLD_MS });
  });

  it('GIVEN a value held for its patience THEN it is not held again, and no hold reaches past the patience', () => {
    let now = 0;
    const line = new WorkLine(() => now, 10_000);
    line.add(0);
    line.take();
    expect(line.hold(0, outage(60_000))).toBe(true);
    expect(line.take()).toEqual({ waitUntil: 10_000 });
    now = 10_000;
    line.take();
    expect(line.hold(0, outage(70_000))).toBe(false);
    expect(new WorkLine(() => 0, 0).hold(0, outage(1))).toBe(false); // patience 0: never wait
  });
});

describe('a value that fails for itself while others wait', () => {
  it('GIVEN e-mails held for ThreatCrowd and OTX failing one domain alone THEN that domain waits for ThreatCrowd, not asked of OTX every second', async () => {
    const { t, runner } = await threatCrowdDown(5, 8000);
    t.sim.addFault({ kind: 'http-503', path: '/api/v1/indicators/domain/bad.sample-corp.com' });
    const lines = [...Array.from({ length: 3 }, (_, i) => `user${i}@sample-corp.com`), 'bad.sample-corp.com', 'a0.sample-corp.com'];
    const outcome = await runner.start(planBulk(lines.join('\n')), 'console:me');
    // One OTX lookup is three requests (general, passive DNS, malware): count the first of each.
    const askedOtx = t.sim.requests.filter((r) => r.path === '/api/v1/indicators/domain/bad.sample-corp.com/general').length;
    // Asked once, then once per ThreatCrowd cool-down (5 s) within the patience (8 s): not every second.
    expect(askedOtx).toBeGreaterThanOrEqual(1);
    expect(askedOtx).toBeLessThanOrEqual(3);
    expect(outcome.results.find((r) => r.value === 'bad.sample-corp.com')?.error).toMatch(/ThreatCrowd|OTX|503/);
    expect(outcome.results.find((r) => r.value === 'a0.sample-corp.com')?.error).toBeNull();
  });
});

describe('WorkLine, a probe failing again and again', () => {
  it('GIVEN sent failures one after another THEN the pauses double, up to five minutes', () => {
    let now = 0;
    const line = new WorkLine(() => now, 3_600_000);
    line.add(0);
    line.take();
    const pauses: number[] = [];
    for (let i = 0; i < 12; i++) {
      line.hold(0, { retryAt: now, providers: ['ThreatCrowd'], sent: true });
      const next = line.take();
      const until = next && 'waitUntil' in next ? next.waitUntil : now;
      pauses.push(until - now);
      now = until;
      line.take();
    }
    expect(pauses.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(Math.max(...pauses)).toBe(300_000);
  });

  it('GIVEN a probe that failed again THEN its longer pause is its own: the others held for the provider are not kept longer', () => {
    const now = 0;
    const line = new WorkLine(() => now, 3_600_000);
    line.add(0);
    line.add(1);
    line.take();
    line.take();
    line.hold(0, { retryAt: 2000, providers: ['ThreatCrowd'], sent: false });
    for (let i = 0; i < 5; i++) line.hold(1, { retryAt: now, providers: ['ThreatCrowd'], sent: true });
    expect(line.take()).toEqual({ waitUntil: 2000 });
  });

  it('GIVEN a value held in a short outage that then fails for itself THEN one probe, then it fails: not held for the patience', () => {
    let now = 0;
    const line = new WorkLine(() => now, 30 * 60_000);
    line.add(0);
    line.take();
    line.hold(0, { retryAt: 30_000, providers: ['ThreatCrowd'], sent: false }); // the breaker was open
    now = 30_000;
    line.take();
    expect(line.waitsFor(0, ['ThreatCrowd'])).toBe(true); // its probe: ThreatCrowd may still be down
    line.hold(0, { retryAt: now, providers: ['ThreatCrowd'], sent: true });
    now += 1000;
    line.take();
    expect(line.waitsFor(0, ['ThreatCrowd'])).toBe(false); // failed again, nobody else waits: it fails for itself
  });

  it('GIVEN values held for ThreatCrowd THEN a failure on OTX alone is not taken for their outage', () => {
    const line = new WorkLine(() => 0, 60_000);
    line.add(0);
    line.add(1);
    line.take();
    line.hold(0, { retryAt: 5000, providers: ['ThreatCrowd'], sent: false });
    expect(line.waitsFor(1, ['AlienVault OTX'])).toBe(false);
    expect(line.waitsFor(1, ['ThreatCrowd'])).toBe(true);
  });
});
