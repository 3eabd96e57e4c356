import { describe, expect, it } from 'vitest';
import { FairQueue, type QueueEntry } from '../../src/throttle/fair-queue.js';
import { type Priority, Ticket } from '../../src/throttle/ticket.js';
import { useLimiter } from '../support/simulator.js';
import { createTestBot } from '../support/test-bot.js';

const entry = (priority: Priority, owner: string, name: string): QueueEntry & { name: string } => ({
  name,
  ticket: new Ticket(priority, owner),
  queuedAt: 0,
  go: () => {},
  drop: () => {},
});

function order(queue: FairQueue): string[] {
  const out: string[] = [];
  for (let e = queue.next(); e; e = queue.next()) out.push((e as QueueEntry & { name: string }).name);
  return out;
}

describe('the fair queue', () => {
  it('GIVEN one person with a backlog and another with one request THEN they are served in turn', () => {
    const queue = new FairQueue();
    for (let i = 1; i <= 4; i++) queue.push(entry('interactive', 'alice', `a${i}`));
    queue.push(entry('interactive', 'bob', 'b1'));
    expect(order(queue)).toEqual(['a1', 'b1', 'a2', 'a3', 'a4']);
  });

  it('GIVEN a steady stream of lookups THEN a waiting vote still gets a turn', () => {
    const queue = new FairQueue();
    for (let i = 1; i <= 8; i++) queue.push(entry('interactive', `p${i}`, `i${i}`));
    queue.push(entry('vote', '', 'vote'));
    expect(order(queue).indexOf('vote')).toBeLessThanOrEqual(3);
  });

  it('GIVEN passive lookups THEN they run after every person’s and every vote', () => {
    const queue = new FairQueue();
    queue.push(entry('passive', 'c1', 'p1'));
    queue.push(entry('vote', '', 'v1'));
    queue.push(entry('interactive', 'u1', 'i1'));
    expect(order(queue)).toEqual(['i1', 'v1', 'p1']);
  });
});

describe('the limiter serves people in turn', () => {
  it('GIVEN a passive job promoted while it waits THEN it runs before the passive jobs queued ahead of it', async () => {
    const limiter = useLimiter({ burst: 1, intervalMs: 30 });
    const ran: string[] = [];
    const job = (name: string) => async () => {
      ran.push(name);
    };
    const ticket = new Ticket('passive', 'channel');
    const jobs = [
      limiter.schedule('passive', job('p1')),
      limiter.schedule('passive', job('p2')),
      limiter.schedule('passive', job('p3')),
      limiter.schedule(ticket, job('promoted')),
    ];
    ticket.promote('interactive', 'alice');
    await Promise.all(jobs);
    expect(ran.indexOf('promoted')).toBeLessThanOrEqual(2);
  });

  it('GIVEN one person’s 40 commands of 10 values THEN another person’s lookup waits at most two limiter slots, and the first person is told how many wait', async () => {
    const t = await createTestBot({ THREATCROWD_INTERVAL_MS: '150', THREATCROWD_BURST: '1' }, { noticeAfterMs: 10 });
    const flood = Array.from({ length: 40 }, (_, c) =>
      t.command(Array.from({ length: 10 }, (_, i) => `flood${c}-${i}.sample-corp.com`).join(' '), { user: 'alice' }),
    );
    await new Promise((r) => setTimeout(r, 150));
    const asked = Date.now();
    await t.command('aoldaily.com', { user: 'bob' });
    const bobSent = t.sim.requests.find((r) => r.value === 'aoldaily.com')?.time ?? Number.POSITIVE_INFINITY;
    // Counted in limiter slots, not ms (a loaded machine stretches slots): first come, first served would put nine ahead.
    const aliceInBetween = t.sim.requests.filter((r) => r.value?.startsWith('flood') && r.time >= asked && r.time < bobSent);
    expect(aliceInBetween.length).toBeLessThanOrEqual(2);
    const aliceReplies = (await Promise.all(flood)).flat();
    // Ten of Alice's lookups were queued; the rest were refused with a plain count, and never sent.
    expect(t.sim.requests.filter((r) => r.value?.startsWith('flood'))).toHaveLength(10);
    expect(aliceReplies.find((r) => r.kind === 'error')).toMatchObject({
      text: expect.stringMatching(/^You already have 10 lookups waiting/),
    });
  }, 30_000);
});
