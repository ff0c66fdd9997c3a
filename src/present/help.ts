import {
  type APIApplicationCommandOption,
  type APIEmbed,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { KnowledgeCounts } from '../knowledge/model.js';
import type { SearchIndex } from '../search/index.js';
import { COLORS } from './answer-embed.js';
import { escapeText } from './escape.js';
import { fitEmbed, fitLines, LIMITS } from './fit.js';
import { knowledgeFooter } from './footer.js';

/** `/ask question [private]`: required options in plain, optional ones in brackets. */
export function usage(command: RESTPostAPIChatInputApplicationCommandsJSONBody): string {
  const options = (command.options ?? []) as APIApplicationCommandOption[];
  const parts = options
    .filter(
      (o) =>
        o.type !== ApplicationCommandOptionType.Subcommand &&
        o.type !== ApplicationCommandOptionType.SubcommandGroup,
    )
    .map((o) => ('required' in o && o.required ? o.name : `[${o.name}]`));
  return `/${[command.name, ...parts].join(' ')}`;
}

/** Ways of asking besides slash commands, where they work, and what only moderators are told. */
export interface OtherWays {
  /** The bot's name when mentions are answered where /help was asked (the bot is in that server). */
  mentionName?: string | undefined;
  /** Names of message context-menu commands (Apps → name). */
  messageCommands: readonly string[];
  /** For moderators only, shown first: e.g. that an older knowledge base is being served. */
  moderatorNotice?: string | undefined;
}

/** What the bot knows and how to use each command, built from the live definitions so it never drifts. */
export function helpEmbed(
  index: SearchIndex,
  counts: KnowledgeCounts,
  commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  ways: OtherWays = { messageCommands: [] },
): APIEmbed {
  const featured = index.featured;
  const commandLines = commands.map((c) => {
    const moderators = c.default_member_permissions != null ? ' *(moderators)*' : '';
    return `\`${usage(c)}\` — ${escapeText(c.description)}${moderators}`;
  });
  const otherWays = [
    ...(ways.mentionName
      ? [`• Mention **@${escapeText(ways.mentionName)}** with your question in a channel; I reply there.`]
      : []),
    ...ways.messageCommands.map(
      (name) =>
        `• On any message: **Apps → ${escapeText(name)}** answers its text, privately, with a button to share it.`,
    ),
  ];
  const tips = [
    '• Start typing a name in `/initiative` or `/whois`: suggestions appear as you type, and typos are fine.',
    '• Every answer cites its sources; the footer says when the knowledge was last updated and how sure I am.',
    '• If I\'m unsure I say so and offer "Did you mean…?" choices; if something isn\'t in the knowledge base I tell you.',
    '• `/ask … private: True` shows the answer to you only; `mention:` shows a card to someone else.',
  ];
  return fitEmbed({
    title: 'Initiatives Bot — help',
    description:
      'I answer questions about open AI initiatives from a curated knowledge base where every fact has a source. ' +
      `I know ${counts.initiatives} initiatives, ${counts.organizations} organizations, ${counts.people} people and ` +
      `${counts.projects} projects, backed by ${counts.sources} sources.`,
    color: COLORS.answer,
    fields: [
      ...(ways.moderatorNotice ? [{ name: '⚠️ For moderators', value: ways.moderatorNotice }] : []),
      {
        name: 'Featured initiatives',
        value: fitLines(
          featured.map((r) => `• ${escapeText(r.name)}`),
          LIMITS.fieldValue,
        ),
      },
      { name: 'Commands', value: fitLines(commandLines, LIMITS.fieldValue) },
      ...(otherWays.length
        ? [{ name: 'Other ways to ask', value: fitLines(otherWays, LIMITS.fieldValue) }]
        : []),
      { name: 'Tips', value: fitLines(tips, LIMITS.fieldValue) },
    ],
    ...(knowledgeFooter(index.kb) ? { footer: { text: knowledgeFooter(index.kb) } } : {}),
  });
}
