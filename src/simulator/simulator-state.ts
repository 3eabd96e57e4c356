/** What a running simulator holds (answers, faults, the request and vote logs) and how it answers over HTTP. */
import type { ServerResponse } from 'node:http';
import { SIMULATOR_HEADER } from '../providers/simulator-header.js';
import type { Fault } from './faults.js';

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

export type FeedName = 'domains' | 'ips' | 'hashes';

/** Shared by the routes, the control endpoints and the `Simulator` handle; changed at run time by the last two. */
export interface SimulatorState {
  /** Raw answers keyed `endpoint:value` (value lower-cased). */
  readonly bodies: Map<string, string>;
  /** Applied in order to the next requests. */
  readonly faults: Fault[];
  readonly requests: SimulatorRequest[];
  readonly votes: SimulatorVote[];
  readonly feeds: { [name in FeedName]?: string[] };
  readonly otxDir: string;
  latencyMs: number;
  readonly onRequest?: ((request: SimulatorRequest) => void) | undefined;
  /** Requests answered since the start (the log keeps only the newest). */
  served: number;
  /** The logs keep the newest this many entries: a simulator left running as a shared upstream does not grow for ever. */
  readonly logLimit: number;
}

/** Every answer says it came from the simulator (the clients mark such reports `simulated`). */
export function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), [SIMULATOR_HEADER]: 'recorded answers' });
  res.end(body);
}
