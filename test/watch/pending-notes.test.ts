/**
 * A watch's note is saved with the answer it is about and posted after: a platform that refuses it, or a
 * process stopped between the two, delays the note but never loses it; a place that keeps refusing is given up
 * on after a bounded number of growing pauses.
 */
import { join } from 'node:path';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import type { Outbound, Place } from '../../src/core/outbound.js';
import { OutboundRouter } from '../../src/core/outbound.js';
import type { Reply } from '../../src/core/reply.js';
import { createLogger } from '../../src/observability/logger.js';
import { LocalCoordination } from '../../src/store/coordination.js';
import { deliverNotes, MAX_NOTE_ATTEMPTS, MAX_PENDING_NOTES, withNotes } from '../../src/watch/pending-notes.js';
import { type WatchRecord, WatchStore } from '../../src/watch/watch-store.js';
import { useSimulator } from '../support/simulator.js';
import { createTestBot } from '../support/test-bot.js';
import { aoldailyAnswer, changedAoldaily, FAST, nextRound, sleep, swapAnswer, tempDir, waitUntil } from './support.js';

/** An outbound that refuses while `down` is set, and records what it posted. */
function flakyOutbound() {
  const state = { down: false, refused: 0, posted: [] as string[] };
  const outbound: Outbound = {
    platform: 'console',
    async post(_place: Place, replies: readonly Reply[]) {
      if (state.down) {
        state.refused++;
        throw new Error('platform answered 503');
      }
      for (const reply of replies) if (reply.kind === 'notice') state.posted.push(reply.text);
    },
  };
  return { outbound, state };
}

describe('watch notes the platform refuses', () => {
  it('GIVEN the platform refusing when a change is found THEN the note waits with the watch and is posted once it accepts, once', async () => {
    const t = await createTestBot(FAST);
    const { outbound, state } = flakyOutbound();
    t.bot.registerOutbound(outbound);
    await t.command('aoldaily.com');
    await t.command('watch aoldaily.com');
    await swapAnswer(t.sim, 'domain', 'aoldaily.com', changedAoldaily());
    state.down = true;
    await nextRound(t);
    expect(state.refused).toBe(1);
    expect(state.posted).toEqual([]);
    state.down = false;
    await nextRound(t);
    await nextRound(t);
    expect(state.posted).toHaveLength(1);
    expect(state.posted[0]).toContain('aoldaily[.]com');
    expect(state.posted[0]).toContain('45.77.12[.]34');
  });

  it('GIVEN a process stopped between saving the answer and posting its note THEN the next process posts it', async () => {
    const dir = tempDir('watch-notes-');
    const env = { ...FAST, CACHE_URL: `sqlite://${join(dir, 'bot.sqlite')}` };
    const sim = await useSimulator();
    const first = await createTestBot(env, {}, sim);
    const before = flakyOutbound();
    first.bot.registerOutbound(before.outbound);
    await first.command('aoldaily.com');
    await first.command('watch aoldaily.com');
    await swapAnswer(sim, 'domain', 'aoldaily.com', changedAoldaily());
    before.state.down = true; // the post never happens: as if the process died right after the save
    await nextRound(first);
    await first.watching.scheduler.stop();
    await first.votes.stop();
    await first.services.close();
    expect(before.state.posted).toEqual([]);

    const second = await createTestBot(env, {}, sim);
    const after = flakyOutbound();
    second.bot.registerOutbound(after.outbound);
    await nextRound(second);
    await nextRound(second);
    expect(after.state.posted).toHaveLength(1);
    expect(after.state.posted[0]).toContain('45.77.12[.]34');
  });
});

describe('watch notes, when more happens at once', () => {
  it('GIVEN an answer that flips back and forth while the platform refuses THEN the last note posted says where it is now', async () => {
    const t = await createTestBot(FAST);
    const { outbound, state } = flakyOutbound();
    t.bot.registerOutbound(outbound);
    const bad = { ...aoldailyAnswer(), votes: -1 };
    const good = { ...aoldailyAnswer(), votes: 1 };
    await swapAnswer(t.sim, 'domain', 'aoldaily.com', bad);
    await t.command('aoldaily.com');
    await t.command('watch aoldaily.com');
    state.down = true;
    for (const answer of [good, bad, good]) {
      await swapAnswer(t.sim, 'domain', 'aoldaily.com', answer);
      await nextRound(t);
    }
    state.down = false;
    await waitUntil(async () => {
      await t.watching.scheduler.runDue();
      return state.posted.length === 3;
    }, 15_000);
    expect(state.posted.map((note) => /→ (not malicious|malicious)/.exec(note)?.[1])).toEqual([
      'not malicious',
      'malicious',
      'not malicious',
    ]);
  });

  it('GIVEN an unwatch while its waiting notes are being posted THEN the rest are not posted', async () => {
    const t = await createTestBot(FAST);
    const posted: string[] = [];
    let posting = false;
    t.bot.registerOutbound({
      platform: 'console',
      async post(_place, replies) {
        posting = true;
        await sleep(300);
        for (const reply of replies) if (reply.kind === 'notice') posted.push(reply.text);
      },
    });
    await t.command('aoldaily.com');
    await t.command('watch aoldaily.com');
    const store = t.watching.store;
    const [id] = Object.keys(await store.index());
    await store.update(id as string, (r) => ({ ...r, pendingNotes: ['note 1', 'note 2', 'note 3'] }));
    const round = t.watching.scheduler.runDue();
    await waitUntil(() => posting); // the first note is on its way
    await t.command('unwatch aoldaily.com');
    await round;
    expect(posted).toEqual(['note 1']);
  });

  it('GIVEN a store write failing for one watch mid-round THEN the other watches of that round still get their notes', async () => {
    const t = await createTestBot(FAST);
    const { outbound, state } = flakyOutbound();
    t.bot.registerOutbound(outbound);
    for (const value of ['aoldaily.com', 'evilupdate.top']) {
      await t.command(value);
      await t.command(`watch ${value}`);
    }
    const store = t.watching.store;
    const update = store.update.bind(store);
    let failed = 0;
    store.update = async (id, change) => {
      if (failed++ === 0) throw new Error('store write refused');
      return update(id, change);
    };
    await swapAnswer(t.sim, 'domain', 'aoldaily.com', changedAoldaily());
    await swapAnswer(t.sim, 'domain', 'evilupdate.top', { ...aoldailyAnswer(), votes: -1 });
    await nextRound(t);
    expect(state.posted).toHaveLength(1);
  });
});

describe('deliverNotes', () => {
  const place: Place = { platform: 'console', channelId: 'C1' };
  const record = (notes: string[]): WatchRecord => ({
    id: 'w1',
    target: { type: 'domain', value: 'aoldaily.com' },
    place,
    owner: 'console:-:me',
    createdAt: 0,
    nextCheckAt: 0,
    lastCheckedAt: null,
    snapshots: {},
    onFeed: null,
    failures: 0,
    failureNoticed: false,
    pendingNotes: notes,
  });

  async function storeWith(value: WatchRecord) {
    const store = new WatchStore(new Keyv(), new LocalCoordination());
    await store.add(value, () => null);
    return store;
  }

  it('GIVEN a place that keeps refusing THEN the pauses double, and after the last attempt the notes are given up', async () => {
    const store = await storeWith(record(['note one', 'note two']));
    const outbound = new OutboundRouter();
    const { outbound: refusing, state } = flakyOutbound();
    state.down = true;
    outbound.register(refusing);
    let now = 0;
    const retries: number[] = [];
    const delivery = { store, outbound, logger: createLogger('silent'), now: () => now, firstRetryMs: 60_000, keepGoing: () => true };
    for (let attempt = 1; attempt <= MAX_NOTE_ATTEMPTS; attempt++) {
      await deliverNotes((await store.get('w1')) as WatchRecord, delivery);
      const saved = (await store.get('w1')) as WatchRecord;
      if (saved.pendingNotes?.length) retries.push((saved.noteRetryAt ?? 0) - now);
      now = saved.noteRetryAt ?? now;
    }
    expect(retries.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(Math.max(...retries)).toBe(3_600_000);
    expect(retries).toHaveLength(MAX_NOTE_ATTEMPTS - 1);
    expect((await store.get('w1'))?.pendingNotes).toEqual([]);
    expect(state.refused).toBe(MAX_NOTE_ATTEMPTS);
  });

  it('GIVEN the platform failing after the first of two notes THEN only the second is kept for later', async () => {
    const store = await storeWith(record(['note one', 'note two']));
    const outbound = new OutboundRouter();
    const { outbound: flaky, state } = flakyOutbound();
    outbound.register({
      platform: 'console',
      post: async (p, replies) => {
        await flaky.post(p, replies);
        state.down = true;
      },
    });
    await deliverNotes((await store.get('w1')) as WatchRecord, {
      store,
      outbound,
      logger: createLogger('silent'),
      now: () => 0,
      firstRetryMs: 1,
      keepGoing: () => true,
    });
    expect(state.posted).toEqual(['note one']);
    expect((await store.get('w1'))?.pendingNotes).toEqual(['note two']);
  });
});

describe('withNotes', () => {
  it('GIVEN more notes than are kept THEN the newest stay, and a repeated note is kept once', () => {
    const base = { pendingNotes: ['a'] } as unknown as WatchRecord;
    expect(withNotes(base, ['a', 'b']).pendingNotes).toEqual(['a', 'b']);
    const many = Array.from({ length: MAX_PENDING_NOTES + 5 }, (_, i) => `n${i}`);
    const kept = withNotes(base, many).pendingNotes ?? [];
    expect(kept).toHaveLength(MAX_PENDING_NOTES);
    expect(kept.at(-1)).toBe(`n${MAX_PENDING_NOTES + 4}`);
    expect(withNotes(base, [])).toBe(base);
  });
});
