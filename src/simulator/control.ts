/**
 * The simulator's control endpoints under `/__simulator/`: the request and vote log, adding and clearing
 * faults, and swapping an answer at run time (what `threatcrowd-bot simulate` users and other processes call).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Fault, isFaultKind } from './faults.js';
import { PARAMS } from './routes.js';
import { type SimulatorState, send } from './simulator-state.js';

export async function control(state: SimulatorState, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { requests, votes, faults, bodies } = state;
  if (path === '/__simulator/log') return send(res, 200, 'application/json', JSON.stringify({ requests, votes }));
  if (path === '/__simulator/faults' && req.method === 'DELETE') {
    faults.length = 0;
    return send(res, 204, 'text/plain', '');
  }
  if (path === '/__simulator/answers' && req.method === 'POST') {
    const answer = parseAnswer(await readBody(req));
    if (!answer) return send(res, 400, 'text/plain', 'expected {"endpoint":"domain|ip|email|antivirus|file","value":"…","answer":{…}}');
    bodies.set(`${answer.endpoint}:${answer.value.toLowerCase()}`, answer.body);
    return send(res, 204, 'text/plain', '');
  }
  if (path === '/__simulator/faults' && req.method === 'POST') {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const fault = JSON.parse(raw || '{}') as Fault;
    if (!isFaultKind(fault.kind)) return send(res, 400, 'text/plain', 'unknown fault kind');
    faults.push(fault);
    return send(res, 201, 'application/json', JSON.stringify(fault));
  }
  return send(res, 404, 'text/plain', 'unknown control path');
}

async function readBody(req: IncomingMessage): Promise<string> {
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 4_000_000) break;
  }
  return raw;
}

/** A run-time answer swap: `{endpoint, value, answer}` (the answer as JSON, or as the raw text to serve). */
function parseAnswer(raw: string): { endpoint: string; value: string; body: string } | null {
  try {
    const { endpoint, value, answer } = JSON.parse(raw) as { endpoint?: unknown; value?: unknown; answer?: unknown };
    if (typeof endpoint !== 'string' || !(endpoint in PARAMS) || typeof value !== 'string' || value === '' || answer === undefined)
      return null;
    return { endpoint, value, body: typeof answer === 'string' ? answer : JSON.stringify(answer) };
  } catch {
    return null;
  }
}
