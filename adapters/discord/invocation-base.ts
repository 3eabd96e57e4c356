/** What every Discord interaction's invocation starts with: who asked, where. Pure. */

export interface InteractionLike {
  readonly user: { readonly id: string };
  readonly channelId: string | null;
  readonly guildId: string | null;
}

/** An interaction on a message (a button or a select menu under it). */
export interface MessageInteractionLike extends InteractionLike {
  readonly customId: string;
  readonly message: { readonly id: string };
}

/** The platform, the guild (none in a DM), the person and the channel, with no text of their own. */
export const invocationBase = (interaction: InteractionLike) => ({
  platform: 'discord' as const,
  teamId: interaction.guildId ?? undefined,
  userId: interaction.user.id,
  channelId: interaction.channelId ?? 'dm',
  text: '',
});
