/** Sends rendered replies through Slack's Web API: posts, ephemeral notes, throttled edits and seed reactions. */
import type { webApi } from '@slack/bolt';
import Bottleneck from 'bottleneck';
import type { Bot } from '../../src/bot/bot.js';
import type { Reply, ReplyFile } from '../../src/core/reply.js';
import type { Logger } from '../../src/observability/logger.js';
import { LatestWinsEdits } from '../shared/latest-wins-edits.js';
import { expandMessage } from './graph-buttons.js';
import { escapeMrkdwn, type SlackMessage } from './message.js';
import { renderSlack } from './render.js';

export interface Where {
  readonly channel: string;
  readonly teamId?: string;
  readonly threadTs?: string;
}

/** Slack errors meaning the bot cannot post in the channel. */
export const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export function slackErrorCode(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

interface PendingEdit {
  readonly reply: Reply;
  readonly channel: string;
  readonly ts: string;
}

export class SlackDelivery {
  private readonly edits: LatestWinsEdits<PendingEdit>;
  /** Slack's pace for posting is about one message per second per channel: keep to it rather than collect 429s. */
  private readonly channels: Bottleneck.Group;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly bot: Bot,
    private readonly logger: Logger,
    /** At most one edit of a message per interval (the team tally changes in bursts). */
    editIntervalMs = 3000,
    postIntervalMs = 1000,
  ) {
    this.edits = new LatestWinsEdits((edit) => this.update(edit), editIntervalMs);
    this.channels = new Bottleneck.Group({ maxConcurrent: 1, minTime: postIntervalMs });
  }

  /** Posts a public reply; a summary is remembered (so votes count) and seeded with 👎 and 👍. Returns its ts. */
  async post(reply: Reply, where: Where): Promise<string | undefined> {
    if (reply.kind === 'file') {
      await this.upload(reply.file, where);
      return undefined;
    }
    const message = renderSlack(reply);
    if (!message) return undefined;
    const posted = await this.postMessage(message, where);
    const ts = posted.ts;
    if (ts && reply.kind === 'summary' && reply.votable) {
      await this.bot.summaryPosted({ platform: 'slack', teamId: where.teamId, channelId: where.channel }, ts, reply.target, reply.via);
      for (const name of ['thumbsdown', 'thumbsup']) {
        await this.client.reactions.add({ channel: where.channel, timestamp: ts, name }).catch((error: unknown) => {
          this.logger.debug({ code: slackErrorCode(error) }, 'could not seed a vote reaction');
        });
      }
    }
    return ts;
  }

  /** Attaches a file where the answer goes, through Slack's external-upload flow (what `files.uploadV2` wraps). */
  async upload(file: ReplyFile, where: Where): Promise<void> {
    const common = {
      file: Buffer.from(file.bytes),
      filename: file.name,
      title: file.title,
      alt_text: file.altText.slice(0, 1000),
      ...(file.notes.length > 0 ? { initial_comment: escapeMrkdwn(file.notes.join('\n')).slice(0, 3000) } : {}),
    };
    const { threadTs } = where;
    await this.channels
      .key(where.channel)
      .schedule(() =>
        threadTs
          ? this.client.files.uploadV2({ ...common, channel_id: where.channel, thread_ts: threadTs })
          : this.client.files.uploadV2({ ...common, channel_id: where.channel }),
      );
    // A file carries no buttons: the Expand button follows it, in the same thread.
    if (file.expand) await this.postMessage(expandMessage(file.expand), where);
  }

  private postMessage(message: SlackMessage, where: Where) {
    return this.channels.key(where.channel).schedule(() =>
      this.client.chat.postMessage({
        channel: where.channel,
        text: message.text,
        blocks: message.blocks,
        ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
  }

  async ephemeral(reply: Reply, where: Where, user: string): Promise<void> {
    const message = renderSlack(reply);
    if (!message) return;
    await this.client.chat.postEphemeral({
      channel: where.channel,
      user,
      text: message.text,
      blocks: message.blocks,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    });
  }

  async mark(where: Where, ts: string, name = 'mag'): Promise<void> {
    await this.client.reactions.add({ channel: where.channel, timestamp: ts, name }).catch((error: unknown) => {
      if (slackErrorCode(error) !== 'already_reacted') throw error;
    });
  }

  /** Edits a summary message, at most once per interval per message; the latest version wins. */
  scheduleEdit(reply: Reply, channel: string, ts: string): void {
    this.edits.schedule(`${channel}:${ts}`, { reply, channel, ts });
  }

  /** Messages with edit state (for tests: the map is pruned). */
  get pendingEdits(): number {
    return this.edits.pending;
  }

  /** Sends pending edits now (shutdown). */
  async flushEdits(): Promise<void> {
    await this.edits.flush();
  }

  private async update({ reply, channel, ts }: PendingEdit): Promise<void> {
    const message = renderSlack(reply);
    if (!message) return;
    await this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }).catch((error: unknown) => {
      this.logger.warn({ code: slackErrorCode(error) }, 'could not update a summary');
    });
  }
}
