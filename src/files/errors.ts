/**
 * Why a file could not be hashed: each is a UserError (the person sees the message verbatim), with a
 * `kind` for code that branches on it. Messages name hosts defanged: they may be shown in a chat.
 */
import { UserError } from '../errors/user-error.js';
import { defang } from '../indicators/defang.js';

const MB = 1024 * 1024;

export abstract class FileError extends UserError {
  abstract readonly kind: 'too-large' | 'timeout' | 'host-not-allowed' | 'download-failed' | 'busy';
}

/** The file is bigger than the cap (FILE_HASH_MAX_MB). */
export class FileTooLargeError extends FileError {
  readonly kind = 'too-large';
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${formatMb(maxBytes)} (FILE_HASH_MAX_MB); it was not hashed.`);
  }
}

/** Reading and hashing the file took longer than the time cap. */
export class FileHashTimeoutError extends FileError {
  readonly kind = 'timeout';
  constructor(readonly timeoutMs: number) {
    super(`the file took longer than ${Math.round(timeoutMs / 1000)} s to read; it was not hashed.`);
  }
}

/** A download (or one of its redirects) pointed at a host that is not the platform's own file host. */
export class FileHostNotAllowedError extends FileError {
  readonly kind = 'host-not-allowed';
  constructor(readonly host: string) {
    super(`the file is served from ${defang(host)}, which is not the platform's file host; it was not downloaded.`);
  }
}

/** The file host answered with an error status, too many redirects, or the connection failed. */
export class FileDownloadError extends FileError {
  readonly kind = 'download-failed';
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the file could not be downloaded (${reason}).`);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** Too many files are being hashed already: this one is not read at all (🔎 asks again later). */
export class FileHashBusyError extends FileError {
  readonly kind = 'busy';
  constructor(waiting: number, whose: 'all' | 'yours') {
    super(
      whose === 'yours'
        ? `${waiting} of your files are being hashed or waiting already; it was not read. React with 🔎 once they are answered to ask again.`
        : `${waiting} other files are waiting to be hashed; it was not read. React with 🔎 in a minute to ask again.`,
    );
  }
}

function formatMb(bytes: number): string {
  const mb = bytes / MB;
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}
