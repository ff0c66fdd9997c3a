import type { APIEmbed } from 'discord.js';

/** A plain JSON object. */
export type Json = Record<string, unknown>;

/** A Discord user object as the emulator sends it. */
export interface EmulatedUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
  public_flags?: number;
}

/** A message component as the bot sent it; loose so tests can read any field without narrowing unions. */
export interface EmulatedComponent {
  type: number;
  custom_id?: string;
  label?: string;
  style?: number;
  url?: string;
  disabled?: boolean;
  placeholder?: string;
  min_values?: number;
  max_values?: number;
  options?: { label: string; value: string; description?: string; default?: boolean }[];
  components?: EmulatedComponent[];
  [key: string]: unknown;
}

/** A message object shaped like Discord's (what discord.js receives), kept current as it is edited. */
export interface EmulatedMessage {
  id: string;
  type: number;
  channel_id: string;
  guild_id?: string;
  author: EmulatedUser;
  content: string;
  embeds: APIEmbed[];
  components: EmulatedComponent[];
  attachments: Json[];
  mentions: EmulatedUser[];
  mention_roles: string[];
  mention_everyone: boolean;
  pinned: boolean;
  tts: boolean;
  timestamp: string;
  edited_timestamp: string | null;
  /** Bit 64 = ephemeral, 128 = loading (deferred, not yet edited), 4 = embeds suppressed. */
  flags: number;
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: Json;
  [key: string]: unknown;
}

/** An application command as stored and returned by the emulator (the definition plus Discord's fields). */
export interface StoredCommand extends Json {
  id: string;
  application_id: string;
  type: number;
  name: string;
  description: string;
  guild_id?: string;
  options?: Json[];
}

/** An autocomplete choice the bot offered. */
export interface Choice {
  name: string;
  value: string | number;
}

/** An accepted interaction callback. */
export interface CallbackRecord {
  type: number;
  data: Json | undefined;
  at: number;
  /** For types 4, 5 and 7: the message as it looked right after this callback (a snapshot). */
  message?: EmulatedMessage;
}

/** Who a message write could notify, after applying its `allowed_mentions` to the mentions in its content. */
export interface Pings {
  users: string[];
  roles: string[];
  everyone: boolean;
}

/** One accepted write of a message: reply (type 4), update (type 7), follow-up, edit, or channel message. */
export interface MessageWrite {
  kind: 'reply' | 'update' | 'followUp' | 'edit' | 'channelMessage';
  method: string;
  path: string;
  interactionId?: string;
  messageId: string;
  payload: Json;
  /** The payload's `allowed_mentions`, `undefined` when it had none (Discord then parses every mention). */
  allowedMentions: Json | undefined;
  /** Computed from this write's content; note that Discord never notifies on edits. */
  pings: Pings;
  /** The message right after this write (a snapshot). */
  message: EmulatedMessage;
  at: number;
}

/** Every HTTP request the emulator received. */
export interface RecordedRequest {
  method: string;
  /** Decoded path, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Names of uploaded files (multipart requests). */
  files: string[];
  status: number;
  /** True when `failNext` answered it. */
  injected: boolean;
  at: number;
}

/** A request the emulator answered with a 4xx error (validation, already acknowledged, expired, …). */
export interface RejectedRequest {
  method: string;
  path: string;
  status: number;
  /** Discord's JSON error code, e.g. 50035, 40060, 10062. */
  code: number;
  /** The whole error body sent back (with the nested `errors` for 50035). */
  error: Json;
  /** The request body that was rejected. */
  payload: unknown;
  interactionId?: string;
  at: number;
}

/** Something a test can wait on: return `undefined`, `null` or `false` for "not yet", anything else to finish. */
export type Probe<T> = () => T | undefined | null | false;

const POLL_MS = 10;

/** Waiters re-checked whenever the emulator records something (and every few ms), so tests wait on state, not sleep. */
export class Waiters {
  readonly #pending = new Set<{ check: () => void; cancel: (error: Error) => void }>();

  wait<T>(probe: Probe<T>, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        check: () => {
          let value: T | undefined | null | false;
          try {
            value = probe();
          } catch (error) {
            finish();
            reject(error);
            return;
          }
          if (value !== undefined && value !== null && value !== false) {
            finish();
            resolve(value);
          }
        },
        cancel: (error: Error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      // Probes may also read state outside the emulator (e.g. what the bot recorded), so poll as well.
      const poll = setInterval(() => waiter.check(), POLL_MS);
      const finish = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.#pending.delete(waiter);
      };
      this.#pending.add(waiter);
      waiter.check();
    });
  }

  notify(): void {
    for (const waiter of [...this.#pending]) waiter.check();
  }

  cancelAll(reason: string): void {
    for (const waiter of [...this.#pending]) waiter.cancel(new Error(reason));
  }
}

/** What the bot showed for an interaction: a message, autocomplete choices, or a modal. */
export type Visible =
  | { type: 'message'; message: EmulatedMessage }
  | { type: 'choices'; choices: Choice[] }
  | { type: 'modal'; modal: Json };

const DEFAULT_WAIT_MS = 5000;

/**
 * What a test gets back from dispatching an interaction: everything the bot did in answer to it, and ways to wait
 * for it. Messages handed out are snapshots; `original()` and `emulator.messages` hold the current state.
 */
export class InteractionHandle {
  /** The first accepted callback. Rejects once the deadline passes without one (with any rejection reasons). */
  readonly callback: Promise<CallbackRecord>;
  /** Accepted callbacks (at most one: a second is answered 40060 and lands in `rejected`). */
  readonly callbacks: CallbackRecord[] = [];
  /** Follow-up messages as created (the first one after a defer fills the deferred message, as on Discord). */
  readonly followUps: EmulatedMessage[] = [];
  /** Edits of @original or of follow-ups. */
  readonly edits: MessageWrite[] = [];
  /** All message writes for this interaction, in order. */
  readonly writes: MessageWrite[] = [];
  /** Requests for this interaction answered with a 4xx. */
  readonly rejected: RejectedRequest[] = [];
  /** Id of the message `@original` refers to (the reply, or the message a component sits on). */
  originalMessageId: string | undefined;
  /** True once the response deadline passed without an accepted callback. */
  expired = false;
  #resolve!: (record: CallbackRecord) => void;
  #reject!: (error: Error) => void;

  constructor(
    readonly id: string,
    readonly token: string,
    /** The INTERACTION_CREATE `d` as dispatched. */
    readonly payload: Json,
    readonly createdAt: number,
    /** Messages this interaction's webhook may read, edit or delete: @original and the follow-ups. */
    readonly messageIds: Set<string>,
    private readonly waiters: Waiters,
    private readonly lookup: (id: string) => EmulatedMessage | undefined,
  ) {
    this.callback = new Promise<CallbackRecord>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A test that never awaits `callback` must not get an unhandled rejection when the deadline passes.
    this.callback.catch(() => {});
  }

  get acknowledged(): boolean {
    return this.callbacks.length > 0;
  }

  /** @internal Called by the emulator when a callback is accepted. */
  accept(record: CallbackRecord): void {
    this.callbacks.push(record);
    this.#resolve(record);
  }

  /** @internal Called by the emulator when the deadline passes unanswered. */
  expire(deadlineMs: number): void {
    if (this.acknowledged) return;
    this.expired = true;
    const reasons = this.rejected.map((r) => `${r.status} ${r.code} ${JSON.stringify(r.error)}`).join('; ');
    this.#reject(
      new Error(
        `Interaction ${this.id} was not acknowledged within ${deadlineMs} ms${reasons ? ` (rejected: ${reasons})` : ''}`,
      ),
    );
  }

  /** The current state of the `@original` message, if there is one. */
  original(): EmulatedMessage | undefined {
    return this.originalMessageId === undefined ? undefined : this.lookup(this.originalMessageId);
  }

  /** Waits until `probe` returns something other than `undefined`/`null`/`false`, re-checked on every change. */
  waitFor<T>(probe: Probe<T>, timeoutMs = DEFAULT_WAIT_MS, what = 'condition'): Promise<T> {
    return this.waiters.wait(probe, timeoutMs, `${what} of interaction ${this.id}`);
  }

  /** Waits for the follow-up number `index` (0-based). */
  waitForFollowUp(index = 0, timeoutMs = DEFAULT_WAIT_MS): Promise<EmulatedMessage> {
    return this.waitFor(() => this.followUps[index], timeoutMs, `follow-up #${index}`);
  }

  /** Waits for the edit number `index` (0-based) of @original or a follow-up. */
  waitForEdit(index = 0, timeoutMs = DEFAULT_WAIT_MS): Promise<MessageWrite> {
    return this.waitFor(() => this.edits[index], timeoutMs, `edit #${index}`);
  }

  /**
   * What the user first sees: for a reply (4) or update (7) the message it produced; after a defer (5, 6) the first
   * edit of @original or the first follow-up; for autocomplete (8) the choices; for a modal (9) its data.
   */
  async visible(timeoutMs = DEFAULT_WAIT_MS): Promise<Visible> {
    const first = await this.waitFor(
      () => {
        if (this.expired) throw new Error(`Interaction ${this.id} expired without an accepted callback`);
        return this.callbacks[0];
      },
      timeoutMs,
      'a callback',
    );
    switch (first.type) {
      case 4:
      case 7:
        if (!first.message) throw new Error(`Callback ${first.type} carried no message`);
        return { type: 'message', message: first.message };
      case 5:
      case 6: {
        const write = await this.waitFor(
          () => this.writes.find((w) => w.kind === 'edit' || w.kind === 'followUp'),
          timeoutMs,
          'an edit or follow-up after the deferral',
        );
        return { type: 'message', message: write.message };
      }
      case 8: {
        const choices = first.data?.choices;
        return { type: 'choices', choices: Array.isArray(choices) ? (choices as Choice[]) : [] };
      }
      default:
        return { type: 'modal', modal: first.data ?? {} };
    }
  }

  /** The visible message (see `visible`); fails if the bot answered with choices or a modal instead. */
  async reply(timeoutMs = DEFAULT_WAIT_MS): Promise<EmulatedMessage> {
    const shown = await this.visible(timeoutMs);
    if (shown.type !== 'message') throw new Error(`Interaction ${this.id} was answered with a ${shown.type}`);
    return shown.message;
  }

  /** The autocomplete choices (callback type 8); fails for any other answer. */
  async choices(timeoutMs = DEFAULT_WAIT_MS): Promise<Choice[]> {
    const shown = await this.visible(timeoutMs);
    if (shown.type !== 'choices') throw new Error(`Interaction ${this.id} was answered with a ${shown.type}`);
    return shown.choices;
  }
}
