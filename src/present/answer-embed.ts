import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ComponentType,
} from 'discord.js';
import type { Answer, AnswerSource, Suggestion } from '../answer/answer.js';
import { KIND_LABEL, type KnowledgeBase } from '../knowledge/model.js';
import type { SearchIndex } from '../search/index.js';
import { escapeText, markdownLink } from './escape.js';
import { cut, fitEmbed, LIMITS } from './fit.js';
import { footerText, knowledgeFooter } from './footer.js';

/** Embed colours, so an unsure or missing answer looks different from a confident one at a glance. */
export const COLORS = {
  answer: 0x3b82f6,
  unsure: 0xf59e0b,
  missing: 0x6b7280,
  ok: 0x22c55e,
  failed: 0xef4444,
} as const;

/** Below this confidence an answer comes with "Did you mean…?" choices (the answer engine's threshold). */
export const CONFIDENT = 0.6;

/** A row (or rows) of message components, as sent to Discord. */
export type ComponentRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** One bullet per source: a markdown link when the source has a URL, else its title. */
export function sourceLines(sources: readonly AnswerSource[], titleMax = 90): string[] {
  return sources.map((s) => `• ${markdownLink(cut(s.title, titleMax), s.url)}`);
}

/** The question as the asker typed it, quoted and escaped so it can't format, link or mention anything. */
export function quotedQuestion(question: string): string {
  return `> ${escapeText(cut(question.replace(/\s+/g, ' ').trim(), 300))}`;
}

/**
 * Source lines spread over as many fields as they need ("Sources", then unnamed continuations), so every source
 * an answer cites can be opened from it, however long its addresses.
 */
export function sourceFields(lines: readonly string[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let value: string[] = [];
  const flush = () => {
    if (value.length > 0)
      fields.push({ name: fields.length === 0 ? 'Sources' : '\u200b', value: value.join('\n') });
    value = [];
  };
  for (const line of lines) {
    const fitted = cut(line, LIMITS.fieldValue);
    if ([...value, fitted].join('\n').length > LIMITS.fieldValue) flush();
    value.push(fitted);
  }
  flush();
  return fields;
}

/** An answer as an embed: subject as title, the answer, its sources, and when the knowledge was updated. */
export function answerEmbed(
  result: Answer,
  knowledge: Pick<KnowledgeBase, 'updated'>,
  question?: string,
): APIEmbed {
  const body = escapeText(result.answer);
  const unsure = result.confidence < CONFIDENT;
  return fitEmbed({
    title: result.subject?.name ?? 'Answer',
    description: question ? `${quotedQuestion(question)}\n\n${body}` : body,
    color: unsure ? COLORS.unsure : COLORS.answer,
    fields: sourceFields(sourceLines(result.sources)),
    footer: {
      text: footerText(knowledgeFooter(knowledge), `confidence ${Math.round(result.confidence * 100)}%`),
    },
  });
}

/** Custom id of the "Did you mean…?" menu; `:private` keeps the picked answer visible to the asker only. */
export const PICK_ID = 'ask:pick';
export const PICK_PRIVATE_ID = 'ask:pick:private';

/** A select menu of records the user may have meant (at most 25; option values are record ids). */
export function pickMenu(
  suggestions: readonly Suggestion[],
  index: SearchIndex,
  privately: boolean,
): ComponentRow[] {
  const options = suggestions
    .filter((s) => s.id.length <= LIMITS.optionValue && index.kb.byId.has(s.id))
    .filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i)
    .slice(0, LIMITS.selectOptions)
    .map((s) => {
      const record = index.kb.byId.get(s.id);
      return {
        label: cut(s.name, LIMITS.optionLabel),
        value: s.id,
        description: cut(
          record ? `${KIND_LABEL[record.kind]} · ${record.summary}` : s.name,
          LIMITS.optionDescription,
        ),
      };
    });
  if (options.length === 0) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: privately ? PICK_PRIVATE_ID : PICK_ID,
          placeholder: 'Did you mean…?',
          min_values: 1,
          max_values: 1,
          options,
        },
      ],
    },
  ];
}

/** Which of the three outcomes an /ask reply is. */
export type AskOutcome = 'answer' | 'did-you-mean' | 'not-found';

/** A sure answer, an unsure one with "Did you mean…?" choices, or nothing found. */
export function askOutcome(result: Answer): AskOutcome {
  if (!result.answered) return 'not-found';
  return result.confidence < CONFIDENT && result.suggestions.length > 0 ? 'did-you-mean' : 'answer';
}

/** Everything an /ask reply shows. */
export interface AskView {
  outcome: AskOutcome;
  ephemeral: boolean;
  content?: string;
  embeds: APIEmbed[];
  components: ComponentRow[];
}

/**
 * The reply to /ask: a confident answer (public unless `private`); an unsure one as an ephemeral best guess with
 * "Did you mean…?" choices; or an honest "not in the knowledge base" (ephemeral) with topics it does know.
 */
export function askView(question: string, result: Answer, index: SearchIndex, privately: boolean): AskView {
  const { kb } = index;
  const outcome = askOutcome(result);
  if (outcome === 'not-found') {
    const topics = result.suggestions.map((s) => `**${escapeText(s.name)}**`).join(', ');
    const embed = fitEmbed({
      title: 'Not in my knowledge base',
      description: `${quotedQuestion(question)}\n\n${escapeText(result.answer)}${
        topics ? `\n\nYou could ask about: ${topics}.` : ''
      }`,
      color: COLORS.missing,
      ...(knowledgeFooter(kb) ? { footer: { text: knowledgeFooter(kb) } } : {}),
    });
    return {
      outcome: 'not-found',
      ephemeral: true,
      embeds: [embed],
      components: pickMenu(result.suggestions, index, privately),
    };
  }
  if (outcome === 'did-you-mean') {
    return {
      outcome: 'did-you-mean',
      ephemeral: true,
      content:
        "🤔 I'm not sure I understood. Here is my best guess; if you meant something else, pick it below.",
      embeds: [answerEmbed(result, kb, question)],
      components: pickMenu(result.suggestions, index, privately),
    };
  }
  return {
    outcome: 'answer',
    ephemeral: privately,
    embeds: [answerEmbed(result, kb, question)],
    components: [],
  };
}
