/**
 * `threatcrowd-bot graph <value>`: draws an indicator's neighbourhood to a PNG or SVG file. Only the options
 * live here; the drawing code (resvg's native binary, d3-force) is loaded when the command runs, so the
 * other commands start as fast as before.
 */
import { type Command, Option } from 'commander';
import { THEMES } from '../graph/theme.js';
import { LOOKUP_TYPES } from '../report/report.js';
import type { CliIo } from './output.js';

/** Adds `graph` to the program. */
export function registerGraphCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('graph')
    .description("draw an indicator's neighbourhood (resolutions, subdomains, hashes, e-mails, …) as PNG or SVG")
    .argument('<value>', 'the indicator (defanged is fine)')
    .addOption(
      new Option('-d, --depth <depth>', 'expand the most connected neighbours (within GRAPH_MAX_LOOKUPS)').default('1').choices(['1', '2']),
    )
    .option('-o, --out <file>', 'write the picture to file.png or file.svg')
    .addOption(new Option('--theme <theme>', 'colours').default('dark').choices([...THEMES]))
    .addOption(new Option('-t, --type <type>', 'force the type (needed for antivirus families)').choices([...LOOKUP_TYPES]))
    .action(async (value: string, options: Record<string, string | undefined>) => {
      const { runGraph } = await import('./run-graph.js');
      setExitCode(await runGraph(value, options, io));
    });
}
