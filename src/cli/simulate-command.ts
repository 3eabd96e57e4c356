/** `threatcrowd-bot simulate`: the ThreatCrowd simulator on 127.0.0.1, logging each request. */
import { UserError } from '../errors/user-error.js';
import { FAULT_KINDS, type Fault, isFaultKind } from '../simulator/faults.js';
import { BUNDLED_FIXTURE_DIRS } from '../simulator/fixtures.js';
import { type Simulator, startSimulator } from '../simulator/server.js';
import type { CliIo } from './output.js';

export interface SimulateOptions {
  readonly port?: string;
  readonly host?: string;
  readonly fixtures?: string[];
  readonly fault?: string[];
  readonly latency?: string;
  readonly quiet?: boolean;
}

export async function runSimulate(options: SimulateOptions, io: CliIo): Promise<Simulator> {
  const faults: Fault[] = (options.fault ?? []).map((kind) => {
    if (!isFaultKind(kind)) throw new UserError(`unknown fault "${kind}"`, `--fault ${FAULT_KINDS.join('|')}`);
    return { kind };
  });
  const port = Number(options.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`invalid port "${options.port}"`);
  const simulator = await startSimulator({
    port,
    host: options.host ?? '127.0.0.1',
    fixtureDirs: options.fixtures && options.fixtures.length > 0 ? options.fixtures : BUNDLED_FIXTURE_DIRS,
    latencyMs: Number(options.latency ?? 0),
    faults,
    onRequest: options.quiet
      ? undefined
      : (r) => io.stdout.write(`${r.at} ${r.method} ${r.path} ${r.endpoint ?? '-'} ${r.status}${r.fault ? ` fault=${r.fault}` : ''}\n`),
  });
  io.stdout.write(`ThreatCrowd simulator listening on ${simulator.url} (set THREATCROWD_URL=${simulator.url})\n`);
  return simulator;
}
