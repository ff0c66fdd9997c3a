/** Application command registration: PUT/POST/GET/DELETE of global and guild commands, validated like Discord. */
import { FormErrors, validateCommand, validateCommandList } from './discord-limits.js';
import { snowflake } from './emulator-fixtures.js';
import { apiError, type Context, formError, type Reply } from './emulator-http.js';
import type { Json, StoredCommand } from './emulator-records.js';

type Params = Record<string, string>;

/** Registered commands, global and per guild, with the REST handlers that change them. */
export class CommandRegistry {
  global: StoredCommand[] = [];
  readonly guilds = new Map<string, StoredCommand[]>();

  constructor(
    private readonly applicationId: string,
    private readonly knownGuild: (id: string) => boolean,
  ) {}

  /**
   * The command of `type` (1 chat input, 3 message menu) an interaction named `name` refers to: the guild's own
   * first, then the global one.
   */
  find(name: string, guildId: string | null, type = 1): StoredCommand | undefined {
    const scoped = guildId === null ? [] : (this.guilds.get(guildId) ?? []);
    return [...scoped, ...this.global].find((c) => c.name === name && c.type === type);
  }

  list(_ctx: Context, params: Params): Reply {
    return this.#scope(params, (list) => ({ status: 200, body: list }));
  }

  get(_ctx: Context, params: Params): Reply {
    return this.#scope(params, (list) => {
      const found = list.find((c) => c.id === params.command);
      return found ? { status: 200, body: found } : apiError(404, 10063, 'Unknown application command');
    });
  }

  /** Bulk overwrite; commands keep their id when name and type stay the same, as on Discord. */
  put(ctx: Context, params: Params): Reply {
    return this.#scope(params, (list, store) => {
      const errors = new FormErrors();
      validateCommandList(errors, ctx.body);
      if (errors.count > 0) return formError(errors);
      const next = (ctx.body as Json[]).map((def) => this.#stored(def, list, params.guild));
      store(next);
      return { status: 200, body: next };
    });
  }

  /** Create or replace one command: 201 when new, 200 when it replaced one of the same name. */
  post(ctx: Context, params: Params): Reply {
    return this.#scope(params, (list, store) => {
      const errors = new FormErrors();
      validateCommand(errors, [], ctx.body);
      if (errors.count > 0) return formError(errors);
      const command = this.#stored(ctx.body as Json, list, params.guild);
      const existed = list.some((c) => c.id === command.id);
      store([...list.filter((c) => c.id !== command.id), command]);
      return { status: existed ? 200 : 201, body: command };
    });
  }

  delete(_ctx: Context, params: Params): Reply {
    return this.#scope(params, (list, store) => {
      if (!list.some((c) => c.id === params.command))
        return apiError(404, 10063, 'Unknown application command');
      store(list.filter((c) => c.id !== params.command));
      return { status: 204 };
    });
  }

  #scope(
    params: Params,
    use: (list: StoredCommand[], store: (next: StoredCommand[]) => void) => Reply,
  ): Reply {
    if (params.app !== this.applicationId) return apiError(403, 50001, 'Missing Access');
    const guildId = params.guild;
    if (guildId === undefined) return use(this.global, (next) => (this.global = next));
    if (!this.knownGuild(guildId)) return apiError(404, 10004, 'Unknown Guild');
    return use(this.guilds.get(guildId) ?? [], (next) => this.guilds.set(guildId, next));
  }

  #stored(def: Json, previous: StoredCommand[], guildId: string | undefined): StoredCommand {
    const type = typeof def.type === 'number' ? def.type : 1;
    const same = previous.find((c) => c.name === def.name && c.type === type);
    const command: StoredCommand = {
      default_member_permissions: null,
      contexts: null,
      integration_types: [0],
      nsfw: false,
      ...def,
      id: same?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      type,
      name: String(def.name),
      description: typeof def.description === 'string' ? def.description : '',
    };
    if (guildId !== undefined) command.guild_id = guildId;
    return command;
  }
}
