/** The buttons the bot puts under its messages: vote and Graph under a summary, Expand with a depth-1 picture. */
import { ButtonStyle, ComponentType } from 'discord.js';
import { defang } from '../../src/indicators/defang.js';
import type { Summary } from '../../src/summary/summary.js';

/** A button as Discord's API takes it. */
export interface DiscordButton {
  type: ComponentType.Button;
  style: ButtonStyle;
  label: string;
  custom_id: string;
  emoji?: { name: string };
}

/** One row of buttons. */
export interface ActionRow {
  type: ComponentType.ActionRow;
  components: DiscordButton[];
}

/** Discord's longest custom id. */
const CUSTOM_ID_MAX = 100;

/**
 * `action:type:value` when it fits a custom id, else the bare action: the core then reads the summary's
 * indicator from its own record (and validates what a button carries either way).
 */
export function graphCustomId(action: 'graph' | 'graph-expand', target: { type: string; value: string }): string {
  // Defanged like everything the bot shows; the core refangs and validates it again, like a typed value.
  const full = `${action}:${target.type}:${defang(target.value)}`;
  return full.length <= CUSTOM_ID_MAX ? full : action;
}

function graphButton(summary: Summary): DiscordButton {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: 'Graph',
    custom_id: graphCustomId('graph', summary),
    emoji: { name: '🕸' },
  };
}

/** The row under a summary: the votes (when votable) and Graph. */
export function summaryButtons(summary: Summary, votable: boolean): ActionRow[] {
  const votes: DiscordButton[] = [
    { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Malicious', custom_id: 'vote-malicious', emoji: { name: '👎' } },
    { type: ComponentType.Button, style: ButtonStyle.Success, label: 'Not malicious', custom_id: 'vote-safe', emoji: { name: '👍' } },
  ];
  return [{ type: ComponentType.ActionRow, components: [...(votable ? votes : []), graphButton(summary)] }];
}

/** The Expand button with a depth-1 picture (omitted when the indicator does not fit a custom id). */
export function expandButton(target: { type: string; value: string }): ActionRow[] {
  const customId = graphCustomId('graph-expand', target);
  if (customId === 'graph-expand') return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: "Expand: the neighbours' neighbours",
          custom_id: customId,
          emoji: { name: '🕸' },
        },
      ],
    },
  ];
}
