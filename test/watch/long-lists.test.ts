/** A watch on an indicator whose lists are longer than a snapshot keeps: the same items in another order are no change. */
import { describe, expect, it } from 'vitest';
import { createTestBot } from '../support/test-bot.js';
import { aoldailyAnswer, recordingOutbound, sleep, swapAnswer } from './support.js';

const INTERVAL_MS = 180;

describe('watch snapshots of long lists, end to end', () => {
  it('GIVEN 2,500 subdomains answered again in another order THEN no change note is posted', async () => {
    const t = await createTestBot({ WATCH_INTERVAL_HOURS: String(INTERVAL_MS / 3_600_000) });
    const outbound = recordingOutbound();
    t.bot.registerOutbound(outbound);
    const subdomains = Array.from({ length: 2500 }, (_, i) => `s${i}.aoldaily.com`);
    await swapAnswer(t.sim, 'domain', 'aoldaily.com', { ...aoldailyAnswer(), subdomains });
    await t.command('aoldaily.com');
    await t.command('watch aoldaily.com');
    await sleep(INTERVAL_MS + 40);
    await t.watching.scheduler.runDue();
    expect(outbound.posted).toEqual([]);
    await swapAnswer(t.sim, 'domain', 'aoldaily.com', { ...aoldailyAnswer(), subdomains: [...subdomains].reverse() });
    await sleep(INTERVAL_MS + 40);
    await t.watching.scheduler.runDue();
    expect(outbound.posted).toEqual([]);
  });
});
