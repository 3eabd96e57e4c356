/**
 * The `/threatcrowd` slash command for Discord, built with discord.js's builder from the core's command
 * registry (one sub-command per command form), and the mapping from a chat-input interaction's options back
 * to the core's command text. Pure.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder, SlashCommandBuilder, type SlashCommandSubcommandBuilder } from 'discord.js';
import { COMMAND_METADATA } from '../../src/commands/registry.js';
import { type CommandForm, formsOf } from '../../src/core/command.js';
import { SLASH } from '../../src/core/slash.js';

/** Discord's limit for command and option descriptions. */
const DESCRIPTION_MAX = 100;
const desc = (text: string) => (text.length > DESCRIPTION_MAX ? `${text.slice(0, DESCRIPTION_MAX - 1)}…` : text);

const FORMS: ReadonlyMap<string, { form: CommandForm; private: boolean }> = new Map(
  COMMAND_METADATA.flatMap((metadata) => formsOf(metadata).map((form) => [form.name, { form, private: metadata.private === true }])),
);

function subcommand(form: CommandForm) {
  return (builder: SlashCommandSubcommandBuilder) => {
    builder.setName(form.name).setDescription(desc(form.description));
    for (const arg of form.args) {
      if (arg.attachment) {
        builder.addAttachmentOption((option) => option.setName(arg.name).setDescription(desc(arg.description)).setRequired(arg.required));
        continue;
      }
      builder.addStringOption((option) => {
        option
          .setName(arg.name)
          .setDescription(desc(arg.description))
          .setRequired(arg.required)
          .setMaxLength(arg.maxLength ?? 512);
        if (arg.choices) option.addChoices(...arg.choices.map((value) => ({ name: value, value })));
        return option;
      });
    }
    return builder;
  };
}

/** The message context-menu command ("Apps → Look up indicators" on any message). */
export const LOOKUP_MESSAGE_COMMAND = 'Look up indicators';

/** The `/threatcrowd` slash command's JSON. */
export function slashCommandJson() {
  const command = new SlashCommandBuilder()
    .setName(SLASH.slice(1))
    .setDescription('Look up indicators on ThreatCrowd, vote on them, set how I treat this channel');
  for (const { form } of FORMS.values()) command.addSubcommand(subcommand(form));
  return [command.toJSON()];
}

/** The application commands `deploy-commands` registers: `/threatcrowd` and the message context-menu command. */
export function applicationCommandsJson() {
  const lookUpMessage = new ContextMenuCommandBuilder().setName(LOOKUP_MESSAGE_COMMAND).setType(ApplicationCommandType.Message);
  return [...slashCommandJson(), lookUpMessage.toJSON()];
}

/** Whether a sub-command's answers only the asker sees: the deferral is private from the start. */
export function isPrivateSubcommand(name: string): boolean {
  return FORMS.get(name)?.private ?? false;
}

const quote = (value: string) => `"${value.replace(/"/g, '')}"`;

/** The names of a sub-command's attachment options (their files reach the core as invocation attachments). */
export function attachmentOptions(name: string): string[] {
  return (FORMS.get(name)?.form.args ?? []).filter((arg) => arg.attachment).map((arg) => arg.name);
}

/** The core's command text for a sub-command and its options. */
export function commandText(name: string, option: (name: string) => string | null): string {
  const entry = FORMS.get(name);
  if (!entry) return name;
  const values = entry.form.args
    .filter((arg) => !arg.attachment)
    .map((arg) => {
      const value = option(arg.name) ?? '';
      return arg.literal ? quote(value) : value;
    });
  return [entry.form.keyword, ...values].filter((part) => part !== '').join(' ');
}
