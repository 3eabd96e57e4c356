import { describe, expect, it } from 'vitest';
import { toConsoleInput } from '../../adapters/console/to-invocation.js';
import { commandText, slashCommandJson } from '../../adapters/discord/commands.js';
import {
  buttonInvocation as discordButton,
  messageInvocation as discordMessage,
  reactionInvocation as discordReaction,
} from '../../adapters/discord/to-invocation.js';
import { commandInvocation, mentionInvocation, messageInvocation, reactionInvocation } from '../../adapters/slack/to-invocation.js';
import { unfurlCommand } from '../../adapters/slack/unfurl-links.js';
import { parseCommand } from '../../src/commands/parse-command.js';

describe('Slack payloads to invocations', () => {
  it('GIVEN a slash command THEN a command invocation with its team and channel', () => {
    expect(commandInvocation({ text: 'av plugx', user_id: 'U1', channel_id: 'C1', team_id: 'T1' })).toEqual({
      platform: 'slack',
      teamId: 'T1',
      userId: 'U1',
      channelId: 'C1',
      text: 'av plugx',
      kind: 'command',
    });
  });

  it.each([
    ['an edit', { subtype: 'message_changed' }],
    ['a bot message', { bot_id: 'B1' }],
    ['a join', { subtype: 'channel_join' }],
    ['no text', { text: '' }],
  ])('GIVEN %s THEN no invocation', (_name, patch) => {
    expect(messageInvocation({ type: 'message', user: 'U1', text: 'evil.com', channel: 'C1', ts: '1.1', ...patch })).toBeNull();
  });

  it('GIVEN a reply in a thread THEN the thread is kept', () => {
    expect(messageInvocation({ type: 'message', user: 'U1', text: 'evil.com', channel: 'C1', ts: '2.2', thread_ts: '1.1' })).toMatchObject({
      threadId: '1.1',
      messageId: '2.2',
      kind: 'message',
    });
  });

  it('GIVEN a mention THEN the mention is removed and the rest is a command', () => {
    expect(
      mentionInvocation({ type: 'app_mention', user: 'U1', text: '<@UBOT> evil[.]com', channel: 'C1', ts: '1.1' }, 'UBOT'),
    ).toMatchObject({ text: 'evil[.]com', kind: 'command' });
  });

  it('GIVEN a reaction on a file THEN no invocation; on a message THEN a reaction invocation', () => {
    expect(reactionInvocation({ user: 'U1', reaction: 'thumbsdown', item: { type: 'file' } }, true)).toBeNull();
    expect(
      reactionInvocation({ user: 'U1', reaction: 'thumbsdown', item: { type: 'message', channel: 'C1', ts: '1.1' } }, false),
    ).toMatchObject({ reaction: { emoji: 'thumbsdown', added: false, targetMessageId: '1.1' } });
  });
});

describe('Slack unfurls', () => {
  it.each([
    ['https://www.threatcrowd.org/domain.php?domain=aoldaily.com', 'domain "aoldaily.com"'],
    ['https://ci-www.threatcrowd.org/ip.php?ip=188.40.75.132', 'ip "188.40.75.132"'],
    ['https://www.threatcrowd.org/email.php?email=a@b.com', 'email "a@b.com"'],
    ['https://www.threatcrowd.org/malware.php?md5=ec8c89aa5e521572c74e2dd02a4daf78', 'file "ec8c89aa5e521572c74e2dd02a4daf78"'],
    ['https://www.threatcrowd.org/listMalware.php?antivirus=plugx', 'av "plugx"'],
    ['https://otx.alienvault.com/indicator/domain/aoldaily.com', 'domain "aoldaily.com"'],
    ['https://otx.alienvault.com/indicator/ip/8.8.8.8', 'ip "8.8.8.8"'],
    ['https://example.com/domain.php?domain=x.com', null],
    ['https://www.threatcrowd.org/', null],
    ['not a url', null],
  ])('GIVEN %s THEN %s', (link, expected) => {
    expect(unfurlCommand(link)).toBe(expected);
  });

  it('GIVEN a quote in the link THEN it cannot break out of the quoted value', () => {
    const text = unfurlCommand('https://www.threatcrowd.org/domain.php?domain=evil.com%22%20vote') ?? '';
    expect(parseCommand(text)).toMatchObject({ message: expect.stringContaining('is not a valid domain') });
  });
});

describe('Discord objects to invocations', () => {
  const message = { id: 'M1', content: 'evil[.]com', channelId: 'C1', guildId: 'G1', author: { id: 'U1', bot: false }, webhookId: null };

  it('GIVEN a guild message THEN a message invocation; a bot, a webhook or a DM THEN none', () => {
    expect(discordMessage(message)).toMatchObject({ platform: 'discord', teamId: 'G1', messageId: 'M1', kind: 'message' });
    expect(discordMessage({ ...message, author: { id: 'B', bot: true } })).toBeNull();
    expect(discordMessage({ ...message, webhookId: 'W' })).toBeNull();
    expect(discordMessage({ ...message, guildId: null })).toBeNull();
  });

  it('GIVEN a reaction by a bot THEN none; by a person THEN the emoji and the message', () => {
    const reaction = { emoji: { name: '👎' }, message: { id: 'M1', channelId: 'C1', guildId: 'G1', content: 'x' } };
    expect(discordReaction(reaction, { id: 'B', bot: true }, true)).toBeNull();
    expect(discordReaction(reaction, { id: 'U1', bot: false }, true)).toMatchObject({
      reaction: { emoji: '👎', targetMessageId: 'M1', targetText: 'x' },
    });
  });

  it('GIVEN an unknown button THEN none', () => {
    expect(discordButton({ customId: 'other', user: { id: 'U1' }, channelId: 'C1', guildId: 'G1', message: { id: 'M1' } })).toBeNull();
    expect(
      discordButton({ customId: 'vote-safe', user: { id: 'U1' }, channelId: 'C1', guildId: 'G1', message: { id: 'M1' } }),
    ).toMatchObject({ button: { action: 'vote-safe' } });
  });

  it('maps every sub-command back to the grammar the parser reads', () => {
    const options: Record<string, string> = {
      indicators: 'evil[.]com 1.2.3.4',
      value: 'plugx',
      verdict: 'malicious',
      indicator: 'evil.com',
      mode: 'reveal',
    };
    const get = (name: string) => options[name] ?? null;
    const parsed = Object.fromEntries(
      (slashCommandJson()[0]?.options ?? []).map((o) => {
        const text = commandText(
          o.name,
          o.name === 'antivirus'
            ? get
            : (n) =>
                n === 'value'
                  ? o.name === 'ip'
                    ? '8.8.8.8'
                    : o.name === 'email'
                      ? 'a@b.com'
                      : o.name === 'file'
                        ? 'ec8c89aa5e521572c74e2dd02a4daf78'
                        : 'evil.com'
                  : get(n),
        );
        const result = parseCommand(text);
        return [o.name, 'kind' in result ? result.kind : `error: ${result.message}`];
      }),
    );
    expect(parsed).toEqual({
      lookup: 'lookup',
      domain: 'lookup',
      ip: 'lookup',
      email: 'lookup',
      file: 'lookup',
      antivirus: 'lookup',
      vote: 'vote',
      graph: 'graph',
      bulk: 'bulk',
      export: 'export',
      watch: 'watch',
      watchlist: 'watch',
      unwatch: 'watch',
      channel: 'channel',
      help: 'help',
      status: 'status',
    });
  });
});

describe('console lines', () => {
  it.each([
    ['/threatcrowd av plugx', { kind: 'invocation', invocation: expect.objectContaining({ kind: 'command', text: 'av plugx' }) }],
    ['seen evil[.]com', { kind: 'invocation', invocation: expect.objectContaining({ kind: 'message' }) }],
    [':vote malicious', { kind: 'vote', malicious: true }],
    [':vote safe', { kind: 'vote', malicious: false }],
    [':vote maybe', { kind: 'usage', text: expect.stringContaining(':vote malicious') }],
    [':quit', { kind: 'quit' }],
    ['   ', { kind: 'empty' }],
  ])('GIVEN %j THEN %j', (line, expected) => {
    expect(toConsoleInput(line, 'you', 1)).toEqual(expected);
  });
});
