/**
 * A local Discord API emulator (REST over HTTP + gateway over WebSocket on 127.0.0.1) that the real discord.js
 * Client logs into, so the bot is tested end to end offline. It validates payloads the way Discord does, keeps
 * every request and message for assertions, lets a test dispatch interactions as a given member, and injects
 * faults (dropped sockets, unacknowledged heartbeats, 429/5xx). Protocol facts: docs/discord-limits.md.
 *
 * Usage: `const emu = await startEmulator()`, then a Client with `rest: { api: emu.apiUrl }` logs in with
 * `emu.token`; `emu.command({ name, options })` returns a handle whose `reply()` is what the user saw.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRecord } from './discord-limits.js';
import { type MessageInput, memberMessage, messageCreateFor } from './emulator-chat.js';
import { CommandRegistry } from './emulator-commands.js';
import {
  type Actor,
  type AutocompleteInput,
  type CommandInput,
  type ComponentInput,
  InteractionBuilder,
  type MessageCommandInput,
  type ModalSubmitInput,
  type SelectInput,
} from './emulator-dispatch.js';
import {
  applicationObject,
  channelObject,
  DEFAULT_APPLICATION_ID,
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  DEFAULT_MEMBER_PERMISSIONS,
  DEFAULT_TOKEN,
  DEFAULT_USER_ID,
  type EmulatedGuild,
  guildCreate,
  readyPayload,
  snowflake,
} from './emulator-fixtures.js';
import { Gateway, type SessionInfo, shardOf } from './emulator-gateway.js';
import {
  apiError,
  type Context,
  type Fault,
  faultReply,
  type Handler,
  matchRoute,
  parseBody,
  type Reply,
  readBody,
  unknownMessage,
} from './emulator-http.js';
import {
  type EmulatedMessage,
  type EmulatedUser,
  InteractionHandle,
  type Json,
  type MessageWrite,
  type Probe,
  type RecordedRequest,
  type RejectedRequest,
  Waiters,
} from './emulator-records.js';
import { Responses } from './emulator-responses.js';

export {
  type Install,
  type InteractionPlace,
  type MessageInput,
  PERMISSION,
} from './emulator-chat.js';
export type {
  Actor,
  AutocompleteInput,
  CommandInput,
  ComponentInput,
  MessageCommandInput,
  ModalSubmitInput,
  OptionValues,
  SelectInput,
  UserValue,
} from './emulator-dispatch.js';
export {
  DEFAULT_APPLICATION_ID,
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  DEFAULT_MEMBER_PERMISSIONS,
  DEFAULT_TOKEN,
  DEFAULT_USER_ID,
  type EmulatedGuild,
  snowflake,
} from './emulator-fixtures.js';
export { type SessionInfo, shardOf } from './emulator-gateway.js';
export type { Fault } from './emulator-http.js';
export { computePings, findComponent } from './emulator-messages.js';
export {
  type CallbackRecord,
  type Choice,
  type EmulatedComponent,
  type EmulatedMessage,
  type EmulatedUser,
  InteractionHandle,
  type MessageWrite,
  type Pings,
  type Probe,
  type RecordedRequest,
  type RejectedRequest,
  type StoredCommand,
  type Visible,
} from './emulator-records.js';

/** A guild the emulator hosts. */
export interface GuildOptions {
  id: string;
  name: string;
  /** Text channels; default one channel named `general`. Interactions default to the first. */
  channels?: { id: string; name: string }[];
  /** Roles besides @everyone, so members can carry them. */
  roles?: { id: string; name: string; permissions?: string }[];
}

/** Options of {@link startEmulator}; every field has a working default. */
export interface EmulatorOptions {
  /** The only token accepted (REST `Authorization: Bot <token>`, gateway IDENTIFY/RESUME). */
  token?: string;
  applicationId?: string;
  /** The bot's user; its id defaults to the application id, as for Discord apps created since 2020. */
  botUser?: { id?: string; username?: string };
  /** Default: one guild `DEFAULT_GUILD_ID` ("Emulated Guild") with channel `DEFAULT_CHANNEL_ID`. */
  guilds?: GuildOptions[];
  /** Shard count returned by GET /gateway/bot. Default 1. */
  shards?: number;
  /**
   * `session_start_limit.max_concurrency`. Default 16 (Discord gives small bots 1) because discord.js waits 5 s
   * between IDENTIFYs of shards in the same concurrency bucket, which would make sharded tests slow.
   */
  maxConcurrency?: number;
  /** HELLO heartbeat interval. Default 41250 ms; use ~100 ms in heartbeat tests. */
  heartbeatIntervalMs?: number;
  /** How long after dispatch the first callback is accepted. Default 3000 ms, as on Discord. */
  interactionDeadlineMs?: number;
  /** `app_permissions` sent with interactions. Default {@link DEFAULT_MEMBER_PERMISSIONS}. */
  appPermissions?: string;
}

/** Gateway counters; `resumes` counts RESUME payloads received (see `sessions[].resumes` for successful ones). */
export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  heartbeats: number;
  sessions: SessionInfo[];
  identifyPayloads: Record<string, unknown>[];
}

/**
 * A running emulator. Create it with {@link startEmulator}; put `apiUrl` in discord.js `rest.api` (or the bot's
 * `DISCORD_API_URL`), log in with `token`, and `await close()` at the end.
 */
export class DiscordEmulator {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: EmulatedUser;
  readonly guilds: EmulatedGuild[];
  readonly shardCount: number;
  readonly interactionDeadlineMs: number;
  /** Every HTTP request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Requests no emulated route matched (answered 404/405). A bot test should expect this to stay empty. */
  readonly unknownRoutes: { method: string; path: string }[] = [];
  /** Requests answered with a 4xx by route logic (validation, 40060, 10062, 401, …), with the rejected payload. */
  readonly rejected: RejectedRequest[] = [];
  /** Dispatched interactions by id. */
  readonly interactions = new Map<string, InteractionHandle>();
  /** Registered application commands: `commands.global` and `commands.guilds.get(guildId)`. */
  readonly commands: CommandRegistry;
  /** Current messages by id (deleted ones are removed and listed in `deletedMessageIds`). */
  readonly messages: Map<string, EmulatedMessage>;
  readonly deletedMessageIds: string[];
  /** Every accepted message write, with its `allowed_mentions` and who it could ping. */
  readonly writes: MessageWrite[];
  /** Accepted message writes whose payload had no `allowed_mentions`. */
  readonly missingAllowedMentions: MessageWrite[];
  /** Messages members (and other bots, and webhooks) sent with {@link postMessage}, in order. */
  readonly memberMessages: EmulatedMessage[] = [];

  readonly #responses: Responses;
  readonly #maxConcurrency: number;
  readonly #builder: InteractionBuilder;
  readonly #waiters = new Waiters();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #faults: { method: string; path: string | RegExp; fault: Fault }[] = [];
  readonly #server = createServer((req, res) => void this.#onRequest(req, res));
  readonly #gateway: Gateway;
  readonly #routes: { method: string; pattern: string[]; auth: boolean; handler: Handler }[] = [];
  readonly #appPermissions: bigint;
  readonly #channelPermissions = new Map<string, bigint>();
  #port = 0;

  constructor(options: EmulatorOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.applicationId = options.applicationId ?? DEFAULT_APPLICATION_ID;
    this.guilds = (options.guilds ?? [{ id: DEFAULT_GUILD_ID, name: 'Emulated Guild' }]).map((g) => ({
      id: g.id,
      name: g.name,
      channels: g.channels ?? [
        { id: g.id === DEFAULT_GUILD_ID ? DEFAULT_CHANNEL_ID : snowflake(), name: 'general' },
      ],
      roles: g.roles ?? [],
    }));
    this.shardCount = options.shards ?? 1;
    this.#maxConcurrency = options.maxConcurrency ?? 16;
    this.interactionDeadlineMs = options.interactionDeadlineMs ?? 3000;
    this.commands = new CommandRegistry(this.applicationId, (id) => this.guilds.some((g) => g.id === id));
    this.#appPermissions = BigInt(options.appPermissions ?? DEFAULT_MEMBER_PERMISSIONS);
    this.#builder = new InteractionBuilder({
      applicationId: this.applicationId,
      guilds: this.guilds,
      appPermissions: (channelId) => this.botPermissions(channelId).toString(),
      findCommand: (name, guildId, type) => this.commands.find(name, guildId, type),
    });
    this.botUser = this.#builder.user({
      id: options.botUser?.id ?? this.applicationId,
      username: options.botUser?.username ?? 'Emulated Bot',
      bot: true,
    });
    this.#responses = new Responses({
      applicationId: this.applicationId,
      botUser: this.botUser,
      deadlineMs: this.interactionDeadlineMs,
      interactions: this.interactions,
      attachmentBase: () => `http://127.0.0.1:${this.#port}/attachments`,
      channel: (id) => this.#channel(id),
      botPermissions: (id) => this.botPermissions(id),
    });
    this.messages = this.#responses.messages;
    this.deletedMessageIds = this.#responses.deletedMessageIds;
    this.writes = this.#responses.writes;
    this.missingAllowedMentions = this.#responses.missingAllowedMentions;
    this.#gateway = new Gateway({
      token: this.token,
      url: () => this.gatewayUrl,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
      greeting: (shard) => ({
        ready: readyPayload(this.botUser, this.applicationId),
        guilds: this.guilds
          .filter((g) => shardOf(g.id, shard[1]) === shard[0])
          .map((g) => guildCreate(g, this.botUser)),
      }),
      onChange: () => this.#waiters.notify(),
      newSessionId: () => randomBytes(16).toString('hex'),
    });
    this.#server.on('upgrade', (req, socket, head) => this.#gateway.handleUpgrade(req, socket, head));
    this.#defineRoutes();
  }

  /** The REST base for discord.js `rest.api`: `http://127.0.0.1:PORT/api` (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  /** The gateway URL returned by GET /gateway/bot. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  /** A fresh snapshot of the gateway counters and sessions. */
  get gateway(): GatewayStats {
    const g = this.#gateway;
    return {
      connections: g.connections,
      identifies: g.identifies,
      resumes: g.resumeAttempts,
      heartbeats: g.heartbeats,
      sessions: g.sessions,
      identifyPayloads: g.identifyPayloads,
    };
  }

  /** @internal Binds the HTTP server to an ephemeral loopback port; {@link startEmulator} calls it. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  /** Terminates every socket, stops both servers, clears timers, and fails pending waits. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#waiters.cancelAll('The emulator was closed');
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /**
   * Waits until `probe` returns something other than `undefined`/`null`/`false`, re-checked on every change and
   * every 10 ms, and resolves with that value. Default timeout 5000 ms.
   */
  waitFor<T>(probe: Probe<T>, timeoutMs = 5000, what = 'condition'): Promise<T> {
    return this.#waiters.wait(probe, timeoutMs, what);
  }

  // ---- fault injection ----

  /** Terminates gateway sockets without a close frame (all, or one shard's); the client should RESUME. */
  dropSocket(shardId?: number): number {
    return this.#gateway.dropSockets(shardId);
  }

  /** Stops answering heartbeats on every connection until {@link resumeHeartbeatAcks}. */
  stopHeartbeatAcks(): void {
    this.#gateway.acksStopped = true;
  }

  resumeHeartbeatAcks(): void {
    this.#gateway.acksStopped = false;
  }

  /**
   * Answers the next request matching `method` (or `*`) and `path` (substring of, or RegExp tested on, the decoded
   * path such as `/api/v10/interactions/1/tok/callback`) with `fault`, once. Several calls queue several faults.
   */
  failNext(method: string, path: string | RegExp, fault: Fault): void {
    this.#faults.push({ method: method.toUpperCase(), path, fault });
  }

  // ---- the bot's permissions ----

  /** The bot's permissions in a channel: `appPermissions` unless {@link setBotPermissions} changed them. */
  botPermissions(channelId: string): bigint {
    return this.#channelPermissions.get(channelId) ?? this.#appPermissions;
  }

  /**
   * Sets what the bot may do in one channel (a bitfield, see {@link PERMISSION}), as a server admin would with a
   * channel override: it changes `app_permissions`, whether the bot sees messages there, and whether its posts are
   * refused (403 50001 / 50013 / 160002).
   */
  setBotPermissions(channelId: string, permissions: bigint): void {
    this.#channelPermissions.set(channelId, permissions);
  }

  // ---- members talking in channels ----

  /**
   * A member (or a bot, or a webhook) sends a message. It is stored, so the bot can reply to it and message menus
   * can target it, and delivered as MESSAGE_CREATE when Discord would: in a guild the bot is in, to a session with
   * the GUILD_MESSAGES intent, in a channel the bot can view — with the text blanked unless the session has the
   * MESSAGE_CONTENT intent or the message mentions the bot.
   */
  postMessage(input: MessageInput): { message: EmulatedMessage; delivered: boolean } {
    const hosted = (id: string | undefined) => this.guilds.find((g) => g.channels.some((c) => c.id === id));
    const guildId =
      input.guildId !== undefined
        ? input.guildId
        : (hosted(input.channelId)?.id ?? this.guilds[0]?.id ?? null);
    const guild = this.guilds.find((g) => g.id === guildId);
    const channelId = input.channelId ?? guild?.channels[0]?.id ?? snowflake();
    if (guild && !guild.channels.some((c) => c.id === channelId))
      throw new Error(`Guild ${guild.id} has no channel ${channelId}`);
    const author = input.webhook
      ? this.#builder.user({ id: snowflake(), username: 'Captain Hook', ...input.author })
      : this.#builder.user(
          input.author?.id
            ? { ...input.author, id: input.author.id }
            : { username: 'tester', ...input.author, id: DEFAULT_USER_ID },
        );
    const referenced = input.replyTo === undefined ? undefined : this.#message(input.replyTo);
    const message = memberMessage(
      input,
      { channelId, guildId: guildId ?? undefined },
      author,
      (id) => (id === this.botUser.id ? this.botUser : this.#builder.user({ id })),
      referenced,
    );
    this.messages.set(message.id, message);
    this.memberMessages.push(message);
    if (!guild) return { message, delivered: false };
    const session = this.#gateway.ownerOf(guild.id);
    if (!session) throw new Error(`No gateway session owns guild ${guild.id}: has the client logged in?`);
    const payload = messageCreateFor(
      message,
      session.intents,
      this.botUser.id,
      this.botPermissions(channelId),
      input.roles ?? [],
    );
    if (payload) this.#gateway.dispatch(guild.id, 'MESSAGE_CREATE', payload);
    return { message, delivered: payload !== undefined };
  }

  /** The bot's channel messages that reply to `messageId`. */
  repliesTo(messageId: string): MessageWrite[] {
    return this.writes.filter((w) => {
      const ref = w.message.message_reference;
      return w.kind === 'channelMessage' && isRecord(ref) && ref.message_id === messageId;
    });
  }

  // ---- dispatching interactions ----

  /** Dispatches a chat-input command interaction. Throws if no gateway session owns the guild. */
  command(input: CommandInput): InteractionHandle {
    return this.#dispatch(2, input, (guildId) => this.#builder.commandData(input, guildId));
  }

  /** Dispatches an autocomplete interaction for the option named `input.focused`. */
  autocomplete(input: AutocompleteInput): InteractionHandle {
    return this.#dispatch(4, input, (guildId) => this.#builder.commandData(input, guildId, input.focused));
  }

  /**
   * Dispatches a message command (Apps → `name`) on a stored message, with the message in `resolved.messages`.
   * Defaults the place to the message's guild and channel, or a DM with the bot for a message outside any guild.
   */
  messageCommand(input: MessageCommandInput): InteractionHandle {
    const message = this.#message(input.messageId);
    return this.#dispatch(
      2,
      input,
      (guildId) => this.#builder.messageCommandData(input, message, guildId),
      message,
    );
  }

  /** Dispatches a button press; the button must exist on the stored message and be enabled. */
  button(input: ComponentInput): InteractionHandle {
    const message = this.#message(input.messageId);
    const data = this.#builder.buttonData(message, input);
    return this.#dispatch(3, input, () => data, message);
  }

  /** Dispatches a select-menu choice on a stored message. */
  select(input: SelectInput): InteractionHandle {
    const message = this.#message(input.messageId);
    const data = this.#builder.selectData(message, input);
    return this.#dispatch(3, input, () => data, message);
  }

  /** Dispatches a modal submission with the given text input values. */
  modalSubmit(input: ModalSubmitInput): InteractionHandle {
    const message = input.messageId === undefined ? undefined : this.#message(input.messageId);
    return this.#dispatch(5, input, () => this.#builder.modalData(input), message);
  }

  #message(id: string): EmulatedMessage {
    const message = this.messages.get(id);
    if (!message) throw new Error(`No message ${id} in the emulator (deleted, or never sent)`);
    return message;
  }

  #dispatch(type: number, actor: Actor, data: (guildId: string | null) => Json, message?: EmulatedMessage) {
    // A component inherits where its message's interaction came from (a DM, a member's own install).
    const origin =
      type === 3 || type === 5
        ? [...this.interactions.values()].find((h) => message && h.messageIds.has(message.id))?.payload
        : undefined;
    const built = this.#builder.build(type, actor, data, message, origin);
    // Throws when no session owns the guild, before anything is registered.
    this.#gateway.dispatch(built.guildId, 'INTERACTION_CREATE', built.payload);
    const handle = new InteractionHandle(
      built.id,
      built.token,
      built.payload,
      Date.now(),
      new Set(),
      this.#waiters,
      (id) => this.messages.get(id),
    );
    this.interactions.set(handle.id, handle);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      handle.expire(this.interactionDeadlineMs);
      this.#waiters.notify();
    }, this.interactionDeadlineMs);
    this.#timers.add(timer);
    return handle;
  }

  // ---- HTTP ----

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    let path = url.pathname;
    try {
      // discord.js sends @original as %40original; routes and records use the decoded path.
      path = decodeURIComponent(url.pathname);
    } catch {}
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      status: 0,
      injected: false,
      at: Date.now(),
    };
    this.requests.push(record);
    const ctx: Context = {
      method,
      path,
      query: url.searchParams,
      body: undefined,
      files: [],
      authorized: req.headers.authorization === `Bot ${this.token}`,
    };
    let reply: Reply;
    try {
      const parsed = parseBody(await readBody(req), req.headers['content-type']);
      ctx.body = record.body = parsed.body;
      ctx.files = parsed.files;
      record.files = parsed.files.map((f) => f.filename);
      reply = this.#takeFault(method, path, record) ?? this.#route(ctx);
    } catch (error) {
      reply =
        error instanceof SyntaxError
          ? apiError(400, 50109, 'The request body contains invalid JSON.')
          : apiError(500, 0, `500: Internal Server Error (emulator: ${String(error)})`);
    }
    record.status = reply.status;
    if (
      reply.status >= 400 &&
      reply.status < 500 &&
      !record.injected &&
      !ctx.unknownRoute &&
      isRecord(reply.body)
    ) {
      const rejection: RejectedRequest = {
        method,
        path,
        status: reply.status,
        code: typeof reply.body.code === 'number' ? reply.body.code : 0,
        error: reply.body,
        payload: ctx.body,
        at: Date.now(),
      };
      if (ctx.interaction) rejection.interactionId = ctx.interaction.id;
      this.rejected.push(rejection);
      ctx.interaction?.rejected.push(rejection);
    }
    const headers: Record<string, string> = { ...reply.headers };
    let text: string | undefined;
    if (reply.body !== undefined && reply.status !== 204) {
      text = JSON.stringify(reply.body);
      headers['Content-Type'] = 'application/json';
    }
    res.writeHead(reply.status, headers);
    res.end(text);
    this.#waiters.notify();
  }

  #takeFault(method: string, path: string, record: RecordedRequest): Reply | undefined {
    const index = this.#faults.findIndex(
      (f) =>
        (f.method === '*' || f.method === method) &&
        (typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path)),
    );
    const entry = this.#faults[index];
    if (!entry) return undefined;
    this.#faults.splice(index, 1);
    record.injected = true;
    return faultReply(entry.fault);
  }

  #route(ctx: Context): Reply {
    const prefix = '/api/v10/';
    const segments = ctx.path.startsWith(prefix) ? ctx.path.slice(prefix.length).split('/') : [];
    let pathMatched = false;
    for (const route of this.#routes) {
      const params = matchRoute(route.pattern, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== ctx.method) continue;
      if (route.auth && !ctx.authorized) return apiError(401, 0, '401: Unauthorized');
      return route.handler(ctx, params);
    }
    this.unknownRoutes.push({ method: ctx.method, path: ctx.path });
    ctx.unknownRoute = true;
    return pathMatched ? apiError(405, 0, '405: Method Not Allowed') : apiError(404, 0, '404: Not Found');
  }

  #defineRoutes(): void {
    const on = (method: string, pattern: string, auth: boolean, handler: Handler) =>
      this.#routes.push({ method, pattern: pattern.split('/'), auth, handler });

    on('GET', 'gateway', false, () => ({ status: 200, body: { url: this.gatewayUrl } }));
    on('GET', 'gateway/bot', true, () => ({
      status: 200,
      body: {
        url: this.gatewayUrl,
        shards: this.shardCount,
        session_start_limit: {
          total: 1000,
          remaining: Math.max(0, 1000 - this.#gateway.identifies),
          reset_after: 14_400_000,
          max_concurrency: this.#maxConcurrency,
        },
      },
    }));
    on('GET', 'users/@me', true, () => ({
      status: 200,
      body: { ...this.botUser, bot: true, verified: true, mfa_enabled: false, flags: 0 },
    }));
    on('GET', 'applications/@me', true, () => ({
      status: 200,
      body: applicationObject(this.applicationId, this.botUser, this.guilds.length),
    }));

    const commands = this.commands;
    for (const scope of ['applications/:app/commands', 'applications/:app/guilds/:guild/commands']) {
      on('GET', scope, true, (ctx, p) => commands.list(ctx, p));
      on('PUT', scope, true, (ctx, p) => commands.put(ctx, p));
      on('POST', scope, true, (ctx, p) => commands.post(ctx, p));
      on('GET', `${scope}/:command`, true, (ctx, p) => commands.get(ctx, p));
      on('DELETE', `${scope}/:command`, true, (ctx, p) => commands.delete(ctx, p));
    }

    const responses = this.#responses;
    // Interaction and webhook routes are authenticated by the token in the path, not by a header.
    on('POST', 'interactions/:id/:token/callback', false, (ctx, p) => responses.callback(ctx, p));
    on('POST', 'webhooks/:app/:token', false, (ctx, p) => responses.followUp(ctx, p));
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      on(method, 'webhooks/:app/:token/messages/:message', false, (ctx, p) =>
        responses.webhookMessage(ctx, p),
      );
    }

    on('GET', 'channels/:channel', true, (_ctx, p) => {
      const found = this.#channel(p.channel ?? '');
      return found ? { status: 200, body: found } : apiError(404, 10003, 'Unknown Channel');
    });
    on('POST', 'channels/:channel/messages', true, (ctx, p) => responses.channelMessage(ctx, p));
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      on(method, 'channels/:channel/messages/:message', true, (ctx, p) => {
        const message = this.messages.get(p.message ?? '');
        if (!message || message.channel_id !== p.channel) return unknownMessage();
        return responses.messageOperation(ctx, message, undefined);
      });
    }
  }

  #channel(id: string): Json | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === id);
      if (channel) return channelObject(guild, channel);
    }
    return undefined;
  }
}

/** Starts an emulator on an ephemeral 127.0.0.1 port. Always `await emu.close()` when done. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
  const emulator = new DiscordEmulator(options);
  await emulator.listen();
  return emulator;
}
