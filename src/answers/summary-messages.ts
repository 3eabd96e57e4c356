/** Which posted messages are the bot's summaries, and of which indicator: only those are votable. */

import { channelKey, type Invocation, legacyChannelKey } from '../core/invocation.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Store } from '../store/open-store.js';

const NAMESPACE = 'summary-messages';
const KEEP_MS = 90 * 24 * 3_600_000;

type Where = Pick<Invocation, 'platform' | 'teamId' | 'channelId'>;

/** What is kept of a posted summary: its indicator, and the breadcrumb of a pivot (so an edit keeps showing it). */
type Kept = LookupTarget & { readonly via?: string };

export async function rememberSummary(store: Store, where: Where, messageId: string, target: LookupTarget, via?: string): Promise<void> {
  const kept: Kept = { type: target.type, value: target.value, ...(via ? { via } : {}) };
  await store.namespace(NAMESPACE).set(`${channelKey(where)}:${messageId}`, kept, KEEP_MS);
}

async function kept(store: Store, where: Where, messageId: string): Promise<Kept | undefined> {
  const summaries = store.namespace(NAMESPACE);
  const found = (await summaries.get(`${channelKey(where)}:${messageId}`)) as Kept | undefined;
  if (found) return found;
  // Posted before Slack channels were keyed by channel alone (the team id then came with every Slack event).
  const legacy = legacyChannelKey(where);
  return legacy ? ((await summaries.get(`${legacy}:${messageId}`)) as Kept | undefined) : undefined;
}

/** The indicator of one of the bot's summaries, or undefined for any other message. */
export async function summaryTarget(store: Store, where: Where, messageId: string): Promise<LookupTarget | undefined> {
  const found = await kept(store, where, messageId);
  return found ? { type: found.type, value: found.value } : undefined;
}

/** The breadcrumb shown on one of the bot's summaries (a pivot's "via …"), if it had one. */
export async function summaryBreadcrumb(store: Store, where: Where, messageId: string): Promise<string | undefined> {
  return (await kept(store, where, messageId))?.via;
}
