/**
 * The simulator's routes: ThreatCrowd's report and vote endpoints, OTX's indicator sections and the crowd
 * feeds, each request logged, after any latency and the next fault that applies.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { injectFault, takeFault } from './inject-fault.js';
import { type FeedName, type SimulatorState, send } from './simulator-state.js';

/** Each report endpoint's query parameter. */
export const PARAMS: Record<string, string> = { domain: 'domain', ip: 'ip', email: 'email', antivirus: 'antivirus', file: 'resource' };
const NOT_FOUND = '{"response_code":"0"}';
const REPORT_PATH = /^\/searchApi\/v2\/(domain|ip|email|antivirus|file)\/report\/?$/;
const OTX_PATH = /^\/api\/v1\/indicators\/(IPv4|IPv6|domain|hostname|file)\/([^/]+)\/(general|passive_dns|malware|analysis)\/?$/;

type Log = (status: number, fault: string | null) => void;

/** What a request asks for, as the log records it. */
interface Asked {
  /** When it arrived (epoch ms). */
  readonly time: number;
  readonly endpoint: string | null;
  readonly value: string | null;
}

/** Answers one request that is not a control request. */
export async function serve(state: SimulatorState, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const report = REPORT_PATH.exec(url.pathname);
  const otx = OTX_PATH.exec(url.pathname);
  const asked = { time: Date.now(), ...whatIsAsked(url, report, otx) };
  const log = logFor(state, url, req, asked);
  if (state.latencyMs > 0) await new Promise((r) => setTimeout(r, state.latencyMs));
  const taken = takeFault(state.faults, url.pathname);
  if (taken?.kind === 'hang') return log(0, 'hang'); // never answered; the socket closes with the simulator
  if (taken?.kind === 'slow') await new Promise((r) => setTimeout(r, taken.delayMs ?? 1000));
  const fault = taken?.kind === 'slow' ? null : taken;
  if (fault && fault.kind !== 'text-html') return injectFault(fault, res, log);

  if (report) {
    const body = state.bodies.get(`${report[1]}:${(asked.value ?? '').toLowerCase()}`) ?? NOT_FOUND;
    // The real IP endpoint labels its JSON text/html.
    const type = report[1] === 'ip' || fault ? 'text/html; charset=UTF-8' : 'application/json';
    log(200, fault?.kind ?? null);
    return send(res, 200, type, body);
  }
  if (url.pathname === '/vote.php') return vote(state, url, asked, res, log);
  if (otx) {
    const file = join(state.otxDir, `${otx[1]}-${(asked.value ?? '').toLowerCase()}-${otx[3]}.json`);
    if (!existsSync(file)) {
      log(404, null);
      return send(res, 404, 'application/json', '{"detail":"Not found."}');
    }
    log(200, null);
    return send(res, 200, 'application/json', readFileSync(file, 'utf8'));
  }
  const feed = /^\/feeds\/(domains|ips|hashes)\.txt$/.exec(url.pathname)?.[1] as FeedName | undefined;
  if (feed) {
    log(200, null);
    return send(res, 200, 'text/plain', (state.feeds[feed] ?? []).join('\n'));
  }
  log(404, null);
  return send(res, 404, 'text/html', '<html><body>Not Found</body></html>');
}

function vote(state: SimulatorState, url: URL, { time, value }: Asked, res: ServerResponse, log: Log): void {
  const vote = url.searchParams.get('vote');
  if ((vote !== '0' && vote !== '1') || !value) {
    log(400, null);
    send(res, 400, 'text/plain', 'bad vote');
    return;
  }
  keepLast(state.votes, { time, value, vote }, state.logLimit);
  log(200, null);
  send(res, 200, 'text/html', 'Thanks for voting');
}

/** The endpoint and the value asked about (a report's parameter, an OTX path's indicator, a vote's value). */
function whatIsAsked(url: URL, report: RegExpExecArray | null, otx: RegExpExecArray | null): Omit<Asked, 'time'> {
  const endpoint = report?.[1] ?? (url.pathname === '/vote.php' ? 'vote' : otx ? `otx-${otx[3]}` : null);
  const value = report
    ? url.searchParams.get(PARAMS[report[1] ?? ''] ?? '')
    : otx
      ? decodeURIComponent(otx[2] ?? '')
      : url.searchParams.get('value');
  return { endpoint, value };
}

/** Appends `entry`, dropping the oldest past `limit`. */
function keepLast<T>(log: T[], entry: T, limit: number): void {
  log.push(entry);
  if (log.length > limit) log.splice(0, log.length - limit);
}

/** Logs the request with the status and fault it ends with. */
function logFor(state: SimulatorState, url: URL, req: IncomingMessage, { time, endpoint, value }: Asked): Log {
  return (status, fault) => {
    const entry = {
      time,
      at: new Date(time).toISOString(),
      method: req.method ?? 'GET',
      path: url.pathname,
      endpoint,
      value,
      status,
      fault,
    };
    state.served++;
    keepLast(state.requests, entry, state.logLimit);
    state.onRequest?.(entry);
  };
}
