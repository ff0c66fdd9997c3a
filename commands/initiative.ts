import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { ANY_CONTEXT, ANY_INSTALL } from '../src/bot/contexts.js';
import { UserError } from '../src/bot/errors.js';
import { mentionTarget, NO_PINGS } from '../src/bot/respond.js';
import { nameChoices } from '../src/lookup/choices.js';
import { resolveRecord } from '../src/lookup/resolve.js';
import {
  decodeCardState,
  findRecordByRef,
  INITIATIVE_TOPICS,
  type InitiativeTopic,
} from '../src/present/card-state.js';
import { initiativeCard } from '../src/present/initiative-card.js';
import { notFoundMessage } from '../src/present/not-found.js';

/** Told to anyone who presses buttons on a card someone else asked for. */
export const NOT_YOUR_CARD = 'Only the person who asked can change this card — run /initiative yourself.';

const TOPIC_NAMES: Record<InitiativeTopic, string> = {
  overview: 'Overview',
  founders: 'Founders and launch',
  members: 'Members and notable non-members',
  goals: 'Goals and activities',
  criticism: 'Criticism',
  timeline: 'Timeline',
  sources: 'Sources',
};

const data = new SlashCommandBuilder()
  .setName('initiative')
  .setDescription('A card about an AI initiative: founders, members, goals, criticism, timeline and sources')
  .addStringOption((o) =>
    o
      .setName('name')
      .setDescription('Start typing, e.g. AI Alliance')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(100),
  )
  .addStringOption((o) =>
    o
      .setName('topic')
      .setDescription('What to show first (default: overview)')
      .addChoices(...INITIATIVE_TOPICS.map((t) => ({ name: TOPIC_NAMES[t], value: t }))),
  )
  .addUserOption((o) =>
    o.setName('mention').setDescription('Show the card to someone (they get a notification)'),
  )
  .setIntegrationTypes(ANY_INSTALL)
  .setContexts(ANY_CONTEXT);

const isTopic = (value: string | null): value is InitiativeTopic =>
  value !== null && (INITIATIVE_TOPICS as readonly string[]).includes(value);

/** /initiative: a paged card with buttons to switch topic in place; only the asker can press them. */
export default {
  data,
  notifies: 'mention',

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    await interaction.respond(nameChoices(typed, 'initiative', ctx.store.current.index));
  },

  async execute(interaction, ctx) {
    const name = interaction.options.getString('name', true);
    const topic = interaction.options.getString('topic');
    const { index } = ctx.store.current;
    const found = resolveRecord(name, 'initiative', index);
    if (!found.found || found.record.kind !== 'initiative')
      throw new UserError(notFoundMessage(name, 'an initiative', found.found ? [] : found.suggestions));
    const card = initiativeCard(found.record, index, {
      topic: isTopic(topic) ? topic : 'overview',
      page: 0,
      ownerId: interaction.user.id,
    });
    const mention = mentionTarget(ctx.notify);
    await interaction.reply({
      ...(mention.content ? { content: mention.content } : {}),
      embeds: card.embeds,
      components: card.components,
      allowedMentions: mention.allowedMentions,
    });
  },

  async handleComponent(interaction, ctx) {
    const state = decodeCardState(interaction.customId);
    if (!state || !interaction.isButton())
      throw new UserError('This button is no longer available — run /initiative again.');
    if (state.ownerId !== interaction.user.id) {
      ctx.logger.debug({ owner: state.ownerId }, 'card button pressed by someone else');
      await interaction.reply({
        content: NOT_YOUR_CARD,
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_PINGS,
      });
      return;
    }
    const { index } = ctx.store.current;
    const record = findRecordByRef(state.ref, index.kb);
    if (record?.kind !== 'initiative')
      throw new UserError('This initiative is no longer in the knowledge base — run /initiative again.');
    const card = initiativeCard(record, index, state);
    await interaction.update({ embeds: card.embeds, components: card.components, allowedMentions: NO_PINGS });
  },
} satisfies Command;
