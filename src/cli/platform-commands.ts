/**
 * The commands that run the bot on chat platforms: `start`, `deploy-commands`, `discord-shards` and
 * `console`. Only the options live here; each command's module (discord.js, Bolt) is loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliIo } from './output.js';

/** Adds `start`, `deploy-commands`, `discord-shards` and `console` to the program, in that order. */
export function registerPlatformCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('start')
    .description('run the bot on every configured platform (Slack, Discord)')
    .action(async () => setExitCode(await (await import('./start-command.js')).runStart(io)));

  program
    .command('deploy-commands')
    .description('register the /threatcrowd slash command on Discord (DISCORD_TOKEN)')
    .option('-g, --guild <id>', 'register in one guild (appears at once; good for testing) instead of globally')
    .action(async (options: { guild?: string }) =>
      setExitCode(await (await import('./deploy-commands-command.js')).runDeployCommands(io, options.guild)),
    );

  program
    .command('discord-shards')
    .description('run the Discord adapter as one process per gateway shard (discord.js ShardingManager)')
    .requiredOption('-s, --shards <count>', 'number of shards, or auto (asks Discord)')
    .action(async (options: { shards: string }) =>
      setExitCode(await (await import('./start-command.js')).runDiscordShards(io, options.shards)),
    );

  program
    .command('console')
    .description('chat with the bot in the terminal (lines are messages; /threatcrowd … lines are commands)')
    .action(async () =>
      setExitCode(await (await import('./console-command.js')).runConsoleCommand({ ...io, stdin: io.stdin ?? process.stdin })),
    );
}
