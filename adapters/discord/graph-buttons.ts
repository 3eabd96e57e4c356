/** The Graph button on a summary and the Expand button with a depth-1 picture (discord.js component JSON). */
import { ButtonStyle, ComponentType } from 'discord.js';
import { defang } from '../../src/indicators/defang.js';
import type { Summary } from '../../src/summary/summary.js';
import type { DiscordMessage } from './message.js';

type Rows = DiscordMessage['components'];

/** Discord's longest custom id; and the most buttons in a row. */
const CUSTOM_ID_MAX = 100;
const ROW_MAX = 5;

/**
 * `action:type:value` when it fits a custom id, else the bare action: the core then reads the summary's
 * indicator from its own record (and validates what a button carries either way).
 */
export function graphCustomId(action: 'graph' | 'graph-expand', target: { type: string; value: string }): string {
  // Defanged like everything the bot shows; the core refangs and validates it again, like a typed value.
  const full = `${action}:${target.type}:${defang(target.value)}`;
  return full.length <= CUSTOM_ID_MAX ? full : action;
}

function button(label: string, customId: string) {
  return { type: ComponentType.Button as const, style: ButtonStyle.Secondary, label, custom_id: customId, emoji: { name: '🕸' } };
}

type ButtonRow = Extract<Rows[number], { components: Array<{ type: ComponentType.Button }> }>;

function isButtonRow(row: Rows[number] | undefined): row is ButtonRow {
  return row?.components.every((c) => c.type === ComponentType.Button) ?? false;
}

/** The summary's button rows with the Graph button added to the first (after the votes), or in a row of its own. */
export function withGraphButton(rows: Rows, summary: Summary): Rows {
  const graph = button('Graph', graphCustomId('graph', summary));
  const [first, ...rest] = rows;
  if (isButtonRow(first) && first.components.length < ROW_MAX) return [{ ...first, components: [...first.components, graph] }, ...rest];
  return [...rows, { type: ComponentType.ActionRow, components: [graph] }];
}

/** The Expand button with a depth-1 picture (none when the indicator does not fit a custom id). */
export function expandRow(target: { type: string; value: string }): Rows {
  const customId = graphCustomId('graph-expand', target);
  if (customId === 'graph-expand') return [];
  return [{ type: ComponentType.ActionRow, components: [button("Expand: the neighbours' neighbours", customId)] }];
}
