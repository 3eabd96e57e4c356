/**
 * The test bot: the whole core (real cache, limiter, votes, store) against the simulator, driven like a chat.
 * `await t.say('evil[.]com')` posts a message, `await t.command('help')` runs `/threatcrowd help`;
 * both return the settled replies.
 */
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import type { Bot } from '../../src/bot/bot.js';
import { loadSettings } from '../../src/config/settings.js';
import type { BotSettings } from '../../src/core/context.js';
import type { Invocation } from '../../src/core/invocation.js';
import { type Reply, settleReplies } from '../../src/core/reply.js';
import { createLogger } from '../../src/observability/logger.js';
import { buildBot } from '../../src/runtime/build-bot.js';
import { createServices, type Services } from '../../src/runtime/services.js';
import type { Watching } from '../../src/runtime/watching.js';
import type { Simulator } from '../../src/simulator/server.js';
import type { VoteService } from '../../src/votes/vote-service.js';
import { useSimulator } from './simulator.js';

const open: Array<{ services: Services; votes: VoteService; watching: Watching }> = [];
afterEach(async () => {
  for (const { services, votes, watching } of open.splice(0)) {
    await watching.scheduler.stop();
    await votes.stop();
    await services.close();
  }
});

export interface SayOptions {
  readonly user?: string;
  readonly channel?: string;
  readonly fromBot?: boolean;
  readonly messageId?: string;
}

export interface TestBot {
  readonly bot: Bot;
  readonly sim: Simulator;
  readonly services: Services;
  readonly votes: VoteService;
  /** The watchlist and its scheduler (not started: tests call `runDue`). */
  readonly watching: Watching;
  /** Everything the bot logged, as JSON lines. */
  readonly logs: () => string;
  say(text: string, options?: SayOptions): Promise<Reply[]>;
  command(text: string, options?: SayOptions): Promise<Reply[]>;
  /** Posts the summary replies as messages (ids `m1`, `m2`, …) so reactions on them can vote. Returns their ids. */
  post(replies: readonly Reply[], options?: SayOptions): Promise<string[]>;
  react(emoji: string, messageId: string, options?: SayOptions & { removed?: boolean; targetText?: string }): Promise<Reply[]>;
  click(action: 'vote-malicious' | 'vote-safe', messageId: string, options?: SayOptions): Promise<Reply[]>;
}

export async function createTestBot(
  env: Record<string, string> = {},
  bot: Partial<BotSettings> = {},
  simulator?: Simulator,
): Promise<TestBot> {
  const sim = simulator ?? (await useSimulator());
  const settings = loadSettings({
    THREATCROWD_URL: sim.url,
    OTX_URL: sim.url,
    PROVIDERS: 'threatcrowd',
    OTX_INTERVAL_MS: '20',
    CACHE_URL: 'memory://',
    THREATCROWD_INTERVAL_MS: '20',
    THREATCROWD_RETRIES: '0',
    FEEDS_REFRESH_SECONDS: '0',
    ...env,
  });
  const services = await createServices(settings);
  let logText = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      logText += chunk.toString();
      done();
    },
  });
  const built = buildBot(services, createLogger('debug', sink), { bot });
  open.push({ services, votes: built.votes, watching: built.watching });
  let nextId = 0;
  const base = (o: SayOptions = {}) => ({
    platform: 'console' as const,
    userId: o.user ?? 'U1',
    channelId: o.channel ?? 'C1',
    fromBot: o.fromBot,
    messageId: o.messageId,
  });
  const handle = async (invocation: Invocation) => settleReplies(await built.bot.handle(invocation));
  return {
    bot: built.bot,
    sim,
    services,
    votes: built.votes,
    watching: built.watching,
    logs: () => logText,
    say: (text, o) => handle({ ...base(o), text, kind: 'message' }),
    command: (text, o) => handle({ ...base(o), text, kind: 'command' }),
    async post(replies, o) {
      const ids: string[] = [];
      for (const reply of replies) {
        if (reply.kind !== 'summary') continue;
        const id = `m${++nextId}`;
        await built.bot.summaryPosted(base(o), id, reply.target, reply.via);
        ids.push(id);
      }
      return ids;
    },
    react: (emoji, messageId, o = {}) =>
      handle({
        ...base(o),
        text: '',
        kind: 'reaction',
        reaction: { emoji, added: !o.removed, targetMessageId: messageId, targetText: o.targetText },
      }),
    click: (action, messageId, o) => handle({ ...base(o), text: '', kind: 'button', button: { action, targetMessageId: messageId } }),
  };
}

/** The kinds of replies, in order: a compact way to assert a conversation. */
export function kinds(replies: readonly Reply[]): string[] {
  return replies.map((r) => r.kind);
}

/** The display values of summary replies. */
export function summarized(replies: readonly Reply[]): string[] {
  return replies.flatMap((r) => (r.kind === 'summary' ? [r.summary.display] : []));
}
