/**
 * Combined abort signals let go of their sources: a process-long shutdown signal combined once per lookup must
 * not gather a listener (or, with Node 20's AbortSignal.any, a kept-alive signal) per lookup for months.
 */
import { getEventListeners } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkedSignal, sleepUnlessAborted, untilAborted } from '../../src/time/linked-signal.js';
import { bulkSetup, domainList, planOf } from '../bulk/bulk-setup.js';
import { createTestBot } from '../support/test-bot.js';

/** Node's warnings while `work` runs (a "possible memory leak" warning is what an operator would see). */
async function warningsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const on = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', on);
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 50)); // warnings are emitted on a later tick
  } finally {
    process.off('warning', on);
  }
  return warnings;
}

describe('linkedSignal', () => {
  it('GIVEN two sources THEN it aborts with the reason of the first that fires, and unhooks from both', () => {
    const a = new AbortController();
    const b = new AbortController();
    const { signal } = linkedSignal([a.signal, b.signal]);
    b.abort(new Error('stop'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('stop');
    expect(getEventListeners(a.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(b.signal, 'abort')).toHaveLength(0);
  });

  it('GIVEN a source already aborted THEN the link is aborted at once and hooks nothing', () => {
    const live = new AbortController();
    const { signal } = linkedSignal([live.signal, AbortSignal.abort('gone')]);
    expect(signal.reason).toBe('gone');
    expect(getEventListeners(live.signal, 'abort')).toHaveLength(0);
  });

  it('GIVEN a disposed link THEN its sources no longer hold it, and a later abort does not reach it', () => {
    const shutdown = new AbortController();
    const link = linkedSignal([shutdown.signal]);
    link.dispose();
    link.dispose();
    shutdown.abort();
    expect(link.signal.aborted).toBe(false);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});

describe('untilAborted', () => {
  it('GIVEN 10,000 lookups raced against a process-long signal THEN nothing stays hooked on it', async () => {
    const shutdown = new AbortController();
    for (let i = 0; i < 10_000; i++) expect(await untilAborted(Promise.resolve(i), [shutdown.signal])).toBe(i);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it('GIVEN the signal firing first THEN null at once, and a late failure of the work is not left unhandled', async () => {
    const stop = new AbortController();
    let fail: (error: Error) => void = () => {};
    const work = new Promise<number>((_, reject) => {
      fail = reject;
    });
    const raced = untilAborted(work, [stop.signal]);
    stop.abort();
    expect(await raced).toBeNull();
    fail(new Error('late'));
    await expect(work).rejects.toThrow('late');
    expect(await untilAborted(Promise.resolve(1), [stop.signal])).toBeNull();
  });
});

describe('sleepUnlessAborted', () => {
  it('GIVEN a long sleep and a signal that fires THEN it wakes at once, and lets go of the signal', async () => {
    const stop = new AbortController();
    const started = Date.now();
    setTimeout(() => stop.abort(), 20);
    await sleepUnlessAborted(60_000, [stop.signal]);
    expect(Date.now() - started).toBeLessThan(5000);
    const shutdown = new AbortController();
    await sleepUnlessAborted(1, [shutdown.signal]);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});

describe('the process-long signals (shutdown)', () => {
  it('GIVEN six bulks at once on one runner THEN no "possible memory leak" warning', async () => {
    const { runner } = await bulkSetup({ limiter: { burst: 1, intervalMs: 30 } });
    const one = runner();
    const warnings = await warningsDuring(() =>
      Promise.all(Array.from({ length: 6 }, (_, i) => one.start(planOf(domainList(4, `p${i}-`)), `console:U${i}`))),
    );
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });

  it('GIVEN a dozen upstream requests within their deadlines THEN no "possible memory leak" warning', async () => {
    const t = await createTestBot({ THREATCROWD_BURST: '50', THREATCROWD_INTERVAL_MS: '1' });
    const warnings = await warningsDuring(async () => {
      for (let i = 0; i < 12; i++) await t.services.lookups.lookup('domain', `w${i}.sample-corp.com`);
    });
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });
});

describe('the house', () => {
  it('GIVEN every source file THEN none combines signals with AbortSignal.any (Node 20 keeps what it combines)', () => {
    const root = resolve(import.meta.dirname, '../..');
    const files = ['src', 'adapters'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.ts'))
        .map((e) => join(e.parentPath, e.name)),
    );
    const users = files.filter((f) => /AbortSignal\.any\(/.test(readFileSync(f, 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '')));
    expect(users).toEqual([]);
  });
});
