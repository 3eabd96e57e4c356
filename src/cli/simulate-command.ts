/** `threatcrowd-bot simulate`: the ThreatCrowd simulator on 127.0.0.1, logging each request. */
import { statSync } from 'node:fs';
import { UserError } from '../errors/user-error.js';
import { listening } from '../runtime/startup-errors.js';
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
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`invalid port "${options.port}"`, '--port 0..65535');
  const latency = Number(options.latency ?? 0);
  if (!Number.isFinite(latency) || latency < 0) throw new UserError(`invalid latency "${options.latency}"`, '--latency MS');
  const fixtureDirs = options.fixtures && options.fixtures.length > 0 ? options.fixtures : BUNDLED_FIXTURE_DIRS;
  for (const dir of fixtureDirs) {
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new UserError(`no fixtures folder at "${dir}": --fixtures takes folders of ENDPOINT-VALUE.json answers`);
  }
  const host = options.host ?? '127.0.0.1';
  const target = { what: 'simulator', port, host, portSetting: '--port', hostSetting: '--host' };
  const simulator = await listening(target, () =>
    startSimulator({
      port,
      host,
      fixtureDirs,
      latencyMs: latency,
      faults,
      onRequest: options.quiet
        ? undefined
        : (r) => io.stdout.write(`${r.at} ${r.method} ${r.path} ${r.endpoint ?? '-'} ${r.status}${r.fault ? ` fault=${r.fault}` : ''}\n`),
    }),
  );
  io.stdout.write(simulatorBanner(simulator.url));
  return simulator;
}

/** How to point the bot at the simulator: it serves ThreatCrowd and AlienVault OTX. */
export function simulatorBanner(url: string): string {
  return [
    `ThreatCrowd simulator listening on ${url} (serves ThreatCrowd and AlienVault OTX from recorded answers)`,
    `In another terminal: export THREATCROWD_URL=${url} OTX_URL=${url}`,
    '  then: threatcrowd-bot lookup aoldaily[.]com, or threatcrowd-bot console',
    '',
  ].join('\n');
}
