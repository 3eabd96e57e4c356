/** `threatcrowd-bot deploy-commands [--guild ID]`: kept out of the bot's start-up. */
import { deployCommands } from '../../adapters/discord/deploy-commands.js';
import { loadSettings } from '../config/settings.js';
import { UserError } from '../errors/user-error.js';
import { explainConnectError } from '../runtime/startup-errors.js';
import type { CliIo } from './output.js';

export async function runDeployCommands(io: CliIo, guildId?: string): Promise<number> {
  const settings = loadSettings(io.env);
  if (!settings.DISCORD_TOKEN)
    throw new UserError('deploy-commands needs DISCORD_TOKEN (the bot token from the Discord developer portal).');
  const { route, count } = await deployCommands({ token: settings.DISCORD_TOKEN, apiUrl: settings.DISCORD_API_URL, guildId }).catch(
    (error: unknown) => {
      throw explainConnectError(error, 'Discord', 'DISCORD_API_URL', settings.DISCORD_API_URL ?? 'discord.com');
    },
  );
  io.stdout.write(
    `registered ${count} command${count === 1 ? '' : 's'} at ${route}${guildId ? '' : ' (global commands can take up to an hour to appear)'}\n`,
  );
  return 0;
}
