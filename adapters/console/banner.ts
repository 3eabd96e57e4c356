/** What the console says about itself: the banner at start and its part of help. No platform gestures here. */

/** The console's own verbs, for the banner and for help. */
export const CONSOLE_VERBS: ReadonlyArray<readonly [string, string]> = [
  [':vote malicious | :vote safe', 'vote on the last summary (a 👎/👍 reaction in Slack or Discord)'],
  [':reveal', 'look up the last message marked for reveal (a 🔎 reaction elsewhere)'],
  [':wait SECONDS', 'wait a while (from a pipe: lets a watch note arrive)'],
  [':pivot N', 'look up the related indicator numbered N under the last summary (its menu elsewhere)'],
  [':quit or Ctrl-D', 'leave'],
];

export function verbLines(): string[] {
  return CONSOLE_VERBS.map(([verb, meaning]) => `  ${verb.padEnd(30)} ${meaning}`);
}

/** The banner, with an optional first line (the demo names its simulator there). */
export function consoleBanner(heading = 'threatcrowd-bot console: a chat with the bot in this terminal.'): string {
  return [
    heading,
    'Type a message: indicators in it are answered, as in a channel (aoldaily[.]com, 188.40.75[.]132, hashes).',
    'Commands as in Slack or Discord: /threatcrowd aoldaily[.]com, /threatcrowd av plugx, /threatcrowd help',
    ...verbLines(),
    '',
  ].join('\n');
}
