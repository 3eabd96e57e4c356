import { describe, expect, it } from 'vitest';
import { escapeDiscord } from '../../adapters/discord/message.js';
import { renderDiscord } from '../../adapters/discord/render.js';
import { renderSlack } from '../../adapters/slack/render.js';
import type { Reply } from '../../src/core/reply.js';
import { changeNote } from '../../src/watch/watch-note.js';

const status: Reply = {
  kind: 'status',
  visibility: 'ephemeral',
  status: {
    queueDepth: 0,
    cacheHitRatio: 0,
    cacheHits: 0,
    cacheMisses: 0,
    upstream: [],
    pendingVotes: 0,
    watchlist: { watches: 3, capacity: 2160, requestsPerDay: 3, budgetPerDay: 2160, share: 0.25, everyMs: 86_400_000 },
    uptimeMs: 1000,
    now: 0,
  },
};

describe('the watchlist on each platform', () => {
  it('GIVEN status THEN Slack and Discord show the budget the watches use', () => {
    const line = '3 of 2,160 watches, re-checked every 1 d: 3 of 2,160 upstream requests a day set aside (25% of the rate)';
    expect(JSON.stringify(renderSlack(status)?.blocks)).toContain(`*Watchlist*\\n${line}`);
    expect(JSON.stringify(renderDiscord(status).embeds)).toContain(JSON.stringify(escapeDiscord(line)).slice(1, -1));
  });

  it('GIVEN a change note with hostile items THEN each platform escapes it and pings nobody', () => {
    const text = changeNote({ type: 'domain', value: 'aoldaily.com' }, [
      { kind: 'new-items', list: 'subdomains', items: ['<!channel>.aoldaily.com', '*bold*.aoldaily.com', '@everyone'] },
    ]);
    const note: Reply = { kind: 'notice', visibility: 'public', text };
    const slack = JSON.stringify(renderSlack(note));
    expect(slack).not.toContain('<!channel>');
    expect(slack).toContain('&lt;!channel&gt;');
    const discord = renderDiscord(note);
    expect(discord.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(discord.content).not.toMatch(/@everyone/);
    expect(discord.content).toContain('\\*bold\\*');
  });
});
