import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { downloadAndHash } from '../../src/files/download-and-hash.js';
import { FileDownloadError, FileHashTimeoutError, FileHostNotAllowedError, FileTooLargeError } from '../../src/files/errors.js';
import { fileHostsFor, isAllowedFileUrl } from '../../src/files/file-hosts.js';
import { closeAfterTest } from '../support/servers.js';

const FILE = Buffer.from('MZ pretend this is a suspicious executable');
const sha256 = createHash('sha256').update(FILE).digest('hex');

interface Host {
  readonly origin: string;
  readonly seen: Array<{ path: string; authorization?: string }>;
  /** Resolves when the server saw a response end early (the client hung up). */
  abortedResponses: number;
}

async function fileHost(route: (req: IncomingMessage, res: ServerResponse, host: Host) => void): Promise<Host> {
  const host: Host = { origin: '', seen: [], abortedResponses: 0 };
  const server = createServer((req, res) => {
    host.seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    res.on('close', () => {
      if (!res.writableFinished) host.abortedResponses++;
    });
    route(req, res, host);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closeAfterTest(server);
  return Object.assign(host, { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

const serveFile = (res: ServerResponse) => res.writeHead(200, { 'content-length': FILE.length }).end(FILE);

describe('downloadAndHash', () => {
  it('GIVEN a file on the allowed host THEN it is hashed, with the token sent to that host', async () => {
    const host = await fileHost((_req, res) => serveFile(res));
    const hashes = await downloadAndHash(`${host.origin}/files/T1/evil.exe`, {
      allowedHosts: [host.origin],
      headers: { authorization: 'Bearer xoxb-test' },
    });
    expect(hashes.sha256).toBe(sha256);
    expect(hashes.size).toBe(FILE.length);
    expect(host.seen).toEqual([{ path: '/files/T1/evil.exe', authorization: 'Bearer xoxb-test' }]);
  });

  it('GIVEN a redirect on the same host THEN it is followed', async () => {
    const host = await fileHost((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: '/real' }).end();
      else serveFile(res);
    });
    const hashes = await downloadAndHash(`${host.origin}/start`, { allowedHosts: [host.origin] });
    expect(hashes.sha256).toBe(sha256);
    expect(host.seen.map((s) => s.path)).toEqual(['/start', '/real']);
  });

  it('GIVEN a redirect to a foreign host THEN it is refused and the foreign host is never contacted', async () => {
    const foreign = await fileHost((_req, res) => serveFile(res));
    const host = await fileHost((_req, res) => res.writeHead(302, { location: `${foreign.origin}/stolen` }).end());
    const error = await downloadAndHash(`${host.origin}/start`, { allowedHosts: [host.origin] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileHostNotAllowedError);
    expect((error as Error).message).toContain("which is not the platform's file host");
    expect((error as Error).message).not.toContain('127.0.0.1:'); // the host is shown defanged
    expect(foreign.seen).toEqual([]);
  });

  it('GIVEN a redirect to another allowed host THEN the token is not carried across', async () => {
    const cdn = await fileHost((_req, res) => serveFile(res));
    const host = await fileHost((_req, res) => res.writeHead(307, { location: `${cdn.origin}/blob` }).end());
    await downloadAndHash(`${host.origin}/start`, {
      allowedHosts: [host.origin, cdn.origin],
      headers: { authorization: 'Bearer xoxb-test' },
    });
    expect(host.seen[0]?.authorization).toBe('Bearer xoxb-test');
    expect(cdn.seen).toEqual([{ path: '/blob', authorization: undefined }]);
  });

  it('GIVEN a URL that is not on the allow-list THEN nothing is fetched', async () => {
    const host = await fileHost((_req, res) => serveFile(res));
    await expect(downloadAndHash(`${host.origin}/x`, { allowedHosts: ['files.slack.com'] })).rejects.toBeInstanceOf(
      FileHostNotAllowedError,
    );
    expect(host.seen).toEqual([]);
  });

  it('GIVEN a redirect loop THEN it stops after the redirect limit with a clear error', async () => {
    const host = await fileHost((_req, res) => res.writeHead(302, { location: '/again' }).end());
    const error = await downloadAndHash(`${host.origin}/start`, { allowedHosts: [host.origin], maxRedirects: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileDownloadError);
    expect((error as Error).message).toBe('the file could not be downloaded (more than 3 redirects).');
    expect(host.seen).toHaveLength(4);
  });

  it('GIVEN a declared size over the cap THEN it is refused before the body is read', async () => {
    const host = await fileHost((_req, res) => {
      res.writeHead(200, { 'content-length': 5000 });
      res.write(Buffer.alloc(1000));
    });
    await expect(downloadAndHash(`${host.origin}/big`, { allowedHosts: [host.origin], maxBytes: 4096 })).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
  });

  it('GIVEN an undeclared body that grows past the cap THEN the download is aborted', async () => {
    let sent = 0;
    const host = await fileHost((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const timer = setInterval(() => {
        sent += 16 * 1024;
        res.write(Buffer.alloc(16 * 1024));
      }, 1);
      res.on('close', () => clearInterval(timer));
    });
    const error = await downloadAndHash(`${host.origin}/endless`, { allowedHosts: [host.origin], maxBytes: 64 * 1024 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileTooLargeError);
    await expect.poll(() => host.abortedResponses, { timeout: 5000 }).toBe(1);
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });

  it('GIVEN a host that stops sending mid-file THEN the time cap ends the download with a clear error', async () => {
    const host = await fileHost((_req, res) => {
      res.writeHead(200, { 'content-length': 100_000 });
      res.write(Buffer.alloc(1000)); // and nothing more
    });
    const error = await downloadAndHash(`${host.origin}/stalled`, { allowedHosts: [host.origin], timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileHashTimeoutError);
    await expect.poll(() => host.abortedResponses, { timeout: 5000 }).toBe(1);
  });

  it('GIVEN an error status THEN a clear download error names it', async () => {
    const host = await fileHost((_req, res) => res.writeHead(404).end('not found'));
    await expect(downloadAndHash(`${host.origin}/gone`, { allowedHosts: [host.origin] })).rejects.toThrow(
      'the file could not be downloaded (the file host answered HTTP 404).',
    );
  });
});

describe('isAllowedFileUrl', () => {
  const slack = fileHostsFor('slack');

  it('GIVEN Slack’s file host over HTTPS THEN it is allowed', () => {
    expect(isAllowedFileUrl(new URL('https://files.slack.com/files-pri/T1-F1/download/a.exe'), slack)).toBe(true);
  });

  it.each([
    ['plain HTTP', 'http://files.slack.com/x'],
    ['a look-alike subdomain', 'https://files.slack.com.evil.example/x'],
    ['a subdomain', 'https://evil.files.slack.com/x'],
    ['another port', 'https://files.slack.com:8443/x'],
    ['credentials in the URL', 'https://user:pw@files.slack.com/x'],
  ])('GIVEN %s THEN it is refused', (_what, url) => {
    expect(isAllowedFileUrl(new URL(url), slack)).toBe(false);
  });

  it('GIVEN a configured Discord API URL THEN its origin joins Discord’s CDN hosts', () => {
    const hosts = fileHostsFor('discord', 'http://127.0.0.1:4000/api');
    expect(hosts).toEqual(['cdn.discordapp.com', 'media.discordapp.net', 'http://127.0.0.1:4000']);
    expect(isAllowedFileUrl(new URL('http://127.0.0.1:4000/attachments/1/2/a.bin'), hosts)).toBe(true);
    expect(isAllowedFileUrl(new URL('http://127.0.0.1:4001/attachments/1/2/a.bin'), hosts)).toBe(false);
  });
});
