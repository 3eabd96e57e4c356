/** Per-channel modes (`auto`, `reveal`, `off`), kept in the store with no expiry. */
import type { ChannelMode } from '../core/channel-mode.js';
import { channelKey, type Invocation, legacyChannelKey } from '../core/invocation.js';
import type { Store } from '../store/open-store.js';

const NAMESPACE = 'channel-modes';

export async function getChannelMode(store: Store, invocation: Invocation, fallback: ChannelMode): Promise<ChannelMode> {
  const modes = store.namespace(NAMESPACE);
  const mode = (await modes.get(channelKey(invocation))) as ChannelMode | undefined;
  if (mode) return mode;
  // Set before Slack channels were keyed by channel alone: carried over to the new key on first read.
  const legacy = legacyChannelKey(invocation);
  const old = legacy ? ((await modes.get(legacy)) as ChannelMode | undefined) : undefined;
  if (old) await modes.set(channelKey(invocation), old);
  return old ?? fallback;
}

export async function setChannelMode(store: Store, invocation: Invocation, mode: ChannelMode): Promise<void> {
  await store.namespace(NAMESPACE).set(channelKey(invocation), mode);
}
