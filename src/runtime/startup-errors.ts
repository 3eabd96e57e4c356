/**
 * Ordinary start-up failures (a port in use, an address that does not resolve, a platform that cannot be
 * reached) as one UserError naming what to change, instead of a Node error with its stack.
 */
import { UserError } from '../errors/user-error.js';
import { reasonOf } from '../store/open-store.js';

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const UNREACHABLE = new Set([...DNS, 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Where a server listens, and the settings (variables or options) that choose it. */
export interface ListenTarget {
  readonly what: string;
  readonly port: number;
  readonly host: string;
  readonly portSetting: string;
  readonly hostSetting: string;
}

/** A listen failure explained, or the error unchanged when it is not an ordinary one. */
export function explainListenError(error: unknown, target: ListenTarget): unknown {
  const code = reasonOf(error);
  const where = `${target.host}:${target.port}`;
  if (code === 'EADDRINUSE')
    return new UserError(
      `${target.what}: port ${target.port} is already in use on ${target.host}; set ${target.portSetting} to a free port (0 picks one).`,
    );
  if (code === 'EACCES')
    return new UserError(`${target.what}: not allowed to listen on ${where}; set ${target.portSetting} to a port above 1023.`);
  if (DNS.has(code) || code === 'EADDRNOTAVAIL' || code === 'EINVAL')
    return new UserError(
      `${target.what}: cannot listen on "${target.host}" (${code}): set ${target.hostSetting} to an address of this machine, such as 127.0.0.1 or 0.0.0.0.`,
    );
  return error;
}

/** Runs `listen`, explaining an ordinary failure. */
export async function listening<T>(target: ListenTarget, listen: () => Promise<T>): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    throw explainListenError(error, target);
  }
}

/** A platform that cannot be reached at start (no network, a wrong API URL) explained, or the error unchanged. */
export function explainConnectError(error: unknown, platform: string, setting: string, address: string): unknown {
  const code = reasonOf(error);
  if (!UNREACHABLE.has(code)) return error;
  const cause = DNS.has(code) ? 'the name does not resolve: is this machine offline?' : 'is the network up?';
  return new UserError(`${platform}: cannot reach ${address} (${code}); ${cause} Check the network, or ${setting}.`);
}
