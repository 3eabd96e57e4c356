import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { VoteService } from '../../src/votes/vote-service.js';
import { clientFor, useLimiter, useSimulator } from '../support/simulator.js';
import { createTestBot, summarized } from '../support/test-bot.js';

const EVIL = { type: 'domain', value: 'evil.com' } as const;

async function service(options: { url?: string; forward?: boolean; interval?: number } = {}) {
  const sim = await useSimulator();
  const store = await openStore(options.url ?? 'memory://');
  const client = clientFor(sim, { limiter: useLimiter({ burst: 1, intervalMs: options.interval ?? 20 }), retries: 0 });
  const votes = new VoteService({
    ledger: store.namespace('votes'),
    send: (v, m, o) => client.vote(v, m, o),
    forward: options.forward,
    retryBaseMs: 1,
  });
  return { sim, store, votes };
}

const vote = (userId: string, malicious: boolean) => ({ platform: 'slack', userId, target: EVIL, malicious });

describe('the vote service', () => {
  it('GIVEN ten on/off clicks by one person THEN one upstream vote', async () => {
    const { sim, votes } = await service();
    for (let i = 0; i < 10; i++) {
      await votes.cast(vote('U1', true));
      await votes.retract(vote('U1', true));
      await votes.deliverDue();
    }
    expect(sim.votes.map((v) => [v.value, v.vote])).toEqual([['evil.com', '0']]);
    expect(await votes.tally(EVIL)).toEqual({ malicious: 0, safe: 0 });
  });

  it('GIVEN two people THEN two upstream votes; a switch of direction THEN one more', async () => {
    const { sim, votes } = await service();
    await votes.cast(vote('U1', true));
    await votes.cast(vote('U2', true));
    await votes.deliverDue();
    await votes.cast(vote('U1', false));
    await votes.cast(vote('U1', false));
    await votes.deliverDue();
    expect(sim.votes.map((v) => v.vote)).toEqual(['0', '0', '1']);
    expect(await votes.tally(EVIL)).toEqual({ malicious: 1, safe: 1 });
  });

  it('GIVEN a switch and a switch back before delivery THEN nothing extra is sent', async () => {
    const { sim, votes } = await service();
    await votes.cast(vote('U1', true));
    await votes.deliverDue();
    await votes.cast(vote('U1', false));
    await votes.cast(vote('U1', true));
    await votes.deliverDue();
    expect(sim.votes.map((v) => v.vote)).toEqual(['0']);
    expect(await votes.pending()).toBe(0);
  });

  it('GIVEN the simulator failing THEN votes wait in the outbox and are delivered after it recovers', async () => {
    const { sim, votes } = await service();
    sim.addFault({ kind: 'http-503', path: '/vote.php' });
    await votes.cast(vote('U1', true));
    await votes.cast(vote('U2', false));
    expect(await votes.deliverDue()).toBe(0);
    expect(await votes.pending()).toBe(2);
    sim.clearFaults();
    await new Promise((r) => setTimeout(r, 10)); // past the retry backoff
    expect(await votes.deliverDue()).toBe(2);
    expect(sim.votes.map((v) => v.vote).sort()).toEqual(['0', '1']);
    expect(await votes.pending()).toBe(0);
  });

  it('GIVEN votes in the outbox when the process stops THEN the next process on the same SQLite file delivers them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tcb-votes-')), 'votes.sqlite');
    const first = await service({ url: `sqlite://${file}` });
    first.sim.addFault({ kind: 'reset', path: '/vote.php' });
    await first.votes.cast(vote('U1', true));
    await first.votes.cast(vote('U2', true));
    await first.votes.deliverDue();
    await first.votes.stop();
    await first.store.close();
    expect(first.sim.votes).toHaveLength(0);

    const second = await service({ url: `sqlite://${file}` });
    expect(await second.votes.pending()).toBe(2);
    await new Promise((r) => setTimeout(r, 10));
    expect(await second.votes.deliverDue()).toBe(2);
    expect(second.sim.votes.map((v) => [v.value, v.vote])).toEqual([
      ['evil.com', '0'],
      ['evil.com', '0'],
    ]);
    expect(await second.votes.tally(EVIL)).toEqual({ malicious: 2, safe: 0 });
    await second.store.close();
  });

  it('GIVEN several votes THEN the simulator log shows them spaced by the limiter', async () => {
    const { sim, votes } = await service({ interval: 80 });
    for (const user of ['U1', 'U2', 'U3', 'U4']) await votes.cast(vote(user, true));
    const started = Date.now();
    await votes.deliverDue();
    expect(sim.votes).toHaveLength(4);
    // Burst 1: the first vote goes at once, each next one 80 ms after the one before. Measured from before the
    // first was sent, load can only lengthen this; a gap between two arrivals could shrink when the first of
    // them is seen late. Votes sent without the limiter would all arrive within a few milliseconds.
    expect((sim.requests.at(-1)?.time ?? 0) - started).toBeGreaterThanOrEqual(3 * 80);
  });

  it('GIVEN VOTE_FORWARD=false THEN nothing goes upstream but the tally still counts', async () => {
    const { sim, votes } = await service({ forward: false });
    await votes.cast(vote('U1', true));
    await votes.deliverDue();
    expect(sim.votes).toHaveLength(0);
    expect(await votes.tally(EVIL)).toEqual({ malicious: 1, safe: 0 });
  });
});

describe('votes through the bot', () => {
  it('GIVEN a 👎 on a summary THEN a confirmation and a summary update whose tally matches the ledger', async () => {
    const t = await createTestBot();
    const [messageId = ''] = await t.post(await t.command('aoldaily.com'));
    const replies = await t.react('thumbsdown::skin-tone-3', messageId);
    expect(replies[0]).toMatchObject({ kind: 'vote-result', visibility: 'ephemeral' });
    const update = replies.find((r) => r.kind === 'summary-update');
    expect(update?.kind === 'summary-update' && update.summary.team).toEqual(
      await t.votes.tally({ type: 'domain', value: 'aoldaily.com' }),
    );
    expect(update?.kind === 'summary-update' && update.messageId).toBe(messageId);
    await t.votes.deliverDue();
    expect(t.sim.votes.map((v) => [v.value, v.vote])).toEqual([['aoldaily.com', '0']]);
  });

  it('GIVEN a removed reaction THEN the vote is retracted locally and the tally drops', async () => {
    const t = await createTestBot();
    const [messageId = ''] = await t.post(await t.command('aoldaily.com'));
    await t.react('+1', messageId);
    const replies = await t.react('+1', messageId, { removed: true });
    expect(replies.find((r) => r.kind === 'summary-update')).toMatchObject({ summary: { team: { malicious: 0, safe: 0 } } });
  });

  it('GIVEN a reaction on anything but a summary, or by a bot THEN it is ignored', async () => {
    const t = await createTestBot();
    expect(await t.react('thumbsdown', 'some-user-message')).toEqual([]);
    const [messageId = ''] = await t.post(await t.command('aoldaily.com'));
    expect(await t.react('thumbsdown', messageId, { fromBot: true })).toEqual([]);
    expect(await t.react('tada', messageId)).toEqual([]);
    expect(await t.votes.pending()).toBe(0);
  });

  it('GIVEN a Malicious button THEN the same vote as a reaction', async () => {
    const t = await createTestBot();
    const [messageId = ''] = await t.post(await t.command('aoldaily.com'));
    expect((await t.click('vote-malicious', messageId))[0]).toMatchObject({
      kind: 'vote-result',
      text: expect.stringContaining('malicious'),
    });
    expect(await t.react('thumbsdown', messageId)).toMatchObject([
      { text: expect.stringContaining('already voted') },
      { kind: 'summary-update' },
    ]);
  });

  it('GIVEN /threatcrowd vote malicious THEN a vote is cast; a re-rendered summary shows the team tally', async () => {
    const t = await createTestBot();
    await t.command('vote malicious aoldaily[.]com', { user: 'U1' });
    await t.command('vote safe aoldaily[.]com', { user: 'U2' });
    const [reply] = await t.command('aoldaily.com');
    expect(reply?.kind === 'summary' && reply.summary.team).toEqual({ malicious: 1, safe: 1 });
    expect(summarized([reply ?? { kind: 'notice', visibility: 'public', text: '' }])).toEqual(['aoldaily[.]com']);
  });
});
