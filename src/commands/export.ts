/**
 * `/threatcrowd export <indicator> [csv|json|stix]`: one indicator's answer as a file to take into a ticket or a
 * threat-intel platform (STIX 2.1 by default). Cheap: a cached answer costs no request.
 */
import { exportFiles } from '../answers/bulk-replies.js';
import type { Command } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import { queueOwner } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';
import { UserError } from '../errors/user-error.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import { parseTargets } from './parse-targets.js';

const FORMATS = ['stix', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];
const EXTENSION: Readonly<Record<Format, string>> = { stix: '.stix.json', csv: '.csv', json: '.json' };

interface ExportArgs {
  readonly kind: 'export';
  readonly target: LookupTarget;
  readonly format: Format;
}

const USAGE = `${SLASH} export <indicator> [stix|csv|json]`;

export const exportCommand: Command<ExportArgs> = {
  metadata: {
    name: 'export',
    aliases: [],
    usage: USAGE,
    summary: "One indicator's answer as a file: a STIX 2.1 bundle (default), CSV or JSON.",
    examples: [`${SLASH} export aoldaily[.]com`, `${SLASH} export 188.40.75[.]132 csv`],
    args: [
      { name: 'indicator', description: 'the indicator to export', required: true, maxLength: 512 },
      { name: 'format', description: 'stix (default), csv or json', required: false, choices: [...FORMATS] },
    ],
  },
  parse(words, input) {
    const last = words.at(-1)?.text.toLowerCase();
    const format = FORMATS.find((f) => f === last);
    const values = format ? words.slice(0, -1) : words;
    if (values.length !== 1) throw new UserError('Export one indicator at a time (a list: use bulk).', USAGE);
    const [target] = parseTargets(values, undefined, input, USAGE);
    if (!target) throw new UserError('Export one indicator at a time (a list: use bulk).', USAGE);
    return { kind: 'export', target, format: format ?? 'stix' };
  },
  run: (args, ctx) => runExport(args, ctx),
};

async function runExport({ target, format }: ExportArgs, ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const outcome = await deps.lookups.lookup(target.type, target.value, 'interactive', queueOwner(invocation, false));
  const result = { typed: target.value, ...target, report: outcome.report, from: outcome.from, error: null };
  const file = exportFiles([result], deps.clock.now(), 'threatcrowd-export').find((f) => f.name.endsWith(EXTENSION[format]));
  return file ? [{ kind: 'file', visibility: 'public', file }] : [];
}
