/** Interaction callbacks, follow-ups, message edits and channel messages: validated, applied and recorded. */
import {
  FormErrors,
  isEmptyMessage,
  isRecord,
  validateAutocomplete,
  validateMessage,
  validateModal,
} from './discord-limits.js';
import { checkReference, isForcedEphemeral, missingPermission, withRepliedUser } from './emulator-chat.js';
import {
  apiError,
  type Context,
  emptyMessage,
  formError,
  type Reply,
  unknownInteraction,
  unknownMessage,
  unknownWebhook,
} from './emulator-http.js';
import { applyPayload, computePings, EPHEMERAL, LOADING, newMessage } from './emulator-messages.js';
import type {
  CallbackRecord,
  EmulatedMessage,
  EmulatedUser,
  InteractionHandle,
  Json,
  MessageWrite,
} from './emulator-records.js';

type Params = Record<string, string>;

const FIFTEEN_MINUTES = 15 * 60 * 1000;

// Callback types Discord accepts per interaction type (command, component, autocomplete, modal submit).
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

interface ResponsesConfig {
  applicationId: string;
  botUser: EmulatedUser;
  deadlineMs: number;
  interactions: Map<string, InteractionHandle>;
  attachmentBase: () => string;
  channel: (id: string) => Json | undefined;
  /** The bot's permissions in a channel, which decide whether its channel messages are refused. */
  botPermissions: (channelId: string) => bigint;
}

/** Holds every message the bot created and every write to them, and answers the routes that make them. */
export class Responses {
  readonly messages = new Map<string, EmulatedMessage>();
  readonly deletedMessageIds: string[] = [];
  readonly writes: MessageWrite[] = [];
  readonly missingAllowedMentions: MessageWrite[] = [];

  constructor(private readonly config: ResponsesConfig) {}

  /** POST /interactions/{id}/{token}/callback. */
  callback(ctx: Context, params: Params): Reply {
    const handle = this.config.interactions.get(params.id ?? '');
    if (!handle || handle.token !== params.token) return unknownInteraction();
    ctx.interaction = handle;
    if (handle.acknowledged) return apiError(400, 40060, 'Interaction has already been acknowledged.');
    if (handle.expired || Date.now() - handle.createdAt > this.config.deadlineMs) return unknownInteraction();
    const body = isRecord(ctx.body) ? ctx.body : {};
    const data = isRecord(body.data) ? body.data : undefined;
    const allowed = ALLOWED_CALLBACKS[handle.payload.type as number] ?? [];
    const type = typeof body.type === 'number' ? body.type : -1;
    const errors = new FormErrors();
    if (!allowed.includes(type)) {
      errors.add(['type'], {
        code: 'BASE_TYPE_CHOICES',
        message: `Value must be one of {${allowed.join(', ')}}.`,
      });
      return formError(errors);
    }
    if (type === 4 || type === 7) validateMessage(errors, ['data'], data);
    if (type === 8) validateAutocomplete(errors, ['data'], data);
    if (type === 9) validateModal(errors, ['data'], data);
    const component = handle.payload.message as EmulatedMessage | undefined;
    if ((type === 6 || type === 7) && !component) {
      errors.add(['type'], {
        code: 'INTERACTION_NO_MESSAGE',
        message: 'This interaction has no message to update',
      });
    }
    if (errors.count > 0) return formError(errors);
    if (type === 4 && isEmptyMessage(data ?? {}, ctx.files.length)) return emptyMessage();
    if ((type === 6 || type === 7) && component && !this.messages.has(component.id)) return unknownMessage();

    let message: EmulatedMessage | undefined;
    if (type === 4 || type === 5) {
      const flags = type === 5 ? LOADING | ((Number(data?.flags) || 0) & EPHEMERAL) : undefined;
      message = this.#createMessage(ctx, handle, data ?? {}, flags);
      handle.originalMessageId = message.id;
      if (type === 4) this.#recordWrite('reply', ctx, message, data ?? {}, handle);
    } else if ((type === 6 || type === 7) && component) {
      handle.originalMessageId = component.id;
      handle.messageIds.add(component.id);
      message = this.messages.get(component.id);
      if (type === 7 && message) {
        applyPayload(message, data ?? {}, ctx.files, this.config.attachmentBase(), true);
        this.#recordWrite('update', ctx, message, data ?? {}, handle);
      }
    }
    const record: CallbackRecord = { type, data, at: Date.now() };
    if (message && type !== 6) record.message = structuredClone(message);
    handle.accept(record);
    if (ctx.query.get('with_response') !== 'true') return { status: 204 };
    const resource: Json = { type };
    if (record.message) resource.message = record.message;
    return {
      status: 200,
      body: {
        interaction: {
          id: handle.id,
          type: handle.payload.type,
          activity_instance_id: null,
          response_message_id: message?.id ?? null,
          response_message_loading: type === 5,
          response_message_ephemeral: Boolean((message?.flags ?? 0) & EPHEMERAL),
        },
        resource,
      },
    };
  }

  #webhookHandle(ctx: Context, params: Params): InteractionHandle | undefined {
    if (params.app !== this.config.applicationId) return undefined;
    const handle = [...this.config.interactions.values()].find((h) => h.token === params.token);
    if (handle) ctx.interaction = handle;
    return handle;
  }

  /** POST /webhooks/{app}/{token}: a follow-up message. */
  followUp(ctx: Context, params: Params): Reply {
    const handle = this.#webhookHandle(ctx, params);
    // The interaction webhook only exists once the interaction has been acknowledged.
    if (!handle?.acknowledged) return unknownWebhook();
    if (Date.now() - handle.createdAt > FIFTEEN_MINUTES) return apiError(401, 50027, 'Invalid Webhook Token');
    const errors = new FormErrors();
    validateMessage(errors, [], ctx.body);
    if (errors.count > 0) return formError(errors);
    const payload = isRecord(ctx.body) ? ctx.body : {};
    if (isEmptyMessage(payload, ctx.files.length)) return emptyMessage();
    const original = handle.original();
    let message: EmulatedMessage;
    if (handle.callbacks[0]?.type === 5 && original && original.flags & LOADING) {
      // Discord turns the first follow-up after a deferred reply into that reply, keeping its ephemerality.
      applyPayload(original, payload, ctx.files, this.config.attachmentBase(), false);
      original.flags &= ~LOADING;
      message = original;
    } else {
      message = this.#createMessage(ctx, handle, payload, undefined);
    }
    const write = this.#recordWrite('followUp', ctx, message, payload, handle);
    handle.followUps.push(write.message);
    return ctx.query.get('wait') === 'true' ? { status: 200, body: message } : { status: 204 };
  }

  /** GET/PATCH/DELETE /webhooks/{app}/{token}/messages/{id|@original}. */
  webhookMessage(ctx: Context, params: Params): Reply {
    const handle = this.#webhookHandle(ctx, params);
    if (!handle?.acknowledged) return unknownWebhook();
    const id = params.message === '@original' ? handle.originalMessageId : params.message;
    const message = id !== undefined && handle.messageIds.has(id) ? this.messages.get(id) : undefined;
    if (!message) return unknownMessage();
    return this.messageOperation(ctx, message, handle);
  }

  /** GET, PATCH (edit) or DELETE of a stored message. */
  messageOperation(ctx: Context, message: EmulatedMessage, handle: InteractionHandle | undefined): Reply {
    if (ctx.method === 'GET') return { status: 200, body: message };
    if (ctx.method === 'DELETE') {
      this.messages.delete(message.id);
      this.deletedMessageIds.push(message.id);
      return { status: 204 };
    }
    const errors = new FormErrors();
    validateMessage(errors, [], ctx.body);
    if (errors.count > 0) return formError(errors);
    const payload = isRecord(ctx.body) ? ctx.body : {};
    const wasLoading = (message.flags & LOADING) !== 0;
    applyPayload(message, payload, ctx.files, this.config.attachmentBase(), true);
    message.flags &= ~LOADING;
    if (!wasLoading) message.edited_timestamp = new Date().toISOString();
    const write = this.#recordWrite('edit', ctx, message, payload, handle);
    handle?.edits.push(write);
    return { status: 200, body: message };
  }

  /**
   * POST /channels/{id}/messages: a message outside any interaction, with the same limit checks as interaction
   * replies, refused (403) where the bot lacks the permission, and optionally a reply (`message_reference`).
   */
  channelMessage(ctx: Context, params: Params): Reply {
    const channel = this.config.channel(params.channel ?? '');
    if (!channel) return apiError(404, 10003, 'Unknown Channel');
    const channelId = String(channel.id);
    const payload = isRecord(ctx.body) ? ctx.body : {};
    const refused = missingPermission(
      this.config.botPermissions(channelId),
      payload.message_reference != null,
    );
    if (refused) return apiError(refused.status, refused.code, refused.message);
    const errors = new FormErrors();
    validateMessage(errors, [], ctx.body);
    const replied = checkReference(errors, payload, channelId, (id) => this.messages.get(id));
    if (errors.count > 0) return formError(errors);
    if (isEmptyMessage(payload, ctx.files.length)) return emptyMessage();
    const target = {
      author: this.config.botUser,
      channelId,
      guildId: String(channel.guild_id),
      type: replied ? 19 : 0,
      attachmentBase: this.config.attachmentBase(),
    };
    const message = newMessage(target, payload, ctx.files);
    if (replied) {
      message.message_reference = {
        type: 0,
        message_id: replied.id,
        channel_id: replied.channel_id,
        guild_id: replied.guild_id,
      };
      message.referenced_message = structuredClone(replied);
    }
    this.messages.set(message.id, message);
    const write = this.#recordWrite('channelMessage', ctx, message, payload, undefined);
    if (replied) write.pings = withRepliedUser(write.pings, write.allowedMentions, replied);
    return { status: 200, body: message };
  }

  #createMessage(
    ctx: Context,
    handle: InteractionHandle,
    payload: Json,
    flags: number | undefined,
  ): EmulatedMessage {
    const p = handle.payload;
    const isCommand = p.type === 2;
    // Chat-input replies are type 20, context-menu replies type 23.
    const commandType = isCommand && isRecord(p.data) && typeof p.data.type === 'number' ? p.data.type : 1;
    const message = newMessage(
      {
        author: this.config.botUser,
        channelId: String(p.channel_id),
        guildId: typeof p.guild_id === 'string' ? p.guild_id : undefined,
        type: isCommand ? (commandType === 1 ? 20 : 23) : 0,
        attachmentBase: this.config.attachmentBase(),
      },
      payload,
      ctx.files,
    );
    if (flags !== undefined) message.flags = flags;
    if (isForcedEphemeral(p)) message.flags |= EPHEMERAL;
    message.webhook_id = this.config.applicationId;
    message.application_id = this.config.applicationId;
    message.interaction_metadata = {
      id: handle.id,
      type: p.type,
      user: isRecord(p.member) ? p.member.user : p.user,
      authorizing_integration_owners: p.authorizing_integration_owners,
      ...(isCommand && isRecord(p.data) ? { name: p.data.name, command_type: commandType } : {}),
    };
    this.messages.set(message.id, message);
    handle.messageIds.add(message.id);
    return message;
  }

  #recordWrite(
    kind: MessageWrite['kind'],
    ctx: Context,
    message: EmulatedMessage,
    payload: Json,
    handle: InteractionHandle | undefined,
  ): MessageWrite {
    const allowedMentions = isRecord(payload.allowed_mentions) ? payload.allowed_mentions : undefined;
    const write: MessageWrite = {
      kind,
      method: ctx.method,
      path: ctx.path,
      messageId: message.id,
      payload,
      allowedMentions,
      pings: computePings(typeof payload.content === 'string' ? payload.content : '', allowedMentions),
      message: structuredClone(message),
      at: Date.now(),
    };
    if (handle) write.interactionId = handle.id;
    this.writes.push(write);
    if (!allowedMentions) this.missingAllowedMentions.push(write);
    handle?.writes.push(write);
    return write;
  }
}
