/**
 * Conversations in channels, for bots that answer @mentions and message menus: member messages as Discord builds
 * them (mentions parsed from the content), MESSAGE_CREATE delivery under Discord's intent rules, replies
 * (`message_reference`), the bot's own channel permissions, and where an interaction comes from (server, DM, a
 * member's own install). Protocol facts: docs/discord-limits.md.
 */
import { type FormErrors, isRecord } from './discord-limits.js';
import { memberObject, snowflake } from './emulator-fixtures.js';
import type { EmulatedMessage, EmulatedUser, Json, Pings } from './emulator-records.js';

/** Permission bits the emulator checks. */
export const PERMISSION = {
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  readMessageHistory: 1n << 16n,
  useExternalApps: 1n << 50n,
} as const;

/** Gateway intents that change what MESSAGE_CREATE carries. */
export const INTENT = { guildMessages: 1 << 9, messageContent: 1 << 15 } as const;

/** Where an interaction is used: a server, a DM with the bot, or another DM or group DM. */
export type InteractionPlace = 'guild' | 'bot-dm' | 'private-channel';
export const CONTEXT_TYPE: Record<InteractionPlace, number> = { guild: 0, 'bot-dm': 1, 'private-channel': 2 };

/** Which installation of the app the member uses: the server's, their own account's, or both. */
export type Install = 'guild' | 'user' | 'both';

/** A message a member (or a bot, or a webhook) sends in a channel. */
export interface MessageInput {
  content: string;
  /** Default the tester (`DEFAULT_USER_ID`). */
  author?: Partial<EmulatedUser> & { id?: string };
  /** The author is a bot account. */
  bot?: boolean;
  /** Sent by a webhook (author is the webhook). */
  webhook?: boolean;
  /** Default the first guild's first channel. */
  channelId?: string;
  /** Default the guild owning `channelId`; `null` for a DM (never delivered: the bot asks for no DM intent). */
  guildId?: string | null;
  /** The author's role ids. */
  roles?: string[];
  /** A reply to this message id. */
  replyTo?: string;
}

/** Users, roles and @everyone/@here a message mentions, as Discord parses them from the content. */
export function parseMentions(
  content: string,
  user: (id: string) => EmulatedUser,
): { mentions: EmulatedUser[]; mention_roles: string[]; mention_everyone: boolean } {
  const unique = (xs: string[]) => [...new Set(xs)];
  return {
    mentions: unique([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? '')).map(user),
    mention_roles: unique([...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? '')),
    mention_everyone: /@(everyone|here)\b/.test(content),
  };
}

/** A member's message as Discord stores it. */
export function memberMessage(
  input: MessageInput,
  where: { channelId: string; guildId: string | undefined },
  author: EmulatedUser,
  user: (id: string) => EmulatedUser,
  referenced: EmulatedMessage | undefined,
): EmulatedMessage {
  const message: EmulatedMessage = {
    id: snowflake(),
    type: referenced ? 19 : 0,
    channel_id: where.channelId,
    author: { ...author, ...(input.bot || input.webhook ? { bot: true } : {}) },
    content: input.content,
    embeds: [],
    components: [],
    attachments: [],
    ...parseMentions(input.content, user),
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
  };
  if (where.guildId !== undefined) message.guild_id = where.guildId;
  if (input.webhook) message.webhook_id = author.id;
  if (referenced) {
    message.message_reference = {
      type: 0,
      message_id: referenced.id,
      channel_id: referenced.channel_id,
      guild_id: referenced.guild_id,
    };
    message.referenced_message = referenced;
    // A reply pings the author replied to unless the member turned that off; the emulator assumes it is on.
    if (!message.mentions.some((u) => u.id === referenced.author.id))
      message.mentions.push(referenced.author);
  }
  return message;
}

/**
 * The MESSAGE_CREATE `d` a session receives, or undefined when Discord would not send it: no GUILD_MESSAGES
 * intent, or the bot can't view the channel. Without MESSAGE_CONTENT the text, embeds, attachments and components
 * are blanked unless the message mentions the bot (or the bot wrote it), as on Discord.
 */
export function messageCreateFor(
  message: EmulatedMessage,
  intents: number,
  botId: string,
  botPermissions: bigint,
  authorRoles: string[],
): Json | undefined {
  if ((intents & INTENT.guildMessages) === 0 || (botPermissions & PERMISSION.viewChannel) === 0n)
    return undefined;
  const seesContent =
    (intents & INTENT.messageContent) !== 0 ||
    message.author.id === botId ||
    message.mentions.some((u) => u.id === botId);
  const payload: Json = structuredClone(message);
  if (!seesContent) Object.assign(payload, { content: '', embeds: [], attachments: [], components: [] });
  if (message.webhook_id === undefined && message.guild_id !== undefined)
    payload.member = memberObject(authorRoles, '0', null);
  return payload;
}

/** The error a POST /channels/{id}/messages gets when the bot lacks a permission there, if it does. */
export function missingPermission(
  permissions: bigint,
  isReply: boolean,
): { status: number; code: number; message: string } | undefined {
  if ((permissions & PERMISSION.viewChannel) === 0n)
    return { status: 403, code: 50001, message: 'Missing Access' };
  if ((permissions & PERMISSION.sendMessages) === 0n)
    return { status: 403, code: 50013, message: 'Missing Permissions' };
  if (isReply && (permissions & PERMISSION.readMessageHistory) === 0n)
    return {
      status: 403,
      code: 160002,
      message: 'Cannot reply without permission to read message history',
    };
  return undefined;
}

/**
 * Checks `message_reference` of a new channel message the way Discord does: an object with a `message_id`; a reply
 * stays in its channel; an unknown message fails (50035) unless `fail_if_not_exists` is false, in which case the
 * message is sent as a plain one. Returns the message replied to, if any.
 */
export function checkReference(
  errors: FormErrors,
  payload: Json,
  channelId: string,
  find: (id: string) => EmulatedMessage | undefined,
): EmulatedMessage | undefined {
  const ref = payload.message_reference;
  if (ref === undefined || ref === null) return undefined;
  const path = ['message_reference'];
  if (!isRecord(ref)) {
    errors.add(path, { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
    return undefined;
  }
  if (ref.type !== undefined && ref.type !== 0) {
    errors.add([...path, 'type'], { code: 'BASE_TYPE_CHOICES', message: 'Only replies are emulated.' });
    return undefined;
  }
  if (typeof ref.message_id !== 'string' || !/^\d{17,20}$/.test(ref.message_id)) {
    errors.add([...path, 'message_id'], { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return undefined;
  }
  if (ref.channel_id !== undefined && ref.channel_id !== channelId) {
    errors.add([...path, 'channel_id'], {
      code: 'MESSAGE_REFERENCE_INVALID_CHANNEL',
      message: 'A reply must be in the channel of the message it replies to',
    });
    return undefined;
  }
  const found = find(ref.message_id);
  if (found && found.channel_id === channelId) return found;
  if (ref.fail_if_not_exists !== false) {
    errors.add([...path, 'message_id'], {
      code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE',
      message: 'Unknown message',
    });
  }
  return undefined;
}

/**
 * Adds the author replied to, when the reply would notify them: by default without `allowed_mentions`, and with
 * it only when `replied_user` is true.
 */
export function withRepliedUser(pings: Pings, allowed: Json | undefined, replied: EmulatedMessage): Pings {
  const notifies = allowed === undefined || allowed.replied_user === true;
  if (!notifies || pings.users.includes(replied.author.id)) return pings;
  return { ...pings, users: [...pings.users, replied.author.id] };
}

/**
 * Discord forces responses to be ephemeral in a server the app is only user-installed to, when the member lacks
 * Use External Apps there.
 */
export function isForcedEphemeral(interaction: Json): boolean {
  const owners = isRecord(interaction.authorizing_integration_owners)
    ? interaction.authorizing_integration_owners
    : {};
  if (interaction.context !== 0 || '0' in owners) return false;
  const member = isRecord(interaction.member) ? interaction.member : {};
  const permissions = typeof member.permissions === 'string' ? BigInt(member.permissions) : 0n;
  return (permissions & PERMISSION.useExternalApps) === 0n;
}

/**
 * `authorizing_integration_owners` for a use of the app: a guild install answers for its server (or "0" in a DM
 * with the bot), a user install for the member. Only the installs a global command supports count.
 */
export function integrationOwners(
  install: Install,
  place: InteractionPlace,
  guildId: string | null,
  userId: string,
  commandInstalls: readonly number[] | undefined,
): Record<string, string> {
  const owners: Record<string, string> = {};
  const allowed = (type: number) => commandInstalls === undefined || commandInstalls.includes(type);
  if (install !== 'user' && place !== 'private-channel' && allowed(0)) owners['0'] = guildId ?? '0';
  if (install !== 'guild' && allowed(1)) owners['1'] = userId;
  return owners;
}

/**
 * Why a global command can't be used here — not offered in this context, or not for this installation — or
 * undefined when it can. A real client doesn't show such a command, so the emulator refuses to dispatch it.
 */
export function unavailableReason(
  command: Json,
  place: InteractionPlace,
  install: Install,
): string | undefined {
  const contexts = Array.isArray(command.contexts) ? (command.contexts as number[]) : undefined;
  if (contexts && !contexts.includes(CONTEXT_TYPE[place])) return `not registered for the ${place} context`;
  const installs = Array.isArray(command.integration_types) ? (command.integration_types as number[]) : [0];
  const usable = install === 'both' ? [0, 1] : [install === 'guild' ? 0 : 1];
  if (!usable.some((t) => installs.includes(t))) return `not registered for ${install} installs`;
  return undefined;
}
