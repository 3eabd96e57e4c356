/** One typed line → what the console does with it: a command, a message, or a vote on the last summary. */
import { verdictOf } from '../../src/commands/vote.js';
import type { Invocation } from '../../src/core/invocation.js';

export type ConsoleInput =
  | { readonly kind: 'invocation'; readonly invocation: Invocation }
  | { readonly kind: 'vote'; readonly malicious: boolean }
  | { readonly kind: 'reveal' }
  /** Waits (from a pipe: lets a watch's note arrive before the input ends). */
  | { readonly kind: 'wait'; readonly seconds: number }
  | { readonly kind: 'pivot'; readonly choice: number }
  | { readonly kind: 'quit' }
  | { readonly kind: 'usage'; readonly text: string }
  | { readonly kind: 'empty' };

const COMMAND = /^\/threatcrowd(?:\s+|$)/i;

export function toConsoleInput(line: string, user: string, lineNumber: number): ConsoleInput {
  const text = line.trim();
  if (text === '') return { kind: 'empty' };
  if (text === ':quit' || text === ':q') return { kind: 'quit' };
  if (text === ':reveal') return { kind: 'reveal' };
  if (/^:pivot(?:\s|$)/.test(text)) {
    const choice = Number(text.slice(6).trim());
    if (Number.isInteger(choice) && choice >= 1) return { kind: 'pivot', choice };
    return { kind: 'usage', text: 'usage: :pivot N (looks up the related indicator numbered N under the last summary)' };
  }
  if (text.startsWith(':vote')) {
    const malicious = verdictOf(text.slice(5).trim());
    if (malicious !== undefined) return { kind: 'vote', malicious };
    return { kind: 'usage', text: 'usage: :vote malicious | :vote safe (votes on the last summary)' };
  }
  if (text.startsWith(':wait')) {
    const seconds = Number(text.slice(5).trim());
    if (Number.isInteger(seconds) && seconds > 0 && seconds <= 600) return { kind: 'wait', seconds };
    return { kind: 'usage', text: 'usage: :wait SECONDS (1 to 600)' };
  }
  if (/^:[a-z]+(?:\s|$)/i.test(text)) {
    return {
      kind: 'usage',
      text: 'In this console: :vote malicious | :vote safe, :reveal, :pivot N, :wait SECONDS, :quit; commands: /threatcrowd help',
    };
  }
  const base = { platform: 'console' as const, userId: user, channelId: 'console', messageId: `line-${lineNumber}` };
  if (COMMAND.test(text)) return { kind: 'invocation', invocation: { ...base, kind: 'command', text: text.replace(COMMAND, '') } };
  return { kind: 'invocation', invocation: { ...base, kind: 'message', text } };
}
