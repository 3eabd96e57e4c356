/**
 * A summary's "Look up related…" menu as a Discord string select, alone in its own action row (Discord
 * requires it; other buttons join the vote row). Discord's limits: 25 options, label, value, description and
 * custom id 100 characters each; an option whose value would not fit is left out rather than cut. The 25 are
 * shared fairly between the kinds (each newest first), and each says its kind. Pure.
 */
import { ComponentType } from 'discord.js';
import { PIVOT_PROMPT } from '../../src/summary/describe.js';
import { fairShare, type PivotMenu } from '../../src/summary/pivot-menu.js';
import { encodePivot } from '../../src/summary/pivot-value.js';
import { boundSafe } from '../../src/summary/safe-text.js';

export const DISCORD_SELECT_LIMITS = { options: 25, label: 100, value: 100, description: 100, customId: 100, placeholder: 150 } as const;
export const PIVOT_PREFIX = 'pivot';

export interface DiscordSelectRow {
  type: ComponentType.ActionRow;
  components: Array<{
    type: ComponentType.StringSelect;
    custom_id: string;
    placeholder: string;
    min_values: 1;
    max_values: 1;
    options: Array<{ label: string; value: string; description?: string }>;
  }>;
}

/** The custom id carries where the menu came from (for the breadcrumb), when it fits. */
function customId(menu: PivotMenu): string {
  const id = `${PIVOT_PREFIX}|${encodePivot(menu.from)}`;
  return id.length <= DISCORD_SELECT_LIMITS.customId ? id : PIVOT_PREFIX;
}

/** Whether a component's custom id is a pivot menu's, and the breadcrumb value it carries. */
export function readPivotCustomId(id: string): { from?: string } | null {
  if (id === PIVOT_PREFIX) return {};
  return id.startsWith(`${PIVOT_PREFIX}|`) ? { from: id.slice(PIVOT_PREFIX.length + 1) } : null;
}

const SINGULAR: Readonly<Record<string, string>> = {
  Resolutions: 'resolution',
  Subdomains: 'subdomain',
  Hashes: 'hash',
  'E-mails': 'e-mail',
  Domains: 'domain',
  IPs: 'IP',
};

export function pivotSelectRow(menu: PivotMenu): DiscordSelectRow | null {
  const fitting = menu.groups.map((g) => ({ ...g, options: g.options.filter((o) => o.value.length <= DISCORD_SELECT_LIMITS.value) }));
  const options = fairShare(fitting, DISCORD_SELECT_LIMITS.options).flatMap((g) =>
    g.options.map((o) => ({
      label: boundSafe(o.label, DISCORD_SELECT_LIMITS.label),
      value: o.value,
      description: boundSafe([SINGULAR[g.title] ?? g.title, o.detail].filter(Boolean).join(' · '), DISCORD_SELECT_LIMITS.description),
    })),
  );
  if (options.length === 0) return null;
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.StringSelect, custom_id: customId(menu), placeholder: PIVOT_PROMPT, min_values: 1, max_values: 1, options },
    ],
  };
}
