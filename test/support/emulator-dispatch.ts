/** Builds INTERACTION_CREATE payloads the way Discord shapes them, from what a test says a user did. */
import { randomBytes } from 'node:crypto';
import { isRecord } from './discord-limits.js';
import {
  CONTEXT_TYPE,
  type Install,
  type InteractionPlace,
  integrationOwners,
  unavailableReason,
} from './emulator-chat.js';
import {
  channelObject,
  DEFAULT_MEMBER_PERMISSIONS,
  DEFAULT_USER_ID,
  type EmulatedGuild,
  memberObject,
  roleObjects,
  snowflake,
} from './emulator-fixtures.js';
import { findComponent } from './emulator-messages.js';
import type {
  EmulatedComponent,
  EmulatedMessage,
  EmulatedUser,
  Json,
  StoredCommand,
} from './emulator-records.js';

/** Who performs an interaction, and where. */
export interface Actor {
  /** Default `{ id: DEFAULT_USER_ID, username: 'tester' }`. */
  user?: Partial<EmulatedUser>;
  /** The member's permission bitfield (decimal string). Default {@link DEFAULT_MEMBER_PERMISSIONS}. */
  permissions?: string;
  /** The member's role ids (declare them in the guild's `roles` so discord.js resolves them). Default none. */
  roles?: string[];
  nick?: string | null;
  /**
   * Default: the message's guild for components, else the first guild. `null` means a DM. A guild the emulator
   * doesn't host is one the bot isn't in: only a member's own install (`install: 'user'`) can be used there.
   */
  guildId?: string | null;
  /**
   * Where the app is used: a server, a DM with the bot, or another DM or group DM. Default: as the component's
   * original interaction, else `guild` with a guild and `bot-dm` without.
   */
  context?: InteractionPlace;
  /**
   * Which installation the member uses: the server's, their own account's, or both. Default: as the component's
   * original interaction, else `user` in other DMs and servers the bot isn't in, `guild` elsewhere.
   */
  install?: Install;
  /** Default: the message's channel for components, else the guild's first channel. */
  channelId?: string;
  /** Default `en-US`. */
  locale?: string;
}

/** A user given as an option value: an object with at least an id (type 6 is inferred). */
export type UserValue = Partial<EmulatedUser> & { id: string };

/**
 * Option values by name. The type comes from the registered command's definition when there is one, else it is
 * inferred: string 3, boolean 5, whole number 4, other number 10, user object 6.
 */
export type OptionValues = Record<string, string | number | boolean | UserValue>;

/** A chat-input command invocation. */
export interface CommandInput extends Actor {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** By name, or as Discord's raw option array for full control. */
  options?: OptionValues | Json[];
}

/** An autocomplete request: `focused` names the option being typed; its value (default '') is the text so far. */
export interface AutocompleteInput extends CommandInput {
  focused: string;
}

/** A message command (Apps → name) used on a stored message. */
export interface MessageCommandInput extends Actor {
  name: string;
  messageId: string;
}

/** A press of a component on a message the bot sent. */
export interface ComponentInput extends Actor {
  messageId: string;
  customId: string;
}

/** A select-menu choice on a message the bot sent. */
export interface SelectInput extends ComponentInput {
  values: string[];
}

/** A submitted modal: text input values by custom id. */
export interface ModalSubmitInput extends Actor {
  customId: string;
  fields: Record<string, string>;
  /** Set when the modal was opened from a component on this message. */
  messageId?: string;
}

/** A built interaction, ready to dispatch. */
export interface BuiltInteraction {
  id: string;
  token: string;
  guildId: string | null;
  payload: Json;
}

interface BuilderConfig {
  applicationId: string;
  guilds: EmulatedGuild[];
  /** The bot's permissions in a channel of a hosted guild. */
  appPermissions: (channelId: string) => string;
  findCommand: (name: string, guildId: string | null, type?: number) => StoredCommand | undefined;
}

// What the app may do outside servers it is in: attach files, embed links, mention everyone (+ external emoji in
// DMs with the bot), as Discord reports in `app_permissions`.
const ELSEWHERE_PERMISSIONS = ((1n << 15n) | (1n << 14n) | (1n << 17n)).toString();
const BOT_DM_PERMISSIONS = (BigInt(ELSEWHERE_PERMISSIONS) | (1n << 18n)).toString();

const PLACES: Record<number, InteractionPlace> = { 0: 'guild', 1: 'bot-dm', 2: 'private-channel' };

/** The installs an interaction was authorized by, from its `authorizing_integration_owners`. */
function installOf(owners: unknown): Install | undefined {
  if (!isRecord(owners)) return undefined;
  if ('0' in owners && '1' in owners) return 'both';
  return '0' in owners ? 'guild' : '1' in owners ? 'user' : undefined;
}

/** Turns test inputs into interaction payloads; remembers users so repeated ids keep their names. */
export class InteractionBuilder {
  readonly #users = new Map<string, EmulatedUser>();
  readonly #config: BuilderConfig;

  constructor(config: BuilderConfig) {
    this.#config = config;
  }

  user(partial: UserValue): EmulatedUser {
    const user: EmulatedUser = {
      username: `user${partial.id.slice(-4)}`,
      global_name: null,
      discriminator: '0',
      avatar: null,
      public_flags: 0,
      ...this.#users.get(partial.id),
      ...partial,
    };
    this.#users.set(user.id, user);
    return user;
  }

  /**
   * The full payload: ids, token, channel, member or user, where it comes from (`context`,
   * `authorizing_integration_owners`) and the fields discord.js requires. `origin` is the interaction that created
   * a component's message, whose place and installs a press inherits. A global command that isn't registered for
   * the place or install is refused, as a real client wouldn't offer it.
   */
  build(
    type: number,
    actor: Actor,
    data: (guildId: string | null) => Json,
    message?: EmulatedMessage,
    origin?: Json,
  ) {
    const { guilds, applicationId } = this.#config;
    const guildId = this.#guildId(actor, message, origin);
    const guild = guildId === null ? undefined : guilds.find((g) => g.id === guildId);
    const place =
      actor.context ??
      PLACES[typeof origin?.context === 'number' ? origin.context : -1] ??
      (guildId === null ? 'bot-dm' : 'guild');
    const install =
      actor.install ??
      installOf(origin?.authorizing_integration_owners) ??
      (place === 'private-channel' || (guildId !== null && !guild) ? 'user' : 'guild');
    if ((place === 'guild') !== (guildId !== null))
      throw new Error(`A ${place} interaction ${guildId === null ? 'needs' : 'has no'} a guild`);
    if (guildId !== null && !guild && install !== 'user')
      throw new Error(
        `Unknown guild ${guildId}: the bot isn't in it, so only install: 'user' can be used there`,
      );
    if (place === 'private-channel' && install === 'guild')
      throw new Error("A server's install can't be used in other members' DMs: use install: 'user'");
    const given = actor.user;
    const user = this.user(
      given?.id ? { ...given, id: given.id } : { username: 'tester', ...given, id: DEFAULT_USER_ID },
    );
    const channelId = actor.channelId ?? message?.channel_id ?? guild?.channels[0]?.id ?? snowflake();
    const permissions = actor.permissions ?? DEFAULT_MEMBER_PERMISSIONS;
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(48).toString('base64url')}`;
    const built = data(guildId);
    const global = type === 2 || type === 4 ? this.#globalCommand(built, guildId) : undefined;
    const unavailable = global && unavailableReason(global, place, install);
    if (unavailable) throw new Error(`${String(built.name)} can't be used here: ${unavailable}`);
    const owners =
      !actor.install && origin && isRecord(origin.authorizing_integration_owners)
        ? origin.authorizing_integration_owners
        : integrationOwners(
            install,
            place,
            guildId,
            user.id,
            global?.integration_types as number[] | undefined,
          );
    const channel = guild?.channels.find((c) => c.id === channelId) ?? { id: channelId, name: 'channel' };
    const payload: Json = {
      id,
      application_id: applicationId,
      type,
      token,
      version: 1,
      data: built,
      channel_id: channelId,
      channel: this.#channel(place, guild, guildId, channel, permissions, user),
      app_permissions: guild
        ? this.#config.appPermissions(channelId)
        : place === 'bot-dm'
          ? BOT_DM_PERMISSIONS
          : ELSEWHERE_PERMISSIONS,
      locale: actor.locale ?? 'en-US',
      entitlements: [],
      // discord.js needs this object: "0" the server's install (its id, or "0" in a DM with the bot), "1" the user's.
      authorizing_integration_owners: owners,
      context: CONTEXT_TYPE[place],
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (guildId !== null) {
      payload.guild_id = guildId;
      payload.guild = { id: guildId, locale: 'en-US', features: [] };
      payload.guild_locale = 'en-US';
      payload.member = { ...memberObject(actor.roles ?? [], permissions, actor.nick ?? null), user };
    } else {
      payload.user = user;
    }
    if (message && type !== 2) payload.message = structuredClone(message);
    return { id, token, guildId, payload } satisfies BuiltInteraction;
  }

  #guildId(actor: Actor, message: EmulatedMessage | undefined, origin: Json | undefined): string | null {
    if (actor.guildId !== undefined) return actor.guildId;
    if (actor.context !== undefined && actor.context !== 'guild') return null;
    if (origin) return typeof origin.guild_id === 'string' ? origin.guild_id : null;
    if (message) return message.guild_id ?? null;
    return this.#config.guilds[0]?.id ?? null;
  }

  /** The registered global command an interaction's data refers to (guild commands have no install rules). */
  #globalCommand(data: Json, guildId: string | null): StoredCommand | undefined {
    const found = this.#config.findCommand(
      String(data.name),
      guildId,
      typeof data.type === 'number' ? data.type : 1,
    );
    return found && found.guild_id === undefined ? found : undefined;
  }

  #channel(
    place: InteractionPlace,
    guild: EmulatedGuild | undefined,
    guildId: string | null,
    channel: { id: string; name: string },
    permissions: string,
    user: EmulatedUser,
  ): Json {
    if (guild) return { ...channelObject(guild, channel), permissions };
    if (guildId !== null)
      return { id: channel.id, type: 0, guild_id: guildId, name: channel.name, permissions };
    const others =
      place === 'private-channel' ? [this.user({ id: '1300000000000000399', username: 'a-friend' })] : [];
    return { id: channel.id, type: 1, flags: 0, last_message_id: null, recipients: [user, ...others] };
  }

  /** `data` of a message command on a stored message, which Discord sends in `resolved.messages`. */
  messageCommandData(input: MessageCommandInput, message: EmulatedMessage, guildId: string | null): Json {
    const registered = this.#config.findCommand(input.name, guildId, 3);
    const data: Json = {
      id: registered?.id ?? snowflake(),
      name: input.name,
      type: 3,
      target_id: message.id,
      resolved: { messages: { [message.id]: structuredClone(message) } },
    };
    if (registered?.guild_id) data.guild_id = registered.guild_id;
    return data;
  }

  /** `data` of a chat-input or autocomplete interaction; `data.id` is the registered command's id when known. */
  commandData(input: CommandInput, guildId: string | null, focused?: string): Json {
    const registered = this.#config.findCommand(input.name, guildId);
    let defs = registered?.options ?? [];
    const descend = (name: string | undefined) => {
      if (name === undefined) return;
      const next = defs.find((d) => d.name === name)?.options;
      defs = Array.isArray(next) ? (next as Json[]) : [];
    };
    descend(input.subcommandGroup);
    descend(input.subcommand);
    const resolved: Record<string, Record<string, unknown>> = {};
    let options = Array.isArray(input.options)
      ? input.options
      : this.#options(input.options ?? {}, defs, guildId, resolved, focused);
    if (input.subcommand) options = [{ name: input.subcommand, type: 1, options }];
    if (input.subcommandGroup) options = [{ name: input.subcommandGroup, type: 2, options }];
    const data: Json = { id: registered?.id ?? snowflake(), name: input.name, type: 1, options };
    if (registered?.guild_id) data.guild_id = registered.guild_id;
    if (Object.keys(resolved).length > 0) data.resolved = resolved;
    return data;
  }

  /** `data` of a button press; the button must be on the message and enabled, as only then can a user press it. */
  buttonData(message: EmulatedMessage, input: ComponentInput): Json {
    const component = usableComponent(message, input, (c) => c.type === 2);
    return { custom_id: input.customId, component_type: 2, id: component.id };
  }

  /** `data` of a select choice; string-select values must be offered options, within min/max values. */
  selectData(message: EmulatedMessage, input: SelectInput): Json {
    const component = usableComponent(message, input, (c) => c.type !== 2);
    if (component.type === 3) {
      const offered = new Set((component.options ?? []).map((o) => o.value));
      const unknown = input.values.filter((v) => !offered.has(v));
      const min = component.min_values ?? 1;
      const max = component.max_values ?? 1;
      if (unknown.length > 0)
        throw new Error(`Select ${input.customId} does not offer ${unknown.join(', ')}`);
      if (input.values.length < min || input.values.length > max) {
        throw new Error(`Select ${input.customId} takes ${min}–${max} values, got ${input.values.length}`);
      }
    }
    return {
      custom_id: input.customId,
      component_type: component.type,
      values: input.values,
      id: component.id,
    };
  }

  /** `data` of a modal submission: one text input per row, as Discord sends it. */
  modalData(input: ModalSubmitInput): Json {
    const components = Object.entries(input.fields).map(([customId, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: customId, value }],
    }));
    return { custom_id: input.customId, components };
  }

  #options(
    values: OptionValues,
    defs: Json[],
    guildId: string | null,
    resolved: Record<string, Record<string, unknown>>,
    focused?: string,
  ): Json[] {
    const entries = Object.entries(values);
    if (focused !== undefined && !(focused in values)) entries.push([focused, '']);
    const add = (kind: string, id: string, value: unknown) => {
      resolved[kind] = { ...resolved[kind], [id]: value };
    };
    const guild = this.#config.guilds.find((g) => g.id === guildId);
    return entries.map(([name, value]) => {
      const defType = defs.find((d) => d.name === name)?.type;
      const type = typeof defType === 'number' ? defType : inferType(value);
      // Discord sends the focused option as the raw text typed so far, whatever its declared type.
      if (name === focused) return { name, type, value: String(value), focused: true };
      if (type === 6 || type === 9) {
        const user = this.user(typeof value === 'object' ? value : { id: String(value) });
        add('users', user.id, user);
        if (guild) add('members', user.id, memberObject([], DEFAULT_MEMBER_PERMISSIONS, null));
        return { name, type, value: user.id };
      }
      const id = typeof value === 'object' ? value.id : String(value);
      const channel = type === 7 ? guild?.channels.find((c) => c.id === id) : undefined;
      if (guild && channel)
        add('channels', id, { ...channelObject(guild, channel), permissions: DEFAULT_MEMBER_PERMISSIONS });
      const role = type === 8 ? roleObjects(guild).find((r) => r.id === id) : undefined;
      if (role) add('roles', id, role);
      return { name, type, value: typeof value === 'object' ? value.id : value };
    });
  }
}

function inferType(value: string | number | boolean | UserValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  if (typeof value === 'object') return 6;
  return 3;
}

function usableComponent(
  message: EmulatedMessage,
  input: ComponentInput,
  kind: (c: EmulatedComponent) => boolean,
): EmulatedComponent {
  const component = findComponent(message, input.customId);
  if (!component || !kind(component))
    throw new Error(`Message ${message.id} has no such component ${input.customId}`);
  if (component.disabled) throw new Error(`Component ${input.customId} is disabled; a user cannot use it`);
  return component;
}
