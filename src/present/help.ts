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

/**
 * What the bot knows and how to use each command, built from the live definitions so it never drifts.
 * `moderatorNotice`, for moderators only, comes first (e.g. that an older knowledge base is being served).
 */
export function helpEmbed(
  index: SearchIndex,
  counts: KnowledgeCounts,
  commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  moderatorNotice?: string,
): APIEmbed {
  const featured = index.featured;
  const commandLines = commands.map((c) => {
    const moderators = c.default_member_permissions != null ? ' *(moderators)*' : '';
    return `\`${usage(c)}\` — ${escapeText(c.description)}${moderators}`;
  });
  const tips = [
    '• Start typing a name in `/initiative` or `/whois`: suggestions appear as you type, and typos are fine.',
    '• Every answer cites its sources; the footer shows the knowledge base version and how sure I am.',
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
      ...(moderatorNotice ? [{ name: '⚠️ For moderators', value: moderatorNotice }] : []),
      {
        name: 'Featured initiatives',
        value: fitLines(
          featured.map((r) => `• ${escapeText(r.name)}`),
          LIMITS.fieldValue,
        ),
      },
      { name: 'Commands', value: fitLines(commandLines, LIMITS.fieldValue) },
      { name: 'Tips', value: fitLines(tips, LIMITS.fieldValue) },
    ],
    footer: { text: `Knowledge base ${index.kb.version}` },
  });
}
