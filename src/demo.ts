/**
 * `npm run demo`: the bundled ThreatCrowd simulator (real recorded answers) and the console chat against it,
 * on embedded defaults; no account or network needed. Type lines, or pipe them in.
 */
import { main } from './cli.js';
import { startSimulator } from './simulator/server.js';

// A small crowd feed, so the demo shows a feed hit answered without an API call.
const simulator = await startSimulator({ feeds: { domains: ['update-flash-player.top'] } });
const env = {
  ...process.env,
  THREATCROWD_URL: simulator.url,
  OTX_URL: simulator.url,
  CACHE_URL: process.env.CACHE_URL ?? 'memory://',
  THREATCROWD_INTERVAL_MS: process.env.THREATCROWD_INTERVAL_MS ?? '1000',
};
process.stdout.write(
  [
    `threatcrowd-bot demo — ThreatCrowd simulator on ${simulator.url}`,
    'Type a chat message or a command, for example:',
    '  we saw beacons to aoldaily[.]com and 188.40.75[.]132 last night',
    '  /threatcrowd av plugx',
    '  the installer came from update-flash-player[.]top',
    'then ":vote malicious" on the last summary, "/threatcrowd help", or Ctrl-D to leave.',
    '',
  ].join('\n'),
);
const code = await main(['console'], { stdout: process.stdout, stderr: process.stderr, env, stdin: process.stdin });
await simulator.close();
process.exitCode = code;
