/** Which posted messages are the bot's summaries, and of which indicator: only those are votable. */

import { channelKey, type Invocation, legacyChannelKey } from '../core/invocation.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Store } from '../store/open-store.js';

const NAMESPACE = 'summary-messages';
const KEEP_MS = 90 * 24 * 3_600_000;

type Where = Pick<Invocation, 'platform' | 'teamId' | 'channelId'>;

export async function rememberSummary(store: Store, where: Where, messageId: string, target: LookupTarget): Promise<void> {
  await store.namespace(NAMESPACE).set(`${channelKey(where)}:${messageId}`, target, KEEP_MS);
}

export async function summaryTarget(store: Store, where: Where, messageId: string): Promise<LookupTarget | undefined> {
  const summaries = store.namespace(NAMESPACE);
  const target = (await summaries.get(`${channelKey(where)}:${messageId}`)) as LookupTarget | undefined;
  if (target) return target;
  // Posted before Slack channels were keyed by channel alone (the team id then came with every Slack event).
  const legacy = legacyChannelKey(where);
  return legacy ? ((await summaries.get(`${legacy}:${messageId}`)) as LookupTarget | undefined) : undefined;
}
