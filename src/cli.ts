#!/usr/bin/env node
/** The `threatcrowd-bot` command. */
import { Command, Option } from 'commander';
import { registerGraphCommand } from './cli/graph-command.js';
import type { LookupCommandOptions } from './cli/lookup-command.js';
import { LOOKUP_FORMATS } from './cli/lookup-formats.js';
import { type CliIo, expectedFailureLine, processIo } from './cli/output.js';
import { registerPlatformCommands } from './cli/platform-commands.js';
import { environmentWithDotenv } from './config/dotenv.js';
import { loadSettings } from './config/settings.js';
import { LOOKUP_TYPES } from './report/report.js';

// Each command's module is loaded when it runs: a lookup or --help never loads discord.js or Bolt.
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('threatcrowd-bot')
    .description('Threat intelligence from ThreatCrowd in Slack, Discord and the terminal')
    .version('0.1.0')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('lookup')
    .description('look up domains, IPs, e-mail addresses, hashes or antivirus families')
    .argument('[value...]', 'values to look up (defanged is fine: evil[.]com), optionally after a type: av plugx')
    .addOption(new Option('-t, --type <type>', 'force the type of every value').choices([...LOOKUP_TYPES]))
    .addOption(new Option('-f, --format <format>', 'output format').default('text').choices([...LOOKUP_FORMATS]))
    .option('--file <path>', 'look up every indicator in a file (- reads standard input), as one bulk')
    .option('-q, --quiet', 'no progress on standard error (shown only at a terminal anyway)')
    .addHelpText('after', '\nThe same words as /threatcrowd: lookup evil[.]com 1.2.3[.]4, lookup av plugx, lookup domain aoldaily[.]com')
    .action(async (values: string[], options: LookupCommandOptions) =>
      setExitCode(await (await import('./cli/lookup-command.js')).runLookup(values, options, io)),
    );

  registerGraphCommand(program, io, setExitCode);

  program
    .command('detect')
    .description('print the indicators found in standard input as JSON')
    .option('-a, --all', 'also list indicators that are never looked up, with the reason')
    .action(async (options: { all?: boolean }) => {
      const ignore = loadSettings(io.env).IGNORE_DOMAINS;
      const { runDetect } = await import('./cli/detect-command.js');
      setExitCode(await runDetect(io.stdin ?? process.stdin, { all: options.all, ignoreDomains: ignore }, io));
    });

  program
    .command('simulate')
    .description('run the ThreatCrowd simulator on 127.0.0.1')
    .option('-p, --port <port>', 'port (0 picks a free one)', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--fixtures <dir...>', 'directories of ENDPOINT-VALUE.json answers (default: the bundled ones)')
    .option('--fault <kind...>', 'inject a fault into every request')
    .option('--latency <ms>', 'delay each answer', '0')
    .option('-q, --quiet', 'do not log requests')
    .action(async (options) => {
      await (await import('./cli/simulate-command.js')).runSimulate(options, io);
    });

  registerPlatformCommands(program, io, setExitCode);

  return program;
}

/** Runs the CLI with `argv`; expected failures print one line and exit non-zero. */
export async function main(argv: string[], given: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  // Every command reads the optional .env file; the real environment wins.
  const io = given.dotenvPath ? { ...given, env: environmentWithDotenv(given.env, given.dotenvPath) } : given;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 2;
    }
    const line = expectedFailureLine(error);
    if (line === null) throw error;
    io.stderr.write(`${line}\n`);
    return 1;
  }
  return exitCode;
}
