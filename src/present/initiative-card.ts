import { type APIButtonComponent, type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { Initiative } from '../knowledge/schema.js';
import type { SearchIndex } from '../search/index.js';
import { COLORS, type ComponentRow } from './answer-embed.js';
import { encodeCardState, INITIATIVE_TOPICS, type InitiativeTopic, recordRef } from './card-state.js';
import { linkUrl } from './escape.js';
import { fitEmbed, LIMITS, paginate } from './fit.js';
import { footerText, knowledgeFooter } from './footer.js';
import { MAX_PAGES, type TopicView, topicHasContent, topicView } from './initiative-topics.js';

type InitiativeRecord = Initiative & { kind: 'initiative' };

/** Page size of a card's description: long enough to read, short enough to scan on a phone. */
export const PAGE_CHARS = 1800;
export const PAGE_LINES = 18;

const LABEL: Record<InitiativeTopic, string> = {
  overview: 'Overview',
  founders: 'Founders',
  members: 'Members',
  goals: 'Goals',
  criticism: 'Criticism',
  timeline: 'Timeline',
  sources: 'Sources',
};

/** Which view of which initiative to draw, and for whom. */
export interface CardRequest {
  topic: InitiativeTopic;
  page: number;
  /** The user who ran /initiative; only they can press the buttons. */
  ownerId: string;
  /** Set false for a card without buttons (e.g. shown by /whois). Default true. */
  buttons?: boolean;
}

/** A rendered card; `page` is clamped to the pages that exist. */
export interface InitiativeCard {
  embeds: APIEmbed[];
  components: ComponentRow[];
  topic: InitiativeTopic;
  page: number;
  pages: number;
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return lines.slice(start, end);
}

/** "…and 4 more": what is left off a topic that would not fit in {@link MAX_PAGES} pages. */
export const moreToAsk = (n: number) => `…and ${n} more — ask me about them with /ask`;

/** Pages a topic, leaving off its last statements (if it allows that) until it fits in {@link MAX_PAGES} pages. */
function fitPages(view: TopicView): string[][] {
  const chars = view.page?.chars ?? PAGE_CHARS;
  const perPage = view.page?.lines ?? PAGE_LINES;
  let pages = paginate(view.lines, chars, perPage);
  if (pages.length <= MAX_PAGES || view.trimFrom === undefined) return pages;
  const kept = [...view.lines];
  let left = 0;
  while (pages.length > MAX_PAGES && kept.length > view.trimFrom) {
    if (kept.pop()?.startsWith('• ')) left++;
    while (kept.length > 0 && (kept[kept.length - 1] === '' || kept[kept.length - 1]?.startsWith('**')))
      kept.pop();
    pages = paginate(left > 0 ? [...kept, moreToAsk(left)] : kept, chars, perPage);
  }
  return pages;
}

/**
 * The /initiative card: one topic of an initiative as an embed, paged, with buttons to switch topic (the current
 * and empty topics are disabled) and ◀ ▶ to turn pages. Button custom ids carry the record, topic, page and owner.
 */
export function initiativeCard(
  initiative: InitiativeRecord,
  index: SearchIndex,
  request: CardRequest,
): InitiativeCard {
  const view = topicView(initiative, request.topic, index);
  const pages = fitPages(view);
  const page = Math.min(Math.max(0, Math.trunc(request.page)), pages.length - 1);
  const lines = trimBlank(pages[page] ?? []);
  const footer = footerText(
    pages.length > 1 ? `page ${page + 1} of ${pages.length}` : undefined,
    knowledgeFooter(index.kb),
  );
  const url = linkUrl(initiative.website);
  const embed = fitEmbed({
    title: `${initiative.name} — ${view.heading}`,
    ...(url ? { url } : {}),
    description: lines.length > 0 ? lines.join('\n') : view.empty,
    color: COLORS.answer,
    fields: page === 0 ? view.fields : [],
    ...(footer ? { footer: { text: footer } } : {}),
  });
  const components: ComponentRow[] = [];
  if (request.buttons !== false) {
    const ref = recordRef(initiative.id, request.ownerId);
    const state = { ref, ownerId: request.ownerId };
    const topicButton = (topic: InitiativeTopic): APIButtonComponent => {
      const empty = topic !== request.topic && !topicHasContent(initiative, topic, index);
      return {
        type: ComponentType.Button,
        style: topic === request.topic ? ButtonStyle.Primary : ButtonStyle.Secondary,
        label: LABEL[topic],
        custom_id: encodeCardState('t', { ...state, topic, page: 0 }),
        disabled: topic === request.topic || empty,
      };
    };
    for (let i = 0; i < INITIATIVE_TOPICS.length; i += LIMITS.buttonsPerRow) {
      const row = INITIATIVE_TOPICS.slice(i, i + LIMITS.buttonsPerRow).map(topicButton);
      components.push({ type: ComponentType.ActionRow, components: row });
    }
    if (pages.length > 1) {
      const pageButton = (label: string, to: number, disabled: boolean): APIButtonComponent => ({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label,
        custom_id: encodeCardState('p', { ...state, topic: request.topic, page: to }),
        disabled,
      });
      components.push({
        type: ComponentType.ActionRow,
        components: [
          pageButton('◀ Previous', Math.max(0, page - 1), page === 0),
          pageButton('Next ▶', Math.min(pages.length - 1, page + 1), page === pages.length - 1),
        ],
      });
    }
  }
  return { embeds: [embed], components, topic: request.topic, page, pages: pages.length };
}
