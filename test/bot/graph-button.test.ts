/** The Graph and Expand buttons through the whole core: validated again, posted once, drawn once per report. */
import { describe, expect, it } from 'vitest';
import { carriedTarget } from '../../src/bot/graph-button.js';
import type { Invocation } from '../../src/core/invocation.js';
import { type Reply, settleReplies } from '../../src/core/reply.js';
import { createTestBot, type TestBot } from '../support/test-bot.js';

function press(t: TestBot, action: 'graph' | 'graph-expand', messageId: string, value?: string, user = 'U1'): Promise<Reply[]> {
  const invocation: Invocation = {
    platform: 'console',
    userId: user,
    channelId: 'C1',
    text: '',
    kind: 'button',
    button: { action, targetMessageId: messageId, ...(value !== undefined ? { value } : {}) },
  };
  return t.bot.handle(invocation).then(settleReplies);
}

async function postedSummary(t: TestBot, indicator: string): Promise<string> {
  const [id] = await t.post(await t.command(indicator));
  if (!id) throw new Error('no summary');
  return id;
}

describe('the Graph button', () => {
  it('GIVEN a posted summary WHEN Graph is pressed THEN one public picture of its indicator, offering Expand', async () => {
    const t = await createTestBot();
    const summary = await postedSummary(t, 'aoldaily.com');
    const replies = await press(t, 'graph', summary, 'domain:aoldaily[.]com');
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    if (reply?.kind !== 'file') throw new Error(`expected a file, got ${reply?.kind}`);
    expect(reply.visibility).toBe('public');
    expect(reply.file.title).toBe('ThreatCrowd graph: aoldaily[.]com');
    expect(reply.file.expand).toEqual({ type: 'domain', value: 'aoldaily.com' });
  });

  it('GIVEN Graph pressed twice on one summary THEN one picture, and the second presser is told privately', async () => {
    const t = await createTestBot();
    const summary = await postedSummary(t, 'aoldaily.com');
    const [first, second] = await Promise.all([press(t, 'graph', summary), press(t, 'graph', summary, undefined, 'U2')]);
    const all = [...(first ?? []), ...(second ?? [])];
    expect(all.filter((r) => r.kind === 'file')).toHaveLength(1);
    expect(all.find((r) => r.kind === 'notice')).toMatchObject({ visibility: 'ephemeral', text: expect.stringContaining('already') });
  });

  it('GIVEN two summaries of the same report THEN both get a picture but it is drawn once (kept with the report)', async () => {
    const t = await createTestBot();
    const one = await postedSummary(t, 'aoldaily.com');
    const two = await postedSummary(t, 'aoldaily.com');
    const pictures = t.bot.deps.graphPictures;
    const before = { ...pictures.stats };
    const [a] = await press(t, 'graph', one);
    const [b] = await press(t, 'graph', two);
    expect(a?.kind === 'file' && b?.kind === 'file').toBe(true);
    expect(pictures.stats.drawn - before.drawn).toBe(1);
    expect(pictures.stats.kept - before.kept).toBe(1);
    if (a?.kind === 'file' && b?.kind === 'file') expect(Buffer.from(b.file.bytes).equals(Buffer.from(a.file.bytes))).toBe(true);
  });

  it('GIVEN a recorded summary and a forged value THEN the recorded indicator is drawn, not the forged one', async () => {
    const t = await createTestBot();
    const summary = await postedSummary(t, 'aoldaily.com');
    const requestsBefore = t.sim.requests.length;
    const [reply] = await press(t, 'graph', summary, 'domain:google.com');
    expect(reply?.kind === 'file' && reply.file.title).toBe('ThreatCrowd graph: aoldaily[.]com');
    expect(t.sim.requests.slice(requestsBefore).map((r) => r.value)).not.toContain('google.com');
  });

  it.each([
    ['a private address', 'ip:10.0.0.1', /private address/],
    ['an internal domain (IGNORE_DOMAINS)', 'domain:intranet.corp.example.org', /internal domains/],
    ['a type that does not exist', 'shell:rm -rf /', /names nothing/],
    ['markup instead of a value', 'domain:<!channel>', /is not a valid domain/],
    ['an oversized value', `domain:${'a'.repeat(5000)}.com`, /names nothing/],
    ['nothing at all', undefined, /names nothing/],
  ])('GIVEN a button carrying %s THEN a private error and nothing is sent upstream', async (_what, value, error) => {
    const t = await createTestBot({ IGNORE_DOMAINS: 'corp.example.org' });
    const replies = await press(t, 'graph', 'not-a-summary', value);
    expect(replies).toMatchObject([{ kind: 'error', visibility: 'ephemeral' }]);
    expect(replies[0]?.kind === 'error' && replies[0].text).toMatch(error);
    expect(t.sim.requests).toHaveLength(0);
  });

  it('GIVEN a summary whose domain became internal after it was posted THEN Graph draws nothing and asks nothing', async () => {
    const t = await createTestBot({}, { ignoreDomains: ['aoldaily.com'] });
    await t.bot.summaryPosted({ platform: 'console', channelId: 'C1' }, 'old', { type: 'domain', value: 'aoldaily.com' });
    const replies = await press(t, 'graph', 'old');
    expect(replies).toMatchObject([{ kind: 'error', visibility: 'ephemeral' }]);
    expect(t.sim.requests).toHaveLength(0);
  });
});

describe('the Expand button', () => {
  it('GIVEN Expand under a picture THEN a depth-2 picture within GRAPH_MAX_LOOKUPS upstream requests, and no further Expand', async () => {
    const t = await createTestBot({ GRAPH_MAX_LOOKUPS: '2' });
    const replies = await press(t, 'graph-expand', 'picture-1', 'domain:aoldaily[.]com');
    const [reply] = replies;
    if (reply?.kind !== 'file') throw new Error(`expected a file, got ${JSON.stringify(reply)}`);
    expect(reply.file.title).toBe('ThreatCrowd graph: aoldaily[.]com (depth 2)');
    expect(reply.file.expand).toBeUndefined();
    expect(reply.file.notes.join(' ')).toMatch(/lookup/);
    expect(t.sim.requests.length).toBeLessThanOrEqual(1 + 2);
  });

  it('GIVEN Expand pressed again after the first picture THEN no new picture and no new upstream request', async () => {
    const t = await createTestBot({ GRAPH_MAX_LOOKUPS: '3' });
    await press(t, 'graph-expand', 'picture-1', 'domain:aoldaily[.]com');
    const requests = t.sim.requests.length;
    const again = await press(t, 'graph-expand', 'picture-1', 'domain:aoldaily[.]com');
    expect(again.map((r) => r.kind)).toEqual(['notice']);
    expect(t.sim.requests).toHaveLength(requests);
  });
});

describe('the Graph button when things go wrong', () => {
  it('GIVEN upstream failing THEN a private error, and once it is back the same button draws (the press was not used up)', async () => {
    const t = await createTestBot();
    t.sim.addFault({ kind: 'http-503', times: 20 });
    const failed = await press(t, 'graph', 'picture-1', 'domain:aoldaily[.]com');
    expect(failed).toMatchObject([{ kind: 'error', visibility: 'ephemeral' }]);
    await fetch(`${t.sim.url}/__simulator/faults`, { method: 'DELETE' });
    const [reply] = await press(t, 'graph', 'picture-1', 'domain:aoldaily[.]com');
    expect(reply?.kind).toBe('file');
  });

  it('GIVEN an indicator unknown upstream THEN a private "nothing to draw" and the press is not used up', async () => {
    const t = await createTestBot();
    const [first] = await press(t, 'graph', 'm-unknown', 'domain:never-seen-anywhere.example-unknown.net');
    expect(first).toMatchObject({ kind: 'error', visibility: 'ephemeral', text: expect.stringContaining('nothing to draw') });
    const [again] = await press(t, 'graph', 'm-unknown', 'domain:never-seen-anywhere.example-unknown.net');
    expect(again?.kind).toBe('error'); // asked again, not "already posted"
  });
});

describe('what a graph button carries', () => {
  it.each([
    ['domain:aoldaily[.]com', { type: 'domain', value: 'aoldaily.com' }],
    ['email:william19770319[@]yahoo[.]com', { type: 'email', value: 'william19770319@yahoo.com' }],
    ['ip:188.40.75[.]132', { type: 'ip', value: '188.40.75.132' }],
    ['ip:2a03:2880:f12f:83:face:b00c:0:25de', { type: 'ip', value: '2a03:2880:f12f:83:face:b00c:0:25de' }],
    ['file:ec8c89aa5e521572c74e2dd02a4daf78', { type: 'file', value: 'ec8c89aa5e521572c74e2dd02a4daf78' }],
    ['antivirus:plugx', { type: 'antivirus', value: 'plugx' }],
  ])('GIVEN %s THEN it reads back as the indicator it was made from', (value, target) => {
    expect(carriedTarget(value, [])).toEqual(target);
  });

  it('GIVEN a value of the wrong type THEN it is refused, not reinterpreted', () => {
    expect(() => carriedTarget('ip:aoldaily.com', [])).toThrow(/not a valid ip/);
  });
});
