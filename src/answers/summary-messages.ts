/** Which posted messages are the bot's summaries, and of which indicator: only those are votable. */

import { channelKey, type Invocation } from '../core/invocation.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Store } from '../store/open-store.js';

const NAMESPACE = 'summary-messages';
const KEEP_MS = 90 * 24 * 3_600_000;

type Where = Pick<Invocation, 'platform' | 'teamId' | 'channelId'>;

export async function rememberSummary(store: Store, where: Where, messageId: string, target: LookupTarget): Promise<void> {
  await store.namespace(NAMESPACE).set(`${channelKey(where)}:${messageId}`, target, KEEP_MS);
}

export async function summaryTarget(store: Store, where: Where, messageId: string): Promise<LookupTarget | undefined> {
  return (await store.namespace(NAMESPACE).get(`${channelKey(where)}:${messageId}`)) as LookupTarget | undefined;
}
