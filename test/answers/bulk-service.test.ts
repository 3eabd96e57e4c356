/** The bulk service behind the chat adapters, driven through the core with the simulator upstream. */
import { describe, expect, it } from 'vitest';
import type { BulkPlace, BulkSink } from '../../src/core/bulk-port.js';
import type { Reply } from '../../src/core/reply.js';
import { createTestBot } from '../support/test-bot.js';

/** A sink that keeps what a platform would have shown. */
function memorySink() {
  const shown: Reply[] = [];
  const finished: Reply[] = [];
  const sink: BulkSink = {
    progress: async (reply) => void shown.push(reply),
    finish: async (replies) => void finished.push(...replies),
  };
  return { sink, shown, finished };
}

const place = (queueOwner = 'person:slack:-:U1'): BulkPlace => ({
  platform: 'slack',
  channelId: 'C1',
  messageId: '1.1',
  userId: 'U1',
  queueOwner,
});
const list = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}.sample-corp.com`).join(' ');

async function planOf(t: Awaited<ReturnType<typeof createTestBot>>, text: string) {
  const [reply] = await t.command(`bulk ${text}`);
  if (reply?.kind !== 'bulk') throw new Error(`no plan: ${JSON.stringify(reply)}`);
  return reply.plan;
}

describe('bulk service', () => {
  it('GIVEN ThreatCrowd failing for the whole bulk THEN it still ends: the last progress counts the failures and the exports carry each error', async () => {
    const t = await createTestBot({ BULK_PROGRESS_MS: '100' });
    t.sim.addFault({ kind: 'http-503' });
    const { sink, finished } = memorySink();
    await t.bot.deps.bulks?.run(await planOf(t, list(4, 'down')), place(), sink);
    const [last, ...files] = finished;
    expect(last?.kind === 'bulk-progress' && last.text).toContain('done: 4/4 looked up · 0 from cache · 0 waiting · 4 failed');
    const csv = files.find((f) => f.kind === 'file' && f.file.name.endsWith('.csv'));
    expect(csv?.kind === 'file' && Buffer.from(csv.file.bytes).toString('utf8')).toMatch(/ThreatCrowd/);
  });

  it('GIVEN ThreatCrowd down until its breaker opens THEN the progress says the bulk waits for it, and the rest are answered after', async () => {
    const t = await createTestBot({
      BULK_PROGRESS_MS: '60000',
      BREAKER_FAILURES: '1',
      BREAKER_COOLDOWN_SECONDS: '1',
      THREATCROWD_RETRIES: '0',
    });
    t.sim.addFault({ kind: 'reset', path: '/searchApi', times: 2 });
    const { sink, shown, finished } = memorySink();
    await t.bot.deps.bulks?.run(await planOf(t, list(5, 'pause')), place(), sink);
    // Progress edits are an hour apart here, yet the pause is shown at once: it explains why the count stopped.
    expect(shown.map((r) => r.kind === 'bulk-progress' && r.text.split(':')[0])).toContain(
      '⏸️ Bulk lookup waiting for ThreatCrowd to answer again (next try in 1 s)',
    );
    const [last] = finished;
    // Only lookups sent as ThreatCrowd went down fail (one or both workers'); the probe that found it still down is put back.
    expect(last?.kind === 'bulk-progress' && last.text).toMatch(/done: 5\/5 looked up · 0 from cache · 0 waiting · [12] failed$/);
  });

  it('GIVEN a bulk running THEN it counts toward its owner only, and a Cancel from another platform or channel is refused', async () => {
    const t = await createTestBot({ THREATCROWD_INTERVAL_MS: '200', THREATCROWD_BURST: '1', BULK_PROGRESS_MS: '100' });
    const bulks = t.bot.deps.bulks;
    if (!bulks) throw new Error('no bulk service');
    const { sink, shown } = memorySink();
    const running = bulks.run(await planOf(t, list(6, 'owner')), place('person:slack:-:U7'), sink);
    await new Promise((r) => setTimeout(r, 50));
    expect(bulks.runningFor('person:slack:-:U7')).toBe(1);
    expect(bulks.runningFor('person:slack:-:U8')).toBe(0);
    while (!shown.some((r) => r.kind === 'bulk-progress' && r.bulkId)) await new Promise((r) => setTimeout(r, 10));
    const id = shown.flatMap((r) => (r.kind === 'bulk-progress' && r.bulkId ? [r.bulkId] : []))[0] ?? '';
    expect(await bulks.cancel(id, { platform: 'discord', channelId: 'C1' })).toBe(false);
    expect(await bulks.cancel(id, { platform: 'slack', channelId: 'C2' })).toBe(false);
    expect(await bulks.cancel(id, { platform: 'slack', channelId: 'C1' })).toBe(true);
    await running;
    expect(bulks.runningFor('person:slack:-:U7')).toBe(0);
    expect(t.sim.requests.length).toBeLessThan(6);
  });

  it('GIVEN two bulks reserved while their messages are posted THEN a third command at once is refused; a reservation given back frees its place', async () => {
    const t = await createTestBot();
    const bulks = t.bot.deps.bulks;
    if (!bulks) throw new Error('no bulk service');
    const [accepted] = await t.command(`bulk ${list(3, 'first')}`, { user: 'U1' });
    if (accepted?.kind !== 'bulk') throw new Error(`no plan: ${JSON.stringify(accepted)}`);
    const owner = accepted.queueOwner;
    // What the Slack and Discord adapters do for each accepted bulk before its progress message is out.
    const first = bulks.reserve(owner);
    bulks.reserve(owner);
    expect(bulks.runningFor(owner)).toBe(2);
    expect(await t.command(`bulk ${list(3, 'third')}`, { user: 'U1' })).toMatchObject([
      { kind: 'error', text: expect.stringContaining('You already have 2 bulk lookups running') },
    ]);
    first.release(); // its message could not be posted
    first.release(); // given back once only
    expect(bulks.runningFor(owner)).toBe(1);
    expect(await t.command(`bulk ${list(3, 'third')}`, { user: 'U1' })).toMatchObject([{ kind: 'bulk' }]);
  });

  it('GIVEN a platform whose edits fail THEN the bulk still runs to the end', async () => {
    const t = await createTestBot({ BULK_PROGRESS_MS: '100' });
    let finished = false;
    const sink: BulkSink = {
      progress: async () => {
        throw new Error('message_not_found');
      },
      finish: async () => {
        finished = true;
      },
    };
    await t.bot.deps.bulks?.run(await planOf(t, list(3, 'lost')), place(), sink);
    expect(finished).toBe(true);
    expect(t.sim.requests).toHaveLength(3);
  });
});
