/** `threatcrowd-bot lookup <value>...`: the chat's lookup grammar, through one limiter and cache, one answer each. */
import { parseLookup } from '../commands/parse-lookup.js';
import { loadSettings, type Settings } from '../config/settings.js';
import type { Word } from '../core/tokenize.js';
import { UserError } from '../errors/user-error.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import { deadHostHint } from '../providers/dead-host-hint.js';
import { LOOKUP_TYPES, type LookupType } from '../report/report.js';
import { createServices, type Services } from '../runtime/services.js';
import { FORMATTERS, type Formatter, isAnswerFormat, isLookupFormat, LOOKUP_FORMATS } from './lookup-formats.js';
import { type LookupProgress, progressFor } from './lookup-progress.js';
import { type CliIo, expectedFailureLine } from './output.js';

export { LOOKUP_FORMATS } from './lookup-formats.js';

export interface LookupCommandOptions {
  readonly type?: string;
  readonly format?: string;
  /** Read the values from this file (`-`: standard input) as one bulk. */
  readonly file?: string;
  /** No progress on standard error. */
  readonly quiet?: boolean;
}

const PREFIX = 'threatcrowd-bot lookup';

/** The values as the chat's grammar reads them (`av plugx`, `domain x`, several values); `--type` makes every word a value. */
export function lookupTargets(values: readonly string[], type: LookupType | undefined, settings: Settings): readonly LookupTarget[] {
  const words: Word[] = values.map((text) => ({ text, literal: type !== undefined || /\s/.test(text) }));
  const command = parseLookup(type ? [{ text: type === 'antivirus' ? 'av' : type, literal: false }, ...words] : words, {
    ignoreDomains: settings.IGNORE_DOMAINS,
    maxIndicators: settings.MAX_INDICATORS_PER_COMMAND,
    lookupPrefix: PREFIX,
    capHint: 'Set MAX_INDICATORS_PER_COMMAND to allow more (up to 50), use --file for a bulk, or run several lookups.',
  });
  if (command instanceof UserError) throw command;
  return command.targets;
}

/** Runs the command; resolves to the exit code. */
export async function runLookup(values: string[], options: LookupCommandOptions, io: CliIo): Promise<number> {
  const settings = loadSettings(io.env);
  const format = options.format ?? 'text';
  if (!isLookupFormat(format)) throw new UserError(`unknown format "${format}"`, `--format ${LOOKUP_FORMATS.join('|')}`);
  const type = options.type as LookupType | undefined;
  if (type !== undefined && !LOOKUP_TYPES.includes(type)) throw new UserError(`unknown type "${type}"`, `--type ${LOOKUP_TYPES.join('|')}`);
  if (options.file !== undefined && values.length > 0) throw new UserError('give values or --file, not both.');
  if (options.file === undefined && values.length === 0)
    throw new UserError('give at least one value, or --file PATH (- reads standard input).', 'lookup <value...> | lookup --file PATH');
  // Validate every value before asking upstream anything.
  const targets = options.file === undefined ? lookupTargets(values, type, settings) : [];
  const services = await createServices(settings);
  try {
    // Documents (csv, stix) and bulks are built by the export module, loaded only when asked for.
    if (options.file !== undefined || !isAnswerFormat(format)) {
      const { runBulkFile, runValuesDocument } = await import('./lookup-export.js');
      if (options.file !== undefined) return await runBulkFile(options.file, format, services, io);
      return await runValuesDocument(targets, format, services, io);
    }
    const progress = progressFor(io.stderr, targets.length, settings.THREATCROWD_INTERVAL_MS, options.quiet ?? false);
    return await lookUpEach(targets, { services, formatter: FORMATTERS[format], progress, io });
  } finally {
    await services.close();
  }
}

interface Run {
  readonly services: Services;
  readonly formatter: Formatter;
  readonly progress: LookupProgress | null;
  readonly io: CliIo;
}

async function lookUpEach(targets: readonly LookupTarget[], { services, formatter, progress, io }: Run): Promise<number> {
  let failures = 0;
  let hinted = false;
  for (const [index, target] of targets.entries()) {
    progress?.waiting(index, target, await services.limiter.estimate('interactive'));
    try {
      const outcome = await services.lookups.lookup(target.type, target.value, 'interactive');
      io.stdout.write(`${formatter(outcome.report, outcome.from)}\n`);
      progress?.answered(index, target, true);
    } catch (error) {
      const line = expectedFailureLine(error);
      if (line === null) throw error;
      failures++;
      progress?.answered(index, target, false);
      io.stderr.write(`${line}\n`);
      const hint: string | null = hinted ? null : deadHostHint(error);
      if (hint) io.stderr.write(`hint: ${hint}\n`);
      hinted ||= hint !== null;
    }
  }
  return failures === 0 ? 0 : 1;
}
