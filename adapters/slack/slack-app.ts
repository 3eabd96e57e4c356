/**
 * The Slack adapter's glue: a Bolt app whose listeners map Slack payloads to invocations, hand them to the
 * core, and deliver the replies. It decides nothing about what to say.
 */

import { App, type webApi } from '@slack/bolt';
import type { Bot } from '../../src/bot/bot.js';
import { baseEmoji, REVEAL_EMOJI } from '../../src/bot/emoji.js';
import type { ChatAdapter } from '../../src/core/chat-adapter.js';
import type { Invocation } from '../../src/core/invocation.js';
import { type Reply, settleReplies } from '../../src/core/reply.js';
import type { Logger } from '../../src/observability/logger.js';
import type { Coordination } from '../../src/store/coordination.js';
import { boltLogger } from './bolt-logger.js';
import { NOT_IN_CHANNEL, SlackDelivery, slackErrorCode, type Where } from './deliver.js';
import { listenForFileShares } from './file-share-listener.js';
import { renderSlack } from './render.js';
import { SlackBulks } from './slack-bulk.js';
import { type SlackFileLike, slackAttachments } from './slack-files.js';
import {
  buttonInvocation,
  commandInvocation,
  type MessageEventLike,
  mentionInvocation,
  messageInvocation,
  reactionInvocation,
} from './to-invocation.js';
import { unfurlCommand } from './unfurl-links.js';

export interface SlackAdapterOptions {
  readonly botToken: string;
  readonly signingSecret?: string;
  /** Socket Mode when set. */
  readonly appToken?: string;
  readonly port: number;
  readonly host?: string;
  /** Web API base URL (`https://slack.com/api/` by default): Enterprise Grid proxies and tests. */
  readonly apiUrl?: string;
  readonly bot: Bot;
  readonly coordination: Coordination;
  readonly logger: Logger;
  /** @default 3000 */
  readonly editIntervalMs?: number;
  readonly clientOptions?: webApi.WebClientOptions;
}

export interface SlackAdapter extends ChatAdapter {
  readonly name: 'slack';
  readonly app: App;
  /** The HTTP port listened on (null in Socket Mode). */
  readonly port: number | null;
}

const BULK_NOT_IN_CHANNEL =
  'I am not in this channel, so I cannot post the progress of a bulk lookup here. Invite me with `/invite @threatcrowd-bot`.';

/** Slack retries an event for up to about an hour: one claim per event id, shared by replicas. */
const EVENT_TTL_MS = 3_600_000;

export async function startSlack(options: SlackAdapterOptions): Promise<SlackAdapter> {
  const { bot, logger } = options;
  const log = logger.child({ adapter: 'slack' });
  const app = new App({
    token: options.botToken,
    ...(options.appToken ? { socketMode: true, appToken: options.appToken } : { signingSecret: options.signingSecret }),
    clientOptions: { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), ...options.clientOptions },
    ...(options.appToken && options.apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } } } : {}),
    logger: boltLogger(log),
  });
  const delivery = new SlackDelivery(app.client, bot, log, options.editIntervalMs);
  let connected = false;

  /** Runs a listener body; an error is logged, never thrown into Bolt (which would crash nothing, but says nothing useful). */
  const guarded = async (what: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      log.error({ err: error, what, code: slackErrorCode(error) }, 'slack listener failed');
    }
  };

  /** Delivers replies: public ones posted (in the thread when given), ephemeral ones to `user`, edits throttled. */
  const deliver = async (replies: readonly Reply[], where: Where, user: string, targetTs?: string) => {
    for (const reply of await settleReplies(replies)) {
      if (reply.kind === 'reveal') {
        if (targetTs) await delivery.mark(where, targetTs);
      } else if (reply.kind === 'summary-update') {
        delivery.scheduleEdit(reply, where.channel, reply.messageId);
      } else if (reply.visibility === 'ephemeral') {
        await delivery.ephemeral(reply, where, user);
      } else {
        await delivery.post(reply, where);
      }
    }
  };

  const bulkUi = new SlackBulks(app.client, bot, delivery, log);
  const fileAccess = { botToken: options.botToken, apiUrl: options.apiUrl };

  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !(await options.coordination.claim(`slack-event:${eventId}`, EVENT_TTL_MS))) {
      log.debug({ eventId }, 'duplicate event ignored');
      return;
    }
    await next();
  });

  app.command('/threatcrowd', async ({ command, ack, respond }) => {
    // Acknowledged before any store, lock or upstream work, so Slack's 3-s rule holds when the store is slow or a
    // lock is contended; every answer then goes through the command's response URL or the channel.
    await ack();
    const invocation = commandInvocation(command);
    await guarded('command', async () => {
      const replies = await bot.handle(invocation);
      const pending = replies.find((r) => r.kind === 'pending');
      const say = async (reply: Reply) => {
        const message = renderSlack(reply);
        if (message) await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      };
      if (pending) await say(pending);
      const where: Where = { channel: invocation.channelId, teamId: invocation.teamId };
      let invited = false;
      for (const reply of await settleReplies(replies)) {
        if (reply.kind === 'bulk') {
          await bulkUi.start(reply, where, invocation.userId).catch(async (error: unknown) => {
            if (!NOT_IN_CHANNEL.has(slackErrorCode(error) ?? '')) throw error;
            await respond({ response_type: 'ephemeral', text: BULK_NOT_IN_CHANNEL });
          });
          continue;
        }
        if (reply.kind === 'bulk-form') {
          await bulkUi.openForm(command.trigger_id, where);
          continue;
        }
        if (reply.visibility === 'ephemeral') {
          await say(reply);
          continue;
        }
        try {
          await delivery.post(reply, where);
        } catch (error) {
          if (!NOT_IN_CHANNEL.has(slackErrorCode(error) ?? '')) throw error;
          // Not in the channel: answer through the command's response_url, and say how to invite the bot.
          const message = renderSlack(reply);
          if (message) await respond({ response_type: 'in_channel', text: message.text, blocks: message.blocks });
          if (invited) continue;
          invited = true;
          await respond({
            response_type: 'ephemeral',
            text: 'I am not in this channel, so votes on that answer cannot count. Invite me with `/invite @threatcrowd-bot`.',
          });
        }
      }
      if (pending) await respond({ replace_original: true, response_type: 'ephemeral', text: 'Answered: see the channel.' });
    });
  });

  app.event('app_mention', async ({ event, context, body }) =>
    guarded('mention', async () => {
      const invocation = mentionInvocation(event as unknown as MessageEventLike, context.botUserId, (body as { team_id?: string }).team_id);
      if (!invocation) return;
      await deliver(
        await bot.handle(invocation),
        { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId },
        invocation.userId,
      );
    }),
  );

  app.event('message', async ({ event, context, body }) =>
    guarded('message', async () => {
      const invocation = messageInvocation(event as unknown as MessageEventLike, (body as { team_id?: string }).team_id);
      if (!invocation) return;
      if (context.botUserId && invocation.text.includes(`<@${context.botUserId}`)) return; // answered as a mention
      await deliver(
        await bot.handle(invocation),
        { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId },
        invocation.userId,
        invocation.messageId,
      );
    }),
  );

  listenForFileShares(app, { bot, access: fileAccess, guarded, deliver });
  bulkUi.listen(app, guarded);

  const onReaction =
    (added: boolean) =>
    async ({
      event,
      context,
      body,
      client,
    }: {
      event: { user: string; reaction: string; item: { type: string; channel?: string; ts?: string } };
      context: { botUserId?: string };
      body: unknown;
      client: webApi.WebClient;
    }) =>
      guarded('reaction', async () => {
        if (event.user === context.botUserId) return; // the bot's own seed reactions
        const teamId = (body as { team_id?: string }).team_id;
        let target: SlackMessageLike | undefined;
        if (added && REVEAL_EMOJI.has(baseEmoji(event.reaction)) && event.item.channel && event.item.ts) {
          target = await messageAt(client, event.item.channel, event.item.ts);
        }
        const reacted = reactionInvocation(event, added, teamId, target?.text);
        if (!reacted) return;
        const attachments = slackAttachments(target?.files, fileAccess);
        const invocation = attachments.length > 0 ? { ...reacted, attachments } : reacted;
        const where: Where = { channel: invocation.channelId, teamId, threadTs: event.item.ts };
        await deliver(await bot.handle(invocation), where, invocation.userId);
      });
  app.event('reaction_added', onReaction(true));
  app.event('reaction_removed', onReaction(false));

  app.action(/^vote-(malicious|safe)$/, async ({ ack, body, action }) => {
    await ack();
    await guarded('button', async () => {
      const actionId = (action as { action_id?: string }).action_id ?? '';
      const invocation = buttonInvocation(body as never, actionId);
      if (!invocation) return;
      await deliver(await bot.handle(invocation), { channel: invocation.channelId, teamId: invocation.teamId }, invocation.userId);
    });
  });

  app.event('link_shared', async ({ event, client }) =>
    guarded('link_shared', async () => {
      const links = (event as { links?: Array<{ url: string }> }).links ?? [];
      const unfurls: Record<string, { blocks: unknown[] }> = {};
      for (const { url } of links.slice(0, 5)) {
        // One bad link (malformed, or its lookup failing) is skipped; the others are still unfurled.
        await guarded('unfurl', async () => {
          const text = unfurlCommand(url);
          if (!text) return;
          const invocation: Invocation = {
            platform: 'slack',
            userId: (event as { user?: string }).user ?? 'unknown',
            channelId: (event as { channel: string }).channel,
            text,
            kind: 'command',
          };
          const summary = (await settleReplies(await bot.handle(invocation))).find((r) => r.kind === 'summary');
          const message = summary ? renderSlack({ ...summary, votable: false } as Reply) : null;
          if (message) unfurls[url] = { blocks: message.blocks };
        });
      }
      if (Object.keys(unfurls).length === 0) return;
      const e = event as { channel: string; message_ts: string; unfurl_id?: string; source?: string };
      await client.chat.unfurl({
        ...(e.source === 'composer' && e.unfurl_id
          ? { unfurl_id: e.unfurl_id, source: 'composer' as const }
          : { channel: e.channel, ts: e.message_ts }),
        unfurls: unfurls as never,
      });
    }),
  );

  app.error(async (error) => {
    log.error({ err: error }, 'slack error');
  });

  const server = options.appToken ? await app.start() : await app.start({ port: options.port, host: options.host ?? '0.0.0.0' });
  connected = true;
  const address = options.appToken ? null : (server as { address?: () => { port: number } | string | null }).address?.();
  return {
    name: 'slack',
    app,
    port: address && typeof address === 'object' ? address.port : null,
    connected: () => connected,
    bulkSink: (place) => bulkUi.sink(place),
    async stop() {
      connected = false;
      await delivery.flushEdits();
      await app.stop();
    },
  };
}

interface SlackMessageLike {
  readonly text?: string;
  readonly files?: SlackFileLike[];
}

/** The text and files of one message (top level or in a thread). */
async function messageAt(client: webApi.WebClient, channel: string, ts: string): Promise<SlackMessageLike | undefined> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const found = history.messages?.find((m) => m.ts === ts);
  if (found?.text || found?.files?.length) return found as SlackMessageLike;
  const replies = await client.conversations.replies({ channel, ts, latest: ts, inclusive: true, limit: 1 });
  return replies.messages?.find((m) => m.ts === ts) as SlackMessageLike | undefined;
}
