import { describe, expect, it } from 'vitest';
import { getChannelMode } from '../../src/answers/channel-modes.js';
import { summaryTarget } from '../../src/answers/summary-messages.js';
import type { Invocation } from '../../src/core/invocation.js';
import { openStore } from '../../src/store/open-store.js';

const slackMessage: Invocation = { platform: 'slack', teamId: 'T1', userId: 'U1', channelId: 'C1', text: '', kind: 'message' };

describe('what an earlier version stored under Slack keys with the team id', () => {
  it('GIVEN a channel mode stored as slack:T1:C1 THEN it still applies, and is carried over to the new key', async () => {
    const store = await openStore('memory://');
    await store.namespace('channel-modes').set('slack:T1:C1', 'off');
    expect(await getChannelMode(store, slackMessage, 'auto')).toBe('off');
    expect(await store.namespace('channel-modes').get('slack:-:C1')).toBe('off');
  });

  it('GIVEN a summary remembered as slack:T1:C1:ts THEN it is still votable', async () => {
    const store = await openStore('memory://');
    const target = { type: 'domain', value: 'aoldaily.com' };
    await store.namespace('summary-messages').set('slack:T1:C1:1700000000.000100', target);
    expect(await summaryTarget(store, slackMessage, '1700000000.000100')).toEqual(target);
  });

  it('GIVEN a mode under the new key THEN an old one for the same channel does not override it', async () => {
    const store = await openStore('memory://');
    await store.namespace('channel-modes').set('slack:T1:C1', 'off');
    await store.namespace('channel-modes').set('slack:-:C1', 'reveal');
    expect(await getChannelMode(store, slackMessage, 'auto')).toBe('reveal');
  });

  it('GIVEN Discord THEN keys are unchanged and no other key is read', async () => {
    const store = await openStore('memory://');
    await store.namespace('channel-modes').set('slack:G1:C1', 'off');
    expect(await getChannelMode(store, { ...slackMessage, platform: 'discord', teamId: 'G1' }, 'auto')).toBe('auto');
  });
});
