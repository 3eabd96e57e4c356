/** What the core answers: platform-neutral replies that each adapter renders and sends. */

import type { BulkPlan } from '../bulk/plan-bulk.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { PivotMenu } from '../summary/pivot-menu.js';
import type { Summary } from '../summary/summary.js';
import type { CommandMetadata } from './command.js';
import type { WatchUsage } from './watch-port.js';

/** `public`: everyone in the channel; `ephemeral`: only the person who asked (where the platform allows). */
export type Visibility = 'public' | 'ephemeral';

export interface StatusInfo {
  readonly queueDepth: number;
  readonly cacheHitRatio: number;
  readonly cacheHits: number;
  readonly cacheMisses: number;
  readonly upstream: ReadonlyArray<{
    readonly name: string;
    readonly lastSuccessAt: number | null;
    readonly lastFailureAt: number | null;
    readonly lastFailure: string | null;
    readonly state: string;
  }>;
  readonly pendingVotes: number;
  /** The watchlist's share of the upstream budget, where it runs. */
  readonly watchlist?: WatchUsage;
  readonly uptimeMs: number;
  readonly now: number;
}

/** A file the core hands an adapter to attach: its bytes, and the words that stand for it. */
export interface ReplyFile {
  /** File name, e.g. `graph.png`. */
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
  /** A short title (already defanged and safe). */
  readonly title: string;
  /** What the picture shows, for people who cannot see it. */
  readonly altText: string;
  /** Lines said with the file (what was left out). */
  readonly notes: readonly string[];
  /** A depth-1 graph of this indicator: the adapter offers an "Expand" button (depth 2) with the picture. */
  readonly expand?: LookupTarget;
}

export type Reply =
  /** One indicator's summary; votable summaries get vote reactions and buttons. */
  | {
      readonly kind: 'summary';
      readonly visibility: Visibility;
      readonly summary: Summary;
      readonly target: LookupTarget;
      readonly votable: boolean;
      /** The "Look up related…" menu (public summaries only; adapters render it within their limits). */
      readonly pivots?: PivotMenu | null;
      /** The breadcrumb of a pivot: the defanged indicator this one was reached from. */
      readonly via?: string;
    }
  /** The lookup waits in the queue: show this now, then replace it with `result` when it settles. */
  | {
      readonly kind: 'pending';
      readonly visibility: Visibility;
      readonly position: number;
      readonly waitMs: number;
      readonly targets: readonly LookupTarget[];
      readonly result: Promise<Reply[]>;
    }
  | { readonly kind: 'vote-result'; readonly visibility: Visibility; readonly text: string; readonly target: LookupTarget }
  /** The team tally changed: edit the summary message `messageId` to show this summary (throttled by the adapter). */
  | {
      readonly kind: 'summary-update';
      readonly visibility: Visibility;
      readonly messageId: string;
      readonly summary: Summary;
      readonly target: LookupTarget;
      readonly pivots?: PivotMenu | null;
      /** The breadcrumb the summary was posted with (a pivot's), kept through the edit. */
      readonly via?: string;
    }
  /** A file to attach where the answer goes: a picture (the graph), an export. Always public. */
  | { readonly kind: 'file'; readonly visibility: Visibility; readonly file: ReplyFile }
  /** Start a bulk: the adapter posts its progress message and hands the plan to `deps.bulks`. */
  | { readonly kind: 'bulk'; readonly visibility: Visibility; readonly plan: BulkPlan; readonly queueOwner: string }
  /** A bulk's progress message (`text` holds only numbers and fixed words); a Cancel button while running. */
  | {
      readonly kind: 'bulk-progress';
      readonly visibility: Visibility;
      readonly bulkId: string | null;
      readonly text: string;
      readonly running: boolean;
    }
  /** `bulk` without values: where the platform has one, a form to paste them into; elsewhere the usage line. */
  | { readonly kind: 'bulk-form'; readonly visibility: Visibility; readonly text: string; readonly usage: string }
  | { readonly kind: 'help'; readonly visibility: Visibility; readonly commands: readonly CommandMetadata[] }
  | { readonly kind: 'status'; readonly visibility: Visibility; readonly status: StatusInfo }
  /** A short line: "and 7 more: use /threatcrowd", "channel mode set to reveal", a skipped private IP. */
  | { readonly kind: 'notice'; readonly visibility: Visibility; readonly text: string }
  /**
   * The answer to "Look up indicators" went to the asker alone: offer to post it for everyone in the thread of
   * the message `targetMessageId`.
   */
  | {
      readonly kind: 'share-offer';
      readonly visibility: Visibility;
      readonly targetMessageId: string;
      /** The thread the message is in, when the platform has threads (Slack). */
      readonly targetThreadId?: string;
      readonly count: number;
    }
  /** Reveal mode: mark the message (🔎) so a person can ask for these lookups with one click. */
  | { readonly kind: 'reveal'; readonly visibility: Visibility; readonly count: number }
  | {
      readonly kind: 'error';
      readonly visibility: Visibility;
      readonly text: string;
      readonly usage?: string;
      readonly reference?: string;
    };

/** Waits for every pending reply and returns the flat list of final replies (for tests, the console and the CLI). */
export async function settleReplies(replies: readonly Reply[]): Promise<Reply[]> {
  const out: Reply[] = [];
  for (const reply of replies) {
    if (reply.kind === 'pending') out.push(...(await settleReplies(await reply.result)));
    else out.push(reply);
  }
  return out;
}

/** An error only the person who asked sees. */
export function privateError(text: string, extra: { usage?: string; reference?: string } = {}): Reply {
  return { kind: 'error', visibility: 'ephemeral', text, ...extra };
}
