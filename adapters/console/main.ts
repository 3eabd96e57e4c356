/**
 * A terminal chat with the bot: each line is a message, `/threatcrowd …` lines are commands, and
 * `:vote malicious|safe` votes on the last summary (standing in for a reaction). Works from a pipe too,
 * ending cleanly at the end of input once every answer is printed.
 */
import { createInterface } from 'node:readline';
import type { Bot } from '../../src/bot/bot.js';
import type { Reply } from '../../src/bot/reply.js';
import { renderReplyText } from './render.js';
import { toConsoleInput } from './to-invocation.js';

export interface ConsoleOptions {
  readonly bot: Bot;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly user?: string;
  /** Show a prompt (for a terminal). @default false */
  readonly prompt?: boolean;
}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { bot, output } = options;
  const user = options.user ?? 'you';
  const write = (text: string) => output.write(`${text}\n`);
  const rl = createInterface({ input: options.input, terminal: false });
  let lastSummary: { id: string } | null = null;
  let summaries = 0;
  const pending: Promise<void>[] = [];

  const show = async (replies: readonly Reply[]): Promise<void> => {
    for (const reply of replies) {
      if (reply.kind === 'pending') {
        write(renderReplyText(reply));
        pending.push(reply.result.then(show));
        continue;
      }
      write(renderReplyText(reply));
      if (reply.kind === 'summary' && reply.votable) {
        const id = `summary-${++summaries}`;
        await bot.summaryPosted({ platform: 'console', channelId: 'console' }, id, reply.target);
        lastSummary = { id };
      }
    }
  };

  if (options.prompt) output.write('> ');
  let lineNumber = 0;
  for await (const line of rl) {
    const input = toConsoleInput(line, user, ++lineNumber);
    if (input.kind === 'quit') break;
    if (input.kind === 'usage') write(input.text);
    if (input.kind === 'invocation') await show(await bot.handle(input.invocation));
    if (input.kind === 'vote') {
      if (!lastSummary) write('Nothing to vote on yet: look something up first.');
      else {
        const target = lastSummary as { id: string };
        await show(
          await bot.handle({
            platform: 'console',
            userId: user,
            channelId: 'console',
            text: '',
            kind: 'reaction',
            reaction: { emoji: input.malicious ? 'thumbsdown' : 'thumbsup', added: true, targetMessageId: target.id },
          }),
        );
      }
    }
    if (options.prompt) output.write('> ');
  }
  rl.close();
  while (pending.length > 0) await pending.shift();
}
