import { describe, expect, it } from 'vitest';
import { createTestBot, kinds, summarized } from '../support/test-bot.js';

describe('commands', () => {
  it('GIVEN /threatcrowd with two defanged indicators THEN one summary each, defanged', async () => {
    const t = await createTestBot();
    const replies = await t.command('aoldaily[.]com 188.40.75[.]132');
    expect(summarized(replies)).toEqual(['aoldaily[.]com', '188.40.75[.]132']);
    expect(replies.every((r) => r.visibility === 'public')).toBe(true);
  });

  it('GIVEN av plugx THEN an antivirus summary that cannot be voted on', async () => {
    const t = await createTestBot();
    const [reply] = await t.command('av plugx');
    expect(reply?.kind === 'summary' && reply.summary.sections.find((s) => s.title === 'Hashes')?.total).toBe(50);
    expect(reply?.kind === 'summary' && reply.votable).toBe(false);
  });

  it('GIVEN a malformed command THEN an ephemeral error with a usage line, and nothing sent upstream', async () => {
    const t = await createTestBot();
    const [reply] = await t.command('frobnicate now');
    expect(reply).toMatchObject({ kind: 'error', visibility: 'ephemeral', text: expect.stringContaining('frobnicate') });
    expect(reply?.kind === 'error' && reply.usage).toContain('/threatcrowd');
    expect(t.sim.requests).toHaveLength(0);
  });

  it('GIVEN help THEN every command from the shared metadata, ephemeral', async () => {
    const t = await createTestBot();
    const [reply] = await t.command('help');
    expect(reply?.kind === 'help' && reply.commands.map((c) => c.name)).toEqual([
      'lookup',
      'domain',
      'vote',
      'graph',
      'bulk',
      'export',
      'watch',
      'channel',
      'status',
      'help',
    ]);
    expect(reply?.visibility).toBe('ephemeral');
  });

  it('GIVEN lookups THEN status shows the cache and upstream health', async () => {
    const t = await createTestBot();
    await t.command('aoldaily.com');
    await t.command('aoldaily.com');
    const [reply] = await t.command('status');
    if (reply?.kind !== 'status') throw new Error('expected status');
    expect(reply.status).toMatchObject({ cacheHits: 1, cacheMisses: 1, queueDepth: 0, pendingVotes: 0 });
    expect(reply.status.upstream[0]).toMatchObject({ name: 'ThreatCrowd', state: 'ok' });
  });

  it('GIVEN ThreatCrowd failing and nothing cached THEN an honest error naming the problem', async () => {
    const t = await createTestBot();
    t.sim.addFault({ kind: 'http-503' });
    const [reply] = await t.command('aoldaily.com');
    expect(reply).toMatchObject({
      kind: 'error',
      text: 'ThreatCrowd answered with an error (HTTP 503) for aoldaily[.]com; no cached answer to fall back on. Try again later.',
    });
  });

  it('GIVEN ThreatCrowd failing and a cached answer THEN the stale answer, marked stale', async () => {
    const t = await createTestBot({ CACHE_TTL_SECONDS: '0' });
    await t.command('aoldaily.com');
    t.sim.addFault({ kind: 'reset' });
    const [reply] = await t.command('aoldaily.com');
    expect(reply?.kind === 'summary' && reply.summary.freshness).toMatch(/^stale: ThreatCrowd is unreachable, answer from \d+ s ago$/);
  });

  it('GIVEN a slow queue THEN the first reply is a queue notice that settles into the summary', async () => {
    const t = await createTestBot({ THREATCROWD_INTERVAL_MS: '400', THREATCROWD_BURST: '1' }, { noticeAfterMs: 50 });
    const first = t.command('aoldaily.com');
    await first; // answered: the next request must wait out the interval, a loaded machine or not
    const second = await t.bot.handle({ platform: 'console', userId: 'U2', channelId: 'C1', text: '188.40.75.132', kind: 'command' });
    expect(second[0]).toMatchObject({ kind: 'pending', position: 1 });
    expect(second[0]?.kind === 'pending' && second[0].waitMs).toBeGreaterThan(0);
    const settled = second[0]?.kind === 'pending' ? await second[0].result : [];
    expect(summarized(settled)).toEqual(['188.40.75[.]132']);
    await first;
  });

  it('GIVEN channel reveal THEN the mode is kept for that channel only', async () => {
    const t = await createTestBot();
    expect((await t.command('channel reveal'))[0]).toMatchObject({ kind: 'notice', text: expect.stringContaining('reveal') });
    expect(kinds(await t.say('see aoldaily[.]com'))).toEqual(['reveal']);
    expect(kinds(await t.say('see aoldaily[.]com', { channel: 'C2' }))).toEqual(['summary']);
  });
});

describe('automatic replies to plain messages', () => {
  it('GIVEN a message with indicators THEN a summary each, looked up at passive priority', async () => {
    const t = await createTestBot();
    const replies = await t.say('seen aoldaily[.]com talking to 188.40.75.132, also main.py');
    expect(summarized(replies)).toEqual(['aoldaily[.]com', '188.40.75[.]132']);
  });

  it('GIVEN the same indicator again in the same channel THEN it is not answered again', async () => {
    const t = await createTestBot();
    await t.say('aoldaily[.]com');
    expect(await t.say('again aoldaily.com!')).toEqual([]);
    expect(summarized(await t.say('aoldaily.com', { channel: 'C2' }))).toEqual(['aoldaily[.]com']);
  });

  it('GIVEN more indicators than the cap THEN the rest are counted in a final line', async () => {
    const t = await createTestBot({ AUTO_REPLY_MAX: '2' });
    const replies = await t.say('a1.com a2.com a3.com a4.com');
    expect(kinds(replies)).toEqual(['summary', 'summary', 'notice']);
    expect(replies.at(-1)).toMatchObject({ text: 'and 2 more: use /threatcrowd to look them up.' });
  });

  it('GIVEN a message from a bot THEN it is ignored', async () => {
    const t = await createTestBot();
    expect(await t.say('aoldaily[.]com', { fromBot: true })).toEqual([]);
    expect(t.sim.requests).toHaveLength(0);
  });

  it('GIVEN channel off THEN indicators are ignored; GIVEN AUTO_DETECT_DEFAULT=off THEN too', async () => {
    const t = await createTestBot();
    await t.command('channel off');
    expect(await t.say('aoldaily[.]com')).toEqual([]);
    const quiet = await createTestBot({ AUTO_DETECT_DEFAULT: 'off' });
    expect(await quiet.say('aoldaily[.]com')).toEqual([]);
  });

  it('GIVEN private IPs and internal domains THEN nothing is sent upstream and nothing is said', async () => {
    const t = await createTestBot({ IGNORE_DOMAINS: 'corp.com' });
    expect(await t.say('10.0.0.1 vpn.corp.com printer.local')).toEqual([]);
    expect(t.sim.requests).toHaveLength(0);
  });

  it('GIVEN ThreatCrowd failing THEN an automatic reply stays quiet, and the indicator can be answered later', async () => {
    const t = await createTestBot();
    t.sim.addFault({ kind: 'http-503', times: 1 });
    expect(await t.say('aoldaily[.]com')).toEqual([]);
    expect(summarized(await t.say('aoldaily[.]com'))).toEqual(['aoldaily[.]com']);
  });

  it('GIVEN reveal mode THEN a 🔎 reaction by a person answers the message', async () => {
    const t = await createTestBot({ AUTO_DETECT_DEFAULT: 'reveal' });
    expect(kinds(await t.say('aoldaily[.]com'))).toEqual(['reveal']);
    expect(t.sim.requests).toHaveLength(0);
    const replies = await t.react('mag', 'user-msg-1', { targetText: 'aoldaily[.]com' });
    expect(summarized(replies)).toEqual(['aoldaily[.]com']);
  });

  it('GIVEN looked-up values THEN they are not in the logs by default', async () => {
    const t = await createTestBot();
    t.sim.addFault({ kind: 'http-503' });
    await t.command('aoldaily.com');
    expect(t.logs()).toContain('lookup failed upstream');
    expect(t.logs()).not.toContain('aoldaily');
  });

  it('GIVEN LOG_INDICATORS=true THEN the failed value is in the log', async () => {
    const t = await createTestBot({ LOG_INDICATORS: 'true' });
    t.sim.addFault({ kind: 'http-503' });
    await t.command('aoldaily.com');
    expect(t.logs()).toContain('"value":"aoldaily.com"');
  });
});

describe('errors that are not the user’s', () => {
  it('GIVEN a bug in a handler THEN the user gets a short line with a reference, and the log has the stack under it', async () => {
    const t = await createTestBot();
    t.services.lookups.lookup = async () => {
      throw new TypeError('boom in the cache');
    };
    const [reply] = await t.command('aoldaily.com');
    expect(reply).toMatchObject({
      kind: 'error',
      visibility: 'ephemeral',
      text: expect.stringMatching(/^Something went wrong on my side \(reference [0-9a-f]{8}\)\.$/),
    });
    const reference = reply?.kind === 'error' ? reply.reference : '';
    const entry = t
      .logs()
      .split('\n')
      .find((line) => line.includes(`"reference":"${reference}"`));
    expect(entry).toContain('boom in the cache');
    expect(entry).toContain('"stack"');
  });
});
