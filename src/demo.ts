/** `npm run demo`: the bundled ThreatCrowd simulator and a few lookups against it, no account needed. */
import { main } from './cli.js';
import { startSimulator } from './simulator/server.js';

const simulator = await startSimulator();
const env = { ...process.env, THREATCROWD_URL: simulator.url, CACHE_URL: 'memory://', THREATCROWD_INTERVAL_MS: '500' };
console.log(`ThreatCrowd simulator on ${simulator.url} (recorded answers)\n`);
const code = await main(['lookup', 'aoldaily[.]com', '188.40.75[.]132', 'evilupdate[.]top'], {
  stdout: process.stdout,
  stderr: process.stderr,
  env,
});
await simulator.close();
process.exitCode = code;
