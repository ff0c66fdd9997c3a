/** Building and editing message objects, and working out who a message could ping. */
import { isRecord } from './discord-limits.js';
import { snowflake } from './emulator-fixtures.js';
import type { UploadedFile } from './emulator-http.js';
import type { EmulatedComponent, EmulatedMessage, EmulatedUser, Json, Pings } from './emulator-records.js';

export const SUPPRESS_EMBEDS = 4;
export const EPHEMERAL = 64;
/** Set on a deferred reply until it is first edited ("Bot is thinking…"). */
export const LOADING = 128;
// Flags a bot may set when creating a message: suppress embeds, ephemeral, silent, components v2.
const CREATE_FLAGS = SUPPRESS_EMBEDS | EPHEMERAL | 4096 | (1 << 15);

/** Where a new message goes and who wrote it. */
export interface MessageTarget {
  author: EmulatedUser;
  channelId: string;
  guildId: string | undefined;
  /** 20 for a reply to a chat-input command, 19 for a reply to a message, 0 otherwise. */
  type: number;
  attachmentBase: string;
}

/** A new message object built from a create payload. */
export function newMessage(target: MessageTarget, payload: Json, files: UploadedFile[]): EmulatedMessage {
  const message: EmulatedMessage = {
    id: snowflake(),
    type: target.type,
    channel_id: target.channelId,
    author: { ...target.author, bot: true },
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: payload.tts === true,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: (Number(payload.flags) || 0) & CREATE_FLAGS,
  };
  if (target.guildId !== undefined) message.guild_id = target.guildId;
  applyPayload(message, payload, files, target.attachmentBase, false);
  return message;
}

/** Applies the message fields present in `payload`; absent fields stay as they were (Discord's edit semantics). */
export function applyPayload(
  message: EmulatedMessage,
  payload: Json,
  files: UploadedFile[],
  attachmentBase: string,
  isEdit: boolean,
): void {
  if ('content' in payload) message.content = typeof payload.content === 'string' ? payload.content : '';
  if ('embeds' in payload) {
    message.embeds = (Array.isArray(payload.embeds) ? payload.embeds : []).map((e) => ({
      type: 'rich',
      ...e,
    }));
  }
  if ('components' in payload) {
    message.components = Array.isArray(payload.components) ? (payload.components as EmulatedComponent[]) : [];
  }
  // Only embed suppression can change on an edit; ephemerality is fixed at creation.
  if (isEdit && typeof payload.flags === 'number') {
    message.flags = (message.flags & ~SUPPRESS_EMBEDS) | (payload.flags & SUPPRESS_EMBEDS);
  }
  if ('attachments' in payload || files.length > 0) {
    const keep = Array.isArray(payload.attachments)
      ? new Set(payload.attachments.map((a) => (isRecord(a) ? String(a.id) : '')))
      : undefined;
    const kept = isEdit ? message.attachments.filter((a) => !keep || keep.has(String(a.id))) : [];
    const uploaded = files.map((f) => {
      const id = snowflake();
      const url = `${attachmentBase}/${message.channel_id}/${id}/${encodeURIComponent(f.filename)}`;
      return { id, filename: f.filename, size: f.size, content_type: f.contentType, url, proxy_url: url };
    });
    message.attachments = [...kept, ...uploaded];
  }
}

/** Which users, roles and @everyone/@here a message content would notify under the given `allowed_mentions`. */
export function computePings(content: string, allowed: Json | undefined): Pings {
  const unique = (xs: string[]) => [...new Set(xs)];
  const users = unique([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? ''));
  const roles = unique([...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? ''));
  const everyone = /@(everyone|here)\b/.test(content);
  // Without allowed_mentions Discord parses every mention in the content.
  if (!allowed) return { users, roles, everyone };
  const parse = Array.isArray(allowed.parse) ? allowed.parse : [];
  const listed = (key: 'users' | 'roles') => (Array.isArray(allowed[key]) ? (allowed[key] as unknown[]) : []);
  return {
    users: parse.includes('users') ? users : users.filter((u) => listed('users').includes(u)),
    roles: parse.includes('roles') ? roles : roles.filter((r) => listed('roles').includes(r)),
    everyone: everyone && parse.includes('everyone'),
  };
}

/** Finds a component (button, select) by custom id anywhere in a message's rows. */
export function findComponent(message: EmulatedMessage, customId: string): EmulatedComponent | undefined {
  const walk = (list: EmulatedComponent[] | undefined): EmulatedComponent | undefined => {
    for (const c of list ?? []) {
      if (c.custom_id === customId) return c;
      const inner = walk(c.components);
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(message.components);
}
