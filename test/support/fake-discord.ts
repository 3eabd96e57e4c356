/**
 * A fake Discord on 127.0.0.1: the REST routes the adapter uses (recorded) and a JSON gateway websocket
 * (hello, heartbeat ack, READY, GUILD_CREATE, RESUMED, dispatches). See shared/docs/platform-fakes.md.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { readMultipart } from './multipart.js';
import { afterTest, closeAfterTest } from './servers.js';

export const BOT_USER = {
  id: '100000000000000001',
  username: 'threatcrowd-bot',
  discriminator: '0',
  bot: true,
  avatar: null,
  global_name: null,
};
export const APP_ID = '100000000000000002';
export const GUILD_ID = '200000000000000001';
export const CHANNEL_ID = '300000000000000001';
export const ANALYST = {
  id: '400000000000000001',
  username: 'analyst',
  discriminator: '0',
  bot: false,
  avatar: null,
  global_name: 'Analyst',
};

export interface RestCall {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown> | null;
  /** Files sent as multipart attachments, with the bytes Discord received. */
  readonly files?: ReadonlyArray<{ readonly name: string; readonly bytes: Buffer }>;
}

export interface FakeDiscord {
  readonly apiUrl: string;
  readonly calls: RestCall[];
  /** Messages by id, for GET (fetching partials). */
  readonly messages: Map<string, Record<string, unknown>>;
  readonly identifies: () => number;
  readonly resumes: () => number;
  /** `id/count` of each IDENTIFY that named a shard. */
  identifiedShards(): string[];
  dispatch(t: string, d: Record<string, unknown>): void;
  /** Drops the gateway connection (the client reconnects and resumes). */
  dropConnection(): void;
  callsTo(method: string, pattern: RegExp): RestCall[];
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Answer the next request matching with 429 and retry_after (seconds). */
  rateLimitOnce(method: string, pattern: RegExp, retryAfter?: number): void;
  /** Hosts `bytes` as an attachment on the fake CDN (the REST server) and returns Discord's attachment object. */
  hostAttachment(name: string, bytes: Buffer): Record<string, unknown>;
  /** Every request for a hosted attachment (path only: Discord's CDN takes no token). */
  readonly downloads: Array<{ path: string; authorization: string | undefined }>;
  /** Answer the next `method` request whose path matches with a Discord error (400 Invalid Form Body by default, 403 Missing Permissions). */
  failOnce(method: string, pattern: RegExp, status?: number): void;
}

let snowflake = 500000000000000000n;
const nextId = () => String(++snowflake);

/** A message as Discord's REST API returns it (sent by the bot unless `author` is given). */
export function messageObject(channelId: string, body: Record<string, unknown>, id = nextId()): Record<string, unknown> {
  return {
    id,
    channel_id: channelId,
    guild_id: GUILD_ID,
    author: BOT_USER,
    content: body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    pinned: false,
    type: body.message_reference ? 19 : 0,
    flags: body.flags ?? 0,
    ...(body.message_reference ? { message_reference: body.message_reference } : {}),
  };
}

interface ReadBody {
  readonly body: Record<string, unknown> | null;
  readonly files: Array<{ name: string; bytes: Buffer }>;
}

/** JSON, or multipart (`payload_json` plus files, each part's bytes kept as sent). */
async function readJson(req: IncomingMessage): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: null, files: [] };
  const multipart = readMultipart(raw, req.headers['content-type']);
  if (!multipart) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  const payload = multipart.fields.get('payload_json');
  return { body: payload ? JSON.parse(payload) : null, files: multipart.files };
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const calls: RestCall[] = [];
  const messages = new Map<string, Record<string, unknown>>();
  const limits: Array<{ method: string; pattern: RegExp; retryAfter: number }> = [];
  const failures: Array<{ method: string; pattern: RegExp; status: number }> = [];
  let identifies = 0;
  const shards: string[] = [];
  let resumes = 0;
  let seq = 0;
  let current: WebSocket | null = null;

  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  afterTest(async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((r) => wss.close(() => r()));
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const gatewayUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const send = (ws: WebSocket, payload: Record<string, unknown>) => ws.send(JSON.stringify(payload));
  const dispatchTo = (ws: WebSocket, t: string, d: Record<string, unknown>) => send(ws, { op: 0, t, s: ++seq, d });

  wss.on('connection', (ws) => {
    current = ws;
    send(ws, { op: 10, d: { heartbeat_interval: 1000 } });
    ws.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (payload.op === 1) send(ws, { op: 11 });
      if (payload.op === 2) {
        identifies++;
        const shard = (payload.d as { shard?: [number, number] }).shard;
        if (shard) shards.push(`${shard[0]}/${shard[1]}`);
        dispatchTo(ws, 'READY', {
          v: 10,
          user: BOT_USER,
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: 'session-1',
          resume_gateway_url: gatewayUrl,
          application: { id: APP_ID, flags: 0 },
          private_channels: [],
        });
        dispatchTo(ws, 'GUILD_CREATE', {
          id: GUILD_ID,
          name: 'SOC',
          icon: null,
          owner_id: ANALYST.id,
          unavailable: false,
          member_count: 2,
          large: false,
          joined_at: new Date().toISOString(),
          features: [],
          emojis: [],
          stickers: [],
          roles: [
            {
              id: GUILD_ID,
              name: '@everyone',
              permissions: '1071698660929',
              position: 0,
              color: 0,
              hoist: false,
              managed: false,
              mentionable: false,
              flags: 0,
            },
          ],
          channels: [
            {
              id: CHANNEL_ID,
              type: 0,
              name: 'soc',
              guild_id: GUILD_ID,
              position: 0,
              permission_overwrites: [],
              parent_id: null,
              nsfw: false,
            },
          ],
          threads: [],
          members: [],
          presences: [],
          voice_states: [],
          stage_instances: [],
          guild_scheduled_events: [],
          premium_tier: 0,
          system_channel_flags: 0,
          preferred_locale: 'en-US',
          nsfw_level: 0,
          afk_timeout: 300,
          verification_level: 0,
          default_message_notifications: 0,
          explicit_content_filter: 0,
          mfa_level: 0,
        });
      }
      if (payload.op === 6) {
        resumes++;
        dispatchTo(ws, 'RESUMED', {});
      }
    });
  });

  const hosted = new Map<string, Buffer>();
  const downloads: FakeDiscord['downloads'] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/attachments/')) {
      downloads.push({ path: url.pathname, authorization: req.headers.authorization });
      const bytes = hosted.get(url.pathname.split('/')[2] ?? '');
      res.writeHead(bytes ? 200 : 404, bytes ? { 'content-length': String(bytes.length) } : {});
      return res.end(bytes);
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    const { body, files } = await readJson(req);
    const json = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      if (data === undefined) {
        res.writeHead(status, headers);
        return res.end();
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(data));
    };
    const limit = limits.findIndex((l) => l.method === method && l.pattern.test(path));
    if (limit >= 0) {
      const retryAfter = limits.splice(limit, 1)[0]?.retryAfter ?? 1;
      return json(
        429,
        { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        { 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' },
      );
    }
    const failure = failures.findIndex((f) => f.method === method && f.pattern.test(path));
    if (failure >= 0) {
      const status = failures.splice(failure, 1)[0]?.status ?? 400;
      if (status === 403) return json(403, { message: 'Missing Permissions', code: 50013 });
      const errors = {
        embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } },
      };
      return json(status, { message: 'Invalid Form Body', code: 50035, errors });
    }
    calls.push({ method, path, body, ...(files.length > 0 ? { files } : {}) });
    if (path === '/gateway/bot')
      return json(200, {
        url: gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    if (path === '/applications/@me') return json(200, { id: APP_ID, name: 'threatcrowd-bot', flags: 0, bot_public: true });
    if (path === '/users/@me') return json(200, BOT_USER);
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channelMessages && method === 'POST') {
      const message = messageObject(channelMessages[1] ?? '', body ?? {});
      messages.set(String(message.id), message);
      return json(200, message);
    }
    const oneMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (oneMessage) {
      const [, channel = '', id = ''] = oneMessage;
      const existing = messages.get(id);
      if (method === 'GET') return existing ? json(200, existing) : json(404, { message: 'Unknown Message', code: 10008 });
      if (method === 'PATCH') {
        const updated = {
          ...(existing ?? messageObject(channel, {}, id)),
          ...body,
          edited_timestamp: new Date().toISOString(),
        };
        messages.set(id, updated);
        return json(200, updated);
      }
    }
    if (/^\/channels\/\d+\/messages\/\d+\/reactions\/.+\/@me$/.test(path)) return json(204, undefined);
    const channel = /^\/channels\/(\d+)$/.exec(path);
    if (channel) return json(200, { id: channel[1], type: 0, guild_id: GUILD_ID, name: 'soc', permission_overwrites: [] });
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return json(204, undefined);
    if (/^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.test(path)) {
      if (method === 'DELETE') return json(204, undefined);
      const message = messageObject(CHANNEL_ID, body ?? {});
      messages.set(String(message.id), message);
      return json(200, message);
    }
    if (/^\/webhooks\/\d+\/[^/]+$/.test(path) && method === 'POST') {
      const message = messageObject(CHANNEL_ID, body ?? {});
      messages.set(String(message.id), message);
      return json(200, message);
    }
    if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path) && method === 'PUT') return json(200, body);
    return json(404, { message: `fake has no route ${method} ${path}`, code: 0 });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closeAfterTest(server);
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    messages,
    identifies: () => identifies,
    resumes: () => resumes,
    identifiedShards: () => [...shards],
    dispatch(t, d) {
      if (current) dispatchTo(current, t, d);
    },
    dropConnection() {
      current?.close(4000, 'test drop');
    },
    callsTo: (method, pattern) => calls.filter((c) => c.method === method && pattern.test(c.path)),
    async waitFor(predicate, timeoutMs = 10_000) {
      const start = Date.now();
      while (!predicate()) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out; calls: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    rateLimitOnce: (method, pattern, retryAfter = 0.2) => void limits.push({ method, pattern, retryAfter }),
    failOnce: (method, pattern, status = 400) => void failures.push({ method, pattern, status }),
    downloads,
    hostAttachment(name, bytes) {
      const id = nextId();
      hosted.set(id, bytes);
      const url = `http://127.0.0.1:${port}/attachments/${id}/${encodeURIComponent(name)}`;
      return { id, filename: name, size: bytes.length, url, proxy_url: url, content_type: 'application/octet-stream' };
    },
  };
}

/** A MESSAGE_CREATE payload from the analyst (with attachments from `hostAttachment`). */
export function userMessage(content: string, id = nextId(), attachments: unknown[] = []): Record<string, unknown> {
  return {
    ...messageObject(CHANNEL_ID, { content }, id),
    attachments,
    author: ANALYST,
    member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
  };
}

/** An INTERACTION_CREATE payload for `/threatcrowd <subcommand> …`, with attachment options from `hostAttachment`. */
export function slashInteraction(
  subcommand: string,
  options: Record<string, string> = {},
  attachments: Record<string, Record<string, unknown>> = {},
): Record<string, unknown> {
  const files = Object.entries(attachments).map(([name, a]) => ({ type: 11, name, value: a.id }));
  const resolved = Object.fromEntries(Object.values(attachments).map((a) => [String(a.id), a]));
  return {
    id: nextId(),
    application_id: APP_ID,
    type: 2,
    token: `token-${nextId()}`,
    version: 1,
    data: {
      id: '600000000000000001',
      name: 'threatcrowd',
      type: 1,
      options: [
        { type: 1, name: subcommand, options: [...Object.entries(options).map(([name, value]) => ({ type: 3, name, value })), ...files] },
      ],
      ...(files.length > 0 ? { resolved: { attachments: resolved } } : {}),
    },
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'soc' },
    member: {
      user: ANALYST,
      roles: [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      permissions: '1071698660929',
    },
    app_permissions: '1071698660929',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
  };
}

/** An INTERACTION_CREATE payload for a button on message `messageId`. */
export function buttonInteraction(customId: string, message: Record<string, unknown>, user = ANALYST): Record<string, unknown> {
  return {
    id: nextId(),
    application_id: APP_ID,
    type: 3,
    token: `token-${nextId()}`,
    version: 1,
    data: { custom_id: customId, component_type: 2 },
    message,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'soc' },
    member: { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions: '1071698660929' },
    app_permissions: '1071698660929',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
  };
}

/** An INTERACTION_CREATE payload for a choice `values` in the string select `customId` on `message`. */
export function selectInteraction(customId: string, values: string[], message: Record<string, unknown>): Record<string, unknown> {
  return { ...buttonInteraction(customId, message), data: { custom_id: customId, component_type: 3, values } };
}

/** An INTERACTION_CREATE payload for the message context-menu command `name` on `target`. */
export function messageCommandInteraction(name: string, target: Record<string, unknown>): Record<string, unknown> {
  const { data: _data, ...slash } = slashInteraction('help');
  return {
    ...slash,
    data: { id: '600000000000000002', name, type: 3, target_id: target.id, resolved: { messages: { [String(target.id)]: target } } },
  };
}
