/**
 * A ThreatCrowd-compatible HTTP server on 127.0.0.1 serving recorded answers, recording votes, and
 * injecting the service's real failure modes. Used by the demo and by every test. The routes are in
 * `routes.ts`, the control endpoints in `control.ts`, the faults' answers in `inject-fault.ts`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { control } from './control.js';
import type { Fault } from './faults.js';
import { BUNDLED_FIXTURE_DIRS, loadFixtures } from './fixtures.js';
import { serve } from './routes.js';
import { type FeedName, type SimulatorRequest, type SimulatorState, type SimulatorVote, send } from './simulator-state.js';

const OTX_DIR = join(dirname(BUNDLED_FIXTURE_DIRS[0] ?? '.'), '..', 'otx');

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
  /** How many requests (and votes) the logs keep, the newest. @default 10000 */
  readonly logLimit?: number;
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  /** The newest requests and votes (`logLimit` of each). */
  readonly requests: SimulatorRequest[];
  /** How many requests were answered since the start, however many the log still holds. */
  served(): number;
  readonly votes: SimulatorVote[];
  /** Adds a fault; it applies to the next requests in order. */
  addFault(fault: Fault): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Serves `body` for `endpoint`/`value` from now on. */
  setAnswer(endpoint: string, value: string, body: string): void;
  /** Replaces a crowd feed (`domains`, `ips`, `hashes`). */
  setFeed(name: FeedName, lines: string[]): void;
  close(): Promise<void>;
}

/** Starts a simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const state: SimulatorState = {
    bodies: loadFixtures(options.fixtureDirs ?? BUNDLED_FIXTURE_DIRS),
    faults: [...(options.faults ?? [])],
    requests: [],
    votes: [],
    feeds: { ...(options.feeds ?? {}) },
    otxDir: options.otxDir ?? OTX_DIR,
    latencyMs: options.latencyMs ?? 0,
    onRequest: options.onRequest,
    logLimit: options.logLimit ?? 10_000,
    served: 0,
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname.startsWith('/__simulator/')) return control(state, url.pathname, req, res);
    return serve(state, url, req, res);
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
  return handleOf(state, server, `http://${options.host ?? '127.0.0.1'}:${port}`, port);
}

/** The running simulator as its users see it: its address, its logs, and what they may change. */
function handleOf(state: SimulatorState, server: Server, url: string, port: number): Simulator {
  const { faults, bodies, feeds } = state;
  return {
    url,
    port,
    requests: state.requests,
    votes: state.votes,
    served: () => state.served,
    addFault: (fault) => faults.push({ ...fault }),
    clearFaults: () => {
      faults.length = 0;
    },
    setLatency: (ms) => {
      state.latencyMs = ms;
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
