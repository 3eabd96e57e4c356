/**
 * `/threatcrowd bulk <values…>`: a list of indicators looked up as one bulk (at the bulk priority, counted
 * toward the asker's fair share), with one progress message and the results attached as CSV, JSON and STIX.
 * The values come from the command's text, or from a .txt/.csv file shared with it; with neither, the
 * platform shows a form to paste them into (a Slack modal) or the usage line.
 */
import { planBulk } from '../bulk/plan-bulk.js';
import type { Command } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import { type Attachment, queueOwner } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';
import { UserError } from '../errors/user-error.js';

interface BulkArgs {
  readonly kind: 'bulk';
  /** The values as given (any separators, defanged is fine). */
  readonly text: string;
}

const USAGE = `${SLASH} bulk <indicators, any separator>   (or share a .txt or .csv file with it)`;
/** A list file is read up to this size (the planner refuses more). */
const MAX_LIST_BYTES = 5 * 1024 * 1024;
const LIST_FILE = /\.(txt|csv|tsv|log|ioc|list)$/i;
/** Bulks one person may run at once (in this process): one person's lists cannot crowd out everyone's. */
export const MAX_BULKS_PER_PERSON = 2;

export const bulkCommand: Command<BulkArgs> = {
  metadata: {
    name: 'bulk',
    aliases: [],
    usage: USAGE,
    summary: 'Look up a list of indicators with live progress; the results are attached as CSV, JSON and STIX 2.1.',
    examples: [`${SLASH} bulk evil[.]com 203.0.113.7 44d88612fea8a8f36de82e1278abb02f`],
    args: [
      { name: 'indicators', description: 'the values, any separator (defanged is fine)', required: false, maxLength: 6000 },
      { name: 'file', description: 'a .txt or .csv file of values', required: false, attachment: true },
    ],
  },
  parse(words) {
    return { kind: 'bulk', text: words.map((w) => w.text).join('\n') };
  },
  run: (args, ctx) => runBulk(args, ctx),
};

/** The first shared file that looks like a list (by name), if any. */
function listFile(files: readonly Attachment[] | undefined): Attachment | undefined {
  return files?.find((f) => LIST_FILE.test(f.name));
}

/** Explains an empty plan: what was found but left out. */
function nothingToLookUp(skipped: number): UserError {
  const why = skipped > 0 ? ` (${skipped} internal values are never sent upstream)` : '';
  return new UserError(`I found no indicators to look up in that list${why}.`, USAGE);
}

async function runBulk({ text }: BulkArgs, ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const owner = queueOwner(invocation, false);
  if ((deps.bulks?.runningFor(owner) ?? 0) >= MAX_BULKS_PER_PERSON) {
    throw new UserError(`You already have ${MAX_BULKS_PER_PERSON} bulk lookups running; cancel one or wait for it to end.`);
  }
  const file = listFile(invocation.attachments);
  let source = text;
  if (source.trim() === '' && file) {
    source = await file.text({ maxBytes: MAX_LIST_BYTES, timeoutMs: deps.settings.fileHashTimeoutMs });
  }
  if (source.trim() === '') {
    return [
      { kind: 'bulk-form', visibility: 'ephemeral', text: 'Give the values to look up, or share a .txt or .csv file.', usage: USAGE },
    ];
  }
  const plan = planBulk(source, { ignoreDomains: deps.settings.ignoreDomains, max: deps.settings.bulkMax });
  if (plan.targets.length === 0) throw nothingToLookUp(plan.skipped);
  return [{ kind: 'bulk', visibility: 'public', plan, queueOwner: owner }];
}

/** Plans a bulk from text pasted in a platform's form (the Slack modal): the same rules as the command. */
export function bulkFromText(text: string, ctx: CommandContext): Promise<Reply[]> {
  return runBulk({ kind: 'bulk', text }, ctx);
}
