import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LOOKUP_SHORTCUT } from '../../../adapters/slack/listeners/message-shortcut.js';
import { COMMAND_METADATA, DEFAULT_COMMAND } from '../../../src/commands/registry.js';
import { SLASH } from '../../../src/core/slash.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const manifest = parse(readFileSync(join(ROOT, 'adapters/slack/manifest.yml'), 'utf8'));
/** Every source file of the Slack adapter: the glue, delivery and each listener. */
const code = readdirSync(join(ROOT, 'adapters/slack'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(ROOT, 'adapters/slack', f), 'utf8'))
  .join('\n');

/** The scope each Web API method and each event needs (Slack's method and event docs). */
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.unfurl': ['links:write'],
  'reactions.add': ['reactions:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'files.uploadV2': ['files:write'],
};
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ['app_mentions:read'],
  message: ['channels:history', 'groups:history'],
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  link_shared: ['links:read'],
};
const EVENT_SUBSCRIPTIONS: Record<string, string[]> = { message: ['message.channels', 'message.groups'] };

const methodsUsed = [
  ...new Set([...code.matchAll(/client\.(chat|reactions|conversations|files)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`)),
];
const eventsUsed = [...new Set([...code.matchAll(/app\.event\('(\w+)'/g)].map((m) => m[1] ?? ''))];

describe('the Slack app manifest', () => {
  it('is valid YAML with the slash command the parser answers to', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([SLASH]);
    expect(code).toContain(`app.command('${SLASH}'`);
  });

  it('hints at every command the registry has', () => {
    const [slash] = manifest.features.slash_commands;
    const hinted = new Set(String(slash.usage_hint).split(/[\s|]+/));
    const missing = COMMAND_METADATA.filter((c) => c !== DEFAULT_COMMAND.metadata && ![c.name, ...c.aliases].some((w) => hinted.has(w)));
    expect(missing.map((c) => c.name)).toEqual([]);
    expect(String(slash.description).length).toBeLessThanOrEqual(100);
  });

  it('subscribes to exactly the events the code listens to', () => {
    const expected = eventsUsed.flatMap((e) => EVENT_SUBSCRIPTIONS[e] ?? [e]).sort();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(expected);
  });

  it('asks for exactly the bot scopes the code uses, and no more', () => {
    for (const method of methodsUsed) expect(METHOD_SCOPES, `scope table lacks ${method}`).toHaveProperty([method]);
    const needed = new Set([
      'commands',
      // Shared files are downloaded from their private URL with the bot token.
      ...(code.includes('url_private_download') ? ['files:read'] : []),
      ...methodsUsed.flatMap((m) => METHOD_SCOPES[m] ?? []),
      ...eventsUsed.flatMap((e) => EVENT_SCOPES[e] ?? []),
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('registers exactly the message shortcut the code listens for, "Look up indicators", within Slack’s lengths', () => {
    const registered = [...code.matchAll(/app\.shortcut\(\{ callback_id: (\w+)/g)].map((m) => m[1]);
    expect(registered).toEqual(['LOOKUP_SHORTCUT']);
    const shortcuts = manifest.features.shortcuts as Array<{ name: string; type: string; callback_id: string; description: string }>;
    expect(shortcuts.map((s) => [s.name, s.type, s.callback_id])).toEqual([['Look up indicators', 'message', LOOKUP_SHORTCUT]]);
    for (const s of shortcuts) {
      expect(s.name.length).toBeLessThanOrEqual(24);
      expect(s.description.length).toBeLessThanOrEqual(150);
    }
  });

  it('has interactivity on (vote buttons) and registers the unfurl domains', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(code).toMatch(/app\.action\(/);
    expect(manifest.features.unfurl_domains).toEqual(['threatcrowd.org', 'otx.alienvault.com']);
  });
});
