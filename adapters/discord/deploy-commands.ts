/** Registers the `/threatcrowd` slash command: per guild (appears at once) or globally (up to an hour). */
import { REST, Routes } from 'discord.js';
import { applicationCommandsJson } from './commands.js';

export interface DeployOptions {
  readonly token: string;
  readonly apiUrl?: string;
  readonly guildId?: string;
}

/** Returns where the commands went and how many. */
export async function deployCommands(options: DeployOptions): Promise<{ route: string; count: number }> {
  const rest = new REST({ version: '10', ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(options.token);
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  const route = options.guildId
    ? Routes.applicationGuildCommands(application.id, options.guildId)
    : Routes.applicationCommands(application.id);
  const body = applicationCommandsJson();
  await rest.put(route, { body });
  return { route, count: body.length };
}
