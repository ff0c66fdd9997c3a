import {
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { BotContext, Command } from '../src/bot/command.js';
import { UserError } from '../src/bot/errors.js';
import { NO_PINGS } from '../src/bot/respond.js';
import { missesPage, parsePageId } from '../src/present/misses-page.js';
import type { MissGroup } from '../src/storage/misses.js';

/** Shown when the feedback database can't be opened or written; the bot keeps answering meanwhile. */
export const STORAGE_UNAVAILABLE =
  "Feedback storage is unavailable right now, so missed questions can't be shown. The bot keeps answering; the log says why.";

/** Shown when the bot runs with `FEEDBACK=off`. */
export const FEEDBACK_TURNED_OFF =
  'Feedback recording is turned off on this bot (`FEEDBACK=off`), so there are no missed questions to show.';

/** Days looked back when `days` is not given. */
export const DEFAULT_DAYS = 14;

/** The most groups listed (worst first); 25 pages of 10 is more than anyone reads. */
const MAX_GROUPS = 250;

const data = new SlashCommandBuilder()
  .setName('misses')
  .setDescription('Questions that were refused, answered unsurely or voted 👎, grouped by wording')
  .addIntegerOption((o) =>
    o
      .setName('days')
      .setDescription(`How many days to look back (default ${DEFAULT_DAYS})`)
      .setMinValue(1)
      .setMaxValue(365),
  )
  // Hidden from members without Manage Server by default; admins can change that, so the router checks again.
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  // A server's own questions, for its moderators: never offered in DMs or to a member's own install.
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild);

/** The groups to show, or the reason there are none to show (a user error: a friendly ephemeral note). */
async function load(ctx: BotContext, guildId: string, days: number): Promise<MissGroup[]> {
  const status = ctx.feedback.status;
  if (status.state === 'off') throw new UserError(FEEDBACK_TURNED_OFF);
  const groups = await ctx.feedback.misses({ guildId, days, limit: MAX_GROUPS });
  if (!groups) throw new UserError(STORAGE_UNAVAILABLE);
  return groups;
}

function nameOf(ctx: BotContext): (id: string) => string {
  const { kb } = ctx.store.current;
  return (id) => kb.byId.get(id)?.name ?? id;
}

/** The server whose misses to show; the command is registered for servers only. */
function serverOf(interaction: { guildId: string | null }): string {
  if (!interaction.guildId) throw new UserError('Missed questions are kept per server: run /misses in one.');
  return interaction.guildId;
}

/** /misses (moderators): what members asked that the bot refused, was unsure about, or got voted down, privately. */
export default {
  data,
  moderatorOnly: true,

  async execute(interaction, ctx) {
    const days = interaction.options.getInteger('days') ?? DEFAULT_DAYS;
    const groups = await load(ctx, serverOf(interaction), days);
    ctx.logger.info({ days, groups: groups.length }, 'misses listed');
    await interaction.reply({
      ...missesPage({ groups, days, page: 0, nameOf: nameOf(ctx) }),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_PINGS,
    });
  },

  async handleComponent(interaction, ctx) {
    const target = interaction.isButton() ? parsePageId(interaction.customId) : undefined;
    if (!target || !interaction.isButton())
      throw new UserError('This button is no longer available — run /misses again.');
    const groups = await load(ctx, serverOf(interaction), target.days);
    await interaction.update({
      ...missesPage({ groups, days: target.days, page: target.page, nameOf: nameOf(ctx) }),
      allowedMentions: NO_PINGS,
    });
  },
} satisfies Command;
