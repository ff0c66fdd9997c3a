import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { UserError } from '../src/bot/errors.js';
import { mentionTarget } from '../src/bot/respond.js';
import { nameChoices } from '../src/lookup/choices.js';
import { resolveEntity } from '../src/lookup/resolve.js';
import { notFoundMessage } from '../src/present/not-found.js';
import { whoisCard } from '../src/present/whois-card.js';

const data = new SlashCommandBuilder()
  .setName('whois')
  .setDescription('Who or what is it? An organization or person and their role in each initiative')
  .addStringOption((o) =>
    o
      .setName('name')
      .setDescription('Start typing, e.g. Meta, IBM or Yann LeCun')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(100),
  )
  .addUserOption((o) =>
    o.setName('mention').setDescription('Show the card to someone (they get a notification)'),
  );

/** /whois: an organization's or a person's card, noting garbled spellings from the seed articles. */
export default {
  data,
  notifies: 'mention',

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    await interaction.respond(nameChoices(typed, 'entity', ctx.store.current.index));
  },

  async execute(interaction, ctx) {
    const name = interaction.options.getString('name', true);
    const { index } = ctx.store.current;
    const found = resolveEntity(name, index);
    if (!found.found)
      throw new UserError(notFoundMessage(name, 'an organization or person', found.suggestions));
    const embed = whoisCard(found.record, index, found.garbledSpelling);
    const mention = mentionTarget(ctx.notify);
    await interaction.reply({
      ...(mention.content ? { content: mention.content } : {}),
      embeds: [embed],
      allowedMentions: mention.allowedMentions,
    });
  },
} satisfies Command;
