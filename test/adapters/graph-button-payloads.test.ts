/** Graph and Expand buttons from each platform's payload to an invocation, and the console's `:graph`. */
import { existsSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../adapters/console/main.js';
import { toConsoleInput } from '../../adapters/console/to-invocation.js';
import { graphCustomId } from '../../adapters/discord/graph-buttons.js';
import { renderDiscord } from '../../adapters/discord/render.js';
import { graphButtonInvocation as discordGraph, buttonInvocation as discordVoteButton } from '../../adapters/discord/to-invocation.js';
import { renderSlack } from '../../adapters/slack/render.js';
import { graphButtonInvocation as slackGraph, buttonInvocation as slackVoteButton } from '../../adapters/slack/to-invocation.js';
import { fixtureSummaries } from '../support/summaries.js';
import { createTestBot } from '../support/test-bot.js';

describe('graph buttons to invocations', () => {
  const body = { user: { id: 'U1', team_id: 'T1' }, channel: { id: 'C1' }, message: { ts: '1.1' }, team: { id: 'T1' } };

  it('GIVEN Slack Graph on a summary THEN a graph button in the summary’s thread, carrying its value untouched', () => {
    expect(slackGraph(body, 'graph', 'domain:evil[.]com')).toMatchObject({
      kind: 'button',
      threadId: '1.1',
      button: { action: 'graph', targetMessageId: '1.1', value: 'domain:evil[.]com' },
    });
    expect(slackGraph({ ...body, message: { ts: '1.2', thread_ts: '1.0' } }, 'graph-expand', 'x')).toMatchObject({
      threadId: '1.0',
      button: { action: 'graph-expand', targetMessageId: '1.2' },
    });
  });

  it('GIVEN a Slack graph action on no message, or a vote action THEN the graph mapping says none (and votes stay votes)', () => {
    expect(slackGraph({ ...body, message: undefined }, 'graph', 'x')).toBeNull();
    expect(slackGraph(body, 'vote-safe', 'x')).toBeNull();
    expect(slackVoteButton(body, 'graph')).toBeNull();
  });

  it('GIVEN a Discord graph custom id THEN its action and the value after it; the vote mapping ignores it', () => {
    const interaction = { user: { id: 'U1' }, channelId: 'C1', guildId: 'G1', message: { id: 'M1' } };
    expect(discordGraph({ ...interaction, customId: 'graph:domain:evil[.]com' })).toMatchObject({
      button: { action: 'graph', targetMessageId: 'M1', value: 'domain:evil[.]com' },
    });
    expect(discordGraph({ ...interaction, customId: 'graph' })?.button).toEqual({ action: 'graph', targetMessageId: 'M1' });
    expect(discordGraph({ ...interaction, customId: 'graphx' })).toBeNull();
    expect(discordVoteButton({ ...interaction, customId: 'graph:domain:evil[.]com' })).toBeNull();
  });

  it('GIVEN an indicator too long for a Discord custom id THEN the bare action (the core reads its own record)', () => {
    expect(graphCustomId('graph', { type: 'domain', value: 'evil.com' })).toBe('graph:domain:evil[.]com');
    expect(graphCustomId('graph', { type: 'domain', value: `${'a'.repeat(120)}.com` })).toBe('graph');
  });

  it('GIVEN :graph, :graph 2 and :graph <indicator> in the console THEN a Graph press, an Expand press and the command', () => {
    expect(toConsoleInput(':graph', 'you', 1)).toEqual({ kind: 'graph', depth: 1 });
    expect(toConsoleInput(':graph 2', 'you', 1)).toEqual({ kind: 'graph', depth: 2 });
    expect(toConsoleInput(':graph aoldaily[.]com', 'you', 1)).toMatchObject({
      kind: 'invocation',
      invocation: { kind: 'command', text: 'graph aoldaily[.]com' },
    });
  });
});

describe('the console’s :graph', () => {
  it('GIVEN a summary THEN :graph saves its picture, :graph 2 its depth-2 picture, and a second :graph says it is there', async () => {
    const t = await createTestBot();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk) => {
      text += String(chunk);
    });
    const input = Readable.from(['aoldaily[.]com\n', ':graph\n', ':graph\n', ':graph 2\n']);
    await runConsole({ bot: t.bot, input, output });
    expect(text).toContain('ThreatCrowd graph: aoldaily[.]com (graph.png');
    expect(text).toContain(':graph 2 expands it to depth 2');
    expect(text).toContain('ThreatCrowd graph: aoldaily[.]com (depth 2) (graph.png');
    expect(text).toContain('already');
    const saved = [...text.matchAll(/saved: (\S+)/g)].map((m) => m[1] ?? '');
    expect(saved).toHaveLength(2);
    for (const path of saved) expect(existsSync(path)).toBe(true);
  });

  it('GIVEN no summary yet THEN :graph says how to draw one', async () => {
    const t = await createTestBot();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk) => {
      text += String(chunk);
    });
    await runConsole({ bot: t.bot, input: Readable.from([':graph\n']), output });
    expect(text).toContain(':graph <indicator>');
    expect(t.sim.requests).toHaveLength(0);
  });
});

describe('the Graph button survives a tally edit', () => {
  it('GIVEN a summary edited to show the team tally THEN the edit keeps the Graph button on both platforms', () => {
    const [, summary] = fixtureSummaries().find(([f]) => f.startsWith('domain-aoldaily.com.json')) ?? [];
    if (!summary) throw new Error('no fixture summary');
    const update = {
      kind: 'summary-update',
      visibility: 'public',
      messageId: 'M1',
      summary,
      target: { type: 'domain', value: 'aoldaily.com' },
    } as const;
    expect(JSON.stringify(renderSlack(update)?.blocks)).toContain('"action_id":"graph"');
    expect(renderDiscord(update).components[0]?.components.map((c) => c.custom_id)).toContain('graph:domain:aoldaily[.]com');
  });
});

describe('no Graph button on a private answer', () => {
  it('GIVEN a summary only the asker sees THEN neither platform offers Graph (its picture would go to the channel)', () => {
    const [, summary] = fixtureSummaries().find(([f]) => f.startsWith('domain-aoldaily.com.json')) ?? [];
    if (!summary) throw new Error('no fixture summary');
    const target = { type: 'domain', value: 'aoldaily.com' } as const;
    const private_ = { kind: 'summary', visibility: 'ephemeral', summary, target, votable: false } as const;
    expect(JSON.stringify(renderSlack(private_)?.blocks)).not.toContain('"action_id":"graph"');
    expect(JSON.stringify(renderDiscord(private_).components)).not.toContain('graph');
    const shared = { ...private_, visibility: 'public' } as const;
    expect(JSON.stringify(renderSlack(shared)?.blocks)).toContain('"action_id":"graph"');
    expect(JSON.stringify(renderDiscord(shared).components)).toContain('graph:domain:aoldaily[.]com');
  });
});
