/**
 * A fake Slack on 127.0.0.1: the Web API methods the adapter calls (recorded), `response_url` endpoints, and
 * a helper that sends signed requests (v0 HMAC) to the app, as Slack does.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { readMultipart } from './multipart.js';
import { afterTest, closeAfterTest } from './servers.js';

export interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** The ts the fake gave a posted message. */
  ts?: string;
}

export interface FakeSlack {
  readonly apiUrl: string;
  readonly url: string;
  readonly calls: ApiCall[];
  /** Bodies POSTed to response_url, by id. */
  readonly responses: Array<{ id: string; body: Record<string, unknown> }>;
  /** Messages conversations.history returns, by ts. */
  readonly messages: Map<string, string>;
  /** Files of the messages conversations.history returns, by ts. */
  readonly sharedFiles: Map<string, unknown[]>;
  /** Files uploaded through the external-upload flow, by file id: the bytes Slack received. */
  readonly uploads: Map<string, Buffer>;
  /** Uploaded files in upload order: the name asked for and the bytes received. */
  uploaded(): Array<{ name: string; bytes: Buffer }>;
  /** Files the fake hosts for download (`hostFile`), by id. */
  readonly hosted: Map<string, Buffer>;
  /** Every request for a hosted file: its path and the Authorization header sent. */
  readonly downloads: Array<{ path: string; authorization: string | undefined }>;
  /** Hosts `bytes` as a shared file and returns the file object a `file_share` message carries. */
  hostFile(name: string, bytes: Buffer): Record<string, unknown>;
  /** Channels where chat.postMessage and file uploads fail with not_in_channel. */
  readonly notInChannel: Set<string>;
  /** Socket Mode: sends an envelope over the websocket and resolves with Bolt's acknowledgement. */
  sendEnvelope(type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Answer the next call of `method` with HTTP 429 and Retry-After: 1. */
  rateLimitOnce(method: string): void;
  /** Calls of `method` are recorded at once but answered only once the returned function is called (a slow Slack). */
  holdAnswers(method: string): () => void;
  callsOf(method: string): ApiCall[];
  /** Waits until `predicate` holds on the recorded calls (Bolt answers first and runs listeners after). */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw;
}

function parseArgs(raw: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw))
    args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v === 'true' ? true : v === 'false' ? false : v;
  return args;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: FakeSlack['responses'] = [];
  const messages = new Map<string, string>();
  const sharedFiles = new Map<string, unknown[]>();
  const notInChannel = new Set<string>();
  const limited = new Set<string>();
  const held = new Map<string, Promise<void>>();
  let ts = 1_700_000_000;
  const uploads = new Map<string, Buffer>();
  const hosted = new Map<string, Buffer>();
  const uploadNames = new Map<string, string>();
  const downloads: FakeSlack['downloads'] = [];
  let fileId = 0;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/files-pri/')) {
      downloads.push({ path: url.pathname, authorization: req.headers.authorization });
      const bytes = hosted.get(url.pathname.split('/')[2] ?? '');
      if (!bytes || req.headers.authorization !== 'Bearer xoxb-test') {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
      return res.end(bytes);
    }
    if (url.pathname.startsWith('/upload/')) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      uploads.set(url.pathname.slice(8), readMultipart(body, req.headers['content-type'])?.files[0]?.bytes ?? body);
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('OK');
    }
    const raw = await readBody(req);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/respond/')) {
      responses.push({ id: url.pathname.slice(9), body: JSON.parse(raw || '{}') });
      return json(200, { ok: true });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    if (limited.delete(method)) return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    const args = parseArgs(raw, req.headers['content-type']);
    const call: ApiCall = { method, args };
    calls.push(call);
    await held.get(method);
    switch (method) {
      case 'apps.connections.open':
        return json(200, { ok: true, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=test` });
      case 'auth.test':
        return json(200, {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake',
          user: 'threatcrowd-bot',
          team_id: 'T1',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        });
      case 'chat.postMessage': {
        if (notInChannel.has(String(args.channel))) return json(200, { ok: false, error: 'not_in_channel' });
        const id = `${++ts}.000100`;
        call.ts = id;
        return json(200, { ok: true, channel: args.channel, ts: id, message: { text: args.text, ts: id } });
      }
      case 'files.getUploadURLExternal': {
        const id = `F${++fileId}`;
        uploadNames.set(id, String(args.filename));
        const { port } = server.address() as AddressInfo;
        return json(200, { ok: true, upload_url: `http://127.0.0.1:${port}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal':
        if (notInChannel.has(String(args.channel_id))) return json(200, { ok: false, error: 'not_in_channel' });
        return json(200, { ok: true, files: (args.files as Array<{ id: string; title?: string }>) ?? [] });
      case 'chat.postEphemeral':
        return json(200, { ok: true, message_ts: `${++ts}.000200` });
      case 'conversations.history':
      case 'conversations.replies': {
        const at = String(args.latest ?? args.ts);
        const text = messages.get(at);
        const files = sharedFiles.get(at);
        return json(200, { ok: true, messages: text || files ? [{ ts: at, text: text ?? '', ...(files ? { files } : {}) }] : [] });
      }
      default:
        return json(200, { ok: true });
    }
  });
  // Socket Mode: the websocket Bolt connects to after apps.connections.open.
  const wss = new WebSocketServer({ server, path: '/link/' });
  let socket: WebSocket | null = null;
  const acks = new Map<string, (payload: Record<string, unknown>) => void>();
  wss.on('connection', (ws) => {
    socket = ws;
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A1' },
      }),
    );
    ws.on('message', (raw) => {
      const ack = JSON.parse(String(raw)) as { envelope_id: string; payload?: Record<string, unknown> };
      acks.get(ack.envelope_id)?.(ack.payload ?? {});
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closeAfterTest(server);
  afterTest(async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((r) => wss.close(() => r()));
  });
  const { port } = server.address() as AddressInfo;
  const fake: FakeSlack = {
    url: `http://127.0.0.1:${port}`,
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    responses,
    messages,
    uploads,
    hosted,
    downloads,
    uploaded: () => [...uploads].map(([id, bytes]) => ({ name: uploadNames.get(id) ?? '', bytes })),
    hostFile(name, bytes) {
      const id = `FH${++fileId}`;
      hosted.set(id, bytes);
      const download = `http://127.0.0.1:${port}/files-pri/${id}/${encodeURIComponent(name)}`;
      return {
        id,
        name,
        title: name,
        size: bytes.length,
        mimetype: 'application/octet-stream',
        url_private: download,
        url_private_download: download,
      };
    },
    sharedFiles,
    notInChannel,
    rateLimitOnce: (method) => void limited.add(method),
    holdAnswers(method) {
      let release: () => void = () => {};
      held.set(
        method,
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      );
      return () => {
        held.delete(method);
        release();
      };
    },
    async sendEnvelope(type, payload) {
      const start = Date.now();
      while (!socket) {
        if (Date.now() - start > 10_000) throw new Error('Bolt never connected in Socket Mode');
        await new Promise((r) => setTimeout(r, 20));
      }
      const envelopeId = `env-${Math.random().toString(36).slice(2)}`;
      const acked = new Promise<Record<string, unknown>>((resolve) => acks.set(envelopeId, resolve));
      socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }));
      return acked;
    },
    callsOf: (method) => calls.filter((c) => c.method === method),
    async waitFor(predicate, timeoutMs = 8000) {
      const start = Date.now();
      while (!predicate()) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out; calls so far: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return fake;
}

/** What a person sees of a posted message: its texts, with `<url|label>` links reduced to their label (no button values). */
export function visibleText(args: Record<string, unknown>): string {
  const out: string[] = [String(args.text ?? '')];
  const walk = (node: unknown, key = ''): void => {
    if (typeof node === 'string') {
      if (key === 'text') out.push(node.replace(/<[^|>]*\|([^>]*)>/g, '$1'));
      return;
    }
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) if (k !== 'value' && k !== 'action_id') walk(v, k);
  };
  walk(args.blocks);
  return out.join('\n');
}

/** Sends a request to the app signed as Slack does; `timestamp` lets a test send a stale one. */
export async function sendSigned(
  appUrl: string,
  secret: string,
  body: string,
  contentType: string,
  options: { timestamp?: number; signature?: string } = {},
) {
  const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(`${appUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
    body,
  });
  return { status: res.status, body: await res.text(), elapsedAt: Date.now() };
}

export function slashCommandBody(fake: FakeSlack, text: string, channel = 'C1', user = 'U1'): string {
  return new URLSearchParams({
    token: 'x',
    team_id: 'T1',
    team_domain: 'fake',
    channel_id: channel,
    channel_name: 'soc',
    user_id: user,
    user_name: 'analyst',
    command: '/threatcrowd',
    text,
    api_app_id: 'A1',
    response_url: `${fake.url}/respond/${Math.random().toString(36).slice(2)}`,
    trigger_id: '1.2.3',
  }).toString();
}

let eventCounter = 0;
export function eventBody(event: Record<string, unknown>, eventId = `Ev${++eventCounter}${Date.now()}`): string {
  return JSON.stringify({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event,
  });
}
