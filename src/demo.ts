/**
 * `npm run demo`: the bundled ThreatCrowd simulator (real recorded answers) and the console chat against it,
 * on embedded defaults; no account or network needed. Type lines, or pipe them in.
 */
import { runConsoleCommand } from './cli/console-command.js';
import { expectedFailureLine } from './cli/output.js';
import { driftAfterSecondAsk } from './simulator/demo-drift.js';
import { type Simulator, startSimulator } from './simulator/server.js';

// A small crowd feed, so the demo shows a feed hit answered without an API call; and aoldaily.com's answer
// changes after its second request, so a watch shows a change note.
let started: Simulator | undefined;
const simulator = await startSimulator({
  feeds: { domains: ['update-flash-player.top'] },
  onRequest: driftAfterSecondAsk(() => started),
});
started = simulator;
const env = {
  ...process.env,
  THREATCROWD_URL: simulator.url,
  OTX_URL: simulator.url,
  CACHE_URL: process.env.CACHE_URL ?? 'memory://',
  THREATCROWD_INTERVAL_MS: process.env.THREATCROWD_INTERVAL_MS ?? '1000',
  // Watches re-checked every 10 s, so a watch shows its note within a minute.
  WATCH_INTERVAL_HOURS: process.env.WATCH_INTERVAL_HOURS ?? String(10 / 3600),
};
const banner = [
  `threatcrowd-bot demo: the console chat against the ThreatCrowd simulator on ${simulator.url}. Try:`,
  '  we saw beacons to aoldaily[.]com and 188.40.75[.]132 last night',
  '  :pivot 1          (looks up the first related indicator listed under the last summary)',
  '  /threatcrowd av plugx',
  '  the installer came from update-flash-player[.]top',
  '  /threatcrowd watch aoldaily[.]com   (re-checked every 10 s here; its answer changes after the first re-check)',
].join('\n');
try {
  process.exitCode = await runConsoleCommand({ stdout: process.stdout, stderr: process.stderr, env, stdin: process.stdin, banner });
} catch (error) {
  const line = expectedFailureLine(error);
  if (line === null) throw error;
  process.stderr.write(`${line}\n`);
  process.exitCode = 1;
} finally {
  await simulator.close();
}
