/** Per-channel modes (`auto`, `reveal`, `off`), kept in the store with no expiry. */
import type { ChannelMode } from '../core/channel-mode.js';
import { channelKey, type Invocation } from '../core/invocation.js';
import type { Store } from '../store/open-store.js';

const NAMESPACE = 'channel-modes';

export async function getChannelMode(store: Store, invocation: Invocation, fallback: ChannelMode): Promise<ChannelMode> {
  return ((await store.namespace(NAMESPACE).get(channelKey(invocation))) as ChannelMode | undefined) ?? fallback;
}

export async function setChannelMode(store: Store, invocation: Invocation, mode: ChannelMode): Promise<void> {
  await store.namespace(NAMESPACE).set(channelKey(invocation), mode);
}
