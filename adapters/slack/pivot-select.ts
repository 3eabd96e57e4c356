/**
 * A summary's "Look up related…" menu as a Block Kit `static_select` with option groups, in its own actions
 * block (other buttons join the vote row without touching it). Slack's limits: 100 options in all, option
 * and group text 75 characters, option value 150; an option whose value would not fit is left out rather
 * than cut (a cut value would name another indicator). Pure.
 */

import { PIVOT_PROMPT } from '../../src/summary/describe.js';
import { fairShare, type PivotGroup, type PivotMenu } from '../../src/summary/pivot-menu.js';
import { encodePivot } from '../../src/summary/pivot-value.js';
import { boundSafe } from '../../src/summary/safe-text.js';

export const SLACK_SELECT_LIMITS = { options: 100, text: 75, value: 150, blockId: 255 } as const;
export const PIVOT_ACTION = 'pivot';
const BLOCK_PREFIX = 'pivot|';

/** Plain text without emoji shortcodes (an IPv6 address holds colons). */
const plain = (text: string) => ({ type: 'plain_text' as const, text: boundSafe(text, SLACK_SELECT_LIMITS.text), emoji: false });

export interface SlackSelectBlock {
  type: 'actions';
  block_id: string;
  elements: Array<{
    type: 'static_select';
    action_id: string;
    placeholder: ReturnType<typeof plain>;
    option_groups: Array<{
      label: ReturnType<typeof plain>;
      options: Array<{ text: ReturnType<typeof plain>; value: string; description?: ReturnType<typeof plain> }>;
    }>;
  }>;
}

/** The block carries where the menu came from (for the breadcrumb), when it fits. */
function blockId(menu: PivotMenu): string {
  const id = `${BLOCK_PREFIX}${encodePivot(menu.from)}`;
  return id.length <= SLACK_SELECT_LIMITS.blockId ? id : 'pivot';
}

/** The breadcrumb value a pivot block's id carries, if any. */
export function pivotFromBlockId(id: string | undefined): string | undefined {
  return id?.startsWith(BLOCK_PREFIX) ? id.slice(BLOCK_PREFIX.length) : undefined;
}

/**
 * The menu block, with as many options as fit in `budget` characters of JSON (the rest of the message's
 * share of Slack's size limit); null when none fit or there are none.
 */
export function pivotSelectBlock(menu: PivotMenu, budget = Number.POSITIVE_INFINITY): SlackSelectBlock | null {
  const fitting = menu.groups.map((g) => ({ ...g, options: g.options.filter((o) => o.value.length <= SLACK_SELECT_LIMITS.value) }));
  let max: number = SLACK_SELECT_LIMITS.options;
  for (;;) {
    const block = selectBlock(menu, fairShare(fitting, max));
    const size = block ? JSON.stringify(block).length : 0;
    if (!block || size <= budget) return block;
    max = Math.min(max - 1, Math.floor((max * budget) / size));
    if (max <= 0) return null;
  }
}

function selectBlock(menu: PivotMenu, groups: readonly PivotGroup[]): SlackSelectBlock | null {
  if (groups.length === 0) return null;
  return {
    type: 'actions',
    block_id: blockId(menu),
    elements: [
      {
        type: 'static_select',
        action_id: PIVOT_ACTION,
        placeholder: plain(PIVOT_PROMPT),
        option_groups: groups.map((g) => ({
          label: plain(g.title),
          options: g.options.map((o) => ({
            text: plain(o.label),
            value: o.value,
            ...(o.detail ? { description: plain(o.detail) } : {}),
          })),
        })),
      },
    ],
  };
}
