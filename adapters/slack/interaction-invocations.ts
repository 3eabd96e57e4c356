/**
 * Slack's interaction payloads for pivots and on-demand lookups → platform-neutral invocations. Pure: no Bolt, no
 * network. What they carry is passed on as data; the core validates it again.
 */
import type { Invocation } from '../../src/core/invocation.js';
import { pivotFromBlockId } from './pivot-select.js';
import { type BlockActionBody, interactionBase } from './to-invocation.js';

/** A message timestamp as Slack writes them (`1700000001.000100`). */
const TS = /^\d{1,12}\.\d{1,8}$/;

export interface SelectAction {
  readonly block_id?: string;
  readonly selected_option?: { readonly value?: string } | null;
}

/** A choice in a summary's "Look up related…" menu: answered in the summary's thread. */
export function pivotInvocation(body: BlockActionBody, action: SelectAction): Invocation | null {
  const choice = action.selected_option?.value;
  if (!body.channel || !body.message || !choice) return null;
  return {
    ...interactionBase(body, body.channel.id),
    threadId: body.message.thread_ts ?? body.message.ts,
    messageId: body.message.ts,
    kind: 'pivot',
    pivot: { choice, from: pivotFromBlockId(action.block_id) },
  };
}

export interface MessageShortcutBody {
  readonly user: { readonly id: string; readonly team_id?: string };
  readonly channel: { readonly id: string };
  readonly team?: { readonly id: string } | null;
  readonly message: { readonly ts: string; readonly thread_ts?: string; readonly text?: string };
}

/** The "Look up indicators" message shortcut (or its "Post to thread" button, with `share`). */
export function messageLookupInvocation(body: MessageShortcutBody, share = false): Invocation {
  return {
    ...interactionBase(body, body.channel.id),
    kind: 'message-lookup',
    messageLookup: {
      targetMessageId: body.message.ts,
      targetThreadId: body.message.thread_ts,
      targetText: body.message.text ?? '',
      share,
    },
  };
}

/** Which message a "Post to thread" button names (`{"ts":…,"thread":…}`), or null for anything malformed. */
export function sharedMessage(value: string | undefined): { ts: string; thread: string } | null {
  try {
    const parsed = JSON.parse(String(value).slice(0, 200)) as { ts?: unknown; thread?: unknown };
    const { ts, thread } = parsed;
    return typeof ts === 'string' && typeof thread === 'string' && TS.test(ts) && TS.test(thread) ? { ts, thread } : null;
  } catch {
    return null;
  }
}
