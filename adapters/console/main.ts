/**
 * A terminal chat with the bot: each line is a message, `/threatcrowd …` lines are commands, `:vote
 * malicious|safe` votes on the last summary and `:reveal` asks for a marked message's lookups (standing in for
 * reactions), `:graph` draws the last summary's graph (`:graph 2` at depth 2; the Graph and Expand buttons). Works from a pipe too: each answer is then preceded by the line it answers, and the console
 * ends cleanly at the end of input once every answer is printed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Bot } from '../../src/bot/bot.js';
import type { Invocation, ReactionEvent } from '../../src/core/invocation.js';
import type { Reply, ReplyFile } from '../../src/core/reply.js';
import type { PivotMenu } from '../../src/summary/pivot-menu.js';
import { encodePivot } from '../../src/summary/pivot-value.js';
import { echoLine } from './echo.js';
import { consoleChoices } from './pivot-list.js';
import { renderReplyText } from './render.js';
import { type ConsoleInput, toConsoleInput } from './to-invocation.js';

export interface ConsoleOptions {
  readonly bot: Bot;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly user?: string;
  /** Show a prompt (for a terminal). @default false */
  readonly prompt?: boolean;
  /** Repeat each input line above its answers (for a pipe). @default !prompt */
  readonly echo?: boolean;
}

/** The console's memory of the conversation: what `:vote` and `:reveal` act on. */
interface Conversation {
  lastSummary: string | null;
  lastMarked: { id: string; text: string } | null;
  /** The last depth-1 picture: what `:graph 2` expands (its Expand button). */
  lastPicture: { id: string; value: string } | null;
  /** The menu of the last summary that had one: what `:pivot N` chooses from. */
  lastMenu: PivotMenu | null;
  summaries: number;
  readonly pending: Promise<void>[];
}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { bot, output } = options;
  const user = options.user ?? 'you';
  const echo = options.echo ?? !options.prompt;
  const rl = createInterface({ input: options.input, terminal: false });
  const talk: Conversation = {
    lastSummary: null,
    lastMarked: null,
    lastPicture: null,
    lastMenu: null,
    summaries: 0,
    pending: [],
  };
  const room: Room = { bot, output, talk };

  // Watch notes arrive with no line typed: printed as they come.
  const unregister = bot.registerOutbound({
    platform: 'console',
    post: async (_place, replies) => {
      for (const reply of replies) output.write(`${renderReplyText(reply)}\n${options.prompt ? '> ' : ''}`);
    },
  });
  if (options.prompt) output.write('> ');
  let lineNumber = 0;
  for await (const line of rl) {
    const input = toConsoleInput(line, user, ++lineNumber);
    if (input.kind === 'quit') break;
    const header = echo ? echoLine(line) : null;
    const replies = await answer(input, bot, talk, user);
    if (input.kind === 'invocation' && replies.some((r) => r.kind === 'reveal')) {
      talk.lastMarked = { id: input.invocation.messageId ?? `line-${lineNumber}`, text: input.invocation.text };
    }
    await show(room, replies, header);
    if (options.prompt) output.write('> ');
  }
  rl.close();
  while (talk.pending.length > 0) await talk.pending.shift();
  unregister();
}

/** Where the console prints, and what it remembers of the conversation. */
interface Room {
  readonly bot: Bot;
  readonly output: NodeJS.WritableStream;
  readonly talk: Conversation;
}

/** Prints replies under a header (the echoed line), written once before the first of them. */
async function show(room: Room, replies: readonly Reply[], header: string | null): Promise<void> {
  const { bot, output, talk } = room;
  let said = header === null;
  const write = (text: string) => {
    if (!said) output.write(`${header}\n`);
    said = true;
    output.write(`${text}\n`);
  };
  for (const reply of replies) {
    write(renderReplyText(reply));
    if (reply.kind === 'file') write(`  saved: ${await saveFile(reply.file)}`);
    if (reply.kind === 'file' && reply.file.expand) {
      const { type, value } = reply.file.expand;
      talk.lastPicture = { id: `picture-${++talk.summaries}`, value: `${type}:${value}` };
      write('  :graph 2 expands it to depth 2');
    }
    if (reply.kind === 'pending') talk.pending.push(reply.result.then((later) => show(room, later, header)));
    if (reply.kind === 'summary' && reply.pivots) talk.lastMenu = reply.pivots;
    if (reply.kind === 'summary' && reply.votable) {
      const id = `summary-${++talk.summaries}`;
      await bot.summaryPosted({ platform: 'console', channelId: 'console' }, id, reply.target, reply.via);
      talk.lastSummary = id;
    }
  }
}

const notice = (text: string): Reply[] => [{ kind: 'notice', visibility: 'ephemeral', text }];

/** The replies to one console input. */
async function answer(input: ConsoleInput, bot: Bot, talk: Conversation, user: string): Promise<Reply[]> {
  const reaction = (event: ReactionEvent): Invocation => ({
    platform: 'console',
    userId: user,
    channelId: 'console',
    text: '',
    kind: 'reaction',
    reaction: event,
  });
  switch (input.kind) {
    case 'usage':
      return notice(input.text);
    case 'invocation':
      return bot.handle(input.invocation);
    case 'wait':
      await new Promise((r) => setTimeout(r, input.seconds * 1000));
      return [];
    case 'vote':
      if (!talk.lastSummary) return notice('Nothing to vote on yet: look something up first.');
      return bot.handle(reaction({ emoji: input.malicious ? 'thumbsdown' : 'thumbsup', added: true, targetMessageId: talk.lastSummary }));
    case 'reveal':
      if (!talk.lastMarked) return notice('Nothing to reveal: :reveal looks up the last message marked in reveal mode.');
      return bot.handle(reaction({ emoji: '🔎', added: true, targetMessageId: talk.lastMarked.id, targetText: talk.lastMarked.text }));
    case 'graph': {
      // `:graph 2` presses the last picture's Expand button, else expands the last summary directly.
      const picture = input.depth === 2 ? talk.lastPicture : null;
      const id = picture?.id ?? talk.lastSummary;
      if (!id) return notice('Nothing to draw yet: look something up first, or type :graph <indicator>.');
      const action = input.depth === 2 ? 'graph-expand' : 'graph';
      const button = { action, targetMessageId: id, ...(picture ? { value: picture.value } : {}) } as const;
      return bot.handle({ platform: 'console', userId: user, channelId: 'console', text: '', kind: 'button', button });
    }
    case 'pivot': {
      const option = talk.lastMenu ? consoleChoices(talk.lastMenu)[input.choice - 1] : undefined;
      if (!talk.lastMenu || !option) return notice('Nothing numbered that: :pivot N picks from the list under the last summary.');
      const from = encodePivot(talk.lastMenu.from);
      return bot.handle({
        platform: 'console',
        userId: user,
        channelId: 'console',
        text: '',
        kind: 'pivot',
        pivot: { choice: option.value, from },
      });
    }
    default:
      return [];
  }
}

/** A file the bot attached (a graph), written where a terminal user can open it. */
async function saveFile(file: ReplyFile): Promise<string> {
  const dir = join(tmpdir(), 'threatcrowd-bot');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${Date.now()}-${file.name.replace(/[^\w.-]/g, '_')}`);
  await writeFile(path, file.bytes, { mode: 0o600 });
  return path;
}
