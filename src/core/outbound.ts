/**
 * The outbound port: how the core posts into a channel or thread without an incoming event (a watch's change
 * note). Each running adapter registers one `Outbound` for its platform; the router picks it by the place.
 */
import type { Platform } from './invocation.js';
import type { Reply } from './reply.js';

/** Where a message goes: a channel, or a thread in it. */
export interface Place {
  readonly platform: Platform;
  readonly teamId?: string;
  readonly channelId: string;
  readonly threadId?: string;
}

/** One platform's way of posting public replies into a place (rendered and escaped like any answer). */
export interface Outbound {
  readonly platform: Platform;
  post(place: Place, replies: readonly Reply[]): Promise<void>;
}

/** The adapters running in this process, by platform. */
export class OutboundRouter {
  private readonly byPlatform = new Map<Platform, Outbound>();

  /** Registers an adapter's outbound; returns the function that removes it (the adapter stops). */
  register(outbound: Outbound): () => void {
    this.byPlatform.set(outbound.platform, outbound);
    return () => {
      if (this.byPlatform.get(outbound.platform) === outbound) this.byPlatform.delete(outbound.platform);
    };
  }

  /** Whether this process can post into `place` (its platform's adapter runs here). */
  canPost(place: Place): boolean {
    return this.byPlatform.has(place.platform);
  }

  /** Posts `replies` into `place`; throws when no adapter for its platform runs here. */
  async post(place: Place, replies: readonly Reply[]): Promise<void> {
    const outbound = this.byPlatform.get(place.platform);
    if (!outbound) throw new Error(`no ${place.platform} adapter runs in this process`);
    await outbound.post(place, replies);
  }
}
