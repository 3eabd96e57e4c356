import { describe, expect, it } from 'vitest';
import { renderReplyText } from '../../adapters/console/render.js';
import type { Reply } from '../../src/core/reply.js';
import { watchBudget } from '../../src/watch/watch-budget.js';
import { createTestBot } from '../support/test-bot.js';

const text = (replies: readonly Reply[]) => replies.map(renderReplyText).join('\n');

/** One request an hour upstream and a quarter of it for watches re-checked daily: room for 6 watches. */
const SIX_WATCHES = { THREATCROWD_INTERVAL_MS: '3600000', WATCH_INTERVAL_HOURS: '24', WATCH_BUDGET_SHARE: '0.25' };

describe('the watchlist budget', () => {
  it('GIVEN the defaults THEN watches may use 2,160 of the 8,640 requests a day, one a day each', () => {
    expect(
      watchBudget({ upstreamIntervalMs: 10_000, budgetShare: 0.25, checkIntervalMs: 86_400_000, maxPerPerson: 20, maxPerChannel: 50 }),
    ).toEqual({
      upstreamPerDay: 8640,
      watchRequestsPerDay: 2160,
      perWatchPerDay: 1,
      capacity: 2160,
    });
  });

  it('GIVEN the budget is used THEN one more watch is refused with the reason, and an unwatch frees a place', async () => {
    const t = await createTestBot({ ...SIX_WATCHES, WATCH_MAX_PER_PERSON: '100', WATCH_MAX_PER_CHANNEL: '100' });
    for (let i = 0; i < 6; i++) expect(text(await t.command(`watch host${i}.sample-corp.com`))).toContain('Watching');
    const refused = await t.command('watch host6.sample-corp.com');
    expect(refused).toMatchObject([{ kind: 'error', visibility: 'ephemeral' }]);
    expect(text(refused)).toContain('The watchlist is full: 6 watches');
    expect(text(refused)).toContain('WATCH_BUDGET_SHARE');
    expect(text(await t.command('unwatch host0.sample-corp.com'))).toContain('Stopped watching host0.sample-corp[.]com');
    expect(text(await t.command('watch host6.sample-corp.com'))).toContain('Watching');
    expect(t.sim.requests).toEqual([]); // setting watches asks upstream nothing
  });

  it('GIVEN one person at their limit THEN their next watch is refused, while a colleague can still watch', async () => {
    const t = await createTestBot({ WATCH_MAX_PER_PERSON: '2' });
    await t.command('watch a.sample-corp.com', { user: 'U1' });
    await t.command('watch b.sample-corp.com', { user: 'U1', channel: 'C2' });
    expect(text(await t.command('watch c.sample-corp.com', { user: 'U1', channel: 'C3' }))).toContain('WATCH_MAX_PER_PERSON');
    expect(text(await t.command('watch c.sample-corp.com', { user: 'U2' }))).toContain('Watching');
  });

  it('GIVEN a channel at its limit THEN a watch there is refused, and one elsewhere is not', async () => {
    const t = await createTestBot({ WATCH_MAX_PER_CHANNEL: '1' });
    await t.command('watch a.sample-corp.com', { user: 'U1' });
    expect(text(await t.command('watch b.sample-corp.com', { user: 'U2' }))).toContain('WATCH_MAX_PER_CHANNEL');
    expect(text(await t.command('watch b.sample-corp.com', { user: 'U2', channel: 'C2' }))).toContain('Watching');
  });

  it('GIVEN watches THEN status shows the share of the upstream budget they use', async () => {
    const t = await createTestBot(SIX_WATCHES);
    await t.command('watch a.sample-corp.com');
    await t.command('watch b.sample-corp.com');
    const [status] = await t.command('status');
    expect(status).toMatchObject({
      kind: 'status',
      status: { watchlist: { watches: 2, capacity: 6, requestsPerDay: 2, budgetPerDay: 6 } },
    });
    expect(text([status as Reply])).toContain(
      'watchlist: 2 of 6 watches, re-checked every 1 d: 2 of 6 upstream requests a day set aside (25% of the rate)',
    );
  });
});

describe('the watch command', () => {
  it('GIVEN private, reserved or ignored values THEN they are refused like lookups, and nothing is watched', async () => {
    const t = await createTestBot({ IGNORE_DOMAINS: 'corp-internal.net' }, { ignoreDomains: ['corp-internal.net'] });
    expect(text(await t.command('watch 10.1.2.3'))).toContain('is a private address');
    expect(text(await t.command('watch localhost'))).toMatch(/reserved name|not a domain/);
    expect(text(await t.command('watch vpn.corp-internal.net'))).toContain('IGNORE_DOMAINS');
    expect(text(await t.command('watch list'))).toContain('Nothing is watched in this channel');
  });

  it('GIVEN a SHA-256 while only ThreatCrowd is configured THEN the watch is refused with the reason', async () => {
    const t = await createTestBot({ PROVIDERS: 'threatcrowd' });
    const sha256 = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';
    expect(text(await t.command(`watch ${sha256}`))).toContain('cannot be watched: no configured provider (PROVIDERS)');
  });

  it('GIVEN malformed words THEN a usage line, and the same indicator twice THEN "already watched"', async () => {
    const t = await createTestBot();
    expect(text(await t.command('watch'))).toContain('usage:');
    expect(text(await t.command('watch a.sample-corp.com b.sample-corp.com'))).toContain('Watch one indicator at a time');
    expect(text(await t.command('unwatch'))).toContain('usage:');
    await t.command('watch a.sample-corp[.]com');
    expect(text(await t.command('watch hxxp://a.sample-corp[.]com'))).toMatch(/already watched|Watch one/);
    expect(text(await t.command('watch domain a.sample-corp.com'))).toContain('a.sample-corp[.]com is already watched here');
    expect(text(await t.command('unwatch b.sample-corp.com'))).toContain('is not watched here');
  });

  it('GIVEN watches in two channels THEN watch list shows only this channel, defanged, with the next re-check', async () => {
    const t = await createTestBot();
    await t.command('watch aoldaily.com', { channel: 'C1' });
    await t.command('watch av plugx', { channel: 'C1' });
    await t.command('watch evil.sample-corp.com', { channel: 'C2' });
    const list = await t.command('watch list', { channel: 'C1' });
    expect(list).toMatchObject([{ kind: 'notice', visibility: 'ephemeral' }]);
    expect(text(list)).toContain('Watched in this channel (2)');
    expect(text(list)).toContain('• aoldaily[.]com: not re-checked yet, next in 1 d');
    expect(text(list)).toContain('• plugx');
    expect(text(list)).not.toContain('sample-corp');
  });
});
