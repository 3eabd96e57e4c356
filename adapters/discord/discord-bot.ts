/**
 * The Discord adapter's glue: a discord.js client whose listeners map events to invocations, hand them to the
 * core, and send the rendered replies. Mentions are disabled client-wide; every listener catches its errors.
 */

import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Message,
  MessageFlags,
  type MessageReaction,
  type PartialMessageReaction,
  Partials,
  type PartialUser,
  type User,
} from 'discord.js';
import type { Bot } from '../../src/bot/bot.js';
import type { ChatAdapter } from '../../src/core/chat-adapter.js';
import { type Reply, settleReplies } from '../../src/core/reply.js';
import type { Logger } from '../../src/observability/logger.js';
import type { Coordination } from '../../src/store/coordination.js';
import { attachmentOptions, commandText, isPrivateSubcommand } from './commands.js';
import { DiscordBulks } from './discord-bulk.js';
import { discordAttachments } from './discord-files.js';
import { BULK_CANCEL_PREFIX, renderDiscord } from './render.js';
import { buttonInvocation, commandInvocation, messageInvocation, reactionInvocation } from './to-invocation.js';

export interface DiscordAdapterOptions {
  readonly token: string;
  /** REST base URL (`https://discord.com/api` by default); the gateway URL then comes from it. */
  readonly apiUrl?: string;
  readonly bot: Bot;
  readonly logger: Logger;
  /** One reply per message even when several processes see it. */
  readonly coordination: Coordination;
  /** @default 3000 */
  readonly editIntervalMs?: number;
  /** Sharding: this process's shards and the total (discord.js ShardingManager sets these). */
  readonly shards?: number[];
  readonly shardCount?: number;
}

export interface DiscordAdapter extends ChatAdapter {
  readonly name: 'discord';
  readonly client: Client;
}

const EPHEMERAL = MessageFlags.Ephemeral;
const VOTE_EMOJI = ['👎', '👍'];

export async function startDiscord(options: DiscordAdapterOptions): Promise<DiscordAdapter> {
  const { bot } = options;
  const log = options.logger.child({ adapter: 'discord' });
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.MessageContent,
    ],
    partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [], repliedUser: false },
    ...(options.apiUrl ? { rest: { api: options.apiUrl, version: '10' } } : {}),
    ...(options.shards ? { shards: options.shards, shardCount: options.shardCount } : {}),
  });
  const edits = new Map<string, { timer: NodeJS.Timeout | null; latest: Reply | null; lastAt: number; message: Message }>();
  const editIntervalMs = options.editIntervalMs ?? 3000;
  const bulkUi = new DiscordBulks(client, bot, log);

  const guarded = async (what: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      log.error({ err: error, what }, 'discord listener failed');
    }
  };

  /** A summary was sent as `message`: remember it (so votes count) and seed the vote reactions. */
  const posted = async (reply: Reply, message: Message) => {
    if (reply.kind !== 'summary' || !reply.votable) return;
    await bot.summaryPosted(
      { platform: 'discord', teamId: message.guildId ?? undefined, channelId: message.channelId },
      message.id,
      reply.target,
    );
    for (const emoji of VOTE_EMOJI) await message.react(emoji).catch(() => {});
  };

  /** Edits a summary message at most once per interval; the latest tally wins. */
  const scheduleEdit = (reply: Reply, message: Message) => {
    const state = edits.get(message.id) ?? { timer: null, latest: null, lastAt: 0, message };
    state.latest = reply;
    edits.set(message.id, state);
    if (state.timer) return;
    state.timer = setTimeout(
      () => {
        state.timer = null;
        state.lastAt = Date.now();
        const latest = state.latest;
        state.latest = null;
        // Forgotten once a full interval passes without another edit: the map holds only recent edits.
        setTimeout(() => {
          if (!state.timer && !state.latest && edits.get(message.id) === state) edits.delete(message.id);
        }, editIntervalMs).unref();
        if (!latest) return;
        const { embeds, components } = renderDiscord(latest);
        state.message.edit({ embeds, components }).catch((error: unknown) => log.warn({ err: error }, 'could not edit a summary'));
      },
      Math.max(0, state.lastAt + editIntervalMs - Date.now()),
    );
    state.timer.unref();
  };

  const onMessage = (message: Message) =>
    guarded('messageCreate', async () => {
      const invocation = messageInvocation(message, discordAttachments(message.attachments.values(), options.apiUrl));
      if (!invocation || !(await options.coordination.claim(`discord-message:${message.id}`, 3_600_000))) return;
      for (const reply of await settleReplies(await bot.handle(invocation))) {
        if (reply.kind === 'reveal') {
          await message.react('🔎');
          continue;
        }
        const { embeds, components, content, files } = renderDiscord(reply);
        const sent = await message.reply({
          content,
          embeds,
          components,
          ...(files ? { files } : {}),
          allowedMentions: { parse: [], repliedUser: false },
        });
        await posted(reply, sent);
      }
    });

  const onReaction = (added: boolean) => (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) =>
    guarded('reaction', async () => {
      if (user.id === client.user?.id) return;
      const full = reaction.partial ? await reaction.fetch() : reaction;
      const message = full.message.partial ? await full.message.fetch() : full.message;
      const reacted = reactionInvocation({ emoji: full.emoji, message }, { id: user.id, bot: Boolean(user.bot) }, added);
      if (!reacted) return;
      // The message's files go along: 🔎 on a file too large to hash automatically asks for it.
      const files = discordAttachments(message.attachments.values(), options.apiUrl);
      const invocation = files.length > 0 ? { ...reacted, attachments: files } : reacted;
      for (const reply of await settleReplies(await bot.handle(invocation))) {
        // Reaction votes confirm by the tally alone: no message for the voter.
        if (reply.kind === 'summary-update') scheduleEdit(reply, message);
        else if (reply.kind === 'summary' || reply.kind === 'notice') {
          const { embeds, components, content } = renderDiscord(reply);
          await posted(reply, await message.reply({ content, embeds, components, allowedMentions: { parse: [], repliedUser: false } }));
        }
      }
    });

  const onChatInput = (interaction: ChatInputCommandInteraction) =>
    guarded('slash command', async () => {
      const subcommand = interaction.options.getSubcommand(false) ?? 'help';
      const isPrivate = isPrivateSubcommand(subcommand);
      await interaction.deferReply(isPrivate ? { flags: EPHEMERAL } : {});
      const text = commandText(subcommand, (name) => interaction.options.getString(name));
      const files = attachmentOptions(subcommand).flatMap((name) => {
        const file = interaction.options.getAttachment(name);
        return file ? [file] : [];
      });
      const command = commandInvocation(interaction, text);
      const replies = await bot.handle(files.length > 0 ? { ...command, attachments: discordAttachments(files, options.apiUrl) } : command);
      let first = true;
      const send = async (reply: Reply) => {
        const message = renderDiscord(reply);
        const { content, embeds, components } = message;
        const files = message.files ? { files: message.files } : {};
        if (first && reply.visibility === 'ephemeral' && !isPrivate) {
          // The deferral was public; a private answer replaces it.
          await interaction.deleteReply();
          await interaction.followUp({ content, embeds, components, ...files, flags: EPHEMERAL });
        } else if (first) {
          const sent = await interaction.editReply({ content: content ?? '', embeds, components, ...files });
          await posted(reply, sent);
        } else {
          const sent = await interaction.followUp({
            content,
            embeds,
            components,
            ...files,
            ...(reply.visibility === 'ephemeral' ? { flags: EPHEMERAL } : {}),
          });
          await posted(reply, sent);
        }
        first = false;
      };
      for (const reply of replies) {
        if (reply.kind === 'bulk') {
          const where = { channelId: command.channelId, guildId: command.teamId, userId: command.userId };
          await bulkUi.start(reply, where);
          await send({ kind: 'notice', visibility: 'public', text: `Bulk lookup of ${reply.plan.targets.length} values started.` });
        } else if (reply.kind === 'pending') {
          // Show the queue position now, then the answers in its place.
          await interaction.editReply({ content: renderDiscord(reply).content ?? '', embeds: [], components: [] });
          for (const settled of await settleReplies(await reply.result)) await send(settled);
        } else {
          await send(reply);
        }
      }
      if (first) await interaction.deleteReply();
    });

  const onButton = (interaction: ButtonInteraction) =>
    guarded('button', async () => {
      if (interaction.customId.startsWith(BULK_CANCEL_PREFIX)) return bulkUi.cancel(interaction);
      const invocation = buttonInvocation(interaction);
      if (!invocation) return;
      const replies = await settleReplies(await bot.handle(invocation));
      const confirmation = replies.find((r) => r.kind === 'vote-result' || r.kind === 'error');
      const { content } = confirmation ? renderDiscord(confirmation) : { content: 'Nothing to vote on here.' };
      await interaction.reply({ content: content ?? '', flags: EPHEMERAL });
      for (const reply of replies) if (reply.kind === 'summary-update') scheduleEdit(reply, interaction.message);
    });

  client.on(Events.MessageCreate, onMessage);
  client.on(Events.MessageReactionAdd, onReaction(true));
  client.on(Events.MessageReactionRemove, onReaction(false));
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand() && interaction.commandName === 'threatcrowd') void onChatInput(interaction);
    else if (interaction.isButton()) void onButton(interaction);
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (_event, shard) => log.warn({ shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard) => log.info({ shard }, 'gateway resumed'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(options.token);
  await ready;
  return {
    name: 'discord',
    client,
    connected: () => client.isReady(),
    bulkSink: (place) => bulkUi.sink(place),
    async stop() {
      for (const state of edits.values()) if (state.timer) clearTimeout(state.timer);
      await client.destroy();
    },
  };
}
