/**
 * The demo's changing world: after aoldaily.com has been asked about twice, the simulator's answer for it
 * changes (a new resolution, a new hash, a malicious crowd verdict), so a watch set in the demo reports a change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_FIXTURE_DIRS } from './fixtures.js';
import type { Simulator } from './server.js';
import type { SimulatorRequest } from './simulator-state.js';

export const DRIFTING_DOMAIN = 'aoldaily.com';

/** The recorded answer with what the demo's "next day" brings. */
export function driftedAnswer(): string {
  const recorded = JSON.parse(readFileSync(join(BUNDLED_FIXTURE_DIRS[0] ?? '', `domain-${DRIFTING_DOMAIN}.json`), 'utf8')) as {
    resolutions: unknown[];
  };
  return JSON.stringify({
    ...recorded,
    resolutions: [{ last_resolved: '2026-11-30', ip_address: '45.77.12.34' }, ...recorded.resolutions],
    hashes: ['ec8c89aa5e521572c74e2dd02a4daf78'],
    votes: -1,
  });
}

/** An `onRequest` hook: the second request for the drifting domain swaps its answer for the next ones. */
export function driftAfterSecondAsk(simulator: () => Simulator | undefined): (request: SimulatorRequest) => void {
  let asked = 0;
  return (request) => {
    if (request.endpoint !== 'domain' || request.value?.toLowerCase() !== DRIFTING_DOMAIN) return;
    if (++asked === 2) simulator()?.setAnswer('domain', DRIFTING_DOMAIN, driftedAnswer());
  };
}
