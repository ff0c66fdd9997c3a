/** Discord objects (guilds, roles, members, channels, READY, application) shaped as the emulator sends them. */
import type { EmulatedUser, Json } from './emulator-records.js';

export const DEFAULT_TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.emulator.not-a-real-discord-token';
export const DEFAULT_APPLICATION_ID = '1300000000000000001';
export const DEFAULT_GUILD_ID = '1300000000000000100';
export const DEFAULT_CHANNEL_ID = '1300000000000000200';
export const DEFAULT_USER_ID = '1300000000000000300';

/**
 * View channel, send messages, embed links, attach files, read history, reactions, external emoji, use commands,
 * use external apps (on for @everyone in new servers).
 */
export const DEFAULT_MEMBER_PERMISSIONS = [6, 10, 11, 14, 15, 16, 18, 31, 50]
  .reduce((acc, n) => acc | (1n << BigInt(n)), 0n)
  .toString();

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A fresh, time-ordered snowflake id. */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** A guild as the emulator holds it. */
export interface EmulatedGuild {
  id: string;
  name: string;
  channels: { id: string; name: string }[];
  roles: { id: string; name: string; permissions?: string }[];
}

const aDayAgo = () => new Date(Date.now() - 86_400_000).toISOString();

/** The guild's roles: @everyone (id = guild id) with {@link DEFAULT_MEMBER_PERMISSIONS}, then the configured ones. */
export function roleObjects(guild: EmulatedGuild | undefined): Json[] {
  if (!guild) return [];
  const role = (id: string, name: string, permissions: string, position: number) => ({
    id,
    name,
    permissions,
    position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: false,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
  });
  return [
    role(guild.id, '@everyone', DEFAULT_MEMBER_PERMISSIONS, 0),
    ...guild.roles.map((r, i) => role(r.id, r.name, r.permissions ?? '0', i + 1)),
  ];
}

/** A guild member without its `user` (interaction `member` adds it; `resolved.members` leaves it out). */
export function memberObject(roles: string[], permissions: string, nick: string | null): Json {
  return {
    roles,
    permissions,
    nick,
    avatar: null,
    banner: null,
    joined_at: aDayAgo(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** A guild text channel. */
export function channelObject(guild: EmulatedGuild, channel: { id: string; name: string }): Json {
  return {
    id: channel.id,
    type: 0,
    guild_id: guild.id,
    name: channel.name,
    position: Math.max(0, guild.channels.indexOf(channel)),
    flags: 0,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: [],
  };
}

/** The full GUILD_CREATE payload; `channels` and `roles` must be present or discord.js keeps the guild unavailable. */
export function guildCreate(guild: EmulatedGuild, botUser: EmulatedUser): Json & { id: string } {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: DEFAULT_USER_ID,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    features: [],
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    max_members: 500000,
    max_video_channel_users: 25,
    joined_at: aDayAgo(),
    large: false,
    unavailable: false,
    member_count: 2,
    roles: roleObjects(guild),
    emojis: [],
    stickers: [],
    // The bot's own member, so `guild.members.me` works as it does against Discord.
    members: [{ ...memberObject([], DEFAULT_MEMBER_PERMISSIONS, null), user: botUser }],
    channels: guild.channels.map((c) => {
      const { guild_id: _omitted, ...channel } = channelObject(guild, c);
      return channel;
    }),
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** READY without the per-session fields (`guilds`, `session_id`, `resume_gateway_url`, `shard`). */
export function readyPayload(botUser: EmulatedUser, applicationId: string): Json {
  return {
    v: 10,
    user: { ...botUser, bot: true, verified: true, mfa_enabled: false, flags: 0, email: null },
    user_settings: {},
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: ['emulated'],
    application: { id: applicationId, flags: 0 },
    _trace: ['["discord-emulator",{}]'],
  };
}

/** GET /applications/@me. */
export function applicationObject(applicationId: string, botUser: EmulatedUser, guildCount: number): Json {
  return {
    id: applicationId,
    name: botUser.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    hook: true,
    is_monetized: false,
    owner: { id: DEFAULT_USER_ID, username: 'owner', global_name: null, discriminator: '0', avatar: null },
    team: null,
    bot: botUser,
    approximate_guild_count: guildCount,
    redirect_uris: [],
    interactions_endpoint_url: null,
    integration_types_config: { 0: {} },
  };
}
