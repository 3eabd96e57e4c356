/**
 * A bulk in an outage waits for the provider to come back instead of racing through its list: a lookup that
 * found every provider paused by its circuit breaker (nothing sent) goes back in line, the progress says why
 * the count stopped, Cancel and shutdown still work at once, and patience has an end.
 */
import { describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../src/bulk/bulk-progress.js';
import { OutagePause, outageOf } from '../../src/bulk/outage-pause.js';
import { CircuitOpenError, UpstreamNetworkError } from '../../src/errors/index.js';
import { NoSourceAnsweredError } from '../../src/providers/no-source-answered-error.js';
import { bulkSetup, domainList, planOf } from './bulk-setup.js';

const PAUSED_MESSAGE = /requests are paused/;

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

describe('outageOf', () => {
  const open = (provider: string) => new CircuitOpenError(provider, 5000);

  it('GIVEN every provider asked paused THEN an outage until the first of them probes again', () => {
    expect(outageOf(open('ThreatCrowd'))).toEqual({ retryAt: 5000, providers: ['ThreatCrowd'] });
    expect(outageOf(new NoSourceAnsweredError(open('ThreatCrowd'), ['AlienVault OTX'], 'email'))).toMatchObject({
      providers: ['ThreatCrowd'],
    });
  });

  it('GIVEN a failure that was sent (network) or not upstream at all THEN no outage: the value fails as it did', () => {
    expect(outageOf(new UpstreamNetworkError('GET x', new Error('ECONNRESET')))).toBeNull();
    expect(outageOf(new TypeError('a bug'))).toBeNull();
  });
});

describe('OutagePause', () => {
  it('GIVEN an outage THEN it holds at least a moment, until the probe, and an answer ends it', () => {
    let now = 0;
    const pause = new OutagePause(() => now, 10_000);
    expect(pause.hold({ retryAt: 3000, providers: ['ThreatCrowd'] })).toBe(true);
    expect(pause.current()).toEqual({ retryAt: 3000, providers: ['ThreatCrowd'] });
    now = 3000;
    expect(pause.current()).toBeNull();
    // A probe in flight: the breaker's retry time is past, and the pause is still a moment long.
    expect(pause.hold({ retryAt: 0, providers: ['ThreatCrowd'] })).toBe(true);
    expect(pause.current()?.retryAt).toBeGreaterThan(now);
    pause.answered();
    expect(pause.current()).toBeNull();
  });

  it('GIVEN outages for longer than the patience since the last answer THEN it no longer holds, until an answer comes', () => {
    let now = 0;
    const pause = new OutagePause(() => now, 10_000);
    expect(pause.hold({ retryAt: 1000, providers: ['ThreatCrowd'] })).toBe(true);
    now = 10_000;
    expect(pause.hold({ retryAt: 11_000, providers: ['ThreatCrowd'] })).toBe(false);
    pause.answered();
    expect(pause.hold({ retryAt: 11_000, providers: ['ThreatCrowd'] })).toBe(true);
  });
});
