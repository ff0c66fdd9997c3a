import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

/** What the gateway needs from the rest of the emulator to greet a shard. */
export interface GatewayConfig {
  token: string;
  /** `ws://127.0.0.1:PORT`, sent back as `resume_gateway_url`. */
  url: () => string;
  heartbeatIntervalMs: number;
  /** The READY payload (without `session_id`/`resume_gateway_url`/`shard`) and the full guilds of one shard. */
  greeting: (shard: readonly [number, number]) => {
    ready: Record<string, unknown>;
    guilds: { id: string }[];
  };
  /** Called after anything a test might wait for (identify, resume, close). */
  onChange: () => void;
  newSessionId: () => string;
}

/** One gateway session as a test sees it. */
export interface SessionInfo {
  sessionId: string;
  shard: readonly [number, number];
  /** Guilds sent to this session in GUILD_CREATE. */
  guildIds: string[];
  /** Successful RESUMEs of this session. */
  resumes: number;
  /** Whether a socket is attached right now. */
  connected: boolean;
  /** Closed by the client with 1000/1001, which ends a session for good on Discord. */
  ended: boolean;
  /** The intents bitfield the client identified with. */
  intents: number;
}

interface Packet {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  info: SessionInfo;
  seq: number;
  /** Dispatches kept for replay on RESUME; Discord keeps a bounded backlog too. */
  log: Packet[];
  socket: WebSocket | null;
}

const MAX_LOG = 500;

/** Which shard of `shardCount` owns a guild: Discord's `(guild_id >> 22) % num_shards`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * The WebSocket half of the emulator: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay,
 * and routing of dispatches to the session of the shard that owns a guild.
 */
export class Gateway {
  identifies = 0;
  resumeAttempts = 0;
  heartbeats = 0;
  connections = 0;
  /** When true, heartbeats go unanswered, so discord.js treats the connection as a zombie and resumes. */
  acksStopped = false;
  /** Every IDENTIFY `d` received (token included: it is the emulator's fake token). */
  readonly identifyPayloads: Record<string, unknown>[] = [];
  readonly #sessions: Session[] = [];
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #config: GatewayConfig;

  constructor(config: GatewayConfig) {
    this.#config = config;
    this.#wss.on('connection', (ws: WebSocket, req: IncomingMessage) => this.#onConnection(ws, req));
  }

  get sessions(): SessionInfo[] {
    return this.#sessions.map((s) => s.info);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#wss.emit('connection', ws, req));
  }

  /**
   * Sends a dispatch to the live session owning `guildId` (shard 0 for DMs). If its socket is down the packet is
   * only logged, and a later RESUME replays it, as Discord does.
   */
  dispatch(guildId: string | null, t: string, d: unknown): SessionInfo {
    const owner = this.#owner(guildId);
    if (!owner) {
      throw new Error(
        `No gateway session owns ${guildId === null ? 'DMs' : `guild ${guildId}`}: has the client logged in (and not been destroyed)?`,
      );
    }
    this.#send(owner, t, d);
    return owner.info;
  }

  /** The live session owning `guildId` (shard 0 for DMs), if any. */
  ownerOf(guildId: string | null): SessionInfo | undefined {
    return this.#owner(guildId)?.info;
  }

  #owner(guildId: string | null): Session | undefined {
    return this.#sessions.findLast(
      (s) => !s.info.ended && (guildId === null ? 0 : shardOf(guildId, s.info.shard[1])) === s.info.shard[0],
    );
  }

  /** Terminates open sockets abruptly (no close frame), optionally only those of one shard. Returns how many. */
  dropSockets(shardId?: number): number {
    let dropped = 0;
    for (const session of this.#sessions) {
      if (session.socket && (shardId === undefined || session.info.shard[0] === shardId)) {
        session.socket.terminate();
        dropped += 1;
      }
    }
    return dropped;
  }

  close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    return new Promise((resolve) => this.#wss.close(() => resolve()));
  }

  #onConnection(ws: WebSocket, req: IncomingMessage): void {
    this.connections += 1;
    const params = new URL(req.url ?? '/', 'ws://127.0.0.1').searchParams;
    if (params.has('v') && params.get('v') !== '10') {
      ws.close(4012, 'Invalid API version.');
      return;
    }
    if (params.has('encoding') && params.get('encoding') !== 'json') {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    let session: Session | null = null;
    ws.on('message', (raw) => {
      let packet: unknown;
      try {
        packet = JSON.parse(raw.toString());
      } catch {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      const { op, d } = (packet ?? {}) as { op?: unknown; d?: unknown };
      const data = (d ?? {}) as Record<string, unknown>;
      switch (op) {
        case 1:
          this.heartbeats += 1;
          if (!this.acksStopped) ws.send(JSON.stringify({ op: 11 }));
          return;
        case 2:
          if (session) ws.close(4005, 'Already authenticated.');
          else session = this.#identify(ws, data);
          return;
        case 6:
          if (session) ws.close(4005, 'Already authenticated.');
          else session = this.#resume(ws, data);
          return;
        case 3:
        case 4:
        case 8:
          if (!session) ws.close(4003, 'Not authenticated.');
          return;
        default:
          ws.close(4001, 'Unknown opcode.');
      }
    });
    ws.on('close', (code) => {
      if (session && session.socket === ws) {
        session.socket = null;
        session.info.connected = false;
        // A clean close tells Discord the client is gone; anything else (zombie 4200, dropped 1006) can resume.
        if (code === 1000 || code === 1001) session.info.ended = true;
      }
      this.#config.onChange();
    });
    ws.send(
      JSON.stringify({
        op: 10,
        s: null,
        t: null,
        d: { heartbeat_interval: this.#config.heartbeatIntervalMs },
      }),
    );
  }

  #identify(ws: WebSocket, d: Record<string, unknown>): Session | null {
    this.identifies += 1;
    this.identifyPayloads.push(d);
    if (d.token !== this.#config.token) {
      ws.close(4004, 'Authentication failed.');
      this.#config.onChange();
      return null;
    }
    const requested = Array.isArray(d.shard) ? d.shard : [0, 1];
    const [id, count] = requested;
    if (typeof id !== 'number' || typeof count !== 'number' || count < 1 || id < 0 || id >= count) {
      ws.close(4010, 'Invalid shard.');
      this.#config.onChange();
      return null;
    }
    const shard = [id, count] as const;
    const { ready, guilds } = this.#config.greeting(shard);
    const session: Session = {
      info: {
        sessionId: this.#config.newSessionId(),
        shard,
        guildIds: guilds.map((g) => g.id),
        resumes: 0,
        connected: true,
        ended: false,
        intents: typeof d.intents === 'number' ? d.intents : 0,
      },
      seq: 0,
      log: [],
      socket: ws,
    };
    this.#sessions.push(session);
    this.#send(session, 'READY', {
      ...ready,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.info.sessionId,
      resume_gateway_url: this.#config.url(),
      shard,
    });
    for (const guild of guilds) this.#send(session, 'GUILD_CREATE', guild);
    this.#config.onChange();
    return session;
  }

  #resume(ws: WebSocket, d: Record<string, unknown>): Session | null {
    this.resumeAttempts += 1;
    if (d.token !== this.#config.token) {
      ws.close(4004, 'Authentication failed.');
      this.#config.onChange();
      return null;
    }
    const session = this.#sessions.find((s) => s.info.sessionId === d.session_id && !s.info.ended);
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (!session || seq > session.seq) {
      // d:false tells the client the session cannot be resumed; it then reconnects and identifies afresh.
      ws.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
      this.#config.onChange();
      return null;
    }
    const previous = session.socket;
    session.socket = ws;
    session.info.connected = true;
    if (previous && previous !== ws) previous.terminate();
    for (const packet of session.log) if (packet.s > seq) ws.send(JSON.stringify(packet));
    session.info.resumes += 1;
    this.#send(session, 'RESUMED', null);
    this.#config.onChange();
    return session;
  }

  #send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const packet: Packet = { op: 0, t, s: session.seq, d };
    session.log.push(packet);
    if (session.log.length > MAX_LOG) session.log.shift();
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(packet));
  }
}
