/** How the bot treats indicators posted in a channel. */
export const CHANNEL_MODES = ['auto', 'reveal', 'off'] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];
