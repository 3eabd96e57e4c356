/**
 * A ThreatCrowd-compatible HTTP server on 127.0.0.1 serving recorded answers, recording votes, and
 * injecting the service's real failure modes. Used by the demo and by every test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { SIMULATOR_HEADER } from '../providers/simulator-header.js';
import { type Fault, isFaultKind } from './faults.js';
import { BUNDLED_FIXTURE_DIRS, loadFixtures } from './fixtures.js';

const NOT_FOUND = '{"response_code":"0"}';
const PARAMS: Record<string, string> = { domain: 'domain', ip: 'ip', email: 'email', antivirus: 'antivirus', file: 'resource' };
const REPORT_PATH = /^\/searchApi\/v2\/(domain|ip|email|antivirus|file)\/report\/?$/;
const OTX_PATH = /^\/api\/v1\/indicators\/(IPv4|IPv6|domain|hostname|file)\/([^/]+)\/(general|passive_dns|malware|analysis)\/?$/;
const OTX_DIR = join(dirname(BUNDLED_FIXTURE_DIRS[0] ?? '.'), '..', 'otx');
const OUTAGE_PAGE = readFileSync(join(BUNDLED_FIXTURE_DIRS[0] ?? '', 'error-503-service-temporarily-unavailable.html'), 'utf8');

export interface SimulatorRequest {
  /** Milliseconds since the epoch when the request arrived. */
  readonly time: number;
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly endpoint: string | null;
  readonly value: string | null;
  readonly status: number;
  readonly fault: string | null;
}

export interface SimulatorVote {
  readonly time: number;
  readonly value: string;
  /** 0 malicious, 1 not malicious, as sent. */
  readonly vote: string;
}

export interface SimulatorOptions {
  readonly port?: number;
  readonly host?: string;
  /** Directories of `ENDPOINT-VALUE.json` answers. @default the bundled real and synthetic answers */
  readonly fixtureDirs?: readonly string[];
  /** Delay before each answer. @default 0 */
  readonly latencyMs?: number;
  readonly faults?: Fault[];
  /** Called with each request as it is logged (the CLI prints them). */
  readonly onRequest?: (request: SimulatorRequest) => void;
  /** Directory of OTX answers named `TYPE-VALUE-SECTION.json`. @default the bundled fixtures/otx */
  readonly otxDir?: string;
  /** Crowd feeds served at /feeds/{domains,ips,hashes}.txt. */
  readonly feeds?: { domains?: string[]; ips?: string[]; hashes?: string[] };
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  readonly requests: SimulatorRequest[];
  readonly votes: SimulatorVote[];
  /** Adds a fault; it applies to the next requests in order. */
  addFault(fault: Fault): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Serves `body` for `endpoint`/`value` from now on. */
  setAnswer(endpoint: string, value: string, body: string): void;
  /** Replaces a crowd feed (`domains`, `ips`, `hashes`). */
  setFeed(name: 'domains' | 'ips' | 'hashes', lines: string[]): void;
  close(): Promise<void>;
}

/** Starts a simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const bodies = loadFixtures(options.fixtureDirs ?? BUNDLED_FIXTURE_DIRS);
  const faults: Fault[] = [...(options.faults ?? [])];
  const requests: SimulatorRequest[] = [];
  const votes: SimulatorVote[] = [];
  const feeds = { ...(options.feeds ?? {}) };
  const otxDir = options.otxDir ?? OTX_DIR;
  let latencyMs = options.latencyMs ?? 0;

  const takeFault = (path: string): Fault | null => {
    const index = faults.findIndex((f) => !f.path || path.startsWith(f.path));
    const fault = faults[index];
    if (!fault) return null;
    if (fault.times !== undefined && --fault.times <= 0) faults.splice(index, 1);
    return fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const time = Date.now();
    const report = REPORT_PATH.exec(url.pathname);
    const otx = OTX_PATH.exec(url.pathname);
    const endpoint = report?.[1] ?? (url.pathname === '/vote.php' ? 'vote' : otx ? `otx-${otx[3]}` : null);
    const value = report
      ? url.searchParams.get(PARAMS[report[1] ?? ''] ?? '')
      : otx
        ? decodeURIComponent(otx[2] ?? '')
        : url.searchParams.get('value');
    const log = (status: number, fault: string | null) => {
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
      requests.push(entry);
      options.onRequest?.(entry);
    };
    if (url.pathname.startsWith('/__simulator/')) return control(url.pathname, req, res);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const taken = takeFault(url.pathname);
    if (taken?.kind === 'hang') return log(0, 'hang'); // never answered; the socket closes with the simulator
    if (taken?.kind === 'slow') await new Promise((r) => setTimeout(r, taken.delayMs ?? 1000));
    const fault = taken?.kind === 'slow' ? null : taken;
    if (fault && fault.kind !== 'text-html') return injectFault(fault, res, log);

    if (report) {
      const body = bodies.get(`${report[1]}:${(value ?? '').toLowerCase()}`) ?? NOT_FOUND;
      // The real IP endpoint labels its JSON text/html.
      const type = report[1] === 'ip' || fault ? 'text/html; charset=UTF-8' : 'application/json';
      log(200, fault?.kind ?? null);
      return send(res, 200, type, body);
    }
    if (url.pathname === '/vote.php') {
      const vote = url.searchParams.get('vote');
      if ((vote !== '0' && vote !== '1') || !value) {
        log(400, null);
        return send(res, 400, 'text/plain', 'bad vote');
      }
      votes.push({ time, value, vote });
      log(200, null);
      return send(res, 200, 'text/html', 'Thanks for voting');
    }
    if (otx) {
      const file = join(otxDir, `${otx[1]}-${(value ?? '').toLowerCase()}-${otx[3]}.json`);
      if (!existsSync(file)) {
        log(404, null);
        return send(res, 404, 'application/json', '{"detail":"Not found."}');
      }
      log(200, null);
      return send(res, 200, 'application/json', readFileSync(file, 'utf8'));
    }
    const feed = /^\/feeds\/(domains|ips|hashes)\.txt$/.exec(url.pathname)?.[1] as keyof typeof feeds | undefined;
    if (feed) {
      log(200, null);
      return send(res, 200, 'text/plain', (feeds[feed] ?? []).join('\n'));
    }
    log(404, null);
    return send(res, 404, 'text/html', '<html><body>Not Found</body></html>');
  };

  const control = async (path: string, req: IncomingMessage, res: ServerResponse) => {
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
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    requests,
    votes,
    addFault: (fault) => faults.push({ ...fault }),
    clearFaults: () => {
      faults.length = 0;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setAnswer: (endpoint, value, body) => {
      bodies.set(`${endpoint}:${value.toLowerCase()}`, body);
    },
    setFeed: (name, lines) => {
      feeds[name] = lines;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), [SIMULATOR_HEADER]: 'recorded answers' });
  res.end(body);
}

const CHALLENGE_PAGE = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>';

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

function injectFault(fault: Fault, res: ServerResponse, log: (status: number, fault: string) => void): void {
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
