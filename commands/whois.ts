import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { ANY_CONTEXT, ANY_INSTALL } from '../src/bot/contexts.js';
import { UserError } from '../src/bot/errors.js';
import { mentionTarget, NO_PINGS } from '../src/bot/respond.js';
import { nameChoices } from '../src/lookup/choices.js';
import { resolveEntity } from '../src/lookup/resolve.js';
import { findRecordByRef } from '../src/present/card-state.js';
import { notFoundMessage } from '../src/present/not-found.js';
import { decodeSourcesButton, sourcesPage, whoisCard } from '../src/present/whois-card.js';

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
  )
  .setIntegrationTypes(ANY_INSTALL)
  .setContexts(ANY_CONTEXT);

/**
 * /whois: an organization's or a person's card, noting garbled spellings from the seed articles. Its "All
 * sources" button opens the full source list privately, paged with ◀ ▶ in place.
 */
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
    const card = whoisCard(found.record, index, found.garbledSpelling);
    const mention = mentionTarget(ctx.notify);
    await interaction.reply({
      ...(mention.content ? { content: mention.content } : {}),
      embeds: [card.embed],
      components: card.components,
      allowedMentions: mention.allowedMentions,
    });
  },

  async handleComponent(interaction, ctx) {
    const state = decodeSourcesButton(interaction.customId);
    if (!state || !interaction.isButton())
      throw new UserError('This button is no longer available — run /whois again.');
    const { index } = ctx.store.current;
    const record = findRecordByRef(state.ref, index.kb);
    if (!record) throw new UserError('This record is no longer in the knowledge base — run /whois again.');
    const view = sourcesPage(record, index, state.page);
    // Pages of the private list turn in place; the card's own button opens the list for whoever pressed it.
    if (interaction.message.flags.has(MessageFlags.Ephemeral)) {
      await interaction.update({
        embeds: [view.embed],
        components: view.components,
        allowedMentions: NO_PINGS,
      });
      return;
    }
    await interaction.reply({
      embeds: [view.embed],
      components: view.components,
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_PINGS,
    });
  },
} satisfies Command;
