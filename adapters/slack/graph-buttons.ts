/** The Graph button on a summary and the Expand message posted with a depth-1 picture (Block Kit). */
import { defang } from '../../src/indicators/defang.js';
import type { LookupTarget } from '../../src/lookup/resolve-target.js';
import type { Summary } from '../../src/summary/summary.js';
import type { SlackBlock, SlackMessage } from './message.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

/** The block of the Expand message (the only one it has). */
export const EXPAND_BLOCK_ID = 'graph-expand';

/** What a graph button carries: the indicator, defanged (the core refangs and validates it again, like a typed value). */
function carried(target: Pick<LookupTarget, 'type' | 'value'>): string {
  return defang(`${target.type}:${target.value}`).slice(0, 2000);
}

type ButtonRow = Extract<SlackBlock, { type: 'actions'; block_id?: string; elements: Array<{ type: 'button' }> }>;

/** The vote row's buttons (the row holds buttons only; a select menu has its own block). */
function votes(row: SlackBlock): ButtonRow['elements'] {
  return row.type === 'actions' ? (row.elements as ButtonRow['elements']).filter((e) => e.type === 'button') : [];
}

/** Adds the Graph button to the summary's buttons row (after the votes), or a row of its own. */
export function withGraphButton(blocks: SlackBlock[], summary: Summary): void {
  const graph = { type: 'button' as const, text: plain('🕸 Graph'), action_id: 'graph', value: carried(summary) };
  const at = blocks.findIndex((b) => b.type === 'actions' && b.block_id === 'vote');
  const row = blocks[at];
  if (row?.type === 'actions' && row.block_id === 'vote')
    blocks[at] = { type: 'actions', block_id: 'vote', elements: [...votes(row), graph] };
  else blocks.push({ type: 'actions', block_id: 'vote', elements: [graph] });
}

/** The Expand button posted under a picture in its thread: the same indicator at depth 2. */
export function expandMessage(target: LookupTarget): SlackMessage {
  return {
    text: 'Expand the graph to depth 2',
    blocks: [
      {
        type: 'actions',
        block_id: EXPAND_BLOCK_ID,
        elements: [
          { type: 'button', text: plain("🕸 Expand: the neighbours' neighbours"), action_id: 'graph-expand', value: carried(target) },
        ],
      },
    ],
  };
}

/** What the Expand message becomes once the depth-2 picture is posted under it. */
export function expandedMessage(): SlackMessage {
  const text = 'Expanded to depth 2: the picture is below.';
  return { text, blocks: [{ type: 'context', elements: [mrkdwn(text)] }] };
}
