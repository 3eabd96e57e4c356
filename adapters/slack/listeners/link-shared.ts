import type { Invocation } from '../../../src/core/invocation.js';
import { type Reply, settleReplies } from '../../../src/core/reply.js';
import { renderSlack } from '../render.js';
import { unfurlCommand } from '../unfurl-links.js';
import type { SlackListenerContext } from './listener-context.js';

interface LinkSharedEvent {
  readonly channel: string;
  readonly message_ts: string;
  readonly user?: string;
  readonly unfurl_id?: string;
  readonly source?: string;
  readonly links?: ReadonlyArray<{ url: string }>;
}

/** A link to ThreatCrowd or an analysis site, posted in a message: unfurled as the indicator's summary (no votes). */
export function listenForSharedLinks({ app, bot, guarded }: SlackListenerContext): void {
  app.event('link_shared', async ({ event, client }) =>
    guarded('link_shared', async () => {
      const e = event as unknown as LinkSharedEvent;
      const unfurls: Record<string, { blocks: unknown[] }> = {};
      for (const { url } of (e.links ?? []).slice(0, 5)) {
        // One bad link (malformed, or its lookup failing) is skipped; the others are still unfurled.
        await guarded('unfurl', async () => {
          const text = unfurlCommand(url);
          if (!text) return;
          const invocation: Invocation = { platform: 'slack', userId: e.user ?? 'unknown', channelId: e.channel, text, kind: 'command' };
          const summary = (await settleReplies(await bot.handle(invocation))).find((r) => r.kind === 'summary');
          const message = summary ? renderSlack({ ...summary, votable: false, pivots: null } as Reply) : null;
          if (message) unfurls[url] = { blocks: message.blocks };
        });
      }
      if (Object.keys(unfurls).length === 0) return;
      await client.chat.unfurl({
        ...(e.source === 'composer' && e.unfurl_id
          ? { unfurl_id: e.unfurl_id, source: 'composer' as const }
          : { channel: e.channel, ts: e.message_ts }),
        unfurls: unfurls as never,
      });
    }),
  );
}
