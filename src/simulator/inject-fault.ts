/** How the simulator picks the fault for a request and answers with it, as ThreatCrowd really failed. */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Fault } from './faults.js';
import { BUNDLED_FIXTURE_DIRS } from './fixtures.js';
import { send } from './simulator-state.js';

const OUTAGE_PAGE = readFileSync(join(BUNDLED_FIXTURE_DIRS[0] ?? '', 'error-503-service-temporarily-unavailable.html'), 'utf8');
const CHALLENGE_PAGE = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>';

/** The first fault for `path`, counted down (and removed when its `times` are spent); null when none applies. */
export function takeFault(faults: Fault[], path: string): Fault | null {
  const index = faults.findIndex((f) => !f.path || path.startsWith(f.path));
  const fault = faults[index];
  if (!fault) return null;
  if (fault.times !== undefined && --fault.times <= 0) faults.splice(index, 1);
  return fault;
}

/** What each fault answers: status, content type, body (the `reset` fault closes the socket instead). */
function faultAnswer(kind: Fault['kind']): { status: number; type: string; body: string; headers?: Record<string, string> } {
  switch (kind) {
    case 'http-503':
      return { status: 503, type: 'text/html', body: OUTAGE_PAGE };
    case 'http-429':
      return { status: 429, type: 'text/plain', body: 'Too Many Requests', headers: { 'retry-after': '1' } };
    case 'too-many-connections':
      return { status: 200, type: 'text/html', body: 'Too many connections' };
    case 'empty-body':
      return { status: 200, type: 'text/html', body: '' };
    case 'truncated-json':
      return { status: 200, type: 'application/json', body: '{"response_code":"1","resolutions":[{"last_resolved":"2015-10-09","ip_addr' };
    case 'huge-body':
      return { status: 200, type: 'application/json', body: `{"response_code":"1","hashes":["${'a'.repeat(16 * 1024 * 1024)}"]}` };
    default: // html-page, and text-html off the report paths
      return { status: 200, type: 'text/html', body: CHALLENGE_PAGE };
  }
}

export function injectFault(fault: Fault, res: ServerResponse, log: (status: number, fault: string) => void): void {
  if (fault.kind === 'reset') {
    log(0, fault.kind);
    res.socket?.destroy();
    return;
  }
  const answer = faultAnswer(fault.kind);
  log(answer.status, fault.kind);
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  if (fault.retryAfter !== undefined) res.setHeader('retry-after', fault.retryAfter);
  send(res, answer.status, answer.type, answer.body);
}
